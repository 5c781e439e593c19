"""Plain reads of the procurement store shared by the indicators (one place for the money rule).

A contract counts when it is not deleted and is in tenge (``store.queries.COUNTED``); its value is
``contract_sum_wnds``, what the buyer pays including VAT, as on every other page.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from opentenge.store import models as m
from opentenge.store.queries import COUNTED, org_slug

ZERO = Decimal("0")


def counted_contracts():
    return m.Contract.objects.filter(COUNTED).order_by("id")


def contracts_by_buyer() -> dict[int, list]:
    """``{buyer id: [(gz_id, supplier_id, method_id, value, sign_date)]}`` for counted contracts."""
    out: dict[int, list] = defaultdict(list)
    for row in counted_contracts().values_list("customer_id", "gz_id", "supplier_id", "method_id",
                                               "contract_sum_wnds", "sign_date"):
        out[row[0]].append(row[1:])
    return out


def slugs(ids) -> dict[int, str]:
    return {o.id: org_slug(o) for o in m.Organisation.objects.filter(id__in=set(ids))}


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole).quantize(Decimal("0.000001")) if whole else None


class BodyMatcher:
    """Finds the store organisation that a published body name (a grant operator, an official's
    ministry or akimat) names, among the buyers.

    Those sources publish the body by name only, never by BIN, in Kazakh or Russian. A name is
    taken to be an organisation only when the project's one name comparer
    (``opentenge.linking.compare``) calls the pair a *match* (score ≥ its match threshold) and no
    other organisation scores as high: a tie is ambiguous and matches nothing, because guessing a
    body would pin a flag on the wrong one. Candidates are found through the comparer's blocking
    keys, so the cost grows with the number of buyers, not with buyers × names.
    """

    def __init__(self, organisations) -> None:
        from opentenge.ids.names import normalize
        from opentenge.linking.compare import name_keys

        self._normalize, self._name_keys = normalize, name_keys
        self._by_key: dict[str, set[int]] = defaultdict(set)
        self._names: dict[int, list[str]] = {}
        self._orgs: dict[int, object] = {}
        for org in organisations:
            names = [n for n in (org.name_ru, org.name_kk) if n]
            self._orgs[org.id], self._names[org.id] = org, names
            for name in names:
                for key in name_keys(normalize(name)):
                    self._by_key[key].add(org.id)

    def find(self, name: str):
        """``(organisation, score)`` for the one organisation this name matches, else ``None``."""
        from opentenge.linking.compare import compare

        if not name or not name.strip():
            return None
        candidates = set().union(*(self._by_key.get(k, set()) for k in self._name_keys(self._normalize(name))))
        best: dict[int, float] = {}
        for org_id in candidates:
            scores = [compare(name, other) for other in self._names[org_id]]
            matched = [c.score for c in scores if c.decision == "match"]
            if matched:
                best[org_id] = max(matched)
        if not best:
            return None
        top = max(best.values())
        winners = [org_id for org_id, score in best.items() if score == top]
        return (self._orgs[winners[0]], top) if len(winners) == 1 else None


def buyer_organisations():
    """Organisations that buy: marked as customers, or the buyer of a counted contract (no persons)."""
    from django.db.models import Q

    buyers = counted_contracts().order_by().values("customer_id")
    return m.Organisation.objects.filter(Q(is_customer=True) | Q(id__in=buyers), is_person=False).order_by("id")

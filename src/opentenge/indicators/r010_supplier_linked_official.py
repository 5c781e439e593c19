"""R010 — supplier linked to an official of the buying body.

A contract whose supplier is headed or owned by someone who holds (or recently held) office at
the buying body is a conflict of interest on its face: the official may have steered the award.

The link has two steps, and each is only as strong as the data:

1. *Official at the buyer*: a position in the officials register (``politics.Position``) whose
   body — published by name only — is the buyer, as ``data.BodyMatcher`` decides (a name match,
   never a guess between two bodies).
2. *Official = company role holder*: the company register names a director or founder only by
   name, so ``politics.links.possible_links`` proposes namesakes and an editor decides. Only
   links an editor **confirmed** count; unreviewed (possible) links are listed in the inputs as
   not counted, rejected ones are left out.

Dates: the position must cover the signing date (up to ``cooling_off_days`` after it ended) and
the role must have started on or before it. A missing date (no start or end of office, no
``since`` for the role, no signing date) is not taken as evidence against overlap: the link
counts and the result names the dates that were unknown. A buyer with no official in the
register at all gets insufficient data for each of its contracts, never "clear".
"""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import BodyMatcher, buyer_organisations, counted_contracts

NOT_COUNTED = "possible link, not confirmed by an editor: not counted"


def _officials_by_buyer(matcher: BodyMatcher) -> dict[int, list]:
    """``{buyer id: [Position]}`` for positions whose published body is that buyer."""
    from opentenge.politics.models import Position

    body_of: dict[str, int | None] = {}
    out: dict[int, list] = defaultdict(list)
    for position in Position.objects.exclude(organisation_name="").select_related("person").order_by("key"):
        name = position.organisation_name
        if name not in body_of:
            hit = matcher.find(name)
            body_of[name] = hit[0].id if hit else None
        if body_of[name] is not None:
            out[body_of[name]].append(position)
    return out


def _role_since(bins: set[str]) -> dict[str, object]:
    """``{role link key: since}`` for the company roles of these BINs."""
    from opentenge.politics.links import role_link_key
    from opentenge.politics.models import CompanyRole

    return {role_link_key(r): r.since for r in CompanyRole.objects.filter(organisation_bin__in=sorted(bins))}


def _person_name(person) -> str:
    return person.name_ru or person.name_kk or person.name_en


@register
class SupplierLinkedOfficial(Indicator):
    code = "R010"
    title = _("Supplier linked to an official of the buying body")
    rule = _("For each contract, the company roles (director, founder) in the supplier held by a person who holds "
             "or held a position at the buying body in the officials register, counting only person links that "
             "an editor confirmed. The position must cover the signing date (or have ended no more than the "
             "cooling-off days before it) and the role must have started by then; a missing date does not "
             "exclude a link. The contract is flagged when at least one such link is found; a contract whose "
             "buyer has no official in the register gets insufficient data.")
    data_needed = _("Contracts: buyer, supplier BIN, signing date; officials register: person, office, body, "
                    "dates; company register: directors and founders by BIN; editors' decisions on person links.")
    false_positives = _("Namesakes wrongly confirmed, a body name in the officials register matched to the wrong "
                        "buyer, roles that ended before the contract (the register shows current roles only), and "
                        "links whose dates are unknown.")
    subject_kind = "contract"
    defaults = {"cooling_off_days": 365}

    def compute(self):
        from opentenge.politics.links import possible_links

        cooling_off = timedelta(days=int(self.threshold("cooling_off_days")))
        officials = _officials_by_buyer(BodyMatcher(buyer_organisations()))
        links: dict[int, list] = {}
        for positions in officials.values():
            for position in positions:
                if position.person_id not in links:
                    links[position.person_id] = [x for x in possible_links(position.person) if x["state"] != "rejected"]
        since = _role_since({x["organisation_bin"] for found in links.values() for x in found})
        rows = counted_contracts().values_list("gz_id", "customer_id", "supplier_id", "supplier__bin", "sign_date")
        for gz_id, buyer_id, supplier_id, supplier_bin, signed in rows.iterator(chunk_size=2000):
            positions = officials.get(buyer_id)
            if not positions:
                yield Result("contract", str(gz_id), INSUFFICIENT, None, Decimal(1),
                             {"reason": "no official of the buying body in the officials register"},
                             buyer_id=buyer_id, supplier_id=supplier_id, contracts=[gz_id])
                continue
            counted, not_counted = [], []
            for position in positions:
                for link in links[position.person_id]:
                    if not supplier_bin or link["organisation_bin"] != supplier_bin:
                        continue
                    item = self._describe(position, link, since.get(link["role_key"]), signed, cooling_off)
                    if link["state"] != "confirmed":
                        not_counted.append({**item, "counted": False, "why": NOT_COUNTED})
                    elif item["outside_dates"]:
                        not_counted.append({**item, "counted": False, "why": "dates do not overlap: not counted"})
                    else:
                        counted.append({**item, "counted": True})
            inputs = {"sign_date": signed, "officials_of_buyer": len({p.person_id for p in positions}),
                      "links": counted, "not_counted": not_counted}
            yield Result("contract", str(gz_id), FLAGGED if counted else CLEAR, Decimal(len(counted)), Decimal(1),
                         inputs, buyer_id=buyer_id, supplier_id=supplier_id, contracts=[gz_id])

    @staticmethod
    def _describe(position, link: dict, role_since, signed, cooling_off: timedelta) -> dict:
        """One link as published in the inputs: names and roles only, never an identifier of the person."""
        unknown = [name for name, value in (("sign_date", signed), ("office_start", position.start_date),
                                            ("role_since", role_since)) if value is None]
        if position.end_date is None and not position.is_current:
            unknown.append("office_end")
        outside = False
        if signed is not None:
            started_late = position.start_date is not None and position.start_date > signed
            ended_early = position.end_date is not None and position.end_date + cooling_off < signed
            role_late = role_since is not None and role_since > signed
            outside = started_late or ended_early or role_late
        return {"person": _person_name(position.person), "person_key": position.person.key,
                "company_role": link["role"], "role_since": role_since,
                "office": position.role_ru or position.role_kk or position.role_en,
                "body": position.organisation_name, "office_start": position.start_date,
                "office_end": position.end_date, "link_state": link["state"], "link_score": link["score"],
                "dates_unknown": unknown, "outside_dates": outside}

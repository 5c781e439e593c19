"""What an editor can do with the review queue: accept, reject, split. Used by the admin and tests.

Each call writes one audit-log entry (``ReviewAction``: who, when, why) and the editor judgments
it implies, then rebuilds the clusters the decision touches, so the organisation pages show the
change at once (a full ``opentenge link`` would give the same clusters).
"""
from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q

from opentenge.linking import canonical
from opentenge.linking.judgments import current_judgments, ordered, record_editor_decision
from opentenge.linking.models import ReviewAction
from opentenge.store import models as sm
from opentenge.store.queries import org_slug


class ReviewError(ValueError):
    """The decision cannot be applied as asked (message says why)."""


def _score_of(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], float | None]:
    pairs = [ordered(a, b) for a, b in pairs]
    current = current_judgments({k for p in pairs for k in p})
    return {p: current[p].score for p in pairs if p in current}


def accept(left: str, right: str, *, user: str, reason: str = "") -> ReviewAction:
    """The two records are the same entity."""
    if canonical.is_identified(left) and canonical.is_identified(right):
        raise ReviewError(f"{left} and {right} both carry a BIN/IIN: different identifiers are never one entity")
    action = record_editor_decision(ReviewAction.Kind.ACCEPT, [(left, right)], user=user, reason=reason,
                                    score_of=_score_of([(left, right)]))
    canonical.rebuild_around([left, right])
    return action


def reject(left: str, right: str, *, user: str, reason: str = "") -> ReviewAction:
    """The two records are different entities."""
    action = record_editor_decision(ReviewAction.Kind.REJECT, [(left, right)], user=user, reason=reason,
                                    score_of=_score_of([(left, right)]))
    canonical.rebuild_around([left, right])
    return action


def split(side_a: Iterable[str], side_b: Iterable[str], *, user: str, reason: str = "") -> ReviewAction:
    """Split a wrongly merged cluster in two: a negative judgment between every pair across the sides.

    Negatives between *every* cross pair (not only the positive links that joined them) mean no
    chain of positive judgments, old or future, can join the two sides again.
    """
    side_a, side_b = sorted(set(side_a)), sorted(set(side_b))
    if not side_a or not side_b:
        raise ReviewError("a split needs at least one record on each side")
    if set(side_a) & set(side_b):
        raise ReviewError(f"records on both sides of the split: {', '.join(sorted(set(side_a) & set(side_b)))}")
    members = set(canonical.cluster_members(side_a[0]))
    outside = [k for k in side_a + side_b if k not in members]
    if outside:
        raise ReviewError(f"not in the same cluster as {side_a[0]}: {', '.join(outside)}")
    pairs = [(a, b) for a in side_a for b in side_b]
    action = record_editor_decision(ReviewAction.Kind.SPLIT, pairs, user=user, reason=reason,
                                    detail={"side_a": side_a, "side_b": side_b}, score_of=_score_of(pairs))
    canonical.rebuild_around(side_a + side_b)
    return action


def organisation_cards(keys: Iterable[str]) -> dict[str, dict]:
    """What an editor needs to judge a record: names, identifier, roles, contracts, source."""
    keys = list(keys)
    orgs = sm.Organisation.objects.filter(key__in=keys).annotate(
        n_buyer=Count("contracts_as_customer", distinct=True, filter=Q(contracts_as_customer__deleted=False)),
        n_supplier=Count("contracts_as_supplier", distinct=True, filter=Q(contracts_as_supplier__deleted=False)),
    ).select_related("source_file")
    cards = {}
    for org in orgs:
        roles = [r for r in ("customer", "supplier", "organizer") if getattr(org, f"is_{r}")]
        cards[org.key] = {
            "key": org.key, "slug": org_slug(org), "name_ru": org.name_ru, "name_kk": org.name_kk,
            "bin": org.bin, "iin_masked": org.iin_masked or None, "is_person": org.is_person,
            "roles": roles, "registered_on": org.registered_on, "source": org.source,
            "file": org.source_file.name if org.source_file else None, "locator": org.locator,
            "contracts_as_buyer": org.n_buyer, "contracts_as_supplier": org.n_supplier,
        }
    for key in keys:
        cards.setdefault(key, {"key": key, "slug": None, "name_ru": "", "name_kk": "", "missing": True})
    return cards

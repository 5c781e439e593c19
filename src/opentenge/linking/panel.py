"""The "Same organisation in other records" section of an organisation's page (and its JSON).

Three lists, each entry an organisation summary plus the judgment that put it there:

* ``linked``: the other members of the organisation's cluster (canonical entity), with the direct
  judgment between the two when there is one (``via`` names it: automatic with its score, or an
  editor's), else ``"cluster"`` (joined through another record);
* ``awaiting_review``: pairs with this organisation whose current judgment is ``unsure``;
* ``rejected``: pairs an editor judged to be different entities (automatic no-matches are not
  shown: they are the normal case).
"""
from __future__ import annotations

from opentenge.linking.judgments import current_judgments
from opentenge.linking.models import CanonicalMembership, Decision, JudgmentSource
from opentenge.store import models as sm
from opentenge.store.queries import NotFound, get_organisation, organisation_summary


def _entry(org: sm.Organisation, judgment, state: str) -> dict:
    return {
        **organisation_summary(org),
        "key": org.key,
        "state": state,
        "source": judgment.source if judgment else None,
        "score": judgment.score if judgment else None,
    }


def links_for(org_key: str) -> dict | None:
    """The panel's data, or ``None`` when the organisation has no link to show."""
    membership = CanonicalMembership.objects.filter(org_key=org_key).first()
    members = []
    if membership and membership.size > 1:
        members = list(CanonicalMembership.objects.filter(canonical_key=membership.canonical_key)
                       .exclude(org_key=org_key).values_list("org_key", flat=True))
    judgments = {pair: j for pair, j in current_judgments([org_key]).items()}
    direct = {(right if left == org_key else left): j for (left, right), j in judgments.items()}
    pending = [k for k, j in direct.items() if j.decision == Decision.UNSURE and k not in members]
    rejected = [k for k, j in direct.items()
                if j.decision == Decision.NEGATIVE and j.source == JudgmentSource.EDITOR and k not in members]
    if not (members or pending or rejected):
        return None
    orgs = sm.Organisation.objects.in_bulk(members + pending + rejected, field_name="key")
    return {
        "canonical_key": membership.canonical_key if membership else org_key,
        "linked": [_entry(orgs[k], direct.get(k), "linked" if k in direct else "cluster")
                   for k in sorted(members) if k in orgs],
        "awaiting_review": [_entry(orgs[k], direct[k], "awaiting_review") for k in sorted(pending) if k in orgs],
        "rejected": [_entry(orgs[k], direct[k], "rejected") for k in sorted(rejected) if k in orgs],
    }


def build_panel(detail: dict):
    """The panel hook of ``opentenge.web.panels``: ``detail`` is the organisation page's data."""
    try:
        org = get_organisation(detail["id"])
    except NotFound:
        return None
    return links_for(org.key)

"""Openness measures: draft acts put up for discussion, short discussions, public councils, NGO
proposals, and lobbying contacts disclosed with the body.

A count of 0 is only given when the source holds data for the year (someone else's drafts,
opinions, proposals or published lobbying reports): without any, the store simply does not have
that source for the year, and the body gets insufficient data instead of a misleading 0.
"""
from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from opentenge.legislation.models import CouncilOpinion, LegislativeAct, NgoProposal
from opentenge.legislation.stages import MINIMUM_DISCUSSION_DAYS, too_short
from opentenge.scorecards.values import MIN_DRAFTS, MIN_PROPOSALS, Value, lacking, share_value


def _no_source(year: int, what) -> Value:
    return lacking("no_source_data", _("no %(what)s in the data for %(year)s") % {"what": what, "year": year})


def _drafts(year: int):
    return LegislativeAct.objects.filter(kind=LegislativeAct.Kind.DRAFT, discussion_start__year=year)


def drafts_published(year: int, bodies) -> dict[int, Value]:
    """Draft acts the body developed whose public discussion opened in the year."""
    if not _drafts(year).exists():
        return {b.id: _no_source(year, _("draft acts")) for b in bodies}
    counts = dict(_drafts(year).filter(developer_id__in=[b.id for b in bodies]).values("developer_id")
                  .annotate(n=Count("id")).values_list("developer_id", "n"))
    return {b.id: Value(counts.get(b.id, 0), counts.get(b.id, 0), None) for b in bodies}


def short_discussions(year: int, bodies) -> dict[int, Value]:
    """Share of the body's drafts discussed for fewer days than the legal minimum (legislation.stages)."""
    found: dict[int, list] = defaultdict(lambda: [0, 0])
    rows = (_drafts(year).filter(developer_id__in=[b.id for b in bodies], discussion_end__isnull=False)
            .values_list("developer_id", "discussion_start", "discussion_end"))
    for developer, start, end in rows:
        found[developer][0] += 1
        found[developer][1] += too_short(start, end)
    out = {}
    for body in bodies:
        n, short = found.get(body.id, (0, 0))
        out[body.id] = share_value(short, n) if n >= MIN_DRAFTS else lacking(
            "few_drafts", _("fewer than %(n)s draft acts with both discussion dates in %(year)s")
            % {"n": MIN_DRAFTS, "year": year})
    return out


def council_opinions(year: int, bodies) -> dict[int, Value]:
    """Opinions of public councils received in the year: from the body's own council, or on its drafts."""
    opinions = CouncilOpinion.objects.filter(date__year=year)
    if not opinions.exists():
        return {b.id: _no_source(year, _("public-council opinions")) for b in bodies}
    ids = [b.id for b in bodies]
    seen: dict[int, set[int]] = defaultdict(set)
    for pk, council_body, developer in opinions.filter(Q(council__body_id__in=ids) | Q(act__developer_id__in=ids)) \
            .values_list("id", "council__body_id", "act__developer_id"):
        for body_id in {council_body, developer} & set(ids):
            seen[body_id].add(pk)
    return {b.id: Value(len(seen[b.id]), len(seen[b.id]), None) for b in bodies}


def _proposals(year: int, bodies) -> dict[int, dict]:
    answered = ~Q(outcome=NgoProposal.Outcome.PENDING)
    accepted = Q(outcome__in=(NgoProposal.Outcome.ACCEPTED, NgoProposal.Outcome.PARTLY))
    rows = (NgoProposal.objects.filter(date__year=year, act__developer_id__in=[b.id for b in bodies])
            .values("act__developer_id")
            .annotate(n=Count("id"), answered=Count("id", filter=answered), accepted=Count("id", filter=accepted)))
    return {r["act__developer_id"]: r for r in rows}


def _few_proposals(year: int, what) -> Value:
    return lacking("few_proposals", _("fewer than %(n)s %(what)s in %(year)s") % {"n": MIN_PROPOSALS, "what": what,
                                                                                  "year": year})


def ngo_answered(year: int, bodies) -> dict[int, Value]:
    """Share of NGO proposals on the body's drafts that the body answered (accepted, partly or rejected)."""
    rows = _proposals(year, bodies)
    out = {}
    for body in bodies:
        r = rows.get(body.id)
        out[body.id] = share_value(r["answered"], r["n"]) if r and r["n"] >= MIN_PROPOSALS \
            else _few_proposals(year, _("NGO proposals"))
    return out


def ngo_accepted(year: int, bodies) -> dict[int, Value]:
    """Share of the answered NGO proposals that were accepted in full or in part."""
    rows = _proposals(year, bodies)
    out = {}
    for body in bodies:
        r = rows.get(body.id)
        out[body.id] = share_value(r["accepted"], r["answered"]) if r and r["answered"] >= MIN_PROPOSALS \
            else _few_proposals(year, _("answered NGO proposals"))
    return out


def lobbying_contacts(year: int, bodies) -> dict[int, Value]:
    """Meetings with the body disclosed in current published lobbying reports, dated in the year."""
    from opentenge.lobbying.queries import live_meetings, live_versions

    if not live_versions().filter(report__year=year).exists():
        return {b.id: _no_source(year, _("published lobbying reports")) for b in bodies}
    counts = dict(live_meetings().filter(date__year=year, body_id__in=[b.id for b in bodies]).values("body_id")
                  .annotate(n=Count("id")).values_list("body_id", "n"))
    return {b.id: Value(counts.get(b.id, 0), counts.get(b.id, 0), None) for b in bodies}


__all__ = ["MINIMUM_DISCUSSION_DAYS", "council_opinions", "drafts_published", "lobbying_contacts", "ngo_accepted",
           "ngo_answered", "short_discussions"]

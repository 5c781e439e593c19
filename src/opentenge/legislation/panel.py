"""The organisation page's "Legislation" section: drafts it developed, its council, its NGO proposals."""
from __future__ import annotations


from opentenge.legislation import models as lm
from opentenge.legislation.queries import act_summary
from opentenge.store.queries import NotFound, get_organisation
from opentenge.web.language import page_language

SHOWN = 10


def organisation_panel(detail: dict):
    try:
        org = get_organisation(detail["id"])
    except (KeyError, NotFound):
        return None
    lang = page_language()
    developed = lm.LegislativeAct.objects.filter(developer=org).order_by("-discussion_start", "-id")
    proposals = lm.NgoProposal.objects.filter(ngo=org).select_related("act").order_by("-date")
    councils = lm.PublicCouncil.objects.filter(body=org)
    if not (developed.exists() or proposals.exists() or councils.exists()):
        return None
    return {"developed_count": developed.count(), "developed": [act_summary(a, lang) for a in developed[:SHOWN]],
            "councils": [{"key": c.key, "name": (c.name_kk if lang == "kk" else c.name_ru) or c.name_ru or c.name_kk,
                          "members": c.members.count()} for c in councils],
            "proposals": [{"act_id": p.act_id, "act": act_summary(p.act, lang)["title"], "date": p.date,
                           "outcome": p.outcome, "outcome_label": p.get_outcome_display()} for p in proposals[:SHOWN]]}

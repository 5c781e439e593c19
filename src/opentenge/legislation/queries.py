"""What the tracker's pages and API show: one function per page, returning plain data.

The HTML page, its JSON twin, its CSV and its Atom feed all read from these functions, so the
four can never disagree. ``timeline`` merges an act's dated steps from every table into one list
in date order (ties broken by the normal order of a law's life).
"""
from __future__ import annotations

from datetime import date

from django.db.models import F, Q
from django.utils import timezone

from opentenge.legislation import models as lm
from opentenge.legislation.stages import MINIMUM_DISCUSSION_DAYS, STAGE_ORDER, discussion_days, stage_label, too_short
from opentenge.store.queries import NotFound, org_slug

PAGE = 50


def title(act: lm.LegislativeAct, lang: str) -> str:
    return (act.title_kk or act.title_ru) if lang == "kk" else (act.title_ru or act.title_kk)


def act_summary(act: lm.LegislativeAct, lang: str) -> dict:
    return {"id": act.pk, "key": act.key, "kind": act.kind, "title": title(act, lang), "title_ru": act.title_ru,
            "title_kk": act.title_kk, "act_type": act.act_type, "developer": act.developer_name,
            "developer_org": org_slug(act.developer) if act.developer_id else None,
            "discussion_start": act.discussion_start, "discussion_end": act.discussion_end,
            "discussion_days": discussion_days(act.discussion_start, act.discussion_end),
            "discussion_too_short": too_short(act.discussion_start, act.discussion_end),
            "status": act.status, "status_label": stage_label(act.status), "comments": act.comments, "url": act.url}


def act_list(params, lang: str, today: date | None = None) -> dict:
    """Acts filtered by ``status``, ``body`` (developer name contains), ``open`` and ``short``."""
    today = today or timezone.localdate()
    filters = {k: (params.get(k) or "").strip() for k in ("status", "body", "open", "short", "kind")}
    items = act_rows(filters, lang, today)
    bodies = sorted(set(lm.LegislativeAct.objects.exclude(developer_name="").values_list("developer_name", flat=True)))
    statuses = [{"code": c, "label": stage_label(c)} for c in
                sorted(set(lm.LegislativeAct.objects.values_list("status", flat=True)), key=lambda c: STAGE_ORDER.get(c, 99))]
    return {"filters": filters, "count": len(items), "items": items[:PAGE * 10], "bodies": bodies,
            "statuses": statuses, "minimum_discussion_days": MINIMUM_DISCUSSION_DAYS, "today": today}


def act_rows(filters: dict, lang: str, today: date) -> list[dict]:
    """Every act the filters select, newest discussion first (the list page shows the first ones)."""
    acts = lm.LegislativeAct.objects.select_related("developer").order_by(
        F("discussion_start").desc(nulls_last=True), "-id")
    if filters.get("status"):
        acts = acts.filter(status=filters["status"])
    if filters.get("kind") in ("draft", "bill"):
        acts = acts.filter(kind=filters["kind"])
    if filters.get("body"):
        acts = acts.filter(developer_name__icontains=filters["body"])
    if filters.get("open"):
        acts = acts.filter(discussion_start__lte=today, discussion_end__gte=today)
    items = [act_summary(a, lang) for a in acts]
    if filters.get("short"):
        items = [i for i in items if i["discussion_too_short"]]
    return items


def get_act(act_id) -> lm.LegislativeAct:
    try:
        return lm.LegislativeAct.objects.select_related("developer", "draft").get(pk=int(act_id))
    except (ValueError, lm.LegislativeAct.DoesNotExist):
        raise NotFound(f"no act {act_id!r}") from None


def _source(row) -> dict:
    return {"file": row.source_file.path if row.source_file_id else "", "locator": row.locator, "url": row.source_url}


def timeline(act: lm.LegislativeAct, lang: str) -> list[dict]:
    """Every dated step of ``act`` (and of the draft it grew from) in the order it happened."""
    acts = [a for a in (act.draft, act) if a is not None]
    steps: list[dict] = []
    for a in acts:
        if a.discussion_start:
            steps.append({"date": a.discussion_start, "type": "discussion", "rank": 0,
                          "label": stage_label("discussion"), "text": title(a, lang), "act": a.key,
                          "end": a.discussion_end, "source": {"file": "", "locator": a.locator, "url": a.url}})
        for e in a.events.select_related("source_file").all():
            if e.stage == "discussion" and e.date == a.discussion_start:
                continue
            steps.append({"date": e.date, "type": "stage", "stage": e.stage, "rank": STAGE_ORDER.get(e.stage, 50),
                          "label": stage_label(e.stage), "text": e.note, "act": a.key, "source": _source(e)})
        for o in a.opinions.select_related("council", "source_file").all():
            steps.append({"date": o.date, "type": "opinion", "rank": 1, "label": o.get_position_display(),
                          "position": o.position, "council": str(o.council), "text": o.summary, "act": a.key,
                          "source": _source(o)})
        for p in a.proposals.select_related("source_file", "ngo").all():
            steps.append({"date": p.date, "type": "proposal", "rank": 1, "outcome": p.outcome,
                          "label": p.get_outcome_display(), "ngo": p.ngo_name, "text": p.proposal, "reply": p.reply,
                          "reply_date": p.reply_date, "act": a.key,
                          "ngo_org": org_slug(p.ngo) if p.ngo_id else None, "source": _source(p)})
        # Lobbying reports and meetings naming the act: public versions only (see lobbying.queries).
        from opentenge.lobbying.queries import bill_steps

        steps.extend(bill_steps(a, lang))
    steps.sort(key=lambda s: (s["date"], s["rank"]))
    for s in steps:
        s.pop("rank")
    return steps


def act_detail(act_id, lang: str) -> dict:
    act = get_act(act_id)
    data = act_summary(act, lang)
    data.update(draft=act_summary(act.draft, lang) if act.draft else None,
                bills=[act_summary(b, lang) for b in act.bills.all()],
                timeline=timeline(act, lang), minimum_discussion_days=MINIMUM_DISCUSSION_DAYS,
                source={"file": act.source_file.path if act.source_file_id else "", "locator": act.locator})
    return data


def recent_steps(lang: str, limit: int = 50) -> list[dict]:
    """The newest steps over all acts, for the list's Atom feed."""
    acts = lm.LegislativeAct.objects.filter(
        Q(discussion_start__isnull=False) | Q(events__isnull=False)).distinct().order_by("-id")[:200]
    steps = []
    for act in acts.select_related("draft"):
        for s in timeline(act, lang):
            if s["act"] == act.key:
                steps.append({**s, "act_id": act.pk, "title": title(act, lang)})
    steps.sort(key=lambda s: s["date"], reverse=True)
    return steps[:limit]


def csv_tables(data: dict) -> dict:
    header = ["key", "kind", "title_ru", "title_kk", "act_type", "developer", "discussion_start", "discussion_end",
              "discussion_days", "discussion_too_short", "status", "comments", "url"]
    return {"acts": (header, [[i[h] for h in header] for i in data["items"]])}


def councils(lang: str) -> dict:
    """The register of public councils: members as published, meetings, opinions given."""
    items = []
    for c in lm.PublicCouncil.objects.select_related("body").order_by("key"):
        items.append({"key": c.key, "name": (c.name_kk if lang == "kk" else c.name_ru) or c.name_ru or c.name_kk,
                      "body": c.body_name, "body_org": org_slug(c.body) if c.body_id else None, "url": c.source_url,
                      "members": [{"name": p.name, "role": p.role, "affiliation": p.affiliation}
                                  for p in c.members.order_by("id")],
                      "meetings": [{"date": mt.date, "subject": mt.subject} for mt in c.meetings.all()],
                      "opinions": [{"act_id": o.act_id, "act": title(o.act, lang), "date": o.date,
                                    "position": o.get_position_display()}
                                   for o in c.opinions.select_related("act")]})
    return {"count": len(items), "items": items}

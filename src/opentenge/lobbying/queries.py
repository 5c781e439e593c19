"""What the register's public pages, downloads, feeds and API show: plain data, one function a page.

Public means published. Only registrants that a moderator accepted (``active``) or that left the
register (``withdrawn``, shown as such) are public; of a report only its ``published`` and
``superseded`` versions are. Drafts, submitted and returned versions never leave this module — every
query below starts from ``public_versions()`` or ``live_versions()``, so no page can forget the rule.

``live_versions()`` is the current published version of each report that was not withdrawn: what
the meeting log, the rankings and a bill's timeline count. Superseded versions stay readable on
the report page (``?version=N``) and in ``reports.csv``, but are not counted twice.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from opentenge.lobbying import models as lob
from opentenge.store.queries import NotFound, get_organisation, org_slug

PUBLIC_REGISTRANT = (lob.Registrant.Status.ACTIVE, lob.Registrant.Status.WITHDRAWN)
PUBLIC_VERSION = (lob.ReportVersion.State.PUBLISHED, lob.ReportVersion.State.SUPERSEDED)
ISSUES_SHOWN = 300
RANKED = 20
NEWEST = 20


# -- the public subset ---------------------------------------------------------------------------

def public_registrants():
    return lob.Registrant.objects.filter(status__in=PUBLIC_REGISTRANT).select_related("organisation")


def public_versions():
    return lob.ReportVersion.objects.filter(state__in=PUBLIC_VERSION,
                                            report__registrant__status__in=PUBLIC_REGISTRANT)


def live_versions():
    """The current published version of every public report that was not withdrawn."""
    return public_versions().filter(state=lob.ReportVersion.State.PUBLISHED).exclude(
        report__state=lob.Report.State.WITHDRAWN)


def public_reports():
    return lob.Report.objects.filter(registrant__status__in=PUBLIC_REGISTRANT,
                                     versions__state__in=PUBLIC_VERSION).distinct()


def _current_version(report: lob.Report) -> lob.ReportVersion | None:
    """The published version, or for a withdrawn report the latest version that was public."""
    versions = [v for v in report.versions.all() if v.state in PUBLIC_VERSION]
    published = [v for v in versions if v.state == lob.ReportVersion.State.PUBLISHED]
    if published:
        return published[-1]
    return versions[-1] if versions else None


# -- small dicts shared by pages -----------------------------------------------------------------

def _bill(act, lang: str) -> dict:
    from opentenge.legislation.queries import title

    return {"id": act.pk, "key": act.key, "title": title(act, lang)}


def _org(org) -> str | None:
    return org_slug(org) if org is not None else None


def registrant_summary(r: lob.Registrant) -> dict:
    return {"id": r.pk, "name": r.name, "bin": r.bin, "kind": r.kind, "kind_label": str(r.get_kind_display()),
            "status": r.status, "withdrawn": r.status == lob.Registrant.Status.WITHDRAWN,
            "interests": r.interest_list(), "budget_band": r.budget_band,
            "budget_band_label": str(r.get_budget_band_display()), "website": r.website,
            "organisation": _org(r.organisation), "registered_at": r.registered_at,
            "url": reverse("lobbying-registrant", args=[r.pk])}


def report_summary(report: lob.Report, version: lob.ReportVersion | None) -> dict:
    return {"id": report.pk, "registrant_id": report.registrant_id, "registrant": report.registrant.name,
            "year": report.year, "quarter": report.quarter, "period": report.period, "due": report.due,
            "late": report.late, "withdrawn": report.state == lob.Report.State.WITHDRAWN,
            "withdrawn_at": report.withdrawn_at if report.state == lob.Report.State.WITHDRAWN else None,
            "version": version.number if version else None,
            "version_state": version.state if version else None,
            "published_at": version.published_at if version else None,
            "first_published_at": report.published_at,
            "url": reverse("lobbying-report", args=[report.pk])}


def meeting_row(m: lob.Meeting, lang: str) -> dict:
    report = m.version.report
    return {"date": m.date, "official": m.official_name, "position": m.official_position, "body": m.body_name,
            "body_org": _org(m.body), "subject": m.subject, "bill": _bill(m.bill, lang) if m.bill_id else None,
            "registrant_id": report.registrant_id, "registrant": report.registrant.name, "report_id": report.pk,
            "period": report.period, "version": m.version.number,
            "url": reverse("lobbying-report", args=[report.pk])}


def _history(events) -> list[dict]:
    """Public steps: what happened, when, and by whom as a role — never an account or an address."""
    return [{"at": e.at, "action": e.action, "actor": e.actor_label,
             "version": e.version.number if e.version_id else None} for e in events]


# -- register home: search and filters -----------------------------------------------------------

FILTERS = ("q", "kind", "interest", "body", "bill", "year", "quarter")


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _filters(params) -> dict:
    return {k: (params.get(k) or "").strip()[:200] for k in FILTERS}


def _registrant_q(f: dict, prefix: str = "") -> Q:
    cond = Q()
    if f["q"]:
        cond &= Q(**{f"{prefix}name__icontains": f["q"]}) | Q(**{f"{prefix}bin": f["q"]})
    if f["kind"]:
        cond &= Q(**{f"{prefix}kind": f["kind"]})
    if f["interest"]:
        cond &= Q(**{f"{prefix}interests__icontains": f["interest"]})
    return cond


def search_reports(f: dict):
    """Public reports matching the filters (the registrant's, and the body/bill/period ones)."""
    reports = public_reports().filter(_registrant_q(f, "registrant__"))
    if f["body"]:
        named = public_versions().filter(Q(bodies__name__icontains=f["body"]) | Q(meetings__body_name__icontains=f["body"]))
        reports = reports.filter(versions__in=named)
    if _int(f["bill"]) is not None:
        named = public_versions().filter(Q(bills__pk=_int(f["bill"])) | Q(meetings__bill_id=_int(f["bill"])))
        reports = reports.filter(versions__in=named)
    if _int(f["year"]) is not None:
        reports = reports.filter(year=_int(f["year"]))
    if _int(f["quarter"]) is not None:
        reports = reports.filter(quarter=_int(f["quarter"]))
    return reports.distinct().select_related("registrant").prefetch_related("versions")


def _report_rows(reports) -> list[dict]:
    rows = [report_summary(r, _current_version(r)) for r in reports]
    rows.sort(key=lambda r: (r["published_at"].timestamp() if r["published_at"] else 0, r["id"]), reverse=True)
    return rows


def register_home(params, lang: str) -> dict:
    f = _filters(params)
    registrants = [registrant_summary(r) for r in public_registrants().filter(_registrant_q(f))]
    reports = _report_rows(search_reports(f))
    from opentenge.legislation.models import LegislativeAct

    named_bills = LegislativeAct.objects.filter(
        Q(lobbying_versions__in=public_versions()) | Q(lobbying_meetings__version__in=public_versions())).distinct()
    return {"filters": f, "kinds": [{"code": c, "label": str(label)} for c, label in lob.RegistrantKind.choices],
            "bills": sorted((_bill(a, lang) for a in named_bills), key=lambda b: b["title"]),
            "years": sorted(set(public_reports().values_list("year", flat=True)), reverse=True),
            "counts": {"registrants": public_registrants().count(), "reports": public_reports().count(),
                       "meetings": lob.Meeting.objects.filter(version__in=live_versions()).count()},
            "registrants": registrants, "registrant_count": len(registrants),
            "reports": reports[:NEWEST], "report_count": len(reports)}


# -- one registrant --------------------------------------------------------------------------------

def get_registrant(registrant_id) -> lob.Registrant:
    try:
        return public_registrants().get(pk=int(registrant_id))
    except (TypeError, ValueError, lob.Registrant.DoesNotExist):
        raise NotFound(f"no public registrant {registrant_id!r}") from None


def registrant_detail(registrant_id, lang: str) -> dict:
    r = get_registrant(registrant_id)
    data = registrant_summary(r)
    data["lobbyists"] = [{
        "name": p.name, "active": p.active,
        "former_positions": [{"position": fp.position, "body": fp.body_name, "body_org": _org(fp.body),
                              "start": fp.start, "end": fp.end} for fp in p.former_positions.select_related("body")],
    } for p in r.lobbyists.all()]
    for p in data["lobbyists"]:
        p["revolving_door"] = bool(p["former_positions"])
    data["clients"] = [{"name": c.name, "bin": c.bin, "active": c.active,
                        "organisation": _org(c.organisation) or (c.bin if len(c.bin) == 12 else None)}
                       for c in r.clients.select_related("organisation")]
    reports = public_reports().filter(registrant=r).prefetch_related("versions").order_by("-year", "-quarter")
    data["reports"] = [report_summary(rep, _current_version(rep)) for rep in reports]
    data["history"] = _history(r.audit.filter(report__isnull=True).select_related("version"))
    return data


# -- one report ------------------------------------------------------------------------------------

def version_detail(v: lob.ReportVersion, lang: str) -> dict:
    return {"number": v.number, "state": v.state, "state_label": str(v.get_state_display()),
            "published_at": v.published_at, "issues": v.issues, "amendment_note": v.amendment_note,
            "bills": [_bill(a, lang) for a in v.bills.all()],
            "bodies": [{"name": b.name, "organisation": _org(b.organisation)} for b in v.bodies.select_related("organisation")],
            "meetings": [{"date": m.date, "official": m.official_name, "position": m.official_position,
                          "body": m.body_name, "body_org": _org(m.body), "subject": m.subject,
                          "bill": _bill(m.bill, lang) if m.bill_id else None}
                         for m in v.meetings.select_related("body", "bill")],
            "spending_exact": v.spending_exact, "spending_band": v.spending_band,
            "spending_band_label": str(v.get_spending_band_display()) if v.spending_band else "",
            "payments": [{"client": p.client.name, "client_org": _org(p.client.organisation), "amount": p.amount,
                          "band": p.band, "band_label": str(p.get_band_display()) if p.band else ""}
                         for p in v.payments.select_related("client__organisation")]}


def report_detail(report_id, lang: str, version=None) -> dict:
    """A report's shown version (the current one, or ``version``), its public versions and history."""
    try:
        report = public_reports().select_related("registrant").get(pk=int(report_id))
    except (TypeError, ValueError, lob.Report.DoesNotExist):
        raise NotFound(f"no public report {report_id!r}") from None
    versions = list(report.versions.filter(state__in=PUBLIC_VERSION).order_by("number"))
    current = _current_version(report)
    shown = current
    if version not in (None, ""):
        shown = next((v for v in versions if str(v.number) == str(version).strip()), None)
        if shown is None:
            raise NotFound(f"no public version {version!r} of report {report_id!r}")
    data = report_summary(report, current)
    data.update(registrant_detail_link=registrant_summary(report.registrant),
                withdrawal_reason=report.withdrawal_reason if data["withdrawn"] else "",
                shown=version_detail(shown, lang), shown_is_current=shown.pk == current.pk,
                versions=[{"number": v.number, "state": v.state, "state_label": str(v.get_state_display()),
                           "published_at": v.published_at, "amendment_note": v.amendment_note,
                           "current": v.pk == current.pk} for v in versions],
                history=_history(report.audit.filter(Q(version__isnull=True) | Q(version__state__in=PUBLIC_VERSION))
                                 .select_related("version")))
    return data


# -- meeting logs ----------------------------------------------------------------------------------

MEETING_FILTERS = ("official", "body", "bill", "from", "to")


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def live_meetings():
    return lob.Meeting.objects.filter(version__in=live_versions()).select_related(
        "version__report__registrant", "body", "bill")


def meeting_log(params, lang: str) -> dict:
    """Meetings of current published reports; ``official``/``body`` contain, ``bill`` id, ``from``/``to`` dates."""
    f, meetings, errors = filtered_meetings(params)
    items = [meeting_row(m, lang) for m in meetings.order_by("-date", "-id")]
    return {"filters": f, "errors": errors, "count": len(items), "items": items}


def filtered_meetings(params) -> tuple[dict, object, list[str]]:
    """The meeting log's filters applied: (filters as read, meetings, names of unreadable dates)."""
    f = {k: (params.get(k) or "").strip()[:200] for k in MEETING_FILTERS}
    meetings = live_meetings()
    if f["official"]:
        meetings = meetings.filter(official_name__icontains=f["official"])
    if f["body"]:
        meetings = meetings.filter(body_name__icontains=f["body"])
    if _int(f["bill"]) is not None:
        meetings = meetings.filter(bill_id=_int(f["bill"]))
    errors = []
    for key, lookup in (("from", "date__gte"), ("to", "date__lte")):
        if f[key]:
            day = _date(f[key])
            if day is None:
                errors.append(key)
            else:
                meetings = meetings.filter(**{lookup: day})
    return f, meetings, errors


def official_log(name: str, lang: str) -> dict:
    name = (name or "").strip()[:300]
    if not name:
        raise NotFound("no official named")
    items = [meeting_row(m, lang) for m in live_meetings().filter(official_name__iexact=name).order_by("-date", "-id")]
    return {"official": name, "positions": sorted({i["position"] for i in items if i["position"]}),
            "count": len(items), "items": items}


def body_log(slug: str, lang: str) -> dict:
    org = get_organisation(slug)
    meetings = live_meetings().filter(body=org).order_by("-date", "-id")
    reports = lob.ContactedBody.objects.filter(organisation=org, version__in=live_versions()).values(
        "version__report").distinct().count()
    items = [meeting_row(m, lang) for m in meetings]
    return {"body": str(org), "organisation": org_slug(org), "reports": reports, "count": len(items), "items": items}


# -- rankings --------------------------------------------------------------------------------------

def rankings(lang: str, limit: int = RANKED) -> dict:
    """Most active registrants, most lobbied bodies and bills, counted over current published reports.

    A body is counted once per meeting held with it and once per report naming it among the bodies
    contacted; a bill once per meeting about it and once per report naming it. Bodies are grouped by
    the linked organisation when known, else by the name as filed.
    """
    live = live_versions().select_related("report__registrant")
    registrants: dict[int, dict] = {}
    for v in live:
        r = v.report.registrant
        row = registrants.setdefault(r.pk, {"id": r.pk, "name": r.name, "reports": 0, "meetings": 0})
        row["reports"] += 1
    for m in lob.Meeting.objects.filter(version__in=live).select_related("version__report"):
        registrants[m.version.report.registrant_id]["meetings"] += 1

    bodies: dict[str, dict] = {}

    def body_row(name: str, org) -> dict:
        key = f"org:{org.pk}" if org is not None else f"name:{name.strip().casefold()}"
        return bodies.setdefault(key, {"name": str(org) if org is not None else name.strip(),
                                       "organisation": _org(org), "meetings": 0, "reports": 0})

    for m in lob.Meeting.objects.filter(version__in=live).select_related("body"):
        body_row(m.body_name, m.body)["meetings"] += 1
    seen = set()
    for b in lob.ContactedBody.objects.filter(version__in=live).select_related("organisation"):
        row = body_row(b.name, b.organisation)
        if (id(row), b.version_id) not in seen:
            seen.add((id(row), b.version_id))
            row["reports"] += 1

    bills: dict[int, dict] = {}
    from opentenge.legislation.models import LegislativeAct

    for m in lob.Meeting.objects.filter(version__in=live, bill__isnull=False).select_related("bill"):
        bills.setdefault(m.bill_id, {**_bill(m.bill, lang), "meetings": 0, "reports": 0})["meetings"] += 1
    through = lob.ReportVersion.bills.through.objects.filter(reportversion__in=live)
    per_bill = Counter(through.values_list("legislativeact_id", flat=True))
    for act in LegislativeAct.objects.filter(pk__in=per_bill):
        bills.setdefault(act.pk, {**_bill(act, lang), "meetings": 0, "reports": 0})["reports"] = per_bill[act.pk]

    def ranked(rows, key):
        for row in rows:
            row["total"] = row["meetings"] + row["reports"]
        return sorted(rows, key=lambda r: (-r[key], -r["total"], r.get("name") or r.get("title") or ""))[:limit]

    return {"registrants": ranked(list(registrants.values()), "total"),
            "bodies": ranked(list(bodies.values()), "total"),
            "bills": ranked(list(bills.values()), "total")}


# -- feeds -----------------------------------------------------------------------------------------

def newly_published(limit: int = 50, registrant=None) -> list[dict]:
    """Public versions newest first (amendments included), for the Atom and RSS feeds."""
    versions = public_versions().filter(published_at__isnull=False).select_related("report__registrant")
    if registrant is not None:
        versions = versions.filter(report__registrant=registrant)
    items = []
    for v in versions.order_by("-published_at", "-id")[:limit]:
        report = v.report
        items.append({"report_id": report.pk, "registrant": report.registrant.name, "period": report.period,
                      "version": v.number, "published_at": v.published_at, "issues": v.issues,
                      "amendment_note": v.amendment_note, "late": report.late,
                      "url": reverse("lobbying-report", args=[report.pk]) + f"?version={v.number}"})
    return items


# -- downloads -------------------------------------------------------------------------------------

REGISTRANT_COLUMNS = ["id", "name", "bin", "kind", "status", "interests", "budget_band", "website", "organisation",
                      "registered_at", "lobbyists", "former_officials", "clients", "public_reports", "url"]
REPORT_COLUMNS = ["report_id", "registrant_id", "registrant", "bin", "year", "quarter", "version", "version_state",
                  "published_at", "due", "late", "withdrawn", "withdrawn_at", "withdrawal_reason", "issues", "bills",
                  "bodies", "meetings", "spending_exact", "spending_band", "amendment_note", "url"]
MEETING_COLUMNS = ["date", "official", "position", "body", "body_org", "subject", "bill", "registrant_id",
                   "registrant", "report_id", "period", "version", "url"]


def registrant_rows(params) -> list[dict]:
    f = _filters(params)
    rows = []
    for r in public_registrants().filter(_registrant_q(f)).prefetch_related("lobbyists__former_positions", "clients"):
        s = registrant_summary(r)
        rows.append({**s, "interests": "; ".join(s["interests"]), "lobbyists": r.lobbyists.count(),
                     "former_officials": sum(1 for p in r.lobbyists.all() if p.former_positions.exists()),
                     "clients": r.clients.count(), "public_reports": public_reports().filter(registrant=r).count()})
    return rows


def report_rows(params, lang: str) -> list[dict]:
    """One row per public version (published or superseded) of every report matching the filters."""
    reports = search_reports(_filters(params))
    versions = public_versions().filter(report__in=reports).select_related("report__registrant").prefetch_related(
        "bills", "bodies", "meetings").order_by("report__year", "report__quarter", "report__registrant__name", "number")
    rows = []
    for v in versions:
        s = report_summary(v.report, v)
        rows.append({"report_id": s["id"], "registrant_id": s["registrant_id"], "registrant": s["registrant"],
                     "bin": v.report.registrant.bin, "year": s["year"], "quarter": s["quarter"], "version": v.number,
                     "version_state": v.state, "published_at": v.published_at, "due": s["due"], "late": s["late"],
                     "withdrawn": s["withdrawn"], "withdrawn_at": s["withdrawn_at"],
                     "withdrawal_reason": v.report.withdrawal_reason if s["withdrawn"] else "", "issues": v.issues,
                     "bills": "; ".join(a.key for a in v.bills.all()),
                     "bodies": "; ".join(b.name for b in v.bodies.all()), "meetings": len(v.meetings.all()),
                     "spending_exact": v.spending_exact, "spending_band": v.spending_band,
                     "amendment_note": v.amendment_note, "url": s["url"] + f"?version={v.number}"})
    return rows


def meeting_rows(params, lang: str) -> list[dict]:
    return [{**m, "bill": m["bill"]["key"] if m["bill"] else ""} for m in meeting_log(params, lang)["items"]]


# -- a bill's timeline and an organisation's page ---------------------------------------------------

def bill_steps(act, lang: str) -> list[dict]:
    """Timeline steps of ``act`` from the register: each current report naming it, each meeting about it."""
    steps = []
    for v in live_versions().filter(bills=act).select_related("report__registrant").order_by("published_at", "id"):
        if v.published_at is None:
            continue
        report = v.report
        text = v.issues if len(v.issues) <= ISSUES_SHOWN else v.issues[:ISSUES_SHOWN - 1].rstrip() + "…"
        steps.append({"date": timezone.localtime(v.published_at).date(), "type": "lobbying_report", "rank": 1,
                      "label": str(_LABELS["lobbying_report"]), "registrant": report.registrant.name,
                      "registrant_id": report.registrant_id, "report_id": report.pk, "period": report.period,
                      "text": text, "act": act.key,
                      "source": {"file": "", "locator": "", "url": reverse("lobbying-report", args=[report.pk])}})
    for m in live_meetings().filter(bill=act):
        report = m.version.report
        steps.append({"date": m.date, "type": "lobbying_meeting", "rank": 1,
                      "label": str(_LABELS["lobbying_meeting"]), "registrant": report.registrant.name,
                      "registrant_id": report.registrant_id, "report_id": report.pk, "official": m.official_name,
                      "body": m.body_name, "text": m.subject, "act": act.key,
                      "source": {"file": "", "locator": "", "url": reverse("lobbying-report", args=[report.pk])}})
    return steps


def organisation_entry(org, lang: str) -> dict | None:
    """The register seen from an organisation's page: its own entry, and meetings held with it."""
    entry = public_registrants().filter(organisation=org).first()
    meetings = live_meetings().filter(body=org)
    if entry is None and not meetings.exists():
        return None
    return {"registrant": registrant_summary(entry) if entry else None,
            "reports": public_reports().filter(registrant=entry).count() if entry else 0,
            "meeting_count": meetings.count(), "body": org_slug(org),
            "meetings": [meeting_row(m, lang) for m in meetings.order_by("-date", "-id")[:10]]}


def _labels():
    from django.utils.translation import gettext_lazy as _

    return {"lobbying_report": _("Lobbying report"), "lobbying_meeting": _("Lobbying meeting")}


_LABELS = _labels()

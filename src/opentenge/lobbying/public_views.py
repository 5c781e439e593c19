"""Public pages of the register: thin views over ``queries``, each with a JSON twin (and CSV where a table).

Anything not public answers 404 whether or not it exists, so a draft's existence is never revealed.
"""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from opentenge.lobbying import queries as q
from opentenge.store.queries import NotFound
from opentenge.web.downloads import csv_response, text_cell
from opentenge.web.language import page_language
from opentenge.web.views import respond


def register_home(request: HttpRequest, format: str | None = None) -> HttpResponse:
    return respond(request, "lobbying/home.html", q.register_home(request.GET, page_language()), format)


def registrant(request: HttpRequest, registrant_id: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.registrant_detail(registrant_id, page_language())
    except NotFound:
        raise Http404(registrant_id)
    return respond(request, "lobbying/registrant.html", data, format)


def report(request: HttpRequest, report_id: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.report_detail(report_id, page_language(), version=request.GET.get("version"))
    except NotFound:
        raise Http404(report_id)
    return respond(request, "lobbying/report.html", data, format)


def meetings(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = q.meeting_log(request.GET, page_language())
    if format == "csv":
        return _download(request, "meetings", q.MEETING_COLUMNS, q.meeting_rows(request.GET, page_language()), "csv")
    return respond(request, "lobbying/meetings.html", data, format, status=400 if data["errors"] else 200)


def official(request: HttpRequest, format: str | None = None) -> HttpResponse:
    try:
        data = q.official_log(request.GET.get("name", ""), page_language())
    except NotFound:
        raise Http404("official")
    return respond(request, "lobbying/official.html", data, format)


def body(request: HttpRequest, slug: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.body_log(slug, page_language())
    except NotFound:
        raise Http404(slug)
    return respond(request, "lobbying/body.html", data, format)


def rankings(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = q.rankings(page_language())
    charts = {key: [{"name": r.get("name") or r.get("title"), "value": r["total"]} for r in data[key]]
              for key in ("registrants", "bodies", "bills")}
    return respond(request, "lobbying/rankings.html", data, format, charts=charts)


def _download(request, name: str, columns: list[str], rows: list[dict], format: str | None) -> HttpResponse:
    if format == "csv":
        return csv_response(request, {name: (columns, [[r[c] for c in columns] for r in rows])}, name, "lobbying", text_cell)
    return respond(request, "", {"columns": columns, "count": len(rows),
                                 "items": [{c: r[c] for c in columns} for r in rows]}, "json")


def registrants_download(request: HttpRequest, format: str) -> HttpResponse:
    return _download(request, "registrants", q.REGISTRANT_COLUMNS, q.registrant_rows(request.GET), format)


def reports_download(request: HttpRequest, format: str) -> HttpResponse:
    return _download(request, "reports", q.REPORT_COLUMNS, q.report_rows(request.GET, page_language()), format)


def meetings_download(request: HttpRequest, format: str) -> HttpResponse:
    return _download(request, "meetings", q.MEETING_COLUMNS, q.meeting_rows(request.GET, page_language()), format)

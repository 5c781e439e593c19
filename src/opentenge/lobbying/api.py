"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the public pages.

Lists take the register's filters and page with cursors (``opentenge.api.paging``) over every
public row; ``/officials`` and ``/bodies/{org_id}`` are the meeting-log pages' twins.
"""
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from opentenge.api.guard import guarded
from opentenge.api.paging import MAX_PAGE, keyset_list, keyset_page, sort_keys
from opentenge.api.schemas import CURSOR_HELP, LIMIT_HELP, Cursor, IsoDate, Limit
from opentenge.lobbying import models as lob
from opentenge.lobbying import queries as lq
from opentenge.store.queries import NotFound
from opentenge.web.language import api_language

router = Router(tags=["lobbying"])

Lang = Literal["kk", "ru", "en"]
REGISTRANT_SORTS = {"id": "id", "name": "name", "registered": "registered_at", "reports": "public_reports",
                    "clients": "clients"}
REPORT_SORTS = {"id": "id", "published": "published_at", "period": "period_key", "due": "due"}
MEETING_SORTS = {"id": "id", "date": "date"}


_guard = guarded


class RegistrantFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(REGISTRANT_SORTS)] = "id"
    q: str = Field("", max_length=200, description="name contains, or the BIN")
    kind: Literal[tuple(lob.RegistrantKind.values)] | None = None
    interest: str = Field("", max_length=200, description="an area of interest contains")


@router.get("/registrants", summary="Public registrants, filtered like /lobbying/, sorted, cursor-paged")
def registrants(request, filters: RegistrantFilters = Query(...)):
    rows = lq.registrant_rows({"q": filters.q, "kind": filters.kind or "", "interest": filters.interest})
    page = _guard(keyset_list, rows, sort=filters.sort, fields=REGISTRANT_SORTS, cursor=filters.cursor,
                  limit=filters.limit)
    return {"count": page["total"], **page}  # count: rows matching the filters, as before cursors


@router.get("/registrants/{registrant_id}", summary="One registrant: profile, lobbyists, clients, reports, history")
def registrant(request, registrant_id: int, lang: Lang | None = None):
    try:
        return lq.registrant_detail(registrant_id, api_language(lang))
    except NotFound:
        raise Http404(registrant_id)


class ReportFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(REPORT_SORTS)] = Field("-published", description="period = year and quarter")
    q: str = Field("", max_length=200, description="registrant's name contains, or its BIN")
    kind: Literal[tuple(lob.RegistrantKind.values)] | None = None
    interest: str = Field("", max_length=200)
    body: str = Field("", max_length=200, description="a body contacted or met contains")
    bill: int | None = Field(None, ge=1, le=2**62, description="an act's id (/legislation/acts/{id})")
    year: int | None = Field(None, ge=2000, le=2100)
    quarter: int | None = Field(None, ge=1, le=4)
    lang: Lang | None = None


@router.get("/reports", summary="Published and superseded versions of reports, one row per version; cursor-paged")
def reports(request, filters: ReportFilters = Query(...)):
    params = {"q": filters.q, "kind": filters.kind or "", "interest": filters.interest, "body": filters.body,
              "bill": "" if filters.bill is None else str(filters.bill),
              "year": "" if filters.year is None else str(filters.year),
              "quarter": "" if filters.quarter is None else str(filters.quarter)}
    rows = [{"id": f"{r['report_id']}v{r['version']:04d}", "period_key": f"{r['year']}Q{r['quarter']}", **r}
            for r in lq.report_rows(params, api_language(filters.lang))]
    page = _guard(keyset_list, rows, sort=filters.sort, fields=REPORT_SORTS, cursor=filters.cursor,
                  limit=filters.limit)
    return {"count": page["total"], **page}


@router.get("/reports/{report_id}", summary="One report: its current (or ?version=N) published version")
def report(request, report_id: int, version: str = "", lang: Lang | None = None):
    try:
        return lq.report_detail(report_id, api_language(lang), version=version or None)
    except NotFound:
        raise Http404(report_id)


@router.get("/meetings", summary="The meeting log, filtered like /lobbying/meetings/, sorted, cursor-paged")
def meetings(request, cursor: str | None = Query(None, description=CURSOR_HELP),
             limit: int = Query(50, ge=1, le=MAX_PAGE, description=LIMIT_HELP),
             sort: Literal[sort_keys(MEETING_SORTS)] = "-date",
             official: str = Query("", max_length=200, description="official's name contains"),
             body: str = Query("", max_length=200, description="body's name contains"),
             bill: int | None = Query(None, ge=1, le=2**62, description="an act's id"),
             date_from: IsoDate | None = Query(None, alias="from"), date_to: IsoDate | None = Query(None, alias="to"),
             lang: Lang | None = None):
    params = {"official": official, "body": body, "bill": "" if bill is None else str(bill),
              "from": date_from.isoformat() if date_from else "", "to": date_to.isoformat() if date_to else ""}
    _filters, qs, _errors = lq.filtered_meetings(params)
    language = api_language(lang)
    page = _guard(keyset_page, qs, sort=sort, fields=MEETING_SORTS, cursor=cursor, limit=limit,
                  serialise=lambda m: {"id": m.pk, **lq.meeting_row(m, language)})
    return {"count": qs.count(), **page}


@router.get("/officials", summary="One official's meetings with registrants (the official's page)")
def official(request, name: str = Query(..., min_length=1, max_length=300), lang: Lang | None = None):
    return _guard(lq.official_log, name, api_language(lang))


@router.get("/bodies/{org_id}", summary="A state body's meetings with registrants and reports naming it")
def body(request, org_id: str, lang: Lang | None = None):
    return _guard(lq.body_log, org_id, api_language(lang))


@router.get("/rankings", summary="Most active registrants, most lobbied bodies and bills")
def rankings(request, lang: Lang | None = None):
    return lq.rankings(api_language(lang))

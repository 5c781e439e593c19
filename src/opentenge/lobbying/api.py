"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the public pages."""
from django.http import Http404
from ninja import Router

from opentenge.lobbying import queries as lq
from opentenge.store.queries import NotFound
from opentenge.web.language import api_language

router = Router()


@router.get("/registrants", summary="Public registrants, filtered like /lobbying/ (q = name or BIN)")
def registrants(request, q: str = "", kind: str = "", interest: str = ""):
    rows = lq.registrant_rows({"q": q, "kind": kind, "interest": interest})
    return {"count": len(rows), "items": rows}


@router.get("/registrants/{registrant_id}", summary="One registrant: profile, lobbyists, clients, reports, history")
def registrant(request, registrant_id: int, lang: str | None = None):
    try:
        return lq.registrant_detail(registrant_id, api_language(lang))
    except NotFound:
        raise Http404(registrant_id)


@router.get("/reports", summary="Published and superseded versions of reports, one row per version")
def reports(request, q: str = "", kind: str = "", interest: str = "", body: str = "", bill: str = "", year: str = "",
            quarter: str = "", lang: str | None = None):
    params = {"q": q, "kind": kind, "interest": interest, "body": body, "bill": bill,
              "year": year, "quarter": quarter}
    rows = lq.report_rows(params, api_language(lang))
    return {"count": len(rows), "items": rows}


@router.get("/reports/{report_id}", summary="One report: its current (or ?version=N) published version")
def report(request, report_id: int, version: str = "", lang: str | None = None):
    try:
        return lq.report_detail(report_id, api_language(lang), version=version or None)
    except NotFound:
        raise Http404(report_id)


@router.get("/meetings", summary="The meeting log, filtered like /lobbying/meetings/")
def meetings(request, official: str = "", body: str = "", bill: str = "", lang: str | None = None):
    params = {"official": official, "body": body, "bill": bill, "from": request.GET.get("from", ""),
              "to": request.GET.get("to", "")}
    return lq.meeting_log(params, api_language(lang))


@router.get("/rankings", summary="Most active registrants, most lobbied bodies and bills")
def rankings(request, lang: str | None = None):
    return lq.rankings(api_language(lang))

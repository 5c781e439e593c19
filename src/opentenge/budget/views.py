"""Budget pages. Each calls one function in ``opentenge.budget.explore`` and renders it three ways.

The HTML page, its JSON twin (``.json`` or ``?format=json``: exactly the data the template got,
amounts as exact decimal strings in thousand tenge) and a CSV download of any of its tables
(``.csv`` or ``?format=csv``, ``&table=<name>``; the page links each table's download).
"""
from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from opentenge.budget import explore
from opentenge.budget.models import AMOUNT_COLUMNS
from opentenge.web.downloads import csv_response

AMOUNT_HEADERS = {c: f"{c}_thousand_kzt" for c in AMOUNT_COLUMNS}


def csv_tables(page: str, data: dict) -> dict[str, tuple[list[str], list[list]]]:
    """Every table of a page as ``{name: (header, rows)}``, amounts in the source unit."""
    a = list(AMOUNT_COLUMNS)
    money = [AMOUNT_HEADERS[c] for c in a]
    if page == "explorer":
        if data.get("empty"):
            return {"units": (["code", "name"], [])}
        meta = [data["view"], data["period"]]
        tables = {
            "units": (["view", "period", "code", "name", *money, "execution_pct", "period_execution_pct",
                       "transfers_plg_thousand_kzt", "transfers_sumrg_thousand_kzt"],
                      [[*meta, u["code"], u["name"], *[u[c] for c in a], u["execution_pct"], u["period_execution_pct"],
                        u["transfers_plg"], u["transfers_sumrg"]] for u in data["units"]]),
            "programmes": (["view", "period", "abp_code", "abp_name", "level", "code", "name", "is_transfer", *money,
                            "execution_pct"],
                           [row for p in data["programmes"] for row in
                            [[*meta, p["abp_code"], p["abp_name"], "programme", p["code"], p["name"], p["is_transfer"],
                              *[p[c] for c in a], p["execution_pct"]]]
                            + [[*meta, p["abp_code"], p["abp_name"], "subprogramme", f"{p['code']}/{s['code']}",
                                s["name"], s["is_transfer"], *[s[c] for c in a], s["execution_pct"]]
                               for s in p["subprogrammes"]]]),
            "series": (["view", "period", "scope", "plg_thousand_kzt", "plgp_thousand_kzt", "sumrg_thousand_kzt",
                        "sumrg_month_thousand_kzt", "execution_pct", "note"],
                       [[data["view"], p["period"], scope, p["plg"], p["plgp"], p["sumrg"], p["sumrg_month"],
                         p["execution_pct"], p["note"]]
                        for scope, points in [("total", data["series"]["total"])]
                        + ([(f"abp:{data['series']['abp']['code']}", data["series"]["abp"]["points"])]
                           if data["series"]["abp"] else [])
                        for p in points]),
            "ranking": (["view", "year", "as_of", "code", "name", "plg_thousand_kzt", "sumrg_thousand_kzt",
                         "unspent_thousand_kzt", "execution_pct", "december_sumrg_thousand_kzt", "december_share_pct",
                         "note"],
                        [[data["view"], data["ranking"]["year"], data["ranking"]["period"], r["code"], r["name"],
                          r["plg"], r["sumrg"], r["unspent"], r["execution_pct"], r["december"],
                          r["december_share_pct"], r["note"]] for r in data["ranking"]["rows"]]),
        }
        return tables
    if page == "administrator":
        code = data["code"]
        procurement = data["procurement"]
        return {
            "series": (["abp_code", "view", "period", "utv_thousand_kzt", "plg_thousand_kzt", "plgp_thousand_kzt",
                        "sumrg_thousand_kzt", "sumrg_month_thousand_kzt", "execution_pct", "note"],
                       [[code, data["view"], p["period"], p["utv"], p["plg"], p["plgp"], p["sumrg"], p["sumrg_month"],
                         p["execution_pct"], p["note"]] for p in data["series"]]),
            "programmes": (["abp_code", "view", "period", "level", "code", "name", "is_transfer", *money,
                            "execution_pct"],
                           [row for p in data["programmes"] for row in
                            [[code, data["programmes_view"], data["programmes_period"], "programme", p["code"],
                              p["name"], p["is_transfer"], *[p[c] for c in a], p["execution_pct"]]]
                            + [[code, data["programmes_view"], data["programmes_period"], "subprogramme",
                                f"{p['code']}/{s['code']}", s["name"], s["is_transfer"], *[s[c] for c in a],
                                s["execution_pct"]] for s in p["subprogrammes"]]]),
            "functions": (["abp_code", "period", "section", "group", "subgroup", "is_transfer", *money,
                           "execution_pct"],
                          [[code, data["by_function"]["period"], r["section"], r["group"], r["subgroup"],
                            r["is_transfer"], *[r[c] for c in a], r["execution_pct"]]
                           for r in data["by_function"]["rows"]]),
            "names": (["abp_code", "name", "first_period", "last_period"],
                      [[code, n["name"], n["first_period"], n["last_period"]] for n in data["names"]]),
            "procurement": (["abp_code", "year", "contracts", "value_kzt", "executed_kzt", "executed_as_of",
                             "share_pct"],
                            [[code, y["year"], y["contracts"], y["value"], y["executed"], y["executed_period"],
                              y["share_pct"]] for y in procurement["by_year"]]),
            "suppliers": (["abp_code", "supplier_id", "bin", "name_ru", "name_kk", "contracts", "value_kzt"],
                          [[code, s["id"], s["bin"], s["name_ru"], s["name_kk"], s["contracts"], s["value"]]
                           for s in procurement["top_suppliers"]]),
            "bodies": (["abp_code", "organisation_id", "bin", "name_ru", "relation", "matched_by"],
                       [[code, b["id"], b["bin"], b["name_ru"], b["relation"], b["matched_by"]]
                        for b in procurement["bodies"]]),
        }
    if page == "quality":
        return {
            "discrepancies": (["view", "period", "level", "region", "current", "scope", "column", "published_thousand_kzt",
                               "computed_thousand_kzt", "difference_thousand_kzt", "tolerance_thousand_kzt",
                               "severity", "note", "file"],
                              [[d["view"], d["period"], d["level"], d["region"], d["current"], d["scope"], d["column"],
                                d["published"], d["computed"], d["difference"], d["tolerance"], d["severity"],
                                d["note"], d["file"]]
                               for d in data["discrepancies"]]),
            "history": (["view", "period", "level", "file", "sha256", "ingested_at", "lines", "replaced_by_file",
                         "replaced_at"],
                        [[h["view"], h["period"], h["level"], h["file"], h["sha256"], h["ingested_at"], h["lines"],
                          h["replaced_by_file"], h["replaced_at"]] for h in data["history"]]),
        }
    raise KeyError(page)


# The table a bare ``.csv`` address downloads.
DEFAULT_TABLE = {"explorer": "units", "administrator": "series", "quality": "discrepancies"}


def _format(request: HttpRequest, format: str | None) -> str:
    return format or request.GET.get("format") or "html"


def _csv(request: HttpRequest, page: str, data: dict, filename: str) -> HttpResponse:
    return csv_response(request, csv_tables(page, data), DEFAULT_TABLE[page], filename, _cell)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(explore.jsonable(value))


def _respond(request: HttpRequest, page: str, template: str, data: dict, format: str | None, filename: str,
             **context) -> HttpResponse:
    kind = _format(request, format)
    if kind == "json":
        return JsonResponse(explore.jsonable(data), json_dumps_params={"ensure_ascii": False})
    if kind == "csv":
        return _csv(request, page, data, filename)
    return render(request, template, {"data": data, **context})


def _query(request: HttpRequest) -> str:
    """The page's query string without ``format``/``table``, for building download links."""
    params = request.GET.copy()
    for key in ("format", "table"):
        params.pop(key, None)
    return params.urlencode()


def explorer(request: HttpRequest, format: str | None = None) -> HttpResponse:
    try:
        data = explore.explorer(view=request.GET.get("view"), period=request.GET.get("period"),
                                abp=request.GET.get("abp"), measure=request.GET.get("measure"))
    except explore.BadRequest as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    filename = f"budget-{data['view']}-{data['period'] or 'none'}"
    return _respond(request, "explorer", "budget/explorer.html", data, format, filename,
                    csv_base=reverse("budget-explorer-csv"), query=_query(request))


def administrator(request: HttpRequest, code: str, format: str | None = None) -> HttpResponse:
    try:
        data = explore.administrator(code, period=request.GET.get("period"))
    except explore.NotFound:
        raise Http404(code)
    except explore.BadRequest as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    return _respond(request, "administrator", "budget/administrator.html", data, format,
                    f"budget-abp-{data['code']}-{data['period']}",
                    csv_base=reverse("budget-administrator-csv", args=[data["code"]]), query=_query(request))


def quality(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = explore.quality()
    return _respond(request, "quality", "budget/quality.html", data, format, "budget-quality",
                    csv_base=reverse("budget-quality-csv"), query="")

"""Civil-society pages: NGO profile, grants explorer, transparency of awarding.

Each view calls one query function and renders it three ways: the HTML page, its JSON twin
(``.json`` or ``?format=json``: exactly the data the template got, amounts as exact decimal
strings) and CSV downloads of its tables (``.csv`` or ``?format=csv``, ``&table=<name>``).
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse

from opentenge.civil import explore, transparency
from opentenge.civil import queries as cq
from opentenge.store import queries as sq
from opentenge.web.downloads import csv_response
from opentenge.web.views import respond as respond_html_or_json


def _format(request: HttpRequest, format: str | None) -> str:
    return format or request.GET.get("format") or "html"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _csv(request: HttpRequest, tables: dict, default: str, filename: str) -> HttpResponse:
    return csv_response(request, tables, default, filename, _cell)


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    for key in ("format", "table", "page"):
        params.pop(key, None)
    return params.urlencode()


def _p(item: dict) -> list:
    p = item.get("provenance") or {}
    return [p.get("source"), p.get("file"), p.get("sha256"), p.get("locator")]


PROVENANCE_COLUMNS = ["source", "file", "sha256", "locator"]
GRANT_COLUMNS = ["type", "year", "award_date", "operator", "programme", "project_title", "recipient_id",
                 "recipient_bin", "recipient_name", "region", "region_code", "amount_kzt", "amount_published"]
FOREIGN_COLUMNS = ["type", "year", "period", "period_start", "period_end", "donor", "country", "country_code",
                   "purpose", "recipient_id", "recipient_bin", "recipient_iin_masked", "recipient_name", "region",
                   "region_code", "amount_kzt", "amount_published"]


def _grant_row(g: dict) -> list:
    return [g.get("type", g["kind"]), g["year"], g["award_date"], g["operator"], g["programme"], g["project_title"],
            g["recipient"]["id"], g["recipient"]["bin"], g["recipient_name"], g["region"], g["region_code"],
            g["amount"], g["amount_published"], *_p(g)]


def _foreign_row(f: dict) -> list:
    return ["foreign", f["year"], f["period"], f["period_start"], f["period_end"], f["donor"], f["country"],
            f["country_code"], f["purpose"], f["recipient"]["id"], f["recipient"]["bin"], f["recipient"]["iin_masked"],
            f["recipient_name"], f["region"], f["region_code"], f["amount"], f["amount_published"], *_p(f)]


# -- NGO profile -------------------------------------------------------------------------------

def ngo_tables(data: dict) -> dict:
    kinds = list(cq.KINDS)
    return {
        "income": (["organisation_id", "year", *[f"{k}_kzt" for k in kinds], "total_kzt"],
                   [[data["id"], r["year"], *[r[k] for k in kinds], r["total"]] for r in data["income"]["rows"]]),
        "grants": (GRANT_COLUMNS + PROVENANCE_COLUMNS, [_grant_row(g) for g in data["grants"]]),
        "foreign": (FOREIGN_COLUMNS + PROVENANCE_COLUMNS, [_foreign_row(f) for f in data["foreign"]]),
        "social_order": (["contract_id", "number", "sign_date", "customer_id", "customer_name_ru", "method_id",
                          "value_kzt", *PROVENANCE_COLUMNS],
                         [[c["id"], c["number"], c["sign_date"], c["customer"]["id"], c["customer"]["name_ru"],
                           c["method_id"], c["value"], *_p(c)] for c in data["social_order"]]),
    }


def ngo(request: HttpRequest, slug: str, format: str | None = None) -> HttpResponse:
    try:
        data = cq.ngo_profile(slug)
    except sq.NotFound:
        raise Http404(slug)
    if _format(request, format) == "csv":
        return _csv(request, ngo_tables(data), "income", f"ngo-{data['id']}")
    return respond_html_or_json(request, "civil/ngo.html", data, _format(request, format),
                                csv_base=reverse("civil-ngo-csv", args=[data["id"]]),
                                csv_tables=("income", "grants", "foreign", "social_order"))


# -- grants explorer ---------------------------------------------------------------------------

EXPLORER_COLUMNS = ["type", "year", "award_date", "period", "operator", "programme", "donor", "country",
                    "country_code", "project_title", "purpose", "recipient_id", "recipient_bin",
                    "recipient_iin_masked", "recipient_name", "region", "region_code", "amount_kzt",
                    "amount_published"]


def _explorer_row(i: dict) -> list:
    grant = i["type"] != "foreign"
    return [i["type"], i["year"], i.get("award_date"), i.get("period", ""), i.get("operator", ""),
            i.get("programme", ""), i.get("donor", ""), i.get("country", ""), i.get("country_code", ""),
            i.get("project_title", "") if grant else "", i.get("purpose", "") if not grant else "",
            i["recipient"]["id"], i["recipient"]["bin"], i["recipient"]["iin_masked"], i["recipient_name"],
            i["region"], i["region_code"], i["amount"], i["amount_published"], *_p(i)]


def grants_tables(data: dict, filters: explore.Filters) -> dict:
    rankings = data["rankings"]
    return {
        "items": (EXPLORER_COLUMNS + PROVENANCE_COLUMNS, [_explorer_row(i) for i in explore.all_items(filters)]),
        "recipients": (["organisation_id", "bin", "name_ru", "name_kk", "value_kzt"],
                       [[r["id"], r["bin"], r["name_ru"], r["name_kk"], r["value"]] for r in rankings["recipients"]]),
        "programmes": (["programme", "awards", "value_kzt"],
                       [[r["name"], r["count"], r["value"]] for r in rankings["programmes"]]),
        "donors": (["donor", "country_code", "reports", "value_kzt"],
                   [[r["name"], r["country_code"], r["count"], r["value"]] for r in rankings["donors"]]),
        "countries": (["country_code", "country_en", "reports", "value_kzt"],
                      [[r["code"], (r["names"] or {}).get("en", ""), r["count"], r["value"]]
                       for r in rankings["countries"]]),
        "regions": (["region_code", "region_ru", "value_kzt"],
                    [[r["code"], (r["names"] or {}).get("ru", ""), r["value"]] for r in rankings["regions"]]),
    }


def grants(request: HttpRequest, format: str | None = None) -> HttpResponse:
    try:
        filters = explore.Filters.from_params(request.GET)
    except explore.BadFilter as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    try:
        page = int(request.GET.get("page") or 1)
    except ValueError:
        page = 1
    data = explore.explorer(filters, sort=request.GET.get("sort", "-amount"), page=page)
    if _format(request, format) == "csv":
        return _csv(request, grants_tables(data, filters), "items", "grants")
    return respond_html_or_json(request, "civil/grants.html", data, _format(request, format),
                                csv_base=reverse("civil-grants-csv"), query=_query(request),
                                csv_tables=("items", "recipients", "programmes", "donors", "countries", "regions"))


# -- transparency ------------------------------------------------------------------------------

def transparency_tables(data: dict) -> dict:
    rows = []
    for p in data["programmes"]:
        rows.append([p["operator"], p["programme"], " ".join(map(str, p["years"])), p["awards"], p["recipients"],
                     p["value"], *[x for code in data["indicators"] for x in (p[code]["status"], p[code]["value"],
                                                                          p[code]["reason"])]])
    header = ["operator", "programme", "years", "awards", "recipients", "value_kzt",
              *[f"{code}_{part}" for code in data["indicators"] for part in ("status", "value", "reason")]]
    return {"programmes": (header, rows)}


def transparency_page(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = transparency.programmes()
    if _format(request, format) == "csv":
        return _csv(request, transparency_tables(data), "programmes", "grant-transparency")
    return respond_html_or_json(request, "civil/transparency.html", data, _format(request, format),
                                csv_base=reverse("civil-transparency-csv"))



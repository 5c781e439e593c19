"""Local budget pages: the index (region → district → rural district) and one page per budget.

Like the other budget pages: one query function (``explore.local``), rendered as HTML, as its
JSON twin (``.json``) and as CSV (``.csv``, ``?table=lines|proposals|change``).
"""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from opentenge.budget import explore
from opentenge.budget.views import _cell
from opentenge.web.downloads import csv_response

DEFAULT_TABLE = "lines"


def local_tables(data: dict) -> dict[str, tuple[list[str], list[list]]]:
    meta = [data["level"], data["kato"], data["year"]]
    head = ["level", "kato", "year"]
    change_rows = []
    for h in data["hearings"]:
        for r in h["change"]["rows"]:
            change_rows.append([*meta, h["key"], h["date"], h["change"]["before_period"], h["change"]["after_period"],
                                r["code"], r["name"], r["utv_before"], r["utv_after"], r["utv_difference"],
                                r["utch_before"], r["utch_after"], r["utch_difference"], r["status"]])
    return {
        "lines": ([*head, "view", "period", "code", "name", "utv_thousand_kzt", "utch_thousand_kzt",
                   "plg_thousand_kzt", "sumrg_thousand_kzt", "execution_pct"],
                  [[*meta, data["view"], data["period"], r["code"], r["name"], r["utv"], r["utch"], r["plg"],
                    r["sumrg"], r["execution_pct"]] for r in data["lines"]]),
        "proposals": ([*head, "hearing", "date", "body", "number", "author_kind", "author_organisation", "text",
                       "answer", "reason", "file", "record"],
                      [[*meta, h["key"], h["date"], h["body_name"], p["number"], p["author_kind"],
                        p["author_organisation"], p["text"], p["answer"], p["reason"],
                        h["source_file"] or h["source_url"], p["locator"]] for h in data["hearings"] for p in h["proposals"]]),
        "change": ([*head, "hearing", "hearing_date", "before_period", "after_period", "code", "name",
                    "utv_before_thousand_kzt", "utv_after_thousand_kzt", "utv_difference_thousand_kzt",
                    "utch_before_thousand_kzt", "utch_after_thousand_kzt", "utch_difference_thousand_kzt", "status"],
                   change_rows),
    }


def local_index(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = explore.local_index()
    if (format or request.GET.get("format")) == "json":
        return JsonResponse(explore.jsonable(data), json_dumps_params={"ensure_ascii": False})
    return render(request, "budget/local_index.html", {"data": data})


def local_budget(request: HttpRequest, level: str, kato: str, year: int, format: str | None = None) -> HttpResponse:
    try:
        data = explore.local_budget(level, kato, int(year))
    except explore.NotFound:
        raise Http404(f"{level} {kato} {year}")
    kind = format or request.GET.get("format") or "html"
    if kind == "json":
        return JsonResponse(explore.jsonable(data), json_dumps_params={"ensure_ascii": False})
    if kind == "csv":
        return csv_response(request, local_tables(data), DEFAULT_TABLE, f"budget-{level}-{kato}-{year}", _cell)
    return render(request, "budget/local_budget.html", {
        "data": data, "csv_base": reverse("budget-local-csv", args=[level, kato, year]),
        "json_url": reverse("budget-local-json", args=[level, kato, year])})

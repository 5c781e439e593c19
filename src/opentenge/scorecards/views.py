"""Thin views over ``opentenge.scorecards.queries``: each page has a ``.json`` twin and a ``.csv`` download."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse

from opentenge.scorecards import queries as sq
from opentenge.scorecards.measures import RANKABLE
from opentenge.scorecards.ranking import MAX_WEIGHT, parse_weights
from opentenge.web.downloads import csv_response, text_cell
from opentenge.web.views import respond


def _format(request: HttpRequest, format: str | None) -> str:
    return format or request.GET.get("format") or "html"


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    for key in ("format", "table"):
        params.pop(key, None)
    return params.urlencode()


def _body_cells(body: dict) -> list:
    return [body["id"], body["name_ru"], body["name_kk"], body["kind"]]


def comparison_tables(data: dict) -> dict:
    head = ["body", "name_ru", "name_kk", "kind", "year", "measure"]
    tables = {
        "ranked": (["rank", *head, "value", "numerator", "denominator"],
                   [[r["rank"], *_body_cells(r["body"]), data["year"], data["measure"]["code"], r["value"],
                     r["numerator"], r["denominator"]] for r in data["ranked"]]),
        "insufficient": ([*head, "reason_code", "reason"],
                         [[*_body_cells(r["body"]), data["year"], data["measure"]["code"], r["reason_code"],
                           r["reason"]] for r in data["insufficient"]]),
    }
    if data["composite"]:
        weights = ";".join(f"{w['code']}={w['weight']}" for w in data["composite"]["weights"])
        tables["composite"] = (["rank", "body", "name_ru", "name_kk", "kind", "year", "weights", "score", "coverage"],
                               [[r["rank"], *_body_cells(r["body"]), data["year"], weights, r["score"], r["coverage"]]
                                for r in data["composite"]["ranked"] + data["composite"]["insufficient"]])
    return tables


def scorecard_tables(data: dict) -> dict:
    return {
        "measures": (["measure", "title", "period", "value", "numerator", "denominator", "unit", "insufficient",
                      "reason", "formula", "source"],
                     [[m["code"], m["title"], m["period"], m["value"], m["numerator"], m["denominator"], m["unit"],
                       m["insufficient"], m["reason"], m["formula"], m["source"]] for m in data["measures"]]),
        "trend": (["measure", *data["trend"]["years"]],
                  [[s["code"], *s["values"]] for s in data["trend"]["series"]]),
    }


def comparison(request: HttpRequest, format: str | None = None) -> HttpResponse:
    weights = parse_weights(request.GET, RANKABLE)
    try:
        data = sq.comparison(request.GET.get("kind"), request.GET.get("measure"), request.GET.get("year"), weights)
    except sq.BadRequest as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    if _format(request, format) == "csv":
        table = "composite" if data["composite"] else "ranked"
        return csv_response(request, comparison_tables(data), table,
                            f"scorecards-{data['kind']}-{data['measure']['code']}-{data['year']}", text_cell)
    return respond(request, "scorecards/comparison.html", data, format, max_weight=MAX_WEIGHT,
                   csv_base=reverse("scorecards-csv"), query=_query(request))


def scorecard(request: HttpRequest, slug: str, format: str | None = None) -> HttpResponse:
    try:
        data = sq.scorecard(slug, request.GET.get("year"))
    except sq.NotFound:
        raise Http404(slug)
    except sq.BadRequest as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    if _format(request, format) == "csv":
        return csv_response(request, scorecard_tables(data), "measures", f"scorecard-{slug}-{data['year']}", text_cell)
    return respond(request, "scorecards/scorecard.html", data, format,
                   csv_base=reverse("scorecard-csv", args=[slug]), query=_query(request))

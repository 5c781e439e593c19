"""The query functions behind the scorecard pages, their JSON twins, CSV downloads and ``/api/v1/scorecards``.

One function per page (``comparison``, ``scorecard``) plus ``api_rows`` for the API list, each
returning plain dicts (values as ``Decimal`` or ``int``) so the website and the API cannot drift.
"""
from __future__ import annotations

from datetime import date

from django.db.models import Max, Min
from django.utils.translation import gettext as _

from opentenge.budget.models import BudgetSnapshot
from opentenge.legislation.models import LegislativeAct
from opentenge.scorecards import ranking
from opentenge.scorecards.bodies import Body, all_bodies, get_body, kind_choices
from opentenge.scorecards.kinds import KINDS, MINISTRY, label
from opentenge.scorecards.measures import MEASURES, RANKABLE, compute
from opentenge.scorecards.values import Value
from opentenge.store import models as sm
from opentenge.store.queries import COUNTED, NotFound


class BadRequest(ValueError):
    pass


def available_years() -> list[int]:
    """Years any measure's source covers (contracts signed, budget months, drafts), newest first."""
    spans = [
        sm.Contract.objects.filter(COUNTED).aggregate(first=Min("sign_date"), last=Max("sign_date")),
        BudgetSnapshot.objects.filter(is_current=True).aggregate(first=Min("period"), last=Max("period")),
        LegislativeAct.objects.aggregate(first=Min("discussion_start"), last=Max("discussion_start")),
    ]
    this_year = date.today().year
    years = set()
    for span in spans:
        if span["first"] and span["last"]:
            years.update(range(span["first"].year, min(span["last"].year, this_year) + 1))
    return sorted(years, reverse=True)


def default_year(years: list[int]) -> int:
    """The latest complete calendar year whose budget December is published, else the latest complete
    year we have data for, else the latest year, else this year.

    A year still running would compare months of spending with an annual plan; a year whose
    December budget report is not out yet would leave every budget measure without data.
    """
    this_year = date.today().year
    complete = [y for y in years if y < this_year]
    budgeted = set(BudgetSnapshot.objects.filter(is_current=True, period__month=12)
                   .values_list("period__year", flat=True).distinct())
    with_budget = [y for y in complete if y in budgeted]
    return (with_budget or complete or years or [this_year])[0]


def _year(text, years: list[int]) -> int:
    if text in (None, ""):
        return default_year(years)
    try:
        year = int(text)
    except (TypeError, ValueError):
        raise BadRequest(f"year must be a number such as 2024, not {text!r}") from None
    if not 2000 <= year <= 2100:
        raise BadRequest(f"no year {year}")
    return year


def cell(measure_code: str, year: int, value: Value) -> dict:
    return {"value": value.value, "numerator": value.numerator, "denominator": value.denominator, "period": year,
            "insufficient": value.insufficient, "reason_code": value.reason_code, "reason": value.reason}


def comparison(kind: str | None = None, measure: str | None = None, year=None, weights: dict | None = None) -> dict:
    """Bodies of one kind ranked on one measure, those without enough data apart, and (only when
    weights are given) the weighted composite of percentile ranks with the weights shown."""
    kind = kind or MINISTRY
    if kind not in KINDS:
        raise BadRequest(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    measure = measure or RANKABLE[0]
    if measure not in MEASURES:
        raise BadRequest(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    years = available_years()
    year = _year(year, years)
    weights = {c: w for c, w in (weights or {}).items() if c in RANKABLE}
    bodies = all_bodies(kind)
    by_id = {b.id: b for b in bodies}
    values = compute({measure, *weights}, year, bodies)
    ranked, lacking = ranking.rank(values[measure], MEASURES[measure].better)
    data = {
        "kind": kind, "kind_label": label(kind), "kinds": kind_choices(),
        "measure": MEASURES[measure].describe(), "measures": [m.describe() for m in MEASURES.values()],
        "rankable": RANKABLE, "year": year, "years": years, "bodies": len(bodies),
        "ranked": [{"rank": r, "body": by_id[b].summary(), **cell(measure, year, v)} for r, b, v in ranked],
        "insufficient": [{"body": by_id[b].summary(), **cell(measure, year, v)} for b, v in lacking],
        "weights": weights, "composite": None,
    }
    if weights:
        better = {c: MEASURES[c].better for c in weights}
        rows, lacking_rows = ranking.composite(values, weights, better, [b.id for b in bodies])
        for row in rows + lacking_rows:
            row["body"] = by_id[row["body"]].summary()
        data["composite"] = {"weights": [{"code": c, "title": str(MEASURES[c].title), "weight": w}
                                         for c, w in weights.items()],
                             "ranked": rows, "insufficient": lacking_rows}
    return data


def _measure_rows(body: Body, year: int) -> list[dict]:
    values = compute(MEASURES, year, [body])
    return [{**MEASURES[code].describe(), **cell(code, year, values[code][body.id])} for code in MEASURES]


def scorecard(slug: str, year=None) -> dict:
    """One body: every measure for the year, and every year's values for the trend chart."""
    body = get_body(slug)
    years = available_years()
    year = _year(year, years)
    trend_years = sorted(years)
    per_year = {y: compute(MEASURES, y, [body]) for y in trend_years}
    series = []
    for code, m in MEASURES.items():
        points = [per_year[y][code][body.id].value for y in trend_years]
        series.append({"code": code, "title": str(m.title), "unit": m.unit,
                       "values": [None if p is None else str(p) for p in points]})
    return {
        "body": {**body.summary(), "kind_label": label(body.kind)},
        "year": year, "years": years,
        "measures": _measure_rows(body, year) if year not in per_year else
        [{**m.describe(), **cell(code, year, per_year[year][code][body.id])} for code, m in MEASURES.items()],
        "trend": {"years": trend_years, "series": series},
        "note": _("Each measure is explained, with its known weaknesses, in docs/scorecards.md."),
    }


def api_rows(kind: str | None, measure: str | None, year) -> tuple[int, list[dict]]:
    """Rows of ``/api/v1/scorecards``: one per body with the year's measures (or the one asked for)."""
    if kind and kind not in KINDS:
        raise BadRequest(f"kind must be one of {', '.join(KINDS)}")
    if measure and measure not in MEASURES:
        raise BadRequest(f"measure must be one of {', '.join(MEASURES)}")
    year = _year(year, available_years())
    bodies = all_bodies(kind)
    codes = [measure] if measure else list(MEASURES)
    values = compute(codes, year, bodies)
    rows = []
    for body in bodies:
        measures = {code: cell(code, year, values[code][body.id]) for code in codes}
        rows.append({**body.summary(), "year": year, "measures": measures,
                     "value": measures[measure]["value"] if measure else None})
    return year, rows


__all__ = ["BadRequest", "NotFound", "api_rows", "available_years", "comparison", "scorecard"]

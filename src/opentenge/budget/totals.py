"""``opentenge budget totals``: the administrator lines of each period, summed as published.

What is summed ("administrator lines", see docs/budget.md):

* ``departmental``: the ABP lines (the «Итого» row is a check figure, never summed);
* ``functional`` / ``economic``: the view's lines (functional groups / economic categories);
  they carry no ABP code, so ``abp_count`` is 0;
* ``programme`` / ``investments``: the ABP rows of the tree (an ABP appears once per functional
  subgroup in ``programme``, so ``rows`` exceeds ``abp_count``).

Only *current* snapshots count (a replaced month's old figures are history). Amounts are
cumulative from January, thousand tenge, exact: summed as integer tenge in the database.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from opentenge.budget.fields import TENGE_IN_THOUSANDS
from opentenge.budget.models import AMOUNT_COLUMNS, BudgetLine, Level, View

UNIT = "thousand KZT"
FLAT_VIEWS = (View.DEPARTMENTAL, View.FUNCTIONAL, View.ECONOMIC)


def administrator_lines(view: str, *, level: str = Level.REPUBLICAN, region: str = ""):
    """The current lines a total of ``view`` sums."""
    lines = BudgetLine.objects.filter(view=view, level=level, region=region, is_current=True)
    if view in FLAT_VIEWS:
        return lines
    return lines.filter(kind=BudgetLine.Kind.ADMINISTRATOR)


def _decimal(value) -> str:
    amount = Decimal(value or 0).quantize(TENGE_IN_THOUSANDS)
    return f"{amount:f}"


def totals(view: str, *, period: date | None = None, abp: str | None = None, level: str = Level.REPUBLICAN,
           region: str = "") -> list[dict]:
    """One entry per period (and ABP when asked), sorted by period then ABP."""
    lines = administrator_lines(view, level=level, region=region)
    if period is not None:
        lines = lines.filter(period=period)
    group = ["period"]
    if abp is not None:
        lines = lines.filter(abp_code=abp)
        group.append("abp_code")
    rows = (lines.values(*group)
            .annotate(rows=Count("id"), abp_count=Count("abp_code", distinct=True, filter=~Q(abp_code="")),
                      **{f"total_{column}": Sum(column) for column in AMOUNT_COLUMNS})
            .order_by(*group))
    return [
        {
            "view": view,
            "period": row["period"].strftime("%Y-%m"),
            "abp": row.get("abp_code") if abp is not None else None,
            "rows": row["rows"],
            "abp_count": row["abp_count"],
            "unit": UNIT,
            "totals": {column: _decimal(row[f"total_{column}"]) for column in AMOUNT_COLUMNS},
        }
        for row in rows
    ]

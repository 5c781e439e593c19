"""What every budget query shares: the current republican lines, periods, units, sums, transfers.

See the package docstring for what the figures mean.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from opentenge.budget.models import AMOUNT_COLUMNS, BudgetLine, BudgetSnapshot, Level, View

UNIT = "thousand KZT"
HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)
CENT = Decimal("0.01")
SHARE_PLACES = Decimal("0.0001")
ZERO = Decimal("0.000")
KIND = BudgetLine.Kind
# The rows a reader compares in each view (see the package docstring).
UNIT_KIND = {
    View.DEPARTMENTAL: KIND.ADMINISTRATOR,
    View.PROGRAMME: KIND.ADMINISTRATOR,
    View.INVESTMENTS: KIND.ADMINISTRATOR,
    View.FUNCTIONAL: KIND.GROUP,
    View.ECONOMIC: KIND.CATEGORY,
}
# The view a page opens on: the departmental file is the one whose lines add up to «Итого».
VIEW_ORDER = (View.DEPARTMENTAL, View.PROGRAMME, View.INVESTMENTS, View.FUNCTIONAL, View.ECONOMIC)
MEASURES = ("plg", "sumrg", "utv")
# Month notes of opentenge.budget.flows that say a line's figures moved between administrators.
MOVED_NOTES = ("reattributed", "new-line")
PERIOD_TEXT = re.compile(r"^(?:(?P<year>\d{4})|(?P<y>\d{4})-(?P<m>\d{1,2})|(?P<m2>\d{1,2})\.(?P<y2>\d{4}))$")


class NotFound(LookupError):
    pass


class BadRequest(ValueError):
    pass


def period_key(day: date) -> str:
    return f"{day:%Y-%m}"


def percent(part: Decimal | None, whole: Decimal | None, places: Decimal = CENT) -> Decimal | None:
    """``part / whole`` in percent (to 0.01 unless told), or ``None`` when there is no whole."""
    if part is None or not whole:
        return None
    return (part * HUNDRED / whole).quantize(places)


def amount_dict(row: dict, columns=AMOUNT_COLUMNS) -> dict:
    return {c: row.get(c) if row.get(c) is not None else ZERO for c in columns}


def sum_exprs(columns=AMOUNT_COLUMNS) -> dict:
    return {c: Sum(c) for c in columns}


def add_amounts(into: dict, row: dict, columns=AMOUNT_COLUMNS) -> None:
    for c in columns:
        into[c] = into.get(c, ZERO) + (row.get(c) or ZERO)


def current_lines(view: str | None = None):
    qs = BudgetLine.objects.filter(is_current=True, level=Level.REPUBLICAN, region="")
    return qs.filter(view=view) if view else qs


def current_snapshots():
    return BudgetSnapshot.objects.filter(is_current=True, level=Level.REPUBLICAN, region="")


def views_with_periods() -> dict[str, list[date]]:
    """``{view: [periods, oldest first]}`` of the current republican snapshots."""
    found: dict[str, list[date]] = defaultdict(list)
    for view, period in current_snapshots().values_list("view", "period").distinct().order_by("period"):
        found[view].append(period)
    return {v: found[v] for v in VIEW_ORDER if v in found}


def parse_period(text: str | None) -> tuple[str, int, int | None] | None:
    """``"2023"`` → ("year", 2023, None); ``"2023-06"`` or ``"06.2023"`` → ("month", 2023, 6)."""
    text = (text or "").strip()
    if not text:
        return None
    match = PERIOD_TEXT.match(text)
    if not match:
        raise BadRequest(f"period must be YYYY, YYYY-MM or MM.YYYY, not {text!r}")
    if match["year"]:
        return ("year", int(match["year"]), None)
    year, month = int(match["y"] or match["y2"]), int(match["m"] or match["m2"])
    if not 1 <= month <= 12:
        raise BadRequest(f"no month {month} in period {text!r}")
    return ("month", year, month)


def resolve_period(available: list[date], text: str | None) -> tuple[date, str | None, str]:
    """The snapshot month to show, a note when the request could not be met exactly, and the mode.

    A year means its latest published month (December when the year is complete, since figures
    accumulate from January). A month that is not published falls back to the latest month.
    """
    if not available:
        raise NotFound("no budget data for this view")
    wanted = parse_period(text)
    if wanted is None:
        return available[-1], None, "month"
    mode, year, month = wanted
    if mode == "year":
        in_year = [p for p in available if p.year == year]
        if in_year:
            return in_year[-1], None, "year"
        return available[-1], f"no data for {year}", "month"
    day = date(year, month, 1)
    if day in available:
        return day, None, "month"
    return available[-1], f"no data for {day:%Y-%m}", "month"


def unit_lines(view: str, period: date | None = None, abp: str | None = None):
    """The lines that are this view's comparable rows (administrators, groups or categories)."""
    kind = UNIT_KIND[view]
    qs = current_lines(view).filter(kind=kind)
    if kind != KIND.ADMINISTRATOR:
        qs = qs.filter(parent__isnull=True)
    if period is not None:
        qs = qs.filter(period=period)
    if abp:
        qs = qs.filter(abp_code=abp)
    return qs


def unit_key(view: str) -> str:
    return "abp_code" if UNIT_KIND[view] == KIND.ADMINISTRATOR else "code"


def latest_names(qs, key: str) -> dict[str, str]:
    """One display name per key: the latest published (cleaned) name."""
    names: dict[str, str] = {}
    for code, name in qs.order_by("period", "id").values_list(key, "name"):
        names[code] = name
    return names


def transfers_by(lines, key: str = "abp_code") -> dict[str, dict]:
    """Transfers to other budgets by key, each counted once: the topmost marked line of an ABP.

    The importer marks a whole branch (functional group 15 «Трансферты» and everything beneath
    it). Beneath an administrator, only lines whose parent is not itself a marked line of the same
    administrator count, so a transfer programme and its sub-programmes are not added twice.
    """
    rows = (lines.filter(is_transfer=True)
            .exclude(Q(parent__is_transfer=True) & ~Q(parent__abp_code=""))
            .values(key).annotate(**sum_exprs(("utv", "plg", "sumrg"))))
    return {r[key]: amount_dict(r, ("utv", "plg", "sumrg")) for r in rows}


def transfer_lines(view: str, period: date):
    """Where a view's transfers are read from, and from which view.

    The departmental file has one line per administrator and cannot say which part of it is a
    transfer; the full report of the same month can (its administrator lines sit under functional
    groups), so the departmental view borrows the transfers from there.
    """
    lines = current_lines(view).filter(period=period)
    if UNIT_KIND[view] == KIND.ADMINISTRATOR:
        lines = lines.exclude(abp_code="")
    if view == View.DEPARTMENTAL and not lines.filter(is_transfer=True).exists():
        borrowed = current_lines(View.PROGRAMME).filter(period=period).exclude(abp_code="")
        if borrowed.filter(is_transfer=True).exists():
            return borrowed, View.PROGRAMME
    return lines, view


def unit_rows(view: str, period: date) -> list[dict]:
    key = unit_key(view)
    units = unit_lines(view, period)
    names = latest_names(units, key)
    transfers = transfers_by(transfer_lines(view, period)[0], key)
    rows = []
    for r in units.values(key).annotate(lines=Count("id"), **sum_exprs()).order_by(key):
        code = r[key]
        amounts = amount_dict(r)
        moved = transfers.get(code, {"utv": ZERO, "plg": ZERO, "sumrg": ZERO})
        rows.append({
            "code": code, "name": names.get(code, ""), **amounts,
            "execution_pct": percent(amounts["sumrg"], amounts["plg"]),
            "period_execution_pct": percent(amounts["sumrg"], amounts["plgp"]),
            "transfers_plg": moved["plg"], "transfers_sumrg": moved["sumrg"],
            "has_transfers": bool(moved["plg"] or moved["sumrg"]),
        })
    rows.sort(key=lambda r: (-r["plg"], r["code"]))
    return rows


def missing_period_plan(view: str) -> set[date]:
    """Months whose period plan the importer found published as 0 for the whole snapshot: unknown."""
    return set(current_snapshots().filter(view=view, plan_missing=True).values_list("period", flat=True))


def strip_missing_plan(row: dict, missing: bool) -> dict:
    if missing:
        row["plgp"] = None
        row["period_execution_pct"] = None
    return row


def jsonable(value):
    """Decimals as exact strings (``'706888.468'``), dates as ISO text: what the JSON twin and API send.

    The site's shared encoder writes money with two decimals (tiyn); budget figures have three
    (thousand tenge to the tenge), so they are turned into text here first.
    """
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value

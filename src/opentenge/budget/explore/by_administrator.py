"""The administrator (ABP) page and the organisation-page panel: budget beside procurement."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Min

from opentenge.budget.explore.common import (
    KIND, SHARE_PLACES, THOUSAND, UNIT, UNIT_KIND, VIEW_ORDER, ZERO, NotFound, amount_dict, current_lines, jsonable,
    latest_names, missing_period_plan, percent, period_key, resolve_period, sum_exprs, transfer_lines,
    transfers_by, unit_lines, views_with_periods,
)
from opentenge.budget.explore.by_view import programme_rows
from opentenge.budget.models import AMOUNT_COLUMNS, BudgetLine, View


def normalise_abp(code: str) -> str:
    """``'217'``, ``' 217 '``, ``'217.0'`` → ``'217'`` (ABP codes are three digits)."""
    text = (code or "").strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        return str(int(Decimal(text)))
    raise NotFound(f"no administrator {code!r}: an ABP code is a number such as 217")


def administrators() -> dict:
    """Every administrator code with its names and its latest figures (departmental view first)."""
    admin_lines = current_lines().filter(kind=KIND.ADMINISTRATOR)
    names_now = latest_names(admin_lines, "abp_code")
    spans = {r["abp_code"]: r for r in admin_lines.values("abp_code").annotate(first=Min("period"), last=Max("period"))}
    views = views_with_periods()
    headline_view = next((v for v in views if UNIT_KIND[v] == KIND.ADMINISTRATOR), None)
    latest: dict[str, dict] = {}
    if headline_view:
        last_by_abp = {r["abp_code"]: r["last"] for r in
                       unit_lines(headline_view).values("abp_code").annotate(last=Max("period"))}
        for code, period in last_by_abp.items():
            row = unit_lines(headline_view, period, code).aggregate(**sum_exprs(("utv", "plg", "sumrg")))
            latest[code] = {"period": period_key(period), **amount_dict(row, ("utv", "plg", "sumrg")),
                            "execution_pct": percent(row["sumrg"], row["plg"])}
    items = [{"code": code, "name": names_now.get(code, ""), "first_period": period_key(span["first"]),
              "last_period": period_key(span["last"]), "view": headline_view, "latest": latest.get(code)}
             for code, span in spans.items() if code]
    items.sort(key=lambda i: (len(i["code"]), i["code"]))
    return {"unit": UNIT, "items": items}


def administrator(code: str, period: str | None = None) -> dict:
    """One administrator: figures, names over time, programmes, execution curve and procurement."""
    code = normalise_abp(code)
    lines = current_lines().filter(kind=KIND.ADMINISTRATOR, abp_code=code)
    if not lines.exists():
        raise NotFound(f"no administrator {code} in the budget data")
    views = [v for v in views_with_periods() if UNIT_KIND[v] == KIND.ADMINISTRATOR
             and lines.filter(view=v).exists()]
    view = views[0]
    available = sorted(set(unit_lines(view, abp=code).values_list("period", flat=True)))
    chosen, note, mode = resolve_period(available, period)
    missing_plan = missing_period_plan(view)
    figures = unit_lines(view, chosen, code).aggregate(**sum_exprs())
    figures = amount_dict(figures)
    if chosen in missing_plan:
        figures["plgp"] = None
    series = [{**p, "year": int(p["period"][:4])} for p in _administrator_series(view, code, missing_plan)]
    programmes, programme_view, programme_period = _administrator_programmes(code, chosen)
    budget_by_year = {p["year"]: p for p in series}  # the last point of each year wins
    organisation = _linked_organisation(lines)
    return {
        "unit": UNIT,
        "code": code,
        "name": latest_names(lines, "abp_code").get(code, ""),
        "organisation": organisation,
        "view": view,
        "views": views,
        "period": period_key(chosen),
        "mode": mode,
        "note": note,
        "periods": [period_key(p) for p in reversed(available)],
        "figures": {**figures, "execution_pct": percent(figures["sumrg"], figures["plg"]),
                    "period_execution_pct": percent(figures["sumrg"], figures["plgp"])},
        "transfers": transfers_by(transfer_lines(view, chosen)[0].filter(abp_code=code)).get(code),
        "names": _names_over_time(lines),
        "by_function": _by_function(code, chosen),
        "programmes": programmes,
        "programmes_view": programme_view,
        "programmes_period": programme_period,
        "series": series,
        "procurement": _procurement(code, budget_by_year),
    }


def _administrator_series(view: str, code: str, missing_plan: set[date]) -> list[dict]:
    rows = (unit_lines(view, abp=code).values("period")
            .annotate(**sum_exprs(("utv", "plg", "plgp", "sumrg", "sumrg_month")), notes=Max("month_note"))
            .order_by("period"))
    return [{"period": period_key(r["period"]), "utv": r["utv"] or ZERO, "plg": r["plg"] or ZERO,
             "plgp": None if r["period"] in missing_plan else (r["plgp"] or ZERO), "sumrg": r["sumrg"] or ZERO,
             "sumrg_month": r["sumrg_month"], "execution_pct": percent(r["sumrg"], r["plg"]),
             "note": r["notes"] or ""} for r in rows]


def _administrator_programmes(code: str, period: date) -> tuple[list[dict], str | None, str | None]:
    """Programmes from the first view that has them, at the chosen month or the closest earlier one."""
    for view in VIEW_ORDER:
        months = sorted(set(current_lines(view).filter(abp_code=code, kind=KIND.PROGRAMME)
                            .values_list("period", flat=True)))
        if not months:
            continue
        earlier = [m for m in months if m <= period]
        month = earlier[-1] if earlier else months[-1]
        return programme_rows(view, month, code), view, period_key(month)
    return [], None, None


def _by_function(code: str, period: date) -> dict:
    """Where the administrator sits in the full report (section and functional group), at the
    chosen month or the closest earlier month that report has."""
    months = sorted(set(current_lines(View.PROGRAMME).filter(kind=KIND.ADMINISTRATOR, abp_code=code)
                        .values_list("period", flat=True)))
    earlier = [m for m in months if m <= period]
    month = earlier[-1] if earlier else (months[-1] if months else None)
    if month is None:
        return {"period": None, "rows": []}
    lines = (current_lines(View.PROGRAMME).filter(kind=KIND.ADMINISTRATOR, abp_code=code, period=month)
             .select_related("parent", "parent__parent").order_by("path", "id"))
    rows = []
    for line in lines:
        group = line.parent.parent if line.parent and line.parent.parent and line.parent.parent.kind == KIND.GROUP \
            else line.parent
        rows.append({"section": line.section, "path": line.path,
                     "group": group.name if group else "", "subgroup": line.parent.name if line.parent else "",
                     **{c: getattr(line, c) for c in AMOUNT_COLUMNS},
                     "execution_pct": percent(line.sumrg, line.plg), "is_transfer": line.is_transfer})
    return {"period": period_key(month), "rows": rows}


def _names_over_time(lines) -> list[dict]:
    rows = (lines.values("name").annotate(first=Min("period"), last=Max("period"), lines=Count("id"))
            .order_by("first", "name"))
    return [{"name": r["name"], "first_period": period_key(r["first"]), "last_period": period_key(r["last"])}
            for r in rows]


def _linked_organisation(lines) -> dict | None:
    from opentenge.store import queries as q

    line = lines.exclude(organisation__isnull=True).select_related("organisation").order_by("-period").first()
    if line is None or line.organisation is None:
        return None
    return q.organisation_summary(line.organisation)


def bodies(code: str) -> list[dict]:
    """The organisations that spend this administrator's budget: itself and its subordinate bodies.

    The judgment (BIN, then name) is made by ``opentenge.budget.administrators``; until it has run
    or when it is absent, the organisation linked on the budget lines stands in for the body.
    """
    from opentenge.store import models as sm
    from opentenge.store import queries as q

    found: list[tuple] = []
    try:
        from opentenge.budget.administrators import bodies_for
    except ImportError:
        bodies_for = None
    if bodies_for is not None:
        found = list(bodies_for(code))
    if not found:
        ids = (current_lines().filter(kind=KIND.ADMINISTRATOR, abp_code=code).exclude(organisation__isnull=True)
               .values_list("organisation_id", flat=True).distinct())
        found = [(i, "self", "budget line") for i in ids]
    orgs = sm.Organisation.objects.in_bulk([f[0] for f in found])
    out = []
    for org_id, relation, matched_by in found:
        if org_id in orgs:
            out.append({**q.organisation_summary(orgs[org_id]), "relation": relation, "matched_by": matched_by,
                        "pk": org_id})
    return out


def _procurement(code: str, budget_by_year: dict[int, dict]) -> dict:
    """Contracts whose buyer is the administrator or one of its bodies, beside its executed budget.

    Units: contract values are tenge; budget figures are thousand tenge, so ``sumrg`` is multiplied
    by 1000 before dividing. The share compares value *signed* in a year with cash *paid* in that
    year; multi-year contracts and payments outside procurement make it an indication, not a ratio
    of the same money.
    """
    from opentenge.store import models as sm
    from opentenge.store import queries as q

    found = bodies(code)
    ids = [b.pop("pk") for b in found]
    contracts = sm.Contract.objects.filter(q.COUNTED, customer_id__in=ids)
    by_year = q._by_year(contracts) if ids else []
    years = []
    for row in by_year:
        budget = budget_by_year.get(row["year"])
        executed_tenge = budget["sumrg"] * THOUSAND if budget else None
        years.append({"year": row["year"], "contracts": row["contracts"], "value": row["value"],
                      "executed": executed_tenge, "executed_period": budget["period"] if budget else None,
                      # to 0.0001 %: procurement is often a tiny share of a ministry's budget
                      "share_pct": percent(row["value"], executed_tenge, SHARE_PLACES)})
    totals = q._totals(contracts) if ids else {"contracts": 0, "value": Decimal("0")}
    return {"unit": "KZT", "bodies": found, **totals, "by_year": years,
            "top_suppliers": q._top_counterparts(contracts, "supplier") if ids else []}


def organisation_panel(detail: dict) -> dict | None:
    """For an organisation that is (or belongs to) a budget administrator: its budget headline."""
    from opentenge.store import queries as q

    if not BudgetLine.objects.exists():
        return None
    try:
        org = q.get_organisation(detail["id"])
    except q.NotFound:
        return None
    code = None
    try:
        from opentenge.budget.administrators import administrator_for
    except ImportError:
        administrator_for = None
    if administrator_for is not None:
        code = administrator_for(org.pk)
    if not code:
        code = (current_lines().filter(kind=KIND.ADMINISTRATOR, organisation=org).order_by("-period")
                .values_list("abp_code", flat=True).first())
    if not code:
        return None
    try:
        data = administrator(code)
    except NotFound:
        return None
    relation = next((b["relation"] for b in data["procurement"]["bodies"] if b["id"] == detail["id"]), "self")
    # Exact decimal strings: the organisation page's JSON twin writes Decimals with two places.
    return jsonable({"unit": UNIT, "code": code, "name": data["name"], "relation": relation,
                     "period": data["period"], "view": data["view"],
                     "figures": {c: data["figures"][c] for c in ("utv", "plg", "sumrg", "execution_pct")}})

"""The explorer page: one view and month of the republican budget, its treemap, curve and ranking."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Max, Sum

from opentenge.budget.explore.common import (
    KIND, MEASURES, MOVED_NOTES, UNIT, UNIT_KIND, ZERO, BadRequest, add_amounts, amount_dict, current_lines,
    current_snapshots, latest_names, missing_period_plan, percent, period_key, resolve_period, strip_missing_plan,
    sum_exprs, transfer_lines, unit_key, unit_lines, unit_rows, views_with_periods,
)
from opentenge.budget.models import AMOUNT_COLUMNS, CheckFigure, View


def periods() -> dict:
    """Which views and months are published (current republican snapshots)."""
    views = views_with_periods()
    return {
        "unit": UNIT,
        "views": [{"view": v, "periods": [period_key(p) for p in ps], "years": sorted({p.year for p in ps}),
                   "latest": period_key(ps[-1])} for v, ps in views.items()],
    }


def explorer(view: str | None = None, period: str | None = None, abp: str | None = None,
             measure: str | None = None) -> dict:
    """Everything the explorer page shows for one view and month.

    ``period``: ``YYYY`` (the year's latest month), ``YYYY-MM`` or ``MM.YYYY``; default the latest.
    ``abp``: an administrator whose execution curve is drawn beside the total.
    ``measure``: what sizes the treemap, ``plg`` (adjusted plan, default), ``sumrg`` or ``utv``.
    """
    views = views_with_periods()
    measure = measure or "plg"
    if measure not in MEASURES:
        raise BadRequest(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if view and view not in View.values:
        raise BadRequest(f"view must be one of {', '.join(View.values)}, not {view!r}")
    base = {"unit": UNIT, "views": list(views), "measure": measure, "measures": list(MEASURES)}
    if not views:
        return {**base, "empty": True, "view": view or View.DEPARTMENTAL, "period": None, "periods": [], "years": []}
    view = view or next(iter(views))
    if view not in views:
        return {**base, "empty": True, "view": view, "period": None, "periods": [], "years": [],
                "note": f"no data for the {view} view"}
    chosen, note, mode = resolve_period(views[view], period)
    missing_plan = missing_period_plan(view)
    units = [strip_missing_plan(r, chosen in missing_plan) for r in unit_rows(view, chosen)]
    abp = (abp or "").strip() or None
    if abp and UNIT_KIND[view] != KIND.ADMINISTRATOR:
        abp = None
    return {
        **base,
        "empty": False,
        "view": view,
        "unit_kind": UNIT_KIND[view],
        "period": period_key(chosen),
        "mode": mode,
        "year": chosen.year,
        "note": note,
        "periods": [period_key(p) for p in reversed(views[view])],
        "years": sorted({p.year for p in views[view]}, reverse=True),
        "period_plan_missing": chosen in missing_plan,
        "totals": _totals(view, chosen, units),
        "units": units,
        "programmes": programme_rows(view, chosen),
        "treemap": _treemap(view, chosen, measure, units),
        "series": _series(view, chosen.year, abp, missing_plan),
        "ranking": ranking(view, chosen.year),
        "abp": abp,
        "administrators": [{"code": u["code"], "name": u["name"]} for u in sorted(units, key=lambda u: u["code"])]
        if UNIT_KIND[view] == KIND.ADMINISTRATOR else [],
    }


def _totals(view: str, period: date, units: list[dict]) -> dict:
    """Lines added up, transfers beside them, and the published «Итого» with any difference."""
    summed: dict = {}
    for row in units:
        add_amounts(summed, row)
    transfers = {c: sum((u[f"transfers_{c}"] for u in units), ZERO) for c in ("plg", "sumrg")}
    published = (CheckFigure.objects.filter(snapshot__in=current_snapshots().filter(view=view, period=period), scope="total")
                 .values(*AMOUNT_COLUMNS).first())
    return {
        **summed,
        "plgp": summed.get("plgp") if units and units[0]["plgp"] is not None else None,
        "execution_pct": percent(summed.get("sumrg"), summed.get("plg")),
        "transfers_plg": transfers["plg"],
        "transfers_sumrg": transfers["sumrg"],
        "transfers_view": transfer_lines(view, period)[1],
        "net_plg": summed.get("plg", ZERO) - transfers["plg"],
        "net_sumrg": summed.get("sumrg", ZERO) - transfers["sumrg"],
        "units": len(units),
        "published": amount_dict(published) if published else None,
        "difference": ({c: summed.get(c, ZERO) - published[c] for c in AMOUNT_COLUMNS if c != "obzsumrg"}
                       if published else None),
    }


def programme_rows(view: str, period: date, abp: str | None = None) -> list[dict]:
    """Programmes (added up over functional groups), each with its sub-programmes."""
    lines = current_lines(view).filter(period=period, kind__in=(KIND.PROGRAMME, KIND.SUBPROGRAMME))
    if abp:
        lines = lines.filter(abp_code=abp)
    if not lines.exists():
        return []
    admin_names = latest_names(current_lines(view).filter(period=period, kind=KIND.ADMINISTRATOR), "abp_code")
    programmes: dict[tuple, dict] = {}
    subs: dict[tuple, dict] = {}
    for line in lines.order_by("abp_code", "programme_code", "subprogramme_code", "id"):
        key = (line.abp_code, line.programme_code)
        amounts = {c: getattr(line, c) for c in AMOUNT_COLUMNS}
        if line.kind == KIND.PROGRAMME:
            row = programmes.setdefault(key, {"abp_code": line.abp_code, "abp_name": admin_names.get(line.abp_code, ""),
                                              "code": line.programme_code or line.code, "name": line.name,
                                              "is_transfer": False, "subprogrammes": []})
            add_amounts(row, amounts)
            row["is_transfer"] = row["is_transfer"] or line.is_transfer
        else:
            sub_key = key + (line.subprogramme_code or line.code, line.name)
            sub = subs.setdefault(sub_key, {"code": line.subprogramme_code or line.code, "name": line.name,
                                            "is_transfer": line.is_transfer, "_programme": key})
            add_amounts(sub, amounts)
    for sub in subs.values():
        parent = programmes.get(sub.pop("_programme"))
        if parent is not None:
            sub["execution_pct"] = percent(sub["sumrg"], sub["plg"])
            parent["subprogrammes"].append(sub)
    rows = list(programmes.values())
    for row in rows:
        row["execution_pct"] = percent(row["sumrg"], row["plg"])
    rows.sort(key=lambda r: (-r["plg"], r["abp_code"], r["code"]))
    return rows


def _programme_source(view: str, period: date) -> str | None:
    """The report whose programmes fill the treemap: the view itself, else the full report of the month.

    The departmental file stops at the administrator; the full report of the same month covers
    the same budget and may name programmes. The priority investments report is not borrowed:
    it covers a small part of each budget, so the treemap would be mostly "not itemised".
    """
    candidates = (view, View.PROGRAMME) if UNIT_KIND[view] == KIND.ADMINISTRATOR else (view,)
    for candidate in candidates:
        if current_lines(candidate).filter(period=period, kind=KIND.PROGRAMME).exists():
            return candidate
    return None


def _treemap(view: str, period: date, measure: str, units: list[dict]) -> dict:
    """Administrator → programme → sub-programme, sized by ``measure`` (negative or zero left out).

    When the programmes come from another report of the same month (priority investments cover
    only part of each budget), every administrator keeps its own size and the part its programmes
    do not explain becomes one block marked ``rest``: sizes stay those of the chosen report.
    """
    source = _programme_source(view, period)
    programmes = programme_rows(source, period) if source else []
    by_abp: dict[str, list] = defaultdict(list)
    for p in programmes:
        by_abp[p["abp_code"]].append(p)

    def node(code: str, name: str, amounts: dict, children: list, transfer: bool) -> dict:
        return {"code": code, "name": name, "value": amounts[measure], "plg": amounts["plg"],
                "sumrg": amounts["sumrg"], "execution_pct": percent(amounts["sumrg"], amounts["plg"]),
                "transfer": transfer, "rest": False, "children": children}

    tree = []
    for unit in units:
        if unit[measure] <= 0:
            continue
        children = []
        for p in by_abp.get(unit["code"], []):
            subs = [node(s["code"], s["name"], s, [], s["is_transfer"]) for s in p["subprogrammes"] if s[measure] > 0]
            if p[measure] > 0:
                children.append(node(p["code"], p["name"], p, subs, p["is_transfer"]))
        if children and source != view:
            rest = {c: unit[c] - sum((p[c] for p in by_abp[unit["code"]]), ZERO) for c in ("plg", "sumrg", "utv")}
            if rest[measure] > 0:
                children.append({**node("", "", rest, [], False), "rest": True})
        tree.append(node(unit["code"], unit["name"], unit, children, unit["has_transfers"]))
    elsewhere = [v for v in (View.INVESTMENTS, View.PROGRAMME) if v not in (view, source)
                 and current_lines(v).filter(period=period, kind=KIND.PROGRAMME).exists()]
    return {"measure": measure, "depth": 3 if programmes else 1, "source_view": source, "nodes": tree,
            "programmes_in": elsewhere}


def _series(view: str, year: int, abp: str | None, missing_plan: set[date]) -> dict:
    """Cumulative execution against plan, month by month through one year (total, or one ABP)."""
    def points(qs) -> list[dict]:
        out = []
        for r in (qs.filter(period__year=year).values("period")
                  .annotate(**sum_exprs(("plg", "plgp", "sumrg", "sumrg_month")), notes=Max("month_note"))
                  .order_by("period")):
            missing = r["period"] in missing_plan
            out.append({"period": period_key(r["period"]), "plg": r["plg"] or ZERO,
                        "plgp": None if missing else (r["plgp"] or ZERO), "sumrg": r["sumrg"] or ZERO,
                        "sumrg_month": r["sumrg_month"],
                        "execution_pct": percent(r["sumrg"], r["plg"]),
                        "period_execution_pct": None if missing else percent(r["sumrg"], r["plgp"]),
                        "note": r["notes"] or ""})
        return out

    series = {"year": year, "total": points(unit_lines(view)), "abp": None}
    series["plan_gaps"] = any(p["plgp"] is None for p in series["total"])
    if abp:
        series["abp"] = {"code": abp, "name": latest_names(unit_lines(view, abp=abp), "abp_code").get(abp, ""),
                         "points": points(unit_lines(view, abp=abp))}
    return series


def ranking(view: str, year: int) -> dict:
    """Who under-spends (lowest cash execution of the annual plan) and who rushes in December.

    Execution is ``sumrg / plg`` at the year's latest published month. The December share is the
    December flow (``sumrg_month``, derived by the importer from consecutive cumulative figures)
    over the year's execution; it needs December. Units whose figures were moved between
    administrators during the year (the 10.2023 reorganisation) carry the importer's note.
    """
    periods = [p for p in views_with_periods().get(view, []) if p.year == year]
    if not periods:
        return {"year": year, "period": None, "complete_year": False, "rows": []}
    last = periods[-1]
    key = unit_key(view)
    units = unit_lines(view, last)
    names = latest_names(units, key)
    notes = {r[key]: r["n"] for r in unit_lines(view).filter(period__year=year, month_note__in=MOVED_NOTES)
             .values(key).annotate(n=Max("month_note"))}
    december = {}
    if last.month == 12:
        december = {r[key]: r for r in units.values(key).annotate(flow=Sum("sumrg_month"), year=Sum("sumrg"))}
    rows = []
    for r in units.values(key).annotate(plg=Sum("plg"), sumrg=Sum("sumrg")).order_by(key):
        code = r[key]
        dec = december.get(code)
        rows.append({"code": code, "name": names.get(code, ""), "plg": r["plg"] or ZERO, "sumrg": r["sumrg"] or ZERO,
                     "unspent": (r["plg"] or ZERO) - (r["sumrg"] or ZERO),
                     "execution_pct": percent(r["sumrg"], r["plg"]),
                     "december": dec["flow"] if dec else None,
                     "december_share_pct": percent(dec["flow"], dec["year"]) if dec and dec["year"] and dec["year"] > 0
                     else None,
                     "note": notes.get(code, "")})
    rows.sort(key=lambda r: (r["execution_pct"] is None, r["execution_pct"] or 0, r["code"]))
    rushing = sorted((r for r in rows if r["december_share_pct"] is not None),
                     key=lambda r: (-r["december_share_pct"], r["code"]))
    return {"year": year, "period": period_key(last), "complete_year": last.month == 12, "rows": rows,
            "december_rush": [r["code"] for r in rushing]}

"""Local budgets (regional, district, rural) and their public hearings: the index and one page each.

A local budget is (level, KATO code, year). Its page shows the approved budget as of the latest
published month (departmental view when loaded: administrators; otherwise the first view held),
the hearing trail (documents, proposals, answers) and, for each hearing, how the budget changed
after it: the approved (``utv``) and revised (``utch``) amounts of the last snapshot published
*before* the hearing date against the latest snapshot of the year, per administrator.

A snapshot is "before" the hearing when its figures (as of the end of its month) were fixed
before the hearing day: the first day of the following month is on or before the hearing date.
When no month of the year ends before the hearing (a hearing on the draft, in the autumn
before), there is nothing to compare and the page says so rather than compare the wrong months.
Local budgets are never added to the republican one nor to each other (transfers would count twice).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from opentenge.budget import kato as kato_codes
from opentenge.budget.explore.common import VIEW_ORDER, ZERO, NotFound, percent, period_key
from opentenge.budget.hearing_models import Hearing, HearingProposal
from opentenge.budget.models import BudgetLine, BudgetSnapshot, CheckFigure, Discrepancy, Level, View

LOCAL_LEVELS = (Level.REGIONAL, Level.DISTRICT, Level.RURAL)
COMPARED = ("utv", "utch")
SHOWN = ("utv", "utch", "plg", "sumrg")
ANSWERS = tuple(HearingProposal.Answer.values)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _local_snapshots():
    return BudgetSnapshot.objects.filter(is_current=True, level__in=LOCAL_LEVELS)


def local_index() -> dict:
    """Every local budget held, as a tree region → district → rural district, with years and hearings."""
    budgets: dict[str, dict] = {}
    for level, kato, name, period in (_local_snapshots().values_list("level", "region", "region_name", "period")
                                      .order_by("region", "period")):
        entry = budgets.setdefault(kato, {"kato": kato, "level": level, "name": "", "years": set(), "hearings": 0})
        entry["name"] = name or entry["name"]
        entry["years"].add(period.year)
    for hearing in Hearing.objects.values("kato", "level", "year"):
        entry = budgets.setdefault(hearing["kato"], {"kato": hearing["kato"], "level": hearing["level"], "name": "",
                                                     "years": set(), "hearings": 0})
        entry["years"].add(hearing["year"])
        entry["hearings"] += 1
    for entry in budgets.values():
        entry["years"] = sorted(entry["years"])
        entry["latest_year"] = entry["years"][-1]
        entry["children"] = []
    regions: dict[str, dict] = {}

    def node(code: str, level: str) -> dict:
        if code not in budgets:  # a district held without its region: the region is shown by code
            budgets[code] = {"kato": code, "level": level, "name": "", "years": [], "latest_year": None,
                             "hearings": 0, "children": []}
        return budgets[code]

    for code in sorted(budgets):
        entry = budgets[code]
        if entry["level"] == Level.REGIONAL:
            regions[code] = entry
    for code in sorted(list(budgets)):
        entry = budgets[code]
        if entry["level"] == Level.DISTRICT:
            region = node(kato_codes.parents(code)[0], Level.REGIONAL)
            regions[region["kato"]] = region
            region["children"].append(entry)
        elif entry["level"] == Level.RURAL:
            region_code, district_code = kato_codes.parents(code)
            region = node(region_code, Level.REGIONAL)
            regions[region_code] = region
            district = node(district_code, Level.DISTRICT)
            if district not in region["children"]:
                region["children"].append(district)
            district["children"].append(entry)
    for region in regions.values():
        region["children"].sort(key=lambda e: e["kato"])
    counts = Counter(entry["level"] for entry in budgets.values() if entry["years"])
    return {"regions": [regions[k] for k in sorted(regions)],
            "counts": {level: counts.get(level, 0) for level in LOCAL_LEVELS},
            "hearings": sum(e["hearings"] for e in budgets.values())}


def _lines(snapshot: BudgetSnapshot | None) -> dict[str, dict]:
    if snapshot is None:
        return {}
    kind = BudgetLine.Kind.ADMINISTRATOR if snapshot.view != View.FUNCTIONAL else BudgetLine.Kind.GROUP
    rows = (BudgetLine.objects.filter(snapshot=snapshot, kind=kind).order_by("path")
            .values("code", "name", "path", *SHOWN))
    out: dict[str, dict] = {}
    for row in rows:
        entry = out.setdefault(row["code"], {"code": row["code"], "name": row["name"], **{c: ZERO for c in SHOWN}})
        for c in SHOWN:
            entry[c] += row[c]
    return out


def _change(hearing: Hearing, snapshots: list[BudgetSnapshot]) -> dict:
    """Approved and revised amounts before the hearing vs the latest month of the year (module docstring)."""
    before = [s for s in snapshots if _next_month(s.period) <= hearing.date]
    after = snapshots[-1] if snapshots else None
    result = {"before_period": period_key(before[-1].period) if before else None,
              "after_period": period_key(after.period) if after else None, "rows": [], "totals": None, "note": ""}
    if not before:
        result["note"] = "no-month-before"
        return result
    if after is None or after.period == before[-1].period:
        result["note"] = "no-month-after"
        return result
    old, new = _lines(before[-1]), _lines(after)
    totals = {f"{c}_{w}": ZERO for c in COMPARED for w in ("before", "after", "difference")}
    for code in sorted(set(old) | set(new), key=lambda c: (len(c), c)):
        a, b = old.get(code), new.get(code)
        row = {"code": code, "name": (b or a)["name"], "status": "new" if a is None else "gone" if b is None else ""}
        for c in COMPARED:
            row[f"{c}_before"] = a[c] if a else ZERO
            row[f"{c}_after"] = b[c] if b else ZERO
            row[f"{c}_difference"] = row[f"{c}_after"] - row[f"{c}_before"]
            for w in ("before", "after", "difference"):
                totals[f"{c}_{w}"] += row[f"{c}_{w}"]
        row["utch_change_pct"] = percent(row["utch_difference"], row["utch_before"])
        row["changed"] = any(row[f"{c}_difference"] for c in COMPARED) or bool(row["status"])
        result["rows"].append(row)
    totals["utch_change_pct"] = percent(totals["utch_difference"], totals["utch_before"])
    result["totals"] = totals
    result["changed"] = sum(1 for r in result["rows"] if r["changed"])
    largest = max((abs(r["utch_difference"]) for r in result["rows"]), default=ZERO)
    result["chart_height"] = CHART_ROW * max(1, sum(1 for r in result["rows"] if r["utch_difference"]))
    result["chart"] = _bars([r for r in result["rows"] if r["utch_difference"]], largest)
    return result


CHART_AXIS, CHART_HALF, CHART_ROW = 230, 150, 22


def _bars(rows: list[dict], largest) -> list[dict]:
    """Bars of a small SVG chart (pixels computed here, so the template needs no arithmetic or script)."""
    bars = []
    for i, row in enumerate(rows):
        width = max(1, round(float(abs(row["utch_difference"]) / largest) * CHART_HALF))
        up = row["utch_difference"] > 0
        bars.append({"code": row["code"], "name": row["name"], "difference": row["utch_difference"], "up": up,
                     "y": i * CHART_ROW, "x": CHART_AXIS if up else CHART_AXIS - width, "width": width})
    return bars


def _hearing(hearing: Hearing, snapshots: list[BudgetSnapshot]) -> dict:
    proposals = list(hearing.proposals.all())
    counts = Counter(p.answer for p in proposals)
    return {
        "key": hearing.key, "date": hearing.date, "body_name": hearing.body_name, "body_bin": hearing.body_bin,
        "subject": hearing.subject, "source_url": hearing.source_url,
        "source_file": hearing.source_file.name if hearing.source_file_id else None, "locator": hearing.locator,
        "documents": [{"title": d.title, "url": d.url} for d in hearing.documents.all()],
        "proposals": [{"number": p.number, "text": p.text, "author_kind": p.author_kind,
                       "author_organisation": p.author_organisation, "answer": p.answer, "reason": p.reason,
                       "masked": p.masked, "locator": p.locator} for p in proposals],
        "counts": {**{a: counts.get(a, 0) for a in ANSWERS}, "total": len(proposals)},
        "change": _change(hearing, snapshots),
    }


def local_budget(level: str, kato: str, year: int) -> dict:
    """One local budget's page: approved budget, hearing trail and the change after each hearing."""
    if level not in LOCAL_LEVELS:
        raise NotFound(level)
    if not 1900 <= year <= 2200:  # a budget year; anything else would overflow the date lookups
        raise NotFound(str(year))
    try:
        if kato_codes.level_of(kato) != level:
            raise NotFound(kato)
    except kato_codes.KatoError as err:
        raise NotFound(kato) from err
    snapshots = list(_local_snapshots().filter(level=level, region=kato, period__year=year).order_by("period"))
    hearings = list(Hearing.objects.filter(level=level, kato=kato, year=year).select_related("source_file")
                    .prefetch_related("documents", "proposals").order_by("date", "key"))
    if not snapshots and not hearings:
        raise NotFound(f"{level} {kato} {year}")
    by_view: dict[str, list[BudgetSnapshot]] = defaultdict(list)
    for snapshot in snapshots:
        by_view[snapshot.view].append(snapshot)
    view = next((v for v in VIEW_ORDER if v in by_view), None)
    series = by_view.get(view, [])
    latest = series[-1] if series else None
    lines = sorted(_lines(latest).values(), key=lambda r: (len(r["code"]), r["code"]))
    for row in lines:
        row["execution_pct"] = percent(row["sumrg"], row["plg"])
    totals = {c: sum((r[c] for r in lines), ZERO) for c in SHOWN}
    published = None
    if latest is not None:
        figure = CheckFigure.objects.filter(snapshot=latest, scope="total").values(*SHOWN).first()
        published = figure
    name = next((s.region_name for s in reversed(snapshots) if s.region_name), "")
    years = sorted({p.year for p in _local_snapshots().filter(level=level, region=kato)
                    .values_list("period", flat=True).distinct()}
                   | set(Hearing.objects.filter(level=level, kato=kato).values_list("year", flat=True)))
    discrepancies = Discrepancy.objects.filter(snapshot__in=snapshots, severity="mismatch").count()
    all_counts = Counter()
    trail = [_hearing(h, series) for h in hearings]
    for h in trail:
        all_counts.update({a: h["counts"][a] for a in ANSWERS})
    return {
        "level": level, "kato": kato, "year": year, "name": name, "years": years, "unit": "thousand KZT",
        "parents": [{"kato": code, "level": kato_codes.level_of(code),
                     "name": (_local_snapshots().filter(region=code).exclude(region_name="")
                              .values_list("region_name", flat=True).first() or "")}
                    for code in kato_codes.parents(kato)],
        "view": view, "period": period_key(latest.period) if latest else None,
        "source_file": latest.source_file.name if latest else None,
        "lines": lines, "totals": totals, "published_total": published,
        "totals_difference": ({c: totals[c] - published[c] for c in SHOWN} if published else None),
        "execution_pct": percent(totals["sumrg"], totals["plg"]),
        "discrepancies": discrepancies,
        "periods": [period_key(s.period) for s in series],
        "hearings": trail,
        "answer_counts": {**{a: all_counts.get(a, 0) for a in ANSWERS}, "total": sum(all_counts.values())},
    }

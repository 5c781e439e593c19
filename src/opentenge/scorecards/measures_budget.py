"""Budget measures: execution against plan, the December rush, and published totals that do not add up.

Read through the budget app's models: administrator (ABP) lines of the *current* snapshots, the
departmental view first (its lines add up to the published «Итого»), else the full hierarchical
report. A body's lines are found by ``(ABP code, level, KATO region)``: the republican ABP codes
from ``AdministratorLink`` (ministries, agencies), and for local bodies the administrator lines
the budget importer linked to the organisation (local budgets reuse ABP codes in every region, so
the code alone cannot name a local body). Local bodies get figures as soon as their budgets land.
"""
from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from opentenge.budget.models import BudgetLine, Discrepancy, Level, View
from opentenge.scorecards.kinds import REPUBLICAN_KINDS
from opentenge.scorecards.values import MIN_SNAPSHOTS, Value, lacking, percent, share_value

ADMIN = BudgetLine.Kind.ADMINISTRATOR
VIEWS = (View.DEPARTMENTAL, View.PROGRAMME)


def budget_keys(bodies) -> dict[tuple[str, str, str], int]:
    """``{(abp code, level, region): body id}`` for every body tied to a budget."""
    keys: dict[tuple[str, str, str], int] = {}
    local = {b.id for b in bodies if b.kind not in REPUBLICAN_KINDS}
    for body in bodies:
        if body.kind in REPUBLICAN_KINDS:
            for code in body.abp_codes:
                keys[(code, Level.REPUBLICAN, "")] = body.id
    if local:
        rows = (BudgetLine.objects.filter(kind=ADMIN, organisation_id__in=local).exclude(level=Level.REPUBLICAN)
                .values_list("abp_code", "level", "region", "organisation_id").distinct())
        for code, level, region, org_id in rows:
            keys[(code, level, region)] = org_id
    return keys


def _year_figures(year: int, bodies) -> dict[int, dict]:
    """Per body: the view read, and per (level, region) the latest month with plan, cash and December flow."""
    keys = budget_keys(bodies)
    if not keys:
        return {}
    rows = (BudgetLine.objects.filter(is_current=True, kind=ADMIN, view__in=VIEWS, period__year=year,
                                      abp_code__in={k[0] for k in keys})
            .values("abp_code", "view", "level", "region", "period")
            .annotate(plg=Sum("plg"), sumrg=Sum("sumrg"), flow=Sum("sumrg_month"),
                      flow_missing=Count("id", filter=Q(sumrg_month__isnull=True))))
    found: dict[int, dict] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for r in rows:
        body = keys.get((r["abp_code"], r["level"], r["region"]))
        if body is None:
            continue
        month = found[body][r["view"]][(r["level"], r["region"])].setdefault(
            r["period"], {"plg": 0, "sumrg": 0, "flow": 0, "flow_missing": 0})
        for column in ("plg", "sumrg", "flow", "flow_missing"):
            month[column] += r[column] or 0
    out = {}
    for body, views in found.items():
        view = next(v for v in VIEWS if v in views)
        out[body] = {"view": view, "budgets": {k: months[max(months)] | {"period": max(months)}
                                                for k, months in views[view].items()}}
    return out


def _december(year: int, bodies):
    """Per body, the December figures summed over its budgets, or the reason they cannot be read."""
    figures = _year_figures(year, bodies)
    for body in bodies:
        found = figures.get(body.id)
        if found is None:
            yield body.id, lacking("no_budget_lines", _("no budget lines of this body in %(year)s") % {"year": year})
            continue
        latest = [b["period"] for b in found["budgets"].values()]
        if any(p.month != 12 for p in latest):
            yield body.id, lacking("year_incomplete", _("the year is not complete: latest published month %(month)s")
                                   % {"month": f"{min(latest):%Y-%m}"})
            continue
        total = {c: sum(b[c] for b in found["budgets"].values()) for c in ("plg", "sumrg", "flow", "flow_missing")}
        yield body.id, total


def budget_execution(year: int, bodies) -> dict[int, Value]:
    out = {}
    for body_id, total in _december(year, bodies):
        if isinstance(total, Value):
            out[body_id] = total
        elif total["plg"] <= 0:
            out[body_id] = lacking("no_plan", _("no annual plan published"))
        else:
            out[body_id] = share_value(total["sumrg"], total["plg"])
    return out


def december_rush(year: int, bodies) -> dict[int, Value]:
    out = {}
    for body_id, total in _december(year, bodies):
        if isinstance(total, Value):
            out[body_id] = total
        elif total["flow_missing"]:
            out[body_id] = lacking("no_december_flow", _("December spending cannot be derived (November missing)"))
        elif total["sumrg"] <= 0:
            out[body_id] = lacking("no_spending", _("no cash executed in the year"))
        else:
            out[body_id] = share_value(total["flow"], total["sumrg"])
    return out


def _attributed(year: int, snapshots: set[int]) -> set[tuple[int, str]]:
    """``(snapshot, abp code)`` of every current mismatch that concerns one administrator."""
    found = set()
    paths = defaultdict(set)
    for snapshot_id, scope in (Discrepancy.objects.filter(snapshot_id__in=snapshots, severity="mismatch")
                               .values_list("snapshot_id", "scope")):
        kind, _sep, rest = scope.partition(":")
        if kind == "view" and rest.startswith("programme:"):
            found.add((snapshot_id, rest.split(":", 1)[1]))
        elif kind in ("line", "placeholder"):
            paths[snapshot_id].add(rest)
    if paths:
        wanted = Q()
        for snapshot_id, chosen in paths.items():
            wanted |= Q(snapshot_id=snapshot_id, path__in=chosen)
        found.update(BudgetLine.objects.filter(wanted).exclude(abp_code="").values_list("snapshot_id", "abp_code"))
    return found


def data_discrepancies(year: int, bodies) -> dict[int, Value]:
    """Share of the body's published snapshots (view × month) where its own figures do not add up."""
    keys = budget_keys(bodies)
    snapshots: dict[int, set[tuple[int, str]]] = defaultdict(set)
    if keys:
        rows = (BudgetLine.objects.filter(is_current=True, period__year=year, abp_code__in={k[0] for k in keys})
                .values_list("snapshot_id", "abp_code", "level", "region").distinct())
        for snapshot_id, code, level, region in rows:
            body = keys.get((code, level, region))
            if body is not None:
                snapshots[body].add((snapshot_id, code))
    every = {s for pairs in snapshots.values() for s, _code in pairs}
    mismatched = _attributed(year, every) if every else set()
    out = {}
    for body in bodies:
        pairs = snapshots.get(body.id, set())
        published = {s for s, _code in pairs}
        if len(published) < MIN_SNAPSHOTS:
            out[body.id] = lacking("few_snapshots", _("fewer than %(n)s published budget snapshots in %(year)s")
                                   % {"n": MIN_SNAPSHOTS, "year": year})
            continue
        bad = {s for s, code in pairs if (s, code) in mismatched}
        out[body.id] = Value(percent(len(bad), len(published)), len(bad), len(published))
    return out

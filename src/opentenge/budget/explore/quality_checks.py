"""The data-quality page: published totals the lines do not add up to, and replaced snapshots."""
from __future__ import annotations

from django.db.models import Count, Max, Min

from opentenge.budget.explore.common import UNIT, period_key
from opentenge.budget.models import BudgetSnapshot, Discrepancy


def quality() -> dict:
    """Every difference between published totals and the lines beneath them, and replaced snapshots."""
    from opentenge.store import models as sm

    discrepancies = [
        {"period": period_key(d.snapshot.period), "view": d.snapshot.view, "level": d.snapshot.level,
         "region": d.snapshot.region, "current": d.snapshot.is_current, "scope": d.scope, "column": d.column, "published": d.published,
         "computed": d.computed, "difference": d.difference, "tolerance": d.tolerance, "severity": d.severity,
         "note": d.note, "file": d.snapshot.source_file.name}
        for d in Discrepancy.objects.select_related("snapshot", "snapshot__source_file")
        .order_by("-snapshot__is_current", "snapshot__view", "snapshot__period", "scope", "column", "id")
    ]
    counts = {"mismatch": 0, "rounding": 0, "replaced": 0}
    for d in discrepancies:
        counts["replaced" if not d["current"] else ("rounding" if d["severity"] == "rounding" else "mismatch")] += 1
    history = [
        {"view": s.view, "period": period_key(s.period), "level": s.level, "file": s.source_file.name,
         "sha256": s.source_file.sha256, "ingested_at": s.ingested_at, "lines": s.lines,
         "replaced_by_file": s.replaced_by.source_file.name if s.replaced_by else None,
         "replaced_at": s.replaced_by.ingested_at if s.replaced_by else None}
        for s in BudgetSnapshot.objects.filter(is_current=False)
        .select_related("source_file", "replaced_by", "replaced_by__source_file").order_by("view", "period", "id")
    ]
    snapshots = [
        {"view": r["view"], "snapshots": r["n"], "first": period_key(r["first"]), "last": period_key(r["last"])}
        for r in BudgetSnapshot.objects.filter(is_current=True).values("view")
        .annotate(n=Count("id"), first=Min("period"), last=Max("period")).order_by("view")
    ]
    return {"unit": UNIT, "discrepancies": discrepancies, "counts": counts, "history": history, "snapshots": snapshots,
            "quarantined": sm.QuarantinedRecord.objects.filter(source__in=("budget_egov", "budget_local")).count()}

"""Views against each other: the departmental rows against the hierarchical report's ABP rows.

Both reports publish the same administrators for the same month; each rounds its figures on its
own, so tenge-level differences are expected, but PROVENANCE found months where they disagree
strongly (quirk 10). For every month with a current snapshot of both views, each departmental ABP
row is compared with the sum of that ABP's rows in the hierarchical report
(``reconcile.cross_view_findings``); differences beyond rounding are stored on the departmental
snapshot, scope ``view:programme:<abp>``, and recomputed whenever either side of the month changes.
"""
from __future__ import annotations

from decimal import Decimal

from opentenge.budget import reconcile
from opentenge.budget.models import AMOUNT_COLUMNS, BudgetLine, BudgetSnapshot, Discrepancy, View

CROSS_CHECKED_VIEWS = (View.DEPARTMENTAL, View.PROGRAMME)
CROSS_VIEW_SCOPE = "view:programme:"
CHUNK = 1000


def compare_views(periods) -> None:
    """Re-run the comparison for ``(level, region, period)`` months that have both views."""
    for level, region, period in sorted(periods):
        current = {s.view: s for s in BudgetSnapshot.objects.filter(level=level, region=region, period=period,
                                                                     is_current=True, view__in=CROSS_CHECKED_VIEWS)}
        if len(current) < len(CROSS_CHECKED_VIEWS):
            continue
        departmental_snapshot = current[View.DEPARTMENTAL]
        Discrepancy.objects.filter(snapshot=departmental_snapshot, scope__startswith=CROSS_VIEW_SCOPE).delete()
        departmental = {row[0]: dict(zip(AMOUNT_COLUMNS, row[1:])) for row in BudgetLine.objects.filter(
            snapshot=departmental_snapshot, kind=BudgetLine.Kind.ADMINISTRATOR).values_list("abp_code", *AMOUNT_COLUMNS)}
        programme: dict[str, tuple[dict, int]] = {}
        for row in BudgetLine.objects.filter(snapshot=current[View.PROGRAMME], kind=BudgetLine.Kind.ADMINISTRATOR
                                             ).values_list("abp_code", *AMOUNT_COLUMNS):
            sums, rows = programme.get(row[0], ({c: Decimal("0.000") for c in AMOUNT_COLUMNS}, 0))
            programme[row[0]] = ({c: sums[c] + v for c, v in zip(AMOUNT_COLUMNS, row[1:])}, rows + 1)
        Discrepancy.objects.bulk_create([
            Discrepancy(snapshot=departmental_snapshot, scope=f.scope, column=f.column, published=f.published,
                        computed=f.computed, difference=f.difference, tolerance=f.tolerance, severity=f.severity,
                        note=f.rule)
            for f in reconcile.cross_view_findings(departmental, programme)
        ], batch_size=CHUNK)

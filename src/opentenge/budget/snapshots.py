"""Write a file's budget rows as snapshots: one per (view, level, region, month), history kept.

Called by the ingest writer inside the file's transaction (the importer's ``write`` hook). For
each month the file holds:

* the month's *content hash* (the rows' normalised content, order-free) equals the current
  snapshot's → nothing is written, the rows count as unchanged (the same month read again from
  another file, or the untouched months of a corrected file);
* it differs → a new current snapshot; the old one stays with ``is_current=False`` and
  ``replaced_by`` set, its lines too (history is never overwritten);
* no snapshot yet → a new one.

Months are loaded and written one at a time, in period order (a big file is never held whole).
A new snapshot gets its lines (ids allocated first, so each child carries its parent's id), its
check figures, its discrepancies (``reconcile``) and its monthly flows (``flows``); the following
month, if stored and not rewritten by this file, has its flows recomputed; months with both a
departmental and a programme snapshot are compared (``crosscheck``). Everything is bulk: a
handful of queries per month, none per row.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from opentenge.budget import bulk, crosscheck, flows, reconcile
from opentenge.budget.fields import KiloTengeField
from opentenge.budget.models import (
    AMOUNT_COLUMNS, PERCENT_COLUMNS, AdministratorLink, BudgetLine, BudgetSnapshot, CheckFigure, Discrepancy,
    Relation,
)
from opentenge.budget.records import MONTH_RECORD, CheckRow, LineRow, MonthSource, SnapshotKey

CHUNK = 1000


@dataclass
class Month:
    """One month of a report as loaded: its lines, check figures and rows' content hashes."""

    key: SnapshotKey
    lines: list[LineRow] = field(default_factory=list)
    checks: list[CheckRow] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.lines) + len(self.checks)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.hashes)).encode()).hexdigest()

    @property
    def plan_missing(self) -> bool:
        """Quirk 5: ``plgp`` published as 0 on every line while there is an annual plan."""
        return (bool(self.lines) and all(line.amounts["plgp"] == 0 for line in self.lines)
                and any(line.amounts["plg"] != 0 for line in self.lines))

    def cumulative(self) -> dict[str, flows.Cumulative]:
        return {line.path: flows.Cumulative(line.kind, line.amounts["sumrg"], line.amounts["obz"], line.amounts["plgp"])
                for line in self.lines}


def _series(key: SnapshotKey) -> tuple:
    return key.view, key.level, key.region


def _current(keys) -> dict[tuple, BudgetSnapshot]:
    found = {}
    by_series = defaultdict(set)
    for key in keys:
        by_series[_series(key)].add(key.period)
    for (view, level, region), periods in by_series.items():
        for snapshot in BudgetSnapshot.objects.filter(view=view, level=level, region=region, is_current=True,
                                                      period__in=sorted(periods)):
            found[(view, level, region, snapshot.period)] = snapshot
    return found


def write_records(ctx, source_file, counts) -> None:
    """Store the months ``ctx`` holds, one after the other; add their counts to ``counts``.

    Each ``MonthSource`` is loaded (parsed and classified by the importer) only when its turn
    comes, so memory holds one month of a big file, plus the previous month's cumulative figures
    for the flows. Loading may quarantine rows (a bad amount, a row that does not fit the tree):
    ``counts.quarantined`` is brought up to date at the end.
    """
    sources = sorted((r.fields["month"] for r in ctx.records if r.kind == MONTH_RECORD),
                     key=lambda source: (_series(source.key), source.key.period))
    if sources:
        _write_months(sources, source_file, counts)
    counts.records = ctx.record_count
    counts.quarantined = len(ctx.quarantined)


def _write_months(sources: list[MonthSource], source_file, counts) -> None:
    current = _current(source.key for source in sources)
    now = timezone.now()
    last: dict[tuple, tuple] = {}  # series → (period, cumulative, plan_missing) of the month just read
    pending: dict[tuple, tuple] = {}  # series → the month just written, whose following month needs new flows
    written = []
    for source in sources:
        key, series = source.key, _series(source.key)
        loaded = source.load()
        month = Month(key, loaded.lines, loaded.checks, loaded.hashes)
        cumulative = month.cumulative()
        before = last.get(series)
        last[series] = (key.period, cumulative, month.plan_missing)
        tail = pending.pop(series, None)
        if tail is not None and flows.next_period(tail[0].period) != key.period:
            _recompute_following(*tail)  # the month after it is not in this file
            tail = None
        old = current.get((*series, key.period))
        if old is not None and old.content_hash == month.content_hash:
            counts.unchanged += month.rows
            if tail is not None:  # this month is unchanged but the one before it changed
                _recompute_following(*tail)
            continue
        if old is None:
            counts.inserted += month.rows
        else:
            counts.updated += month.rows
        previous = before[1:] if before and before[0] == flows.previous_period(key.period) else _stored_previous(key)
        _write_month(month, old, source_file, now, previous)
        written.append(key)
        pending[series] = (key, cumulative, month.plan_missing)
    for tail in pending.values():
        _recompute_following(*tail)
    crosscheck.compare_views({(k.level, k.region, k.period) for k in written
                              if k.view in crosscheck.CROSS_CHECKED_VIEWS})


def _write_month(month: Month, old: BudgetSnapshot | None, source_file, now, previous) -> None:
    """A new current snapshot for the month (the old one retired, kept), with everything it holds."""
    key = month.key
    if old is not None:
        BudgetSnapshot.objects.filter(id=old.id).update(is_current=False)
        BudgetLine.objects.filter(snapshot_id=old.id).update(is_current=False)
    snapshot = BudgetSnapshot.objects.create(
        view=key.view, level=key.level, region=key.region, region_name=key.region_name, period=key.period,
        source_file=source_file, content_hash=month.content_hash, is_current=True, lines=len(month.lines),
        check_rows=len(month.checks), plan_missing=month.plan_missing, ingested_at=now)
    if old is not None:
        BudgetSnapshot.objects.filter(id=old.id).update(replaced_by=snapshot)
    previous_cumulative, previous_plan_missing = previous if previous else (None, False)
    month_flows = flows.month_flows(month.cumulative(), previous_cumulative, january=key.period.month == 1,
                                    plan_missing=month.plan_missing or previous_plan_missing)
    _insert_lines(month, snapshot, month_flows)
    _insert_checks_and_discrepancies(month, snapshot)


# -- monthly flows ---------------------------------------------------------------------------

def _stored_previous(key: SnapshotKey) -> tuple[dict, bool] | None:
    """The stored month before ``key`` (same year): its cumulative figures and plan flag."""
    period = flows.previous_period(key.period)
    if period is None:
        return None
    snapshot = BudgetSnapshot.objects.filter(view=key.view, level=key.level, region=key.region, period=period,
                                             is_current=True).first()
    if snapshot is None:
        return None
    rows = BudgetLine.objects.filter(snapshot=snapshot).values_list("path", "kind", "sumrg", "obz", "plgp")
    cumulative = {path: flows.Cumulative(kind, sumrg, obz, plgp) for path, kind, sumrg, obz, plgp in rows.iterator()}
    return cumulative, snapshot.plan_missing


def _recompute_following(key: SnapshotKey, cumulative: dict, plan_missing: bool) -> None:
    """A month arrived or changed: the stored month after it gets its flows again."""
    period = flows.next_period(key.period)
    if period is None:
        return
    following = BudgetSnapshot.objects.filter(view=key.view, level=key.level, region=key.region,
                                              period=period, is_current=True).first()
    if following is None:
        return
    stored = list(BudgetLine.objects.filter(snapshot=following).only("id", "path", "kind", "sumrg", "obz", "plgp"))
    now = {line.path: flows.Cumulative(line.kind, line.sumrg, line.obz, line.plgp) for line in stored}
    result = flows.month_flows(now, cumulative, january=False, plan_missing=following.plan_missing or plan_missing)
    for line in stored:
        flow = result[line.path]
        line.sumrg_month, line.obz_month, line.plgp_month, line.month_note = (
            flow.sumrg_month, flow.obz_month, flow.plgp_month, flow.month_note)
    BudgetLine.objects.bulk_update(stored, ["sumrg_month", "obz_month", "plgp_month", "month_note"], batch_size=CHUNK)


# -- rows ------------------------------------------------------------------------------------

def _amounts(row) -> dict:
    values = {column: row.amounts[column] for column in AMOUNT_COLUMNS}
    values.update({column: row.percents.get(column) for column in PERCENT_COLUMNS})
    return values


LINE_FIELDS = list(BudgetLine._meta.concrete_fields)
TENGE_FIELDS = {f.attname for f in LINE_FIELDS if isinstance(f, KiloTengeField)}


def _insert_lines(month: Month, snapshot: BudgetSnapshot, month_flows: dict) -> None:
    """All lines of the month in one ``COPY``/``executemany``, each with its parent's id.

    See ``opentenge.budget.bulk`` for why this is not ``bulk_create``.
    """
    administrators = dict(AdministratorLink.objects.filter(relation=Relation.SELF).order_by("-id")
                          .values_list("abp_code", "organisation_id"))
    table = BudgetLine._meta.db_table
    ids = dict(zip((line.path for line in month.lines), bulk.allocate_ids(table, len(month.lines))))
    period = connection.ops.adapt_datefield_value(snapshot.period)
    rows = []
    for line in month.lines:
        flow = month_flows[line.path]
        values = {
            "id": ids[line.path], "snapshot_id": snapshot.id, "view": snapshot.view, "level": snapshot.level,
            "region": snapshot.region, "period": period, "is_current": True, "kind": line.kind, "depth": line.depth,
            "section": line.section, "code": line.code, "code_published": line.code_published, "name": line.name,
            "name_published": line.name_published, "abp_code": line.abp_code,
            "programme_code": line.programme_code, "subprogramme_code": line.subprogramme_code,
            "parent_id": ids[line.parent_path] if line.parent_path else None, "path": line.path,
            "is_transfer": line.is_transfer,
            "organisation_id": (administrators.get(line.abp_code)
                                if line.kind == BudgetLine.Kind.ADMINISTRATOR else None),
            "published_id": line.published_id, "locator": line.locator,
            "sumrg_month": flow.sumrg_month, "obz_month": flow.obz_month, "plgp_month": flow.plgp_month,
            "month_note": flow.month_note, **_amounts(line),
        }
        rows.append(tuple(bulk.tenge(values[f.attname]) if f.attname in TENGE_FIELDS else values[f.attname]
                          for f in LINE_FIELDS))
    bulk.insert_rows(table, [f.column for f in LINE_FIELDS], rows)


def _insert_checks_and_discrepancies(month: Month, snapshot: BudgetSnapshot) -> None:
    checks = CheckFigure.objects.bulk_create([
        CheckFigure(snapshot=snapshot, scope=check.scope, code_published=check.code_published,
                    name_published=check.name_published, locator=check.locator, **_amounts(check))
        for check in month.checks
    ], batch_size=CHUNK)
    check_ids = {c.scope: c.id for c in checks}
    Discrepancy.objects.bulk_create([
        Discrepancy(snapshot=snapshot, check_figure_id=check_ids.get(f.check_scope), scope=f.scope, column=f.column,
                    published=f.published, computed=f.computed, difference=f.difference, tolerance=f.tolerance,
                    severity=f.severity, note=f.rule)
        for f in reconcile.findings_for(month.lines, month.checks)
    ], batch_size=CHUNK)

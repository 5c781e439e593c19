"""Pre-computed figures for the organisation page, refreshed after each ingest or linking run.

Why: the page of a large buyer summed tens of thousands of contracts on every view (by year, top
suppliers, totals). These tables hold the same sums per organisation, role and sign year
(``OrganisationYearTotal``) and the top counterparts (``CounterpartTotal``), so a page reads a few
dozen rows.

Why it is never stale: triggers on ``store_contract`` (migration 0005) mark the buyer and the
supplier of every changed contract in ``AggregateDirty``, whoever writes — the ORM, a raw-SQL or
``COPY`` ingest writer, a linking merge. :func:`stored_figures` refuses to answer for a marked
organisation, and before the first full refresh (``AggregateState`` empty) for everyone; the page
then runs the live query (``queries.organisation_detail``), which gives the same figures, slower.

Who refreshes: the ingest runner at the end of every run calls :func:`refresh_changed`; after
anything else that rewrites contracts in bulk (linking, a restore) call it too, or
``refresh_aggregates()`` for a full rebuild. A refresh holds the write lock (SQLite ``BEGIN
IMMEDIATE``; PostgreSQL ``LOCK store_contract IN SHARE MODE``) so no contract can change between
the sums being read and the marks being cleared.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from opentenge.store import models as m

TOP_COUNTERPARTS = 10  # what the organisation page shows; deeper lists use the live query
ROLES = {"buyer": ("customer_id", "supplier_id"), "supplier": ("supplier_id", "customer_id")}
_CHUNK = 500  # organisation ids per statement: well under SQLite's bound-parameter limit
_FULL_SHARE = 0.2  # above this share of organisations marked, one full rebuild is cheaper


def refresh_aggregates(organisation_ids: Iterable[int] | None = None) -> dict:
    """Recompute the figures of ``organisation_ids``, or of everyone (a full rebuild) when ``None``.

    Returns ``{"full": bool, "organisations": n, "seconds": s}``.
    """
    started = time.monotonic()
    ids = None if organisation_ids is None else sorted({int(i) for i in organisation_ids})
    with transaction.atomic():
        _lock_contracts()
        if ids is None:
            _rebuild_everything()
            count = m.Organisation.objects.count()
        else:
            for chunk in _chunks(ids):
                _rebuild(chunk)
            count = len(ids)
        if ids is None:
            m.AggregateState.objects.all().delete()
            m.AggregateState.objects.create(computed_at=timezone.now())
    return {"full": ids is None, "organisations": count, "seconds": round(time.monotonic() - started, 3)}


def refresh_changed() -> dict:
    """Recompute only the organisations whose contracts changed since the last refresh.

    The first call (no full refresh yet) and calls with a large share of the organisations marked
    rebuild everything instead.
    """
    marked = m.AggregateDirty.objects.count()
    if not m.AggregateState.objects.exists() or marked > _FULL_SHARE * max(1, m.Organisation.objects.count()):
        return refresh_aggregates()
    started = time.monotonic()
    with transaction.atomic():
        _lock_contracts()  # taken before reading the marks: a writer cannot add one mid-refresh
        ids = list(m.AggregateDirty.objects.values_list("organisation_id", flat=True))
        for chunk in _chunks(sorted(ids)):
            _rebuild(chunk)
    return {"full": False, "organisations": len(ids), "seconds": round(time.monotonic() - started, 3)}


def stored_figures(organisation_id: int) -> dict | None:
    """``{role: {"by_year": [...], "top": [...]}}`` from the tables, or ``None`` if they may be stale.

    Rows are returned in the order the live query gives (years ascending as the database sorts
    them, counterparts by value descending then id), with amounts as ``Decimal`` tenge.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT (SELECT COUNT(*) FROM store_aggregatestate), "
                       "(SELECT COUNT(*) FROM store_aggregatedirty WHERE organisation_id = %s)", [organisation_id])
        built, marked = cursor.fetchone()
    if not built or marked:
        return None
    figures = {role: {"by_year": [], "top": []} for role in ROLES}
    years = (m.OrganisationYearTotal.objects.filter(organisation_id=organisation_id).order_by("year")
             .values_list("role", "year", "contracts", "value"))
    for role, year, contracts, value in years:
        figures[role]["by_year"].append({"year": year, "contracts": contracts, "value": value})
    tops = (m.CounterpartTotal.objects.filter(organisation_id=organisation_id).order_by("role", "rank")
            .values_list("role", "counterpart_id", "contracts", "value"))
    for role, counterpart_id, contracts, value in tops:
        figures[role]["top"].append({"counterpart_id": counterpart_id, "contracts": contracts, "value": value})
    return figures


def totals(by_year: list[dict]) -> dict:
    """An organisation's totals in one role, added up from its years (exact: Decimal tenge)."""
    value = sum((r["value"] for r in by_year), Decimal("0"))
    return {"contracts": sum(r["contracts"] for r in by_year), "value": value or Decimal("0")}


# -- how the tables are built ---------------------------------------------------------------------

def _lock_contracts() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE store_contract IN SHARE MODE")
    # SQLite: the atomic block already began with BEGIN IMMEDIATE (db.py), the database's write lock


def _chunks(ids: list[int]):
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _grouped(role: str, by: str, ids: list[int] | None):
    """The live query's grouping (``queries.COUNTED``, the same sign-year expression) as SQL."""
    from opentenge.store.queries import COUNTED, _sign_year

    party, other = ROLES[role]
    qs = m.Contract.objects.filter(COUNTED)
    if ids is not None:
        qs = qs.filter(**{f"{party}__in": ids})
    if by == "year":
        qs = qs.annotate(year=_sign_year()).values(party, "year")
    else:
        qs = qs.values(party, other)
    return (qs.annotate(contracts=Count("id"), value=Sum("contract_sum_wnds")).order_by()
            .query.sql_with_params())


def _insert_years(role: str, ids: list[int] | None) -> None:
    party, _other = ROLES[role]
    sql, params = _grouped(role, "year", ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO store_organisationyeartotal (organisation_id, role, year, contracts, value) "
            f"SELECT t.{party}, %s, t.year, t.contracts, t.value FROM ({sql}) t", [role, *params])


def _insert_counterparts(role: str, ids: list[int] | None) -> None:
    party, other = ROLES[role]
    sql, params = _grouped(role, "counterpart", ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO store_counterparttotal (organisation_id, role, rank, counterpart_id, contracts, value) "
            "SELECT r.org, %s, r.rnk, r.cp, r.contracts, r.value FROM ("
            f" SELECT t.{party} AS org, t.{other} AS cp, t.contracts, t.value,"
            f" ROW_NUMBER() OVER (PARTITION BY t.{party} ORDER BY t.value DESC, t.{other}) AS rnk"
            f" FROM ({sql}) t) r WHERE r.rnk <= %s", [role, *params, TOP_COUNTERPARTS])


def _rebuild(ids: list[int]) -> None:
    m.OrganisationYearTotal.objects.filter(organisation_id__in=ids).delete()
    m.CounterpartTotal.objects.filter(organisation_id__in=ids).delete()
    for role in ROLES:
        _insert_years(role, ids)
        _insert_counterparts(role, ids)
    m.AggregateDirty.objects.filter(organisation_id__in=ids).delete()


def _rebuild_everything() -> None:
    with connection.cursor() as cursor:
        for table in ("store_organisationyeartotal", "store_counterparttotal", "store_aggregatedirty"):
            cursor.execute(f"DELETE FROM {table}")
    for role in ROLES:
        _insert_years(role, None)
        _insert_counterparts(role, None)

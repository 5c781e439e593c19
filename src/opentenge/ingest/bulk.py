"""Plain-SQL bulk writes for the ingest hot path: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

The ORM builds a model instance and prepares every value field by field; at a hundred thousand
records a file set that is most of an ingest's time. These helpers take plain tuples instead and
hand them to the database in one statement per batch. Values are still converted the way the
model fields convert them (money as tiyn through the field itself; on SQLite an aware date-time as
the naive UTC text Django's adapter writes, anything unusual through ``get_db_prep_save``), so a
row written here is the row the ORM would write (``tests/test_ingest_fast_path.py`` checks it).

All helpers run on Django's connection and therefore inside the caller's ``transaction.atomic``:
the per-file transaction that makes a file land whole or not at all is untouched.
"""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone as dt_timezone
from functools import partial

from django.db import connection, models

from opentenge.store.fields import ScaledAmountField

IN_CHUNK = 500  # keys per ``IN (…)`` lookup on SQLite (well under its bound-parameter limit)
ROWS_PER_STATEMENT = 2000  # SQLite rows per executemany call: keeps one batch's tuples small
_stage_numbers = itertools.count(1)

# Columns whose Python value is already what the database driver stores.
_PLAIN = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.BigIntegerField,
          models.ForeignKey)


@dataclass(frozen=True)
class Column:
    attname: str
    column: str
    prepare: object  # callable(value) -> database value, or None when the value goes as it is
    default: object


def columns_of(model) -> dict[str, Column]:
    """``attname -> Column`` for every concrete column but the automatic primary key.

    Defaults are read once, so this suits models whose defaults are constants (the store's are).
    """
    plan = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, models.AutoField):
            continue
        plan[field.attname] = Column(field.attname, field.column, _preparer(field), field.get_default())
    return plan


def _preparer(field):
    """How a value of ``field`` becomes a driver value; ``None`` when it goes as it is."""
    if isinstance(field, models.JSONField):
        return None  # callers pass JSON text they have already serialised
    if isinstance(field, ScaledAmountField):
        return partial(_prep_amount, field)
    if isinstance(field, _PLAIN):
        return None
    if not is_postgresql():
        if isinstance(field, models.DateTimeField):
            return partial(_sqlite_datetime, field)
        if isinstance(field, models.DateField):
            return partial(_sqlite_date, field)
    elif isinstance(field, (models.DateTimeField, models.DateField)):
        return None  # psycopg sends dates and aware date-times as they are, as Django's adapters do
    return partial(_prep_save, field)


def _prep_save(field, value):
    return None if value is None else field.get_db_prep_save(value, connection=connection)


def _prep_amount(field, value):
    return None if value is None else field.get_prep_value(value)


def _sqlite_datetime(field, value):
    """What Django's SQLite adapter stores for an aware date-time: naive UTC text."""
    if type(value) is datetime and value.tzinfo is not None:
        return str(value.astimezone(connection.timezone).replace(tzinfo=None))
    return _prep_save(field, value)  # None, naive or odd values: exactly as Django does it


def _sqlite_date(field, value):
    return value.isoformat() if type(value) is date else _prep_save(field, value)


def prepared_row(columns: Sequence[Column], values: Sequence) -> tuple:
    return tuple(value if col.prepare is None else col.prepare(value) for col, value in zip(columns, values))


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _batches(rows: Iterable, size: int) -> Iterable[list]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def insert_rows(model, columns: Sequence[Column], rows: Iterable[tuple], *, ignore_conflicts: bool = False) -> None:
    """Insert prepared rows; with ``ignore_conflicts`` a row that breaks a unique constraint is skipped.

    PostgreSQL: ``COPY`` straight into the table, or, when conflicts are to be ignored, into a
    temporary staging table followed by ``INSERT … SELECT … ON CONFLICT DO NOTHING``.
    """
    table = _q(model._meta.db_table)
    names = ", ".join(_q(c.column) for c in columns)
    with connection.cursor() as cursor:
        if is_postgresql():
            if not ignore_conflicts:
                _copy(cursor, table, names, rows)
                return
            stage = _stage(cursor, table, names)
            if _copy(cursor, stage, names, rows):
                cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} ON CONFLICT DO NOTHING")
            return
        verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"  # what Django's bulk_create says on SQLite
        sql = f"{verb} INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for batch in _batches(rows, ROWS_PER_STATEMENT):
            cursor.executemany(sql, batch)


def update_rows(model, columns: Sequence[Column], rows: Iterable[tuple]) -> None:
    """Set ``columns`` of existing rows; each row is ``(*values, id)``.

    PostgreSQL: ``COPY`` into a staging table, then one ``UPDATE … FROM``.
    """
    table = _q(model._meta.db_table)
    pk = _q(model._meta.pk.column)
    with connection.cursor() as cursor:
        if is_postgresql():
            names = ", ".join([*(_q(c.column) for c in columns), pk])
            stage = _stage(cursor, table, names)
            if _copy(cursor, stage, names, rows):
                assignments = ", ".join(f"{_q(c.column)} = s.{_q(c.column)}" for c in columns)
                cursor.execute(f"UPDATE {table} AS t SET {assignments} FROM {stage} AS s WHERE t.{pk} = s.{pk}")
            return
        assignments = ", ".join(f"{_q(c.column)} = %s" for c in columns)
        sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"
        for batch in _batches(rows, ROWS_PER_STATEMENT):
            cursor.executemany(sql, batch)


def select_by_keys(model, key_column: str, keys: Sequence, columns: Sequence[str]) -> list[tuple]:
    """Rows whose ``key_column`` is one of ``keys``: one ``= ANY(array)`` query on PostgreSQL."""
    if not keys:
        return []
    table = _q(model._meta.db_table)
    names = ", ".join(_q(c) for c in columns)
    found: list[tuple] = []
    with connection.cursor() as cursor:
        if is_postgresql():
            array_type = "bigint[]" if isinstance(keys[0], int) else "text[]"
            cursor.execute(f"SELECT {names} FROM {table} WHERE {_q(key_column)} = ANY(%s::{array_type})", [list(keys)])
            return cursor.fetchall()
        for start in range(0, len(keys), IN_CHUNK):
            chunk = keys[start:start + IN_CHUNK]
            cursor.execute(f"SELECT {names} FROM {table} WHERE {_q(key_column)} IN ({', '.join(['%s'] * len(chunk))})",
                           chunk)
            found.extend(cursor.fetchall())
    return found


def tune_for_bulk_writes() -> None:
    """Give this connection's SQLite page cache room for the indexes an ingest updates.

    Every inserted contract touches a dozen B-trees (unique keys, covering indexes, foreign keys);
    with SQLite's default 2 MB cache their pages are evicted and read back for every batch. The
    setting lives on this one connection (the website's connections keep theirs) and costs at most
    ``OPENTENGE_INGEST_CACHE_MIB`` of memory, 64 by default, well inside the 1 GB budget.
    """
    if connection.vendor != "sqlite":
        return
    mib = int(os.environ.get("OPENTENGE_INGEST_CACHE_MIB", "64") or 64)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA cache_size = -{max(2, mib) * 1024}")


def as_datetime(value) -> datetime | None:
    """A date-time column read with plain SQL: SQLite hands back naive UTC, PostgreSQL an aware value."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt_timezone.utc)


def _stage(cursor, table: str, names: str) -> str:
    """A temporary table with the given columns of ``table``, dropped when the transaction ends.

    Callers run inside the file's ``transaction.atomic`` (outside one, ``ON COMMIT DROP`` would
    drop the table before it is filled).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("bulk staging needs a transaction: call it inside transaction.atomic()")
    stage = f"ot_stage_{next(_stage_numbers)}"
    cursor.execute(f"CREATE TEMPORARY TABLE {stage} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA")
    return stage


def _copy(cursor, table: str, names: str, rows: Iterable[tuple]) -> int:
    written = 0
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
    return written

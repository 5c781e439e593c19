"""Bulk writes for many budget lines: plain SQL where the ORM's per-object work dominates.

At 100,000 lines ``bulk_create`` spends most of its time building model instances and preparing
35 values per row. ``executemany`` (SQLite, in-process) and ``COPY`` (PostgreSQL, one stream)
take prepared tuples instead; values are prepared exactly as the fields would (``KiloTengeField``
→ integer tenge, dates through the backend's adapter). Primary keys are allocated up front
(``allocate_ids``) so that a child row carries its parent's id in the same insert.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP

from django.db import connection

from opentenge.budget.fields import THOUSAND

CHUNK = 5000


def tenge(value):
    """A thousand-tenge ``Decimal`` as the integer tenge ``KiloTengeField`` stores."""
    return None if value is None else int((value * THOUSAND).to_integral_value(rounding=ROUND_HALF_UP))


def insert_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    """Plain INSERTs: ``executemany`` in-process on SQLite, ``COPY`` on PostgreSQL."""
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(table)
    names = ", ".join(qn(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(insert, rows[start:start + CHUNK])


def allocate_ids(table: str, count: int) -> list[int]:
    """``count`` fresh primary keys, so children can name their parent's id before anything is inserted.

    PostgreSQL: drawn from the column's sequence (safe under concurrency). SQLite: above both the
    largest id and the AUTOINCREMENT counter; safe because a write transaction on SQLite holds the
    database's write lock (transaction mode IMMEDIATE, see ``opentenge.store.db``).
    """
    if count == 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return list(range(start, start + count))

"""CSV, Parquet and SQLite writers for the tables of ``export.tables``.

Each writer takes the rows of one table as a stream and writes them in batches, so memory stays
bounded by one batch whatever the table's size. Money stays exact: CSV writes the decimal string,
Parquet a ``decimal128(20, 3)`` column (more places where a column says so), SQLite a ``NUMERIC`` column fed from the decimal string.
"""
from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from opentenge.export.tables import Table

BATCH = 5000
Tick = Callable[[int], None]


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def write_csv(table: Table, rows: Iterator[tuple], path: Path, tick: Tick) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([c.name for c in table.columns])
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])
            count += 1
            if count % BATCH == 0:
                tick(BATCH)
    tick(count % BATCH)
    return count


def _arrow_type(column):
    import pyarrow as pa

    if column.type == "number":
        return pa.decimal128(17 + column.scale, column.scale)
    return {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "date": pa.date32(),
            "datetime": pa.timestamp("us", tz="UTC"), "object": pa.string()}[column.type]


def _arrow_schema(table: Table):
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(c)) for c in table.columns])


def write_parquet(table: Table, rows: Iterator[tuple], path: Path, tick: Tick) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(table)
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[tuple] = []

        def flush() -> None:
            columns = list(zip(*batch)) if batch else [[] for _ in table.columns]
            writer.write_table(pa.Table.from_arrays([pa.array(list(col), type=f.type)
                                                     for col, f in zip(columns, schema)], schema=schema))
            tick(len(batch))

        for row in rows:
            batch.append(row)
            count += 1
            if len(batch) >= BATCH:
                flush()
                batch = []
        if batch or count == 0:
            flush()
    return count


SQLITE_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER",
                "date": "TEXT", "datetime": "TEXT", "object": "TEXT"}


def _sqlite_cell(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def write_sqlite(table: Table, rows: Iterator[tuple], connection: sqlite3.Connection, tick: Tick) -> int:
    columns = ", ".join(f'"{c.name}" {SQLITE_TYPES[c.type]}' + (" PRIMARY KEY" if c.name == table.primary_key else "")
                        for c in table.columns)
    connection.execute(f'DROP TABLE IF EXISTS "{table.name}"')
    connection.execute(f'CREATE TABLE "{table.name}" ({columns})')
    insert = f'INSERT INTO "{table.name}" VALUES ({", ".join("?" for _ in table.columns)})'
    count = 0
    batch: list[tuple] = []
    for row in rows:
        batch.append(tuple(_sqlite_cell(v) for v in row))
        count += 1
        if len(batch) >= BATCH:
            connection.executemany(insert, batch)
            tick(len(batch))
            batch = []
    connection.executemany(insert, batch)
    tick(len(batch))
    connection.commit()
    return count

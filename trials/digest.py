"""A stable digest of every table: row count + hash of the rows, independent of surrogate ids.

Two databases built from the same files in different ways (a clean run, a run killed 20 times and
re-run, a restored backup) must hold the same *data*, not the same autoincrement numbers: a killed
PostgreSQL transaction consumes sequence values, so ids legitimately differ. Each row is therefore
reduced to its natural columns; a foreign key is replaced by the natural columns of the row it
points at; moments of our own actions (``ingested_at``, ``created_at`` …) are left out, and so are
the run log (``IngestRun``: a killed run is *supposed* to leave a row) and Django's bookkeeping.
Rows are sorted before hashing, so insertion order does not matter either.
"""
from __future__ import annotations

import hashlib
import os

from trials.common import WORK

# Moments of our own actions (when a file was ingested, a row created), not data from the files.
OWN_MOMENTS = {"ingested_at", "seen_at", "created_at", "started_at", "finished_at", "computed_at", "linked_at",
               "changed_at", "added_at", "at", "decided_at", "saved_at", "last_login", "date_joined", "applied"}
SKIPPED_TABLES = {"store_ingestrun", "store_dataversion", "django_migrations", "django_session",
                  "django_admin_log"}


def _models():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
    # metadata only: this process never opens a connection to this placeholder
    os.environ.setdefault("OPENTENGE_DATABASE_URL", f"sqlite:///{WORK / 'metadata-only.sqlite3'}")
    import django
    from django.apps import apps

    django.setup()
    return apps.get_models(include_auto_created=True)


_PLANS: dict[str, dict] = {}


def table_plans() -> dict[str, dict]:
    """Per table: the primary-key column, natural columns, and foreign-key columns → target table."""
    if _PLANS:
        return _PLANS
    plans = _PLANS
    for model in _models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in SKIPPED_TABLES:
            continue
        pk = meta.pk.column
        natural, foreign = [], {}
        for f in meta.concrete_fields:
            if f.name in OWN_MOMENTS or f.column in OWN_MOMENTS:
                continue
            if f.is_relation and f.related_model is not None:
                target = f.related_model._meta.db_table
                if target not in SKIPPED_TABLES:
                    foreign[f.column] = target
            elif f.primary_key and f.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
                continue
            else:
                natural.append(f.column)
        plans[meta.db_table] = {"pk": pk, "natural": natural, "foreign": foreign}
    return plans


def _connect(url: str):
    if url.startswith("sqlite:///"):
        import sqlite3

        return sqlite3.connect(url[len("sqlite:///"):])
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_digests(url: str) -> dict[str, str]:
    """``{table: "rows:sha256-prefix"}`` for every table of the schema that has any row."""
    plans = table_plans()
    conn = _connect(url)
    try:
        natural_by_id: dict[str, dict] = {}
        rows_by_table: dict[str, list] = {}
        for table, plan in plans.items():
            columns = [plan["pk"], *plan["natural"], *plan["foreign"]]
            sql = f"SELECT {', '.join(_q(c) for c in columns)} FROM {_q(table)}"
            rows = conn.execute(sql).fetchall()
            n_nat = len(plan["natural"])
            natural_by_id[table] = {row[0]: row[1:1 + n_nat] for row in rows}
            rows_by_table[table] = rows
        digests = {}
        for table, plan in plans.items():
            rows = rows_by_table[table]
            if not rows:
                continue
            n_nat = len(plan["natural"])
            targets = list(plan["foreign"].values())
            reduced = []
            for row in rows:
                natural = row[1:1 + n_nat]
                links = tuple(natural_by_id[t].get(v) if v is not None else None
                              for t, v in zip(targets, row[1 + n_nat:]))
                reduced.append(repr((natural, links)))
            reduced.sort()
            digest = hashlib.sha256("\n".join(reduced).encode()).hexdigest()[:16]
            digests[table] = f"{len(rows)}:{digest}"
        return digests
    finally:
        conn.close()


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Human lines naming every table whose digest differs (or exists on one side only)."""
    lines = []
    for table in sorted(set(expected) | set(actual)):
        if expected.get(table) != actual.get(table):
            lines.append(f"{table}: expected {expected.get(table, 'no rows')}, got {actual.get(table, 'no rows')}")
    return lines

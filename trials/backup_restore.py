"""Backup and restore round trip on SQLite and PostgreSQL: every table digest and ``stats`` equal.

The database backed up is the http_load trial's full small demo (every source, links, lobbying,
indicators, so every table family has rows), copied first so the original is never touched.
"""
from __future__ import annotations

import time
from pathlib import Path

from trials import backup
from trials.common import WORK, TrialFailed, cli, copy_database, drop_database, new_database, sqlite_path, stats
from trials.digest import differences, table_digests
from trials.http_load import prepared_database


def _compare(original: str, restored: str, label: str) -> dict:
    expected_stats, expected = stats(original), table_digests(original)
    got_stats, got = stats(restored), table_digests(restored)
    problems = differences(expected, got)
    if got_stats != expected_stats:
        problems.insert(0, f"stats differ: {got_stats} vs {expected_stats}")
    if problems:
        raise TrialFailed(f"{label}: " + "; ".join(problems[:4]))
    return {"tables": len(got), "rows": sum(int(v.split(":")[0]) for v in got.values())}


def run_sqlite() -> dict:
    source = prepared_database()
    original = copy_database("sqlite", source, "backup_original")
    restored = new_database("sqlite", "backup_restored")
    dump = WORK / "backup.sqlite3"
    try:
        started = time.monotonic()
        backup.backup_sqlite(Path(sqlite_path(original)), dump)
        backup.restore_sqlite(dump, Path(sqlite_path(restored)))
        seconds = time.monotonic() - started
        figures = _compare(original, restored, "SQLite restore")
        return {**figures, "backup_kb": dump.stat().st_size // 1024, "seconds": round(seconds, 1)}
    finally:
        dump.unlink(missing_ok=True)
        drop_database(original)
        drop_database(restored)


def run_postgres() -> dict:
    from opentenge.demo import INGEST_ORDER
    from trials.corpus import small_demo

    corpus = small_demo()
    original = new_database("postgres", "backup_original")
    restored = new_database("postgres", "backup_restored")
    dump = WORK / "backup.dump"
    try:
        cli("init", database_url=original)
        for source in INGEST_ORDER:
            cli("ingest", source, str(corpus / source), "--json", database_url=original, timeout=900)
        cli("link", database_url=original, timeout=900)
        cli("lobbying", "demo", "--seed", "42", database_url=original, timeout=900)
        cli("indicators", "run", database_url=original, timeout=900)
        started = time.monotonic()
        backup.backup_postgres(original, dump)
        backup.restore_postgres(dump, restored)
        seconds = time.monotonic() - started
        figures = _compare(original, restored, "PostgreSQL restore")
        cli("init", database_url=restored)  # a restored database needs no migration: init is a no-op
        return {**figures, "backup_kb": dump.stat().st_size // 1024, "seconds": round(seconds, 1)}
    finally:
        dump.unlink(missing_ok=True)
        drop_database(original)
        drop_database(restored)

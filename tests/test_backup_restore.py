"""Backup and restore, as docs/operations.md tells an operator: the restored database equals the original.

SQLite through the online backup API, PostgreSQL through ``pg_dump -Fc`` and ``pg_restore`` into a
fresh database, on the engine of this pass. "Equal" is every table's digest (row count + hash of
the rows without surrogate ids, see trials/digest.py) and ``opentenge stats``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import GOSZAKUP, REPO, on_postgres, run_cli, scratch_database

sys.path.insert(0, str(REPO))
from trials import backup  # noqa: E402
from trials.digest import differences, table_digests  # noqa: E402


def _stats(url: str) -> dict:
    return json.loads(run_cli("stats", "--json", database_url=url, check=True).stdout)


def _back_up_and_restore(original: str, restored: str, folder: Path) -> None:
    if on_postgres():
        dump = folder / "opentenge.dump"
        backup.backup_postgres(original, dump)
        backup.restore_postgres(dump, restored)
    else:
        copy = folder / "opentenge-backup.sqlite3"
        backup.backup_sqlite(Path(original.removeprefix("sqlite:///")), copy)
        backup.restore_sqlite(copy, Path(restored.removeprefix("sqlite:///")))


def _execute(url: str, sql: str) -> None:
    if on_postgres():
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql)
    else:
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        with conn:
            conn.execute(sql)
        conn.close()


def test_a_restored_backup_equals_the_original_table_by_table(tmp_path):
    with scratch_database(tmp_path) as original, scratch_database(tmp_path) as restored:
        run_cli("init", database_url=original, check=True)
        run_cli("ingest", "goszakup", str(GOSZAKUP), "--json", database_url=original, check=True)
        expected_stats, expected = _stats(original), table_digests(original)
        assert expected_stats["contracts"] > 0 and expected_stats["quarantined"] > 0
        assert {"store_contract", "store_organisation", "store_sourcefile", "store_recordversion"} <= set(expected)

        _back_up_and_restore(original, restored, tmp_path)

        assert differences(expected, table_digests(restored)) == []
        assert _stats(restored) == expected_stats
        # the restored database is a working OpenTenge database: ingesting the same files again
        # recognises every one of them and adds nothing
        again = json.loads(run_cli("ingest", "goszakup", str(GOSZAKUP), "--json", database_url=restored,
                                   check=True).stdout)
        assert again["inserted"] == again["updated"] == 0 and again["unchanged"] > 0
        assert differences(expected, table_digests(restored)) == []

        # a copy, not a link: a change to the original after the backup does not reach it,
        # and the digest notices a single changed row
        _execute(original, "UPDATE store_contract SET contract_sum = contract_sum + 1 "
                           "WHERE id = (SELECT min(id) FROM store_contract)")
        changed = differences(table_digests(original), table_digests(restored))
        assert len(changed) == 1 and changed[0].startswith("store_contract:"), changed

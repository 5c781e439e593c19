"""Backup and restore, the way docs/operations.md tells an operator to do it.

SQLite: the online backup API (what ``sqlite3 DB ".backup FILE"`` uses) copies a consistent
snapshot even while the site is serving. PostgreSQL: ``pg_dump -Fc`` to one file, ``pg_restore``
into a fresh, empty database. Both are shared by the ``backup_restore`` trial and
``tests/test_backup_restore.py``.
"""
from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path


def backup_sqlite(database: Path, backup: Path) -> None:
    source, target = sqlite3.connect(database), sqlite3.connect(backup)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def restore_sqlite(backup: Path, database: Path) -> None:
    """Restoring is a backup in the other direction: the live file is replaced page by page."""
    backup_sqlite(backup, database)


def backup_postgres(url: str, dump: Path) -> None:
    subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump), "-d", url], check=True,
                   capture_output=True, text=True, timeout=600)


def restore_postgres(dump: Path, url: str) -> None:
    """Into an empty database (``CREATE DATABASE`` first); ``--exit-on-error`` so nothing is half-restored silently."""
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "-d", url, str(dump)], check=True,
                   capture_output=True, text=True, timeout=600)

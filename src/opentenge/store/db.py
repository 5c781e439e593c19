"""Where the data lives: one URL names the database.

SQLite is the embedded default so that a clone runs with nothing installed; PostgreSQL is
production. Both are named by ``OPENTENGE_DATABASE_URL`` (``sqlite:///relative/path``,
``sqlite:////absolute/path`` or ``postgresql://user@host:port/name``), parsed by
``dj-database-url`` so that we accept exactly what operators already write for other Django sites.
"""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

DEFAULT_DATABASE_URL = "sqlite:///var/opentenge.sqlite3"


class DatabaseUrlError(ValueError):
    """The database URL cannot be used; the message says why and what to write instead."""


def database_url() -> str:
    return os.environ.get("OPENTENGE_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL


def database_settings(url: str | None = None) -> dict:
    """Django ``DATABASES['default']`` for a URL, with the pragmas each engine needs."""
    url = url or database_url()
    scheme = url.split(":", 1)[0].lower()
    if scheme not in {"sqlite", "postgresql", "postgres", "pgsql"}:
        raise DatabaseUrlError(
            f"OPENTENGE_DATABASE_URL={url!r}: unsupported scheme {scheme!r}; "
            "use sqlite:///path/to/file.sqlite3 or postgresql://user@host:5432/name"
        )
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"].endswith("sqlite3"):
        name = str(config["NAME"])
        if name and name != ":memory:":
            Path(name).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the website read while an ingest writes; IMMEDIATE transactions stop two
        # writers from deadlocking on lock upgrade; a busy timeout waits instead of failing.
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


def describe(url: str | None = None) -> str:
    """A URL safe to print: the password, if any, is hidden."""
    url = url or database_url()
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        if ":" in creds:
            creds = creds.split(":", 1)[0] + ":***"
        return f"{scheme}://{creds}@{host}"
    return url

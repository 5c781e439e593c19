"""What every fault trial shares: scratch databases, the CLI as a subprocess, a clean environment.

Trials run the real ``opentenge`` command against databases they create themselves: SQLite files
under ``trials/work/`` and PostgreSQL databases named ``ot_trials_*`` on the machine's server,
dropped afterwards. Nothing here reads or writes ``var/`` or the developer's database, and every
address is on loopback.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "trials" / "work"
RESULTS = REPO / "trials" / "results"
OPENTENGE = str(Path(sys.executable).with_name("opentenge"))
PG_SERVER = os.environ.get("TRIALS_PG_URL", "postgresql://postgres@127.0.0.1:5432")


class TrialFailed(Exception):
    """A trial's expectation did not hold; the message says which and with what figures."""


@dataclass
class TrialResult:
    name: str
    ok: bool = False
    seconds: float = 0.0
    summary: str = ""
    figures: dict = field(default_factory=dict)


def trial_env(database_url: str, **extra: str) -> dict:
    """The environment of a CLI or server run: this database only, no shared Redis, nothing in var/."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENTENGE_")}
    env.update(OPENTENGE_DATABASE_URL=database_url, OPENTENGE_STATIC_ROOT=str(WORK / "static"),
               OPENTENGE_MAIL_DIR=str(WORK / "mail"), OPENTENGE_EXPORT_DIR=str(WORK / "exports"),
               PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def cli(*args: str, database_url: str, timeout: float = 600, check: bool = True, **extra_env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([OPENTENGE, *args], env=trial_env(database_url, **extra_env), cwd=REPO,
                            capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise TrialFailed(f"opentenge {' '.join(args)} exited {result.returncode}: {result.stderr.strip()[-800:]}")
    return result


def spawn(*args: str, database_url: str, **extra_env: str) -> subprocess.Popen:
    return subprocess.Popen([OPENTENGE, *args], env=trial_env(database_url, **extra_env), cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stats(database_url: str) -> dict:
    return json.loads(cli("stats", "--json", database_url=database_url, timeout=120).stdout)


def pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql)


def new_database(engine: str, label: str) -> str:
    """A fresh, empty database URL (not yet initialised) for ``engine`` ("sqlite" or "postgres")."""
    tag = f"{label}_{uuid.uuid4().hex[:8]}"
    if engine == "sqlite":
        WORK.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{WORK / f'{tag}.sqlite3'}"
    name = f"ot_trials_{tag}"
    pg_admin(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}"


def copy_database(engine: str, source_url: str, label: str) -> str:
    """A copy of ``source_url`` (an initialised empty database serves as a template)."""
    if engine == "sqlite":
        target = new_database("sqlite", label)
        shutil.copyfile(sqlite_path(source_url), sqlite_path(target))
        return target
    name = f"ot_trials_{label}_{uuid.uuid4().hex[:8]}"
    pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{source_url.rsplit("/", 1)[1]}"')
    return f"{PG_SERVER}/{name}"


def drop_database(url: str) -> None:
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(sqlite_path(url) + suffix).unlink(missing_ok=True)
        return
    try:
        pg_admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    except Exception:  # the server may be what the trial broke; drop_leftovers() retries later
        pass


def drop_leftovers() -> None:
    """Drop every ``ot_trials_*`` database a crashed earlier run may have left behind."""
    if not pg_available():
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        names = [r[0] for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'ot_trials_%'")]
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch(engine: str, label: str):
    url = new_database(engine, label)
    try:
        yield url
    finally:
        drop_database(url)


def sqlite_path(url: str) -> str:
    return url[len("sqlite:///"):]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Deadline:
    """A trial's time bound: ``left()`` seconds remain; ``check(what)`` fails the trial past it."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def check(self, what: str) -> None:
        if self.left() <= 0:
            raise TrialFailed(f"time bound exceeded during {what}")

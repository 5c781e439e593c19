"""Shared test helpers.

The suite runs twice (``make test``): once on SQLite, once on PostgreSQL, chosen by
``OPENTENGE_DATABASE_URL``. pytest-django creates and drops the test database for ``db`` tests;
tests that need a real server process or a kill -9 use ``scratch_database_url``: a fresh file
(SQLite) or a fresh database on the same server (PostgreSQL), dropped afterwards.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
GOSZAKUP = FIXTURES / "goszakup_synthetic"
REPO = TESTS.parent
OPENTENGE = str(Path(sys.executable).with_name("opentenge"))


def pass_database_url() -> str:
    return os.environ.get("OPENTENGE_DATABASE_URL", "")


def on_postgres() -> bool:
    return pass_database_url().startswith(("postgres://", "postgresql://"))


@contextmanager
def scratch_database(folder: Path):
    """A fresh, empty database of the engine this pass tests, dropped afterwards."""
    if not on_postgres():
        yield f"sqlite:///{folder / f'scratch-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    import psycopg

    base = pass_database_url().rsplit("/", 1)[0]
    name = f"ot_scratch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch_database_url(tmp_path):
    with scratch_database(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory) -> Path:
    """The small demo corpus, generated once per test run by the real ``opentenge demo-data``."""
    out = tmp_path_factory.mktemp("demo")
    result = subprocess.run([OPENTENGE, "demo-data", "--out", str(out), "--seed", "7", "--scale", "small"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def run_cli(*args: str, database_url: str, timeout: float = 300, check: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPENTENGE_DATABASE_URL": database_url}
    result = subprocess.run([OPENTENGE, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if check and result.returncode != 0:
        raise AssertionError(f"opentenge {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def fixture_items(path: Path) -> list:
    """The records of a saved goszakup response, read independently of the importer."""
    document = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    if "items" in document:
        return document["items"]
    (items,) = document["data"].values()
    return items or []


def camel(item: dict) -> dict:
    out = {}
    for key, value in item.items():
        parts = key.split("_")
        out[parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])] = value
    return out


@pytest.fixture
def ingest_fixtures(db):
    """Ingest the hand-made goszakup fixture through the real importer; return the summary."""
    from opentenge.ingest.runner import run_ingest

    return run_ingest("goszakup", [GOSZAKUP])


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, one per test module (see tests/browsing.py)."""
    from playwright.sync_api import sync_playwright

    from browsing import launch, require_chromium

    require_chromium()
    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language (Kazakh), whatever the previous one used.

    Django's LocaleMiddleware leaves the language of the last request active in the thread, so
    without this a test reading a translated message would pass or fail by test order.
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty default cache: API rate-limit and login-failure counters
    (kept per client address, and every test client is 127.0.0.1) must not carry over."""
    clear_local_cache()
    yield


def clear_local_cache() -> None:
    """Empty the default cache when it is this process's own memory — never a shared Redis.

    Both passes of ``make test`` run at once and share the Redis server (tests use databases 14–15
    with unique key prefixes); ``clear()`` on a Redis cache is FLUSHDB, which would wipe the other
    pass's keys in the middle of its test. Redis tests delete their own prefix instead.
    """
    from django.core.cache import caches

    if type(caches["default"]).__name__ == "LocMemCache":
        caches["default"].clear()


@pytest.fixture(autouse=True)
def _no_page_cache(request, settings):
    """Tests that change rows through the ORM between two requests would read a cached page; the
    page cache is on only where a test asks for it (``@pytest.mark.page_cache``, tests/test_pagecache.py)."""
    if request.node.get_closest_marker("page_cache") is None:
        settings.OPENTENGE_PAGE_CACHE_SECONDS = 0
    yield


def redis_or_skip(url: str = "redis://127.0.0.1:6379/15"):
    """A client of the machine's Redis (tests use databases 14–15 and unique key prefixes).

    Skipped on a laptop without Redis; under CI a missing server fails the test.
    """
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable on 127.0.0.1:6379")
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    return client

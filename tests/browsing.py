"""A real server and a real browser for the browser tests, written once.

``served(url)`` runs ``opentenge serve`` (gunicorn, as in production) on a free loopback port
against a scratch database and waits for ``/healthz``; ``require_chromium()`` fails under CI and
skips on a laptop when Debian's chromium is missing (``make test`` installs it); ``launch()``
starts chromium through Playwright with the flags that keep it off the network.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from conftest import OPENTENGE, REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO / "test-results"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian chromium is not installed (make test installs it with apt-get)")
        pytest.skip("chromium not installed; run `make test` to install it")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(database_url: str, env: dict | None = None) -> Iterator[str]:
    """``opentenge serve`` on ``database_url``; yields its base URL and stops it afterwards.

    The server's stderr goes to a file, not a pipe nobody reads: a full pipe would block the server
    mid-request. Stopping escalates to SIGKILL when SIGTERM is not honoured within 30 s (a loaded
    CI machine), so a slow shutdown never fails a test that passed."""
    port = free_port()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([OPENTENGE, "serve", "--port", str(port)], cwd=REPO,
                              env={**os.environ, **(env or {}), "OPENTENGE_DATABASE_URL": database_url},
                              stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"server exited: {log.read().decode(errors='replace')[-4000:]}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        log.close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

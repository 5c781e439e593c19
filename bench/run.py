"""OpenTenge benchmark: ingest rate and serving latency on SQLite and PostgreSQL, against references.

    .venv/bin/python bench/run.py              # medium corpus (the default; < 15 min on 2 cores)
    .venv/bin/python bench/run.py --quick      # small corpus, fewer requests (< 3 min)
    .venv/bin/python bench/run.py --scale small --requests 200 --seed 7
    .venv/bin/python bench/run.py --scale large --only ingest            # hours: ingest once …
    .venv/bin/python bench/run.py --scale large --reuse-db --skip ingest # … then measure serving again

What one run does, in order (see docs/performance.md for the why):

1. Corpus: ``opentenge demo-data --seed S --scale X`` into ``<work>/corpus`` (reused while its
   manifest has the same seed and scale; regenerated otherwise).
2. Phase ``ingest``: ``opentenge init`` then ``opentenge ingest SOURCE <corpus>/SOURCE --json`` for
   each of ``--sources`` (goszakup by default) as subprocesses on a fresh SQLite file and on a
   fresh PostgreSQL database ``opentenge_bench``. ``--reuse-db`` (or leaving ``ingest`` out) keeps
   the databases a previous run ingested from the same corpus and shows that run's ingest figures.
3. Phase ``serve``: gunicorn (2 sync workers) on each database, and Datasette on the same SQLite
   file; 8 concurrent clients over loopback; p50/p95 of the largest buyer's page, of the search API
   and of an API list page, Datasette's JSON for the same queries, and that SQL run in-process
   with ``sqlite3``.
4. Phases ``export`` (every format, time and peak RSS) and ``linking`` (``link --full``).
5. One table on stdout with the issue's target next to each figure (met ✓ / unmet ✗), the machine
   line, and the same numbers as JSON in ``<work>/../results/<UTC timestamp>.json``.

``--only``/``--skip`` pick phases; ``--cap PHASE=SECONDS`` bounds a phase (ingest, export and
linking: the whole phase on one database; serve: each measurement). ``--work`` and ``--pg-db`` let
two people benchmark on one machine without sharing files or a database.

Every server and subprocess is started in its own session and killed by its own process-group id
on the way out (normal exit, exception, Ctrl+C or SIGTERM). Only loopback addresses are used.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil
from rich.console import Console
from rich.table import Table

from opentenge.demo import INGEST_ORDER
from opentenge.ids.search import search_key

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"
RESULTS = BENCH / "results"
LOGS = WORK / "logs"
SQLITE_PATH = WORK / "bench.sqlite3"
PG_DB = "opentenge_bench"
BIN = Path(sys.executable).parent  # .venv/bin when run as .venv/bin/python
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CLIENTS = 8
GUNICORN_WORKERS = 2

# Search SQL, identical for Datasette and the in-process floor. The API's own query is the ORM's
# ``search_text LIKE '%token%' AND id > 0 ORDER BY id LIMIT 51`` (see store/queries.py).
SEARCH_SQL = ("select id, key, bin, name_ru, name_kk from store_organisation "
              "where search_text like :p limit 50")

# Per profile: requests per measurement, warm-up requests, seconds allowed per measurement,
# seconds allowed per ingest/export/linking phase on one database, seconds for the whole run,
# seconds allowed to generate the corpus.
PROFILES = {
    "quick": dict(requests=100, warmup=16, measure_limit=20, ingest_limit=60, budget=170, corpus_limit=900),
    "small": dict(requests=400, warmup=40, measure_limit=45, ingest_limit=120, budget=420, corpus_limit=900),
    "medium": dict(requests=400, warmup=40, measure_limit=60, ingest_limit=360, budget=870, corpus_limit=900),
    "large": dict(requests=400, warmup=40, measure_limit=90, ingest_limit=3600, budget=6 * 3600,
                  corpus_limit=3 * 3600),
}
PHASES = ("ingest", "serve", "export", "linking")
# The folders of the corpus that the ingest phase can read, in the order they must be ingested.
SOURCES = INGEST_ORDER
# Issue 10's targets. Serving targets are stated for the large corpus; on a smaller one a met
# target says little, an unmet one a lot.
MIB_PER_GB = 1024
TARGETS = {
    "ingest_rate": {"sqlite": 10_000, "postgresql": 20_000},  # records/s, at least
    "ingest_rss_mib": MIB_PER_GB,                              # at most, whatever the file size
    "search_p95_ms": 200,                                      # at most, 2 workers, 8 clients
    "org_page_p95_ms": 150,                                    # at most, the largest buyer's page
    "vs_datasette": 1.0,                                       # our p50 ÷ Datasette's p50, at most
    "export_rss_mib": MIB_PER_GB,                              # at most, every format
}

out = Console(highlight=False, width=None if sys.stdout.isatty() else 132)
log = Console(stderr=True, highlight=False, soft_wrap=True)


class BenchError(RuntimeError):
    """A step failed; the message goes into the table cell and the JSON."""


# -- process hygiene ---------------------------------------------------------------------------

_LIVE: dict[int, subprocess.Popen] = {}  # pid -> process we started (session leader)


def _spawn(argv: list[str], *, env: dict, log_name: str, stdout=None) -> subprocess.Popen:
    LOGS.mkdir(parents=True, exist_ok=True)
    err = open(LOGS / log_name, "wb")
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=stdout or err,
                            stderr=err if stdout else subprocess.STDOUT, start_new_session=True)
    err.close()
    _LIVE[proc.pid] = proc
    return proc


def _kill(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM the process group we created for ``proc`` (its pid), then SIGKILL if it lingers."""
    if proc.returncode is None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
    _LIVE.pop(proc.pid, None)


def _kill_all() -> None:
    for proc in list(_LIVE.values()):
        _kill(proc, grace=3.0)


def _on_signal(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def use_work(folder: Path) -> None:
    """Put the corpus, databases and logs under ``folder`` (default ``bench/work``)."""
    global WORK, LOGS, SQLITE_PATH
    WORK = Path(folder).resolve()
    LOGS = WORK / "logs"
    SQLITE_PATH = WORK / "bench.sqlite3"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.pop("OPENTENGE_DEBUG", None)  # DEBUG keeps every query in memory and renders debug pages
    env.update(OPENTENGE_DATABASE_URL=database_url, OPENTENGE_ALLOWED_HOSTS="127.0.0.1,localhost",
               OPENTENGE_STATIC_ROOT=str(WORK / "static"), PYTHONUNBUFFERED="1",
               # the benchmark measures the server, not the per-address API rate limit
               OPENTENGE_API_RATE_LIMIT="100000000",
               # every page computed, never a page-cache hit: the same address is requested hundreds
               # of times, which would otherwise measure the cache (set OPENTENGE_BENCH_PAGE_CACHE=1
               # to measure cached pages instead)
               OPENTENGE_PAGE_CACHE_SECONDS="300" if os.environ.get("OPENTENGE_BENCH_PAGE_CACHE") else "0")
    return env


def tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        raise BenchError(f"{name} not found (install with `pip install -e '.[bench]'`)")
    return found


# -- statistics --------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summarise(latencies: list[float], errors: int, wall: float, planned: int) -> dict:
    ms = [x * 1000 for x in latencies]
    return {"planned": planned, "ok": len(ms), "errors": errors, "p50_ms": _r(percentile(ms, 0.50)),
            "p95_ms": _r(percentile(ms, 0.95)), "max_ms": _r(max(ms) if ms else None),
            "wall_s": round(wall, 3), "rps": round(len(ms) / wall, 1) if wall > 0 else None,
            "cut_by_time_limit": len(ms) + errors < planned}


def _r(x: float | None, nd: int = 2) -> float | None:
    return None if x is None else round(x, nd)


# -- 1. corpus ---------------------------------------------------------------------------------

def ensure_corpus(corpus: Path, seed: int, scale: str, time_limit: float = 900) -> dict:
    manifest_path = corpus / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("seed") == seed and manifest.get("scale") == scale:
            log.print(f"corpus: reusing {corpus} ({scale}, seed {seed})")
            return manifest
        log.print(f"corpus: {corpus} holds {manifest.get('scale')}/seed {manifest.get('seed')}; regenerating")
    argv = [tool("opentenge"), "demo-data", "--out", str(corpus), "--seed", str(seed), "--scale", scale]
    log.print(f"corpus: {' '.join(argv[1:])}")
    try:
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=time_limit)
    except subprocess.TimeoutExpired:
        raise BenchError(f"opentenge demo-data took longer than {time_limit:.0f} s") from None
    if done.returncode != 0 or not manifest_path.exists():
        raise BenchError(f"opentenge demo-data failed (exit {done.returncode}): {done.stderr.strip()[-500:]}"
                         "\n  the generator may be unfinished: wait a few minutes and run again")
    return json.loads(manifest_path.read_text(encoding="utf-8"))


def corpus_words(corpus: Path, seed: int, n_cyrillic: int = 16, n_latin: int = 8) -> list[str]:
    """Words of 4+ letters from organisation names in the corpus, chosen with ``seed``.

    Only words that fold to a single search token are kept, so the API (which ANDs the tokens of
    a query) and the LIKE query of the references do the same work.
    """
    words: set[str] = set()
    for path in sorted((corpus / "goszakup" / "subject").glob("*.json")):
        if path.name.endswith(".meta.json"):
            continue
        try:
            items = json.loads(path.read_text(encoding="utf-8")).get("items") or []
        except (ValueError, OSError, AttributeError):
            continue
        for item in items:
            if not isinstance(item, dict):
                continue
            for field in ("name_ru", "name_kz"):
                for word in re.findall(r"[^\W\d_]{4,}", str(item.get(field) or "")):
                    key = search_key(word)
                    if key and " " not in key:
                        words.add(word)
    latin = sorted(w for w in words if w.isascii())
    cyrillic = sorted(w for w in words if re.fullmatch(r"[\u0400-\u04FF]+", w))
    if not latin and not cyrillic:
        raise BenchError(f"no organisation names found under {corpus / 'goszakup' / 'subject'}")
    rng = random.Random(seed)
    chosen = rng.sample(cyrillic, min(n_cyrillic, len(cyrillic))) + rng.sample(latin, min(n_latin, len(latin)))
    rng.shuffle(chosen)
    return chosen


# -- 2. ingest ---------------------------------------------------------------------------------

class RssSampler(threading.Thread):
    """Cross-check only: RSS of a process tree sampled every 50 ms (a lower bound, it can miss peaks)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                total = root.memory_info().rss
                for child in root.children(recursive=True):
                    try:
                        total += child.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                return
            self.stop.wait(0.05)


def measured(argv: list[str], env: dict, name: str, time_limit: float) -> dict:
    """Run one ``opentenge … --json`` child; return its last JSON line, wall time and exact peak RSS."""
    stdout_path = LOGS / f"{name}.json"
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(stdout_path, "wb") as stdout:
        started = time.perf_counter()
        proc = _spawn(argv, env=env, log_name=f"{name}.log", stdout=stdout)
    sampler = RssSampler(proc.pid)
    sampler.start()
    # Peak RSS: os.wait4() on this one child returns the kernel's rusage for exactly that process
    # (ru_maxrss, KiB on Linux: the exact high-water mark, nothing missed between samples).
    # Not getrusage(RUSAGE_CHILDREN): its ru_maxrss is the largest peak of *any* child reaped so far
    # (opentenge init, the other database's ingest), so it cannot be isolated "around" one child.
    # Not psutil polling alone: a 50 ms poll misses short spikes; it is kept as a cross-check.
    reaped: dict = {}

    def reap() -> None:
        _, status, usage = os.wait4(proc.pid, 0)
        reaped.update(wall=time.perf_counter() - started, status=status, usage=usage)

    waiter = threading.Thread(target=reap, daemon=True)
    waiter.start()
    waiter.join(time_limit)
    if waiter.is_alive():
        os.killpg(proc.pid, signal.SIGKILL)
        waiter.join(10)
        proc.returncode = -9
        _LIVE.pop(proc.pid, None)
        sampler.stop.set()
        raise BenchError(f"timed out after {time_limit:.0f} s")
    sampler.stop.set()
    sampler.join(1)
    proc.returncode = os.waitstatus_to_exitcode(reaped["status"])  # so Popen does not wait again
    _LIVE.pop(proc.pid, None)
    if proc.returncode != 0:
        tail = (LOGS / f"{name}.log").read_text(encoding="utf-8", errors="replace").strip()[-300:]
        raise BenchError(f"{name} exit {proc.returncode}: {tail}")
    text = stdout_path.read_text(encoding="utf-8")
    try:  # one JSON document (possibly pretty-printed), or JSON lines: the last one is the summary
        summary = json.loads(text)
    except ValueError:
        lines = [ln for ln in text.splitlines() if ln.strip().startswith("{")]
        if not lines:
            raise BenchError(f"{name} printed no JSON summary") from None
        summary = json.loads(lines[-1])
    return {"summary": summary, "wall_s": reaped["wall"], "peak_rss_mib": round(reaped["usage"].ru_maxrss / 1024, 1),
            "peak_rss_sampled_mib": round(sampler.peak / 2**20, 1)}


def ingest(label: str, database_url: str, corpus: Path, time_limit: float,
           sources: tuple[str, ...] = ("goszakup",)) -> dict:
    """``init``, then each source's folder in turn; rate = all records ÷ all ingest wall time.

    ``time_limit`` bounds the whole phase: each source gets what the earlier ones left.
    """
    env = bench_env(database_url)
    try:
        init = subprocess.run([tool("opentenge"), "init"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
    except subprocess.TimeoutExpired:
        raise BenchError("opentenge init took longer than 120 s") from None
    if init.returncode != 0:
        raise BenchError(f"opentenge init failed: {init.stderr.strip()[-300:]}")
    deadline = time.monotonic() + time_limit
    per_source: dict[str, dict] = {}
    for source in sources:
        folder = corpus / source
        if not folder.is_dir():
            raise BenchError(f"the corpus has no {source}/ folder")
        left = deadline - time.monotonic()
        if left <= 0:
            raise BenchError(f"phase cap of {time_limit:.0f} s reached before {source}")
        run = measured([tool("opentenge"), "ingest", source, str(folder), "--json"], env,
                       f"ingest-{label}-{source}" if len(sources) > 1 else f"ingest-{label}", left)
        summary = run["summary"]
        per_source[source] = {"records": summary["records"], "files": summary["files"],
                              "quarantined": summary["quarantined"], "wall_s": round(run["wall_s"], 2),
                              "records_per_s": round(summary["records"] / run["wall_s"], 1),
                              "peak_rss_mib": run["peak_rss_mib"]}
    return combine_ingests(per_source)


def combine_ingests(per_source: dict[str, dict]) -> dict:
    """One ingest figure from several sources: records and wall time add up, peak RSS is the highest."""
    records = sum(d["records"] for d in per_source.values())
    wall = sum(d["wall_s"] for d in per_source.values())
    return {"records": records, "files": sum(d["files"] for d in per_source.values()),
            "quarantined": sum(d["quarantined"] for d in per_source.values()), "wall_s": round(wall, 2),
            "records_per_s": round(records / wall, 1) if wall > 0 else None,
            "peak_rss_mib": max((d["peak_rss_mib"] for d in per_source.values()), default=None),
            "sources": per_source}


EXPORT_FORMATS = ("csv", "parquet", "sqlite", "ftm", "ocds")


def exports(label: str, database_url: str, time_limit: float) -> dict:
    """``opentenge export --format F`` for each format on its own: wall time and peak RSS of each."""
    env = bench_env(database_url)
    result = {}
    deadline = time.monotonic() + time_limit
    for fmt in EXPORT_FORMATS:
        folder = WORK / f"export-{label}-{fmt}"
        shutil.rmtree(folder, ignore_errors=True)
        left = deadline - time.monotonic()
        if left <= 0:
            raise BenchError(f"phase cap of {time_limit:.0f} s reached before {fmt}")
        run = measured([tool("opentenge"), "export", "--format", fmt, "--out", str(folder), "--json"], env,
                       f"export-{label}-{fmt}", left)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        result[fmt] = {"wall_s": round(run["wall_s"], 2), "peak_rss_mib": run["peak_rss_mib"],
                       "bytes": size}
        shutil.rmtree(folder, ignore_errors=True)
    return result


def linking(label: str, database_url: str, time_limit: float) -> dict:
    """``opentenge link --full``: every organisation record compared across sources, from scratch."""
    run = measured([tool("opentenge"), "link", "--full", "--json"], bench_env(database_url), f"link-{label}",
                   time_limit)
    summary, wall = run["summary"], run["wall_s"]
    return {"records": summary.get("records"), "candidates": summary.get("candidates"), "wall_s": round(wall, 2),
            "records_per_s": round((summary.get("records") or 0) / wall, 1), "peak_rss_mib": run["peak_rss_mib"]}


def pg_server(url: str) -> str:
    """``postgresql://user@host:port`` of ``--pg-url`` (any database name in it is ignored)."""
    parts = urlsplit(url)
    if (parts.hostname or "") not in LOOPBACK:
        raise BenchError(f"PostgreSQL host {parts.hostname!r} is not a loopback address")
    return f"{parts.scheme}://{parts.netloc}"


def pg_database(server: str, name: str = PG_DB, *, fresh: bool = True) -> tuple[str, str]:
    """Drop and create database ``name`` (or, ``fresh=False``, check it exists); return URL and server version."""
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise BenchError(f"database name {name!r}: lower-case letters, digits and _ only")
    try:
        conn = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        raise BenchError(f"not reachable ({str(exc).strip().splitlines()[0][:120]})") from None
    with conn:
        version = conn.execute("show server_version").fetchone()[0]
        if fresh:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
        elif not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            raise BenchError(f"no database {name} to reuse (run the ingest phase first)")
    return f"{server}/{name}", version


# -- 3. serving --------------------------------------------------------------------------------

class Server:
    def __init__(self, label: str, argv: list[str], env: dict, port: int, health: str) -> None:
        self.label, self.argv, self.env, self.port, self.health = label, argv, env, port, health
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.proc = _spawn(self.argv, env=self.env, log_name=f"server-{self.label}.log")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = (LOGS / f"server-{self.label}.log").read_text(errors="replace").strip()[-300:]
                raise BenchError(f"{self.label} server exited {self.proc.returncode}: {tail}")
            try:
                if httpx.get(self.base + self.health, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise BenchError(f"{self.label} server not ready after 60 s")

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            _kill(self.proc)


def load(base: str, requests: list[tuple[str, dict]], *, clients: int, time_limit: float) -> dict:
    """Send ``requests`` in order from ``clients`` threads, each with its own keep-alive client.

    A request is timed from send to the last byte of the body. Stops issuing new requests when
    ``time_limit`` seconds have passed (reported as ``cut_by_time_limit``).
    """
    lock = threading.Lock()
    todo = iter(requests)
    latencies: list[float] = []
    errors = [0]
    deadline = time.perf_counter() + time_limit

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30.0) as client:
            while True:
                with lock:
                    item = next(todo, None)
                if item is None or time.perf_counter() > deadline:
                    return
                path, params = item
                t0 = time.perf_counter()
                try:
                    ok = client.get(path, params=params).status_code == 200  # .get() reads the body
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    if ok:
                        latencies.append(dt)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(time_limit + 40)
    return summarise(latencies, errors[0], time.perf_counter() - started, len(requests))


# The API list page and its equivalents: the 50 largest contracts, as JSON. Ours sorts by value
# (nulls last) with the id as tie-break and returns a cursor; Datasette's table view does the same
# sort; the floor is the bare SQL.
API_LIST = [("/api/v1/contracts", {"sort": "-value", "limit": 50})]
DATASETTE_LIST = [(f"/{SQLITE_PATH.stem}/store_contract.json",
                   {"_sort_desc": "contract_sum_wnds", "_size": 50, "_shape": "array"})]
LIST_SQL = "select * from store_contract order by contract_sum_wnds desc, id desc limit 51"


def search_requests(words: list[str], n: int) -> list[tuple[str, dict]]:
    return [("/api/v1/search", {"q": words[i % len(words)]}) for i in range(n)]


def datasette_requests(words: list[str], n: int) -> list[tuple[str, dict]]:
    return [(f"/{SQLITE_PATH.stem}.json",
             {"sql": SEARCH_SQL, "p": f"%{search_key(words[i % len(words)])}%", "_shape": "array"})
            for i in range(n)]


def serve_opentenge(label: str, database_url: str, words: list[str], prof: dict) -> dict:
    port = free_port()
    argv = [tool("gunicorn"), "opentenge.web.wsgi", "-w", str(GUNICORN_WORKERS), "-b", f"127.0.0.1:{port}",
            "--timeout", "120", "--graceful-timeout", "5"]
    with Server(label, argv, bench_env(database_url), port, "/healthz") as srv:
        t0 = time.perf_counter()
        r = httpx.get(srv.base + "/api/v1/overview", timeout=120)
        overview_ms = (time.perf_counter() - t0) * 1000
        r.raise_for_status()
        top = r.json()["top_buyers"]
        if not top:
            raise BenchError("overview lists no buyers")
        buyer = top[0]["id"]
        org = [(f"/en/org/{buyer}/", {})]
        warm = org * (prof["warmup"] // 2) + search_requests(words, prof["warmup"])
        load(srv.base, warm, clients=CLIENTS, time_limit=prof["measure_limit"])
        n = prof["requests"]
        org_page = load(srv.base, org * n, clients=CLIENTS, time_limit=prof["measure_limit"])
        search = load(srv.base, search_requests(words, n), clients=CLIENTS, time_limit=prof["measure_limit"])
        load(srv.base, API_LIST[:1] * prof["warmup"], clients=CLIENTS, time_limit=prof["measure_limit"])
        api_list = load(srv.base, API_LIST * n, clients=CLIENTS, time_limit=prof["measure_limit"])
    return {"largest_buyer": buyer, "largest_buyer_name": top[0].get("name_ru"),
            "overview_first_ms": round(overview_ms, 1), "org_page": org_page, "search": search,
            "api_list": api_list}


def serve_datasette(words: list[str], prof: dict) -> dict:
    port = free_port()
    argv = [tool("datasette"), "serve", str(SQLITE_PATH), "-h", "127.0.0.1", "-p", str(port),
            "--setting", "sql_time_limit_ms", "5000", "--setting", "max_returned_rows", "1000"]
    with Server("datasette", argv, dict(os.environ), port, "/-/versions.json") as srv:
        version = httpx.get(srv.base + "/-/versions.json", timeout=5).json().get("datasette", {}).get("version")
        probe = httpx.get(srv.base + datasette_requests(words, 1)[0][0], params=datasette_requests(words, 1)[0][1],
                          timeout=30)
        if probe.status_code != 200 or not isinstance(probe.json(), list):
            raise BenchError(f"Datasette query failed: HTTP {probe.status_code} {probe.text[:200]}")
        load(srv.base, datasette_requests(words, prof["warmup"]), clients=CLIENTS, time_limit=prof["measure_limit"])
        search = load(srv.base, datasette_requests(words, prof["requests"]), clients=CLIENTS,
                      time_limit=prof["measure_limit"])
        load(srv.base, DATASETTE_LIST[:1] * prof["warmup"], clients=CLIENTS, time_limit=prof["measure_limit"])
        api_list = load(srv.base, DATASETTE_LIST * prof["requests"], clients=CLIENTS, time_limit=prof["measure_limit"])
    return {"version": version, "search": search, "api_list": api_list}


def sqlite_floor(words: list[str], prof: dict) -> dict:
    """The same SQL in-process with the stdlib ``sqlite3``, one client, rows fetched as tuples."""
    conn = sqlite3.connect(f"file:{SQLITE_PATH}?mode=ro", uri=True)
    try:
        params = [{"p": f"%{search_key(w)}%"} for w in words]
        for p in params:  # warm the page cache and the statement cache
            conn.execute(SEARCH_SQL, p).fetchall()
        latencies, deadline = [], time.perf_counter() + prof["measure_limit"]
        started = time.perf_counter()
        for i in range(prof["requests"]):
            if time.perf_counter() > deadline:
                break
            t0 = time.perf_counter()
            conn.execute(SEARCH_SQL, params[i % len(params)]).fetchall()
            latencies.append(time.perf_counter() - t0)
        result = summarise(latencies, 0, time.perf_counter() - started, prof["requests"])
        result["p50_ms"], result["p95_ms"] = (_r(percentile([x * 1000 for x in latencies], q), 3)
                                              for q in (0.5, 0.95))
        conn.execute(LIST_SQL).fetchall()
        latencies, started = [], time.perf_counter()
        for _ in range(prof["requests"]):
            if time.perf_counter() > deadline + prof["measure_limit"]:
                break
            t0 = time.perf_counter()
            conn.execute(LIST_SQL).fetchall()
            latencies.append(time.perf_counter() - t0)
        listed = summarise(latencies, 0, time.perf_counter() - started, prof["requests"])
        listed["p50_ms"], listed["p95_ms"] = (_r(percentile([x * 1000 for x in latencies], q), 3)
                                              for q in (0.5, 0.95))
        return {"sqlite_version": sqlite3.sqlite_version, "search": result, "api_list": listed}
    finally:
        conn.close()


# -- 4. report ---------------------------------------------------------------------------------

def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        commit, dirty = "unknown", ""
    return {"cpus": os.cpu_count(), "cpu_model": model or "unknown", "loadavg_at_start": os.getloadavg()[0],
            "ram_gib": round(psutil.virtual_memory().total / 2**30, 1), "python": platform.python_version(),
            "commit": commit, "uncommitted_changes": bool(dirty), "platform": platform.platform()}


def _cell(value, fmt: str = "{:,.1f}", unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return fmt.format(value) + unit


# -- targets -----------------------------------------------------------------------------------

TARGET_TEXT = {
    "ingest_rate": (f"≥ {TARGETS['ingest_rate']['sqlite']:,} SQLite · "
                    f"≥ {TARGETS['ingest_rate']['postgresql']:,} PG rec/s"),
    "ingest_rss_mib": f"≤ {TARGETS['ingest_rss_mib']:,} MiB",
    "search_p95_ms": f"≤ {TARGETS['search_p95_ms']:,} ms (large)",
    "org_page_p95_ms": f"≤ {TARGETS['org_page_p95_ms']:,} ms (large)",
    "vs_datasette": f"≤ {TARGETS['vs_datasette']:g}×",
    "export_rss_mib": f"≤ {TARGETS['export_rss_mib']:,} MiB",
}


def target_met(name: str | None, engine: str, value) -> bool | None:
    """Whether ``value`` of ``engine`` meets target ``name``; None when there is nothing to judge."""
    if name is None or engine not in ("sqlite", "postgresql") or not isinstance(value, (int, float)):
        return None
    if name == "ingest_rate":
        return value >= TARGETS["ingest_rate"][engine]
    return value <= TARGETS[name]


class Row:
    """One line of the table: how to read each engine's figure, how to show it, which target it has.

    ``get(res, engine)`` returns what the cell shows; ``value(res, engine)`` the number the target
    is checked against (the same by default). ``section`` names the phase whose errors fill the
    cell instead; ``fixed`` gives literal cells (the reference columns of the ratio rows).
    """

    def __init__(self, label: str, get, fmt: str = "{:,.1f}", unit: str = "", *, section: str | None = None,
                 only: tuple[str, ...] | None = None, target: str | None = None, value=None,
                 fixed: dict | None = None, new_section: bool = False) -> None:
        self.label, self.get, self.fmt, self.unit, self.section = label, get, fmt, unit, section
        self.only, self.target, self.value, self.fixed = only, target, value or get, fixed or {}
        self.new_section = new_section


COLUMNS = (("sqlite", "SQLite"), ("postgresql", "PostgreSQL"), ("datasette", "Datasette (ref)"),
           ("floor", "sqlite3 floor"))
DB = ("sqlite", "postgresql")


def _in(section: str, fn):
    return lambda res, key: fn((res.get(section) or {})[key])


def _ratio(name: str):
    return lambda res, key: (res.get("ratios") or {}).get(name.format(key))


def table_rows() -> list[Row]:
    serve = "serve"
    rows = [
        Row("ingest: records", _in("ingest", lambda d: d["records"]), "{:,.0f}", section="ingest", only=DB),
        Row("ingest: wall time", _in("ingest", lambda d: d["wall_s"]), "{:,.1f}", " s", section="ingest", only=DB),
        Row("ingest: rate", _in("ingest", lambda d: d["records_per_s"]), "{:,.0f}", " rec/s", section="ingest",
            only=DB, target="ingest_rate"),
        Row("ingest: peak RSS", _in("ingest", lambda d: d["peak_rss_mib"]), "{:,.0f}", " MiB", section="ingest",
            only=DB, target="ingest_rss_mib"),
        Row("org page, largest buyer: p50", _in(serve, lambda d: d["org_page"]["p50_ms"]), "{:,.1f}", " ms",
            section=serve, only=DB, new_section=True),
        Row("org page, largest buyer: p95", _in(serve, lambda d: d["org_page"]["p95_ms"]), "{:,.1f}", " ms",
            section=serve, only=DB, target="org_page_p95_ms"),
        Row("org page: throughput", _in(serve, lambda d: d["org_page"]["rps"]), "{:,.0f}", " req/s", section=serve,
            only=DB),
        Row("search: p50", _in(serve, lambda d: d["search"]["p50_ms"]), "{:,.2f}", " ms", section=serve,
            new_section=True),
        Row("search: p95", _in(serve, lambda d: d["search"]["p95_ms"]), "{:,.2f}", " ms", section=serve,
            target="search_p95_ms"),
        Row("search: throughput", _in(serve, lambda d: d["search"]["rps"]), "{:,.0f}", " req/s", section=serve),
        Row("API list (50 largest contracts): p50", _in(serve, lambda d: d["api_list"]["p50_ms"]), "{:,.2f}", " ms",
            section=serve, new_section=True),
        Row("API list: p95", _in(serve, lambda d: d["api_list"]["p95_ms"]), "{:,.2f}", " ms", section=serve),
        Row("failed requests", _in(serve, lambda d: sum((d.get(k) or {}).get("errors", 0)
                                                        for k in ("org_page", "search", "api_list"))),
            "{:,.0f}", section=serve, only=DB + ("datasette",)),
    ]

    def ref_cell(name: str):
        def cell(res):
            return "1×" if name(res) else "—"
        return cell

    rows += [
        Row("search p50 ÷ Datasette p50", _ratio("{}_vs_datasette"), "{:,.1f}", "×", only=DB,
            target="vs_datasette", new_section=True,
            fixed={"datasette": ref_cell(lambda r: (r.get("ratios") or {}).get("datasette_vs_floor"))}),
        Row("search p50 ÷ sqlite3 floor p50", _ratio("{}_vs_floor"), "{:,.0f}", "×", only=DB + ("datasette",),
            fixed={"floor": ref_cell(lambda r: (((r.get("serve") or {}).get("floor") or {}).get("search")))}),
        Row("API list p50 ÷ Datasette p50", _ratio("list_{}_vs_datasette"), "{:,.1f}", "×", only=DB,
            target="vs_datasette",
            fixed={"datasette": ref_cell(lambda r: (r.get("ratios") or {}).get("list_datasette_vs_floor"))}),
        Row("API list p50 ÷ sqlite3 floor p50", _ratio("list_{}_vs_floor"), "{:,.0f}", "×",
            only=DB + ("datasette",),
            fixed={"floor": ref_cell(lambda r: (((r.get("serve") or {}).get("floor") or {}).get("api_list")))}),
    ]
    for i, fmt in enumerate(EXPORT_FORMATS):
        rows.append(Row(f"export {fmt}: time · peak RSS",
                        _in("export", lambda d, f=fmt: f"{d[f]['wall_s']:,.1f} s · {d[f]['peak_rss_mib']:,.0f} MiB"),
                        section="export", only=DB, target="export_rss_mib", new_section=i == 0,
                        value=_in("export", lambda d, f=fmt: d[f]["peak_rss_mib"])))
    rows += [
        Row("linking (link --full): rate", _in("link", lambda d: d["records_per_s"]), "{:,.0f}", " rec/s",
            section="link", only=DB),
        Row("linking: time · peak RSS", _in("link", lambda d: f"{d['wall_s']:,.1f} s · {d['peak_rss_mib']:,.0f} MiB"),
            section="link", only=DB),
    ]
    return rows


def _safe(fn, res: dict, key: str):
    try:
        return fn(res, key)
    except (KeyError, TypeError, ValueError):
        return None


def evaluate_targets(res: dict) -> list[dict]:
    """Every figure that has a target: ``{measurement, engine, value, target, met}`` (met None = no figure)."""
    checks = []
    for row in table_rows():
        if not row.target:
            continue
        for key in DB:
            if row.only is not None and key not in row.only:
                continue
            value = _safe(row.value, res, key)
            checks.append({"measurement": row.label, "engine": key, "value": value,
                           "target": TARGET_TEXT[row.target], "met": target_met(row.target, key, value)})
    return checks


def build_table(res: dict) -> Table:
    corpus = res.get("corpus") or {}
    counts = corpus.get("counts") or {}
    title = (f"OpenTenge benchmark — corpus {corpus.get('scale', '?')}, seed {res['seed']}: "
             f"{counts.get('contracts', 0):,} contracts, {counts.get('organisations', 0):,} organisations, "
             f"{counts.get('budget_rows_all_levels', counts.get('budget_rows', 0)):,} budget rows; {CLIENTS} clients, "
             f"{res['profile']['requests']} requests per measurement; ✓/✗ = issue 10 target met/unmet")
    table = Table(title=title, title_justify="left")
    table.add_column("measurement")
    table.add_column("target", justify="right")
    for _, name in COLUMNS:
        table.add_column(name, justify="right")
    errors = res.get("errors") or {}
    for row in table_rows():
        if row.new_section:
            table.add_section()
        cells = []
        for key, _ in COLUMNS:
            if key in row.fixed:
                cells.append(row.fixed[key](res))
                continue
            if row.only is not None and key not in row.only:
                cells.append("")
                continue
            problem = errors.get(f"{row.section}.{key}") if row.section else None
            if problem:
                cells.append(f"[red]{re.split(r' [(]|: ', problem)[0][:32]}[/]")
                continue
            text = _cell(_safe(row.get, res, key), row.fmt, row.unit)
            met = target_met(row.target, key, _safe(row.value, res, key))
            if met is not None:
                text += " [green]✓[/]" if met else " [red]✗[/]"
            cells.append(text)
        table.add_row(row.label, TARGET_TEXT.get(row.target, "") if row.target else "", *cells)
    return table


def notes(res: dict) -> list[str]:
    lines = []
    for key, data in (res.get("ingest") or {}).items():
        if data.get("reused_from"):
            lines.append(f"note: {key} database reused; its ingest figures are from the run at {data['reused_from']}")
    for key, data in (res.get("serve") or {}).items():
        for name in ("org_page", "search", "api_list"):
            m = data.get(name) or {}
            if m.get("cut_by_time_limit"):
                lines.append(f"note: {key} {name.replace('_', ' ')} stopped at its time limit after "
                             f"{m['ok'] + m['errors']}/{m['planned']} requests")
    scale = (res.get("corpus") or {}).get("scale")
    if scale and scale != "large" and res.get("serve"):
        lines.append(f"note: serving targets are set for the large corpus; this run used {scale}")
    unmet = [f"{c['measurement']} ({c['engine']})" for c in res.get("targets") or [] if c["met"] is False]
    if unmet:
        lines.append(f"targets not met: {', '.join(unmet)}")
    for key, message in (res.get("errors") or {}).items():
        lines.append(f"{key}: {message}")
    return lines


def machine_line(m: dict, res: dict) -> str:
    extra = []
    if res.get("postgresql_version"):
        extra.append(f"PostgreSQL {res['postgresql_version']}")
    if (res.get("serve") or {}).get("floor"):
        extra.append(f"SQLite {res['serve']['floor']['sqlite_version']}")
    if (res.get("serve") or {}).get("datasette"):
        extra.append(f"Datasette {res['serve']['datasette']['version']}")
    return (f"machine: {m['cpus']} CPUs, {m['cpu_model']}, {m['ram_gib']} GiB RAM, Python {m['python']}, "
            f"load avg {m['loadavg_at_start']:.2f} at start / {m.get('loadavg_at_end', 0):.2f} at end, "
            f"commit {m['commit']}{' + uncommitted changes' if m['uncommitted_changes'] else ''}"
            + (f"; {', '.join(extra)}" if extra else ""))


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def ratios(serve: dict) -> dict:
    p50 = {k: ((serve.get(k) or {}).get("search") or {}).get("p50_ms") for k in (*DB, "datasette", "floor")}
    list50 = {k: ((serve.get(k) or {}).get("api_list") or {}).get("p50_ms") for k in (*DB, "datasette", "floor")}
    return {"sqlite_vs_datasette": ratio(p50["sqlite"], p50["datasette"]),
            "postgresql_vs_datasette": ratio(p50["postgresql"], p50["datasette"]),
            "sqlite_vs_floor": ratio(p50["sqlite"], p50["floor"]),
            "postgresql_vs_floor": ratio(p50["postgresql"], p50["floor"]),
            "datasette_vs_floor": ratio(p50["datasette"], p50["floor"]),
            "list_sqlite_vs_datasette": ratio(list50["sqlite"], list50["datasette"]),
            "list_postgresql_vs_datasette": ratio(list50["postgresql"], list50["datasette"]),
            "list_sqlite_vs_floor": ratio(list50["sqlite"], list50["floor"]),
            "list_postgresql_vs_floor": ratio(list50["postgresql"], list50["floor"]),
            "list_datasette_vs_floor": ratio(list50["datasette"], list50["floor"])}


# -- reusing an ingested database --------------------------------------------------------------

def _marks_path() -> Path:
    return WORK / "ingested.json"


def read_marks() -> dict:
    """What each database under ``WORK`` was last ingested from (``{engine: {...}}``)."""
    try:
        return json.loads(_marks_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_mark(engine: str, mark: dict | None) -> None:
    """Record (or, with None, forget) what ``engine``'s database holds; forgotten before it is wiped."""
    marks = read_marks()
    if mark is None:
        marks.pop(engine, None)
    else:
        marks[engine] = mark
    WORK.mkdir(parents=True, exist_ok=True)
    _marks_path().write_text(json.dumps(marks, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def reusable(engine: str, *, scale: str, seed: int, sources: tuple[str, ...], database: str) -> dict:
    """The mark of a database that holds exactly this corpus (scale, seed, sources), or BenchError."""
    mark = read_marks().get(engine)
    if not mark:
        raise BenchError("nothing ingested to reuse (run the ingest phase first)")
    held = (mark.get("scale"), mark.get("seed"), tuple(mark.get("sources") or ()), mark.get("database"))
    if held != (scale, seed, tuple(sources), database):
        raise BenchError(f"the database holds {held[0]}/seed {held[1]} ({'+'.join(held[2])}) in {held[3]}; "
                         f"ingest {scale}/seed {seed} ({'+'.join(sources)}) first")
    return mark


# -- main --------------------------------------------------------------------------------------

def _names(values: list[str] | None, known: tuple[str, ...], what: str) -> list[str]:
    """Comma-separated, repeatable option values, checked against ``known``."""
    names = [n.strip() for v in values or [] for n in v.split(",") if n.strip()]
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)}; choose from {', '.join(known)}")
    return names


def select_phases(only: list[str] | None, skip: list[str] | None) -> list[str]:
    """The phases to run, in run order: ``--only`` (all when absent) minus ``--skip``."""
    chosen = _names(only, PHASES, "phase") or list(PHASES)
    skipped = set(_names(skip, PHASES, "phase"))
    return [p for p in PHASES if p in chosen and p not in skipped]


def phase_caps(prof: dict, caps: list[str] | None) -> dict[str, float]:
    """Seconds allowed per phase: the profile's, overridden by ``--cap PHASE=SECONDS``."""
    limits = {"ingest": prof["ingest_limit"], "serve": prof["measure_limit"], "export": prof["ingest_limit"],
              "linking": prof["ingest_limit"]}
    for item in caps or []:
        name, sep, seconds = item.partition("=")
        _names([name], PHASES, "phase")
        try:
            value = float(seconds)
        except ValueError:
            value = -1.0
        if not sep or value <= 0:
            raise ValueError(f"--cap {item!r}: expected PHASE=SECONDS with SECONDS > 0")
        limits[name.strip()] = value
    return limits


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="OpenTenge benchmark (see docs/performance.md)")
    p.add_argument("--scale", default=None, help="corpus scale: small | medium (default) | large")
    p.add_argument("--quick", action="store_true", help="small corpus and fewer requests (< 3 min)")
    p.add_argument("--seed", type=int, default=42, help="corpus and word-sample seed (default 42)")
    p.add_argument("--requests", type=int, default=None, help="requests per measurement")
    p.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/",
                   help="PostgreSQL server (loopback only); the bench drops and creates --pg-db there")
    p.add_argument("--pg-db", default=PG_DB, help=f"PostgreSQL database of the bench (default {PG_DB})")
    p.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
    p.add_argument("--only", action="append", metavar="PHASES",
                   help=f"run only these phases (comma-separated, repeatable): {', '.join(PHASES)}")
    p.add_argument("--skip", action="append", metavar="PHASES", help="leave these phases out")
    p.add_argument("--cap", action="append", metavar="PHASE=SECONDS",
                   help="time cap of a phase (ingest/export/linking: whole phase per database; serve: per measurement)")
    p.add_argument("--reuse-db", action="store_true",
                   help="keep the databases an earlier run ingested from this corpus (no re-ingest)")
    p.add_argument("--sources", default="goszakup",
                   help="corpus folders the ingest phase reads, comma-separated, or 'all' (default goszakup)")
    p.add_argument("--work", type=Path, default=WORK, help="folder for corpus, databases and logs (default bench/work)")
    args = p.parse_args(argv)
    args.scale = args.scale or ("small" if args.quick else "medium")
    if args.scale not in PROFILES or args.scale == "quick":
        p.error(f"unknown scale {args.scale!r}")
    try:
        args.phases = select_phases(args.only, args.skip)
        args.sources = tuple(SOURCES) if args.sources == "all" else tuple(_names([args.sources], SOURCES, "source"))
        args.caps = phase_caps(PROFILES["quick" if args.quick else args.scale], args.cap)
    except ValueError as exc:
        p.error(str(exc))
    if not args.phases:
        p.error("no phase left to run")
    if not args.sources:
        p.error("no source to ingest")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    use_work(args.work)
    prof = dict(PROFILES["quick" if args.quick else args.scale])
    if args.requests:
        prof["requests"] = max(1, args.requests)
    prof["measure_limit"] = args.caps["serve"]
    started = time.monotonic()
    budget_end = started + prof["budget"]
    corpus = WORK / "corpus"
    reuse = args.reuse_db or "ingest" not in args.phases
    res: dict = {"timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "seed": args.seed,
                 "quick": args.quick, "phases": args.phases, "reuse_db": reuse, "sources": list(args.sources),
                 "caps_s": args.caps,
                 "profile": {**prof, "clients": CLIENTS, "gunicorn_workers": GUNICORN_WORKERS},
                 "machine": machine(), "ingest": {}, "serve": {}, "export": {}, "link": {}, "errors": {}}

    def attempt(section: str, key: str, fn, *a):
        if time.monotonic() > budget_end:
            res["errors"][f"{section}.{key}"] = "skipped: time budget"
            log.print(f"[yellow]{section} {key}: skipped, time budget of {prof['budget']} s used[/]")
            return None
        t0 = time.monotonic()
        log.print(f"{section} {key} …")
        try:
            value = fn(*a)
        except (BenchError, httpx.HTTPError, sqlite3.Error, OSError, KeyError, ValueError) as exc:
            message = str(exc).strip() or type(exc).__name__
            res["errors"][f"{section}.{key}"] = message
            log.print(f"[red]{section} {key} failed:[/] {message}")
            return None
        res[section][key] = value
        log.print(f"{section} {key}: done in {time.monotonic() - t0:.1f} s")
        return value

    def reuse_or_ingest(key: str, url: str, database: str) -> bool:
        """Fill ``res['ingest'][key]``: from the mark of a reused database, or by ingesting now."""
        if reuse:
            try:
                mark = reusable(key, scale=args.scale, seed=args.seed, sources=args.sources, database=database)
            except BenchError as exc:
                res["errors"][f"ingest.{key}"] = str(exc)
                log.print(f"[red]ingest {key}:[/] {exc}")
                return False
            res["ingest"][key] = {**mark["ingest"], "reused_from": mark["timestamp"]}
            log.print(f"ingest {key}: reusing {database} (ingested {mark['timestamp']})")
            return True
        write_mark(key, None)
        figures = attempt("ingest", key, ingest, key, url, corpus, args.caps["ingest"], args.sources)
        if figures is None:
            return False
        write_mark(key, {"scale": args.scale, "seed": args.seed, "sources": list(args.sources),
                         "database": database, "timestamp": res["timestamp"], "ingest": figures})
        return True

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    try:
        WORK.mkdir(parents=True, exist_ok=True)
        try:
            res["corpus"] = ensure_corpus(corpus, args.seed, args.scale, prof["corpus_limit"])
        except BenchError as exc:
            log.print(f"[bold red]corpus:[/] {exc}")
            return 2
        words = corpus_words(corpus, args.seed)
        res["words"] = words
        log.print(f"search words ({len(words)}): {', '.join(words)}")

        # 2. ingest (or reuse)
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        sqlite_url = f"sqlite:///{SQLITE_PATH}"  # absolute path: sqlite:////work/…/bench/work/bench.sqlite3
        have_sqlite = reuse_or_ingest("sqlite", sqlite_url, str(SQLITE_PATH))
        if have_sqlite and reuse and not SQLITE_PATH.exists():
            res["ingest"].pop("sqlite", None)
            res["errors"]["ingest.sqlite"] = f"{SQLITE_PATH} is gone; run the ingest phase again"
            have_sqlite = False
        pg_url, have_pg = None, False
        if args.no_postgres:
            res["errors"]["ingest.postgresql"] = res["errors"]["serve.postgresql"] = "skipped (--no-postgres)"
        else:
            try:
                pg_url, res["postgresql_version"] = pg_database(pg_server(args.pg_url), args.pg_db, fresh=not reuse)
            except BenchError as exc:
                res["errors"]["ingest.postgresql"] = res["errors"]["serve.postgresql"] = str(exc)
                log.print(f"[yellow]PostgreSQL {exc}; continuing without it[/]")
            if pg_url:
                have_pg = reuse_or_ingest("postgresql", pg_url, pg_url)
        databases = [(k, u) for k, u, ok in (("sqlite", sqlite_url, have_sqlite), ("postgresql", pg_url, have_pg))
                     if ok]
        for key in ("sqlite", "postgresql"):
            if key not in dict(databases):
                for section in ("serve", "export", "link"):
                    res["errors"].setdefault(f"{section}.{key}", f"no {key} database (ingest failed or skipped)")

        # 3. serving (one server at a time, so they never compete for the two cores)
        if "serve" in args.phases:
            if have_sqlite:
                attempt("serve", "sqlite", serve_opentenge, "sqlite", sqlite_url, words, prof)
                attempt("serve", "datasette", serve_datasette, words, prof)
                attempt("serve", "floor", sqlite_floor, words, prof)
            else:
                for key in ("datasette", "floor"):
                    res["errors"].setdefault(f"serve.{key}", "no SQLite database (ingest failed or skipped)")
            if have_pg:
                attempt("serve", "postgresql", serve_opentenge, "postgresql", pg_url, words, prof)

        # 4. exports and linking, after serving (they change nothing a page shows except links)
        for key, url in databases:
            if "export" in args.phases:
                attempt("export", key, exports, key, url, args.caps["export"])
            if "linking" in args.phases:
                attempt("link", key, linking, key, url, args.caps["linking"])
    except KeyboardInterrupt as exc:
        res["errors"]["run"] = f"interrupted ({exc})".replace(" ()", "")
        log.print("[red]interrupted: stopping servers[/]")
    finally:
        _kill_all()

    # 5. ratios, targets, table, JSON
    res["ratios"] = ratios(res["serve"])
    res["targets"] = evaluate_targets(res)
    res["seconds"] = round(time.monotonic() - started, 1)
    res["machine"]["loadavg_at_end"] = os.getloadavg()[0]
    out.print(build_table(res))
    for note in notes(res):
        out.print(note)
    out.print(machine_line(res["machine"], res))
    out.print(f"run took {res['seconds']:.0f} s", style="dim")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{res['timestamp'].replace(':', '').replace('-', '')}.json"
    path.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log.print(f"results: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 1 if "run" in res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""HTTP load: 16 concurrent clients for 60 s over every public page kind and the API: zero 5xx.

The small demo corpus is ingested like ``make data`` does (every source, linking, the lobbying
demo, indicators) into a SQLite file under ``trials/work/``, then served by ``opentenge serve``
(gunicorn, 2 workers) on a free loopback port. The URL list is *found*, not hand-written: a
bounded crawl from the three home pages follows every same-site link (at most a few URLs per
page shape, so one kind of page cannot crowd out the others), adds each page's ``.json`` twin,
and adds the API operations from ``/api/v1/openapi.json`` — lists as they are, details filled with
ids read from the lists.
"""
from __future__ import annotations

import random
import re
import subprocess
import threading
import time
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx

from trials.common import WORK, OPENTENGE, REPO, TrialFailed, cli, free_port, percentile, trial_env
from trials.corpus import small_demo

LANGUAGES = ("kk", "ru", "en")
SKIP = re.compile(r"^/(admin|static)/|/(logout|login|signup|register|password|account|accounts|filing|moderation|"
                  r"two-factor|totp|watch|follow|report|corrections?/new)(/|$)|\?.*next=")


def prepared_database(seed: int = 42) -> str:
    """A SQLite file holding the whole small demo, built once and reused while the corpus is current."""
    from opentenge.demo import INGEST_ORDER

    corpus = small_demo(seed)
    path = WORK / f"http-load-{seed}.sqlite3"
    marker = path.with_suffix(".ready")
    url = f"sqlite:///{path}"
    if marker.exists() and path.exists() and marker.read_text() == str(corpus.stat().st_mtime_ns):
        cli("init", database_url=url)  # the code may have gained a migration since
        return url
    path.unlink(missing_ok=True)
    cli("init", database_url=url)
    for source in INGEST_ORDER:
        cli("ingest", source, str(corpus / source), "--json", database_url=url, timeout=900)
    cli("link", database_url=url, timeout=900)
    cli("lobbying", "demo", "--seed", str(seed), database_url=url, timeout=900)
    cli("indicators", "run", database_url=url, timeout=900)
    marker.write_text(str(corpus.stat().st_mtime_ns))
    return url


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])


def _shape(path: str) -> str:
    """``/en/org/kazakh-bridge-7/`` and ``/en/org/astana-su/`` share a shape: one kind of page."""
    parts = urlsplit(path)
    segments = parts.path.strip("/").split("/")
    shape = "/".join(segments[:2] + [re.sub(r"[^/]+", "*", s) for s in segments[2:]])
    shape = re.sub(r"\d+", "N", shape)
    return shape + ("?" + ",".join(sorted(k.split("=")[0] for k in parts.query.split("&"))) if parts.query else "")


def crawl(base: str, *, limit: int = 1500, per_shape: int = 4, seconds: float = 120) -> tuple[list[str], Counter]:
    """Same-site GET links reachable from the home pages; statuses seen while crawling."""
    queue = deque(f"/{lang}/" for lang in LANGUAGES)
    seen, per, found, statuses = set(queue), Counter(), [], Counter()
    end = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=60.0) as client:
        while queue and len(found) < limit and time.monotonic() < end:
            path = queue.popleft()
            response = client.get(path)
            statuses[f"{response.status_code // 100}xx"] += 1
            if response.status_code >= 500:
                raise TrialFailed(f"{path} answered {response.status_code} while crawling")
            if response.status_code >= 400:
                print(f"  crawl: {path} answered {response.status_code}")
            found.append(path)
            if "html" not in response.headers.get("content-type", ""):
                continue
            parser = _Links()
            parser.feed(response.text)
            for href in parser.links:
                target = urlsplit(urljoin(base + path, href))
                if target.netloc != urlsplit(base).netloc:
                    continue
                link = target.path + (f"?{target.query}" if target.query else "")
                if link in seen or SKIP.search(link) or not link.startswith(tuple(f"/{l}/" for l in LANGUAGES)):
                    continue
                seen.add(link)
                shape = _shape(link)
                if per[shape] >= per_shape:
                    continue
                per[shape] += 1
                queue.append(link)
    twins = [p[:-1] + ".json" if p.count("/") > 2 else p + "index.json" for p in found if p.endswith("/") and "?" not in p]
    return found + twins, statuses


def api_urls(base: str) -> list[str]:
    """API list operations as they are; detail operations with an id read from their list."""
    with httpx.Client(base_url=base, timeout=60.0) as client:
        spec = client.get("/api/v1/openapi.json").json()
        paths = [p for p, ops in spec.get("paths", {}).items() if "get" in ops]
        lists = [p for p in paths if "{" not in p]
        urls = list(lists)
        for template in (p for p in paths if p.count("{") == 1):
            prefix, param = template.split("{", 1)
            param = param.split("}", 1)[0]
            source = prefix.rstrip("/")
            if source not in lists:
                continue
            data = client.get(source).json()
            items = (data.get("items") or data.get("results") or []) if isinstance(data, dict) else data
            for item in items[:3]:
                if isinstance(item, dict):
                    value = item.get(param) or item.get("id") or item.get("key") or item.get("slug")
                    if value is not None:
                        urls.append(prefix + str(value) + template.split("}", 1)[1])
    return urls


def load(base: str, urls: list[str], *, clients: int, seconds: float, seed: int) -> dict:
    """``clients`` threads, each with a keep-alive client, cycling through a shuffled ``urls``."""
    order = urls[:]
    random.Random(seed).shuffle(order)
    lock = threading.Lock()
    position = [0]
    latencies: list[float] = []
    statuses: Counter = Counter()
    failures: list[str] = []
    client_errors: list[str] = []
    end = time.monotonic() + seconds

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60.0) as client:
            while time.monotonic() < end:
                with lock:
                    path = order[position[0] % len(order)]
                    position[0] += 1
                started = time.perf_counter()
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError as exc:
                    status = 0
                    with lock:
                        failures.append(f"{path}: {type(exc).__name__}")
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[f"{status // 100}xx" if status else "transport"] += 1
                    if status >= 500:
                        failures.append(f"{path}: {status}")
                    elif status >= 400 and len(client_errors) < 20:
                        client_errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    wall = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 90)
    wall = time.monotonic() - wall
    ms = [x * 1000 for x in latencies]
    return {"requests": len(latencies), "rps": round(len(latencies) / wall, 1),
            "p50_ms": round(percentile(ms, 0.5) or 0, 1), "p95_ms": round(percentile(ms, 0.95) or 0, 1),
            "max_ms": round(max(ms) if ms else 0, 1), "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
            "failures": failures[:20], "client_errors": client_errors}


def run(*, clients: int = 16, seconds: float = 60, workers: int = 2, seed: int = 42) -> dict:
    url = prepared_database(seed)
    port = free_port()
    log = (WORK / "http-load-server.log").open("w")
    server = subprocess.Popen([OPENTENGE, "serve", "--port", str(port), "--workers", str(workers)], cwd=REPO,
                              env=trial_env(url, OPENTENGE_API_RATE_LIMIT="100000000"),
                              stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                raise TrialFailed(f"the server exited {server.returncode}: see {log.name}")
            time.sleep(0.2)
        pages, crawl_statuses = crawl(base)
        api = api_urls(base)
        urls = pages + api
        result = load(base, urls, clients=clients, seconds=seconds, seed=seed)
        result.update(urls=len(urls), pages=len(pages), api_urls=len(api),
                      page_kinds=len({_shape(p) for p in pages}), clients=clients, seconds=seconds,
                      workers=workers, crawl_statuses={str(k): v for k, v in crawl_statuses.items()})
        server_errors = result["statuses"].get("5xx", 0) + result["statuses"].get("transport", 0)
        if server_errors:
            raise TrialFailed(f"{server_errors} 5xx/transport errors under load: {result['failures'][:5]}")
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

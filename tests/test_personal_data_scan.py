"""No natural person's full IIN anywhere the public can reach: a scan over the whole demo site.

The demo corpus is ingested by the real CLI exactly as ``make data`` does (every source, linking,
the lobbying demo, red flags), served by ``opentenge serve``, and then read the way a scraper would:
every page reachable by links from the home pages in three languages (at most a few addresses of each
URL shape, so the crawl stays bounded), every JSON/CSV/Atom/RSS address those pages link to, every
API operation without a path parameter, each API list walked through its cursors, and API detail
answers for ids those lists return. Every answer is searched for every IIN of a natural person that
appears in the corpus files (found independently of our importers: any 12-digit token in the source
files that is a valid IIN by its check digit and structure).
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import Counter, deque
from pathlib import Path

import pytest

from browsing import served
from conftest import run_cli, scratch_database
from opentenge.demo import INGEST_ORDER
from opentenge.ids.kz import check_id

SOURCES = INGEST_ORDER  # every source of the demo corpus, in the order `make demo` ingests them
PER_SHAPE = 2          # addresses visited per URL shape (digits and slugs folded)
MAX_PAGES = 900        # a ceiling so a link explosion fails loudly instead of running for ever
TOKEN = re.compile(rb"(?<!\d)(\d{12})(?!\d)")
SKIPPED = ("/admin/", "/static/", "/account/", "/lobbying/file/", "/lobbying/moderation/", "/corrections/moderation",
           "/logout", "/follow/", "/unfollow/", "/watch/", "/report/")


def person_iins(corpus: Path) -> set[str]:
    found: set[str] = set()
    for path in corpus.rglob("*"):
        if not path.is_file() or {"budget_egov", "budget_local"} & set(path.parts):
            continue  # budget files hold amounts and codes, never people
        blobs = [path.read_bytes()]
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                blobs = [book.read(name) for name in book.namelist() if name.endswith(".xml")]
        for blob in blobs:
            for token in TOKEN.findall(blob):
                check = check_id(token.decode())
                if check.valid and check.kind == "IIN":
                    found.add(check.id)
    return found


def shape(path: str) -> str:
    return re.sub(r"/[^/]*\d[^/]*(?=/|\.|$)", "/N", path.split("?")[0])


@pytest.fixture(scope="module")
def demo(demo_corpus, tmp_path_factory):
    with scratch_database(tmp_path_factory.mktemp("scan-db")) as url:
        run_cli("init", database_url=url, check=True)
        for source in SOURCES:
            run_cli("ingest", source, str(demo_corpus / source), "--json", database_url=url, check=True, timeout=600)
        run_cli("link", "--json", database_url=url, check=True, timeout=600)
        run_cli("lobbying", "demo", "--seed", "7", database_url=url, check=True)
        run_cli("indicators", "run", "--json", database_url=url, check=True)
        with served(url) as base:
            yield base, person_iins(demo_corpus)


def fetch(url: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def test_no_full_person_iin_in_any_page_feed_download_or_api_answer(demo):
    base, iins = demo
    assert len(iins) >= 20, "the demo corpus should carry people's IINs for this scan to mean anything"
    seen: set[str] = set()
    shapes: Counter = Counter()
    queue = deque(f"/{lang}/" for lang in ("kk", "ru", "en"))
    leaks: list[str] = []
    visited = 0
    kinds: Counter = Counter()

    def scan(address: str, body: bytes) -> None:
        for iin in iins:
            if iin.encode() in body:
                leaks.append(f"{address}: {iin[:4]}…")

    while queue:
        address = queue.popleft()
        status, content_type, body = fetch(base + address)
        visited += 1
        assert visited <= MAX_PAGES, "crawl did not converge"
        assert status < 500, f"{address} answered {status}"
        kinds[content_type.split(";")[0]] += 1
        scan(address, body)
        if "html" not in content_type:
            continue
        for href in re.findall(rb'(?:href|hx-get)="([^"#]+)"', body):
            link = urllib.parse.urljoin(address, href.decode().replace("&amp;", "&"))
            parsed = urllib.parse.urlsplit(link)
            if parsed.netloc or not parsed.path.startswith(("/kk/", "/ru/", "/en/")):
                continue
            if any(part in parsed.path for part in SKIPPED) or link in seen:
                continue
            seen.add(link)
            if shapes[shape(link)] >= PER_SHAPE:
                continue
            shapes[shape(link)] += 1
            queue.append(link)

    api_paths = json.loads(fetch(f"{base}/api/v1/openapi.json")[2])["paths"]
    details = 0
    for path, operations in api_paths.items():
        if "get" not in operations or "{" in path:
            continue
        address, pages = path, 0
        while address and pages < 3:
            status, _, body = fetch(base + address)
            assert status < 500, f"{address} answered {status}"
            scan(address, body)
            pages += 1
            answer = json.loads(body) if status == 200 else {}
            items = answer.get("items", []) if isinstance(answer, dict) else []
            for item in items[:3]:
                detail = f"{path.rstrip('/')}/{item['id']}" if isinstance(item, dict) and "id" in item else None
                if detail and any(re.fullmatch(path.rstrip("/") + r"/\{[^}]+\}", p) for p in api_paths):
                    status, _, detail_body = fetch(base + detail)
                    assert status < 500, f"{detail} answered {status}"
                    scan(detail, detail_body)
                    details += 1
            cursor = answer.get("next_cursor") if isinstance(answer, dict) else None
            address = f"{path}?{urllib.parse.urlencode({'cursor': cursor})}" if cursor else None

    assert not leaks, leaks[:20]
    # the crawl really reached the site's breadth: pages of many shapes, machine formats, API details
    assert len(shapes) >= 60, sorted(shapes)
    assert kinds["application/json"] >= 10 and kinds["text/html"] >= 100, kinds
    assert any("atom" in kind for kind in kinds), kinds
    assert details >= 5

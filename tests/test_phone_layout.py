"""Citizens read on phones: no page of any section may push the screen sideways at 390 px.

The whole demo corpus (every source, through the real CLI in ``make demo`` order) is served by
``opentenge serve``; each page is opened in Debian's chromium at a phone's width and the document
must be no wider than the viewport (wide tables scroll inside themselves).
"""
from __future__ import annotations

import json
import urllib.request

import pytest

from browsing import require_chromium, served, shot
from conftest import run_cli, scratch_database

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
PAGES = ["/ru/", "/kk/budget/", "/ru/budget/quality/", "/ru/civil/grants/", "/kk/civil/transparency/", "/ru/politics/",
         "/ru/politics/revolving-door/", "/ru/legislation/", "/kk/legislation/councils/", "/ru/learn/", "/ru/quarantine/",
         "/ru/scorecards/", "/en/budget/local/"]


@pytest.fixture(scope="module")
def full_demo_site(demo_corpus, tmp_path_factory):
    require_chromium()
    manifest = json.loads((demo_corpus / "manifest.json").read_text(encoding="utf-8"))
    with scratch_database(tmp_path_factory.mktemp("phone-db")) as url:
        run_cli("init", database_url=url, check=True)
        for source in manifest["ingest_order"]:
            run_cli("ingest", source, str(demo_corpus / source), "--json", database_url=url, check=True)
        with served(url) as base:
            yield base


def _get(base: str, path: str) -> dict:
    return json.loads(urllib.request.urlopen(f"{base}{path}", timeout=30).read())


def _detail_pages(base: str) -> list[str]:
    """One page of each kind that shows a record: found through the JSON twins, not hard-coded."""
    abp = _get(base, "/api/v1/budget/administrators")["items"][0]["code"]
    party = _get(base, "/ru/politics/?format=json")["parties"][0]["key"]
    act = _get(base, "/ru/legislation/?format=json")["items"][0]["id"]
    buyer = _get(base, "/api/v1/overview")["top_buyers"][0]["id"]
    region = _get(base, "/api/v1/budget/local")["regions"][0]
    body = _get(base, "/api/v1/scorecards?limit=1")["items"][0]["id"]
    return [f"/ru/budget/abp/{abp}/", f"/ru/party/{party}/", f"/ru/legislation/{act}/", f"/kk/org/{buyer}/",
            f"/en/budget/local/{region['level']}/{region['kato']}/{region['latest_year']}/", f"/kk/scorecards/{body}/"]


def test_no_page_is_wider_than_a_phone(full_demo_site, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    too_wide = {}
    for path in PAGES + _detail_pages(full_demo_site):
        response = page.goto(f"{full_demo_site}{path}")
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
            shot(page, "phone-too-wide-" + path.strip("/").replace("/", "-"))
    context.close()
    assert not too_wide, f"pages wider than {PHONE['width']} px: {too_wide}"

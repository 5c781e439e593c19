"""The register's public pages in a real browser (Debian chromium, Playwright), desktop and phone.

The register of tests/test_lobbying_public.py is built in a scratch database by a subprocess (the
same ORM code, run with ``OPENTENGE_DATABASE_URL`` set) and served by ``opentenge serve``.
Screenshots: ``test-results/lobbying-*.png``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from browsing import require_chromium, served, shot
from conftest import REPO, TESTS, run_cli, scratch_database

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
SEED = f"""
import os, sys, django
sys.path.insert(0, {str(TESTS)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
django.setup()
from test_lobbying_public import build_register
g = build_register()
print(g.alpha.pk, g.r1.pk)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("lobbying-browser-db")) as url:
        run_cli("init", database_url=url, check=True)
        seeded = subprocess.run([sys.executable, "-c", SEED], env={**os.environ, "OPENTENGE_DATABASE_URL": url},
                                cwd=REPO, capture_output=True, text=True, timeout=120)
        assert seeded.returncode == 0, seeded.stderr
        alpha, report = seeded.stdout.split()
        with served(url) as base:
            yield {"base": base, "alpha": alpha, "report": report}


def _scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_registrant_page_renders_on_desktop_and_phone(site, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{site['base']}/en/lobbying/registrants/{site['alpha']}/")
    assert page.get_by_test_id("revolving-door").is_visible()
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()  # shown as text, not run
    assert page.get_by_test_id("reports").locator("tbody tr").count() == 3
    shot(page, "lobbying-registrant")
    page.close()
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    for path, name in ((f"/ru/lobbying/registrants/{site['alpha']}/", "lobbying-registrant-phone"),
                       (f"/ru/lobbying/reports/{site['report']}/", "lobbying-report-phone"),
                       ("/kk/lobbying/", "lobbying-home-phone"), ("/ru/lobbying/meetings/", "lobbying-meetings-phone")):
        assert phone.goto(f"{site['base']}{path}").status == 200, path
        assert _scroll_width(phone) <= PHONE["width"], path
        shot(phone, name)
    context.close()


def test_rankings_chart_draws_the_table_figures(site, browser):
    data = json.load(urllib.request.urlopen(f"{site['base']}/en/lobbying/rankings.json"))
    for viewport, name in (({"width": 1100, "height": 900}, "lobbying-rankings"), (PHONE, "lobbying-rankings-phone")):
        page = browser.new_page(viewport=viewport)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{site['base']}/en/lobbying/rankings/")
        chart = page.locator("#chart-registrants")
        chart.locator("svg").first.wait_for()
        assert chart.get_attribute("data-rendered") == "true"
        assert page.locator("#chart-bills svg").count() == 1
        # one bar per ranked registrant, and the table under it holds the same totals
        assert chart.locator("path[fill='#0f6e7a']").count() == len(data["registrants"])
        totals = page.get_by_test_id("rank-registrants").locator("tbody td:last-child").all_inner_texts()
        assert [int(t) for t in totals] == [r["total"] for r in data["registrants"]]
        assert _scroll_width(page) <= viewport["width"]
        assert not errors
        shot(page, name)
        page.close()

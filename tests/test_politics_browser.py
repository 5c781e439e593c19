"""The network view of a hub with 10,000 neighbours, and a person page, in a real browser.

The graph must stay summarised (top neighbours by money + one "others" node), render within the
page budget, and page the full list of neighbours in a table. Screenshots go to ``test-results/``.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from browsing import SHOTS, launch, require_chromium, served
from conftest import FIXTURES, REPO, run_cli, scratch_database

pytestmark = pytest.mark.browser
PAGE_BUDGET_SECONDS = 5.0


@pytest.fixture(scope="module")
def hub_site(tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("hub-db")) as url:
        run_cli("init", database_url=url, check=True)
        run_cli("ingest", "mazhilis", str(FIXTURES / "parliament" / "mazhilis_api_synthetic"), database_url=url, check=True)
        run_cli("ingest", "company_roles", str(FIXTURES / "politics" / "company_roles_synthetic.csv"), database_url=url,
                check=True)
        run_cli("ingest", "party_funding", str(FIXTURES / "politics" / "party_funding_synthetic.csv"), database_url=url,
                check=True)
        for name in ("election_funds_candidates_synthetic.csv", "election_funds_candidates_confirmations_synthetic.csv"):
            run_cli("ingest", "election_funds", str(FIXTURES / "politics" / name), database_url=url, check=True)
        env = {**os.environ, "OPENTENGE_DATABASE_URL": url}
        hub = subprocess.run([sys.executable, str(REPO / "tests" / "politics_hub.py")], env=env, cwd=REPO,
                             capture_output=True, text=True, timeout=300, check=True).stdout.strip().splitlines()[-1]
        with served(url, env=env) as base:
            yield base, hub


def test_hub_with_ten_thousand_neighbours_renders_summarised(hub_site):
    from playwright.sync_api import sync_playwright

    base, hub = hub_site
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        started = time.monotonic()
        page.goto(f"{base}/en/network/org/{hub}/")
        page.wait_for_selector("#network-chart[data-rendered=true] svg", timeout=PAGE_BUDGET_SECONDS * 1000)
        elapsed = time.monotonic() - started
        assert elapsed < PAGE_BUDGET_SECONDS, f"network page took {elapsed:.1f} s"
        drawn = int(page.locator("#network-chart").get_attribute("data-nodes"))
        assert drawn == 1 + 25 + 1  # the hub, the top 25 by money, one "others" node
        assert "+9975 others" in page.locator("#network-chart").inner_text()
        assert page.locator("[data-testid=neighbour-table] tbody tr").count() == 50
        assert "page 1 of 200" in page.get_by_test_id("neighbour-pager").inner_text()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "politics-network-hub.png"), full_page=False)
        page.click("[data-testid=neighbour-pager] a[rel=next]")
        page.wait_for_url("**page=2**")
        assert "page 2 of 200" in page.get_by_test_id("neighbour-pager").inner_text()

        page.goto(f"{base}/ru/person/mazhilis:8/")
        page.wait_for_selector("[data-testid=possible-links]")
        assert page.locator("[data-testid=possible-links] tbody tr").count() == 1
        page.screenshot(path=str(SHOTS / "politics-person-ru.png"), full_page=True)

        page.goto(f"{base}/kk/party/amanat/")
        page.wait_for_selector("#chart-by-year[data-rendered=true] svg")
        assert page.locator("[data-testid=funding] tbody tr").count() == 2
        page.screenshot(path=str(SHOTS / "politics-party-kk.png"), full_page=True)
        assert not errors, errors
        browser.close()


def test_election_page_compares_parties_and_candidates_in_a_chart(hub_site):
    from playwright.sync_api import sync_playwright

    base, _hub = hub_site
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/ru/election/maslikhat-ulytau-2023/")
        page.wait_for_selector("#election-chart[data-rendered=true] svg", timeout=PAGE_BUDGET_SECONDS * 1000)
        rows = page.locator("[data-testid=election-party-table] tbody tr").count() + \
            page.locator("[data-testid=election-candidate-table] tbody tr").count()
        assert rows == int(page.locator("#election-chart").get_attribute("data-bars")) == 5
        assert "Синтетиков Арман Серикович" in page.locator("#election-chart").inner_text()
        page.screenshot(path=str(SHOTS / "politics-election-ru.png"), full_page=True)
        assert not errors, errors
        browser.close()

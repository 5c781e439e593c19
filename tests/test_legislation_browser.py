"""The "Lobbying or bribery?" quiz and a bill's timeline in a real browser (Debian chromium, Playwright).

The hand-made fixtures (tests/fixtures/legislation) are ingested by the real CLI into a scratch
database served by ``opentenge serve``. Screenshots: ``test-results/legislation-*.png``.
"""
from __future__ import annotations

import pytest

from browsing import require_chromium, served, shot
from conftest import FIXTURES, run_cli, scratch_database

pytestmark = pytest.mark.browser
LEG = FIXTURES / "legislation"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("legislation-browser-db")) as url:
        run_cli("init", database_url=url, check=True)
        run_cli("ingest", "draft_acts", str(LEG / "draft_acts_synthetic.csv"), database_url=url, check=True)
        run_cli("ingest", "bills", str(LEG / "bills_synthetic.json"), database_url=url, check=True)
        run_cli("ingest", "public_councils", str(LEG / "public_councils"), database_url=url, check=True)
        with served(url) as base:
            yield base


def test_quiz_answers_a_scenario_and_shows_the_explanation(site, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site}/ru/learn/lobbying-or-bribery/")
    first, second = page.get_by_test_id("scenario-1"), page.get_by_test_id("scenario-2")
    # with JavaScript the answer stays hidden until the reader chooses
    assert first.locator("details.explanation").is_hidden()
    first.locator("button[data-choice=lobbying]").click()
    assert first.locator(".verdict").inner_text() == "Верно."
    assert first.locator("details.explanation").is_visible()
    assert "Фермеры открыто" in first.locator("details.explanation").inner_text()
    second.locator("button[data-choice=lobbying]").click()  # scenario 2 is a bribe
    assert second.locator(".verdict").inner_text() == "Не совсем."
    assert "Взяточничество" in second.get_by_test_id("answer").inner_text()
    assert second.locator("button[data-choice=bribery]").is_disabled()
    assert not errors
    shot(page, "legislation-quiz-ru")
    page.close()


def test_quiz_without_javascript_lists_answers_in_details(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/kk/learn/lobbying-or-bribery/")
    assert page.locator(".scenario .choices").first.is_hidden()
    page.get_by_test_id("scenario-3").locator("summary").click()
    assert "ашық" in page.get_by_test_id("scenario-3").locator("details").inner_text()
    context.close()


def test_bill_page_shows_the_timeline(site, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{site}/kk/legislation/")
    assert page.get_by_test_id("acts").locator("tbody tr").count() == 5
    assert page.get_by_test_id("too-short").count() == 1
    shot(page, "legislation-list-kk")
    page.goto(f"{site}/en/legislation/")
    page.get_by_role("link", name="Проект Закона «Об общественном контроле»").click()
    steps = page.get_by_test_id("timeline").locator("li")
    assert steps.count() == 7
    assert [steps.nth(i).get_attribute("data-type") for i in range(7)] == [
        "discussion", "proposal", "opinion", "proposal", "stage", "stage", "stage"]
    shot(page, "legislation-bill-timeline")
    page.close()

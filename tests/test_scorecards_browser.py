"""A body's scorecard and the comparison page in a real browser (Debian chromium through Playwright).

The hand-made world of tests/scorecards_fixture.py is written into a scratch database (after
``opentenge init``) and served by ``opentenge serve``. The scorecard is opened in Kazakh, Russian
and English; ECharts must draw one line per measure in percent that has a value in some year.
Screenshots go to ``test-results/scorecard-*.png``.
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
from scorecards_fixture import M1, YEAR

pytestmark = pytest.mark.browser
FILL = ("import django, sys; sys.path.insert(0, {tests!r}); django.setup(); "
        "from scorecards_fixture import build; build()")


@pytest.fixture(scope="module")
def scorecard_site(tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("scorecards-browser-db")) as url:
        run_cli("init", database_url=url, check=True)
        env = {**os.environ, "OPENTENGE_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "opentenge.web.settings"}
        subprocess.run([sys.executable, "-c", FILL.format(tests=str(TESTS))], env=env, cwd=REPO, check=True,
                       timeout=120)
        with served(url) as base:
            yield base


def _json(base: str, path: str) -> dict:
    return json.loads(urllib.request.urlopen(f"{base}{path}").read())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_scorecard_draws_its_trend_in_each_language(scorecard_site, browser, lang):
    data = _json(scorecard_site, f"/{lang}/scorecards/{M1}.json?year={YEAR}")
    drawn = [s["title"] for s in data["trend"]["series"]
             if s["unit"] == "percent" and any(v is not None for v in s["values"])]
    context = browser.new_context(locale=f"{lang}-KZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: "Content Security Policy" in msg.text and errors.append(msg.text))
    page.goto(f"{scorecard_site}/{lang}/scorecards/{M1}/?year={YEAR}")
    assert page.locator("html").get_attribute("lang") == lang
    page.wait_for_selector("#scorecard-trend[data-rendered=true] svg", timeout=15000)
    option = page.evaluate("""() => echarts.getInstanceByDom(document.getElementById('scorecard-trend')).getOption()""")
    assert [s["name"] for s in option["series"]] == drawn and len(drawn) >= 5
    assert option["xAxis"][0]["data"] == [str(y) for y in data["trend"]["years"]]
    lines = page.locator("#scorecard-trend svg path").count()
    assert lines >= len(drawn), lines
    rows = page.get_by_test_id("measures-table").locator("tbody tr")
    assert rows.count() == len(data["measures"])
    assert page.locator("tr[data-measure=late_publications] [data-testid=insufficient]").count() == 1
    assert page.get_by_test_id("organisation-link").get_attribute("href") == f"/{lang}/org/{M1}/"
    page.locator("#scorecard-trend").hover(position={"x": 420, "y": 200})  # a tooltip must not break the CSP
    page.wait_for_timeout(200)
    shot(page, f"scorecard-{lang}")
    assert not errors, errors
    context.close()


def test_comparison_with_weights(scorecard_site, browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{scorecard_site}/ru/scorecards/?kind=ministry&measure=single_source_value&year={YEAR}")
    assert page.get_by_test_id("composite").count() == 0
    assert page.get_by_test_id("ranked-table").locator("tbody tr").count() == 2
    assert page.get_by_test_id("insufficient-table").locator("tbody tr").count() == 1
    page.locator("details.weights summary").click()
    page.get_by_test_id("weight-single_source_value").fill("2")
    page.get_by_test_id("weight-supplier_hhi").fill("1")
    page.get_by_test_id("scorecards-form").locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=composite-table]")
    assert page.get_by_test_id("shown-weight").count() == 2
    assert page.get_by_test_id("composite-table").locator("tbody tr").count() == 2
    shot(page, "scorecards-comparison-ru")
    assert not errors, errors
    context.close()

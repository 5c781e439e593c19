"""The budget explorer in a real browser: Debian's chromium driven by Playwright.

Starts ``opentenge serve`` on a scratch database filled by the real CLI from the real
budget.egov.kz fixtures, opens the explorer in each language and waits until ECharts has drawn
the treemap and the execution curve (canvas renderer) with the data the API returns.
Screenshots go to ``test-results/budget-*.png``.
"""
from __future__ import annotations

import json
import urllib.request

import pytest

from browsing import require_chromium, served, shot
from conftest import FIXTURES, run_cli, scratch_database

pytestmark = pytest.mark.browser
BUDGET = FIXTURES / "budget_egov"
REAL_FILES = ["rb_vedomstv_klassifikatsiya_2023_head.csv", "rb_ekon_klassifikatsiya.csv",
              "rb_prioritetnye_investitsii_2023-01_head.csv", "respublikanskiy_byudzhet_2023-01_head.csv"]
# True once both charts exist as ECharts instances with series data and have finished drawing.
CHARTS_DRAWN = """([treemapId, seriesId]) => {
  if (!window.echarts) { return false; }
  return [treemapId, seriesId].every((id) => {
    const el = document.getElementById(id);
    const chart = el && echarts.getInstanceByDom(el);
    return !!(chart && el.dataset.rendered === "true" && el.querySelector("canvas")
              && chart.getOption().series[0].data.length > 0);
  });
}"""



@pytest.fixture(scope="module")
def budget_site(tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("budget-browser-db")) as url:
        run_cli("init", database_url=url, check=True)
        run_cli("ingest", "budget_egov", *[str(BUDGET / name) for name in REAL_FILES], "--json",
                database_url=url, check=True)
        with served(url) as base:
            yield base




def _api(base: str, path: str) -> dict:
    return json.loads(urllib.request.urlopen(f"{base}/api/v1/budget{path}").read())


def _watch(page) -> list:
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url} {req.failure}"))
    return errors


def _chart_data(page, element_id: str) -> list:
    return page.evaluate("(id) => echarts.getInstanceByDom(document.getElementById(id)).getOption().series"
                         ".map((s) => s.data.length)", element_id)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_explorer_draws_treemap_and_curve_in_each_language(budget_site, browser, lang):
    expected = _api(budget_site, "/explorer")
    context = browser.new_context(locale=f"{lang}-KZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = _watch(page)
    page.goto(f"{budget_site}/{lang}/budget/")
    assert page.locator("html").get_attribute("lang") == lang
    page.wait_for_function(CHARTS_DRAWN, arg=["budget-treemap", "budget-series"], timeout=15000)
    # one block per administrator with a positive plan; one point per published month of 2023
    blocks = sum(1 for u in expected["units"] if float(u["plg"]) > 0)
    assert _chart_data(page, "budget-treemap") == [blocks]
    assert _chart_data(page, "budget-series") == [12, 12, 12]
    assert page.get_by_test_id("budget-units").locator("tbody tr").count() == len(expected["units"])
    shot(page, f"budget-explorer-{lang}")
    assert not errors, errors
    context.close()


def test_programme_treemap_administrator_page_and_phone(budget_site, browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = _watch(page)
    page.goto(f"{budget_site}/ru/budget/?view=investments&abp=217")
    page.wait_for_function(CHARTS_DRAWN, arg=["budget-treemap", "budget-series-abp"], timeout=15000)
    depth = page.evaluate("""() => {
      const data = echarts.getInstanceByDom(document.getElementById('budget-treemap')).getOption().series[0].data;
      const deepest = (nodes) => Math.max(0, ...nodes.map((n) => 1 + deepest(n.children || [])));
      return deepest(data);
    }""")
    assert depth == 3, "administrator → programme → sub-programme"
    shot(page, "budget-explorer-investments-ru")
    # a click on the largest block (top left) opens that administrator
    largest = max(_api(budget_site, "/explorer?view=investments")["treemap"]["nodes"], key=lambda n: float(n["value"]))
    page.evaluate("""() => echarts.getInstanceByDom(document.getElementById('budget-treemap'))
                     .on('click', (p) => { window.clickedCode = p.data.code; })""")
    page.locator("#budget-treemap canvas").first.click(position={"x": 60, "y": 60})
    assert page.evaluate("window.clickedCode") == largest["code"]

    page.goto(f"{budget_site}/ru/budget/abp/217/")
    page.wait_for_selector("#abp-series[data-rendered=true] canvas")
    assert _chart_data(page, "abp-series") == [12, 12, 12]
    assert page.get_by_test_id("abp-code").inner_text() == "217"
    shot(page, "budget-administrator-ru")
    assert not errors, errors
    context.close()

    phone = browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(f"{budget_site}/kk/budget/")
    page.wait_for_function(CHARTS_DRAWN, arg=["budget-treemap", "budget-series"], timeout=15000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the explorer scrolls sideways on a phone: {width}px"
    shot(page, "budget-explorer-phone-kk")
    phone.close()

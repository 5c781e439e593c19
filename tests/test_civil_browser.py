"""An NGO profile in a real browser (Debian chromium through Playwright), in Kazakh, Russian and English.

The demo corpus (goszakup from ``opentenge demo-data``, civil society from
``opentenge.demo.civil``) is ingested by the real CLI into a scratch database and served by
``opentenge serve``. Screenshots go to ``test-results/civil-*.png``.
"""
from __future__ import annotations


import pytest

from browsing import require_chromium, served, shot
from conftest import run_cli, scratch_database

pytestmark = pytest.mark.browser
# The stacked chart's colours (civil/templatetags/civil.py KIND_COLOURS) and the cards' labels.
COLOURS = {"social_order": "#0f6e7a", "state_grants": "#c27c0e", "foreign": "#6b4fa1"}
LABELS = {"kk": ("Мемлекеттік әлеуметтік тапсырыс", "Мемлекеттік гранттар мен сыйлықақылар", "Шетелдік көздер"),
          "ru": ("Государственный социальный заказ", "Государственные гранты и премии", "Иностранные источники"),
          "en": ("State social order", "State grants and awards", "Foreign sources")}


@pytest.fixture(scope="module")
def civil_site(demo_corpus, tmp_path_factory):
    from opentenge.demo.civil import generate_civil

    require_chromium()
    corpus = tmp_path_factory.mktemp("civil-browser-corpus")
    (corpus / "goszakup").symlink_to(demo_corpus / "goszakup", target_is_directory=True)
    manifest = generate_civil(corpus, seed=7, scale="small")
    with scratch_database(tmp_path_factory.mktemp("civil-browser-db")) as url:
        run_cli("init", database_url=url, check=True)
        for source in ("goszakup", "ngo_register", "state_grants", "foreign_funding"):
            run_cli("ingest", source, str(corpus / source), "--json", database_url=url, check=True)
        with served(url) as base:
            yield base, manifest["expected"]["social_order_showcase"][0]



def _figure(page, kind: str) -> str:
    return page.get_by_test_id(f"income-{kind}").locator(".figure").inner_text().replace("\u202f", " ")


def test_ngo_profile_shows_the_stacked_chart_and_three_kinds_of_income(civil_site, browser):
    base, bin_ = civil_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # from the organisation page's panel to the profile
    page.goto(f"{base}/en/org/{bin_}/")
    page.wait_for_selector("[data-testid=ngo-income-panel] .income-chart[data-rendered=true] svg")
    page.get_by_test_id("ngo-profile-link").click()
    page.wait_for_url(f"**/en/civil/ngo/{bin_}/")

    for lang in ("kk", "ru", "en"):
        page.goto(f"{base}/{lang}/civil/ngo/{bin_}/")
        assert page.locator("html").get_attribute("lang") == lang
        page.wait_for_selector("#chart-ngo-income[data-rendered=true] svg")
        chart = page.locator("#chart-ngo-income svg")
        # one stacked bar series per kind, each with money in it and at least one bar drawn
        # (a legend icon has the colour too: a drawn bar is a second visible shape of it)
        sums = page.evaluate("""() => echarts.getInstanceByDom(document.getElementById('chart-ngo-income'))
            .getOption().series.map(s => [s.stack, s.data.reduce((a, b) => a + b, 0)])""")
        assert len(sums) == 4 and all(stack == "income" for stack, _ in sums), sums
        for kind, colour in COLOURS.items():
            drawn = page.evaluate("""(colour) => [...document.querySelectorAll(
                `#chart-ngo-income svg path[fill='${colour}']`)].filter(p => p.getBBox().height > 0.5).length""", colour)
            assert drawn >= 2, (lang, kind, drawn)
        assert all(total > 0 for _, total in sums[:3]), sums
        legend = chart.text_content()  # the legend is SVG text
        for kind, label in zip(COLOURS, LABELS[lang]):
            card = page.get_by_test_id(f"income-{kind}")
            assert label in card.inner_text(), (lang, label)
            assert not _figure(page, kind).startswith("0 "), (lang, kind, _figure(page, kind))
            assert label in legend, (lang, label)
        assert page.get_by_test_id("grants-table").locator("tbody tr").count() >= 1
        assert page.get_by_test_id("foreign-table").locator("tbody tr").count() >= 1
        assert page.get_by_test_id("social-order-table").locator("tbody tr a").count() >= 1
        shot(page, f"civil-ngo-{lang}")
    assert not errors, errors
    context.close()

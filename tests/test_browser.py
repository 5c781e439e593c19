"""The demo site in a real browser: Debian's chromium driven by Playwright.

Starts ``opentenge serve`` on a scratch database filled by the real CLI from the generated demo
corpus, then clicks through it as a reader would. Screenshots go to ``test-results/``.
"""
from __future__ import annotations

import json
import urllib.request

import pytest

from browsing import require_chromium, served, shot
from conftest import run_cli, scratch_database

pytestmark = pytest.mark.browser
# Russian → Latin as a reader might type it (passport style); independent of our search folding.
RU_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n",
                     "o", "u", "u", "h", "i"]))


def latin(text: str) -> str:
    return "".join(RU_LATIN.get(ch, RU_LATIN.get(ch.lower(), ch)) for ch in text)



@pytest.fixture(scope="module")
def demo_site(demo_corpus, tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("browser-db")) as url:
        run_cli("init", database_url=url, check=True)
        run_cli("ingest", "goszakup", str(demo_corpus / "goszakup"), "--json", database_url=url, check=True)
        with served(url) as base:
            yield base




def test_reader_walks_through_the_site(demo_site, browser):
    context = browser.new_context(locale="kk-KZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # live search cancels its own superseded requests (net::ERR_ABORTED): only real failures count
    page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED"
            and errors.append(f"request failed: {req.url} {req.failure}"))

    page.goto(f"{demo_site}/")
    assert page.url.endswith("/kk/")
    assert page.locator("html").get_attribute("lang") == "kk"
    page.wait_for_selector("#chart-by-year[data-rendered=true] svg")
    assert page.locator("#chart-by-year svg rect, #chart-by-year svg path").count() > 3
    shot(page, "home-kk")

    # the headline figure equals the API's, which the reconciliation tests tie to the files
    api_total = json.loads(urllib.request.urlopen(f"{demo_site}/api/v1/overview").read())["contracts"]
    assert page.get_by_test_id("total-contracts").inner_text().replace("\u202f", "").replace(" ", "") == str(api_total)

    page.click("a[data-lang=ru]")
    page.wait_for_url("**/ru/")
    assert page.locator("html").get_attribute("lang") == "ru"
    shot(page, "home-ru")
    page.click("a[data-lang=en]")
    page.wait_for_url("**/en/")
    assert "Top buyers" in page.content()
    shot(page, "home-en")

    # search in Cyrillic, by the first word of the top supplier's Russian name
    top_supplier = json.loads(urllib.request.urlopen(f"{demo_site}/api/v1/overview").read())["top_suppliers"][0]
    word = max(top_supplier["name_ru"].replace('"', " ").replace("«", " ").replace("»", " ").split(), key=len)
    page.fill(".search-bar input[name=q]", word)
    page.press(".search-bar input[name=q]", "Enter")
    page.wait_for_selector("[data-testid=search-results] li a")
    assert top_supplier["id"] in page.content()
    shot(page, "search-cyrillic")

    # the same word typed in Latin letters finds the same organisation (live search through htmx)
    live = page.locator(".search-live input[name=q]")
    live.fill(latin(word.lower()))
    page.wait_for_function("document.querySelector('#search-results').innerText.length > 0")
    page.wait_for_selector(f"#search-results a[href*='{top_supplier['id']}']")
    shot(page, "search-latin")

    page.click(f"#search-results a[href*='{top_supplier['id']}']")
    page.wait_for_selector("[data-testid=org-name]")
    assert page.get_by_test_id("org-name").inner_text().strip()
    page.wait_for_selector("#chart-supplier[data-rendered=true] svg")
    shot(page, "organisation")

    # sort the contracts table by value (htmx swap), then open the first contract
    table = page.locator("[data-testid=contracts-supplier]")
    table.locator("th a", has_text="Value").click()
    page.wait_for_selector("[data-testid=contracts-supplier] th a:has-text('↓')")
    page.locator("[data-testid=contracts-supplier] tbody a[href*='/contract/']").first.click()
    page.wait_for_selector("[data-testid=provenance]")
    assert "SHA-256" in page.content()
    shot(page, "contract")

    page.goto(f"{demo_site}/ru/quarantine/")
    assert page.locator("[data-testid=quarantine] tbody tr").count() >= 8
    shot(page, "quarantine-ru")
    assert not errors, errors
    context.close()


def test_phone_layout(demo_site, browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{demo_site}/ru/")
    page.wait_for_selector("#chart-by-year[data-rendered=true] svg")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone: {width}px"
    shot(page, "home-phone-ru")
    context.close()

"""A local budget page in a real browser: the hearing trail beside the budget, and the change after it.

Starts ``opentenge serve`` on a scratch database filled by the real CLI from the synthetic
fixtures (a district's six months, a rural district, the hearings file), opens the district's page
in Russian and checks what a reader sees: the proposals with their answers, the highlighted
differences and the chart's bars. Screenshot: ``test-results/budget-local-ru.png``.
"""
from __future__ import annotations

import pytest

from browsing import require_chromium, served, shot
from conftest import FIXTURES, run_cli, scratch_database

pytestmark = pytest.mark.browser
LOCAL = FIXTURES / "budget_local"


@pytest.fixture(scope="module")
def local_site(tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("local-browser-db")) as url:
        run_cli("init", database_url=url, check=True)
        run_cli("ingest", "budget_egov", str(LOCAL / "district_departmental_synthetic.csv"),
                str(LOCAL / "rural_grid_synthetic.json"), "--json", database_url=url, check=True)
        run_cli("ingest", "budget_hearings", str(LOCAL / "hearings_synthetic.json"), "--json", database_url=url,
                check=True)
        with served(url) as base:
            yield base


def test_local_budget_page_shows_hearing_and_change(local_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{local_site}/ru/budget/local/district/113200000/2025/")
    assert page.locator("[data-testid=local-name]").inner_text().startswith("Синтетический район")
    proposals = page.locator("[data-testid=proposals] tbody tr")
    assert proposals.count() == 3
    assert page.locator("[data-answer=partly]").count() == 1
    changed = page.locator("[data-testid=change] tr[data-changed]")
    assert [changed.nth(i).get_attribute("data-code") for i in range(changed.count())] == ["451", "464", "485"]
    bars = page.locator("[data-testid=change-chart] rect[data-testid=bar]")
    assert bars.count() == 3
    widths = [float(bars.nth(i).bounding_box()["width"]) for i in range(3)]
    assert widths[1] == max(widths) and widths[0] < widths[2]  # 5 000 < 40 000 < 50 500.5 thousand tenge
    assert "[phone]" in page.content() and "234-56-78" not in page.content()
    shot(page, "budget-local-ru")
    page.goto(f"{local_site}/ru/budget/local/")
    assert page.locator("[data-testid=local-tree] li[data-kato='113220000']").count() == 1
    assert not errors
    page.close()

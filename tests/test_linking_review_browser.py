"""The review queue in a real browser: an editor accepts one pair, rejects another, pages follow.

A scratch database is filled by the real CLI (``init``, ``ingest`` of the goszakup fixture plus
the extra subject page of ``test_linking``, ``link``), a superuser is created, ``opentenge serve``
runs it, and Debian's chromium (Playwright) logs into ``/admin/``. Screenshots:
``test-results/linking-review-pair.png`` (the two records side by side) and
``test-results/linking-review.png`` (an organisation page after the decisions).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from browsing import SHOTS, require_chromium, served
from conftest import GOSZAKUP, REPO, run_cli, scratch_database
from test_linking import BINS, EXTRA, write_extra_subjects

pytestmark = pytest.mark.browser
PASSWORD = "review-queue-test-password"

CREATE_EDITOR = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
django.setup()
from django.contrib.auth.models import User
User.objects.create_superuser("editor", "editor@example.kz", os.environ["EDITOR_PASSWORD"])
"""


@pytest.fixture(scope="module")
def review_site(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("linking-browser")
    with scratch_database(folder) as url:
        run_cli("init", database_url=url, check=True)
        run_cli("ingest", "goszakup", str(GOSZAKUP), str(write_extra_subjects(folder / "extra")), "--json",
                database_url=url, check=True)
        summary = json.loads(run_cli("link", "--json", database_url=url, check=True).stdout)
        assert summary["review"] >= 2
        env = {**os.environ, "OPENTENGE_DATABASE_URL": url, "EDITOR_PASSWORD": PASSWORD}
        subprocess.run([sys.executable, "-c", CREATE_EDITOR], env=env, cwd=REPO, check=True, timeout=60)
        with served(url, env=env) as base:
            yield base


def _decide(page, base: str, name: str, button: str, reason: str) -> None:
    """Open the queue, review the pair whose row shows ``name``, and press ``button``."""
    page.goto(f"{base}/admin/linking/reviewpair/")
    row = page.locator("#result_list tbody tr", has_text=name)
    assert row.count() == 1, page.content()
    row.get_by_role("link", name="Review").click()
    page.wait_for_selector(".linking-pair")
    assert page.locator(".linking-card").count() == 2
    assert name in page.locator(".linking-pair").inner_text()
    if button == "accept":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "linking-review-pair.png"), full_page=True)
    page.fill("#id_reason", reason)
    page.get_by_test_id(button).click()
    page.wait_for_url("**/admin/linking/reviewpair/")
    assert "Decision saved" in page.locator(".messagelist").inner_text()
    assert page.locator("#result_list tbody tr", has_text=name).count() == 0


def test_editor_accepts_and_rejects_in_the_review_queue(review_site, browser):
    base = review_site
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    nur_invest, orda = BINS[2], BINS[3]
    group_name, jsc_name = EXTRA["nur_invest_group"][2], EXTRA["orda_montazh_jsc"][2]

    # before: both pairs await review on the organisation pages
    page.goto(f"{base}/en/org/{nur_invest}/")
    assert group_name in page.get_by_test_id("links-pending").inner_text()
    page.goto(f"{base}/en/org/{orda}/")
    assert jsc_name in page.get_by_test_id("links-pending").inner_text()

    page.goto(f"{base}/admin/login/?next=/admin/linking/reviewpair/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/linking/reviewpair/")
    assert page.locator("#result_list tbody tr").count() >= 2

    _decide(page, base, group_name, "accept", "Same director and address in the contract")
    _decide(page, base, jsc_name, "reject", "The JSC is another company")

    # the audit log names the editor, the decision and the reason
    page.goto(f"{base}/admin/linking/reviewaction/")
    log = page.locator("#result_list").inner_text()
    assert "editor" in log and "Same director and address in the contract" in log and "another company" in log

    # after: the accepted record is linked, confirmed by an editor; the rejected one is shown apart
    page.goto(f"{base}/en/org/{nur_invest}/")
    linked = page.get_by_test_id("links-linked")
    assert group_name in linked.inner_text() and "confirmed by an editor" in linked.inner_text()
    assert page.get_by_test_id("links-pending").count() == 0
    page.get_by_test_id("links-panel").scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "linking-review.png"), full_page=True)
    page.goto(f"{base}/en/org/{orda}/")
    assert jsc_name in page.get_by_test_id("links-rejected").inner_text()
    assert page.get_by_test_id("links-linked").count() == 0
    # the other side's page agrees (records without BIN have pages too)
    page.goto(f"{base}/en/org/GZPID-{EXTRA['nur_invest_group'][1]}/")
    assert "Nur Invest" in page.get_by_test_id("links-linked").inner_text()
    data = json.loads(urllib.request.urlopen(f"{base}/en/org/{nur_invest}.json").read())
    assert [o["source"] for o in data["links"]["linked"]] == ["editor"]
    assert not errors, errors
    context.close()

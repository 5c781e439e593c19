"""Watchlists: Watch/Stop watching views and their permissions, the watchlist page, the events of
an organisation / person / search, and the e-mail digest read back from a real loopback SMTP server."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from opentenge.legislation import alerts
from opentenge.legislation import models as lm
from opentenge.politics import models as pm
from opentenge.store import models as m
from opentenge.watch import digest, events, watching
from opentenge.watch.models import Watch
from people import person, signed_in
from smtp_box import Mailbox, django_smtp, smtp_server
from test_legislation_alerts import refusing_server

SITE = "https://opentenge.example"
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Read the date when each test runs, not when the module is collected.

    A suite started before midnight in Almaty (19:00 UTC) would otherwise date events "yesterday" while
    the follows and watches made during the test are dated today."""
    monkeypatch.setitem(globals(), "TODAY", timezone.localdate())


@pytest.fixture(autouse=True)
def site_url(monkeypatch):
    monkeypatch.setenv("OPENTENGE_SITE_URL", SITE + "/")


def org(bin_: str, name_ru: str, name_kk: str = "") -> m.Organisation:
    from opentenge.ids.search import search_key

    return m.Organisation.objects.create(key=f"BIN:{bin_}", bin=bin_, name_ru=name_ru, name_kk=name_kk,
                                         search_text=search_key(f"{name_ru} {name_kk}"))


def contract(gz_id: int, buyer, supplier, value: str, sign: date, description: str = "") -> m.Contract:
    return m.Contract.objects.create(gz_id=gz_id, customer=buyer, supplier=supplier, method_id=6,
                                     contract_sum_wnds=Decimal(value), sign_date=sign, description_ru=description)


@pytest.fixture
def market(db):
    """An akimat buying from a builder: one old contract already on the site."""
    akimat = org("000140000101", "Акимат города Тестовска", "Тестовск қаласының әкімдігі")
    builder = org("000140000202", "ТОО Строй Тест")
    contract(5001, akimat, builder, "1000000", TODAY - timedelta(days=200), "ремонт крыши (старый)")
    return akimat, builder


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


# ---------------------------------------------------------------- events

def test_organisation_events_newest_first_with_stable_identities(market):
    akimat, builder = market
    contract(5002, akimat, builder, "2500000", TODAY - timedelta(days=3), "новая школа")
    found = events.events("organisation", "000140000101", "ru")
    assert [e.identity for e in found] == ["contract:5002", "contract:5001"]
    assert found[0].path == "/ru/contract/5002/" or found[0].path.endswith("/contract/5002/")
    assert "Акимат города Тестовска" in found[0].title and "2 500 000" in found[0].summary
    # the supplier sees the same contract with the same identity
    assert [e.identity for e in events.events("organisation", "000140000202", "ru")] == ["contract:5002", "contract:5001"]


def test_search_events_cover_matching_organisations_and_their_contracts(market):
    found = events.events("search", events.normalise_query("  Строй   ТЕСТ "), "ru")
    assert {e.identity for e in found} == {"organisation:000140000202", "contract:5001"}
    assert events.events("search", "nothing-matches-this", "ru") == []


def test_person_events_positions_and_declarations(db):
    p = pm.Person.objects.create(key="mazhilis:7", name_ru="Иванов Иван", name_kk="Иванов Иван")
    pm.Position.objects.create(key="mazhilis:7:2023", person=p, chamber="mazhilis", role_ru="Депутат Мажилиса",
                               start_date=date(2023, 3, 29))
    pm.Declaration.objects.create(key="mazhilis:7:2024", person=p, year=2024, position="Депутат", income=Decimal("12000000"))
    fund = dict(election="mazhilis-2023", line="1", amount=Decimal("5000000"), source_url="https://example.org/f",
                source_page="3", entered_by="editor")
    published = pm.ElectionFundFigure.objects.create(candidate_name="Иванов Иван", status="published",
                                                     confirmed_at=timezone.now(), confirmed_by="second", **fund)
    pm.ElectionFundFigure.objects.create(candidate_name="Иванов Иван", status="awaiting", **fund)  # not yet public
    found = events.events("person", "mazhilis:7", "ru")
    assert [e.identity for e in found] == [f"election-fund:{published.pk}", "declaration:mazhilis:7:2024",
                                           "position:mazhilis:7:2023"]
    assert "Депутат Мажилиса" in found[2].title and "5 000 000" in found[0].summary


def test_organisation_events_include_red_flags_but_not_clear_results(market):
    from opentenge.indicators.models import FlagResult

    akimat, _ = market
    common = dict(subject_kind="organisation", subject_key="000140000101", computed_at=timezone.now(), method_version="1")
    FlagResult.objects.create(code="R001", outcome="flagged", buyer=akimat, **common)
    FlagResult.objects.create(code="R002", outcome="clear", buyer=akimat, **common)
    identities = [e.identity for e in events.events("organisation", "000140000101", "ru")]
    assert "flag:R001:organisation:000140000101" in identities
    assert not any(i.startswith("flag:R002") for i in identities)


# ---------------------------------------------------------------- views and permissions

def test_anonymous_gets_feed_link_and_sign_in_and_cannot_watch(client, market):
    page = client.get("/ru/org/000140000101/").content.decode()
    assert 'href="/ru/org/000140000101/feed.atom"' in page
    assert 'data-testid="watch-sign-in"' in page and 'data-testid="watch-button"' not in page
    response = client.post("/ru/watch/", {"kind": "organisation", "key": "000140000101"})
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/account/login/?next=")
    assert client.get("/ru/account/watchlist/")["Location"].startswith("/ru/account/login/")
    assert client.post(f"/ru/watch/1/remove/").status_code == 302
    assert not Watch.objects.exists()


def test_watch_unwatch_with_csrf_and_watchlist(market):
    user = person("public", device=False)
    browser = signed_in(Client(enforce_csrf_checks=True), user, verified=False)
    page = browser.get("/ru/org/000140000101/").content.decode()
    assert 'data-testid="watch-button"' in page
    assert browser.get("/ru/watch/").status_code == 405
    assert browser.post("/ru/watch/", {"kind": "organisation", "key": "000140000101"}).status_code == 403  # no token
    assert not Watch.objects.exists()

    token = _csrf(page)
    response = browser.post("/ru/watch/", {"kind": "organisation", "key": "000140000101", "csrfmiddlewaretoken": token,
                                           "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/ru/org/000140000101/"  # off-site next ignored
    w = Watch.objects.get(user=user)
    assert (w.kind, w.key, w.lang, w.label) == ("organisation", "000140000101", "ru", "Акимат города Тестовска")
    assert w.sent_items == ["contract:5001"]  # what the page showed is known: never mailed
    browser.post("/ru/watch/", {"kind": "organisation", "key": "000140000101", "csrfmiddlewaretoken": token})
    assert Watch.objects.filter(user=user).count() == 1  # twice is still once
    assert browser.post("/ru/watch/", {"kind": "organisation", "key": "no-such-org",
                                       "csrfmiddlewaretoken": token}).status_code == 404
    assert browser.post("/ru/watch/", {"kind": "bill", "key": "1", "csrfmiddlewaretoken": token}).status_code == 404

    page = browser.get("/ru/org/000140000101/").content.decode()
    assert 'data-testid="unwatch"' in page and 'data-testid="watch-button"' not in page

    act = lm.LegislativeAct.objects.create(key="bill:1", kind="bill", title_ru="О тестах", status="submitted")
    alerts.follow(user, act, "ru")
    watchlist = browser.get("/ru/account/watchlist/").content.decode()
    assert "Акимат города Тестовска" in watchlist and 'href="/ru/org/000140000101/feed.atom"' in watchlist
    assert "О тестах" in watchlist and f"/ru/legislation/{act.pk}/unfollow/" in watchlist  # bill follows listed too
    assert 'href="/ru/account/watchlist/"' in browser.get("/ru/account/").content.decode()

    assert browser.post(f"/ru/watch/{w.pk}/remove/").status_code == 403  # no token
    response = browser.post(f"/ru/watch/{w.pk}/remove/", {"csrfmiddlewaretoken": _csrf(watchlist)})
    assert response.status_code == 302 and response["Location"] == "/ru/account/watchlist/"
    assert not Watch.objects.filter(user=user).exists()


def test_a_user_cannot_remove_another_users_watch(market):
    owner, other = person("public", device=False), person("public", device=False)
    w = watching.watch(owner, "organisation", "000140000101", "ru")
    browser = signed_in(Client(), other, verified=False)
    assert browser.post(f"/ru/watch/{w.pk}/remove/").status_code == 404
    assert Watch.objects.filter(pk=w.pk, user=owner).exists()
    assert "Акимат" not in browser.get("/ru/account/watchlist/").content.decode()


def test_search_watch_key_is_normalised(market):
    user = person("public", device=False)
    a = watching.watch(user, "search", "  Строй  Тест ", "kk")
    b = watching.watch(user, "search", "строй тест", "kk")
    assert a.pk == b.pk and a.key == "строй тест" and a.lang == "kk"


# ---------------------------------------------------------------- digest over SMTP

def test_digest_mails_exactly_the_new_contract_once(market, settings):
    akimat, builder = market
    reader = person("public", email="watcher@example.org", device=False)
    watching.watch(reader, "organisation", "000140000101", "ru")
    with smtp_server() as box, django_smtp(box, settings):
        assert digest.send_digests()["digests_sent"] == 0  # watching does not mail old history
        assert box.messages == []

        contract(5002, akimat, builder, "2500000", TODAY, "строительство школы")
        summary = digest.send_digests()
        assert summary == {"watches": 1, "watch_users": 1, "digests_sent": 1, "digest_items_sent": 1,
                           "digest_failed": []}
        message = box.wait_for("watcher@example.org")
        assert str(message["Subject"]).strip().startswith("[OpenTenge] ")
        body = Mailbox.body(message)
        assert "строительство школы" in body and f"{SITE}/ru/contract/5002/" in body
        assert f"{SITE}/ru/org/000140000101/" in body and f"{SITE}/ru/account/watchlist/" in body
        assert "ремонт крыши" not in body  # the contract from before the watch is not news

        assert digest.send_digests()["digests_sent"] == 0  # second run: nothing
        assert len(box.messages) == 1
    assert Watch.objects.get(user=reader).last_sent_at is not None


def test_a_contract_imported_late_with_an_old_date_is_still_sent(market, settings):
    akimat, builder = market
    reader = person("public", email="late@example.org", device=False)
    watching.watch(reader, "organisation", "000140000202", "en")
    with smtp_server() as box, django_smtp(box, settings):
        contract(5003, akimat, builder, "10", TODAY - timedelta(days=90), "signed long ago, imported today")
        assert digest.send_digests()["digest_items_sent"] == 1
        assert "imported today" in Mailbox.body(box.wait_for("late@example.org"))


def test_failed_digest_is_retried_and_does_not_stop_others(market, settings):
    akimat, builder = market
    lost = person("public", email="full@example.org", device=False)
    fine = person("public", email="fine@example.org", device=False)
    watching.watch(lost, "organisation", "000140000101", "en")
    watching.watch(fine, "search", "строй тест", "en")
    contract(5004, akimat, builder, "77", TODAY, "fresh contract")
    with refusing_server() as box, django_smtp(box, settings):
        box.refuse.add("full@example.org")
        summary = digest.send_digests()
        assert summary["digests_sent"] == 1 and [f["user_id"] for f in summary["digest_failed"]] == [lost.pk]
        assert "fresh contract" in Mailbox.body(box.wait_for("fine@example.org"))
        assert Watch.objects.get(user=lost).last_sent_at is None
        assert "contract:5004" not in Watch.objects.get(user=lost).sent_items

        box.refuse.clear()
        summary = digest.send_digests()
        assert summary["digests_sent"] == 1 and summary["digest_failed"] == []
        assert "fresh contract" in Mailbox.body(box.wait_for("full@example.org"))
        assert len(box.to("fine@example.org")) == 1  # not sent twice


def test_watch_made_without_the_button_skips_history_before_it(market, settings):
    akimat, builder = market
    reader = person("public", email="admin-made@example.org", device=False)
    Watch.objects.create(user=reader, kind="organisation", key="000140000101", lang="ru")  # no baseline
    contract(5005, akimat, builder, "5", TODAY, "today's contract")
    with smtp_server() as box, django_smtp(box, settings):
        assert digest.send_digests()["digest_items_sent"] == 1
        body = Mailbox.body(box.wait_for("admin-made@example.org"))
        assert "today's contract" in body and "ремонт крыши" not in body
        assert digest.send_digests()["digests_sent"] == 0


# ---------------------------------------------------------------- the command

def test_cli_alerts_send_includes_the_digest(market, settings, capsys):
    """``opentenge alerts send --json`` (run in-process on the test database): old keys kept, digest keys added."""
    from opentenge.cli import main

    akimat, builder = market
    reader = person("public", email="cli@example.org", device=False)
    watching.watch(reader, "organisation", "000140000101", "ru")
    contract(9001, akimat, builder, "1", TODAY, "CLI contract")
    with smtp_server() as box, django_smtp(box, settings):
        assert main(["alerts", "send", "--json"]) == 0
        summary = json.loads(capsys.readouterr().out)
        assert {k: summary[k] for k in ("follows", "users", "emails_sent", "steps_sent", "failed")} == {
            "follows": 0, "users": 0, "emails_sent": 0, "steps_sent": 0, "failed": []}  # the old keys stay
        assert summary["digests_sent"] == 1 and summary["digest_items_sent"] == 1 and summary["digest_failed"] == []
        body = Mailbox.body(box.wait_for("cli@example.org"))
        assert "CLI contract" in body and f"{SITE}/ru/contract/9001/" in body
        assert main(["alerts", "send", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["digests_sent"] == 0 and len(box.messages) == 1
    with refusing_server() as box, django_smtp(box, settings):
        box.refuse.add("cli@example.org")
        contract(9002, akimat, builder, "2", TODAY, "refused")
        assert main(["alerts", "send"]) == 1  # a failed delivery: exit code 1, retried next run


def test_search_tools_snippet_for_the_search_page(market):
    """``watch/_search_tools.html`` (for the search page): the feed for anyone, Watch for signed-in users."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request = RequestFactory().get("/en/search/?q=Stroi")
    request.user = AnonymousUser()
    with translation.override("en"):
        html = render_to_string("watch/_search_tools.html", {"query": "Stroi"}, request=request)
        assert 'href="/en/search/feed.atom?q=Stroi"' in html and 'data-testid="watch-sign-in"' in html
        request.user = person("public", device=False)
        html = render_to_string("watch/_search_tools.html", {"query": "Stroi"}, request=request)
        assert 'name="kind" value="search"' in html and 'name="key" value="Stroi"' in html
        watching.watch(request.user, "search", "stroi", "en")
        html = render_to_string("watch/_search_tools.html", {"query": "Stroi"}, request=request)
        assert 'data-testid="unwatch"' in html
        assert render_to_string("watch/_search_tools.html", {"query": ""}, request=request).strip() == ""

"""Follow a bill: Follow/Unfollow views, and e-mail alerts read back from a real SMTP server."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from conftest import REPO, run_cli, scratch_database
from opentenge.legislation import alerts
from opentenge.legislation import models as lm
from people import person, signed_in
from smtp_box import Mailbox, _free_port, django_smtp, smtp_server

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Read the date when each test runs, not when the module is collected.

    A suite started before midnight in Almaty (19:00 UTC) would otherwise date events "yesterday" while
    the follows and watches made during the test are dated today."""
    monkeypatch.setitem(globals(), "TODAY", timezone.localdate())
SITE = "https://opentenge.example"


@pytest.fixture(autouse=True)
def site_url(monkeypatch):
    monkeypatch.setenv("OPENTENGE_SITE_URL", SITE + "/")


@pytest.fixture
def bill(db):
    act = lm.LegislativeAct.objects.create(
        key="bill:901", kind="bill", title_ru="О защите прав потребителей", title_kk="Тұтынушылардың құқықтарын қорғау туралы",
        status="submitted", discussion_start=TODAY - timedelta(days=60), discussion_end=TODAY - timedelta(days=45),
        source_url="https://example.org/bill/901")
    lm.StatusEvent.objects.create(act=act, stage="submitted", date=TODAY - timedelta(days=30),
                                  note="Внесён в Мажилис Правительством", source_url="https://example.org/e/1")
    return act


def _event(act, stage, days_ago, note):
    return lm.StatusEvent.objects.create(act=act, stage=stage, date=TODAY - timedelta(days=days_ago), note=note,
                                         source_url="https://example.org/e/" + stage)


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


# ---------------------------------------------------------------- views

def test_anonymous_sees_sign_in_link_and_is_sent_to_login(client, bill):
    page = client.get(f"/ru/legislation/{bill.pk}/").content.decode()
    assert f'href="/ru/account/login/?next=/ru/legislation/{bill.pk}/"' in page
    assert f"/ru/legislation/{bill.pk}/feed.atom" in page  # the anyone-option stays
    assert 'data-testid="follow-button"' not in page
    response = client.post(f"/ru/legislation/{bill.pk}/follow/")
    assert response.status_code == 302
    assert response["Location"] == f"/ru/account/login/?next=/ru/legislation/{bill.pk}/"
    assert client.post(f"/ru/legislation/{bill.pk}/unfollow/").status_code == 302
    assert not lm.BillFollow.objects.exists()


def test_follow_and_unfollow_with_csrf(bill):
    user = person("public", device=False)
    browser = signed_in(Client(enforce_csrf_checks=True), user, verified=False)
    assert browser.get(f"/ru/legislation/{bill.pk}/follow/").status_code == 405
    assert browser.post(f"/ru/legislation/{bill.pk}/follow/").status_code == 403  # no token
    assert not lm.BillFollow.objects.exists()

    page = browser.get(f"/ru/legislation/{bill.pk}/").content.decode()
    assert 'data-testid="follow-button"' in page
    response = browser.post(f"/ru/legislation/{bill.pk}/follow/", {"csrfmiddlewaretoken": _csrf(page)})
    assert response.status_code == 302 and response["Location"] == f"/ru/legislation/{bill.pk}/"
    follow = lm.BillFollow.objects.get(user=user, act=bill)
    assert follow.lang == "ru" and follow.last_sent_at is None
    assert len(follow.sent_steps) == 2  # the discussion and the submission: already seen, never mailed

    page = browser.get(f"/ru/legislation/{bill.pk}/").content.decode()
    assert 'data-testid="unfollow"' in page and 'data-testid="follow-button"' not in page
    assert browser.post(f"/ru/legislation/{bill.pk}/follow/", {"csrfmiddlewaretoken": _csrf(page)}).status_code == 302
    assert lm.BillFollow.objects.filter(user=user).count() == 1  # twice is still once

    assert browser.post(f"/ru/legislation/{bill.pk}/unfollow/").status_code == 403  # no token
    assert lm.BillFollow.objects.filter(user=user).exists()
    response = browser.post(f"/ru/legislation/{bill.pk}/unfollow/",
                            {"csrfmiddlewaretoken": _csrf(page), "next": "https://evil.example/"})
    assert response["Location"] == f"/ru/legislation/{bill.pk}/"  # off-site next ignored
    assert not lm.BillFollow.objects.filter(user=user).exists()
    assert browser.post("/ru/legislation/999999/follow/", {"csrfmiddlewaretoken": _csrf(page)}).status_code == 404


def test_my_follows_lists_and_unfollows(client, bill):
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    user = person("public", device=False)
    alerts.follow(user, bill, "kk")
    request = RequestFactory().get("/kk/account/")
    request.user = user
    with translation.override("kk"):
        html = Template('{% include "legislation/_my_follows.html" %}').render(RequestContext(request, {}))
    assert "Тұтынушылардың құқықтарын қорғау туралы" in html
    assert f'action="/kk/legislation/{bill.pk}/unfollow/"' in html
    assert 'name="next" value="/kk/account/"' in html
    assert user.email not in html
    page = signed_in(client, user, verified=False).get("/kk/account/").content.decode()
    assert 'data-testid="my-follows"' in page and f'/kk/legislation/{bill.pk}/unfollow/' in page


# ---------------------------------------------------------------- alerts over SMTP

class RefusingMailbox(Mailbox):
    """A mailbox whose server refuses the recipients in ``refuse`` (as a full mailbox would)."""

    def __init__(self, port):
        super().__init__(port)
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.2.2 mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@contextmanager
def refusing_server():
    box = RefusingMailbox(_free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


def test_alert_has_the_new_step_once_in_the_users_language(bill, settings):
    reader = person("public", email="reader@example.org", device=False)
    alerts.follow(reader, bill, "ru")
    with smtp_server() as box, django_smtp(box, settings):
        assert alerts.send_alerts()["emails_sent"] == 0  # following does not mail old history
        assert box.messages == []

        _event(bill, "first_reading", 0, "Одобрен в первом чтении, 120 голосов")
        summary = alerts.send_alerts()
        assert summary == {"follows": 1, "users": 1, "emails_sent": 1, "steps_sent": 1, "failed": []}
        message = box.wait_for("reader@example.org")
        # Django folds a long non-ASCII subject onto a continuation line, hence the strip().
        assert str(message["Subject"]).strip() == "[OpenTenge] Новые шаги по законопроектам, за которыми вы следите"
        body = Mailbox.body(message)
        assert "Одобрен в первом чтении" in body and "120 голосов" in body  # the stage label in Russian
        assert f"{SITE}/ru/legislation/{bill.pk}/" in body
        assert "Внесён в Мажилис Правительством" not in body  # the older step was not repeated
        assert box.envelopes[0][1] == ["reader@example.org"]

        assert alerts.send_alerts()["emails_sent"] == 0  # idempotent
        assert len(box.messages) == 1

        _event(bill, "second_reading", 0, "Второе чтение")
        assert alerts.send_alerts()["steps_sent"] == 1
        assert len(box.messages) == 2
        body = Mailbox.body(box.messages[1])
        assert "Второе чтение" in body and "120 голосов" not in body
    follow = lm.BillFollow.objects.get(user=reader)
    assert follow.last_sent_at is not None


def test_kazakh_reader_gets_kazakh_one_mail_for_two_bills(bill, settings):
    other = lm.LegislativeAct.objects.create(key="npa:77", kind="draft", title_ru="Проект приказа",
                                             title_kk="Бұйрық жобасы", status="discussion",
                                             source_url="https://example.org/npa/77")
    reader = person("public", email="oqyrman@example.org", device=False)
    alerts.follow(reader, bill, "ru")
    alerts.follow(reader, other, "kk")  # the latest follow's language wins
    _event(bill, "first_reading", 0, "бірінші")
    _event(other, "closed", 0, "аяқталды")
    with smtp_server() as box, django_smtp(box, settings):
        assert alerts.send_alerts()["emails_sent"] == 1
        message = box.wait_for("oqyrman@example.org")
    assert str(message["Subject"]).strip() == "[OpenTenge] Сіз бақылайтын заң жобаларында жаңа қадамдар"
    body = Mailbox.body(message)
    assert "Бірінші оқылымда мақұлданды" in body
    assert "Тұтынушылардың құқықтарын қорғау туралы" in body and "Бұйрық жобасы" in body
    assert f"{SITE}/kk/legislation/{bill.pk}/" in body and f"{SITE}/kk/legislation/{other.pk}/" in body


def test_failed_delivery_is_retried_and_does_not_stop_others(bill, settings):
    lost = person("public", email="full@example.org", device=False)
    fine = person("public", email="fine@example.org", device=False)
    alerts.follow(lost, bill, "en")
    alerts.follow(fine, bill, "en")
    _event(bill, "first_reading", 0, "first reading passed")
    with refusing_server() as box, django_smtp(box, settings):
        box.refuse.add("full@example.org")
        summary = alerts.send_alerts()
        assert summary["emails_sent"] == 1 and [f["user_id"] for f in summary["failed"]] == [lost.pk]
        assert "first reading passed" in Mailbox.body(box.wait_for("fine@example.org"))
        assert box.to("full@example.org") == []
        assert lm.BillFollow.objects.get(user=lost).last_sent_at is None

        box.refuse.clear()
        summary = alerts.send_alerts()
        assert summary["emails_sent"] == 1 and summary["failed"] == []
        assert "first reading passed" in Mailbox.body(box.wait_for("full@example.org"))
        assert len(box.to("fine@example.org")) == 1  # not sent twice


def test_follow_made_without_the_button_skips_history_before_it(bill, settings):
    reader = person("public", email="admin-made@example.org", device=False)
    lm.BillFollow.objects.create(user=reader, act=bill, lang="en")  # no baseline recorded
    _event(bill, "first_reading", 0, "today's reading")
    with smtp_server() as box, django_smtp(box, settings):
        assert alerts.send_alerts()["steps_sent"] == 1
        body = Mailbox.body(box.wait_for("admin-made@example.org"))
        assert "today's reading" in body and "Внесён в Мажилис" not in body
        assert alerts.send_alerts()["emails_sent"] == 0


def test_step_key_ignores_language_but_not_content(bill):
    from opentenge.legislation.queries import timeline

    with translation.override("ru"):
        ru = [alerts.step_key(s) for s in timeline(bill, "ru")]
    with translation.override("kk"):
        kk = [alerts.step_key(s) for s in timeline(bill, "kk")]
    assert ru == kk and len(set(ru)) == 2
    event = bill.events.get()
    event.note = "Внесён в Мажилис (исправлено)"
    event.save()
    assert alerts.step_key(timeline(bill, "ru")[1]) != ru[1]


# ---------------------------------------------------------------- the command, in its own process

SETUP = textwrap.dedent("""
    import os, sys, datetime
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
    import django; django.setup()
    from django.contrib.auth import get_user_model
    from opentenge.legislation import alerts, models as lm
    today = datetime.date.today()
    act = lm.LegislativeAct.objects.create(key="bill:1", kind="bill", title_ru="Закон о CLI", status="submitted",
                                           discussion_start=today - datetime.timedelta(days=40))
    user = get_user_model().objects.create_user("cli@example.org", "cli@example.org", "x" * 12)
    alerts.follow(user, act, "ru")
    lm.StatusEvent.objects.create(act=act, stage="first_reading", date=today, note="CLI reading")
    print(act.pk)
""")


def test_cli_sends_over_smtp_url(tmp_path, monkeypatch):
    with scratch_database(tmp_path) as url, smtp_server() as box:
        run_cli("init", database_url=url, check=True)
        env = {"OPENTENGE_DATABASE_URL": url}
        made = subprocess.run([sys.executable, "-c", SETUP], env={**os.environ, **env},
                              capture_output=True, text=True, cwd=REPO, timeout=120)
        assert made.returncode == 0, made.stderr
        act_id = int(made.stdout.strip())
        monkeypatch.setenv("OPENTENGE_SMTP_URL", box.url)
        result = run_cli("alerts", "send", "--json", database_url=url)
        assert result.returncode == 0, result.stderr
        summary = json.loads(result.stdout)  # watchlist digests add their own keys alongside these
        assert {k: summary[k] for k in ("follows", "users", "emails_sent", "steps_sent", "failed")} == {
            "follows": 1, "users": 1, "emails_sent": 1, "steps_sent": 1, "failed": []}
        body = Mailbox.body(box.wait_for("cli@example.org"))
        assert "CLI reading" in body and f"{SITE}/ru/legislation/{act_id}/" in body
        again = run_cli("alerts", "send", "--json", database_url=url)
        assert json.loads(again.stdout)["emails_sent"] == 0 and len(box.messages) == 1


def test_a_step_imported_late_is_still_sent(bill, settings):
    """Dated today (or earlier) but imported after today's run: identities, not dates, decide."""
    reader = person("public", email="late@example.org", device=False)
    alerts.follow(reader, bill, "en")
    with smtp_server() as box, django_smtp(box, settings):
        _event(bill, "first_reading", 0, "reading imported before the run")
        assert alerts.send_alerts()["steps_sent"] == 1
        lm.CouncilOpinion.objects.create(
            council=lm.PublicCouncil.objects.create(key="pc:1", name_ru="Общественный совет", body_name="МЮ",
                                                    source_url="https://example.org/pc/1"),
            act=bill, date=TODAY - timedelta(days=3), position="remarks", summary="opinion published late",
            source_url="https://example.org/pc/1/op")
        assert alerts.send_alerts()["steps_sent"] == 1
        body = Mailbox.body(box.messages[-1])
        assert "opinion published late" in body and "imported before the run" not in body

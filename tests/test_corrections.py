"""Report an error → moderation queue → correction laid over the page; the source rows never change."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from conftest import clear_local_cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from opentenge.corrections import services
from opentenge.corrections.models import Correction, ErrorReport
from opentenge.politics.models import Party
from opentenge.store import models as m
from people import person, signed_in

BIN = "990140001234"
SOURCE_NAME = "ТОО «Казак Курылыс»"
FIXED_NAME = "ТОО «Қазақ Құрылыс»"
EVIDENCE = "https://stat.gov.kz/register/990140001234"


@pytest.fixture(autouse=True)
def fast_passwords_and_fresh_counters(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache

    clear_local_cache()  # the per-address report counter lives in the cache


@pytest.fixture
def world(db):
    org = m.Organisation.objects.create(key=f"BIN:{BIN}", bin=BIN, name_ru=SOURCE_NAME, is_supplier=True,
                                        registered_on=dt.date(2010, 5, 1))
    buyer = m.Organisation.objects.create(key="BIN:000140005555", bin="000140005555", name_ru="Акимат", is_customer=True)
    m.Contract.objects.create(gz_id=77, customer=buyer, supplier=org, method_id=3, contract_sum_wnds=D("1000"),
                              sign_date=dt.date(2024, 3, 1), description_ru="Ремонт дороги")
    return {"org": org, "moderator": person("moderator"), "public": person("public")}


def url(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def report_form(**changes) -> dict:
    return {"field": "name_ru", "proposed_value": FIXED_NAME, "explanation": "The register spells it in Kazakh.",
            "evidence": EVIDENCE, "reporter_email": "", "website": "", **changes}


def moderator_client(world) -> Client:
    return signed_in(Client(), world["moderator"])


def submit(client=None, **changes):
    return (client or Client()).post(url("corrections-report", "organisation", BIN), report_form(**changes))


def test_entity_page_links_to_the_form_and_carries_no_csrf_token(client, world):
    page = client.get(url("organisation", BIN)).content.decode()
    assert url("corrections-report", "organisation", BIN) in page and 'data-testid="report-error"' in page
    assert "csrfmiddlewaretoken" not in page and 'data-testid="corrections"' not in page


def test_report_accept_shows_correction_everywhere_and_keeps_the_source_row(client, world, monkeypatch):
    changed = []
    monkeypatch.setattr(services, "data_changed", changed.append)
    response = submit()
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    report = ErrorReport.objects.get()
    assert (report.status, report.field, report.proposed_value, report.reporter_id) == ("open", "name_ru", FIXED_NAME, None)
    assert changed == []  # an open report changes nothing the public sees

    mod = moderator_client(world)
    queue = mod.get(url("corrections-moderation"))
    assert queue.status_code == 200 and f"#{report.pk}" in queue.content.decode()
    review = mod.get(url("corrections-moderation-report", report.pk)).content.decode()
    assert SOURCE_NAME in review  # the moderator sees what the page shows now
    done = mod.post(url("corrections-moderation-report", report.pk), {"action": "accept", "new_value": FIXED_NAME, "note": ""})
    assert done.status_code == 302
    assert changed == ["correction"]

    report.refresh_from_db()
    correction = Correction.objects.get()
    assert report.status == "accepted" and report.moderator == world["moderator"]
    assert (correction.old_value, correction.new_value, correction.evidence, correction.active) == (
        SOURCE_NAME, FIXED_NAME, EVIDENCE, True)
    assert m.Organisation.objects.get(bin=BIN).name_ru == SOURCE_NAME  # the store row is untouched

    html = client.get(url("organisation", BIN)).content.decode()
    assert f'data-testid="org-name">{FIXED_NAME}</h1>' in html
    assert 'data-testid="correction"' in html and SOURCE_NAME in html and EVIDENCE in html
    twin = client.get(url("organisation-json", BIN)).json()
    assert twin["name_ru"] == FIXED_NAME
    assert twin["corrections"][0]["old"] == SOURCE_NAME and twin["corrections"][0]["new"] == FIXED_NAME
    assert twin["corrections"][0]["source"] == EVIDENCE and twin["corrections"][0]["decided_at"]
    assert "moderator" not in twin["corrections"][0]
    api = client.get(f"/api/v1/organisations/{BIN}").json()
    assert api["name_ru"] == FIXED_NAME
    # the organisation's name on its contracts' pages comes from the same row, unchanged there by design
    assert client.get(url("contract-json", 77)).json()["supplier"]["name_ru"] == SOURCE_NAME


def test_api_carries_the_notice_when_the_schema_declares_it(client, world):
    submit()
    services.accept(world["moderator"], ErrorReport.objects.get(), new_value=FIXED_NAME)
    assert client.get(f"/api/v1/organisations/{BIN}").json()["corrections"][0]["new"] == FIXED_NAME


def test_reject_changes_nothing(client, world, monkeypatch):
    changed = []
    monkeypatch.setattr(services, "data_changed", changed.append)
    submit()
    report = ErrorReport.objects.get()
    mod = moderator_client(world)
    missing = mod.post(url("corrections-moderation-report", report.pk), {"action": "reject", "comment": ""})
    assert missing.status_code == 400 and "Comment: This field is required." in missing.content.decode()
    assert mod.post(url("corrections-moderation-report", report.pk),
                    {"action": "reject", "comment": "The register says otherwise."}).status_code == 302
    report.refresh_from_db()
    assert report.status == "rejected" and report.moderator_comment == "The register says otherwise."
    assert not Correction.objects.exists() and changed == []
    assert client.get(url("organisation-json", BIN)).json()["name_ru"] == SOURCE_NAME
    # a decided report cannot be decided again
    again = mod.post(url("corrections-moderation-report", report.pk), {"action": "accept", "new_value": "x"})
    assert again.status_code == 403 and not Correction.objects.exists()


def test_revoke_brings_the_source_value_back_and_keeps_history(client, world, monkeypatch):
    changed = []
    monkeypatch.setattr(services, "data_changed", changed.append)
    submit()
    correction = services.accept(world["moderator"], ErrorReport.objects.get(), new_value=FIXED_NAME)
    assert client.get(url("organisation-json", BIN)).json()["name_ru"] == FIXED_NAME
    mod = moderator_client(world)
    assert mod.post(url("corrections-revoke", correction.pk), {"reason": ""}).status_code == 302
    assert Correction.objects.get().active  # no reason, no revocation
    assert mod.post(url("corrections-revoke", correction.pk), {"reason": "Source was wrong"}).status_code == 302
    correction.refresh_from_db()
    assert not correction.active and correction.revoked_by == world["moderator"] and correction.revoke_reason == "Source was wrong"
    assert changed == ["correction", "correction"]
    data = client.get(url("organisation-json", BIN)).json()
    assert data["name_ru"] == SOURCE_NAME and data["corrections"] == []
    assert Correction.objects.count() == 1  # history kept
    with pytest.raises(PermissionError):
        correction.delete()


def test_dates_and_contract_fields_are_overridden_with_the_right_type(client, world):
    services.submit_report(kind="organisation", key=BIN, field="registered_on", proposed_value="2011-02-03",
                           explanation="wrong year", evidence="Official gazette No. 5, 2011")
    services.accept(world["moderator"], ErrorReport.objects.get(), new_value="2011-02-03")
    assert client.get(url("organisation-json", BIN)).json()["registered_on"] == "2011-02-03"
    r = services.submit_report(kind="contract", key="77", field="description_ru", proposed_value="Ремонт моста",
                               explanation="bridge, not road", evidence=EVIDENCE)
    services.accept(world["moderator"], r, new_value="Ремонт моста")
    page = client.get(url("contract", 77)).content.decode()
    assert "Ремонт моста" in page and 'data-testid="correction"' in page
    assert m.Contract.objects.get(gz_id=77).description_ru == "Ремонт дороги"
    with pytest.raises(Exception) as bad:
        services.submit_report(kind="organisation", key=BIN, field="registered_on", proposed_value="2011-13-45",
                               explanation="x", evidence=EVIDENCE)
    assert "real date" in str(bad.value)


def test_other_report_is_published_as_a_note_on_any_kind(client, world):
    party = Party.objects.create(key="amanat", name_ru="Партия «AMANAT»")
    r = services.submit_report(kind="party", key="amanat", field="other", explanation="Funding for 2023 is missing",
                               evidence="Ministry of Finance order No. 12")
    with pytest.raises(Exception):
        services.accept(world["moderator"], r)  # a note needs its published wording
    services.accept(world["moderator"], r, note="Funding for 2023 is missing from the source.")
    with translation.override("en"):
        html = client.get(reverse("politics-party", args=["amanat"])).content.decode()
    assert 'data-testid="correction"' in html and "Funding for 2023 is missing from the source." in html
    assert Party.objects.get(pk=party.pk).name_ru == "Партия «AMANAT»"
    # a kind whose query function does not apply corrections still gets the notice from the template tag
    from django.template import Context, Template

    services.accept(world["moderator"], services.submit_report(kind="bill", key="5", field="other", explanation="x",
                                                               evidence=EVIDENCE), note="Adopted on 2 May, not 3 May.")
    with translation.override("en"):
        out = Template('{% include "corrections/_entity_tools.html" %}').render(Context({"kind": "bill", "key": 5, "data": {}}))
    assert "Adopted on 2 May, not 3 May." in out and url("corrections-report", "bill", "5") in out
    broken = Template('{% include "corrections/_entity_tools.html" %}').render(Context({"kind": "bill", "key": None}))
    assert "report-error" not in broken  # a page without a key renders, just without the link


def test_bad_input_is_named_per_field_escaped_and_not_stored(client, world):
    response = submit(evidence="", explanation="x" * 3001, proposed_value="<script>alert(1)</script>")
    body = response.content.decode()
    assert response.status_code == 400 and not ErrorReport.objects.exists()
    assert "Source" in body and "Explanation" in body and 'data-testid="error-summary"' in body
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert submit(field="iin").status_code == 400  # not a correctable field
    assert submit(evidence="https://").status_code == 400
    assert submit(reporter_email="not-an-address").status_code == 400
    assert not ErrorReport.objects.exists()
    # stored as typed, shown escaped
    submit(proposed_value="<script>alert(1)</script>", field="name_kk")
    report = ErrorReport.objects.get()
    assert report.proposed_value == "<script>alert(1)</script>"
    review = moderator_client(world).get(url("corrections-moderation-report", report.pk)).content.decode()
    assert "<script>alert(1)</script>" not in review and "&lt;script&gt;alert(1)&lt;/script&gt;" in review


def test_unknown_entities_404(client, world):
    assert client.get(url("corrections-report", "organisation", "000000000000")).status_code == 404
    assert client.get(url("corrections-report", "contract", "999")).status_code == 404
    assert client.get(url("corrections-report", "spaceship", "1")).status_code == 404
    assert client.get(url("corrections-report", "organisation", BIN)).status_code == 200


def test_honeypot_and_rate_limit(client, world, settings):
    assert submit(website="http://spam.example").status_code == 302
    assert not ErrorReport.objects.exists()  # thanked, dropped
    settings.OPENTENGE_CORRECTION_REPORTS_PER_HOUR = 2
    assert submit(field="name_kk").status_code == 302
    assert submit(field="name_kk").status_code == 429  # the honeypot post counted too
    assert ErrorReport.objects.count() == 1


def test_signed_in_reporter_is_recorded_and_cannot_decide_their_own_report(world):
    moderator = world["moderator"]
    submit(signed_in(Client(), moderator))
    report = ErrorReport.objects.get()
    assert report.reporter == moderator and report.reporter_email == moderator.email
    response = moderator_client(world).post(url("corrections-moderation-report", report.pk),
                                            {"action": "accept", "new_value": FIXED_NAME})
    assert response.status_code == 403 and not Correction.objects.exists()


def test_only_verified_moderators_decide(world):
    submit()
    report = ErrorReport.objects.get()
    review = url("corrections-moderation-report", report.pk)
    anonymous = Client().post(review, {"action": "accept", "new_value": "hijack"})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert signed_in(Client(), world["public"]).post(review, {"action": "accept", "new_value": "hijack"}).status_code == 403
    assert signed_in(Client(), world["public"]).get(url("corrections-moderation")).status_code == 403
    unverified = signed_in(Client(), world["moderator"], verified=False).post(review, {"action": "accept", "new_value": "x"})
    assert unverified.status_code == 302
    assert ErrorReport.objects.get().status == "open" and not Correction.objects.exists()


def test_csrf_is_enforced(world):
    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post(url("corrections-report", "organisation", BIN), report_form()).status_code == 403
    mod = signed_in(Client(enforce_csrf_checks=True), world["moderator"])
    submit()
    report = ErrorReport.objects.get()
    assert mod.post(url("corrections-moderation-report", report.pk), {"action": "reject", "comment": "x"}).status_code == 403
    assert ErrorReport.objects.get().status == "open"


def test_notice_escapes_the_published_values(client, world):
    r = services.submit_report(kind="organisation", key=BIN, field="name_kk", proposed_value="<b>x</b>",
                               explanation="x", evidence="javascript:alert(1)")
    services.accept(world["moderator"], r, new_value="<i>Қазақ</i>")
    html = client.get(url("organisation", BIN)).content.decode()
    assert "<i>Қазақ</i>" not in html and "&lt;i&gt;Қазақ&lt;/i&gt;" in html
    assert 'href="javascript:' not in html  # a source that is not a web address is shown as text

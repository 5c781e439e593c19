"""Bad input on the filing forms: a clear message next to the field, a summary on top, nothing stored;
and text with HTML is stored as typed and shown escaped."""
from __future__ import annotations

import pytest
from django.utils import translation

from opentenge.ids.kz import make_valid_bin
from opentenge.legislation.models import LegislativeAct
from opentenge.lobbying import models as lm
from opentenge.lobbying import services
from opentenge.store.models import Organisation
from people import person, signed_in

BIN = make_valid_bin(11, 3, 4, 0, 7)
UNKNOWN_BIN = make_valid_bin(11, 3, 4, 0, 8)
SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
ROW_MODELS = (lm.Registrant, lm.RegistrantMember, lm.Lobbyist, lm.FormerPosition, lm.Client, lm.Report,
              lm.ReportVersion, lm.ContactedBody, lm.Meeting, lm.ClientPayment, lm.AuditEvent)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


@pytest.fixture
def filer(db, client):
    Organisation.objects.create(key=f"BIN:{BIN}", bin=BIN, name_ru='ТОО "Жол Кеңес"')
    LegislativeAct.objects.create(key="bill:700", kind="bill", title_ru="О дорогах", status="submitted",
                                  source_url="https://example.org/bill/700")
    user = person("filer")
    signed_in(client, user)
    return user


@pytest.fixture
def draft(filer):
    r = services.register(filer, bin=BIN, name="Zhol Kenes", kind="association", interests="roads",
                          budget_band="lt1m", website="")
    services.approve_registrant(person("moderator"), r)
    services.add_client(filer, r, "Client One")
    _report, version = services.start_report(filer, r, 2024, 2)
    return version


def management(prefix: str, total: int) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def version_data(**over) -> dict:
    data = {"action": "save", "issues": "Road tolls", "bills": "bill:700", "spending_exact": "", "spending_band": "lt1m",
            "amendment_note": "", **management("bodies", 1), **management("meetings", 1), **management("payments", 1),
            "bodies-0-name": "Министерство транспорта", "meetings-0-date": "2024-05-14",
            "meetings-0-official_name": "Д. Касымов", "meetings-0-official_position": "вице-министр",
            "meetings-0-body_name": "Министерство транспорта", "meetings-0-subject": "Toll rates",
            "meetings-0-bill": "bill:700", "payments-0-client": "", "payments-0-amount": "", "payments-0-band": ""}
    data.update(over)
    return data


def register_data(**over) -> dict:
    return {"bin": BIN, "name": "Zhol Kenes", "kind": "association", "interests": "roads", "budget_band": "lt1m",
            "website": "", **over}


@pytest.mark.parametrize("bin, message", [
    (UNKNOWN_BIN, f"Unknown BIN {UNKNOWN_BIN}: no organisation with this BIN is known to OpenTenge."),
    ("123456789012", "BIN must be 12 digits with a valid check digit."),
    ("", "BIN must be 12 digits with a valid check digit."),
])
def test_a_wrong_or_unknown_bin_is_refused_on_the_form_and_nothing_is_stored(client, filer, bin, message):
    before = counts()
    response = client.post("/en/lobbying/file/register/", register_data(bin=bin))
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count(message) == 2  # in the summary on top and next to the field
    assert html.index('data-testid="error-summary"') < html.index('name="bin"')
    assert counts() == before


def test_oversize_name_and_a_bad_website_are_refused_with_the_limit_named(client, filer):
    before = counts()
    response = client.post("/en/lobbying/file/register/", register_data(name="Ж" * (lm.NAME_MAX + 1),
                                                                         website="not a web address"))
    html = response.content.decode()
    assert f"Name is too long: at most {lm.NAME_MAX} characters, this has {lm.NAME_MAX + 1}." in html
    assert "Website is not a web address" in html
    assert counts() == before


def test_every_problem_of_a_report_is_shown_and_nothing_of_it_is_stored(client, draft):
    before = counts()
    response = client.post(f"/en/lobbying/file/version/{draft.pk}/", version_data(
        issues="x" * (lm.TEXT_MAX + 1), spending_exact="-5", spending_band="",
        **{"meetings-0-date": "2024-02-30", "meetings-0-official_name": "",
           "bodies-0-name": "Б" * (lm.NAME_MAX + 1)}, **management("meetings", 2),
        **{"meetings-1-date": "2024-09-01", "meetings-1-official_name": "Н. Ахметов",
           "meetings-1-body_name": "Акимат", "meetings-1-subject": "Outside the quarter"}))
    html = response.content.decode()
    assert response.status_code == 400
    for message in (f"Issues is too long: at most {lm.TEXT_MAX} characters, this has {lm.TEXT_MAX + 1}.",
                    "Spending, tenge cannot be negative.",
                    "Date is not a real date: write it as YYYY-MM-DD.",
                    "Official is required.",
                    f"State body is too long: at most {lm.NAME_MAX} characters",
                    "The meeting date must fall inside the report&#x27;s quarter (2024-04-01 – 2024-06-30)."):
        assert message in html, message
    assert counts() == before
    draft.refresh_from_db()
    assert draft.issues == "" and draft.spending_exact is None


def test_both_exact_spending_and_a_band_or_an_unknown_bill_are_refused(client, draft):
    before = counts()
    html = client.post(f"/en/lobbying/file/version/{draft.pk}/",
                       version_data(spending_exact="100", spending_band="lt1m")).content.decode()
    assert "Give the exact amount or a band, not both." in html
    html = client.post(f"/en/lobbying/file/version/{draft.pk}/", version_data(bills="bill:999")).content.decode()
    assert "Unknown bills: bill:999." in html
    html = client.post(f"/en/lobbying/file/version/{draft.pk}/",
                       version_data(**{"meetings-0-bill": "bill:998"})).content.decode()
    assert "Unknown bill bill:998" in html
    assert counts() == before


def test_submit_needs_issues_and_spending_and_a_failed_submit_saves_nothing(client, draft):
    before = counts()
    html = client.post(f"/en/lobbying/file/version/{draft.pk}/",
                       version_data(action="submit", issues="", spending_band="")).content.decode()
    assert "Issues is required before submitting." in html
    assert "Give the spending (exact amount or band) before submitting." in html
    assert counts() == before
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_a_payment_must_name_one_of_the_registrants_own_clients(filer, draft):
    other_bin = make_valid_bin(11, 3, 4, 0, 9)
    Organisation.objects.create(key=f"BIN:{other_bin}", bin=other_bin, name_ru="Other")
    other = services.register(person("filer"), bin=other_bin, name="Other", kind="company", interests="",
                              budget_band="lt1m", website="")
    stranger = services.add_client(other.created_by, other, "Theirs")
    before = counts()
    with translation.override("en"), pytest.raises(services.ValidationError) as e:
        services.save_draft(filer, draft, issues="x", spending_band="lt1m",
                            payments=[{"client_id": stranger.pk, "amount": "10", "band": ""}])
    assert e.value.message_dict == {"payments-0-client": ["Choose one of this registrant's clients."]}
    assert counts() == before


def test_a_former_position_ending_before_it_starts_stores_no_lobbyist(client, filer, draft):
    r = draft.report.registrant
    before = counts()
    response = client.post(f"/en/lobbying/file/{r.pk}/", {
        "action": "lobbyist", "name": "Асель Нурланова", **management("positions", 2),
        "positions-0-position": "Депутат", "positions-0-body_name": "Мажилис",
        "positions-0-start": "2020-01-01", "positions-0-end": "2018-01-01",
        "positions-1-position": "Аким", "positions-1-body_name": "Акимат", "positions-1-start": "2090-01-01"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "End is before start." in html and "Start cannot be in the future." in html
    assert counts() == before


def test_html_in_every_text_field_is_stored_as_typed_and_escaped_on_the_filing_pages(client, filer):
    client.post("/en/lobbying/file/register/", register_data(name=SCRIPT, interests=SCRIPT))
    r = lm.Registrant.objects.get()
    assert r.name == SCRIPT and r.interests == SCRIPT
    services.approve_registrant(person("moderator"), r)
    client.post(f"/en/lobbying/file/{r.pk}/", {"action": "lobbyist", "name": SCRIPT, **management("positions", 1),
                                               "positions-0-position": SCRIPT, "positions-0-body_name": SCRIPT,
                                               "positions-0-start": "2015-03-01"})
    client.post(f"/en/lobbying/file/{r.pk}/", {"action": "client", "client-name": SCRIPT, "client-bin": ""})
    assert lm.FormerPosition.objects.get().position == SCRIPT and lm.Client.objects.get().name == SCRIPT
    page = client.get(f"/en/lobbying/file/{r.pk}/").content.decode()
    assert "<script>alert" not in page and page.count(ESCAPED) >= 6
    _report, v = services.start_report(filer, r, 2024, 2)
    response = client.post(f"/en/lobbying/file/version/{v.pk}/", version_data(
        action="submit", issues=SCRIPT, amendment_note=SCRIPT, **{
            "bodies-0-name": SCRIPT, "meetings-0-official_name": SCRIPT, "meetings-0-official_position": SCRIPT,
            "meetings-0-body_name": SCRIPT, "meetings-0-subject": SCRIPT}))
    assert response.status_code == 302
    v.refresh_from_db()
    meeting = v.meetings.get()
    assert (v.issues, v.bodies.get().name, meeting.official_name, meeting.subject) == (SCRIPT,) * 4
    page = client.get(f"/en/lobbying/file/version/{v.pk}/").content.decode()  # submitted: shown read-only
    assert "<script>alert" not in page
    assert page.count(ESCAPED) >= 7  # title, issues, body, 4 meeting fields, note
    moderator = person("moderator")
    from django.test import Client

    review = signed_in(Client(), moderator).get(f"/en/lobbying/moderation/version/{v.pk}/").content.decode()
    assert "<script>alert" not in review and ESCAPED in review
    home = client.get("/en/lobbying/file/").content.decode()
    assert "<script>alert" not in home and ESCAPED in home

"""The register's workflow: register → approve → file → return → resubmit → publish → amend → publish,
through the services and through the pages, with the audit log, late marking and who may do what."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from opentenge.ids.kz import make_valid_bin
from opentenge.legislation.models import LegislativeAct
from opentenge.lobbying import services
from opentenge.lobbying.models import (AuditEvent, Registrant, RegistrantMember, Report, ReportVersion)
from opentenge.store.models import Organisation
from people import person, signed_in

BIN = make_valid_bin(10, 5, 4, 0, 1)
OTHER_BIN = make_valid_bin(10, 5, 4, 0, 2)
MINISTRY_BIN = make_valid_bin(10, 5, 4, 0, 3)


@pytest.fixture
def world(db):
    for b, name in ((BIN, 'ТОО "Адал Консалт"'), (OTHER_BIN, 'ОЮЛ "Ассоциация угольщиков"'),
                    (MINISTRY_BIN, 'ГУ "Министерство энергетики Республики Казахстан"')):
        Organisation.objects.create(key=f"BIN:{b}", bin=b, name_ru=name)
    bill = LegislativeAct.objects.create(key="bill:501", kind="bill", title_ru="О недрах", status="submitted",
                                         source_url="https://example.org/bill/501")
    return {"bill": bill, "filer": person("filer"), "moderator": person("moderator"),
            "other_filer": person("filer")}


def last_quarter(today: dt.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    q = (today.month - 1) // 3 + 1
    return (today.year, q - 1) if q > 1 else (today.year - 1, 4)


def registered(world, bin=BIN, filer=None) -> Registrant:
    filer = filer or world["filer"]
    r = services.register(filer, bin=bin, name="", kind="consultancy", interests="energy\nmining",
                          budget_band="1m-5m", website="https://adal.example.kz")
    services.approve_registrant(world["moderator"], r)
    r.refresh_from_db()
    return r


def draft_content(world, year, quarter, **over):
    content = {"issues": "Subsoil code amendments", "bill_ids": [world["bill"].pk], "spending_exact": "1500000",
               "spending_band": "", "bodies": ['ГУ "Министерство энергетики Республики Казахстан"'],
               "meetings": [{"date": dt.date(year, quarter * 3 - 2, 15), "official_name": "А. Серикбаев",
                             "official_position": "вице-министр", "body_name": "Министерство энергетики",
                             "subject": "Royalty rates", "bill_id": world["bill"].pk}],
               "payments": []}
    content.update(over)
    return content


def test_whole_workflow_through_services_keeps_every_version_and_logs_every_step(world):
    filer, moderator = world["filer"], world["moderator"]
    r = services.register(filer, bin=BIN, name="", kind="consultancy", interests="energy",
                          budget_band="1m-5m", website="")
    assert r.status == "pending" and r.name == 'ТОО "Адал Консалт"' and r.organisation.bin == BIN
    assert RegistrantMember.objects.filter(registrant=r, user=filer).exists()
    services.approve_registrant(moderator, r)
    year, quarter = last_quarter()
    report, v1 = services.start_report(filer, r, year, quarter)
    next_quarter_starts = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, quarter * 3 + 1, 1)
    assert report.due == next_quarter_starts + dt.timedelta(days=19)  # 20 days after the quarter's last day
    services.save_draft(filer, v1, **draft_content(world, year, quarter))
    v1.refresh_from_db()
    assert v1.bodies.get().organisation.bin == MINISTRY_BIN  # linked by exact name
    services.submit(filer, v1)
    services.return_for_changes(moderator, v1, "Name the official's position in full.")
    v1.refresh_from_db()
    report.refresh_from_db()
    assert (v1.state, report.state, v1.moderator_comment) == ("returned", "returned", "Name the official's position in full.")
    services.save_draft(filer, v1, **draft_content(world, year, quarter, issues="Subsoil code, royalty rates"))
    services.submit(filer, v1)
    services.publish(moderator, v1)
    report.refresh_from_db()
    assert report.state == "published" and report.published_at is not None
    v2 = services.amend(filer, report)
    assert v2.number == 2 and v2.issues == "Subsoil code, royalty rates" and v2.meetings.count() == 1
    with pytest.raises(services.Refused):
        services.amend(filer, report)  # one open amendment at a time
    services.save_draft(filer, v2, **draft_content(world, year, quarter, issues="Subsoil code, royalty rates",
                                                   spending_exact="1750000", amendment_note="Spending corrected"))
    services.submit(filer, v2)
    services.publish(moderator, v2)
    states = dict(report.versions.values_list("number", "state"))
    assert states == {1: "superseded", 2: "published"}
    assert str(ReportVersion.objects.get(report=report, number=1).spending_exact) == "1500000.00"
    actions = list(AuditEvent.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["registrant.registered", "registrant.approved", "report.started", "version.saved",
                       "version.submitted", "version.returned", "version.saved", "version.submitted",
                       "version.published", "version.amendment_started", "version.saved", "version.submitted",
                       "version.published"]
    labels = set(AuditEvent.objects.values_list("actor_label", flat=True))
    assert labels == {f'filer of ТОО "Адал Консалт"', "moderator"}
    assert not any("@" in label for label in labels)


def test_audit_events_cannot_be_changed_or_deleted_by_model_or_raw_sql(world):
    registered(world)
    event = AuditEvent.objects.first()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    for sql in ("UPDATE lobbying_auditevent SET action = 'forged'", "DELETE FROM lobbying_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert AuditEvent.objects.filter(action="forged").count() == 0
    assert AuditEvent.objects.count() == 2


def test_a_quarter_whose_due_date_passed_is_marked_late(world):
    r = registered(world)
    report, v = services.start_report(world["filer"], r, 2024, 1)  # due 2024-04-20, long past
    assert report.due == dt.date(2024, 4, 20)
    services.save_draft(world["filer"], v, **draft_content(world, 2024, 1))
    services.submit(world["filer"], v)
    report.refresh_from_db()
    assert report.late is True and report.first_submitted_at is not None
    year, quarter = last_quarter()
    on_time, v2 = services.start_report(world["filer"], r, *last_quarter())
    services.save_draft(world["filer"], v2, **draft_content(world, year, quarter))
    if timezone.localdate() <= on_time.due:
        services.submit(world["filer"], v2)
        on_time.refresh_from_db()
        assert on_time.late is False


def test_start_report_refuses_future_quarters_duplicates_and_unapproved_registrants(world):
    filer = world["filer"]
    pending = services.register(filer, bin=OTHER_BIN, name="Assoc", kind="association", interests="",
                                budget_band="lt1m", website="")
    with pytest.raises(services.Refused):
        services.start_report(filer, pending, 2024, 1)
    r = registered(world)
    with pytest.raises(services.ValidationError) as e:
        services.start_report(filer, r, timezone.localdate().year + 1, 1)
    assert "year" in e.value.message_dict
    with pytest.raises(services.ValidationError):
        services.start_report(filer, r, 2014, 4)
    services.start_report(filer, r, 2024, 2)
    with translation.override("kk"), pytest.raises(services.ValidationError) as e:
        services.start_report(filer, r, 2024, 2)
    assert "2-тоқсанға есеп бар" in e.value.message_dict["quarter"][0]  # messages follow the reader's language
    assert Report.objects.count() == 1


def test_a_moderator_who_is_a_member_cannot_publish_or_approve_their_own_filing(world, client):
    moderator = world["moderator"]
    r = registered(world)
    RegistrantMember.objects.create(registrant=r, user=moderator)
    report, v = services.start_report(world["filer"], r, 2024, 3)
    services.save_draft(world["filer"], v, **draft_content(world, 2024, 3))
    services.submit(world["filer"], v)
    with translation.override("en"), pytest.raises(services.Refused, match="cannot publish their own filing"):
        services.publish(moderator, v)
    signed_in(client, moderator)
    response = client.post(f"/en/lobbying/moderation/version/{v.pk}/", {"action": "publish"})
    assert response.status_code == 403
    assert "cannot publish their own filing" in response.content.decode()
    v.refresh_from_db()
    assert v.state == "submitted"
    # A moderator who wrote the version themselves is refused as well, even without membership.
    second = person("moderator")
    RegistrantMember.objects.create(registrant=r, user=second)
    _report, own = services.start_report(second, r, 2024, 4)
    services.save_draft(second, own, **draft_content(world, 2024, 4))
    services.submit(second, own)
    RegistrantMember.objects.filter(user=second).delete()
    with pytest.raises(services.Refused):
        services.publish(second, own)
    assert AuditEvent.objects.filter(action="version.published").count() == 0


def test_filers_and_public_users_cannot_moderate(world):
    r = services.register(world["filer"], bin=BIN, name="", kind="ngo", interests="", budget_band="lt1m",
                          website="")
    with pytest.raises(services.Refused):
        services.approve_registrant(world["other_filer"], r)
    with pytest.raises(services.Refused):
        services.approve_registrant(world["filer"], r)
    with pytest.raises(services.ValidationError):
        services.return_registrant(world["moderator"], r, "   ")
    r.refresh_from_db()
    assert r.status == "pending"


def test_withdrawal_is_recorded_and_deletes_nothing(world):
    r = registered(world)
    report, v = services.start_report(world["filer"], r, 2024, 1)
    services.save_draft(world["filer"], v, **draft_content(world, 2024, 1))
    services.submit(world["filer"], v)
    services.publish(world["moderator"], v)
    with pytest.raises(services.ValidationError):
        services.withdraw(world["filer"], report, "")
    with pytest.raises(services.Refused):
        services.withdraw(world["other_filer"], report, "not mine")
    services.withdraw(world["filer"], report, "Filed under the wrong organisation")
    report.refresh_from_db()
    assert report.state == "withdrawn" and report.withdrawal_reason == "Filed under the wrong organisation"
    assert report.versions.get().state == "published" and report.versions.get().meetings.count() == 1
    with pytest.raises(services.Refused):
        services.amend(world["filer"], report)


# ---------------------------------------------------------------- through the pages

def _management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def version_post(action, year, quarter, **over):
    data = {"action": action, "issues": "Subsoil code", "bills": "bill:501", "spending_exact": "900000",
            "spending_band": "", "amendment_note": "", **_management("bodies", 1), **_management("meetings", 1),
            **_management("payments", 0), "bodies-0-name": "Министерство энергетики",
            "meetings-0-date": dt.date(year, quarter * 3 - 1, 3).isoformat(), "meetings-0-official_name": "Б. Омаров",
            "meetings-0-official_position": "директор департамента", "meetings-0-body_name": "Министерство энергетики",
            "meetings-0-subject": "Royalties", "meetings-0-bill": "bill:501"}
    data.update(over)
    return data


def test_whole_workflow_through_the_pages(world, client):
    from django.test import Client

    filer_client, mod_client = signed_in(client, world["filer"]), signed_in(Client(), world["moderator"])
    response = filer_client.post("/en/lobbying/file/register/", {
        "bin": BIN, "name": "Adal Consult", "kind": "consultancy", "interests": "energy", "budget_band": "1m-5m",
        "website": ""})
    r = Registrant.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/lobbying/file/{r.pk}/")
    page = mod_client.get("/en/lobbying/moderation/").content.decode()
    assert "Adal Consult" in page
    assert mod_client.post(f"/en/lobbying/moderation/registrant/{r.pk}/", {"action": "approve"}).status_code == 302
    r.refresh_from_db()
    assert r.status == "active"
    response = filer_client.post(f"/en/lobbying/file/{r.pk}/", {
        "action": "lobbyist", "name": "Ерлан Ахметов", **_management("positions", 2),
        "positions-0-position": "Вице-министр энергетики", "positions-0-body_name": "Министерство энергетики",
        "positions-0-start": "2016-01-10", "positions-0-end": "2019-06-30"})
    assert response.status_code == 302
    assert r.lobbyists.get().former_positions.get().end == dt.date(2019, 6, 30)
    response = filer_client.post(f"/en/lobbying/file/{r.pk}/report/new/", {"year": "2024", "quarter": "2"})
    v = ReportVersion.objects.get()
    assert response["Location"].endswith(f"/lobbying/file/version/{v.pk}/")
    assert filer_client.post(f"/en/lobbying/file/version/{v.pk}/", version_post("submit", 2024, 2)).status_code == 302
    v.refresh_from_db()
    assert v.state == "submitted" and v.meetings.get().bill.key == "bill:501"
    review = mod_client.get(f"/en/lobbying/moderation/version/{v.pk}/").content.decode()
    assert 'data-testid="late"' in review  # 2024 Q2 was due 2024-07-20
    response = mod_client.post(f"/en/lobbying/moderation/version/{v.pk}/", {"action": "return", "comment": ""})
    assert response.status_code == 400 and "Comment is required" in response.content.decode()
    mod_client.post(f"/en/lobbying/moderation/version/{v.pk}/", {"action": "return", "comment": "Add the client."})
    home = filer_client.get("/en/lobbying/file/").content.decode()
    assert "Add the client." in home and 'data-testid="late"' in home
    filer_client.post(f"/en/lobbying/file/version/{v.pk}/", version_post("submit", 2024, 2, issues="Subsoil code, v1b"))
    assert mod_client.post(f"/en/lobbying/moderation/version/{v.pk}/", {"action": "publish"}).status_code == 302
    report = Report.objects.get()
    assert report.state == "published"
    response = filer_client.post(f"/en/lobbying/file/report/{report.pk}/amend/")
    v2 = report.versions.get(number=2)
    assert response["Location"].endswith(f"/lobbying/file/version/{v2.pk}/")
    filer_client.post(f"/en/lobbying/file/version/{v2.pk}/", version_post(
        "submit", 2024, 2, issues="Subsoil code, v2", amendment_note="Added a meeting"))
    review = mod_client.get(f"/en/lobbying/moderation/version/{v2.pk}/").content.decode()
    assert "Compared with the published version 1" in review and "Subsoil code, v1b" in review
    changed = re.findall(r"<tr class=\"changed\" data-changed=\"1\">\s*<th>([^<]+?) <", review)
    assert changed == ["Issues", "What this version changes"], changed
    mod_client.post(f"/en/lobbying/moderation/version/{v2.pk}/", {"action": "publish"})
    assert dict(report.versions.values_list("number", "state")) == {1: "superseded", 2: "published"}
    v1_page = filer_client.get(f"/en/lobbying/file/version/{v.pk}/").content.decode()
    assert "Subsoil code, v1b" in v1_page and "Superseded" in v1_page
    assert AuditEvent.objects.filter(action="version.published").count() == 2
    assert AuditEvent.objects.filter(action="version.returned", detail__comment="Add the client.").count() == 1


def test_a_filer_cannot_see_or_edit_another_registrants_draft(world, client):
    r = registered(world)
    _report, v = services.start_report(world["filer"], r, 2024, 1)
    signed_in(client, world["other_filer"])
    for url in (f"/en/lobbying/file/version/{v.pk}/", f"/en/lobbying/file/{r.pk}/",
                f"/en/lobbying/file/{r.pk}/report/new/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/en/lobbying/file/version/{v.pk}/", version_post("save", 2024, 1)).status_code == 404
    assert client.post(f"/en/lobbying/file/report/{v.report_id}/withdraw/", {"reason": "x"}).status_code == 404
    assert client.get("/en/lobbying/moderation/").status_code == 403
    v.refresh_from_db()
    assert v.issues == "" and v.report.state == "draft"


@pytest.mark.parametrize("url", ["/en/lobbying/file/", "/en/lobbying/file/register/", "/en/lobbying/moderation/"])
def test_anonymous_users_are_sent_to_sign_in_and_unverified_filers_to_the_second_factor(world, client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    no_device = person("filer", device=False)
    client.force_login(no_device)
    response = client.get(url)
    assert response.status_code == 302 and "/account/two-factor/" in response["Location"]
    signed_in(client, world["filer"], verified=False)
    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_permission_matrix_of_every_filing_and_moderation_page(world):
    """Every page × every role: anonymous → sign in; public → 404 on others' rows, 403 on moderation;
    the registrant's filer → 200 on theirs; a moderator → 200 on moderation, 404 on drafts not theirs."""
    from django.test import Client

    r = registered(world)
    report, v = services.start_report(world["filer"], r, 2024, 1)
    services.save_draft(world["filer"], v, **draft_content(world, 2024, 1))
    services.submit(world["filer"], v)
    pages = {"file": "/en/lobbying/file/", "register": "/en/lobbying/file/register/",
             "registrant": f"/en/lobbying/file/{r.pk}/", "report-new": f"/en/lobbying/file/{r.pk}/report/new/",
             "version": f"/en/lobbying/file/version/{v.pk}/", "moderation": "/en/lobbying/moderation/",
             "moderation-version": f"/en/lobbying/moderation/version/{v.pk}/",
             "moderation-registrant": f"/en/lobbying/moderation/registrant/{r.pk}/"}
    expected = {
        "anonymous": dict.fromkeys(pages, 302),
        "public": {"file": 200, "register": 200, "registrant": 404, "report-new": 404, "version": 404,
                   "moderation": 403, "moderation-version": 403, "moderation-registrant": 403},
        "filer": {"file": 200, "register": 200, "registrant": 200, "report-new": 200, "version": 200,
                  "moderation": 403, "moderation-version": 403, "moderation-registrant": 403},
        "other_filer": {"file": 200, "register": 200, "registrant": 404, "report-new": 404, "version": 404,
                        "moderation": 403, "moderation-version": 403, "moderation-registrant": 403},
        "moderator": {"file": 200, "register": 200, "registrant": 404, "report-new": 404, "version": 404,
                      "moderation": 200, "moderation-version": 200, "moderation-registrant": 200},
        "admin": {"file": 200, "register": 200, "registrant": 404, "report-new": 404, "version": 404,
                  "moderation": 200, "moderation-version": 200, "moderation-registrant": 200},
    }
    users = {"public": person("public"), "filer": world["filer"], "other_filer": world["other_filer"],
             "moderator": world["moderator"], "admin": person("admin")}
    got = {}
    for role in expected:
        c = Client()
        if role != "anonymous":
            signed_in(c, users[role])
        got[role] = {name: c.get(url).status_code for name, url in pages.items()}
    assert got == expected
    # POSTs that change state: only the right people, and nothing changes otherwise.
    for role in ("public", "other_filer"):
        c = signed_in(Client(), users[role])
        assert c.post(f"/en/lobbying/moderation/version/{v.pk}/", {"action": "publish"}).status_code == 403
        assert c.post(f"/en/lobbying/file/report/{report.pk}/amend/").status_code == 404
    v.refresh_from_db()
    assert v.state == "submitted"


def test_forms_without_a_csrf_token_are_rejected(world):
    from django.test import Client

    c = signed_in(Client(enforce_csrf_checks=True), world["filer"])
    response = c.post("/en/lobbying/file/register/", {"bin": BIN, "name": "x", "kind": "ngo", "budget_band": "lt1m"})
    assert response.status_code == 403
    assert Registrant.objects.count() == 0
    page = c.get("/en/lobbying/file/register/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page

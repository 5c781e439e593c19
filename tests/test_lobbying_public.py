"""The register's public pages, downloads, feeds, API and a bill's timeline, on rows built here.

The register below holds, next to what is public, a pending registrant, a draft amendment, a
submitted and a returned report: every test checks that none of them leaks, by their marker words.
"""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from opentenge.legislation import models as lm
from opentenge.lobbying import models as lob
from opentenge.store import models as m
from people import person

ATOM = "{http://www.w3.org/2005/Atom}"
SECRETS = ("SECRET-DRAFT", "SECRET-SUBMITTED", "SECRET-RETURNED", "SECRET-PENDING", "Secret Official")
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(day + "T12:00"))


class Register:
    """Builds registrants, reports and versions directly (the filing workflow is tested elsewhere)."""

    def __init__(self):
        self.user = person("filer")
        self.ministry = m.Organisation.objects.create(key="BIN:000140001234", bin="000140001234",
                                                      name_ru="Министерство финансов")
        self.bill = lm.LegislativeAct.objects.create(key="bill:900", kind="bill", title_ru="О лоббизме",
                                                     title_kk="Лоббизм туралы", status="submitted")
        self.other_bill = lm.LegislativeAct.objects.create(key="npa:77", kind="draft", title_ru="О налогах",
                                                           status="discussion")

    def registrant(self, name, bin_, status=lob.Registrant.Status.ACTIVE, **extra):
        org = m.Organisation.objects.create(key=f"BIN:{bin_}", bin=bin_, name_ru=name)
        return lob.Registrant.objects.create(bin=bin_, organisation=org, name=name, status=status,
                                             kind=extra.pop("kind", "association"), budget_band="1m-5m",
                                             created_by=self.user, **extra)

    def report(self, registrant, year, quarter, **extra):
        return lob.Report.objects.create(registrant=registrant, year=year, quarter=quarter,
                                         due=date(year, quarter * 3, 28), **extra)

    def version(self, report, number, state, issues, published=None, bills=(), meetings=(), bodies=(), **extra):
        v = lob.ReportVersion.objects.create(report=report, number=number, state=state, issues=issues,
                                             created_by=self.user, published_at=_at(published) if published else None,
                                             **extra)
        v.bills.set(bills)
        for day, official, body_name, subject, bill, body in meetings:
            lob.Meeting.objects.create(version=v, date=date.fromisoformat(day), official_name=official,
                                       official_position="Vice minister", body_name=body_name, body=body,
                                       subject=subject, bill=bill)
        for name, org in bodies:
            lob.ContactedBody.objects.create(version=v, name=name, organisation=org)
        return v


def build_register() -> Register:
    """The fixture register; also loaded into the browser test's served database by a subprocess."""
    g = Register()
    P, S = lob.ReportVersion.State.PUBLISHED, lob.ReportVersion.State.SUPERSEDED
    g.alpha = g.registrant(f"Alpha {SCRIPT} Association", "000140000001", interests=f"Tax\n{SCRIPT}",
                           website="https://alpha.example.kz", registered_at=_at("2026-01-05"))
    door = lob.Lobbyist.objects.create(registrant=g.alpha, name=f"Aigerim {SCRIPT}")
    lob.FormerPosition.objects.create(lobbyist=door, position="Deputy minister", body_name="Министерство финансов",
                                      body=g.ministry, start=date(2018, 1, 1), end=date(2023, 6, 30))
    lob.Lobbyist.objects.create(registrant=g.alpha, name="Plain Person")
    client = lob.Client.objects.create(registrant=g.alpha, name="Client LLP", bin="000140000009")

    # 2026-Q1: v1 superseded by v2 (amended), filed late; v2 names the bill and meets twice.
    g.r1 = g.report(g.alpha, 2026, 1, state="published", late=True, published_at=_at("2026-04-25"))
    g.r1v1 = g.version(g.r1, 1, S, "Old issues of version one", "2026-04-25",
                       meetings=[("2026-02-01", "Old Official", "Министерство финансов", "old subject", None, g.ministry)])
    g.r1v2 = g.version(g.r1, 2, P, f"Tax code {SCRIPT}", "2026-05-02", bills=[g.bill],
                       amendment_note=f"Corrected the meeting date {SCRIPT}", spending_exact=Decimal("1500000.00"),
                       bodies=[("Министерство финансов", g.ministry)],
                       meetings=[("2026-02-03", "Asel Bekova", "Министерство финансов", f"Lobbying law {SCRIPT}",
                                  g.bill, g.ministry),
                                 ("2026-03-10", "Asel Bekova", "Министерство финансов", "Excise", None, g.ministry)])
    lob.ClientPayment.objects.create(version=g.r1v2, client=client, band="1m-5m")
    # 2026-Q2: v1 published, v2 a draft amendment that must stay invisible.
    g.r2 = g.report(g.alpha, 2026, 2, state="draft", published_at=_at("2026-07-10"))
    g.r2v1 = g.version(g.r2, 1, P, "Customs issues", "2026-07-10", spending_band="lt1m",
                       bodies=[("Akimat of Almaty", None)],
                       meetings=[("2026-05-05", "Nurlan Akimov", "Akimat of Almaty", "Parking", g.other_bill, None)])
    g.r2v2 = g.version(g.r2, 2, lob.ReportVersion.State.DRAFT, "SECRET-DRAFT amendment", bills=[g.bill],
                       meetings=[("2026-05-06", "Secret Official", "Министерство финансов", "SECRET-DRAFT", g.bill,
                                  g.ministry)])
    # Submitted and returned reports: never public.
    g.r3 = g.report(g.alpha, 2025, 4, state="submitted")
    g.version(g.r3, 1, lob.ReportVersion.State.SUBMITTED, "SECRET-SUBMITTED", bills=[g.bill])
    g.r4 = g.report(g.alpha, 2025, 3, state="returned")
    g.version(g.r4, 1, lob.ReportVersion.State.RETURNED, "SECRET-RETURNED", bills=[g.bill])
    # A withdrawn report: public and marked, but not counted and not on the bill's timeline.
    g.r5 = g.report(g.alpha, 2025, 2, state="withdrawn", published_at=_at("2025-07-15"),
                    withdrawn_at=_at("2025-09-01"), withdrawal_reason=f"Filed by mistake {SCRIPT}")
    g.r5v1 = g.version(g.r5, 1, P, "Withdrawn issues", "2025-07-15", bills=[g.bill],
                       meetings=[("2025-05-01", "Withdrawn Official", "Министерство финансов", "w", g.bill, g.ministry)])

    g.beta = g.registrant("Beta Consulting", "000140000002", kind="consultancy", registered_at=_at("2026-01-06"))
    g.r6 = g.report(g.beta, 2026, 1, state="published", published_at=_at("2026-04-15"))
    g.r6v1 = g.version(g.r6, 1, P, "Energy tariffs", "2026-04-15", bills=[g.bill],
                       bodies=[("Министерство финансов", g.ministry), ("Akimat of Almaty", None)],
                       meetings=[("2026-01-20", "Asel Bekova", "Министерство финансов", "Tariffs", g.bill, g.ministry)])

    g.gone = g.registrant("Gamma Withdrawn Union", "000140000003", status=lob.Registrant.Status.WITHDRAWN, kind="union")
    g.r7 = g.report(g.gone, 2025, 4, state="published", published_at=_at("2026-01-15"))
    g.version(g.r7, 1, P, "Labour code", "2026-01-15")

    g.pending = g.registrant("SECRET-PENDING Ltd", "000140000004", status=lob.Registrant.Status.PENDING)
    r8 = g.report(g.pending, 2026, 1, state="published", published_at=_at("2026-04-20"))
    g.version(r8, 1, P, "SECRET-PENDING issues", "2026-04-20", bills=[g.bill])

    lob.AuditEvent.objects.create(actor=g.user, actor_label="filer of Alpha", action="submit", registrant=g.alpha,
                                  report=g.r1, version=g.r1v2)
    lob.AuditEvent.objects.create(actor=g.user, actor_label="filer of Alpha", action="SECRET-DRAFT saved",
                                  registrant=g.alpha, report=g.r2, version=g.r2v2)
    lob.AuditEvent.objects.create(actor=g.user, actor_label="moderator", action="approve_registrant", registrant=g.alpha)
    return g


@pytest.fixture
def reg(db):
    return build_register()


def _no_secrets(text: str, where: str):
    for secret in SECRETS:
        assert secret not in text, (secret, where)


def _csv(response):
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_home_lists_public_registrants_and_reports_with_filters(client, reg):
    data = client.get("/en/lobbying.json").json()
    assert sorted(r["name"] for r in data["registrants"]) == sorted(
        [reg.alpha.name, "Beta Consulting", "Gamma Withdrawn Union"])
    assert data["counts"] == {"registrants": 3, "reports": 5, "meetings": 4}
    assert sorted(r["id"] for r in data["reports"]) == sorted([reg.r1.pk, reg.r2.pk, reg.r5.pk, reg.r6.pk, reg.r7.pk])
    assert data["reports"][0]["id"] == reg.r2.pk  # newest published first

    def report_ids(query):
        return sorted(r["id"] for r in client.get(f"/en/lobbying.json?{query}").json()["reports"])

    assert report_ids("q=000140000002") == [reg.r6.pk]
    assert report_ids("q=alpha&year=2026") == sorted([reg.r1.pk, reg.r2.pk])
    assert report_ids("quarter=1") == sorted([reg.r1.pk, reg.r6.pk])
    assert report_ids("kind=union") == [reg.r7.pk]
    assert report_ids("interest=tax") == sorted([reg.r1.pk, reg.r2.pk, reg.r5.pk])
    assert report_ids("body=akimat") == sorted([reg.r2.pk, reg.r6.pk])
    assert report_ids(f"bill={reg.bill.pk}") == sorted([reg.r1.pk, reg.r5.pk, reg.r6.pk])  # not the draft of r2
    html = client.get("/en/lobbying/").content.decode()
    assert ESCAPED in html and SCRIPT not in html
    _no_secrets(html, "home")
    _no_secrets(client.get("/en/lobbying.json").content.decode(), "home json")


def test_registrant_page_shows_profile_revolving_door_and_marks(client, reg):
    html = client.get(f"/en/lobbying/registrants/{reg.alpha.pk}/").content.decode()
    assert "Deputy minister" in html and 'data-testid="revolving-door"' in html
    assert "/en/org/000140000001/" in html and "/en/org/000140000009/" in html  # organisation and client by BIN
    assert 'data-testid="late"' in html and 'data-testid="withdrawn"' in html
    assert ESCAPED in html and SCRIPT not in html
    assert "approve_registrant" in html and "moderator" in html
    assert reg.user.email not in html
    _no_secrets(html, "registrant page")
    data = client.get(f"/en/lobbying/registrants/{reg.alpha.pk}.json").json()
    assert [r["period"] for r in data["reports"]] == ["2026-Q2", "2026-Q1", "2025-Q2"]
    assert [p["revolving_door"] for p in data["lobbyists"]] == [True, False]
    gone = client.get(f"/en/lobbying/registrants/{reg.gone.pk}/").content.decode()
    assert 'data-testid="registrant-withdrawn"' in gone
    assert client.get(f"/en/lobbying/registrants/{reg.pending.pk}/").status_code == 404
    assert client.get(f"/en/lobbying/registrants/{reg.pending.pk}.json").status_code == 404


def test_report_page_current_and_superseded_versions(client, reg):
    html = client.get(f"/en/lobbying/reports/{reg.r1.pk}/").content.decode()
    assert "Tax code " + ESCAPED in html and "Old issues of version one" not in html
    assert "Corrected the meeting date " + ESCAPED in html
    assert 'data-testid="late"' in html and "1\u202f500\u202f000\u202f₸" in html
    assert f"/en/legislation/{reg.bill.pk}/" in html and "/en/lobbying/bodies/000140001234/" in html
    assert "Superseded by a later version" in html  # the versions list
    assert SCRIPT not in html
    old = client.get(f"/en/lobbying/reports/{reg.r1.pk}/?version=1")
    assert old.status_code == 200
    old_html = old.content.decode()
    assert "Old issues of version one" in old_html and 'data-testid="superseded"' in old_html
    data = client.get(f"/en/lobbying/reports/{reg.r1.pk}.json").json()
    assert [(v["number"], v["state"], v["current"]) for v in data["versions"]] == [
        (1, "superseded", False), (2, "published", True)]
    assert [e["action"] for e in data["history"]] == ["submit"]
    assert data["shown"]["payments"] == [{"client": "Client LLP", "client_org": None, "amount": None,
                                         "band": "1m-5m", "band_label": "1–5 million ₸"}]
    # The draft amendment of r2 is not revealed: no version 2, no history of it.
    r2 = client.get(f"/en/lobbying/reports/{reg.r2.pk}.json").json()
    assert [v["number"] for v in r2["versions"]] == [1] and r2["history"] == []
    assert client.get(f"/en/lobbying/reports/{reg.r2.pk}/?version=2").status_code == 404
    _no_secrets(client.get(f"/en/lobbying/reports/{reg.r2.pk}/").content.decode(), "r2")
    for hidden in (reg.r3, reg.r4):
        assert client.get(f"/en/lobbying/reports/{hidden.pk}/").status_code == 404
        assert client.get(f"/en/lobbying/reports/{hidden.pk}.json").status_code == 404
    assert client.get(f"/en/lobbying/reports/{reg.r1.pk}/?version=9").status_code == 404
    withdrawn = client.get(f"/en/lobbying/reports/{reg.r5.pk}/").content.decode()
    assert 'data-testid="withdrawal"' in withdrawn and "2025-09-01" in withdrawn
    assert "Filed by mistake " + ESCAPED in withdrawn


def test_meeting_logs_by_filter_official_and_body(client, reg):
    def officials(query):
        return [i["official"] for i in client.get(f"/en/lobbying/meetings.json?{query}").json()["items"]]

    assert officials("") == ["Nurlan Akimov", "Asel Bekova", "Asel Bekova", "Asel Bekova"]  # newest first
    assert officials("official=asel&from=2026-02-01&to=2026-02-28") == ["Asel Bekova"]
    assert officials(f"bill={reg.bill.pk}") == ["Asel Bekova", "Asel Bekova"]
    assert officials("body=akimat") == ["Nurlan Akimov"]
    assert client.get("/en/lobbying/meetings/?from=yesterday").status_code == 400
    html = client.get("/en/lobbying/meetings/").content.decode()
    assert "Lobbying law " + ESCAPED in html and SCRIPT not in html
    _no_secrets(html, "meetings")
    person_log = client.get("/en/lobbying/officials.json?name=asel bekova").json()
    assert person_log["count"] == 3 and person_log["positions"] == ["Vice minister"]
    assert client.get("/en/lobbying/officials/?name=").status_code == 404
    body = client.get("/en/lobbying/bodies/000140001234.json").json()
    assert body["count"] == 3 and body["reports"] == 2  # r1 v2 and r6 name the ministry among bodies contacted
    assert client.get("/en/lobbying/bodies/000000000000/").status_code == 404


def test_rankings_equal_counts_computed_from_the_rows(client, reg):
    """Expected figures are counted here from the fixture's live versions (r1 v2, r2 v1, r6, r7)."""
    data = client.get("/en/lobbying/rankings.json").json()
    registrants = {r["name"]: (r["reports"], r["meetings"], r["total"]) for r in data["registrants"]}
    assert registrants == {reg.alpha.name: (2, 3, 5), "Beta Consulting": (1, 1, 2), "Gamma Withdrawn Union": (1, 0, 1)}
    bodies = {(r["name"], r["organisation"]): (r["reports"], r["meetings"]) for r in data["bodies"]}
    assert bodies == {("Министерство финансов", "000140001234"): (2, 3), ("Akimat of Almaty", None): (2, 1)}
    assert [r["name"] for r in data["bodies"]] == ["Министерство финансов", "Akimat of Almaty"]
    bills = {r["key"]: (r["reports"], r["meetings"]) for r in data["bills"]}
    assert bills == {"bill:900": (2, 2), "npa:77": (0, 1)}
    html = client.get("/en/lobbying/rankings/").content.decode()
    assert 'id="chart-registrants"' in html and 'id="data-bills"' in html and "Beta Consulting" in html
    _no_secrets(html, "rankings")


def test_downloads_hold_only_public_versions(client, reg):
    rows = _csv(client.get("/en/lobbying/reports.csv"))
    assert sorted((int(r["report_id"]), int(r["version"]), r["version_state"]) for r in rows) == sorted([
        (reg.r1.pk, 1, "superseded"), (reg.r1.pk, 2, "published"), (reg.r2.pk, 1, "published"),
        (reg.r5.pk, 1, "published"), (reg.r6.pk, 1, "published"), (reg.r7.pk, 1, "published")])
    r5 = next(r for r in rows if int(r["report_id"]) == reg.r5.pk)
    assert r5["withdrawn"] == "yes" and r5["withdrawal_reason"].startswith("Filed by mistake")
    r1 = next(r for r in rows if int(r["report_id"]) == reg.r1.pk and r["version"] == "2")
    assert (r1["late"], r1["bills"], r1["spending_exact"], r1["meetings"]) == ("yes", "bill:900", "1500000.00", "2")
    registrants = _csv(client.get("/en/lobbying/registrants.csv"))
    assert sorted(r["bin"] for r in registrants) == ["000140000001", "000140000002", "000140000003"]
    assert next(r for r in registrants if r["bin"] == "000140000001")["former_officials"] == "1"
    meetings = _csv(client.get("/en/lobbying/meetings.csv"))
    assert len(meetings) == 4 and {r["bill"] for r in meetings} == {"bill:900", "npa:77", ""}
    for name in ("registrants", "reports", "meetings"):
        body = client.get(f"/en/lobbying/{name}.csv").content.decode() + client.get(f"/en/lobbying/{name}.json").content.decode()
        _no_secrets(body, name)
    assert client.get("/en/lobbying/reports.json").json()["count"] == 6


def test_feeds_list_published_versions_only(client, reg):
    root = ET.fromstring(client.get("/en/lobbying/feed.atom").content)
    entries = root.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert ids[0] == f"tag:opentenge,2026:lobbying/report/{reg.r2.pk}/v1"
    assert sorted(ids) == sorted(f"tag:opentenge,2026:lobbying/report/{r.pk}/v{n}" for r, n in (
        (reg.r1, 1), (reg.r1, 2), (reg.r2, 1), (reg.r5, 1), (reg.r6, 1), (reg.r7, 1)))
    rss = ET.fromstring(client.get("/en/lobbying/feed.rss").content)
    assert rss.tag == "rss" and len(rss.findall("channel/item")) == 6
    own = ET.fromstring(client.get(f"/en/lobbying/registrants/{reg.beta.pk}/feed.atom").content)
    assert [e.find(f"{ATOM}title").text for e in own.findall(f"{ATOM}entry")] == ["Beta Consulting — 2026-Q1"]
    assert client.get(f"/en/lobbying/registrants/{reg.pending.pk}/feed.atom").status_code == 404
    for url in ("/en/lobbying/feed.atom", "/en/lobbying/feed.rss"):
        _no_secrets(client.get(url).content.decode(), url)


def test_api_answers_from_the_same_queries(client, reg):
    listed = client.get("/api/v1/lobbying/registrants?q=beta").json()
    assert [r["name"] for r in listed["items"]] == ["Beta Consulting"]
    assert client.get(f"/api/v1/lobbying/registrants/{reg.pending.pk}").status_code == 404
    reports = client.get("/api/v1/lobbying/reports?year=2026").json()
    assert reports["count"] == 4  # r1 v1+v2, r2 v1, r6 v1
    one = client.get(f"/api/v1/lobbying/reports/{reg.r1.pk}?version=1").json()
    assert one["shown"]["number"] == 1 and one["shown"]["state"] == "superseded"
    assert client.get(f"/api/v1/lobbying/reports/{reg.r3.pk}").status_code == 404
    assert client.get("/api/v1/lobbying/meetings?official=akimov").json()["count"] == 1
    assert client.get("/api/v1/lobbying/rankings").json()["registrants"][0]["name"] == reg.alpha.name
    for url in ("/api/v1/lobbying/registrants", "/api/v1/lobbying/reports", "/api/v1/lobbying/meetings"):
        _no_secrets(client.get(url).content.decode(), url)


def test_bill_timeline_shows_lobbying_report_and_meeting(client, reg):
    data = client.get(f"/en/legislation/{reg.bill.pk}.json").json()
    lobbying = [(s["type"], s["date"], s["registrant"]) for s in data["timeline"] if s["type"].startswith("lobbying")]
    assert lobbying == [("lobbying_meeting", "2026-01-20", "Beta Consulting"),
                        ("lobbying_meeting", "2026-02-03", reg.alpha.name),
                        ("lobbying_report", "2026-04-15", "Beta Consulting"),
                        ("lobbying_report", "2026-05-02", reg.alpha.name)]
    report_step = [s for s in data["timeline"] if s["type"] == "lobbying_report"][-1]
    assert report_step["report_id"] == reg.r1.pk and report_step["source"]["url"] == f"/en/lobbying/reports/{reg.r1.pk}/"
    html = client.get(f"/en/legislation/{reg.bill.pk}/").content.decode()
    timeline = html[html.index('data-testid="timeline"'):]
    assert f'href="/en/lobbying/registrants/{reg.beta.pk}/">Beta Consulting</a>' in timeline
    assert 'data-type="lobbying_report"' in timeline and 'data-type="lobbying_meeting"' in timeline
    assert "Lobbying law " + ESCAPED in timeline and SCRIPT not in html
    _no_secrets(html, "bill page")
    assert "Withdrawn issues" not in html and "Withdrawn Official" not in html


def test_organisation_page_panel(client, reg):
    ministry = client.get("/en/org/000140001234.json").json()
    assert ministry["lobbying"]["meeting_count"] == 3 and ministry["lobbying"]["registrant"] is None
    alpha = client.get("/en/org/000140000001/").content.decode()
    assert 'data-testid="lobbying-panel"' in alpha and f"/en/lobbying/registrants/{reg.alpha.pk}/" in alpha
    pending = client.get("/en/org/000140000004.json").json()
    assert "lobbying" not in pending

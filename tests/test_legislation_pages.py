"""Tracker pages, their JSON/CSV twins and Atom feeds, and the explainers in three languages."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from conftest import FIXTURES
from opentenge.ingest.runner import run_ingest
from opentenge.legislation import explainers as ex
from opentenge.legislation import models as lm
from opentenge.legislation import queries as q
from opentenge.store import models as m

LEG = FIXTURES / "legislation"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def tracker(db):
    m.Organisation.objects.create(key="BIN:000140001234", bin="000140001234",
                                  name_ru='ГУ "Министерство финансов Республики Казахстан"')
    run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    run_ingest("bills", [LEG / "bills_synthetic.json"])
    run_ingest("public_councils", [LEG / "public_councils"])
    return {a.key: a for a in lm.LegislativeAct.objects.all()}


def test_bill_timeline_is_in_the_order_things_happened(client, tracker):
    bill = tracker["bill:501"]
    data = client.get(f"/en/legislation/{bill.pk}.json").json()
    steps = [(s["date"], s["type"], s.get("stage") or s.get("outcome") or s.get("position")) for s in data["timeline"]]
    assert steps == [("2026-03-02", "discussion", None), ("2026-03-04", "proposal", "partly"),
                     ("2026-03-10", "opinion", "remarks"), ("2026-03-12", "proposal", "rejected"),
                     ("2026-03-16", "stage", "closed"), ("2026-04-20", "stage", "submitted"),
                     ("2026-06-03", "stage", "first_reading")]
    html = client.get(f"/en/legislation/{bill.pk}/").content.decode()
    timeline = html[html.index('data-testid="timeline"'):]
    order = [timeline.index(text) for text in ("Published for public discussion", "Partly accepted",
                                               "Supports with remarks", "Отменить требование", "Public discussion closed",
                                               "Submitted to Parliament", "Approved in first reading")]
    assert order == sorted(order)
    draft_html = client.get(f"/en/legislation/{tracker['npa:101'].pk}/").content.decode()
    assert re.search(r'data-testid="developer"><a href="/en/org/[^"]+/">ГУ &quot;Министерство финансов', draft_html)


def test_list_filters_status_body_open_and_short(client, tracker):
    def keys(query):
        return sorted(i["key"] for i in client.get(f"/en/legislation.json?{query}").json()["items"])

    assert keys("") == ["bill:501", "bill:502", "npa:101", "npa:102", "npa:103"]
    assert keys("status=closed") == ["npa:101", "npa:102"]
    assert keys("body=энергетики") == ["npa:102"]
    assert keys("short=1") == ["npa:102"]  # 1–5 April: 5 days, under the 10-day minimum; 101 had 15 days
    for today, expected in ((dt.date(2026, 11, 10), ["npa:103"]), (dt.date(2026, 11, 30), ["npa:103"]),
                            (dt.date(2026, 12, 1), []), (dt.date(2026, 3, 16), ["npa:101"])):
        listed = q.act_list({"open": "1"}, "en", today=today)["items"]
        assert [i["key"] for i in listed] == expected, today
    page = client.get("/ru/legislation/?short=1").content.decode()
    assert "слишком коротко" in page and "Об утверждении Правил выдачи лицензий" in page


def test_csv_has_every_listed_act(client, tracker):
    response = client.get("/en/legislation.csv?status=closed")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["key"], r["discussion_days"], r["discussion_too_short"]) for r in rows] == [
        ("npa:102", "5", "yes"), ("npa:101", "15", "no")]


def _entries(body: bytes):
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    for e in entries:
        for tag in ("id", "title", "updated"):
            assert (e.findtext(f"{ATOM}{tag}") or "").strip(), tag
        assert e.find(f"{ATOM}link").get("href")
    return entries


def test_feeds_are_atom_with_one_entry_per_step(client, tracker):
    bill = tracker["bill:501"]
    response = client.get(f"/en/legislation/{bill.pk}/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = _entries(response.content)
    assert len(entries) == 7
    assert entries[0].findtext(f"{ATOM}title").startswith("Approved in first reading")
    assert entries[0].findtext(f"{ATOM}updated").startswith("2026-06-03")
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/en/legislation/{bill.pk}/")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 7
    listed = _entries(client.get("/ru/legislation/feed.atom").content)
    updated = [e.findtext(f"{ATOM}updated") for e in listed]
    assert updated == sorted(updated, reverse=True) and len(listed) >= 9
    assert client.get("/en/legislation/999999/feed.atom").status_code == 404


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


EXPLAINER_PAGES = ["/learn/", "/learn/lobbying-or-bribery/", "/learn/glossary/",
                   *[f"/learn/{slug}/" for slug in ex.TOPICS]]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_explainer_pages_render_and_kk_ru_have_no_english_left(client, db, lang):
    english = []
    with translation.override("en"):
        for title, paragraphs, _ in ex.TOPICS.values():
            english += [str(title), *map(str, paragraphs)]
        english += [str(s) for _, s, e in ex.SCENARIOS] + [str(e) for _, s, e in ex.SCENARIOS]
        english += [str(d) for _, d in ex.GLOSSARY] + [str(n) for n, _ in ex.SOURCES.values()]
        english += ["Lobbying or bribery?", "Glossary", "Sources", "Answer"]
    for page in EXPLAINER_PAGES:
        response = client.get(f"/{lang}{page}")
        assert response.status_code == 200, page
        text = _visible_text(response.content.decode())
        left = [s for s in english if s in text]
        if lang == "en":
            assert left, page
        else:
            assert not left, f"{page} ({lang}) still shows English: {left[:2]}"
    quiz = client.get(f"/{lang}/learn/lobbying-or-bribery.json").json()
    assert len(quiz["scenarios"]) >= 8 and {s["answer"] for s in quiz["scenarios"]} == {"lobbying", "bribery",
                                                                                         "corruption"}


def test_every_explainer_cites_sources_by_name_and_official_url(client, db):
    for slug in ex.TOPICS:
        data = client.get(f"/en/learn/{slug}.json").json()
        assert data["sources"] and all(s["url"].startswith("https://") and s["name"] for s in data["sources"])
    html = client.get("/kk/learn/lobbying-bribery-corruption/").content.decode()
    assert "https://adilet.zan.kz/rus/docs/K1400000226" in html and "Қылмыстық кодексі" in html


def test_quiz_without_javascript_shows_answers_in_details(client, db):
    html = client.get("/ru/learn/lobbying-or-bribery/").content.decode()
    assert html.count("<details") == len(ex.SCENARIOS) >= 8
    assert "<script>" not in html and "onclick" not in html
    assert 'src="/static/legislation/quiz.js"' in html


def test_api_and_page_answer_from_the_same_query(client, tracker):
    api = client.get("/api/v1/legislation/acts?status=closed&lang=ru").json()
    page = client.get("/ru/legislation.json?status=closed").json()
    assert [i["key"] for i in api["items"]] == [i["key"] for i in page["items"]] == ["npa:102", "npa:101"]
    bill = tracker["bill:501"]
    detail = client.get(f"/api/v1/legislation/acts/{bill.pk}?lang=kk").json()
    assert detail["title"] == "«Қоғамдық бақылау туралы» Заңының жобасы"
    assert [s["date"] for s in detail["timeline"]][-1] == "2026-06-03"
    assert client.get("/api/v1/legislation/acts/999999").status_code == 404
    rows = list(csv.DictReader(io.StringIO(client.get(f"/en/legislation/{bill.pk}.csv").content.decode("utf-8-sig"))))
    assert [r["date"] for r in rows] == ["2026-03-02", "2026-03-04", "2026-03-10", "2026-03-12", "2026-03-16",
                                         "2026-04-20", "2026-06-03"]


def test_organisation_page_lists_the_drafts_it_developed(client, tracker):
    html = client.get("/en/org/000140001234/").content.decode()
    panel = html[html.index('data-testid="legislation-panel"'):]
    assert f'href="/en/legislation/{tracker["npa:101"].pk}/"' in panel
    assert "Developed 2 draft acts and bills" in panel  # npa:101 and npa:103 name the Ministry of Finance
    data = client.get("/en/org/000140001234.json").json()
    assert sorted(a["key"] for a in data["legislation"]["developed"]) == ["npa:101", "npa:103"]


def test_a_later_file_adds_to_the_status_history(client, tracker):
    summary = run_ingest("draft_acts", [LEG / "draft_acts_update_synthetic.csv"])
    assert (summary.inserted, summary.updated) == (0, 1)
    act = lm.LegislativeAct.objects.get(key="npa:103")
    assert (act.status, act.comments) == ("closed", 17)
    assert list(act.events.values_list("stage", "date")) == [("discussion", dt.date(2026, 11, 10)),
                                                            ("closed", dt.date(2026, 11, 30))]
    steps = client.get(f"/en/legislation/{act.pk}.json").json()["timeline"]
    assert [(s["date"], s["type"]) for s in steps] == [("2026-11-10", "discussion"), ("2026-11-30", "stage")]


def test_html_in_published_text_is_escaped(client, db):
    act = lm.LegislativeAct.objects.create(key="npa:7", kind="draft", title_ru='<script>alert("x")</script>',
                                           developer_name="<b>body</b>", status="discussion",
                                           discussion_start=dt.date(2026, 1, 1), discussion_end=dt.date(2026, 1, 20),
                                           source_url="https://legalacts.egov.kz/npa/view?id=7")
    for url in (f"/en/legislation/{act.pk}/", "/en/legislation/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
        assert "<b>body</b>" not in html
    feed = client.get(f"/en/legislation/{act.pk}/feed.atom").content
    ET.fromstring(feed)  # still well-formed XML


def test_council_register_shows_members_as_published_and_opinions(client, tracker):
    data = client.get("/ru/legislation/councils.json").json()
    (council,) = data["items"]
    assert council["body_org"] == "000140001234"
    assert council["members"] == [{"name": "Әбішева Әсел", "role": "председатель", "affiliation": "ОО «Болашақ»"}]
    assert [(o["date"], o["position"]) for o in council["opinions"]] == [("2026-03-10", "Поддерживает с замечаниями")]
    html = client.get("/kk/legislation/councils/").content.decode()
    assert "Қоғамдық кеңестер" in html and "Әбішева Әсел" in html and "870101300123" not in html

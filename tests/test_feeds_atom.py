"""Every Atom feed of the site validates as Atom (RFC 4287), and the watch feeds show the data.

Validation is against the RELAX NG schema of RFC 4287 Appendix B (tests/fixtures/atom/atom.rng,
see PROVENANCE.md there) with ``lxml.etree.RelaxNG`` (libxml2's validator). What RELAX NG cannot say
(the RFC's Schematron rules and section 4 prose) is checked in Python: ids present and unique,
``updated`` on every entry, an author for the feed, an alternate link for entries without content.

The list of feeds is not hand-kept: ``test_every_atom_feed_is_covered`` walks the URL
configuration and fails when a new Atom feed appears that this file does not fetch.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from opentenge.legislation import models as lm
from opentenge.politics import models as pm
from opentenge.store import models as m
from test_lobbying_public import build_register

SCHEMA = Path(__file__).parent / "fixtures" / "atom" / "atom.rng"
ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Read the date when each test runs, not when the module is collected.

    A suite started before midnight in Almaty (19:00 UTC) would otherwise date events "yesterday" while
    the follows and watches made during the test are dated today."""
    monkeypatch.setitem(globals(), "TODAY", timezone.localdate())


def _validator():
    """``validate(xml_bytes) -> (ok, message)`` against RFC 4287's schema."""
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    return lambda data: (schema.validate(etree.fromstring(data)), str(schema.error_log))


VALIDATE = _validator()


def assert_atom(data: bytes) -> ET.Element:
    """Valid against RFC 4287's schema, plus the rules the schema cannot express."""
    ok, message = VALIDATE(data)
    assert ok, message + "\n" + data.decode()[:2000]
    feed = ET.fromstring(data)
    assert feed.tag == ATOM + "feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(ATOM + name) or "").strip(), f"feed without {name}"
    entries = feed.findall(ATOM + "entry")
    feed_has_author = feed.find(ATOM + "author") is not None
    ids = [feed.findtext(ATOM + "id")]
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(ATOM + name) or "").strip(), f"entry without {name}"
        assert feed_has_author or entry.find(ATOM + "author") is not None, "RFC 4287 4.1.1: no author"
        alternates = [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        assert alternates or entry.find(ATOM + "content") is not None, "RFC 4287 4.1.2: no content, no alternate link"
        pairs = [(link.get("type"), link.get("hreflang")) for link in alternates]
        assert len(pairs) == len(set(pairs)), "RFC 4287 4.1.2: two alternate links with the same type and hreflang"
        ids.append(entry.findtext(ATOM + "id"))
    assert len(ids) == len(set(ids)), f"duplicate atom:id in {ids}"
    assert all(":" in i for i in ids), "atom:id must be an absolute IRI"
    return feed


def entry_ids(feed: ET.Element) -> list[str]:
    return [e.findtext(ATOM + "id") for e in feed.findall(ATOM + "entry")]


@pytest.fixture
def site(db):
    """A little of everything: a bill with steps, the lobbying register, contracts, a person."""
    from opentenge.ids.search import search_key

    g = build_register()
    lm.StatusEvent.objects.create(act=g.bill, stage="submitted", date=TODAY - timedelta(days=10),
                                  note="Внесён <b>Правительством</b>", source_url="https://example.org/e/1")
    akimat = m.Organisation.objects.create(key="BIN:000140000101", bin="000140000101", name_ru="Акимат & Ко",
                                           search_text=search_key("Акимат & Ко"))
    builder = m.Organisation.objects.create(key="BIN:000140000202", bin="000140000202", name_ru="ТОО <Строй>",
                                            search_text=search_key("ТОО Строй"))
    for gz_id, days in ((7001, 30), (7002, 2)):
        m.Contract.objects.create(gz_id=gz_id, customer=akimat, supplier=builder, method_id=6,
                                  contract_sum_wnds=Decimal("1000"), sign_date=TODAY - timedelta(days=days),
                                  description_ru=f"работы {gz_id}")
    p = pm.Person.objects.create(key="mazhilis:7", name_ru="Иванов Иван")
    pm.Position.objects.create(key="mazhilis:7:2023", person=p, chamber="mazhilis", role_ru="Депутат",
                               start_date=date(2023, 3, 29))
    pm.Declaration.objects.create(key="mazhilis:7:2024", person=p, year=2024, position="Депутат")
    return g


def feed_paths(g) -> dict[str, str]:
    return {
        "legislation-feed": "/ru/legislation/feed.atom",
        "legislation-act-feed": f"/ru/legislation/{g.bill.pk}/feed.atom",
        "lobbying-feed": "/ru/lobbying/feed.atom",
        "lobbying-registrant-feed": f"/ru/lobbying/registrants/{g.alpha.pk}/feed.atom",
        "watch-organisation-feed": "/ru/org/000140000101/feed.atom",
        "watch-person-feed": "/ru/person/mazhilis:7/feed.atom",
        "watch-search-feed": "/ru/search/feed.atom?q=%D1%81%D1%82%D1%80%D0%BE%D0%B9",
    }


def _atom_feed_names(patterns=None) -> set[str]:
    names = set()
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            names |= _atom_feed_names(p.url_patterns)
        elif isinstance(p, URLPattern) and isinstance(p.callback, Feed) and issubclass(p.callback.feed_type, Atom1Feed):
            names.add(p.name)
    return names


def test_every_atom_feed_is_covered(site):
    assert _atom_feed_names() == set(feed_paths(site))


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_atom_feed_validates(client, site, lang):
    for name, path in feed_paths(site).items():
        response = client.get(path.replace("/ru/", f"/{lang}/", 1))
        assert response.status_code == 200, (name, response.status_code)
        assert response["Content-Type"].startswith("application/atom+xml"), name
        feed = assert_atom(response.content)
        assert entry_ids(feed), f"{name}: the fixture should give every feed at least one entry"


def test_watch_feeds_show_the_data(client, site):
    org = ET.fromstring(client.get("/ru/org/000140000101/feed.atom").content)
    assert org.findtext(ATOM + "title") == "Акимат & Ко"
    assert entry_ids(org) == ["tag:opentenge,2026:contract:7002", "tag:opentenge,2026:contract:7001"]  # newest first
    first = org.find(ATOM + "entry")
    assert first.find(ATOM + "link").get("href").endswith("/ru/contract/7002/")
    assert "работы 7002" in first.findtext(ATOM + "summary")

    ministry = ET.fromstring(client.get("/ru/org/000140001234/feed.atom").content)
    assert any(i.startswith("tag:opentenge,2026:lobbying:") for i in entry_ids(ministry))  # met in published reports
    summaries = [e.findtext(ATOM + "summary") or "" for e in ministry.findall(ATOM + "entry")]
    assert not any("SECRET" in s for s in summaries)
    # type="html": text from the records is escaped once more, so a reader shows "<script>" as text
    assert any("&lt;script&gt;" in s for s in summaries) and not any("<script>" in s for s in summaries)

    person = ET.fromstring(client.get("/ru/person/mazhilis:7/feed.atom").content)
    assert person.findtext(ATOM + "title") == "Иванов Иван"
    assert entry_ids(person) == ["tag:opentenge,2026:declaration:mazhilis:7:2024",
                                 "tag:opentenge,2026:position:mazhilis:7:2023"]

    search = ET.fromstring(client.get("/ru/search/feed.atom", {"q": "  СТРОЙ "}).content)
    assert search.findtext(ATOM + "title").endswith("строй")
    assert set(entry_ids(search)) == {"tag:opentenge,2026:organisation:000140000202",
                                      "tag:opentenge,2026:contract:7001", "tag:opentenge,2026:contract:7002"}

    assert client.get("/ru/org/000149999999/feed.atom").status_code == 404
    assert client.get("/ru/person/nobody:1/feed.atom").status_code == 404
    assert client.get("/ru/search/feed.atom").status_code == 404  # no query, no feed


def test_validator_rejects_broken_atom(client, site):
    """The check can fail: the same feed without its id, or with a bad date, is refused."""
    good = client.get("/ru/org/000140000101/feed.atom").content
    feed = ET.fromstring(good)
    feed.remove(feed.find(ATOM + "id"))
    assert not VALIDATE(ET.tostring(feed))[0]
    feed = ET.fromstring(good)
    feed.find(ATOM + "entry").find(ATOM + "updated").text = "yesterday"
    assert not VALIDATE(ET.tostring(feed))[0]
    feed = ET.fromstring(good)
    feed.find(ATOM + "entry").append(ET.Element(ATOM + "bogus"))
    assert not VALIDATE(ET.tostring(feed))[0]


def test_entity_pages_link_their_feeds(client, site):
    page = client.get("/ru/person/mazhilis:7/").content.decode()
    assert 'href="/ru/person/mazhilis:7/feed.atom"' in page and 'data-testid="watch-sign-in"' in page

"""Pages and their JSON twins, in three languages, with figures reconciled to the files."""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from opentenge.store import queries as q

SYNTHETIC_IIN = "850315305674"
LANGS = ("kk", "ru", "en")
PAGES = ("", "search/?q=altyn", "org/990440012349/", "org/120840077883/", "contract/9001/", "contract/9002/",
         "quarantine/", "about/")



def _contract_flags(gz_id):
    from opentenge.indicators.queries import contract_flags

    return contract_flags(gz_id)

@pytest.fixture
def site(ingest_fixtures, client):
    return client


def _json(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


def test_root_redirects_to_a_language(site):
    response = site.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302 and response["Location"] == "/ru/"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_every_language(site, lang, page):
    response = site.get(f"/{lang}/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    for other in LANGS:  # the switch keeps the page and changes the prefix
        assert f'href="/{other}/{page.split("?")[0]}' in html
    assert SYNTHETIC_IIN not in html




def test_kazakh_and_russian_pages_have_no_english_ui(site):
    english = ["Overview", "Search", "Top buyers", "Top suppliers", "Spending by year", "contracts", "Quarantine",
               "About the data", "Where this comes from", "Method actually used"]
    for lang in ("kk", "ru"):
        for page in ("", "org/990440012349/", "contract/9001/"):
            html = site.get(f"/{lang}/{page}").content.decode()
            visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
            for word in english:
                assert not re.search(rf"\b{re.escape(word)}\b", visible), (lang, page, word)


@pytest.mark.parametrize("page,html_page,function", [
    ("index.json", "", lambda: q.overview()),
    ("org/990440012349.json", "org/990440012349/", None),
    ("contract/9001.json", "contract/9001/", lambda: {**q.contract_detail(9001), "flags": _contract_flags(9001)}),
    ("search.json?q=altyn", "search/?q=altyn", lambda: q.search_organisations("altyn")),
])
def test_json_twins_equal_the_query_function(site, page, html_page, function):
    from opentenge.web.jsonencoder import OpenTengeJSONEncoder

    data = _json(site.get(f"/en/{page}"))
    if function is not None:
        assert data == json.loads(json.dumps(function(), cls=OpenTengeJSONEncoder))
    else:
        assert data["as_buyer"]["contracts"] == q.organisation_detail("990440012349")["as_buyer"]["contracts"]
    same = _json(site.get(f"/en/{html_page}{'&' if '?' in html_page else '?'}format=json"))
    assert same == data


def test_home_figures_equal_the_files(site):
    data = _json(site.get("/en/index.json"))
    # 830112512 + 1500000.50 + 50000000 + 3000000 + 112 + 250 (9005 is deleted)
    assert Decimal(data["value"]) == Decimal("884612874.50")
    html = site.get("/ru/").content.decode()
    assert "884\u202f612\u202f874,50\u202f₸" in html


def test_organisation_page_shows_totals_and_contracts(site):
    html = site.get("/en/org/990440012349/").content.decode()
    assert "54\u202f500\u202f362.50\u202f₸" in html  # 1500000.50 + 50000000 + 3000000 + 112 + 250
    assert 'href="/en/contract/9003/"' in html
    assert site.get("/en/org/000000000000/").status_code == 404


def test_contracts_table_sorts_and_pages(site):
    table = _json(site.get("/en/org/990440012349/contracts/buyer/?sort=-value&format=json"))
    values = [Decimal(i["value"]) for i in table["items"]]
    assert values == sorted(values, reverse=True) and table["total"] == 6
    partial = site.get("/en/org/990440012349/contracts/buyer/?sort=value", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and b"<html" not in partial.content


def test_contract_page_shows_provenance(site):
    html = site.get("/kk/contract/9001/").content.decode()
    detail = q.contract_detail(9001)
    assert detail["provenance"]["sha256"] in html
    assert "items[0]" in html
    assert "Ашық конкурс" in html  # method name in Kazakh, from the dictionary


def test_quarantine_page_lists_reasons(site):
    html = site.get("/en/quarantine/").content.decode()
    for reason in ("wrong type", "malformed JSON", "unknown procurement method id 999", "API error page"):
        assert reason in html
    data = _json(site.get("/en/quarantine.json"))
    assert data["total"] == 10


def test_search_page_as_htmx_fragment(site):
    response = site.get("/kk/search/?q=Алтын", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"<html" not in response.content
    assert "Алтын Дала" in response.content.decode()


def test_the_json_link_keeps_the_pages_query(site):
    html = site.get("/en/search/?q=altyn").content.decode()
    link = re.search(r'<a href="([^"]*)" class="json-link"', html).group(1).replace("&amp;", "&")
    assert "q=altyn" in link and "format=json" in link
    twin = site.get("/en/search/" + link)
    assert _json(twin)["query"] == "altyn"

"""``/api/v1``: OpenAPI, cursor pagination with no cap, errors."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from opentenge.store import models as m

SYNTHETIC_IIN = "850315305674"


@pytest.fixture
def api(ingest_fixtures, client):
    def get(path, status=200):
        response = client.get(f"/api/v1{path}")
        assert response.status_code == status, response.content[:300]
        return json.loads(response.content)
    return get


def test_openapi_document_lists_every_endpoint(api):
    doc = api("/openapi.json")
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/stats", "/api/v1/overview", "/api/v1/search", "/api/v1/organisations",
                 "/api/v1/organisations/{org_id}", "/api/v1/organisations/{org_id}/contracts", "/api/v1/contracts",
                 "/api/v1/contracts/{contract_id}", "/api/v1/quarantine"):
        assert path in doc["paths"], path


def page_through(api, path: str) -> list:
    """Follow ``next_cursor`` until the end, as a client would."""
    ids, cursor = [], None
    while True:
        page = api(f"{path}{'&cursor=' + cursor if cursor else ''}")
        ids += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            return ids


def test_cursor_pagination_reaches_every_contract_exactly_once(api):
    seen = page_through(api, "/contracts?limit=2")
    assert sorted(seen) == sorted(m.Contract.objects.values_list("gz_id", flat=True))
    assert len(seen) == len(set(seen)) == 7


def test_organisation_pages_through_everything(api):
    ids = page_through(api, "/organisations?limit=1")
    assert len(ids) == len(set(ids)) == m.Organisation.objects.count()


def test_contract_detail_and_filters(api):
    contract = api("/contracts/9003")
    assert contract["value_with_vat"] == "50000000.00" and contract["method"]["en"].startswith("Single source")
    single_source = api("/contracts?method_id=23")
    assert [c["id"] for c in single_source["items"]] == [9003]
    by_buyer = api("/contracts?customer=990440012349&year=2024")
    assert {c["id"] for c in by_buyer["items"]} == {9002, 9003, 9005, 9101, 9110}


def test_stats_and_overview(api):
    stats = api("/stats")
    assert stats["contracts"] == 7 and stats["by_source"]["goszakup"]["quarantined"] == 10
    overview = api("/overview")
    assert Decimal(overview["value"]) == Decimal("884612874.50")


def test_search_in_cyrillic_and_latin(api):
    for query in ("Алтын", "altyn", "120840077883"):
        assert [o["id"] for o in api(f"/search?q={query}")["items"]] == ["120840077883"]


def test_errors(api):
    api("/contracts/1", status=404)
    api("/organisations/000000000000", status=404)
    api("/contracts?cursor=!!!", status=400)
    api("/contracts?limit=100000", status=422)


def test_no_full_iin_anywhere_in_the_api(api, client):
    for path in ("/contracts?limit=500", "/organisations?limit=500", "/contracts/9002", "/quarantine?limit=500",
                 "/search?q=Абишев", "/overview"):
        assert SYNTHETIC_IIN not in client.get(f"/api/v1{path}").content.decode()

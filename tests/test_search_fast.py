"""Issue 10's speed work changes how answers are found, never what they are.

- Search through the FTS5 trigram table (SQLite) or the pg_trgm index (PostgreSQL) returns exactly
  the organisations a plain scan of ``search_text`` returns, in the same order and pages, for words
  of every length, and stays in sync when organisations are inserted, renamed or deleted by raw SQL.
- The organisation page's pre-computed figures equal the live aggregate query, and the page is
  never stale: a contract changed behind the ORM's back makes it fall back to the live query.
- The fast JSON lists (contracts, organisations, search) are byte-for-byte what the schema-validated
  rendering gives.
"""
from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from opentenge.store import aggregates
from opentenge.store import models as m
from opentenge.store import queries as q
from opentenge.ids.search import search_key
from opentenge.store import search

WORDS = ["kazak", "astana", "kurilis", "too", "ao", "ip", "sapa", "altin", "dala", "2007", "k", "servis",
         "tranzit", "nur", "sultan", "almati", "kz", "energo", "ak"]


def _org(n: int, text: str, **extra) -> m.Organisation:
    return m.Organisation.objects.create(key=f"BIN:{n:012d}", bin=f"{n:012d}", name_ru=text.upper(), name_kk=text,
                                         search_text=search_key(text), **extra)


@pytest.fixture
def named_orgs(db):
    rng = random.Random(10)
    orgs = []
    for n in range(1, 161):
        text = " ".join(rng.sample(WORDS, rng.randint(1, 4)))
        if n % 7 == 0:
            text += f" {rng.choice(WORDS)}{rng.choice(WORDS)}"  # words glued together: substrings across them
        orgs.append(_org(100000000000 + n * 37, text))
    return orgs


def _scan(tokens: list[str]) -> list[int]:
    """The rule, computed in Python over every row: all tokens are substrings of search_text."""
    rows = m.Organisation.objects.order_by("id").values_list("id", "search_text")
    return [i for i, text in rows if all(t in text for t in tokens)]


def _walk(query: str, limit: int) -> list[int]:
    ids, cursor = [], None
    while True:
        page = q.search_organisations(query, cursor=cursor, limit=limit)
        ids += [m.Organisation.objects.get(bin=item["bin"]).id for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            return ids


QUERIES = ["kazak", "too", "ao", "k", "a", "astana dala", "ak sapa", "too ao ip", "kz 2007", "STRANZ", "zzzz",
           "Қазақ", "Астана", "ltin", "almatiak", "ip kurilis servis", "ak 20", "nur sultan"]


@pytest.mark.parametrize("query", QUERIES)
def test_search_returns_what_a_scan_returns(named_orgs, query):
    expected = _scan(search_key(query).split())
    for limit in (1, 7, 50):
        assert _walk(query, limit) == expected


def test_search_uses_the_index_where_one_applies(named_orgs):
    ids = search.page_of_ids(["kazak"], 0, 1000)
    if connection.vendor == "sqlite":
        assert ids == _scan(["kazak"]) and ids  # answered by the FTS5 table, same rows
        assert search.page_of_ids(["ao", "k"], 0, 10) is None  # 1–2 letters: no trigram to look up
    else:
        assert ids is None  # PostgreSQL: LIKE, served by the GIN index below
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'store_organisation_search_trgm'")
            (definition,) = cursor.fetchone()
        assert "gin_trgm_ops" in definition


def test_search_index_follows_raw_sql_writes(named_orgs):
    """The ingest writes with raw SQL: the index must follow inserts, renames and deletes anyway."""
    first = named_orgs[0]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE store_organisation SET search_text = %s WHERE id = %s", ["zebra limonad", first.id])
        cursor.execute("DELETE FROM store_organisation WHERE id = %s", [named_orgs[1].id])
    newcomer = _org(999999999999, "bizebral")
    assert _walk("Zebra", 50) == [first.id, newcomer.id]
    for query in QUERIES:
        assert _walk(query, 13) == _scan(search_key(query).split())


def test_bin_prefix_search(named_orgs):
    prefix = named_orgs[5].bin[:9]
    expected = [o.bin for o in sorted(named_orgs, key=lambda o: o.id) if o.bin.startswith(prefix)]
    assert [i["bin"] for i in q.search_organisations(prefix, limit=500)["items"]] == expected
    assert [i["bin"] for i in q.search_organisations(named_orgs[5].bin)["items"]] == [named_orgs[5].bin]
    assert q.search_organisations("1234567890123")["items"] == []


# -- pre-computed organisation figures ---------------------------------------------------------

@pytest.fixture
def contracts(db):
    """A buyer with 14 suppliers (so the top-10 cut and value ties matter), years with gaps, contracts
    without a sign date, deleted and foreign-currency ones (not counted), and a second buyer."""
    rng = random.Random(3)
    buyer, other_buyer = _org(910000000001, "buyer one"), _org(910000000002, "buyer two")
    suppliers = [_org(920000000000 + i, f"supplier {i}") for i in range(14)]
    gz = 1000
    for i in range(120):
        gz += 1
        supplier = suppliers[i % 14]
        m.Contract.objects.create(
            gz_id=gz, customer=buyer if i % 5 else other_buyer, supplier=supplier, method_id=rng.choice([2, 3, 6]),
            sign_date=None if i % 11 == 0 else date(rng.choice([2019, 2021, 2022, 2024]), rng.randint(1, 12), 3),
            contract_sum_wnds=Decimal(rng.randint(1, 10**8)) / 100 if i % 13 else Decimal("500.00"),
            deleted=i % 17 == 0, currency="USD" if i % 19 == 0 else "KZT")
    # two suppliers with exactly the same total: the tie is broken by id, as in the live query
    for supplier in suppliers[12:14]:
        gz += 1
        m.Contract.objects.create(gz_id=gz, customer=other_buyer, supplier=supplier, method_id=2,
                                  sign_date=date(2023, 1, 1), contract_sum_wnds=Decimal("123456789.01"))
    return buyer, other_buyer, suppliers


def _everyone():
    return [q.org_slug(o) for o in m.Organisation.objects.order_by("id")]


def _python_totals(org: m.Organisation, role: str) -> tuple[int, Decimal]:
    """Independently of SQL aggregates: add up the counted contracts in Python."""
    rows = m.Contract.objects.filter(**{"customer" if role == "buyer" else "supplier": org})
    counted = [c.contract_sum_wnds for c in rows if not c.deleted and c.currency == "KZT"]
    return len(counted), sum(counted, Decimal("0"))


def test_stored_figures_equal_the_live_query(contracts):
    buyer, other_buyer, suppliers = contracts
    assert aggregates.stored_figures(buyer.id) is None  # never refreshed: nothing is trusted yet
    aggregates.refresh_aggregates()
    for slug in _everyone():
        org = q.get_organisation(slug)
        assert aggregates.stored_figures(org.id) is not None, slug  # the page really reads the tables
        assert q.organisation_detail(slug) == q.organisation_detail(slug, live=True), slug
    detail = q.organisation_detail(q.org_slug(buyer))
    assert (detail["as_buyer"]["contracts"], detail["as_buyer"]["value"]) == _python_totals(buyer, "buyer")
    assert len(detail["as_buyer"]["top_suppliers"]) == aggregates.TOP_COUNTERPARTS
    assert None in [y["year"] for y in detail["as_buyer"]["by_year"]]  # undated contracts keep their row
    tied = q.organisation_detail(q.org_slug(other_buyer))["as_buyer"]["top_suppliers"]
    assert tied == q.organisation_detail(q.org_slug(other_buyer), live=True)["as_buyer"]["top_suppliers"]


def test_changed_contracts_are_never_served_stale(contracts, monkeypatch):
    monkeypatch.setattr(aggregates, "_FULL_SHARE", 1.0)  # a tiny fixture: keep the per-organisation path
    buyer, other_buyer, suppliers = contracts
    aggregates.refresh_aggregates()
    contract = m.Contract.objects.filter(customer=buyer, deleted=False, currency="KZT").order_by("id").first()
    with connection.cursor() as cursor:  # behind the ORM's back, as the raw-SQL ingest writer does
        cursor.execute("UPDATE store_contract SET contract_sum_wnds = contract_sum_wnds + 100000 WHERE id = %s",
                       [contract.id])
    assert aggregates.stored_figures(buyer.id) is None
    assert aggregates.stored_figures(contract.supplier_id) is None
    assert aggregates.stored_figures(other_buyer.id) is not None  # untouched organisations keep theirs
    detail = q.organisation_detail(q.org_slug(buyer))
    assert (detail["as_buyer"]["contracts"], detail["as_buyer"]["value"]) == _python_totals(buyer, "buyer")

    m.Contract.objects.filter(customer=other_buyer).order_by("id").first().delete()
    m.Contract.objects.create(gz_id=5, customer=other_buyer, supplier=suppliers[0], method_id=2,
                              sign_date=date(2020, 5, 5), contract_sum_wnds=Decimal("77.70"))
    with connection.cursor() as cursor:  # a linking merge re-points a supplier's contracts
        cursor.execute("UPDATE store_contract SET supplier_id = %s WHERE supplier_id = %s",
                       [suppliers[1].id, suppliers[2].id])
    stale = set(m.AggregateDirty.objects.values_list("organisation_id", flat=True))
    assert {buyer.id, other_buyer.id, suppliers[0].id, suppliers[1].id, suppliers[2].id} <= stale
    for slug in _everyone():
        assert q.organisation_detail(slug) == q.organisation_detail(slug, live=True), slug

    result = aggregates.refresh_changed()
    assert result == {"full": False, "organisations": len(stale), "seconds": result["seconds"]}
    assert not m.AggregateDirty.objects.exists()
    for slug in _everyone():
        org = q.get_organisation(slug)
        assert aggregates.stored_figures(org.id) is not None
        assert q.organisation_detail(slug) == q.organisation_detail(slug, live=True), slug


def test_an_ingest_refreshes_the_figures(ingest_fixtures):
    assert m.AggregateState.objects.exists()  # ingest.runner calls refresh_changed at the end of a run
    assert not m.AggregateDirty.objects.exists()
    for slug in _everyone():
        assert aggregates.stored_figures(q.get_organisation(slug).id) is not None
        assert q.organisation_detail(slug) == q.organisation_detail(slug, live=True), slug


def test_organisation_contract_table_matches_the_models(contracts):
    buyer = contracts[0]
    for sort in q.CONTRACT_SORTS:
        table = q.organisation_contracts(q.org_slug(buyer), "buyer", sort=sort, page=2, per_page=20)
        order = q.CONTRACT_SORTS[sort]
        expected = m.Contract.objects.filter(customer=buyer).select_related("customer", "supplier").order_by(*order)
        assert table["total"] == expected.count()
        assert table["items"] == [q.contract_summary(c) for c in expected[20:40]]


# -- the fast JSON lists -------------------------------------------------------------------------

def _validated(schema, page: dict, client_response) -> bytes:
    """What ninja would send after validating ``page`` against ``schema`` (the previous code path)."""
    from opentenge.api.routes import api

    dumped = schema.model_validate(page).model_dump()
    return api.renderer.render(None, dumped, response_status=200).encode()


@pytest.mark.parametrize("path,schema_name,fields,serialise", [
    ("/contracts?sort=-value&limit=50", "ContractPage", "CONTRACT_SORTS", "contract_summary"),
    ("/contracts?sort=date&limit=7", "ContractPage", "CONTRACT_SORTS", "contract_summary"),
    ("/organisations?sort=name&limit=9", "OrganisationPage", "ORGANISATION_SORTS", "organisation_summary"),
])
def test_fast_lists_are_the_validated_json(contracts, client, settings, path, schema_name, fields, serialise):
    from opentenge.api import schemas
    from opentenge.api.paging import keyset_page

    settings.OPENTENGE_API_RATE_LIMIT = 10**6
    model = m.Contract if "contracts" in path else m.Organisation
    sort, limit = path.split("sort=")[1].split("&limit=")
    cursor, pages = None, 0
    while pages == 0 or cursor:  # every page, following the cursor
        pages += 1
        url = f"/api/v1{path}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        before = keyset_page(model.objects.select_related(*(["customer", "supplier"] if model is m.Contract else [])),
                             sort=sort, fields=getattr(schemas, fields), cursor=cursor, limit=int(limit),
                             serialise=getattr(q, serialise))
        assert response.content == _validated(getattr(schemas, schema_name), before, response)
        cursor = json.loads(response.content)["next_cursor"]
    assert pages >= 2


def test_fast_search_is_the_validated_json(named_orgs, client, settings):
    from opentenge.api.schemas import SearchPage

    settings.OPENTENGE_API_RATE_LIMIT = 10**6
    response = client.get("/api/v1/search?q=kazak&limit=5")
    assert response.status_code == 200
    assert response.content == _validated(SearchPage, q.search_organisations("kazak", limit=5), response)
    assert len(json.loads(response.content)["items"]) == 5

"""``/api/v1`` lists: every row exactly once through cursors, in the declared order, filters, limits.

Fixture data is tiny and built here (plus the goszakup fixture for contracts and organisations);
each expectation is computed from the database independently of the paging code.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from opentenge.api import paging
from opentenge.store import models as m


@pytest.fixture
def get(client, settings):
    settings.OPENTENGE_API_RATE_LIMIT = 10**6

    def fetch(path, status=200):
        response = client.get(f"/api/v1{path}")
        assert response.status_code == status, response.content[:400]
        return json.loads(response.content)
    return fetch


def walk(get, path: str) -> list[dict]:
    """Follow next_cursor to the end, as a client would; every item of every page."""
    base, _, query = path.partition("?")
    params = dict(parse_qsl(query))
    items, cursor = [], params.pop("cursor", None)
    for _ in range(1000):
        page = get(f"{base}?{urlencode({**params, **({'cursor': cursor} if cursor else {})})}")
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("cursor never ended")


def expected_order(rows, key, descending):
    """Nulls last in both directions, ties by id in the sort's direction: the documented order."""
    present = sorted((r for r in rows if r[key] is not None), key=lambda r: (r[key], r["pk"]), reverse=descending)
    missing = sorted((r for r in rows if r[key] is None), key=lambda r: r["pk"], reverse=descending)
    return [r["pk"] for r in present + missing]


# -- contracts and organisations (goszakup fixture) ------------------------------------------------

def test_contracts_every_row_once_in_sort_order(ingest_fixtures, get):
    for sort, field in [("id", "id"), ("-value", "contract_sum_wnds"), ("date", "sign_date"),
                        ("-date", "sign_date"), ("year", "fin_year")]:
        got = [c["id"] for c in walk(get, f"/contracts?limit=2&sort={sort}")]
        rows = [{"pk": c.pk, "gz": c.gz_id, field: getattr(c, field)} for c in m.Contract.objects.all()]
        by_pk = {r["pk"]: r["gz"] for r in rows}
        assert got == [by_pk[pk] for pk in expected_order(rows, field, sort.startswith("-"))], sort
        assert len(got) == len(set(got)) == m.Contract.objects.count()


def test_contracts_sorted_by_value_really_descend(ingest_fixtures, get):
    values = [Decimal(c["value"]) for c in walk(get, "/contracts?limit=3&sort=-value")]
    assert values == sorted(values, reverse=True) and len(values) == 7


def test_paging_is_stable_when_rows_are_inserted_meanwhile(ingest_fixtures, get):
    first = get("/contracts?limit=3&sort=-value")
    template = m.Contract.objects.order_by("id").first()
    template.pk, template.gz_id, template.contract_sum_wnds = None, 999_001, Decimal("10") ** 12
    template.save()  # sorts before everything already served
    rest = walk(get, f"/contracts?limit=3&sort=-value&cursor={first['next_cursor']}")
    served = [c["id"] for c in first["items"] + rest]
    assert 999_001 not in served  # it landed behind the cursor: not served twice, nothing shifted
    assert sorted(served) == sorted(m.Contract.objects.exclude(gz_id=999_001).values_list("gz_id", flat=True))


def test_contract_filters_and_limits(ingest_fixtures, get):
    assert [c["id"] for c in walk(get, "/contracts?method_id=23&sort=-date")] == [9003]
    assert {c["id"] for c in walk(get, "/contracts?customer=990440012349&year=2024&limit=1")} == \
        {9002, 9003, 9005, 9101, 9110}
    get("/contracts?limit=501", status=422)
    get("/contracts?limit=0", status=422)
    assert len(get("/contracts?limit=500")["items"]) == 7
    get("/contracts?sort=colour", status=422)
    cursor = get("/contracts?limit=1&sort=-value")["next_cursor"]
    problem = get(f"/contracts?limit=1&sort=date&cursor={cursor}", status=400)
    assert "sort" in problem["detail"]
    get("/contracts?cursor=bm9wZQ", status=400)


def test_organisations_filter_by_role_and_sort_by_name(ingest_fixtures, get):
    buyers = walk(get, "/organisations?role=buyer&sort=name&limit=1")
    assert {o["id"] for o in buyers} == {m.Organisation.objects.get(pk=pk).bin or "" for pk in
                                         m.Organisation.objects.filter(is_customer=True).values_list("pk", flat=True)}
    names = [o["name_ru"] for o in buyers]
    assert names == sorted(names)
    everyone = walk(get, "/organisations?limit=2&sort=-name")
    assert len(everyone) == len({o["id"] for o in everyone}) == m.Organisation.objects.count()


def test_quarantine_pages_and_filters(ingest_fixtures, get):
    rows = walk(get, "/quarantine?limit=3&sort=-created")
    assert len(rows) == len({r["id"] for r in rows}) == m.QuarantinedRecord.objects.count() == 10
    assert get("/quarantine?source=nothing")["total"] == 0


# -- the helper itself -----------------------------------------------------------------------------

def test_keyset_list_nulls_last_and_every_row_once():
    rows = [{"id": i, "v": v} for i, v in enumerate([3, None, 1, 3, None, 2, 1])]
    for sort in ("v", "-v"):
        seen, cursor = [], None
        while True:
            page = paging.keyset_list(rows, sort=sort, fields={"v": "v"}, cursor=cursor, limit=2)
            seen += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert [r["id"] for r in seen] == expected_order([{"pk": r["id"], "v": r["v"]} for r in rows], "v",
                                                         sort == "-v")
        assert seen[-1]["v"] is None and page["total"] == 7


def test_cursor_round_trips_typed_values():
    for value in (None, 5, Decimal("1.50"), date(2024, 2, 29), datetime(2024, 1, 1, tzinfo=timezone.utc), "Ақ"):
        assert paging.decode(paging.encode("x", value, 7), "x") == (value, 7)
    with pytest.raises(paging.BadCursor):
        paging.decode(paging.encode("x", 1, 1), "-x")


# -- politics --------------------------------------------------------------------------------------

@pytest.fixture
def politicians(db):
    from opentenge.politics import models as pm

    party = pm.Party.objects.create(key="alpha", name_ru="Альфа", name_kk="Альфа", name_en="Alpha")
    pm.Party.objects.create(key="beta", name_ru="Бета")
    pm.PartyFunding.objects.create(key="alpha:2024", party=party, year=2024, amount=Decimal("100.00"),
                                   source_url="https://example.org")
    people = []
    for i, (name, chamber, current) in enumerate([("Жаров", "mazhilis", True), ("Абаев", "senate", True),
                                                   ("Бекова", "mazhilis", False), ("Ерлан", "executive", True),
                                                   ("Валиев", "mazhilis", True)]):
        person = pm.Person.objects.create(key=f"test:{i}", name_ru=name, search_text=name.lower())
        pm.Position.objects.create(key=f"pos:{i}", person=person, chamber=chamber, is_current=current,
                                   party=party if chamber == "mazhilis" else None)
        people.append(person)
    for election, n in (("mazhilis-2023", 2), ("senate-2023", 1)):
        for line in ("1", "2")[:n]:
            pm.ElectionFundFigure.objects.create(election=election, party=party, line=line, amount=Decimal("5"),
                                                 source_url="https://example.org/r", source_page="1",
                                                 status="published", entered_by="a", confirmed_by="b")
    return people


def test_people_list_pages_filters_and_sorts(politicians, get):
    everyone = walk(get, "/politics/people?limit=2&sort=name")
    assert [p["name"] for p in everyone] == sorted(p.name_ru for p in politicians)
    assert len({p["id"] for p in everyone}) == 5
    mazhilis = walk(get, "/politics/people?chamber=mazhilis&limit=1")
    assert {p["id"] for p in mazhilis} == {"test:0", "test:2", "test:4"}
    in_office = walk(get, "/politics/people?chamber=mazhilis&current=true")
    assert {p["id"] for p in in_office} == {"test:0", "test:4"}
    assert [p["id"] for p in walk(get, "/politics/people?party=alpha&sort=-key")] == ["test:4", "test:2", "test:0"]
    get("/politics/people?chamber=cabinet", status=422)
    assert get(f"/politics/people/{everyone[0]['id']}")["key"] == everyone[0]["id"]  # stable id → detail


def test_parties_and_elections_lists(politicians, get):
    parties = walk(get, "/politics/parties?limit=1&sort=-funding")
    assert [p["id"] for p in parties] == ["alpha", "beta"]  # beta has no funding: null comes last
    assert parties[0]["seats"] == 2 and Decimal(parties[0]["funding_total"]) == Decimal("100")
    elections = walk(get, "/politics/elections?limit=1&sort=-figures")
    assert [(e["id"], e["figures"]) for e in elections] == [("mazhilis-2023", 2), ("senate-2023", 1)]
    assert get(f"/politics/elections/{elections[0]['id']}")["election"] == "mazhilis-2023"


# -- civil society ---------------------------------------------------------------------------------

@pytest.fixture
def grants(db):
    from opentenge.civil import models as cm

    orgs = [m.Organisation.objects.create(key=f"BIN:10014000000{i}", bin=f"10014000000{i}", name_ru=f"НКО {i}")
            for i in range(3)]
    for i, org in enumerate(orgs):
        cm.NgoRegistration.objects.create(key=f"BIN:{org.bin}", organisation=org, bin=org.bin, name_ru=org.name_ru,
                                          legal_form="ОО", legal_form_code="PA" if i else "PF",
                                          region_code="almaty" if i < 2 else "")
    amounts = [Decimal("500.00"), Decimal("100.00"), Decimal("500.00"), Decimal("300.00")]
    for i, amount in enumerate(amounts):
        cm.GrantAward.objects.create(key=f"g{i}", kind="award" if i == 3 else "grant", year=2023 + i % 2,
                                     operator="Оператор", programme="Программа", programme_key="programma",
                                     recipient=orgs[i % 3], recipient_name=orgs[i % 3].name_ru, amount=amount,
                                     award_date=date(2024, 1, i + 1) if i != 1 else None)
    for i in range(3):
        cm.ForeignFunding.objects.create(key=f"f{i}", recipient=orgs[i], recipient_kind="legal_entity",
                                         donor_name="Donor", donor_key="donor", donor_country_code="US" if i else "DE",
                                         amount=Decimal(100 * (i + 1)), period="2024", year=2024,
                                         period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))
    return orgs


def test_grant_awards_every_row_in_amount_order(grants, get):
    rows = walk(get, "/civil/grant-awards?limit=1&sort=-amount")
    assert [r["id"] for r in rows] == ["g2", "g0", "g3", "g1"]  # equal amounts: higher id first, descending
    assert [r["id"] for r in walk(get, "/civil/grant-awards?sort=date&limit=2")] == ["g0", "g2", "g3", "g1"]
    assert [r["id"] for r in walk(get, "/civil/grant-awards?kind=award")] == ["g3"]
    assert {r["id"] for r in walk(get, "/civil/grant-awards?amount_min=300&year=2023")} == {"g0", "g2"}
    assert {r["id"] for r in walk(get, f"/civil/grant-awards?recipient={grants[0].bin}")} == {"g0", "g3"}
    assert get("/civil/grant-awards/g1")["amount"] == "100.00"
    get("/civil/grant-awards/nope", status=404)
    get("/civil/grant-awards?amount_min=-5", status=422)


def test_foreign_funding_and_ngo_lists(grants, get):
    assert [r["id"] for r in walk(get, "/civil/foreign-funding?limit=1&sort=-amount")] == ["f2", "f1", "f0"]
    assert [r["id"] for r in walk(get, "/civil/foreign-funding?country=US")] == ["f1", "f2"]
    assert get("/civil/foreign-funding/f0")["country_code"] == "DE"
    ngos = walk(get, "/civil/ngos?limit=1")
    assert [n["id"] for n in ngos] == [o.bin for o in grants]
    assert {n["id"] for n in walk(get, "/civil/ngos?region=almaty&legal_form=PA")} == {grants[1].bin}
    get("/civil/ngos?region=mars", status=422)


def test_grants_explorer_declares_its_parameters(grants, get):
    page = get("/civil/grants?sort=amount&kind=grant&page=1")
    assert [i["amount"] for i in page["table"]["items"]] == ["100.00", "500.00", "500.00"]
    for bad in ("sort=size", "kind=loan", "page=0", "amount_min=abc", "region=nowhere"):
        get(f"/civil/grants?{bad}", status=422)


# -- legislation, indicators -------------------------------------------------------------------------

def test_acts_page_with_cursor_and_sort(db, get):
    from opentenge.legislation import models as lm

    for i, start in enumerate([date(2024, 3, 1), None, date(2024, 1, 1), date(2024, 2, 1)]):
        lm.LegislativeAct.objects.create(key=f"npa:{i}", kind="draft" if i % 2 else "bill", status="discussion",
                                         title_ru=f"Акт {i}", discussion_start=start)
    acts = walk(get, "/legislation/acts?limit=1")
    assert [a["key"] for a in acts] == ["npa:0", "npa:3", "npa:2", "npa:1"]  # newest first, undated last
    assert [a["key"] for a in walk(get, "/legislation/acts?sort=discussion_start&limit=3")] == \
        ["npa:2", "npa:3", "npa:0", "npa:1"]
    assert {a["key"] for a in walk(get, "/legislation/acts?kind=draft")} == {"npa:1", "npa:3"}
    assert get(f"/legislation/acts/{acts[0]['id']}")["key"] == "npa:0"


def test_flag_results_list(ingest_fixtures, get):
    from opentenge.indicators.models import FlagResult

    buyer = m.Organisation.objects.get(bin="990440012349")
    now = datetime(2024, 5, 1, tzinfo=timezone.utc)
    for i, outcome in enumerate(["flagged", "clear", "insufficient_data", "flagged", "clear"]):
        FlagResult.objects.create(code="R001" if i < 3 else "R007", subject_kind="organisation",
                                  subject_key=buyer.bin, outcome=outcome, computed_at=now, method_version="1",
                                  buyer=buyer if i % 2 == 0 else None, value=Decimal(i) if i != 2 else None)
    everything = walk(get, "/indicators/results?limit=2&sort=-value")
    assert len(everything) == len({r["id"] for r in everything}) == 5
    assert everything[-1]["value"] is None  # insufficient data: no value, shown last, never as zero
    assert {r["outcome"] for r in walk(get, "/indicators/results?outcome=flagged")} == {"flagged"}
    assert len(walk(get, "/indicators/results?code=r001&buyer=990440012349")) == 2
    assert get(f"/indicators/results/{everything[0]['id']}")["value"] == everything[0]["value"]
    get("/indicators/results?outcome=maybe", status=422)
    get("/indicators/results/999999", status=404)


# -- tenders and lots (goszakup fixture, counted from the files themselves) --------------------------

def _fixture_records(name: str) -> list[dict]:
    from conftest import GOSZAKUP, fixture_items

    return fixture_items(GOSZAKUP / name)


def test_tenders_and_lots_every_row_once_with_filters_and_details(ingest_fixtures, get):
    announcements = _fixture_records("graphql-trd-buy.p1.synthetic.json")
    lots = _fixture_records("lots.p1.synthetic.json")
    assert sorted(t["id"] for t in walk(get, "/tenders?limit=1")) == sorted(a["id"] for a in announcements)
    assert sorted(lot["id"] for lot in walk(get, "/lots?limit=1&sort=-value")) == sorted(r["id"] for r in lots)
    values = [Decimal(lot["amount"]) for lot in walk(get, "/lots?limit=1&sort=-value")]
    assert values == sorted(values, reverse=True)
    assert [t["id"] for t in walk(get, "/tenders?customer=990440012349")] == [
        a["id"] for a in announcements if a.get("customerBin") == "990440012349"]
    first = lots[0]
    assert [lot["id"] for lot in walk(get, f"/lots?tender={first['trd_buy_id']}")] == [
        r["id"] for r in lots if r["trd_buy_id"] == first["trd_buy_id"]]
    detail = get(f"/tenders/{first['trd_buy_id']}")
    assert [lot["id"] for lot in detail["lots"]] == [r["id"] for r in lots if r["trd_buy_id"] == first["trd_buy_id"]]
    assert {c["id"] for c in detail["contracts"]} == set(
        m.Contract.objects.filter(tender_id=first["trd_buy_id"]).values_list("gz_id", flat=True))
    assert detail["provenance"]["file"].endswith(".json")
    lot = get(f"/lots/{first['id']}")
    assert Decimal(lot["amount"]) == Decimal(str(first["amount"])) and lot["tender_id"] == first["trd_buy_id"]
    get("/tenders/424242", status=404)
    get("/lots/424242", status=404)
    get("/tenders?sort=bogus", status=422)

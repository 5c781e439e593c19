"""The civil-society pages, their JSON and CSV twins and ``/api/v1/civil`` on known data.

Data: the hand-made grant lists, NGO database and a foreign-funding register of
tests/fixtures/civil (see test_civil_import.py), plus procurement contracts written here, so every
expected figure below is worked out by hand from those files.
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.test import Client

from conftest import FIXTURES
from opentenge.ids.kz import make_valid_bin
from test_civil_import import BIN_YOUTH, FOREIGN_ROWS, IIN_JOURNALIST, _register_xlsx

pytestmark = pytest.mark.django_db
CIVIL = FIXTURES / "civil"
THIN = "\u202f"
D = Decimal
# Болашақ Жастар, by year: grants (kz1048 2021, cp1251 2022, utf-8 2023, mapped 2024), foreign, contracts
EXPECTED_YOUTH = {
    2021: {"state_grants": "3000000.00", "foreign": "0.00", "social_order": "0.00", "procurement": "0.00"},
    2022: {"state_grants": "9000000.00", "foreign": "15000000.00", "social_order": "5000000.00", "procurement": "0.00"},
    2023: {"state_grants": "12500000.00", "foreign": "2500000.50", "social_order": "7500000.50",
           "procurement": "1000000.00"},
    2024: {"state_grants": "1500250.00", "foreign": "0.00", "social_order": "0.00", "procurement": "0.00"},
}
LABELS = {"en": ("State social order", "State grants and awards", "Foreign sources", "United States"),
          "ru": ("Государственный социальный заказ", "Государственные гранты и премии", "Иностранные источники", "США"),
          "kk": ("Мемлекеттік әлеуметтік тапсырыс", "Мемлекеттік гранттар мен сыйлықақылар", "Шетелдік көздер", "АҚШ")}


@pytest.fixture
def civil_data(tmp_path):
    import datetime as dt

    from opentenge.ingest.runner import run_ingest
    from opentenge.store import models as m

    run_ingest("state_grants", [CIVIL / name for name in (
        "grants_awards_2023_synthetic_utf8bom.csv", "grants_awards_2022_synthetic_cp1251.csv",
        "grants_awards_2021_synthetic_kz1048.csv", "grants_competitions_2023_synthetic.csv", "mapped")])
    run_ingest("ngo_register", [CIVIL / "ngo_register_synthetic.csv"])
    register = tmp_path / "reestr_synthetic.xlsx"
    _register_xlsx(register, FOREIGN_ROWS)
    run_ingest("foreign_funding", [register])
    buyer_bin = make_valid_bin(5, 1, 4, 0, 777)
    buyer = m.Organisation.objects.create(key=f"BIN:{buyer_bin}", bin=buyer_bin, name_ru="ГУ «Аппарат акима (синтетический)»",
                                          is_customer=True)
    youth = m.Organisation.objects.get(bin=BIN_YOUTH)
    for gz_id, day, method, value, deleted in ((1, dt.date(2022, 5, 1), 52, "5000000.00", False),
                                               (2, dt.date(2023, 6, 1), 52, "7500000.50", False),
                                               (3, dt.date(2023, 7, 1), 2, "1000000.00", False),
                                               (4, dt.date(2023, 8, 1), 52, "999999.00", True)):
        m.Contract.objects.create(gz_id=gz_id, customer=buyer, supplier=youth, sign_date=day, method_id=method,
                                  contract_sum_wnds=D(value), deleted=deleted, source="goszakup",
                                  contract_number_sys=f"Д-{gz_id}")
    return {"buyer": buyer_bin}


def test_ngo_profile_shows_the_three_kinds_in_kk_ru_en(civil_data):
    client = Client()
    for lang, (social, grants, foreign, usa) in LABELS.items():
        page = client.get(f"/{lang}/civil/ngo/{BIN_YOUTH}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert f'<html lang="{lang}">' in html
        for label in (social, grants, foreign):
            assert label in html, (lang, label)
        assert 'data-testid="income-chart"' in html
        mark = "," if lang in ("kk", "ru") else "."
        assert f"12{THIN}500{THIN}000{mark}50{THIN}₸" in html  # social order, exact card figure
        assert f"26{THIN}000{THIN}250{THIN}₸" in html  # grants: 3 000 000 + 9 000 000 + 12 500 000 + 1 500 250
        assert f"17{THIN}500{THIN}000{mark}50{THIN}₸" in html  # foreign: 15 000 000 + 2 500 000,50
        assert "Школа волонтёров" in html and "Лагерь лидеров" in html  # the grant projects
        assert "Steppe Bridge Fund" in html and usa in html  # the foreign source with its country
        assert "grants_awards_2023_synthetic_utf8bom.csv" in html and "line 5" in html  # provenance
        assert f'href="/{lang}/org/{BIN_YOUTH}/"' in html  # the same NGO in procurement, by BIN


def test_profile_json_and_csv_equal_the_hand_worked_figures(civil_data):
    client = Client()
    data = json.loads(client.get(f"/en/civil/ngo/{BIN_YOUTH}.json").content)
    rows = {r["year"]: r for r in data["income"]["rows"]}
    for year, kinds in EXPECTED_YOUTH.items():
        for kind, value in kinds.items():
            assert rows[year][kind] == value, (year, kind)
    assert data["income"]["totals"] == {"social_order": "12500000.50", "state_grants": "26000250.00",
                                        "foreign": "17500000.50", "procurement": "1000000.00"}
    assert data["income"]["counts"] == {"social_order": 2, "state_grants": 4, "foreign": 2, "procurement": 1}
    assert {g["provenance"]["file"] for g in data["grants"]} >= {"grants_awards_2023_synthetic_utf8bom.csv"}
    assert data["registration"]["legal_form_code"] == "PA"
    response = client.get(f"/en/civil/ngo/{BIN_YOUTH}.csv")
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {int(r["year"]): r["foreign_kzt"] for r in table} == {y: k["foreign"] for y, k in EXPECTED_YOUTH.items()}
    grants = list(csv.DictReader(io.StringIO(client.get(f"/en/civil/ngo/{BIN_YOUTH}.csv?table=grants")
                                             .content.decode("utf-8-sig"))))
    assert sorted(r["amount_kzt"] for r in grants) == ["12500000.00", "1500250.00", "3000000.00", "9000000.00"]
    assert all(r["file"] and r["sha256"] and r["locator"] for r in grants)
    assert client.get(f"/en/civil/ngo/{BIN_YOUTH}.csv?table=nope").status_code == 404


def test_a_natural_persons_iin_is_never_shown(civil_data):
    from opentenge.civil.models import ForeignFunding

    client = Client()
    person = ForeignFunding.objects.get(recipient_kind="person").recipient
    slug = person.key.replace(":", "-", 1)
    pages = [f"/ru/civil/ngo/{slug}/", f"/ru/civil/ngo/{slug}.json", f"/ru/civil/ngo/{slug}.csv?table=foreign",
             "/ru/civil/grants/?kind=foreign", "/ru/civil/grants.json?kind=foreign", "/ru/civil/grants.csv",
             f"/api/v1/civil/ngo/{slug}", "/api/v1/civil/grants?kind=foreign", f"/ru/org/{slug}/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8-sig")
        assert IIN_JOURNALIST not in body, url
    profile = client.get(f"/ru/civil/ngo/{slug}/").content.decode()
    assert "********9907" in profile and "ИП Серікбаев Ерлан" in profile


def test_organisation_page_carries_the_ngo_income_panel(civil_data):
    client = Client()
    html = client.get(f"/kk/org/{BIN_YOUTH}/").content.decode()
    assert 'data-testid="ngo-income-panel"' in html and f'href="/kk/civil/ngo/{BIN_YOUTH}/"' in html
    assert "ҮЕҰ түсімдері" in html
    data = json.loads(client.get(f"/en/org/{BIN_YOUTH}.json").content)
    assert data["ngo_income"]["income"]["totals"]["state_grants"] == "26000250.00"
    buyer = client.get(f"/en/org/{civil_data['buyer']}/").content.decode()
    assert 'data-testid="ngo-income-panel"' not in buyer


def test_grants_explorer_filters_and_rankings(civil_data):
    client = Client()

    def explore(query: str) -> dict:
        response = client.get(f"/en/civil/grants.json?{query}")
        assert response.status_code == 200, query
        return json.loads(response.content)

    year = explore("year=2023")  # the four good 2023 winner lines and one 2023 foreign report
    assert year["totals"]["all"] == {"count": 5, "value": "27650001.00"}
    assert year["totals"]["award"] == {"count": 1, "value": "2000000.00"}
    us = explore("kind=foreign&country=US")  # 15 000 000 (Болашақ Жастар) + 1 234 567,89 (a journalist)
    assert us["totals"]["all"] == {"count": 2, "value": "16234567.89"}
    assert {i["type"] for i in us["table"]["items"]} == {"foreign"}
    family = explore("programme=poderjka%20semi")
    assert family["totals"]["all"] == {"count": 1, "value": "3400000.00"}
    assert family["table"]["items"][0]["recipient_name"] == "ОО «Отбасы»"
    big = explore("amount_min=9000000")
    assert [i["amount"] for i in big["table"]["items"]] == ["15000000.00", "12500000.00", "9000000.00"]
    almaty = explore("region=almaty&year=2024")
    assert almaty["totals"]["all"]["value"] == "2250250.00"  # the mapped akimat list: 1 500 250 + 750 000
    top = explore("")["rankings"]["recipients"][0]
    assert top["bin"] == BIN_YOUTH and top["value"] == "43500250.50"  # 26 000 250 grants + 17 500 000,50 foreign
    assert explore("")["rankings"]["per_capita"]["available"] is False
    for bad, name in (("year=abc", "year"), ("region=mars", "region"), ("kind=loan", "kind"),
                      ("amount_min=-5", "amount_min")):
        response = client.get(f"/en/civil/grants/?{bad}")
        assert response.status_code == 400 and name in response.content.decode()
    items = list(csv.DictReader(io.StringIO(client.get("/en/civil/grants.csv?kind=foreign").content.decode("utf-8-sig"))))
    assert len(items) == 4 and sum(D(r["amount_kzt"]) for r in items) == D("20734568.39")
    html = client.get("/ru/civil/grants/?year=2023").content.decode()
    assert "Обзор грантов" in html and 'data-testid="per-capita-note"' in html


def test_transparency_indicators_and_insufficient_data(civil_data):
    client = Client()
    data = json.loads(client.get("/en/civil/transparency.json").content)
    programmes = {(p["programme"], p["operator"][:3]): p for p in data["programmes"]}
    youth = programmes[("Поддержка молодежных инициатив", "НАО")]
    assert youth["C001"]["status"] == "ok" and youth["C001"]["value"] == "20.0"  # 40 applications, 2 winners
    assert youth["C002"]["status"] == "insufficient_data"  # awards in 2022 and 2023 only
    assert youth["C004"]["status"] == "ok" and youth["C004"]["awards_checked"] == 4  # 2 in 2022, 2 in 2023; all registered in 2015
    family = programmes[("Поддержка семьи", "НАО")]
    assert family["C001"]["status"] == "insufficient_data"  # applications not published
    html = client.get("/ru/civil/transparency/").content.decode()
    assert "недостаточно данных" in html and "Прозрачность присуждения" in html
    assert "число заявок не опубликовано ни за один год" in html  # the reason, in the page's language
    rows = list(csv.reader(io.StringIO(client.get("/en/civil/transparency.csv").content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["operator", "programme", "years"] and len(rows) == len(data["programmes"]) + 1


def test_api(civil_data):
    client = Client()
    profile = client.get(f"/api/v1/civil/ngo/{BIN_YOUTH}").json()
    assert profile["income"]["totals"]["social_order"] == "12500000.50"
    assert client.get("/api/v1/civil/ngo/999999999999").status_code == 404
    grants = client.get("/api/v1/civil/grants", {"kind": "foreign"}).json()
    assert grants["totals"]["foreign"]["count"] == 4
    assert client.get("/api/v1/civil/grants", {"year": "1999"}).status_code == 422  # outside the schema's range
    assert len(client.get("/api/v1/civil/transparency").json()["programmes"]) >= 3


def test_a_winner_published_without_bin_joins_its_ngo_through_the_linking_layer(civil_data):
    """When linking judges the name-keyed winner to be the BIN-keyed NGO, the profile adds both up."""
    from opentenge.civil.models import GrantAward
    from opentenge.linking.models import CanonicalMembership
    from test_civil_import import BIN_CARE

    nameless = GrantAward.objects.get(recipient_name="ОО «Отбасы»").recipient
    client = Client()
    before = json.loads(client.get(f"/en/civil/ngo/{BIN_CARE}.json").content)
    for key in (f"BIN:{BIN_CARE}", nameless.key):
        CanonicalMembership.objects.create(org_key=key, canonical_key=f"BIN:{BIN_CARE}", size=2)
    after = json.loads(client.get(f"/en/civil/ngo/{BIN_CARE}.json").content)
    assert D(after["income"]["totals"]["state_grants"]) - D(before["income"]["totals"]["state_grants"]) == D("3400000")
    assert [o["id"] for o in after["linked"]] == [nameless.key.replace(":", "-", 1)]
    assert "ОО «Отбасы»" in client.get(f"/en/civil/ngo/{BIN_CARE}/").content.decode()

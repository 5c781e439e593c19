"""Officials, declarations, the revolving-door list, the organisation panel and the network view."""
from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from conftest import FIXTURES
from opentenge.ingest.runner import run_ingest

POLITICS = FIXTURES / "politics"
PARLIAMENT = FIXTURES / "parliament"
pytestmark = pytest.mark.django_db


def _org(bin_: str, name: str):
    from opentenge.store.models import Organisation

    return Organisation.objects.create(key=f"BIN:{bin_}", bin=bin_, name_ru=name, source="synthetic")


def _contract(gz_id: int, customer, supplier, value: str):
    from opentenge.store.models import Contract

    return Contract.objects.create(gz_id=gz_id, customer=customer, supplier=supplier, sign_date=date(2024, 3, 1),
                                   contract_sum_wnds=Decimal(value), method_id=2, source="synthetic")


@pytest.fixture
def loaded():
    run_ingest("mazhilis", [PARLIAMENT / "mazhilis_api_synthetic"])
    run_ingest("officials", [POLITICS / "officials_synthetic.csv"])
    run_ingest("declarations", [POLITICS / "declarations_synthetic.csv"])
    run_ingest("company_roles", [POLITICS / "company_roles_synthetic.csv", POLITICS / "company_roles_synthetic_gbd_ul.json"])


def test_officials_and_declarations(loaded, client):
    from opentenge.politics.models import Declaration, Position
    from opentenge.store.models import QuarantinedRecord

    akim = list(Position.objects.filter(person__key="official:demo-akim-1").order_by("start_date"))
    assert [(p.chamber, p.start_date, p.end_date, p.is_current) for p in akim] == [
        ("executive", date(2019, 3, 1), date(2022, 6, 30), False), ("executive", date(2022, 7, 1), None, True)]
    assert Position.objects.get(person__key="official:demo-masl-1").party.key == "amanat"
    officials_bad = {q.field for q in QuarantinedRecord.objects.filter(source="officials")}
    assert officials_bad == {"person_id", "chamber", "end_date"}
    with (POLITICS / "declarations_synthetic.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted((d.person.key, d.year, d.income) for d in Declaration.objects.all()) == sorted(
        (r["person_key"], int(r["year"]), Decimal(r["income_tenge"])) for r in rows[:3])
    declared_bad = sorted(QuarantinedRecord.objects.filter(source="declarations").values_list("locator", "field"))
    assert declared_bad == [("line 5", "person_key"), ("line 6", "year"), ("line 7", "person_key")]
    assert "is not loaded" in QuarantinedRecord.objects.get(source="declarations", locator="line 5").reason
    page = client.get("/en/person/official:demo-akim-1.json").json()
    assert [(d["year"], Decimal(d["income"])) for d in page["declarations"]] == [(2022, Decimal("26100000.00")),
                                                                                (2021, Decimal("24500000.00"))]
    assert "Аким области" in client.get("/ru/person/official:demo-akim-1/").content.decode()


def test_revolving_door_lists_possible_links_to_contract_holders_only(loaded, client):
    from opentenge.linking.judgments import record_editor_decision
    from opentenge.politics.links import person_link_key

    buyer = _org("110140020018", "ГУ «Заказчик»")
    holder = _org("100140010010", "ТОО «Сарыарка Курылыс»")
    _contract(1, buyer, holder, "1500000.00")
    rows = client.get("/en/politics/revolving-door.json").json()["rows"]
    # mazhilis:8's namesake heads the contract holder; the founder role at 100640010069 has no contracts
    assert [(r["person"]["key"], r["organisation_bin"], r["state"]) for r in rows] == \
        [("mazhilis:8", "100140010010", "unreviewed")]
    assert Decimal(rows[0]["contract_value"]) == Decimal("1500000.00")
    links = client.get("/en/person/mazhilis:8.json").json()["possible_links"]
    role_key = next(link["role_key"] for link in links if link["organisation_bin"] == "100140010010")
    record_editor_decision("reject", [(person_link_key("mazhilis:8"), role_key)], user="editor1")
    assert client.get("/en/politics/revolving-door.json").json()["rows"] == []
    assert "Revolving door" in client.get("/en/politics/revolving-door/").content.decode()


def test_organisation_panel_and_network_view(loaded, client):
    buyer = _org("110140020018", "ГУ «Заказчик»")
    holder = _org("100140010010", "ТОО «Сарыарка Курылыс»")
    suppliers = [_org(b, f"ТОО «{i}»") for i, b in enumerate(["100540010055", "100640010069", "100340010038"])]
    for i, (supplier, value) in enumerate(zip([holder, *suppliers], ["400", "300", "200", "100"])):
        _contract(10 + i, buyer, supplier, value)
    page = client.get("/en/org/100140010010.json").json()
    assert page["politics"]["roles"][0]["person_name"] == "АЙМАГАМБЕТОВ АСХАТ КАНАТОВИЧ"
    assert [p["person_key"] for p in page["politics"]["roles"][0]["possible_people"]] == ["mazhilis:8"]
    assert client.get("/en/org/110140020018.json").json().get("politics") is None  # no roles: no panel

    from opentenge.politics import network

    graph = network.organisation_network("110140020018", top=2)
    assert [n["name"] for n in graph["nodes"][1:]] == ["ТОО «Сарыарка Курылыс»", "ТОО «0»"]
    assert graph["others"] == {"count": 2, "value": Decimal("300.00")}
    assert graph["neighbours"]["total"] == 4 and graph["total_value"] == Decimal("1000.00")
    table = client.get("/en/network/org/110140020018.json").json()["table"]
    assert [Decimal(r["value"]) for r in table["rows"]] == [Decimal("400.00"), Decimal("300.00"), Decimal("200.00"),
                                                          Decimal("100.00")]
    person = client.get("/en/network/person/mazhilis:8.json").json()
    kinds = {n["kind"] for n in person["nodes"]}
    assert kinds == {"person", "party", "organisation"}
    html = client.get("/kk/network/org/110140020018/").content.decode()
    assert 'id="network-chart"' in html and 'id="network-data"' in html

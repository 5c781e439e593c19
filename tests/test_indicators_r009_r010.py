"""Red flags R009 (grant concentration) and R010 (supplier linked to an official of the buyer).

Every expected figure is worked out by hand in the comments from the rows each test builds.
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from opentenge.civil.models import GrantAward
from opentenge.indicators import base
from opentenge.indicators.data import BodyMatcher
from opentenge.indicators.models import FlagResult, ResultContract
from opentenge.linking.judgments import record_editor_decision
from opentenge.linking.models import CanonicalMembership
from opentenge.politics.links import person_link_key, role_link_key
from opentenge.politics.models import CompanyRole, Person, Position
from opentenge.store import models as m
from test_indicators import contract, org

D = Decimal
AKTOBE_RU = 'ГУ "Управление внутренней политики города Актобе"'
AKTOBE_KK = '«Ақтөбе қаласының ішкі саясат басқармасы» ММ'
AKIMAT_RU = 'ГУ "Аппарат акима Карасайского района"'


def body(n: int, name_ru: str, name_kk: str = "") -> m.Organisation:
    bin_ = f"{n:012d}"
    return m.Organisation.objects.create(key=f"BIN:{bin_}", bin=bin_, name_ru=name_ru, name_kk=name_kk,
                                         is_customer=True)


def stored(code: str) -> dict:
    return {r.subject_key: r for r in FlagResult.objects.filter(code=code)}


def contracts_of(result: FlagResult) -> set[int]:
    return set(ResultContract.objects.filter(result=result).values_list("contract_gz_id", flat=True))


def award(n: int, operator: str, recipient: m.Organisation, amount: str, year: int = 2024) -> GrantAward:
    return GrantAward.objects.create(key=f"g{n}", year=year, operator=operator, programme="p", programme_key="p",
                                     recipient=recipient, recipient_name=recipient.name_ru, amount=D(amount),
                                     source="state_grants")


@pytest.fixture
def grants(db):
    """Grantor G (a buyer in the store): social orders (method 52) 600 + 100 to N1, 200 to N2, 100 to N3,
    and one grant of 100 to N2 under its Kazakh name (the same body) -> 5 items, 1100 ₸.
    Operator «Оператор грантов» (not in the store): 100 each to N1, N1b (judged the same NGO as N1),
    N2, N3, N4 -> 5 items, 500 ₸, 4 recipients. «Другой оператор»: 2 grants only."""
    g = body(1, AKTOBE_RU, AKTOBE_KK)
    n1, n2, n3, n4 = org(11), org(12), org(13), org(14)
    n1b = m.Organisation.objects.create(key="NAME:abc", name_ru="Орг 11 без БИН")
    CanonicalMembership.objects.create(org_key=n1b.key, canonical_key=n1.key, size=2)
    CanonicalMembership.objects.create(org_key=n1.key, canonical_key=n1.key, size=2)
    contract(1, g, n1, 52, "600")
    contract(2, g, n1, 52, "100", sign=date(2023, 5, 1))
    contract(3, g, n2, 52, "200")
    contract(4, g, n3, 52, "100")
    contract(5, g, n4, 2, "5000")  # an ordinary purchase: not social-order money
    award(1, AKTOBE_KK, n2, "100")
    for i, recipient in enumerate((n1, n1b, n2, n3, n4)):
        award(10 + i, "Оператор грантов", recipient, "100", year=2022 + i % 2)
    award(20, "Другой оператор", n1, "100")
    award(21, "Другой оператор", n2, "100")
    return {"g": g, "n1": n1, "n2": n2}


def test_r009_grantor_in_the_store_pools_grants_and_social_orders(grants):
    summary = base.run("R009")
    assert summary == {"code": "R009", "flagged": 1, "clear": 1, "insufficient_data": 1, "total": 3}
    r = stored("R009")
    g = r["000000000001"]
    # N1 700 of 1100 -> 0.636364; HHI = (700² + 300² + 100²) / 1100² = 590000 / 1210000 = 0.487603
    assert (g.subject_kind, g.outcome, g.value, g.threshold) == ("organisation", "flagged", D("0.636364"), D("0.5"))
    assert D(g.inputs["hhi"]) == D("0.487603") and g.inputs["top_recipient"] == "000000000011"
    assert (g.inputs["grants"], g.inputs["social_order_contracts"], D(g.inputs["total_value"])) == (1, 4, D("1100"))
    assert g.inputs["years"] == [2023, 2024] and g.inputs["operator_names"] == [AKTOBE_KK]
    assert g.buyer_id == grants["g"].id and g.supplier_id == grants["n1"].id
    assert contracts_of(g) == {1, 2}  # the top recipient's social-order contracts


def test_r009_operator_not_in_the_store_and_linked_recipients(grants, settings):
    base.run("R009")
    r = stored("R009")
    op = r["Оператор грантов"]
    # N1 + N1b (one NGO for the linking layer) 200 of 500 -> 0.4; HHI = 0.4² + 3 × 0.2² = 0.28
    assert (op.subject_kind, op.outcome, op.value) == ("grantor", "clear", D("0.4"))
    assert D(op.inputs["hhi"]) == D("0.28") and op.inputs["recipients"] == 4 and op.buyer_id is None
    other = r["Другой оператор"]
    assert (other.outcome, other.value) == ("insufficient_data", None)  # 2 grants < 5: never "clear"
    settings.OPENTENGE_INDICATORS = {"R009": {"hhi": "0.25", "min_grants": 2}}
    base.run("R009")
    r = stored("R009")
    assert r["Оператор грантов"].outcome == "flagged"  # 0.28 >= 0.25
    assert (r["Другой оператор"].outcome, r["Другой оператор"].value) == ("flagged", D("0.5"))  # 100 / 200


def test_r009_without_any_grant_data(db):
    assert base.run("R009")["total"] == 0


def test_body_matcher_matches_across_languages_and_refuses_ties(db):
    g = body(1, AKTOBE_RU, AKTOBE_KK)
    matcher = BodyMatcher([g])
    assert matcher.find(AKTOBE_KK)[0] == g and matcher.find('ГУ "Аппарат акима города Актобе"') is None
    twin = body(2, AKTOBE_RU)
    assert BodyMatcher([g, twin]).find(AKTOBE_RU) is None  # two bodies of one name: no guess


@pytest.fixture
def officials(db):
    """Buyer B (an akimat) with two officials; buyer C with none.
    P1 «Иванов Иван Иванович», in office at B from 2020 (still): director of S1 since 2019, confirmed;
    founder of S2, not reviewed (possible); director of S4, rejected by an editor.
    P2 «Петров Пётр Петрович», at B 2015-2021: director of S3 (no date), confirmed."""
    b, c = body(1, AKIMAT_RU), body(2, AKTOBE_RU)
    s1, s2, s3, s4 = org(11), org(12), org(13), org(14)
    p1 = Person.objects.create(key="official:ivanov-i", name_ru="Иванов Иван Иванович", source="officials")
    p2 = Person.objects.create(key="official:petrov-p", name_ru="Петров Пётр Петрович", source="officials")
    Position.objects.create(key="official:ivanov-i:executive:2020-01-01", person=p1, chamber="executive",
                            role_ru="Аким района", organisation_name='"Қарасай ауданы әкімінің аппараты" ММ',
                            start_date=date(2020, 1, 1), source="officials")
    Position.objects.create(key="official:petrov-p:executive:2015-01-01", person=p2, chamber="executive",
                            role_ru="Заместитель акима", organisation_name=AKIMAT_RU, start_date=date(2015, 1, 1),
                            end_date=date(2021, 12, 31), is_current=False, source="officials")

    def role(s, kind, name, since=None):
        from opentenge.ids.search import search_key
        return CompanyRole.objects.create(key=f"{s.bin}:{kind}:{search_key(name)}", organisation_bin=s.bin, role=kind,
                                          person_name=name.upper(), name_key=search_key(name), since=since,
                                          source="company_roles")

    confirmed = [role(s1, "director", p1.name_ru, date(2019, 6, 1)), role(s3, "director", p2.name_ru)]
    role(s2, "founder", p1.name_ru)
    rejected = role(s4, "director", p1.name_ru)
    for r_ in confirmed:
        person = p1 if r_.organisation_bin == s1.bin else p2
        record_editor_decision("accept", [(person_link_key(person.key), role_link_key(r_))], user="editor")
    record_editor_decision("reject", [(person_link_key(p1.key), role_link_key(rejected))], user="editor")
    contract(1, b, s1, 2, "100", sign=date(2024, 3, 1))   # P1 in office, role since 2019: flagged
    contract(2, b, s2, 2, "100", sign=date(2024, 3, 1))   # possible link only: clear, listed as not counted
    contract(3, b, s1, 2, "100", sign=date(2018, 6, 1))   # before P1's office and role: not counted
    contract(4, c, s1, 2, "100", sign=date(2024, 3, 1))   # buyer without officials: insufficient
    contract(5, b, s3, 2, "100", sign=date(2022, 6, 1))   # P2 left 2021-12-31, within 365 days: flagged
    contract(6, b, s3, 2, "100", sign=date(2024, 1, 1))   # two years after P2 left: not counted
    contract(7, b, s4, 2, "100", sign=date(2024, 3, 1))   # rejected link: left out, clear
    return {"b": b}


def test_r010_counts_only_confirmed_links_in_their_dates(officials):
    assert base.run("R010") == {"code": "R010", "flagged": 2, "clear": 4, "insufficient_data": 1, "total": 7}
    r = stored("R010")
    one = r["1"]
    assert (one.outcome, one.value, one.threshold) == ("flagged", D("1"), D("1"))
    [link] = one.inputs["links"]
    assert (link["person"], link["company_role"], link["office"], link["link_state"]) == (
        "Иванов Иван Иванович", "director", "Аким района", "confirmed")
    assert link["office_start"] == "2020-01-01" and link["role_since"] == "2019-06-01" and link["dates_unknown"] == []
    assert contracts_of(one) == {1}
    two = r["2"]
    assert (two.outcome, two.value) == ("clear", D("0"))
    assert [(x["link_state"], x["counted"]) for x in two.inputs["not_counted"]] == [("unreviewed", False)]
    three = r["3"]
    assert three.outcome == "clear" and three.inputs["not_counted"][0]["outside_dates"] is True
    assert r["4"].outcome == "insufficient_data" and r["4"].value is None
    five = r["5"]
    assert five.outcome == "flagged" and five.inputs["links"][0]["dates_unknown"] == ["role_since"]
    assert r["6"].outcome == "clear"
    assert (r["7"].outcome, r["7"].inputs["not_counted"], r["7"].inputs["links"]) == ("clear", [], [])


def test_r010_cooling_off_is_configurable(officials, settings):
    settings.OPENTENGE_INDICATORS = {"R010": {"cooling_off_days": 0}}
    base.run("R010")
    assert stored("R010")["5"].outcome == "clear"  # signed after P2 left, no cooling-off


def test_r010_with_no_officials_at_all_is_insufficient_never_clear(db):
    a, s = org(1, is_customer=True), org(11)
    contract(1, a, s, 2, "100")
    assert base.run("R010") == {"code": "R010", "flagged": 0, "clear": 0, "insufficient_data": 1, "total": 1}


def test_new_flags_reach_pages_api_and_cli(officials, client, capsys):
    from opentenge.cli import main

    s1 = m.Organisation.objects.get(bin="000000000011")
    for i in range(5):
        award(i, "Оператор грантов", s1, "100")  # every grant to S1: share 1, flagged

    assert main(["indicators", "run", "--code", "R009", "--code", "R010", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["code"] for s in out["indicators"]] == ["R009", "R010"]
    api = json.loads(client.get("/api/v1/indicators/").content)
    counts = {i["code"]: (i["flagged"], i["clear"], i["insufficient_data"]) for i in api["items"]}
    assert counts["R010"] == (2, 4, 1)
    assert client.get("/en/flags/R009/").status_code == 200 and client.get("/en/flags/R010.json").status_code == 200
    assert "R010" in {i["code"] for i in json.loads(client.get("/en/flags.json?code=R010").content)["methods"]}
    page = client.get("/en/org/000000000011/").content.decode()  # S1: R010 flag as supplier, R009 as recipient
    assert "R010" in page and "R009" in page and "Grant operator" in page
    assert "R010" in client.get("/en/contract/1/").content.decode()

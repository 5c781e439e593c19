"""Party funding, company roles and the person/party pages (HTML in three languages + JSON twins)."""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import Decimal

import pytest

from conftest import FIXTURES
from opentenge.ingest.runner import IngestError, run_ingest

POLITICS = FIXTURES / "politics"
PARLIAMENT = FIXTURES / "parliament"

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    run_ingest("mazhilis", [PARLIAMENT / "mazhilis_api_synthetic"])
    run_ingest("senate", [PARLIAMENT / "senate_synthetic"])
    run_ingest("party_funding", [POLITICS / "party_funding_synthetic.csv"])
    run_ingest("company_roles", [POLITICS / "company_roles_synthetic.csv", POLITICS / "company_roles_synthetic_gbd_ul.json"])


def expected_funding() -> dict[str, dict[int, Decimal]]:
    """Totals recomputed from the CSV by hand-written rules: first row per party-year, known party,
    non-negative amount, source address present."""
    names = {"Народная партия Казахстана": "people-party", "«AMANAT» партиясы": "amanat"}
    out: dict[str, dict[int, Decimal]] = defaultdict(dict)
    with (POLITICS / "party_funding_synthetic.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            party = names.get(row["party"], row["party"])
            if party not in {"amanat", "ak-zhol", "people-party", "respublica", "osdp", "auyl"}:
                continue
            if not row["source_url"] or Decimal(row["amount_tenge"]) < 0 or int(row["year"]) in out[party]:
                continue
            out[party][int(row["year"])] = Decimal(row["amount_tenge"])
    return out


def test_party_funding_totals_reconcile_with_the_file(loaded, client):
    from opentenge.politics.models import PartyFunding
    from opentenge.store.models import QuarantinedRecord

    expected = expected_funding()
    stored = defaultdict(dict)
    for f in PartyFunding.objects.select_related("party"):
        stored[f.party.key][f.year] = f.amount
    assert stored == expected
    reasons = {q.locator: (q.field, q.reason) for q in QuarantinedRecord.objects.filter(source="party_funding")}
    assert reasons["line 6"][0] == "year" and "duplicate" in reasons["line 6"][1]
    assert reasons["line 8"][0] == "party" and reasons["line 9"][0] == "amount_tenge"
    assert reasons["line 10"] == ("source_url", "missing: every figure needs the address of the document it comes from")
    page = client.get("/en/party/amanat.json").json()
    assert [(r["year"], Decimal(r["value"])) for r in page["funding"]] == sorted(expected["amanat"].items())
    assert Decimal(page["funding_total"]) == sum(expected["amanat"].values())
    assert all(r["provenance"]["sha256"] and r["provenance"]["locator"].startswith("line ") for r in page["funding"])
    html = client.get("/ru/party/amanat/").content.decode()
    assert 'id="chart-by-year"' in html and "by-year-data" in html and "Партия «AMANAT»" in html
    # The index lists each party once with its funding summed once, however many seats it has.
    index = {p["key"]: p for p in client.get("/en/politics/?format=json").json()["parties"]}
    for party, years in expected.items():
        if years:
            assert Decimal(index[party]["funding_total"]) == sum(years.values()), party


def test_a_funding_file_without_a_required_column_fails_naming_it(tmp_path, db):
    bad = tmp_path / "funding.csv"
    bad.write_text("party,year,amount\namanat,2022,1\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"funding\.csv: missing column\(s\) amount_tenge, source_url"):
        run_ingest("party_funding", [bad])


def test_company_roles_keep_the_register_fields_and_refuse_bad_rows(loaded):
    from opentenge.politics.models import CompanyRole
    from opentenge.store.models import QuarantinedRecord

    document = json.loads((POLITICS / "company_roles_synthetic_gbd_ul.json").read_text(encoding="utf-8"))
    good = [e for e in document["elements"] if e["director"] and e["bin"] != "100440010042"]
    assert set(CompanyRole.objects.filter(role="director").values_list("organisation_bin", flat=True)) == \
        {e["bin"] for e in good}
    assert CompanyRole.objects.filter(role="founder").count() == 2
    fields = {q.field for q in QuarantinedRecord.objects.filter(source="company_roles")}
    assert fields == {"director", "bin", "role"}


def test_person_page_shows_possible_links_with_score_and_editor_state(loaded, client):
    from opentenge.linking.judgments import record_editor_decision
    from opentenge.politics.links import person_link_key

    data = client.get("/en/person/mazhilis:8.json").json()
    links = {link["organisation_bin"]: link for link in data["possible_links"]}
    # the director and the founder named like the deputy; not his namesake with another first name
    assert set(links) == {"100140010010", "100640010069"}
    assert all(link["state"] == "unreviewed" and 0 < link["score"] <= 1 for link in links.values())
    assert "iin" not in json.dumps(data).lower()
    record_editor_decision("reject", [(person_link_key("mazhilis:8"), links["100140010010"]["role_key"])],
                           user="editor1", reason="different person (birth year)")
    record_editor_decision("accept", [(person_link_key("mazhilis:8"), links["100640010069"]["role_key"])],
                           user="editor2")
    after = {link["organisation_bin"]: link["state"] for link in client.get("/en/person/mazhilis:8.json").json()["possible_links"]}
    assert after == {"100140010010": "rejected", "100640010069": "confirmed"}
    for lang, heading in (("kk", "Компанияларға ықтимал байланыстар"), ("ru", "Возможные связи с компаниями"),
                          ("en", "Possible links to companies")):
        html = client.get(f"/{lang}/person/mazhilis:8/").content.decode()
        assert heading in html and 'data-state="rejected"' in html and 'data-state="confirmed"' in html
    assert client.get("/en/person/senate:1004.json").json()["possible_links"] == []


def test_person_page_in_three_languages_with_positions_and_provenance(loaded, client):
    ru = client.get("/ru/person/mazhilis:8.json").json()
    kk = client.get("/kk/person/mazhilis:8.json").json()
    assert kk["name"] == "АЙМАҒАМБЕТОВ Асхат Қанатұлы" and ru["name"] == "АЙМАГАМБЕТОВ Асхат Канатулы"
    position = kk["positions"][0]
    assert position["committee"] == "Әлеуметтік-мәдени даму комитеті" and position["party"]["key"] == "amanat"
    assert position["constituency_kind"] == "single_mandate" and position["provenance"]["sha256"]
    assert client.get("/en/person/nobody.json").status_code == 404
    assert client.get("/api/v1/politics/people/mazhilis:8?lang=kk").json() == kk
    assert client.get("/api/v1/politics/people/nobody").status_code == 404
    index = client.get("/en/politics.json").json()
    assert {c["chamber"]: len(c["people"]) for c in index["chambers"]} == {"mazhilis": 37, "senate": 4}


def test_party_annual_reports_by_kind_reconcile(client):
    from opentenge.store.models import QuarantinedRecord

    path = POLITICS / "party_reports_synthetic.csv"
    run_ingest("party_funding", [path])
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] in {"membership_fees", "state_funding", "donations",
                                                                "staff", "media"} and r["direction"] in {"income", "spending"}]
    expected = {d: sum(Decimal(r["amount_tenge"]) for r in rows if r["direction"] == d) for d in ("income", "spending")}
    report = client.get("/en/party/amanat.json").json()["reports"]
    assert [r["year"] for r in report] == [2023]
    assert Decimal(report[0]["income_total"]) == expected["income"] and Decimal(report[0]["spending_total"]) == expected["spending"]
    assert {q.field for q in QuarantinedRecord.objects.filter(source="party_funding")} == {"kind", "direction"}
    assert "мүшелік жарналар" in client.get("/kk/party/amanat/").content.decode()


def test_only_an_editor_can_confirm_or_reject_a_possible_link(loaded, client, django_user_model):
    links = client.get("/en/person/mazhilis:8.json").json()["possible_links"]
    target = next(link for link in links if link["organisation_bin"] == "100140010010")
    url = "/en/person/mazhilis:8/links/decide/"
    assert client.post(url, {"role_key": target["role_key"], "decision": "accept"}).status_code == 403
    reader = django_user_model.objects.create_user("reader", password="x")
    client.force_login(reader)
    assert client.post(url, {"role_key": target["role_key"], "decision": "accept"}).status_code == 403
    editor = django_user_model.objects.create_user("editor3", password="x", is_staff=True)
    client.force_login(editor)
    assert "name=\"decision\"" in client.get("/en/person/mazhilis:8/").content.decode()
    assert client.post(url, {"role_key": "ROLE:000000000000:director:x", "decision": "accept"}).status_code == 400
    response = client.post(url, {"role_key": target["role_key"], "decision": "reject", "reason": "other person"})
    assert response.status_code == 302
    states = {link["organisation_bin"]: link["state"] for link in client.get("/en/person/mazhilis:8.json").json()["possible_links"]}
    assert states["100140010010"] == "rejected" and states["100640010069"] == "unreviewed"
    from opentenge.linking.models import ReviewAction
    action = ReviewAction.objects.get()
    assert (action.user, action.reason, action.kind) == ("editor3", "other person", "reject")


def test_the_namesake_prefix_lookup_uses_an_index_on_this_database():
    """``possible_links`` asks for ``name_key`` by surname prefix; the plan must not scan the table."""
    from django.db import connection

    from opentenge.politics.models import CompanyRole

    query = CompanyRole.objects.filter(name_key__startswith="aimagambetov ")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'politics_companyrole' "
                           "AND indexdef LIKE '%(name_key text_pattern_ops)%'")
            indexes = [row[0] for row in cursor.fetchall()]
            assert len(indexes) == 1, indexes  # Django's ``_like`` index, not a duplicate
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned anyway
            plan = query.explain()
            assert indexes[0] in plan, plan
        else:
            plan = query.explain()
            assert "politics_companyrole_name_key_prefix" in plan and "SCAN politics_companyrole" not in plan, plan

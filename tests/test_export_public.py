"""Bulk export of the non-procurement tables: politics, civil society, legislation, lobbying, red flags.

A tiny world is built here (ORM rows, the lobbying register of test_lobbying_public with its secret
drafts, and a real foreign-funding register file carrying a natural person's full IIN), exported
in every format, and read back: row counts and sums against the database, the lobbying register's
"published only" rule by marker words, FtM roles validated with the followthemoney model, the
datapackage with frictionless, and a byte scan for the full IIN.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum
from django.utils import timezone

from opentenge.civil import models as cm
from opentenge.export.catalogue import TABLES
from opentenge.export.run import run_export
from opentenge.indicators import models as im
from opentenge.legislation import models as lm
from opentenge.lobbying import models as lob
from opentenge.politics import models as pm
from opentenge.store import models as m
from test_civil_import import FOREIGN_ROWS, IIN_JOURNALIST, _register_xlsx
from test_export import ftm_problems
from test_lobbying_public import SECRETS, build_register

NEW_TABLES = ("flag_results", "flag_result_contracts", "parties", "people", "positions", "company_roles",
              "party_funding", "party_report_lines", "election_funds", "declarations", "ngo_registrations",
              "grant_awards", "grant_competitions", "foreign_funding", "legislative_acts", "legislative_events",
              "council_opinions", "ngo_proposals", "lobbying_registrants", "lobbying_former_positions",
              "lobbying_reports", "lobbying_report_bills", "lobbying_contacted_bodies", "lobbying_meetings",
              "lobbying_client_payments")
ALL = ["csv", "parquet", "sqlite", "ftm", "ocds"]


def build_politics() -> None:
    amanat = pm.Party.objects.create(key="amanat", name_ru="Аманат", name_kk="Аманат", source="mazhilis")
    pm.Party.objects.create(key="ak-zhol", name_ru="Ак жол", source="mazhilis")
    deputy = pm.Person.objects.create(key="mazhilis:101", name_ru="Ахметов Ахмет", birth_date=dt.date(1970, 5, 1),
                                      source="mazhilis")
    minister = pm.Person.objects.create(key="official:beisenova-a", name_ru="Бейсенова Айгуль", source="officials")
    pm.Position.objects.create(key="mazhilis:101:8", person=deputy, chamber="mazhilis", role_en="Deputy",
                               party=amanat, faction_ru="Фракция Аманат", start_date=dt.date(2023, 3, 29))
    pm.Position.objects.create(key="official:beisenova-a:exec", person=minister, chamber="executive",
                               role_ru="Министр", organisation_name="Министерство финансов",
                               start_date=dt.date(2022, 1, 4), end_date=dt.date(2024, 2, 6), is_current=False)
    # One company the procurement data holds, one it does not; a director and a founder of each.
    m.Organisation.objects.create(key="BIN:010140001111", bin="010140001111", name_ru="ТОО Известная")
    for bin_, org in (("010140001111", "ТОО Известная"), ("020240002222", "ТОО Незнакомая")):
        for role, name in (("director", "Ахметов Ахмет"), ("founder", "Ахметов Ахмет"), ("founder", "Сидоров С")):
            pm.CompanyRole.objects.create(key=f"{bin_}:{role}:{name}", organisation_bin=bin_, organisation_name_ru=org,
                                          role=role, person_name=name, name_key=name.casefold(),
                                          since=dt.date(2019, 1, 1), source="company_roles")
    pm.PartyFunding.objects.create(key="amanat:2023", party=amanat, year=2023, amount=Decimal("1234567.89"),
                                   votes=3_000_000, source_url="https://example.kz/f", source="party_funding")
    pm.PartyReportLine.objects.create(key="amanat:2023:income:budget", party=amanat, year=2023, direction="income",
                                      kind="budget", amount=Decimal("1000.50"), source_url="https://example.kz/r")
    for status, amount in (("published", "500000.00"), ("awaiting", "999999.99")):
        pm.ElectionFundFigure.objects.create(election="mazhilis-2023", party=amanat, line="1", amount=Decimal(amount),
                                             source_url="https://example.kz/e.pdf", source_page="3", status=status,
                                             entered_by="editor-one-SECRET", confirmed_by="editor-two-SECRET")
    pm.Declaration.objects.create(key="official:beisenova-a:2023", person=minister, year=2023,
                                  income=Decimal("25000000.00"), property_items=2, source_url="https://example.kz/d")


def build_rest() -> None:
    ngo = m.Organisation.objects.create(key="BIN:150340001008", bin="150340001008", name_ru="ОО Жастар")
    cm.NgoRegistration.objects.create(key="BIN:150340001008", organisation=ngo, bin="150340001008", name_ru="ОО Жастар",
                                      legal_form="Общественное объединение", activities=["молодёжь", "спорт"],
                                      source="ngo_register")
    for n, amount in enumerate(("3000000.00", "1500000.25")):
        cm.GrantAward.objects.create(key=f"g{n}", year=2023, operator="ЦПГИ", programme="Молодёжь",
                                     programme_key="molodezh", recipient=ngo, recipient_name="ОО Жастар",
                                     amount=Decimal(amount), source="state_grants")
    cm.GrantCompetition.objects.create(key="c1", year=2023, operator="ЦПГИ", programme="Молодёжь",
                                       programme_key="molodezh", applications=10, winners=2, budget=Decimal("9000000"))
    act = lm.LegislativeAct.objects.create(key="npa:555", kind="draft", title_ru="О грантах", status="discussion",
                                           discussion_start=dt.date(2024, 1, 1), source_url="https://legalacts.egov.kz/")
    lm.StatusEvent.objects.create(act=act, stage="published", date=dt.date(2024, 1, 1), source_url="https://x.kz/1")
    council = lm.PublicCouncil.objects.create(key="pc-mf", name_ru="ОС МФ", body_name="Министерство финансов",
                                              source_url="https://x.kz/pc")
    lm.CouncilOpinion.objects.create(council=council, act=act, date=dt.date(2024, 1, 5), position="remarks",
                                     summary="Доработать", source_url="https://x.kz/op")
    lm.NgoProposal.objects.create(act=act, ngo_name="ОО Жастар", ngo=ngo, date=dt.date(2024, 1, 7), proposal="Учесть",
                                  outcome="pending", source_url="https://x.kz/pr")
    result = im.FlagResult.objects.create(code="R001", subject_kind="organisation", subject_key="150340001008",
                                          outcome="flagged", value=Decimal("0.912345"), threshold=Decimal("0.5"),
                                          inputs={"contracts": [1, 2], "share": "0.912345"}, buyer=ngo,
                                          computed_at=timezone.now(), method_version="1")
    im.ResultContract.objects.create(result=result, contract_gz_id=1)
    im.FlagResult.objects.create(code="R003", subject_kind="tender", subject_key="77", outcome="insufficient_data",
                                 computed_at=timezone.now(), method_version="1")


@pytest.fixture
def world(db, tmp_path):
    from opentenge.ingest.runner import run_ingest

    register = build_register()
    # A registrant only links an organisation OpenTenge already holds (public in `organisations`);
    # what must not leak is the pending *registration*, so the organisation gets a neutral name.
    m.Organisation.objects.filter(bin=register.pending.bin).update(name_ru="Pending applicant LLP")
    build_politics()
    build_rest()
    path = tmp_path / "reestr_synthetic.xlsx"
    _register_xlsx(path, FOREIGN_ROWS)
    run_ingest("foreign_funding", [path])
    assert cm.ForeignFunding.objects.filter(recipient_kind="person").exists()
    out = tmp_path / "export"
    return register, out, run_export(ALL, out)


def read_csv(out: Path, table: str) -> list[dict]:
    with (out / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def expected_counts(register) -> dict[str, int]:
    """Row counts computed from the models directly, with the public rules restated by hand."""
    public_registrants = lob.Registrant.objects.filter(status__in=["active", "withdrawn"])
    public_versions = lob.ReportVersion.objects.filter(state__in=["published", "superseded"],
                                                       report__registrant__in=public_registrants)
    return {
        "parties": pm.Party.objects.count(), "people": pm.Person.objects.count(),
        "positions": pm.Position.objects.count(), "company_roles": pm.CompanyRole.objects.count(),
        "party_funding": pm.PartyFunding.objects.count(), "party_report_lines": pm.PartyReportLine.objects.count(),
        "election_funds": pm.ElectionFundFigure.objects.filter(status="published").count(),
        "declarations": pm.Declaration.objects.count(), "ngo_registrations": cm.NgoRegistration.objects.count(),
        "grant_awards": cm.GrantAward.objects.count(), "grant_competitions": cm.GrantCompetition.objects.count(),
        "foreign_funding": cm.ForeignFunding.objects.count(),
        "legislative_acts": lm.LegislativeAct.objects.count(), "legislative_events": lm.StatusEvent.objects.count(),
        "council_opinions": lm.CouncilOpinion.objects.count(), "ngo_proposals": lm.NgoProposal.objects.count(),
        "flag_results": im.FlagResult.objects.count(), "flag_result_contracts": im.ResultContract.objects.count(),
        "lobbying_registrants": public_registrants.count(),
        "lobbying_former_positions": lob.FormerPosition.objects.filter(
            lobbyist__registrant__in=public_registrants).count(),
        "lobbying_reports": public_versions.count(),
        "lobbying_report_bills": sum(v.bills.count() for v in public_versions),
        "lobbying_contacted_bodies": lob.ContactedBody.objects.filter(version__in=public_versions).count(),
        "lobbying_meetings": lob.Meeting.objects.filter(version__in=public_versions).count(),
        "lobbying_client_payments": lob.ClientPayment.objects.filter(version__in=public_versions).count(),
    }


def test_every_new_table_is_written_in_every_tabular_format_with_database_counts(world):
    import pyarrow.parquet as pq

    register, out, summary = world
    expected = expected_counts(register)
    assert set(NEW_TABLES) <= {t.name for t in TABLES}
    assert all(expected[t] > 0 for t in expected), expected  # the fixture exercises every table
    connection = sqlite3.connect(out / "opentenge.sqlite")
    try:
        for table in NEW_TABLES:
            assert len(read_csv(out, table)) == expected[table] == summary["tables"][table], table
            assert pq.read_table(out / "parquet" / f"{table}.parquet").num_rows == expected[table], table
            assert connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == expected[table], table
    finally:
        connection.close()


def test_money_columns_add_up_to_the_database(world):
    import pyarrow.parquet as pq

    _, out, _ = world
    sums = {
        ("party_funding", "amount"): pm.PartyFunding.objects.aggregate(s=Sum("amount"))["s"],
        ("party_report_lines", "amount"): pm.PartyReportLine.objects.aggregate(s=Sum("amount"))["s"],
        ("election_funds", "amount"): pm.ElectionFundFigure.objects.filter(status="published")
        .aggregate(s=Sum("amount"))["s"],
        ("declarations", "income"): pm.Declaration.objects.aggregate(s=Sum("income"))["s"],
        ("grant_awards", "amount"): cm.GrantAward.objects.aggregate(s=Sum("amount"))["s"],
        ("foreign_funding", "amount"): cm.ForeignFunding.objects.aggregate(s=Sum("amount"))["s"],
    }
    for (table, column), total in sums.items():
        assert total, (table, column)
        assert sum(Decimal(r[column]) for r in read_csv(out, table) if r[column]) == total, table
        assert sum(v for v in pq.read_table(out / "parquet" / f"{table}.parquet").column(column).to_pylist()
                   if v is not None) == total, table
    assert sums[("election_funds", "amount")] == Decimal("500000.00")  # the unconfirmed figure is not counted
    flags = {r["code"]: r for r in read_csv(out, "flag_results")}
    assert Decimal(flags["R001"]["value"]) == Decimal("0.912345")
    assert json.loads(flags["R001"]["inputs"]) == {"contracts": [1, 2], "share": "0.912345"}
    assert flags["R003"]["outcome"] == "insufficient_data" and flags["R003"]["value"] == ""


def test_lobbying_tables_hold_only_published_versions(world):
    register, out, _ = world
    for path in out.rglob("*"):
        if path.is_file() and path.suffix != ".parquet":
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in SECRETS:
                assert secret not in text, (secret, path.relative_to(out))
    reports = read_csv(out, "lobbying_reports")
    assert {r["version_state"] for r in reports} == {"published", "superseded"}
    drafts = lob.ReportVersion.objects.exclude(state__in=["published", "superseded"])
    assert drafts.count() >= 3
    assert not {str(v.pk) for v in drafts} & {r["id"] for r in reports}
    meetings = read_csv(out, "lobbying_meetings")
    assert {r["report_version_id"] for r in meetings} <= {r["id"] for r in reports}
    registrants = {r["name"] for r in read_csv(out, "lobbying_registrants")}
    assert "Gamma Withdrawn Union" in registrants and not any("SECRET" in n for n in registrants)
    by_id = {r["id"]: r for r in reports}
    assert by_id[str(register.r1v1.pk)]["is_current"] == "false"
    assert by_id[str(register.r1v2.pk)]["is_current"] == "true"
    withdrawn = by_id[str(register.r5v1.pk)]
    assert withdrawn["withdrawn"] == "true" and withdrawn["is_current"] == "false" and withdrawn["withdrawal_reason"]
    assert by_id[str(register.r1v2.pk)]["withdrawal_reason"] == ""
    # the site's meeting log counts the current versions' meetings: the export marks exactly those
    from opentenge.lobbying.queries import live_meetings

    assert {r["id"] for r in meetings if r["is_current"] == "true"} == {str(pk) for pk in
                                                                        live_meetings().values_list("pk", flat=True)}


def test_ftm_roles_validate_and_resolve(world):
    from followthemoney import model

    _, out, summary = world
    entities = {}
    for line in (out / "ftm" / "entities.ftm.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert not ftm_problems(data), (ftm_problems(data), data)
        proxy = model.get_proxy(data)
        assert proxy.id not in entities
        entities[proxy.id] = proxy
    for proxy in entities.values():  # every reference resolves, to an entity of the property's range
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in entities, (proxy.id, prop.name, value)
                assert entities[value].schema.is_a(prop.range), (proxy.id, prop.name, entities[value].schema)
    kinds = [p.schema.name for p in entities.values()]
    roles = pm.CompanyRole.objects
    assert kinds.count("Directorship") == roles.filter(role="director").count() == 2
    assert kinds.count("Ownership") == roles.filter(role="founder").count() == 4
    # Membership: each office in its chamber or body, plus the deputy's party
    assert kinds.count("Membership") == pm.Position.objects.count() + pm.Position.objects.exclude(party=None).count()
    assert "kz-bin-020240002222" in entities and entities["kz-bin-020240002222"].schema.name == "Company"
    # the same name in two companies is two register persons, never merged with the deputy
    register_people = [p for p in entities.values() if p.id.startswith("ot-register-person-")]
    assert len(register_people) == 4
    assert "ot-pol-person-mazhilis-101" in entities
    assert sum(summary["ftm"].values()) == len(entities)


def test_datapackage_lists_the_new_tables_with_schema_licence_source_and_validates(world):
    import frictionless

    _, out, _ = world
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    for table in NEW_TABLES:
        for path in (f"csv/{table}.csv", f"parquet/{table}.parquet"):
            resource = resources[path]
            assert resource["schema"]["fields"] and resource["licenses"] and resource["sources"], path
    assert "data.egov.kz" in resources["csv/company_roles.csv"]["sources"][0]["path"]
    assert "lobbying" in resources["csv/lobbying_reports.csv"]["sources"][0]["path"]
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def test_no_full_iin_and_no_editor_account_in_any_file(world):
    _, out, _ = world
    scanned = 0
    for path in out.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert IIN_JOURNALIST.encode() not in content, path
            assert b"editor-one-SECRET" not in content and b"editor-two-SECRET" not in content, path
            scanned += 1
    assert scanned >= 2 * len(TABLES)
    import pyarrow.parquet as pq

    for path in (out / "parquet").glob("*.parquet"):
        assert IIN_JOURNALIST not in json.dumps(pq.read_table(path).to_pylist(), default=str), path
    people = [r for r in read_csv(out, "foreign_funding") if r["recipient_kind"] == "person"]
    assert people and all(r["iin_masked"].startswith("*") and r["recipient_id"].startswith("IIN-") for r in people)

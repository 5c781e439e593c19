"""Bulk downloads (`opentenge export`): every format read back and checked against the database.

Figures are recomputed independently: counts and sums straight from the ORM, person IINs straight
from the fixture's input files, OCDS validity from the vendored OCDS 1.1.5 schemas
(tests/fixtures/ocds), FtM validity from the ``followthemoney`` model itself.
"""
from __future__ import annotations

import csv
import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from conftest import GOSZAKUP, fixture_items, run_cli
from opentenge.budget.models import BudgetLine
from opentenge.export.run import ExportError, run_export
from opentenge.store import models as m

OCDS = Path(__file__).parent / "fixtures" / "ocds"
ALL = ["csv", "parquet", "sqlite", "ftm", "ocds"]


@pytest.fixture
def exported(ingest_fixtures, tmp_path) -> tuple[Path, dict]:
    out = tmp_path / "export"
    return out, run_export(ALL, out)


def db_figures() -> dict:
    return {
        "organisations": m.Organisation.objects.count(), "references": m.Reference.objects.count(),
        "tenders": m.Tender.objects.count(), "lots": m.Lot.objects.count(),
        "contracts": m.Contract.objects.count(),
        "budget_lines": BudgetLine.objects.filter(is_current=True).count(),
        "contract_sum": m.Contract.objects.aggregate(s=Sum("contract_sum_wnds"))["s"],
    }


def person_iins() -> set[str]:
    """Natural persons' IINs as the source published them, read from the input files."""
    iins = set()
    for path in GOSZAKUP.rglob("subject*.json"):
        iins |= {str(item["iin"]) for item in fixture_items(path) if item.get("iin")}
    assert iins, "the fixture must contain at least one individual entrepreneur"
    return iins


def test_csv_counts_and_contract_sum_equal_the_database(exported):
    out, summary = exported
    figures = db_figures()
    assert figures["contracts"] > 0 and figures["organisations"] > 0
    for table in ("organisations", "references", "tenders", "lots", "contracts", "budget_lines"):
        with (out / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == figures[table] == summary["tables"][table], table
        if table == "contracts":
            assert sum(Decimal(r["contract_sum_wnds"]) for r in rows) == figures["contract_sum"]
            assert {int(r["id"]) for r in rows} == set(m.Contract.objects.values_list("gz_id", flat=True))
        if table == "organisations":
            people = [r for r in rows if r["is_person"] == "true"]
            assert len(people) == m.Organisation.objects.filter(is_person=True).count() > 0
            assert all(r["bin"] == "" and "*" in r["iin_masked"] for r in people)


def test_parquet_reads_back_with_the_same_counts_and_sum(exported):
    import pyarrow.parquet as pq

    out, _ = exported
    figures = db_figures()
    for table in ("organisations", "references", "tenders", "lots", "contracts", "budget_lines"):
        assert pq.read_table(out / "parquet" / f"{table}.parquet").num_rows == figures[table], table
    contracts = pq.read_table(out / "parquet" / "contracts.parquet").to_pydict()
    assert sum(contracts["contract_sum_wnds"]) == figures["contract_sum"]


def test_sqlite_file_opens_and_matches(exported):
    out, _ = exported
    figures = db_figures()
    connection = sqlite3.connect(out / "opentenge.sqlite")
    try:
        for table in ("organisations", "references", "tenders", "lots", "contracts", "budget_lines"):
            (count,) = connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
            assert count == figures[table], table
        amounts = [Decimal(str(v)) for (v,) in connection.execute("SELECT contract_sum_wnds FROM contracts")]
        assert sum(amounts).quantize(Decimal("0.01")) == figures["contract_sum"]
    finally:
        connection.close()


def test_every_ftm_line_loads_and_validates(exported):
    from followthemoney import model

    out, summary = exported
    schemata: dict[str, int] = {}
    ids, entities = set(), []
    for line in (out / "ftm" / "entities.ftm.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert not ftm_problems(data), (ftm_problems(data), data)
        proxy = model.get_proxy(data)
        assert proxy.id and proxy.id not in ids
        ids.add(proxy.id)
        entities.append(proxy)
        schemata[proxy.schema.name] = schemata.get(proxy.schema.name, 0) + 1
    for proxy in entities:  # every reference (authority, supplier, payer …) resolves inside the file
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (proxy.id, prop.name, value)
    assert schemata.get("Person", 0) == m.Organisation.objects.filter(is_person=True).count()
    assert schemata["Contract"] == schemata["ContractAward"] == m.Contract.objects.count()
    assert schemata.get("PublicBody", 0) == (m.Contract.objects.filter(is_gu=True)
                                             .values("customer_id").distinct().count())
    assert schemata.get("Payment", 0) == m.Contract.objects.filter(fakt_sum_wnds__gt=0).count()
    assert sum(schemata.values()) == sum(summary["ftm"].values())


def ftm_problems(data: dict) -> list[str]:
    """Why an FtM entity dict is not valid for the model (``Schema.validate`` alone does not check
    that required properties are present, nor that cleaning keeps every value)."""
    from followthemoney import model
    from followthemoney.exc import InvalidData

    schema = model.get(data.get("schema", ""))
    if schema is None:
        return [f"unknown schema {data.get('schema')!r}"]
    properties = data.get("properties", {})
    problems = [f"unknown property {p}" for p in properties if p not in schema.properties]
    problems += [f"missing required {p}" for p in schema.required if not properties.get(p)]
    if problems:
        return problems
    try:
        schema.validate(data)
    except InvalidData as exc:
        return [str(exc)]
    proxy = model.get_proxy(data, cleaned=False)
    return [f"{p} does not clean: {v}" for p, v in properties.items() if sorted(proxy.get(p)) != sorted(v)]


def test_ftm_check_rejects_invalid_entities():
    """The check above can fail: a Contract without its title, a Company with a broken date."""
    assert ftm_problems({"id": "x", "schema": "Contract", "properties": {"amount": ["1"]}})
    assert ftm_problems({"id": "x", "schema": "Company",
                         "properties": {"name": ["A"], "incorporationDate": ["31.12.2020"]}})
    assert not ftm_problems({"id": "x", "schema": "Company", "properties": {"name": ["A"]}})


def ocds_validator(schema_name: str):
    import jsonschema
    from referencing import Registry, Resource

    base = "https://standard.open-contracting.org/schema/1__1__5/"
    registry = Registry().with_resources(
        (base + name, Resource.from_contents(json.loads((OCDS / name).read_text(encoding="utf-8"))))
        for name in ("release-schema.json", "versioned-release-validation-schema.json",
                     "release-package-schema.json", "record-package-schema.json"))
    schema = json.loads((OCDS / schema_name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def test_ocds_release_packages_validate_and_records_exist_per_ocid(exported):
    out, _ = exported
    releases = ocds_validator("release-package-schema.json")
    records = ocds_validator("record-package-schema.json")
    release_ocids, release_contracts = [], 0
    for line in (out / "ocds" / "release-packages.jsonl").read_text(encoding="utf-8").splitlines():
        package = json.loads(line)
        errors = [e.message for e in releases.iter_errors(package)]
        assert not errors, errors
        release_ocids.append(package["releases"][0]["ocid"])
        release_contracts += sum(len(r.get("contracts", [])) for r in package["releases"])
    assert release_contracts == m.Contract.objects.count()
    tenders = set(m.Tender.objects.values_list("gz_id", flat=True))
    orphans = m.Contract.objects.exclude(tender_id__in=tenders).count()
    assert len(release_ocids) == len(set(release_ocids)) == len(tenders) + orphans

    compiled_value = Decimal(0)
    record_ocids = []
    for line in (out / "ocds" / "record-packages.jsonl").read_text(encoding="utf-8").splitlines():
        package = json.loads(line, parse_float=Decimal)
        errors = [e.message for e in records.iter_errors(json.loads(line))]
        assert not errors, errors
        (record,) = package["records"]
        assert record["compiledRelease"]["ocid"] == record["ocid"]
        record_ocids.append(record["ocid"])
        compiled_value += sum(Decimal(c["value"]["amount"]) for c in record["compiledRelease"].get("contracts", []))
    assert record_ocids == release_ocids
    assert compiled_value == db_figures()["contract_sum"]


def test_ocds_validator_rejects_a_broken_release():
    package = {"uri": "x", "publishedDate": "2024-01-01T00:00:00Z", "publisher": {"name": "x"}, "version": "1.1",
               "releases": [{"ocid": "ocds-x-1", "id": "1", "date": "2024-01-01T00:00:00Z", "tag": ["nonsense"],
                             "initiationType": "tender"}]}
    assert list(ocds_validator("release-package-schema.json").iter_errors(package))


def test_datapackage_describes_every_file_and_validates(exported):
    import frictionless

    out, summary = exported
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"datapackage.json"}
    assert {r["path"] for r in package["resources"]} == written
    assert all(r["licenses"] and r["sources"] for r in package["resources"])
    contracts = next(r for r in package["resources"] if r["path"] == "csv/contracts.csv")
    assert {"name": "contract_sum_wnds", "type": "number"}.items() <= next(
        f for f in contracts["schema"]["fields"] if f["name"] == "contract_sum_wnds").items()
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def test_no_full_person_iin_in_any_written_file(exported):
    out, _ = exported
    iins = person_iins()
    twelve = re.compile(rb"(?<!\d)\d{12}(?!\d)")
    scanned = 0
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        content = path.read_bytes()
        scanned += 1
        found = {match.decode() for match in twelve.findall(content)} & iins
        assert not found, f"{path.relative_to(out)} holds a person's IIN"
        assert not any(iin.encode() in content for iin in iins), path
    assert scanned >= 14
    # Parquet pages are compressed: read the values back too.
    import pyarrow.parquet as pq

    for path in (out / "parquet").glob("*.parquet"):
        text = json.dumps(pq.read_table(path).to_pylist(), default=str)
        assert not any(iin in text for iin in iins), path


def test_unwritable_folder_is_a_clear_error(db, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ExportError, match=r"cannot write to .*a-file/out"):
        run_export(["csv"], blocker / "out")


def test_cli_exit_codes_and_json_summary(scratch_database_url, tmp_path):
    run_cli("init", database_url=scratch_database_url, check=True)
    run_cli("ingest", "goszakup", str(GOSZAKUP), "--json", database_url=scratch_database_url, check=True)
    ok = run_cli("export", "--format", "csv", "--format", "ocds", "--out", str(tmp_path / "out"), "--json",
                 database_url=scratch_database_url)
    assert ok.returncode == 0, ok.stderr
    summary = json.loads(ok.stdout)
    with (tmp_path / "out" / "csv" / "contracts.csv").open(encoding="utf-8", newline="") as handle:
        written = {int(r["id"]) for r in csv.DictReader(handle)}
    assert summary["tables"]["contracts"] == len(written)
    published = {int(i.get("id")) for p in GOSZAKUP.glob("*contract*.json") for i in fixture_items(p)}
    assert published and published <= written  # every contract of the clean pages is exported
    assert not (tmp_path / "out" / "parquet").exists()

    blocker = tmp_path / "blocker"
    blocker.write_text("")
    bad = run_cli("export", "--format", "csv", "--out", str(blocker / "out"), database_url=scratch_database_url)
    assert bad.returncode == 2
    assert f"cannot write to {blocker / 'out'}" in bad.stderr
    unknown = run_cli("export", "--format", "xls", "--out", str(tmp_path / "x"), database_url=scratch_database_url)
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr


def test_downloads_page_lists_the_export(exported, client):
    out, _ = exported
    with override_settings(OPENTENGE_EXPORT_DIR=out), translation.override("en"):
        page = client.get(reverse("downloads"))
        assert page.status_code == 200
        html = page.content.decode()
        for name in ("CSV", "Parquet", "SQLite", "FollowTheMoney", "OCDS 1.1", "datapackage.json",
                     "csv/contracts.csv", "ocds/record-packages.jsonl"):
            assert name in html
        data = client.get(reverse("downloads-json")).json()
        sizes = {f["path"]: f["bytes"] for f in data["export"]["files"]}
        assert sizes["opentenge.sqlite"] == (out / "opentenge.sqlite").stat().st_size
        got = client.get(reverse("downloads-file", args=["csv/contracts.csv"]))
        assert got.status_code == 200
        assert b"".join(got.streaming_content) == (out / "csv" / "contracts.csv").read_bytes()
        assert client.get(reverse("downloads-file", args=["../export/datapackage.json"])).status_code == 404
        assert client.get(reverse("downloads-file", args=["nothing.csv"])).status_code == 404


def test_downloads_page_without_an_export(db, client, tmp_path):
    with override_settings(OPENTENGE_EXPORT_DIR=tmp_path / "none"), translation.override("en"):
        page = client.get(reverse("downloads"))
    assert page.status_code == 200
    assert "No export has been published yet." in page.content.decode()


def test_demo_corpus_export_is_complete_valid_and_free_of_person_iins(db, demo_corpus, tmp_path):
    """The same checks on the larger demo corpus, against the generator's own manifest."""
    from followthemoney import model

    from opentenge.ingest.runner import run_ingest

    expected = json.loads((demo_corpus / "manifest.json").read_text(encoding="utf-8"))["expected"]
    run_ingest("goszakup", [demo_corpus / "goszakup"])
    out = tmp_path / "export"
    summary = run_export(ALL, out)
    assert summary["tables"]["contracts"] == expected["contracts_valid"]
    with (out / "csv" / "contracts.csv").open(encoding="utf-8", newline="") as handle:
        counted = sum(Decimal(r["contract_sum_wnds"]) for r in csv.DictReader(handle)
                      if r["deleted"] == "false" and r["currency"] == "KZT")  # the site's counting rule
    assert counted == Decimal(expected["contract_sum_wnds_kzt"])
    people = 0
    for line in (out / "ftm" / "entities.ftm.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert not ftm_problems(data), data
        people += model.get_proxy(data).schema.name == "Person"
    assert people == expected["organisations_individual"] > 0
    validator = ocds_validator("release-package-schema.json")
    for line in (out / "ocds" / "release-packages.jsonl").read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line)))

    iins = set()
    for path in (demo_corpus / "goszakup").rglob("*.json"):
        try:
            items = fixture_items(path)
        except (ValueError, KeyError, AttributeError):
            continue
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("iin"):
                iins.add(str(item["iin"]))
    assert len(iins) >= expected["organisations_individual"]
    for path in out.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(iin.encode() in content for iin in iins), path


def test_budget_lines_exported_in_every_tabular_format(db, tmp_path):
    import pyarrow.parquet as pq

    from opentenge.budget.models import BudgetLine
    from opentenge.ingest.runner import run_ingest

    budget = Path(__file__).parent / "fixtures" / "budget_egov"
    run_ingest("budget_egov", [budget / "rb_vedomstv_klassifikatsiya_2023_head.csv",
                               budget / "respublikanskiy_byudzhet_2023-01_head.csv"])
    current = BudgetLine.objects.filter(is_current=True)
    count, executed = current.count(), current.aggregate(s=Sum("sumrg"))["s"]
    assert count > 0 and executed
    out = tmp_path / "export"
    run_export(["csv", "parquet", "sqlite"], out)
    with (out / "csv" / "budget_lines.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count
    assert sum(Decimal(r["sumrg"]) for r in rows) == executed
    parquet = pq.read_table(out / "parquet" / "budget_lines.parquet").to_pydict()
    assert len(parquet["id"]) == count and sum(parquet["sumrg"]) == executed
    connection = sqlite3.connect(out / "opentenge.sqlite")
    try:
        assert connection.execute("SELECT COUNT(*) FROM budget_lines").fetchone()[0] == count
    finally:
        connection.close()

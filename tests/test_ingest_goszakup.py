"""The goszakup importer on the hand-made fixture: figures reconciled with the files themselves."""
from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal

import pytest

from conftest import GOSZAKUP, camel, fixture_items
from opentenge.ingest.runner import run_ingest
from opentenge.store import models as m
from opentenge.store import queries as q

GOOD_FILES = sorted(p for p in GOSZAKUP.rglob("*.json") if "bad" not in p.parts)
CONTRACT_FILES = [p for p in GOOD_FILES if p.name.split(".")[0] in {"contract", "graphql-contract"}]
# The bad-records page mixes these two good contracts with one record of each bad kind.
GOOD_IDS_IN_BAD_PAGE = {9101: Decimal("112"), 9110: Decimal("250")}
SYNTHETIC_IIN = "850315305674"  # made-up IIN of the fixture's individual entrepreneur


def expected_contract_values() -> dict[int, tuple[Decimal, bool]]:
    values = {}
    for path in CONTRACT_FILES:
        for item in map(camel, fixture_items(path)):
            values[item["id"]] = (Decimal(str(item["contractSumWnds"])), bool(item.get("deleted")))
    for gz_id, value in GOOD_IDS_IN_BAD_PAGE.items():
        values[gz_id] = (value, False)
    return values


def test_counts_match_the_files(ingest_fixtures):
    stats = q.stats()
    assert stats["contracts"] == len(expected_contract_values()) == 7
    assert stats["tenders"] == len(fixture_items(GOSZAKUP / "graphql-trd-buy.p1.synthetic.json"))
    assert stats["lots"] == len(fixture_items(GOSZAKUP / "lots.p1.synthetic.json"))
    assert stats["references"] == sum(len(fixture_items(p)) for p in (GOSZAKUP / "refs").glob("*.json"))
    # 5 participants + the organiser that appears only on an announcement
    assert stats["organisations"] == 6
    assert stats["persons"] == 1
    assert stats["quarantined"] == 10
    assert stats["by_source"]["goszakup"]["files"] == len(list(GOSZAKUP.rglob("*.json")))
    summary = ingest_fixtures.as_dict()
    assert set(summary) == {"source", "files", "records", "inserted", "updated", "unchanged", "quarantined", "seconds"}
    assert summary["records"] == summary["inserted"] + summary["updated"] + summary["unchanged"] + summary["quarantined"]


def test_totals_equal_the_sum_computed_from_the_files(ingest_fixtures):
    values = expected_contract_values()
    expected = sum(v for v, deleted in values.values() if not deleted)
    overview = q.overview()
    assert overview["value"] == expected
    assert overview["contracts"] == sum(1 for _, deleted in values.values() if not deleted)
    by_year = {row["year"]: row["value"] for row in overview["by_year"]}
    assert sum(by_year.values()) == expected
    assert by_year[2023] == Decimal("830112512.00")


def test_organisation_figures_as_buyer_and_supplier(ingest_fixtures):
    akimat = q.organisation_detail("990440012349")
    values = expected_contract_values()
    akimat_ids = {9002, 9003, 9004, 9101, 9110}  # 9005 is deleted
    assert akimat["as_buyer"]["contracts"] == len(akimat_ids)
    assert akimat["as_buyer"]["value"] == sum(values[i][0] for i in akimat_ids)
    altyn = q.organisation_detail("120840077883")
    assert altyn["name_kk"] == '"Алтын Дала" ЖШС'
    assert altyn["as_supplier"]["value"] == sum(values[i][0] for i in (9001, 9004, 9101, 9110))


def test_same_files_twice_change_nothing(ingest_fixtures):
    before = q.stats()
    again = run_ingest("goszakup", [GOSZAKUP])
    assert q.stats() == before
    assert again.inserted == again.updated == again.quarantined == 0
    assert again.unchanged == again.records == ingest_fixtures.records


def test_changed_record_is_updated_and_old_version_kept(ingest_fixtures, tmp_path):
    page = json.loads((GOSZAKUP / "contract.p1.synthetic.json").read_text(encoding="utf-8"))
    page["items"][0]["contract_sum_wnds"] = 900000000
    page["items"][0]["last_update_date"] = "2023-06-01 10:00:00"
    changed = tmp_path / "contract.changed.json"
    changed.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    summary = run_ingest("goszakup", [changed])
    assert (summary.updated, summary.unchanged, summary.inserted) == (1, 2, 0)
    assert m.Contract.objects.get(gz_id=9001).contract_sum_wnds == Decimal("900000000.00")
    versions = m.RecordVersion.objects.filter(kind="contract", key="9001").order_by("id")
    assert [Decimal(str(v.payload["contractSumWnds"])) for v in versions] == [Decimal("830112512"), Decimal("900000000")]

    # An older copy arriving later is kept as a version but does not win.
    page["items"][0]["contract_sum_wnds"] = 1
    page["items"][0]["last_update_date"] = "2023-01-01 10:00:00"
    older = tmp_path / "contract.older.json"
    older.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    run_ingest("goszakup", [older])
    assert m.Contract.objects.get(gz_id=9001).contract_sum_wnds == Decimal("900000000.00")
    assert m.RecordVersion.objects.filter(kind="contract", key="9001").count() == 3


EXPECTED_QUARANTINE = {
    # (file, locator): (field, reason starts with)
    ("contract.bad-records.synthetic.json", "items[1]"): ("contractSumWnds", "wrong type"),
    ("contract.bad-records.synthetic.json", "items[2]"): ("id", "missing"),
    ("contract.bad-records.synthetic.json", "items[3]"): ("supplierBiin", "invalid BIN/IIN '120840077884': checksum"),
    ("contract.bad-records.synthetic.json", "items[4]"): ("contractSumWnds", "negative amount"),
    ("contract.bad-records.synthetic.json", "items[5]"): ("contractSumWnds", "absurd amount"),
    ("contract.bad-records.synthetic.json", "items[6]"): ("signDate", "date out of range"),
    ("contract.bad-records.synthetic.json", "items[7]"): ("faktTradeMethodsId", "unknown procurement method id 999"),
    ("contract.bad-records.synthetic.json", "items[8]"): ("", "record is not a JSON object"),
    ("contract.malformed.synthetic.json", "file"): ("", "malformed JSON"),
    ("graphql-contract.errors.synthetic.json", "errors"): ("", "API error page"),
}


def test_every_bad_input_kind_lands_in_quarantine_with_its_reason(ingest_fixtures):
    found = {(r.source_file.name, r.locator): (r.field, r.reason)
             for r in m.QuarantinedRecord.objects.select_related("source_file")}
    assert set(found) == set(EXPECTED_QUARANTINE)
    for where, (field, reason) in EXPECTED_QUARANTINE.items():
        assert found[where][0] == field, where
        assert found[where][1].startswith(reason), (where, found[where][1])
    # the good records beside the bad ones landed
    assert set(m.Contract.objects.filter(gz_id__in=GOOD_IDS_IN_BAD_PAGE).values_list("gz_id", flat=True)) == set(
        GOOD_IDS_IN_BAD_PAGE)


def test_unknown_method_names_the_missing_dictionary(db):
    summary = run_ingest("goszakup", [GOSZAKUP / "contract.p1.synthetic.json"])
    assert summary.quarantined == 3
    reasons = set(m.QuarantinedRecord.objects.values_list("reason", flat=True))
    assert all("ingest refs/ref_trade_methods first" in r for r in reasons)


def test_provenance_points_at_the_file_and_record(ingest_fixtures):
    path = GOSZAKUP / "contract.p1.synthetic.json"
    detail = q.contract_detail(9001)
    assert detail["provenance"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert detail["provenance"]["locator"] == "items[0]"
    assert detail["provenance"]["file"] == path.name
    graphql = q.contract_detail(9005)
    assert graphql["provenance"]["locator"] == "data.Contract[1]"
    assert graphql["lot"]["number"] == "11223344-1-1"  # linked through ContractUnits.lotId


def test_method_is_the_actual_one_with_names_in_three_languages(ingest_fixtures):
    detail = q.contract_detail(9003)
    assert detail["method_id"] == 23
    assert detail["method"] == {"ru": "Из одного источника путем прямого заключения договора",
                                "kk": "Шартты тікелей жасасу арқылы бір көзден",
                                "en": "Single source by direct contract award"}
    assert detail["value_without_vat"] == Decimal("44642857.14")
    assert detail["value_with_vat"] == Decimal("50000000.00")


def test_an_entrepreneurs_iin_is_never_stored_in_full(ingest_fixtures):
    person = m.Organisation.objects.get(is_person=True)
    assert person.iin_masked == "********5674"
    assert person.bin is None and SYNTHETIC_IIN not in person.key
    haystack = json.dumps([
        list(m.RecordVersion.objects.values_list("payload", flat=True)),
        list(m.QuarantinedRecord.objects.values_list("raw", flat=True)),
        list(m.Organisation.objects.values()),
    ], default=str, ensure_ascii=False)
    assert SYNTHETIC_IIN not in haystack
    payload = m.RecordVersion.objects.get(kind="organisation", key=person.key).payload
    assert "phone" not in payload and "email" not in payload
    assert q.contract_detail(9002)["supplier"]["iin_masked"] == "********5674"


@pytest.mark.parametrize("query", ["Алтын Дала", "altyn dala", "ALTYN", "алтын", "120840077883", "1208400"])
def test_search_finds_an_organisation_in_any_script(ingest_fixtures, query):
    ids = [o["id"] for o in q.search_organisations(query)["items"]]
    assert "120840077883" in ids


def test_search_across_kazakh_and_russian_letters(ingest_fixtures):
    # «Қазақ Құрылыс» typed without Kazakh letters, and in Latin
    for query in ("Казак Курылыс", "Qazaq Qurylys", "kazak kurilis"):
        assert [o["bin"] for o in q.search_organisations(query)["items"]] == ["150241001129"], query
    assert q.search_organisations("Абишев")["items"][0]["is_person"]
    assert q.search_organisations("zzzz-nothing")["items"] == []

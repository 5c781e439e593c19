"""Local budgets: the KATO code names the level, local files land and reconcile like the republican ones.

Fixtures (``tests/fixtures/budget_local/``, all synthetic): a district's departmental CSV with its
territory in ``.meta.json`` (six months of 2025, the revised budget moved in April, the published
Итого of 05.2025 1000 thousand tenge too high in ``utv``), a region's file whose KATO code is in its
name, and a rural district's JSON grid answer naming its own KATO code.
"""
from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal

import pytest

from conftest import FIXTURES
from opentenge.budget import kato
from opentenge.budget.models import BudgetLine, BudgetSnapshot, Discrepancy, Level
from opentenge.ingest.runner import run_ingest
from opentenge.store import models as m

LOCAL = FIXTURES / "budget_local"
DISTRICT = LOCAL / "district_departmental_synthetic.csv"
REGION = LOCAL / "departmental_110000000_synthetic.csv"
RURAL = LOCAL / "rural_grid_synthetic.json"


@pytest.mark.parametrize("code, level", [
    ("750000000", Level.REGIONAL), ("110000000", Level.REGIONAL), ("113200000", Level.DISTRICT),
    ("111000000", Level.DISTRICT), ("113220000", Level.RURAL), (" 113220000 ", Level.RURAL),
])
def test_level_comes_from_the_zero_groups_of_the_kato_code(code, level):
    assert kato.level_of(code) == level


@pytest.mark.parametrize("code, words", [
    ("113220123", "settlement 123 has no budget"), ("000000000", "region group 00"),
    ("110020000", "without a district"), ("11320000", "8 digits"), ("11320000A", "not a KATO code"),
    ("751000000.0", "not a KATO code"),
])
def test_codes_that_name_no_budget_are_refused_with_a_reason(code, words):
    with pytest.raises(kato.KatoError, match=words):
        kato.level_of(code)


def test_a_stated_level_must_agree_with_the_code_and_parents_are_derived():
    with pytest.raises(kato.KatoError, match="names a district budget"):
        kato.territory("113200000", level="regional")
    assert kato.territory("113220000", "  Округ  ", "rural").name == "Округ"
    assert kato.parents("113220000") == ["110000000", "113200000"]
    assert kato.parents("110000000") == []
    assert kato.code_in_name("departmental_110000000_2025.csv") == "110000000"
    assert kato.code_in_name("rb_2023_head.csv") is None


def _csv_sum(path, month: str, column: str, *, total: bool) -> Decimal:
    rows = [line.split(";") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    header = path.read_text(encoding="utf-8").splitlines()[0].split(";")
    index = header.index(column)
    return sum((Decimal(r[index]) for r in rows if r[-1] == month and (r[1] == "0") == total), Decimal("0.000"))


def test_district_region_and_rural_files_land_at_their_level(db):
    summary = run_ingest("budget_egov", [DISTRICT, REGION, RURAL]).as_dict()
    assert summary["quarantined"] == 0
    snapshots = BudgetSnapshot.objects.filter(is_current=True)
    assert {(s.level, s.region) for s in snapshots} == {
        ("district", "113200000"), ("regional", "110000000"), ("rural", "113220000")}
    district = snapshots.filter(region="113200000")
    assert district.count() == 6 and {s.view for s in district} == {"departmental"}
    assert district.first().region_name == "Синтетический район"
    assert snapshots.get(region="113220000").region_name == "Синтетический сельский округ"
    # lines are denormalised with their level and territory; nothing reaches the republican pages
    june = BudgetLine.objects.filter(region="113200000", period=date(2025, 6, 1), is_current=True)
    assert sorted(june.values_list("code", flat=True)) == ["451", "452", "464", "485"]
    assert sum(line.utch for line in june) == _csv_sum(DISTRICT, "06.2025", "utch", total=False)
    assert not BudgetLine.objects.filter(level=Level.REPUBLICAN).exists()
    # the source file keeps the portal address from .meta.json
    assert m.SourceFile.objects.get(name=DISTRICT.name).url.startswith("https://budget.egov.kz/")


def test_a_wrong_local_subtotal_becomes_a_discrepancy(db):
    run_ingest("budget_egov", [DISTRICT])
    found = Discrepancy.objects.filter(snapshot__region="113200000", severity="mismatch")
    assert [(d.snapshot.period, d.scope, d.column) for d in found] == [(date(2025, 5, 1), "total", "utv")]
    d = found.get()
    assert d.published == _csv_sum(DISTRICT, "05.2025", "utv", total=True)
    assert d.computed == _csv_sum(DISTRICT, "05.2025", "utv", total=False)
    assert d.difference == Decimal("-1000.000")
    assert not Discrepancy.objects.exclude(snapshot__period=date(2025, 5, 1)).exists()


def test_a_file_whose_territory_is_wrong_is_refused_whole(db, tmp_path):
    settlement = tmp_path / "departmental_113220123_synthetic.csv"
    shutil.copy(REGION, settlement)
    disagree = tmp_path / "district_disagree_synthetic.csv"
    shutil.copy(DISTRICT, disagree)
    (tmp_path / (disagree.name + ".meta.json")).write_text(json.dumps({"kato": "113200000", "level": "regional"}))
    named = tmp_path / "named_without_code_synthetic.json"
    named.write_text(json.dumps({**json.loads(RURAL.read_text(encoding="utf-8")), "kato": None}), encoding="utf-8")
    summary = run_ingest("budget_egov", [settlement, disagree, named]).as_dict()
    assert summary["quarantined"] == 3 and not BudgetSnapshot.objects.exists()
    reasons = {q.source_file.name: q for q in m.QuarantinedRecord.objects.all()}
    assert "settlement 123 has no budget" in reasons[settlement.name].reason
    assert "disagrees with KATO 113200000" in reasons[disagree.name].reason
    assert "no KATO code" in reasons[named.name].reason
    assert {q.field for q in reasons.values()} == {"kato"} and {q.locator for q in reasons.values()} == {"file"}


def test_the_local_source_refuses_a_file_without_a_territory(db, tmp_path):
    plain = tmp_path / "departmental_synthetic.csv"
    plain.write_text(REGION.read_text(encoding="utf-8").replace("01.2025", "02.2025"), encoding="utf-8")
    summary = run_ingest("budget_local", [plain, REGION]).as_dict()
    assert summary["quarantined"] == 1
    assert "no KATO code" in m.QuarantinedRecord.objects.get().reason
    assert list(BudgetSnapshot.objects.values_list("level", "region")) == [("regional", "110000000")]

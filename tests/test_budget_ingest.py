"""The budget.egov.kz importer on the real files: every figure recomputed from the raw CSV.

The expectations here are computed with ``csv`` and ``Decimal`` straight from the fixtures
(``raw_months``), never through the importer, so a parsing or summing mistake cannot hide.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import FIXTURES
from opentenge.budget import administrators
from opentenge.budget.models import (
    AMOUNT_COLUMNS, AdministratorLink, BudgetLine, BudgetSnapshot, CheckFigure, Discrepancy,
)
from opentenge.ingest.runner import run_ingest
from opentenge.store import models as m

BUDGET = FIXTURES / "budget_egov"
DEPARTMENTAL = BUDGET / "rb_vedomstv_klassifikatsiya_2023_head.csv"
ECONOMIC = BUDGET / "rb_ekon_klassifikatsiya.csv"
PROGRAMME = BUDGET / "respublikanskiy_byudzhet_2023-01_head.csv"
INVESTMENTS = BUDGET / "rb_prioritetnye_investitsii_2023-01_head.csv"
REAL_FILES = [DEPARTMENTAL, ECONOMIC, PROGRAMME, INVESTMENTS]
VIEW_OF = {DEPARTMENTAL: "departmental", ECONOMIC: "economic", PROGRAMME: "programme", INVESTMENTS: "investments"}
TENGE = Decimal("0.001")


# -- an independent reading of the raw files -------------------------------------------------

def rounded(text: str) -> Decimal:
    return Decimal(text).quantize(TENGE, rounding=ROUND_HALF_UP)


def raw_rows(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def raw_months(path) -> dict[date, list[dict]]:
    months = defaultdict(list)
    for row in raw_rows(path):
        mm, yyyy = row["month"].split(".")
        months[date(int(yyyy), int(mm), 1)].append(row)
    return dict(months)


def flat_split(rows):
    total = [r for r in rows if r["code"] == "0"]
    lines = [r for r in rows if r["code"] != "0"]
    assert len(total) == 1
    return total[0], lines


def column_sums(rows) -> dict[str, Decimal]:
    return {c: sum((rounded(r[c]) for r in rows), Decimal("0.000")) for c in AMOUNT_COLUMNS}


def stored_sums(**filters) -> dict[str, Decimal]:
    lines = BudgetLine.objects.filter(is_current=True, **filters)
    return {c: sum((getattr(line, c) for line in lines), Decimal("0.000")) for c in AMOUNT_COLUMNS}


@pytest.fixture
def budget(db):
    return run_ingest("budget_egov", REAL_FILES)


# -- counts and totals -----------------------------------------------------------------------

def test_every_row_lands_once(budget):
    raw = sum(len(raw_rows(path)) for path in REAL_FILES)
    summary = budget.as_dict()
    assert summary["records"] == raw == 507 + 189 + 308 + 79
    assert summary["inserted"] == raw and summary["quarantined"] == 0
    for path in REAL_FILES:
        months = raw_months(path)
        snapshots = BudgetSnapshot.objects.filter(view=VIEW_OF[path], is_current=True)
        assert sorted(s.period for s in snapshots) == sorted(months)
        for snapshot in snapshots:
            assert snapshot.lines + snapshot.check_rows == len(months[snapshot.period])
            assert snapshot.lines == BudgetLine.objects.filter(snapshot=snapshot).count()
            assert snapshot.check_rows == CheckFigure.objects.filter(snapshot=snapshot).count()
            assert snapshot.level == "republican" and snapshot.region == ""
    assert sorted(m.SourceFile.objects.values_list("kind", flat=True)) == [
        "budget:departmental", "budget:economic", "budget:investments", "budget:programme"]


@pytest.mark.parametrize("path", [DEPARTMENTAL, ECONOMIC])
def test_flat_lines_and_totals_equal_the_raw_file(budget, path):
    for period, rows in raw_months(path).items():
        total, lines = flat_split(rows)
        assert stored_sums(view=VIEW_OF[path], period=period) == column_sums(lines)
        check = CheckFigure.objects.get(snapshot__view=VIEW_OF[path], snapshot__period=period, scope="total")
        assert {c: getattr(check, c) for c in AMOUNT_COLUMNS} == column_sums([total])
        assert BudgetLine.objects.filter(view=VIEW_OF[path], period=period).count() == len(lines)


def test_departmental_total_is_the_sum_of_its_administrators(budget):
    """Итого = Σ ABP rows to the tenge; obzsumrg only within the source's float noise."""
    expected_discrepancies = set()
    for period, rows in raw_months(DEPARTMENTAL).items():
        total, lines = flat_split(rows)
        for column in ("utv", "utch", "plg", "plgp", "plgo", "sumrg", "obz"):
            assert sum(Decimal(r[column]) for r in lines) == Decimal(total[column]), (period, column)
        noise = sum(Decimal(r["obzsumrg"]) for r in lines) - Decimal(total["obzsumrg"])
        assert abs(noise) < Decimal("0.00001")
        for column, value in column_sums(lines).items():
            if value != rounded(total[column]):
                expected_discrepancies.add((period, column))
    recorded = {(d.snapshot.period, d.column) for d in Discrepancy.objects.filter(snapshot__view="departmental")}
    assert recorded == expected_discrepancies  # at one tenge the float noise disappears: nothing differs


def test_economic_shortfall_is_recorded_not_absorbed(budget):
    expected = {}
    for period, rows in raw_months(ECONOMIC).items():
        total, lines = flat_split(rows)
        sums = column_sums(lines)
        for column in AMOUNT_COLUMNS:
            if sums[column] != rounded(total[column]):
                expected[(period, column)] = sums[column] - rounded(total[column])
    recorded = {(d.snapshot.period, d.column): d for d in Discrepancy.objects.filter(snapshot__view="economic")}
    assert {k: d.difference for k, d in recorded.items()} == expected
    january = recorded[(date(2023, 1, 1), "plg")]
    assert january.difference == Decimal("-475644210.000") and january.severity == "mismatch"
    assert recorded[(date(2023, 1, 1), "sumrg")].difference == Decimal("-21346406.492")
    assert recorded[(date(2023, 1, 1), "utv")].computed == 0  # categories publish no approved figure
    assert january.check_figure.scope == "total" and january.scope == "total"


def test_tree_parents_equal_their_children_except_net_sections(budget):
    rows = raw_rows(PROGRAMME)
    by_id = {r["id"]: r for r in rows}
    children = defaultdict(list)
    for row in rows:
        if row["parent_id"]:
            children[str(int(Decimal(row["parent_id"])))].append(row)
    expected_line_mismatches = 0
    for parent_id, kids in children.items():
        parent = by_id[parent_id]
        if parent["level"] == "0":
            continue  # section headers: checked by their own rule
        for column in AMOUNT_COLUMNS:
            expected_line_mismatches += column_sums(kids)[column] != rounded(parent[column])
    line_scoped = Discrepancy.objects.filter(snapshot__view="programme", scope__startswith="line:")
    assert line_scoped.count() == expected_line_mismatches == 0
    # V = I − II − III − IV: published -143222320.604, the rounded sections give -143222320.607
    sections = {r["name"].split(".")[0]: r for r in rows if r["level"] == "0" and r["code"]}
    computed = (rounded(sections["I"]["sumrg"]) - rounded(sections["II"]["sumrg"])
                - rounded(sections["III"]["sumrg"]) - rounded(sections["IV"]["sumrg"]))
    (balance,) = Discrepancy.objects.filter(snapshot__view="programme", scope="section:V")
    assert (balance.column, balance.computed, balance.published) == ("sumrg", computed, rounded(sections["V"]["sumrg"]))
    assert balance.severity == "rounding" and balance.difference == Decimal("-0.003")
    assert not Discrepancy.objects.filter(snapshot__view="programme", scope__in=["section:III", "section:VII"])


def test_tree_administrator_rows_match_the_departmental_file(budget):
    """The programme view's ABP rows add up to the departmental Итого of the same month."""
    abp_rows = [r for r in raw_rows(PROGRAMME) if r["code"] and int(Decimal(r["code"])) >= 100]
    stored = stored_sums(view="programme", kind="administrator")
    assert stored == column_sums(abp_rows)
    assert BudgetLine.objects.filter(view="programme", kind="administrator").count() == len(abp_rows) == 145
    total, _ = flat_split(raw_months(DEPARTMENTAL)[date(2023, 1, 1)])
    assert stored["utv"] == rounded(total["utv"])
    assert abs(stored["sumrg"] - rounded(total["sumrg"])) <= Decimal("0.011")


# -- quirks ----------------------------------------------------------------------------------

def test_names_and_codes_are_cleaned_without_losing_the_published_text(budget):
    vat = BudgetLine.objects.get(view="programme", name_published="Hалог на добавленную стоимость")
    assert vat.name_published[0] == "H" and vat.name == "Налог на добавленную стоимость" and vat.name[0] == "\u041d"
    assert vat.kind == "revenue" and vat.section == "I" and vat.code_published == "1.0" and vat.code == "1"
    president = BudgetLine.objects.get(view="programme", code_published="101.0")
    assert president.code == "101" and president.kind == "administrator" and president.path == "II/1/1/101"
    assert president.parent.code == "1" and president.parent.kind == "group" and president.depth == 3
    council = BudgetLine.objects.get(view="departmental", code="107", period=date(2023, 1, 1))
    assert council.name_published.endswith("      ") and council.name == "Аппарат Высшего Судебного Совета Республики Казахстан"
    constitutional = BudgetLine.objects.get(view="programme", code="637")
    assert constitutional.name_published == " Аппарат Конституционного  Совета Республики Казахстан"
    assert constitutional.name == "Аппарат Конституционного Совета Республики Казахстан"
    programme = BudgetLine.objects.get(view="investments", kind="programme", abp_code="608")
    assert (programme.code_published, programme.code, programme.programme_code) == ("17", "017", "017")
    sub = BudgetLine.objects.get(view="investments", kind="subprogramme", path="I/1/217/205/004")
    assert sub.code_published == "4" and sub.subprogramme_code == "004" and sub.programme_code == "205"
    assert sub.parent.parent.kind == "administrator" and sub.abp_code == "217"
    transfers = BudgetLine.objects.filter(view="programme", is_transfer=True)
    assert {line.path.split("/")[:2][0] for line in transfers} == {"I", "II"}
    assert transfers.filter(kind="administrator", abp_code="217", path="II/15/1/217").exists()


def test_investment_placeholders_are_check_figures_not_lines(budget):
    raw = [r for r in raw_rows(INVESTMENTS) if r["level"] == "4" and r["code"] == "0" and r["name"] == ""]
    placeholders = CheckFigure.objects.filter(snapshot__view="investments", scope__startswith="placeholder:")
    assert placeholders.count() == len(raw) == 6
    assert not BudgetLine.objects.filter(view="investments", name="").exists()
    for check in placeholders:
        programme = BudgetLine.objects.get(view="investments", path=check.scope.split(":", 1)[1])
        assert programme.kind == "programme" and not programme.children.exists()
        assert all(getattr(check, c) == getattr(programme, c) for c in AMOUNT_COLUMNS)
    assert not Discrepancy.objects.filter(snapshot__view="investments").exists()
    section = CheckFigure.objects.get(snapshot__view="investments", scope="section:I")
    assert section.utv == rounded("331891636.0")


def test_monthly_flows_and_the_reorganisation(budget):
    months = raw_months(DEPARTMENTAL)
    raw = {(p, r["code"]): r for p, rows in months.items() for r in rows}
    september, october = date(2023, 9, 1), date(2023, 10, 1)
    for code in ("207", "209", "240", "249"):
        line = BudgetLine.objects.get(view="departmental", abp_code=code, period=october)
        expected = rounded(raw[(october, code)]["sumrg"]) - rounded(raw[(september, code)]["sumrg"])
        assert line.sumrg_month == expected < 0
        assert line.month_note == "reattributed"
    for code in ("228", "229", "650", "651", "652"):
        line = BudgetLine.objects.get(view="departmental", abp_code=code, period=october)
        assert line.month_note == "new-line" and line.sumrg_month == rounded(raw[(october, code)]["sumrg"])
    january = BudgetLine.objects.get(view="departmental", abp_code="217", period=date(2023, 1, 1))
    assert (january.sumrg_month, january.plgp_month) == (january.sumrg, january.plgp)
    february = BudgetLine.objects.get(view="departmental", abp_code="217", period=date(2023, 2, 1))
    assert february.sumrg_month == rounded(raw[(date(2023, 2, 1), "217")]["sumrg"]) - january.sumrg
    assert february.plgp_month is None and february.month_note == "plan-missing"  # quirk 5
    assert BudgetSnapshot.objects.get(view="departmental", period=date(2023, 2, 1)).plan_missing
    august = BudgetLine.objects.get(view="departmental", abp_code="217", period=date(2023, 8, 1))
    assert august.plgp_month is None  # July's plan is missing, so August's flow is unknown
    # Flows of a month add up to the difference of the published totals of consecutive months.
    total = {p: rounded(flat_split(rows)[0]["sumrg"]) for p, rows in months.items()}
    for period in (date(2023, 3, 1), date(2023, 11, 1)):
        flows = BudgetLine.objects.filter(view="departmental", period=period).values_list("sumrg_month", flat=True)
        assert sum(flows) == total[period] - total[period.replace(month=period.month - 1)]
    economic_feb = BudgetLine.objects.filter(view="economic", period=date(2024, 2, 1), code="1").get()
    assert economic_feb.month_note in ("", "plan-missing") and economic_feb.sumrg_month is not None


def test_a_month_without_its_predecessor_has_unknown_flows(db, tmp_path):
    rows = DEPARTMENTAL.read_text(encoding="utf-8").split("\n")
    march = [rows[0]] + [line for line in rows[1:] if line.endswith(";03.2023")]
    path = tmp_path / "march_only_synthetic.csv"
    path.write_text("\n".join(march) + "\n", encoding="utf-8")
    run_ingest("budget_egov", [path])
    notes = set(BudgetLine.objects.filter(view="departmental").values_list("month_note", "sumrg_month"))
    assert notes == {("no-previous-month", None)}
    # February arrives later: March is recomputed from it.
    february = [rows[0]] + [line for line in rows[1:] if line.endswith(";02.2023")]
    path = tmp_path / "february_only_synthetic.csv"
    path.write_text("\n".join(february) + "\n", encoding="utf-8")
    run_ingest("budget_egov", [path])
    line = BudgetLine.objects.get(view="departmental", abp_code="217", period=date(2023, 3, 1))
    before = BudgetLine.objects.get(view="departmental", abp_code="217", period=date(2023, 2, 1))
    assert line.sumrg_month == line.sumrg - before.sumrg and line.month_note == "plan-missing"
    assert before.month_note == "no-previous-month"


# -- history ---------------------------------------------------------------------------------

def _state():
    return (BudgetSnapshot.objects.count(), BudgetLine.objects.count(), CheckFigure.objects.count(),
            Discrepancy.objects.count(), m.SourceFile.objects.count())


def test_reingest_changes_nothing(budget, tmp_path):
    before = _state()
    again = run_ingest("budget_egov", REAL_FILES).as_dict()
    assert again["records"] == budget.records and again["unchanged"] == budget.records
    assert again["inserted"] == again["updated"] == 0
    assert _state() == before
    # The same months in other bytes (CRLF line ends): read, but no snapshot changes.
    crlf = tmp_path / "departmental_crlf_synthetic.csv"
    crlf.write_bytes(DEPARTMENTAL.read_bytes().replace(b"\n", b"\r\n"))
    third = run_ingest("budget_egov", [crlf]).as_dict()
    assert third["unchanged"] == third["records"] == 507 and third["inserted"] == third["updated"] == 0
    assert _state()[:4] == before[:4]


def test_a_corrected_month_replaces_only_that_month(budget, tmp_path):
    may, june = date(2023, 5, 1), date(2023, 6, 1)
    old = BudgetSnapshot.objects.get(view="departmental", period=may, is_current=True)
    others = set(BudgetSnapshot.objects.filter(view="departmental", is_current=True).exclude(id=old.id)
                 .values_list("id", flat=True))
    lines = DEPARTMENTAL.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(";")
    changed = 0
    for i, line in enumerate(lines):
        values = line.split(";")
        if len(values) == len(header) and values[1] == "217" and values[-1] == "05.2023":
            values[header.index("sumrg")] = str(Decimal(values[header.index("sumrg")]) + 1000)
            lines[i] = ";".join(values)
            changed += 1
    assert changed == 1
    corrected = tmp_path / "rb_vedomstv_corrected_05_synthetic.csv"
    corrected.write_text("\n".join(lines), encoding="utf-8")
    summary = run_ingest("budget_egov", [corrected]).as_dict()
    may_rows = len(raw_months(DEPARTMENTAL)[may])
    assert summary["updated"] == may_rows and summary["unchanged"] == 507 - may_rows and summary["inserted"] == 0

    old.refresh_from_db()
    new = BudgetSnapshot.objects.get(view="departmental", period=may, is_current=True)
    assert not old.is_current and old.replaced_by_id == new.id and new.source_file.name == corrected.name
    assert set(BudgetSnapshot.objects.filter(view="departmental", is_current=True).exclude(id=new.id)
               .values_list("id", flat=True)) == others
    was = BudgetLine.objects.get(snapshot=old, abp_code="217")
    now = BudgetLine.objects.get(snapshot=new, abp_code="217")
    assert now.sumrg - was.sumrg == 1000 and not was.is_current and now.is_current
    assert BudgetLine.objects.filter(view="departmental", period=may, is_current=True).count() == old.lines
    # The lines no longer add up to the published Итого: recorded, not absorbed.
    (d,) = Discrepancy.objects.filter(snapshot=new)
    assert (d.column, d.difference, d.severity) == ("sumrg", Decimal("1000.000"), "mismatch")
    # June's flow is recomputed from the corrected May.
    june_line = BudgetLine.objects.get(view="departmental", abp_code="217", period=june, is_current=True)
    assert june_line.sumrg_month == june_line.sumrg - now.sumrg
    # Totals use the current snapshot only.
    assert stored_sums(view="departmental", period=may)["sumrg"] - 1000 == rounded(
        flat_split(raw_months(DEPARTMENTAL)[may])[0]["sumrg"])


# -- bad input -------------------------------------------------------------------------------

def _quarantine(name):
    return {q.locator: q for q in m.QuarantinedRecord.objects.filter(source_file__name=name)}


def test_corrupted_rows_are_quarantined_with_file_line_and_column(db):
    path = BUDGET / "departmental_bad_synthetic.csv"
    summary = run_ingest("budget_egov", [path]).as_dict()
    bad = _quarantine(path.name)
    assert summary["quarantined"] == len(bad) == 5
    assert bad["line 6"].field == "sumrg" and "letters in an amount" in bad["line 6"].reason
    assert "29908518.87abc" in bad["line 6"].reason
    assert bad["line 7"].field == "code" and "unknown code '55'" in bad["line 7"].reason
    assert "wrong column count: 17 columns, the header has 18" in bad["line 8"].reason
    assert "'month' and after are missing" in bad["line 8"].reason
    assert bad["line 9"].field == "month" and "13.2023" in bad["line 9"].reason
    assert bad["line 10"].field == "code" and "malformed code" in bad["line 10"].reason
    assert all(q.source_file.path == str(path) for q in bad.values())
    # The rest of the file still lands: Итого and the three good administrators.
    lines = BudgetLine.objects.filter(view="departmental")
    assert sorted(lines.values_list("code", flat=True)) == ["101", "104", "106"]
    assert summary["inserted"] == 4 and summary["records"] == 9
    assert Discrepancy.objects.filter(scope="total", severity="mismatch").exists()


def test_a_bad_tree_row_takes_its_subtree_to_quarantine(db):
    path = BUDGET / "investments_bad_synthetic.csv"
    summary = run_ingest("budget_egov", [path]).as_dict()
    bad = _quarantine(path.name)
    assert set(bad) == {"line 8", "line 9", "line 10"}
    assert bad["line 8"].field == "utv" and "letters in an amount: '181б10.0'" in bad["line 8"].reason
    assert "parent row id 7 (line 8)" in bad["line 9"].reason and bad["line 9"].field == "parent_id"
    assert summary["inserted"] == 79 - 3
    assert not BudgetLine.objects.filter(abp_code="608").exists()
    assert BudgetLine.objects.filter(view="investments", kind="administrator").count() == 17


def test_an_unreadable_file_is_quarantined_whole(db, tmp_path):
    latin1 = tmp_path / "latin1_synthetic.csv"
    latin1.write_bytes(DEPARTMENTAL.read_bytes()[:400].decode("utf-8", "ignore").encode("cp1251"))
    header = tmp_path / "wrong_header_synthetic.csv"
    header.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    summary = run_ingest("budget_egov", [latin1, header]).as_dict()
    assert summary["quarantined"] == 2 and not BudgetSnapshot.objects.exists()
    assert "not UTF-8" in _quarantine(latin1.name)["file"].reason
    assert "unrecognised header" in _quarantine(header.name)["line 1"].reason


# -- the portal's JSON grid answer -----------------------------------------------------------

def test_json_grid_answer_lands_like_the_csv(db, tmp_path):
    grid = BUDGET / "departmental_grid_synthetic.json"
    summary = run_ingest("budget_egov", [grid]).as_dict()
    january = date(2023, 1, 1)
    total, lines = flat_split(raw_months(DEPARTMENTAL)[january])
    assert summary["inserted"] == len(lines) + 1 and summary["quarantined"] == 0
    assert stored_sums(view="departmental", period=january) == column_sums(lines)
    assert BudgetSnapshot.objects.get().period == january
    assert BudgetLine.objects.get(code="101").code_published == "101"
    # The CSV holds the same January: nothing changes for it, the other months are new.
    csv_summary = run_ingest("budget_egov", [DEPARTMENTAL]).as_dict()
    assert csv_summary["unchanged"] == len(lines) + 1
    assert BudgetSnapshot.objects.filter(period=january).count() == 1

    document = json.loads(grid.read_text(encoding="utf-8"))
    bare = tmp_path / "grid_list_synthetic.json"
    bare.write_text(json.dumps([{**row, "month": "02.2022"} for row in document["rows"]]), encoding="utf-8")
    undated = tmp_path / "grid_undated_synthetic.json"
    undated.write_text(json.dumps({"rows": document["rows"]}), encoding="utf-8")
    summary = run_ingest("budget_egov", [bare, undated]).as_dict()
    assert BudgetSnapshot.objects.filter(period=date(2022, 2, 1)).exists()
    reason = _quarantine(undated.name)["file"].reason
    assert "no period" in reason and "MM.YYYY" in reason


# -- administrators → organisations ----------------------------------------------------------

def _organisation(key, name, bin_=None):
    from opentenge.ingest.writer import organisation_search_text

    return m.Organisation.objects.create(key=key, bin=bin_, name_ru=name, is_customer=True,
                                         search_text=organisation_search_text(name, "", bin_))


def test_administrators_link_by_bin_then_by_name(db):
    finance = _organisation("BIN:990240000010", "РГУ «Министерство финансов Республики Казахстан»", "990240000010")
    treasury = _organisation("BIN:990240000020", "РГУ «Комитет казначейства Министерства финансов Республики Казахстан»",
                             "990240000020")
    court = _organisation("BIN:990240000040", 'ГУ "Верховный Суд Республики Казахстан"', "990240000040")
    _organisation("X:1", "Генеральная прокуратура Республики Казахстан")
    _organisation("X:2", 'ГУ "Генеральная прокуратура Республики Казахстан"')
    mapping = BUDGET / "abp_mapping_synthetic.csv"
    summary = run_ingest("budget_egov", [DEPARTMENTAL, mapping]).as_dict()
    bad = _quarantine(mapping.name)
    assert {q.field for q in bad.values()} == {"bin", "abp_code", "relation"}
    assert summary["quarantined"] == 3

    assert administrators.bodies_for("217") == [(finance.id, "self", "bin"), (treasury.id, "subordinate", "bin")]
    assert administrators.bodies_for("501") == [(court.id, "self", "name")]
    assert administrators.bodies_for("502") == []  # two organisations fit the name: no link
    assert administrators.administrator_for(treasury.id) == "217"
    assert administrators.administrator_for(court.id) == "501"
    assert set(BudgetLine.objects.filter(abp_code="217").values_list("organisation_id", flat=True)) == {finance.id}
    assert set(BudgetLine.objects.filter(abp_code="406").values_list("organisation_id", flat=True)) == {None}
    link = AdministratorLink.objects.get(abp_code="217", organisation=finance)
    assert "990240000010" in link.detail and mapping.name in link.detail

    # The audit chamber's organisation arrives after the budget (a later goszakup ingest).
    audit = _organisation("BIN:990240000030", "Высшая аудиторская палата Республики Казахстан", "990240000030")
    assert administrators.administrator_for(audit.id) is None
    administrators.relink()
    assert administrators.bodies_for("406") == [(audit.id, "self", "bin")]
    assert set(BudgetLine.objects.filter(abp_code="406").values_list("organisation_id", flat=True)) == {audit.id}
    # A re-link with nothing new changes nothing.
    assert administrators.relink()["created"] == 0


def test_legal_forms_and_quotes_do_not_hide_a_name():
    key = administrators.body_key
    assert key('РГУ "Министерство финансов Республики Казахстан"') == key("Министерство финансов Республики Казахстан")
    assert key("ГУ Агентство по защите и развитию конкуренции Республики Казахстан") == key(
        "«Агентство по защите и развитию конкуренции Республики Казахстан» ММ")
    assert key("Государственное учреждение «Верховный Суд»") == key("Верховный  Суд")
    assert key("Министерство ГУманитарных дел") != key("Министерство дел")


def test_views_that_disagree_are_flagged(budget, tmp_path):
    """The same month in the hierarchical report with one ABP row 5,000 higher (synthetic)."""
    january = date(2023, 1, 1)
    assert not Discrepancy.objects.filter(scope__startswith="view:")  # 01.2023 agrees to the tenge tolerance
    lines = PROGRAMME.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(";")
    for i, line in enumerate(lines):
        values = line.split(";")
        if len(values) == len(header) and values[0] == "254":  # II/15/1/217 Трансферты, Министерство финансов
            assert values[1] == "217.0"
            values[header.index("utv")] = str(Decimal(values[header.index("utv")]) + 5000)
            lines[i] = ";".join(values)
    changed = tmp_path / "programme_disagreeing_synthetic.csv"
    changed.write_text("\n".join(lines), encoding="utf-8")
    run_ingest("budget_egov", [changed])
    (flag,) = Discrepancy.objects.filter(scope__startswith="view:")
    assert flag.snapshot.view == "departmental" and flag.snapshot.period == january and flag.snapshot.is_current
    assert (flag.scope, flag.column, flag.difference, flag.severity) == ("view:programme:217", "utv",
                                                                         Decimal("5000.000"), "mismatch")
    rows_217 = sum(1 for r in raw_rows(PROGRAMME) if r["code"] == "217.0")  # one per functional subgroup
    assert f"its {rows_217} rows" in flag.note and rows_217 == 7
    # Inside the report the changed row's parent (subgroup 15.1) no longer adds up: only it.
    inside = Discrepancy.objects.filter(snapshot__view="programme", snapshot__is_current=True, column="utv")
    assert [(d.scope, d.difference) for d in inside] == [("line:II/15/1", Decimal("5000.000"))]
    # The original report again: the flag is replaced, not accumulated.
    again = tmp_path / "programme_again_synthetic.csv"
    again.write_bytes(PROGRAMME.read_bytes() + b"\n")
    run_ingest("budget_egov", [again])
    assert not Discrepancy.objects.filter(scope__startswith="view:")


def test_a_functional_report_is_recognised_by_its_rows(db, tmp_path):
    """A flat file of functional groups, built from the real report's group rows (synthetic).

    Group 16 «Погашение займов» has the name of economic category 5: the view must still be
    functional, and its 16 groups lines, not quarantined categories.
    """
    rows = raw_rows(PROGRAMME)
    by_id = {r["id"]: r for r in rows}
    groups = [r for r in rows if r["level"] == "1" and by_id[str(int(Decimal(r["parent_id"])))]["name"].startswith("II.")]
    groups += [r for r in rows if r["level"] == "2" and r["code"] == "16.0"]  # VII.2 «Погашение займов»
    assert len(groups) == 16 and groups[-1]["name"] == "Погашение займов"
    header = "id;code;name;utv;utch;plg;plgp;plgo;sumrg;obz;obzsumrg;plgpsumrg;plgsumrg;level;isLeaf;loaded;expanded;month"
    columns = header.split(";")
    total = {c: sum(Decimal(g[c]) for g in groups) for c in AMOUNT_COLUMNS}
    lines = [header, ";".join(["1", "0", "Итого", *(str(total[c]) for c in AMOUNT_COLUMNS), "0.0", "0.0", "0", "True",
                               "True", "False", "01.2023"])]
    for i, group in enumerate(groups, start=2):
        lines.append(";".join([str(i), str(int(Decimal(group["code"])))] + [group[c] for c in columns[2:13]]
                              + ["0", "True", "True", "False", "01.2023"]))
    path = tmp_path / "functional_from_programme_synthetic.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run_ingest("budget_egov", [path]).as_dict()
    assert summary["quarantined"] == 0 and summary["inserted"] == 17
    assert m.SourceFile.objects.get(name=path.name).kind == "budget:functional"
    stored = BudgetLine.objects.filter(view="functional")
    assert stored.count() == 16 and set(stored.values_list("kind", flat=True)) == {"group"}
    assert stored.get(code="16").name == "Погашение займов"
    assert stored_sums(view="functional") == column_sums(groups)
    assert not Discrepancy.objects.exists()


def test_months_in_any_order_within_a_file(db, tmp_path):
    """December first, January last, rows of each month shuffled: the same snapshots and flows."""
    lines = DEPARTMENTAL.read_text(encoding="utf-8").split("\n")
    header, body = lines[0], [line for line in lines[1:] if line]
    reordered = sorted(body, key=lambda line: (line.rsplit(";", 1)[1][3:], line.rsplit(";", 1)[1][:2], line), reverse=True)
    path = tmp_path / "departmental_reversed_synthetic.csv"
    path.write_text("\n".join([header, *reordered]) + "\n", encoding="utf-8")
    summary = run_ingest("budget_egov", [path]).as_dict()
    assert summary["inserted"] == summary["records"] == 507
    months = raw_months(DEPARTMENTAL)
    assert BudgetSnapshot.objects.filter(view="departmental").count() == len(months) == 12
    for period, rows in months.items():
        total, lines_ = flat_split(rows)
        assert stored_sums(view="departmental", period=period) == column_sums(lines_)
    october = BudgetLine.objects.get(view="departmental", abp_code="249", period=date(2023, 10, 1))
    september = BudgetLine.objects.get(view="departmental", abp_code="249", period=date(2023, 9, 1))
    assert october.sumrg_month == october.sumrg - september.sumrg < 0 and october.month_note == "reattributed"
    assert not BudgetLine.objects.filter(month_note="no-previous-month").exists()

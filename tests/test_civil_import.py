"""The civil-society importers on hand-made files whose answers are known (tests/fixtures/civil/).

Figures are typed here from the fixture files (see make_fixtures_synthetic.py), not recomputed by
the code under test: a parser that drifts fails these.
"""
from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pytest

from conftest import FIXTURES, run_cli
from opentenge.civil import models as cm
from opentenge.ingest.runner import IngestError, run_ingest
from opentenge.store import models as m

CIVIL = FIXTURES / "civil"
D = Decimal
BIN_YOUTH, BIN_CARE, BIN_WISH = "150340001008", "150340001078", "150340001147"
# synthetic IINs with valid check digits (opentenge.ids.kz.make_valid_iin(1985-04-12, male, 9990…))
IIN_JOURNALIST, IIN_BAD = "850412399907", "850412399908"

pytestmark = pytest.mark.django_db


def grants_of(bin_: str) -> list[Decimal]:
    return sorted(cm.GrantAward.objects.filter(recipient__bin=bin_).values_list("amount", flat=True))


def test_grant_list_utf8_bom_known_answers_and_quarantine_with_line_and_column():
    summary = run_ingest("state_grants", [CIVIL / "grants_awards_2023_synthetic_utf8bom.csv"])
    assert (summary.files, summary.inserted, summary.quarantined) == (1, 4, 4)
    assert grants_of(BIN_YOUTH) == [D("12500000.00")]
    assert grants_of(BIN_CARE) == [D("7250000.50")]
    award = cm.GrantAward.objects.get(recipient__bin=BIN_WISH)
    assert (award.kind, award.amount, award.amount_published) == ("award", D("2000000.00"), "2 000 тыс.")
    assert (award.award_date, award.region_code, award.locator) == (dt.date(2023, 3, 20), "astana", "line 7")
    nameless = cm.GrantAward.objects.get(recipient_name="ОО «Отбасы»")
    assert nameless.recipient_bin == "" and nameless.recipient.key.startswith("NAME:")
    assert nameless.amount == D("3400000.00") and nameless.region_code == "karaganda"
    assert sum(cm.GrantAward.objects.values_list("amount", flat=True)) == D("25150000.50")
    source_file = m.SourceFile.objects.get(source="state_grants")
    assert source_file.kind == "awards:csv/utf-8-sig"
    quarantined = {q.locator: q for q in m.QuarantinedRecord.objects.filter(source="state_grants")}
    assert quarantined["line 9"].field == "Сумма, тенге" and "not an amount: 'около 5 млн'" in quarantined["line 9"].reason
    assert quarantined["line 10"].field == "БИН" and "checksum" in quarantined["line 10"].reason
    assert quarantined["line 11"].field == "Сумма, тенге" and "ambiguous amount" in quarantined["line 11"].reason
    # the published «Итого» counts the three bad rows too: kept as a finding, not as a record
    total = quarantined["line 12"]
    assert "31151234.50" in total.reason and "25150000.50" in total.reason
    assert summary.records == 7


def test_windows_1251_and_kz_1048_lists_are_detected_and_read():
    run_ingest("state_grants", [CIVIL / "grants_awards_2022_synthetic_cp1251.csv",
                                CIVIL / "grants_awards_2021_synthetic_kz1048.csv"])
    kinds = dict(m.SourceFile.objects.values_list("name", "kind"))
    assert kinds["grants_awards_2022_synthetic_cp1251.csv"] == "awards:csv/cp1251"
    assert kinds["grants_awards_2021_synthetic_kz1048.csv"] == "awards:csv/kz1048"
    assert cm.GrantAward.objects.get(year=2022, recipient__bin=BIN_WISH).recipient_name == "ОО «Тілек»"
    assert cm.GrantAward.objects.get(year=2022, recipient__bin=BIN_WISH).amount == D("1234567.89")
    kazakh = cm.GrantAward.objects.get(year=2021, recipient__bin=BIN_CARE)
    # «Сомасы, мың теңге»: thousand tenge; the Kazakh name under the Kazakh header is the Kazakh name
    assert (kazakh.recipient_name, kazakh.amount, kazakh.region_code) == ("«Қамқор» ҚҚ", D("2500500.00"), "almaty-region")
    assert kazakh.recipient.name_kk == "«Қамқор» ҚҚ"
    assert cm.GrantAward.objects.get(year=2021, recipient__bin=BIN_YOUTH).amount == D("3000000.00")
    assert m.QuarantinedRecord.objects.count() == 0


def test_competition_summaries():
    run_ingest("state_grants", [CIVIL / "grants_competitions_2023_synthetic.csv"])
    rows = {c.programme: c for c in cm.GrantCompetition.objects.all()}
    youth, family = rows["Поддержка молодежных инициатив"], rows["Поддержка семьи"]
    assert (youth.applications, youth.winners, youth.budget) == (40, 2, D("25000000.00"))
    assert (family.applications, family.winners, family.budget) == (None, 4, None)


def test_a_mapping_file_loads_a_list_with_other_headers():
    run_ingest("state_grants", [CIVIL / "mapped"])
    rows = {g.recipient.bin: g for g in cm.GrantAward.objects.select_related("recipient")}
    assert rows[BIN_YOUTH].amount == D("1500250.00") and rows[BIN_CARE].amount == D("750000.00")
    assert {g.year for g in rows.values()} == {2024}
    assert {g.region_code for g in rows.values()} == {"almaty"}
    assert rows[BIN_YOUTH].operator.startswith("ГУ «Управление внутренней политики города Алматы»")
    assert rows[BIN_YOUTH].project_title == "Городской форум молодёжи"


@pytest.mark.parametrize("relative, column", [
    ("wrong/grants_missing_amount_synthetic.csv", "'Сумма, тенге'"),
    ("wrong/grants_extra_column_synthetic.csv", "'Примечание'"),
    ("wrong_mapping/grants_synthetic.csv", "thousands"),
])
def test_wrong_layouts_are_rejected_naming_file_and_column(relative, column):
    path = CIVIL / relative
    with pytest.raises(IngestError) as err:
        run_ingest("state_grants", [path])
    message = str(err.value)
    assert path.name in message and column in message
    assert not m.SourceFile.objects.filter(source="state_grants").exists()
    assert m.IngestRun.objects.get(source="state_grants").status == "failed"


def test_the_cli_fails_loudly_on_a_wrong_layout(scratch_database_url):
    run_cli("init", database_url=scratch_database_url, check=True)
    path = CIVIL / "wrong" / "grants_extra_column_synthetic.csv"
    result = run_cli("ingest", "state_grants", str(path), database_url=scratch_database_url)
    assert result.returncode == 2
    assert "grants_extra_column_synthetic.csv" in result.stderr and "unexpected column 'Примечание'" in result.stderr


def _register_xlsx(path, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Реестр лиц, получающих денежные средства … от иностранных источников (синтетические данные)"])
    sheet.append(["по состоянию на 21.09.2023"])
    sheet.append(["№ п/п", "БИН/ИИН", "Наименование/Ф.И.О.", "Регион", "Наименование иностранного источника",
                  "Страна", "Сумма, тенге", "Цель", "Период"])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


FOREIGN_ROWS = [
    [1, BIN_YOUTH, "ОО «Болашақ Жастар»", "г. Алматы", "Steppe Bridge Fund", "США", 15000000, "Обучение", "2022 год"],
    [2, BIN_YOUTH, "ОО «Болашақ Жастар»", "г. Алматы", "Northern Lights Civic Foundation", "Норвегия", 2500000.5,
     "Обучение", "I полугодие 2023"],
    [3, IIN_JOURNALIST, "ИП Серікбаев Ерлан", "г. Астана", "Aurora Foundation for Journalism", "США",
     "1 234 567,89", "Подготовка журналистских материалов", "01.01.2022-31.12.2022"],
    [4, int("030140000256"), "ОФ «Диалог»", "Шымкент", "European Civic Programme (demo)", "ЕС", "2 000 тыс.",
     "Поддержка деятельности", "2022"],
    [5, IIN_BAD, "ИП Қасымов Асқар", "г. Алматы", "Steppe Bridge Fund", "США", 100, "Обучение", "2022"],
    [6, BIN_CARE, "ОФ «Қамқор»", "Алматинская область", "Steppe Bridge Fund", "США", 100, "Обучение", "весна 2023"],
]


def test_foreign_register_xlsx_never_keeps_an_iin(tmp_path):
    path = tmp_path / "reestr_synthetic.xlsx"
    _register_xlsx(path, FOREIGN_ROWS)
    summary = run_ingest("foreign_funding", [path])
    assert (summary.inserted, summary.quarantined) == (4, 2)
    assert m.SourceFile.objects.get(source="foreign_funding").kind == "register:xlsx"
    youth = cm.ForeignFunding.objects.filter(recipient__bin=BIN_YOUTH).order_by("year")
    assert [(f.year, f.amount, f.donor_country_code) for f in youth] == [(2022, D("15000000.00"), "US"),
                                                                          (2023, D("2500000.50"), "NO")]
    assert youth[1].period_start == dt.date(2023, 1, 1) and youth[1].period_end == dt.date(2023, 6, 30)
    person = cm.ForeignFunding.objects.get(recipient_kind="person")
    assert person.recipient_name == "ИП Серікбаев Ерлан" and person.amount == D("1234567.89")
    assert person.iin_masked == "********9907" and person.recipient.is_person
    assert person.recipient.key.startswith("IIN:") and IIN_JOURNALIST not in person.recipient.key
    dialog = cm.ForeignFunding.objects.get(recipient__bin="030140000256")  # Excel dropped the leading zero
    assert (dialog.amount, dialog.donor_country_code) == (D("2000000.00"), "EU")
    reasons = {q.locator: q for q in m.QuarantinedRecord.objects.all()}
    assert reasons["row 8"].field == "БИН/ИИН" and "********9908" in reasons["row 8"].reason
    assert reasons["row 9"].field == "Период" and "весна 2023" in reasons["row 9"].reason
    # the IIN appears nowhere in the store: not in rows, versions, organisations or quarantine
    texts = [str(v) for v in m.RecordVersion.objects.values_list("payload", flat=True)]
    texts += [f"{q.reason} {q.raw} {q.record_key}" for q in m.QuarantinedRecord.objects.all()]
    texts += [f"{o.key} {o.bin} {o.iin_masked} {o.search_text}" for o in m.Organisation.objects.all()]
    texts += [str(row) for row in cm.ForeignFunding.objects.values_list()]
    for iin in (IIN_JOURNALIST, IIN_BAD):
        assert not [t for t in texts if iin in t]


def test_reingest_skips_the_same_file_and_a_corrected_file_updates(tmp_path):
    source = CIVIL / "grants_awards_2022_synthetic_cp1251.csv"
    first = run_ingest("state_grants", [source])
    again = run_ingest("state_grants", [source])
    assert (first.inserted, again.inserted, again.skipped_files, again.unchanged) == (3, 0, 1, 3)
    corrected = tmp_path / "grants_awards_2022_corrected_synthetic.csv"
    text = source.read_bytes().decode("cp1251").replace("4500000", "4600000")
    corrected.write_bytes(text.encode("cp1251"))
    third = run_ingest("state_grants", [corrected])
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 2)
    assert grants_of(BIN_CARE) == [D("4600000.00")]
    assert m.RecordVersion.objects.filter(source="state_grants").count() == 4


def test_ngo_register_enriches_organisations():
    run_ingest("state_grants", [CIVIL / "grants_awards_2021_synthetic_kz1048.csv"])
    run_ingest("ngo_register", [CIVIL / "ngo_register_synthetic.csv"])
    youth = m.Organisation.objects.get(bin=BIN_YOUTH)
    assert youth.registered_on == dt.date(2015, 3, 2)
    assert youth.name_kk == "«Болашақ Жастар» ҚБ"  # from the grant list first: filled, never overwritten
    assert youth.name_ru == "Общественное объединение «Болашақ Жастар»"
    registration = cm.NgoRegistration.objects.get(bin=BIN_YOUTH)
    assert registration.legal_form_code == "PA" and registration.activities == ["Молодёжная политика", "волонтёрство"]
    assert cm.NgoRegistration.objects.get(bin=BIN_WISH).registered_on == dt.date(2015, 3, 20)
    assert cm.NgoRegistration.objects.get(bin=BIN_CARE).legal_form_code == "PF"


def test_unreadable_files_are_quarantined_whole(tmp_path):
    (tmp_path / "broken.xlsx").write_bytes(b"this is not a zip")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    shutil.copy(CIVIL / "grants_competitions_2023_synthetic.csv", tmp_path / "ok.csv")
    summary = run_ingest("state_grants", [tmp_path])
    reasons = {q.source_file.name: q.reason for q in m.QuarantinedRecord.objects.select_related("source_file")}
    assert "not a readable XLSX" in reasons["broken.xlsx"]
    assert "save it as XLSX or CSV" in reasons["old.xls"]
    assert summary.inserted == 2

"""Public hearings of local budgets: the importer, its quarantine, personal data, and the budget page.

``tests/fixtures/budget_local/hearings_synthetic.json`` (synthetic) holds a good hearing of the
district budget 113200000 for 2025 (held 20.03.2025, five proposals of which two are refused: one
carries a full IIN, one an unknown answer; one document with an ftp link), two hearings refused
whole (a settlement's KATO code, 31 February) and a rural hearing on the draft (10.12.2024).
The before/after figures are computed here from the district CSV, not through the importer.
"""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import FIXTURES
from opentenge.budget.hearing_models import Hearing, HearingProposal
from opentenge.ingest.runner import run_ingest
from opentenge.sources.budget_hearings.personal import full_iins, mask_personal
from opentenge.store import models as m

LOCAL = FIXTURES / "budget_local"
HEARINGS = LOCAL / "hearings_synthetic.json"
DISTRICT = LOCAL / "district_departmental_synthetic.csv"
RURAL = LOCAL / "rural_grid_synthetic.json"
FULL_IIN = "850101312346"  # the synthetic person's IIN written into the fixture
PAGE = "/en/budget/local/district/113200000/2025/"


def _raw_month(month: str) -> dict[str, dict[str, Decimal]]:
    lines = DISTRICT.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    rows = [dict(zip(header, line.split(";"))) for line in lines[1:]]
    return {r["code"]: {c: Decimal(r[c]) for c in ("utv", "utch")} for r in rows if r["month"] == month and r["code"] != "0"}


@pytest.fixture
def hearings(db):
    run_ingest("budget_egov", [DISTRICT, RURAL])
    return run_ingest("budget_hearings", [HEARINGS]).as_dict()


def _quarantine() -> dict:
    return {q.locator: q for q in m.QuarantinedRecord.objects.filter(source="budget_hearings")}


def test_good_records_land_with_their_provenance(hearings):
    assert hearings["inserted"] == 2
    hearing = Hearing.objects.get(key="synthetic-113200000-2025-1")
    assert (hearing.level, hearing.kato, hearing.year, str(hearing.date)) == ("district", "113200000", 2025,
                                                                             "2025-03-20")
    assert hearing.body_bin == "050340123450" and hearing.source_file.name == HEARINGS.name
    assert hearing.locator == "hearings[0]"
    assert [d.title for d in hearing.documents.all()] == ["Проект решения маслихата"]
    proposals = list(hearing.proposals.all())
    assert [(p.number, p.answer, p.author_kind) for p in proposals] == [
        (1, "accepted", "resident"), (2, "partly", "ngo"), (3, "rejected", "resident")]
    assert [p.locator for p in proposals] == [f"hearings[0].proposals[{i}]" for i in range(3)]
    assert proposals[1].author_organisation == "ОФ «Синтетический путь»"
    draft = Hearing.objects.get(key="synthetic-113220000-2025-draft")
    assert draft.level == "rural" and draft.proposals.get().answer == "accepted"


def test_bad_records_are_quarantined_naming_file_record_and_field(hearings):
    bad = _quarantine()
    assert set(bad) == {"hearings[0].documents[1]", "hearings[0].proposals[3]", "hearings[0].proposals[4]",
                        "hearings[1]", "hearings[2]"}
    assert hearings["quarantined"] == 5
    assert bad["hearings[1]"].field == "budget.kato" and "settlement 123 has no budget" in bad["hearings[1]"].reason
    assert bad["hearings[2]"].field == "date" and "not a date: '31.02.2025'" in bad["hearings[2]"].reason
    assert bad["hearings[0].documents[1]"].field == "documents.url" and "ftp://" in bad["hearings[0].documents[1]"].reason
    assert bad["hearings[0].proposals[4]"].field == "proposals.answer" and "'maybe'" in bad["hearings[0].proposals[4]"].reason
    iin = bad["hearings[0].proposals[3]"]
    assert iin.field == "proposals.text" and "contains a full IIN (********2346)" in iin.reason
    assert all(q.source_file.name == HEARINGS.name for q in bad.values())
    assert iin.record_key == "synthetic-113200000-2025-1"


def test_no_personal_data_is_stored_anywhere(hearings):
    texts = [p.text for p in HearingProposal.objects.all()]
    assert texts[0] == "Увеличить расходы на ремонт школ. Мой телефон [phone]"
    assert texts[2] == "Построить спортивную площадку возле дома по [address]"
    assert HearingProposal.objects.get(number=1, hearing__kato="113200000").masked == "phone"
    stored = json.dumps([list(HearingProposal.objects.values()), list(m.QuarantinedRecord.objects.values())],
                        default=str, ensure_ascii=False)
    for secret in (FULL_IIN, "234-56-78", "Иванов", "д. 12, кв. 5"):
        assert secret not in stored


def test_masking_rules():
    assert mask_personal("пишите a.b@mail.kz или 8 701 234 56 78")[0] == "пишите [e-mail] или [phone]"
    assert mask_personal("Выделить 8 000 000 тенге на школу № 12")[1] == []
    assert full_iins("БИН 050340123450") == []  # a BIN is an organisation's, public
    assert full_iins(f"ИИН {FULL_IIN}") == ["********2346"]


def test_reingest_changes_nothing_and_a_corrected_file_replaces_the_hearing(hearings, tmp_path):
    document = json.loads(HEARINGS.read_text(encoding="utf-8"))
    document["hearings"][0]["proposals"] = document["hearings"][0]["proposals"][:1]
    corrected = tmp_path / "hearings_corrected_synthetic.json"
    corrected.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    summary = run_ingest("budget_hearings", [corrected]).as_dict()
    assert summary["updated"] == 1 and summary["unchanged"] == 1
    hearing = Hearing.objects.get(key="synthetic-113200000-2025-1")
    assert hearing.proposals.count() == 1 and hearing.source_file.name == corrected.name


def test_admin_entry_needs_a_source_and_masks_text(db):
    hearing = Hearing(key="typed-1", date="2025-03-01", level="district", kato="113200000", year=2025,
                      body_name="Аким района")
    with pytest.raises(ValidationError, match="source_url"):
        hearing.full_clean()
    hearing.source_url = "https://example.invalid/hearing"
    hearing.full_clean()
    hearing.save()
    proposal = HearingProposal(hearing=hearing, number=1, text=f"ИИН {FULL_IIN}", author_kind="resident",
                               answer="accepted", source_url="https://example.invalid/hearing")
    with pytest.raises(ValidationError, match="full IIN"):
        proposal.full_clean()
    proposal.text = "Звоните +7 701 234 56 78"
    proposal.full_clean()
    assert proposal.text == "Звоните [phone]" and proposal.masked == "phone"


# -- the local budget page ---------------------------------------------------------------------

def test_the_page_shows_the_trail_and_the_change_after_the_hearing(hearings, client):
    data = client.get(PAGE.rstrip("/") + ".json").json()
    assert data["name"] == "Синтетический район" and data["period"] == "2025-06"
    [hearing] = data["hearings"]
    assert hearing["counts"] == {"accepted": 1, "partly": 1, "rejected": 1, "total": 3}
    change = hearing["change"]
    # 20.03.2025: February's figures (fixed on 1 March) are the last before it; June is the latest
    assert (change["before_period"], change["after_period"]) == ("2025-02", "2025-06")
    before, after = _raw_month("02.2025"), _raw_month("06.2025")
    rows = {r["code"]: r for r in change["rows"]}
    for code in before:
        assert Decimal(rows[code]["utch_difference"]) == after[code]["utch"] - before[code]["utch"]
        assert Decimal(rows[code]["utv_difference"]) == 0
    assert rows["464"]["utch_difference"] == "50500.500" and rows["485"]["utch_difference"] == "-40000.000"
    assert rows["452"]["changed"] is False and rows["451"]["changed"] is True
    assert change["totals"]["utch_difference"] == "15500.500" and change["totals"]["utch_change_pct"] == "1.11"
    assert [b["code"] for b in change["chart"]] == ["451", "464", "485"]
    assert data["discrepancies"] == 1

    html = " ".join(client.get(PAGE).content.decode().replace("\u00a0", " ").replace("\u202f", " ").split(" "))
    for text in ("Проект решения маслихата", "Partly accepted", "Освещение двух сёл из пяти", "[phone]",
                 "<strong>50 500 500 ₸</strong>", "<strong>-40 000 000 ₸</strong>", "<strong>15 500 500 ₸</strong>",
                 'data-testid="change-chart"'):
        assert text in html, text
    assert FULL_IIN not in html and "Иванов" not in html


def test_a_hearing_on_the_draft_has_nothing_before_it(hearings, client):
    data = client.get("/en/budget/local/rural/113220000/2025.json").json()
    assert data["hearings"][0]["change"]["note"] == "no-month-before"
    assert "No month of this year was published before the hearing" in client.get(
        "/en/budget/local/rural/113220000/2025/").content.decode()


def test_csv_twins_and_the_index(hearings, client):
    csv = client.get(PAGE.rstrip("/") + ".csv?table=change").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("level,kato,year,hearing,hearing_date,before_period")
    assert any(",464," in line and ",50500.500," in line for line in csv)
    proposals = client.get(PAGE.rstrip("/") + ".csv?table=proposals").content.decode("utf-8-sig")
    assert "hearings[0].proposals[2]" in proposals and FULL_IIN not in proposals
    index = client.get("/en/budget/local.json").json()
    [region] = index["regions"]
    assert region["kato"] == "110000000" and region["name"] == ""  # not loaded: shown by its code
    [district] = region["children"]
    assert district["kato"] == "113200000" and district["hearings"] == 1
    assert [r["kato"] for r in district["children"]] == ["113220000"]
    assert index["counts"] == {"regional": 0, "district": 1, "rural": 1}
    page = client.get("/ru/budget/local/").content.decode()
    assert "/ru/budget/local/district/113200000/2025/" in page
    assert client.get("/en/budget/local/district/113220000/2025/").status_code == 404
    assert client.get("/en/budget/local/district/113200000/2019/").status_code == 404


def test_the_api_answers_from_the_same_query(hearings, client):
    data = client.get("/api/v1/budget/local/district/113200000/2025").json()
    assert data["hearings"][0]["change"]["totals"]["utch_difference"] == "15500.500"
    assert data["answer_counts"] == {"accepted": 1, "partly": 1, "rejected": 1, "total": 3}
    assert client.get("/api/v1/budget/local").json()["counts"]["rural"] == 1
    assert client.get("/api/v1/budget/local/district/113220000/2025").status_code == 404
    assert client.get("/api/v1/budget/local/district/abc/2025").status_code == 404


def test_admin_form_needs_a_source_url_and_masks_the_proposal(admin_client):
    form = {"key": "typed-2", "date": "2025-03-01", "level": "district", "kato": "113200000", "year": "2025",
            "body_bin": "", "body_name": "Аким района", "subject": "", "source_url": "",
            "documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0",
            "proposals-TOTAL_FORMS": "1", "proposals-INITIAL_FORMS": "0",
            "proposals-0-number": "1", "proposals-0-text": "Звоните 8 701 234 56 78", "proposals-0-author_kind": "resident",
            "proposals-0-author_organisation": "", "proposals-0-answer": "accepted", "proposals-0-reason": "",
            "proposals-0-source_url": "https://example.invalid/h"}
    response = admin_client.post("/admin/budget/hearing/add/", form)
    assert response.status_code == 200 and "source_url" in response.context["adminform"].form.errors
    assert not Hearing.objects.exists()
    form["source_url"] = "https://example.invalid/h"
    assert admin_client.post("/admin/budget/hearing/add/", form).status_code == 302
    assert HearingProposal.objects.get().text == "Звоните [phone]"

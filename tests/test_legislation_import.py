"""The tracker's importers on hand-made files whose answers are typed here from the fixtures.

tests/fixtures/legislation/*_synthetic.*: good rows land with their source file and line, bad rows
are quarantined naming file, line and field, and a file in the wrong layout is refused naming the
column. Run both on SQLite and on PostgreSQL.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from conftest import FIXTURES
from opentenge.ingest.runner import run_ingest
from opentenge.legislation import models as lm
from opentenge.store import models as m

LEG = FIXTURES / "legislation"
D = dt.date

pytestmark = pytest.mark.django_db


def quarantined(source: str) -> dict[str, tuple[str, str]]:
    return {f"{q.source_file.name}:{q.locator}": (q.field, q.reason)
            for q in m.QuarantinedRecord.objects.filter(source=source).select_related("source_file")}


def ingest_all():
    run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    run_ingest("bills", [LEG / "bills_synthetic.json"])
    return run_ingest("public_councils", [LEG / "public_councils"])


def test_draft_acts_good_rows_land_and_bad_rows_name_line_and_field():
    summary = run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    assert (summary.records, summary.inserted, summary.quarantined) == (6, 3, 3)
    act = lm.LegislativeAct.objects.get(key="npa:101")
    assert (act.kind, act.discussion_start, act.discussion_end, act.status, act.comments) == (
        "draft", D(2026, 3, 2), D(2026, 3, 16), "closed", 42)
    assert act.developer_name == 'ГУ "Министерство финансов Республики Казахстан"'
    assert (act.source_file.name, act.locator) == ("draft_acts_synthetic.csv", "line 2")
    assert list(act.events.values_list("stage", "date")) == [("closed", D(2026, 3, 16))]
    bad = quarantined("draft_acts")
    assert bad["draft_acts_synthetic.csv:line 5"][0] == "discussion_start"
    assert "not a date: '31.02.2026'" in bad["draft_acts_synthetic.csv:line 5"][1]
    assert bad["draft_acts_synthetic.csv:line 6"][0] == "status"
    assert "unknown value 'утверждён'" in bad["draft_acts_synthetic.csv:line 6"][1]
    assert bad["draft_acts_synthetic.csv:line 7"] == ("comments", "comments: not a whole non-negative number: '-5'")
    assert not lm.LegislativeAct.objects.filter(key__in=["npa:104", "npa:105", "npa:106"]).exists()


def test_wrong_layout_is_refused_naming_the_column():
    summary = run_ingest("draft_acts", [LEG / "draft_acts_wrong_layout_synthetic.csv"])
    assert (summary.inserted, summary.quarantined) == (0, 1)
    field, reason = quarantined("draft_acts")["draft_acts_wrong_layout_synthetic.csv:line 1"]
    assert field == "developer"
    assert "missing column(s) developer" in reason and "unexpected column(s) developing_body" in reason
    assert not lm.LegislativeAct.objects.exists()


def test_bills_link_to_their_draft_and_bad_stage_dates_are_quarantined():
    run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    summary = run_ingest("bills", [LEG / "bills_synthetic.json"])
    assert (summary.records, summary.inserted, summary.quarantined) == (3, 2, 1)
    bill = lm.LegislativeAct.objects.get(key="bill:501")
    assert (bill.kind, bill.status, bill.draft.key) == ("bill", "first_reading", "npa:101")
    assert bill.url == "https://www.parlam.kz/ru/mazhilis/lawprojects/501.docx"
    assert list(bill.events.values_list("stage", "date")) == [("submitted", D(2026, 4, 20)),
                                                            ("first_reading", D(2026, 6, 3))]
    field, reason = quarantined("bills")["bills_synthetic.json:result[2]"]
    assert field == "stages[0].date" and "not a date: '2026-13-01'" in reason


def test_bill_ingested_before_its_draft_is_linked_afterwards():
    run_ingest("bills", [LEG / "bills_synthetic.json"])
    assert lm.LegislativeAct.objects.get(key="bill:501").draft is None
    run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    assert lm.LegislativeAct.objects.get(key="bill:501").draft.key == "npa:101"


def test_public_councils_opinions_and_proposals():
    summary = ingest_all()
    assert (summary.files, summary.records, summary.inserted, summary.quarantined) == (5, 10, 6, 4)
    council = lm.PublicCouncil.objects.get(key="pc-fin")
    assert council.body_name == 'ГУ "Министерство финансов Республики Казахстан"'
    assert list(council.members.values_list("name", "role")) == [("Әбішева Әсел", "председатель")]
    assert council.meetings.get().date == D(2026, 3, 5)
    opinion = lm.CouncilOpinion.objects.get()
    assert (opinion.act.key, opinion.position, opinion.date) == ("npa:101", "remarks", D(2026, 3, 10))
    outcomes = dict(lm.NgoProposal.objects.values_list("ngo_name", "outcome"))
    assert outcomes == {'ОО "Болашақ"': "partly", 'ОО "Қамқор"': "rejected"}
    bad = quarantined("public_councils")
    assert bad["members_synthetic.csv:line 3"][0] == "name"
    assert bad["opinions_synthetic.csv:line 3"][0] == "act_id" and "npa:999" in bad["opinions_synthetic.csv:line 3"][1]
    assert bad["opinions_synthetic.csv:line 4"][0] == "council_id"
    assert bad["proposals_synthetic.csv:line 4"] == ("reply", "reply: missing: an outcome of 'rejected' needs the body's reply")
    files = {f.name: (f.inserted, f.quarantined) for f in m.SourceFile.objects.filter(source="public_councils")}
    assert files["opinions_synthetic.csv"] == (1, 2)


def test_developing_body_links_to_the_organisation_of_the_same_name():
    org = m.Organisation.objects.create(key="BIN:000140001234", bin="000140001234",
                                        name_ru='ГУ "Министерство финансов Республики Казахстан"')
    run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    assert lm.LegislativeAct.objects.get(key="npa:101").developer_id == org.id
    assert lm.LegislativeAct.objects.get(key="npa:102").developer_id is None


def test_admin_entry_requires_a_source_and_a_reply():
    run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    act = lm.LegislativeAct.objects.get(key="npa:101")
    proposal = lm.NgoProposal(act=act, ngo_name="ОО «Тест»", date=D(2026, 3, 5), proposal="Текст", outcome="rejected")
    with pytest.raises(ValidationError) as err:
        proposal.full_clean()
    assert set(err.value.message_dict) == {"source_url", "reply"}
    proposal.source_url, proposal.reply = "https://legalacts.egov.kz/npa/view?id=101", "Ответ"
    proposal.full_clean()


def test_admin_form_refuses_a_proposal_without_source_and_stores_nothing(admin_client):
    run_ingest("draft_acts", [LEG / "draft_acts_synthetic.csv"])
    act = lm.LegislativeAct.objects.get(key="npa:101")
    form = {"act": act.pk, "ngo_name": "ОО «Тест»", "ngo_bin": "", "date": "2026-03-05", "proposal": "Текст",
            "outcome": "rejected", "reply": "", "reply_date": "", "source_url": ""}
    response = admin_client.post("/admin/legislation/ngoproposal/add/", form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"source_url", "reply"}
    assert not lm.NgoProposal.objects.exists()
    form.update(source_url="https://legalacts.egov.kz/npa/view?id=101", reply="Ответ органа")
    response = admin_client.post("/admin/legislation/ngoproposal/add/", form)
    assert response.status_code == 302
    assert lm.NgoProposal.objects.get().source_url == "https://legalacts.egov.kz/npa/view?id=101"

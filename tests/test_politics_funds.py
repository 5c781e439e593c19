"""Election funds: the CSV import and the double-entry workflow in the Django admin."""
from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from conftest import FIXTURES
from opentenge.ingest.runner import run_ingest

FUNDS = FIXTURES / "politics" / "election_funds_synthetic.csv"
pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(django_user_model):
    return [django_user_model.objects.create_superuser(name, f"{name}@example.org", "pw-" + name)
            for name in ("editor1", "editor2")]


def form(party_id, amount, **extra):
    data = {"election": "mazhilis-2023", "party": str(party_id), "candidate_name": "", "line": "1", "donor_name": "",
            "amount": amount, "source_url": "https://example.org/synthetic/cec-2023.pdf", "source_page": "p. 4",
            "versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0", "versions-MIN_NUM_FORMS": "0",
            "versions-MAX_NUM_FORMS": "1000"}
    data.update(extra)
    return data


def test_a_figure_is_published_only_after_a_second_editor_confirms_it(client, editors):
    from opentenge.politics.models import ElectionFundFigure, Party

    party = Party.objects.create(key="amanat", name_ru="Партия «AMANAT»", name_en="AMANAT party")
    client.force_login(editors[0])
    missing_source = client.post("/admin/politics/electionfundfigure/add/", form(party.id, "100", source_url=""))
    assert missing_source.status_code == 200 and ElectionFundFigure.objects.count() == 0  # form refused
    response = client.post("/admin/politics/electionfundfigure/add/", form(party.id, "123456.78"))
    assert response.status_code == 302, response.content.decode()[:2000]
    figure = ElectionFundFigure.objects.get()
    assert (figure.status, figure.entered_by) == ("awaiting", "editor1")
    assert client.get("/en/party/amanat.json").json()["election_funds"] == []

    # the same editor cannot confirm
    client.post("/admin/politics/electionfundfigure/", {"action": "confirm_figures", "_selected_action": [figure.pk]})
    figure.refresh_from_db()
    assert figure.status == "awaiting" and figure.confirmed_by == ""

    # a second editor can
    client.force_login(editors[1])
    client.post("/admin/politics/electionfundfigure/", {"action": "confirm_figures", "_selected_action": [figure.pk]})
    figure.refresh_from_db()
    assert (figure.status, figure.confirmed_by) == ("published", "editor2")
    shown = client.get("/en/party/amanat.json").json()["election_funds"]
    assert [(f["line"], Decimal(f["amount"]), f["source_page"]) for f in shown] == [("1", Decimal("123456.78"), "p. 4")]

    # a change sends it back to awaiting confirmation, and history keeps every state
    response = client.post(f"/admin/politics/electionfundfigure/{figure.pk}/change/", form(party.id, "123000"))
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.status, figure.entered_by, figure.amount) == ("awaiting", "editor2", Decimal("123000.00"))
    assert client.get("/en/party/amanat.json").json()["election_funds"] == []
    history = list(figure.versions.values_list("action", "saved_by", "amount", "status"))
    assert history == [("enter", "editor1", Decimal("123456.78"), "awaiting"),
                       ("confirm", "editor2", Decimal("123456.78"), "published"),
                       ("edit", "editor2", Decimal("123000.00"), "awaiting")]
    # deleting is not offered: a wrong figure is corrected, and the correction is history
    assert client.post(f"/admin/politics/electionfundfigure/{figure.pk}/delete/", {"post": "yes"}).status_code == 403


def test_csv_import_enters_figures_awaiting_confirmation(editors, tmp_path):
    from opentenge.politics import funds
    from opentenge.politics.models import ElectionFundFigure
    from opentenge.store.models import QuarantinedRecord

    summary = run_ingest("election_funds", [FUNDS])
    with FUNDS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    good = [r for r in rows if r["source_page"] and (r["party"] or r["candidate_name"])
            and (r["line"] == "donor") == bool(r["donor_name"])]
    assert ElectionFundFigure.objects.count() == len(good) == 4
    assert set(ElectionFundFigure.objects.values_list("status", flat=True)) == {"awaiting"}
    assert {q.field for q in QuarantinedRecord.objects.filter(source="election_funds")} == \
        {"donor_name", "party", "source_page"}
    assert summary.quarantined == 3
    figure = ElectionFundFigure.objects.get(party__key="amanat", line="1")
    assert figure.amount == Decimal("610422700")
    with pytest.raises(funds.SameEditor):
        funds.confirm(figure, "editor1")
    funds.confirm(figure, "editor2")
    # re-importing a corrected file: the changed figure goes back to awaiting, the others stay
    changed = tmp_path / "changed.csv"
    changed.write_text(FUNDS.read_text(encoding="utf-8").replace("610422700", "610422701"), encoding="utf-8")
    again = run_ingest("election_funds", [changed])
    figure.refresh_from_db()
    assert (figure.status, figure.amount, again.updated) == ("awaiting", Decimal("610422701"), 1)
    assert [v.action for v in figure.versions.all()] == ["enter", "confirm", "edit"]


def test_election_page_shows_only_confirmed_figures(client, editors):
    from opentenge.politics import funds
    from opentenge.politics.models import ElectionFundFigure

    run_ingest("election_funds", [FUNDS])
    assert client.get("/en/election/mazhilis-2021.json").json()["participants"] == []
    for figure in ElectionFundFigure.objects.filter(party__key="amanat", line__in=["1", "2"]):
        funds.confirm(figure, "editor2")
    data = client.get("/en/election/mazhilis-2021.json").json()
    assert [(r["party"]["key"], Decimal(r["received"]), Decimal(r["spent"])) for r in data["participants"]] == \
        [("amanat", Decimal("610422700"), Decimal("600000000"))]
    assert data["awaiting_confirmation"] == 2
    html = client.get("/ru/election/mazhilis-2021/").content.decode()
    assert 'id="election-chart"' in html and "2 figures await" not in html
    assert client.get("/en/election/nothing-1999/").status_code == 404

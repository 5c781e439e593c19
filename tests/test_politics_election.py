"""The election page: parties and candidates, confirmed receipts/spending, donors, chart; totals from the CSVs."""
from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal

import pytest

from conftest import FIXTURES
from opentenge.ingest.runner import run_ingest
from opentenge.web.templatetags.opentenge import tenge

FIGURES = FIXTURES / "politics" / "election_funds_candidates_synthetic.csv"
CONFIRMATIONS = FIXTURES / "politics" / "election_funds_candidates_confirmations_synthetic.csv"
ELECTION = "maslikhat-ulytau-2023"
pytestmark = pytest.mark.django_db


def _key(row: dict) -> tuple:
    return row["election"], row["party"], row["candidate_name"], row["line"], row["donor_name"]


def expected() -> dict:
    """Per participant and per kind, the sums a reader should see, recomputed from the two files.

    A figure counts only when the confirmation sheet re-types it with the same amount and a
    different editor than the one who entered it.
    """
    with FIGURES.open(encoding="utf-8") as fh:
        entered = {_key(r): r for r in csv.DictReader(fh)}
    confirmed = {}
    with CONFIRMATIONS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            figure = entered.get(_key(row))
            if figure and Decimal(figure["amount_tenge"]) == Decimal(row["amount_tenge"]) \
                    and figure["entered_by"] != row["confirmed_by"]:
                confirmed[_key(row)] = figure
    people: dict[str, dict] = defaultdict(lambda: {"received": None, "spent": None, "donors": []})
    for (_, party, candidate, line, donor), row in confirmed.items():
        who = people[candidate or party]
        who["kind"] = "candidate" if candidate else "party"
        amount = Decimal(row["amount_tenge"])
        if line == "1":
            who["received"] = amount
        elif line == "2":
            who["spent"] = amount
        elif line == "donor":
            who["donors"].append((donor, amount))
    totals = {kind: {field: sum((p[field] or 0 for p in people.values() if kind in ("all", p["kind"])), Decimal(0))
                     for field in ("received", "spent")} for kind in ("party", "candidate", "all")}
    return {"people": dict(people), "totals": totals, "awaiting": len(entered) - len(confirmed)}


@pytest.fixture
def loaded():
    run_ingest("election_funds", [FIGURES])
    return run_ingest("election_funds", [CONFIRMATIONS])


def test_confirmation_sheet_publishes_only_matching_figures_of_a_second_editor(loaded):
    from opentenge.politics.models import ElectionFundFigure
    from opentenge.store.models import QuarantinedRecord

    refused = {(q.locator, q.field) for q in QuarantinedRecord.objects.filter(source="election_funds")}
    assert refused == {("line 12", "confirmed_by"), ("line 13", "confirmed_by"), ("line 16", "amount_tenge"),
                       ("line 17", "confirmed_by"), ("line 18", "line")}
    reason = QuarantinedRecord.objects.get(locator="line 16").reason
    assert "1795500" in reason and "1795000" in reason and "not confirmed" in reason
    published = ElectionFundFigure.objects.filter(status="published")
    assert set(published.values_list("confirmed_by", flat=True)) == {"editor1", "editor2"}
    assert published.count() == 12 and loaded.updated == 12 and loaded.quarantined == 5
    assert all(f.versions.last().action == "confirm" for f in published)
    # what was not re-typed, or was refused, waits for a second editor
    assert ElectionFundFigure.objects.filter(status="awaiting").count() == expected()["awaiting"]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_election_page_totals_equal_the_confirmed_figures_of_the_file(loaded, client, lang):
    want = expected()
    data = client.get(f"/{lang}/election/{ELECTION}.json").json()
    assert data == client.get(f"/api/v1/politics/elections/{ELECTION}?lang={lang}").json()
    shown = {r["candidate"] or r["party"]["key"]: r for r in data["participants"]}
    assert set(shown) == set(want["people"]) and "Условный Тимур Асканович" not in shown
    for who, person in want["people"].items():
        row = shown[who]
        assert row["kind"] == person["kind"], who
        assert (row["received"] and Decimal(row["received"])) == person["received"], who
        assert (row["spent"] and Decimal(row["spent"])) == person["spent"], who
        assert [(d["donor_name"], Decimal(d["amount"])) for d in row["donors"]] == \
            sorted(person["donors"], key=lambda d: -d[1]), who
        assert all(item["source_url"].startswith("https://") and item["source_page"] for item in row["lines"])
    for kind, sums in want["totals"].items():
        assert (Decimal(data["totals"][kind]["received"]), Decimal(data["totals"][kind]["spent"])) == \
            (sums["received"], sums["spent"]), kind
    assert data["awaiting_confirmation"] == want["awaiting"]
    # a candidate nominated by a party is the candidate's report, not the party's
    assert shown["Демоева Айгуль Нурлановна"]["party"]["key"] == "amanat"
    assert shown["Демоева Айгуль Нурлановна"]["received"] is None

    html = client.get(f"/{lang}/election/{ELECTION}/").content.decode()
    assert 'id="election-chart"' in html and 'id="election-data"' in html and "politics/election.js" in html
    for kind in ("party", "candidate"):
        assert f'data-testid="{kind}-received">{tenge(want["totals"][kind]["received"])}<' in html
        assert f'data-testid="{kind}-spent">{tenge(want["totals"][kind]["spent"])}<' in html
    assert "Синтетиков Арман Серикович" in html and "ТОО «Пример Агро»" in html
    assert "Условный" not in html and tenge(Decimal("1795500")) not in html  # refused figures are not shown
    assert tenge(Decimal("3150000.25")) in html


def test_party_page_keeps_its_own_report_apart_from_its_candidates(loaded, client):
    funds = client.get("/en/party/amanat.json").json()["election_funds"]
    assert {(f["line"], f["donor_name"]) for f in funds} == \
        {("1", ""), ("2", ""), ("donor", "ТОО «Жезказган Синтетик Строй»")}


def test_a_confirmation_sheet_without_its_editor_column_is_read_as_figures_and_fails_naming_columns(tmp_path):
    from opentenge.ingest.runner import IngestError

    bad = tmp_path / "confirm.csv"
    bad.write_text("election,party,line,amount_tenge\nmaslikhat-ulytau-2023,amanat,1,5\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"confirm\.csv: missing column\(s\) candidate_name, source_url, "
                                          r"source_page, entered_by"):
        run_ingest("election_funds", [bad])

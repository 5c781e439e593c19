"""The politics demo sources: generated in their formats, ingested by the real importers, linked."""
from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal

import pytest

from opentenge.ingest.runner import run_ingest


@pytest.fixture(scope="module")
def politics_demo(demo_corpus, tmp_path_factory):
    from opentenge.demo.politics import generate_politics

    out = tmp_path_factory.mktemp("politics-demo")
    (out / "goszakup").symlink_to(demo_corpus / "goszakup", target_is_directory=True)
    return out, generate_politics(out, seed=7, scale="small")


@pytest.mark.django_db
def test_demo_sources_ingest_and_namesakes_show_as_possible_links(politics_demo, client):
    from opentenge.politics.models import Declaration, ElectionFundFigure, PartyFunding, Person, Position

    out, manifest = politics_demo
    run_ingest("goszakup", [out / "goszakup"])  # the revolving door needs the contracts
    for source, folder in manifest["ingest"]:
        summary = run_ingest(source, [out / folder])
        assert summary.quarantined == 0, source
    assert Position.objects.filter(chamber="mazhilis").count() == manifest["mazhilis_deputies"] == 98
    assert Position.objects.filter(chamber="senate").count() == manifest["senators"] == 50
    assert not Person.objects.filter(name_kk="").exists() and not Person.objects.filter(name_ru="").exists()
    senators = Person.objects.filter(key__startswith="senate:").exclude(birth_date=None)
    born = {p.key: p.birth_date.isoformat() for p in senators}
    assert born == manifest["senate_birth_dates"] and 30 < len(born) < manifest["senators"]
    # funding totals recomputed from the CSV
    totals = defaultdict(Decimal)
    with (out / "party_funding" / "party_funding.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            totals[row["party"]] += Decimal(row["amount_tenge"])
    stored = defaultdict(Decimal)
    for f in PartyFunding.objects.select_related("party"):
        stored[f.party.key] += f.amount
    assert stored == totals == {k: Decimal(v) for k, v in manifest["party_funding_totals"].items()}
    assert ElectionFundFigure.objects.filter(status="published").count() == manifest["election_fund_confirmed"]
    assert ElectionFundFigure.objects.filter(status="awaiting").count() == \
        manifest["election_fund_rows"] - manifest["election_fund_confirmed"] > 0
    check_election_page(out / "election_funds", client)
    assert Position.objects.filter(chamber__in=["maslikhat", "executive"]).count() == manifest["officials"]
    assert Declaration.objects.count() == manifest["declarations"]
    revolving = client.get("/en/politics/revolving-door.json").json()["rows"]
    assert {r["person"]["key"] for r in revolving} >= {r["person"] for r in manifest["namesake_roles"]
                                                        if r["person"].startswith("official:")}
    # every namesake role shows on its deputy's page as a possible, unreviewed link
    for role in manifest["namesake_roles"]:
        links = client.get(f"/en/person/{role['person']}.json").json()["possible_links"]
        assert any(link["organisation_bin"] == role["bin"] and link["state"] == "unreviewed" for link in links), role


def check_election_page(folder, client) -> None:
    """The demo election page lists candidates and parties with the sums of the re-typed figures only."""
    def key(row):
        return row["election"], row["party"], row["candidate_name"], row["line"], row["donor_name"]

    with (folder / "election_funds.csv").open(encoding="utf-8") as fh:
        entered = {key(r): r for r in csv.DictReader(fh)}
    with (folder / "election_funds_confirmations.csv").open(encoding="utf-8") as fh:
        confirmed = [entered[key(r)] for r in csv.DictReader(fh)
                     if Decimal(r["amount_tenge"]) == Decimal(entered[key(r)]["amount_tenge"])]
    sums = defaultdict(Decimal)
    candidates = set()
    for row in confirmed:
        kind = "candidate" if row["candidate_name"] else "party"
        if row["candidate_name"]:
            candidates.add(row["candidate_name"])
        if row["line"] in ("1", "2"):
            sums[(kind, row["line"])] += Decimal(row["amount_tenge"])
    for lang in ("kk", "ru", "en"):
        data = client.get(f"/{lang}/election/mazhilis-2023.json").json()
        assert {r["candidate"] for r in data["participants"] if r["kind"] == "candidate"} == candidates
        for kind in ("party", "candidate"):
            assert Decimal(data["totals"][kind]["received"]) == sums[(kind, "1")] > 0
            assert Decimal(data["totals"][kind]["spent"]) == sums[(kind, "2")] > 0
        assert any(r["donors"] for r in data["participants"] if r["kind"] == "candidate")

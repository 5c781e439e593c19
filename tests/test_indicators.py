"""Red flags R001, R002, R003, R007: golden results on a tiny hand-made set of rows.

Every expected figure below is worked out by hand from the rows built in ``world`` (see the
comments), not by calling the indicator code.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from django.utils import translation

from opentenge.indicators import base
from opentenge.indicators.models import FlagResult, ResultContract
from opentenge.store import models as m

D = Decimal


def org(n: int, **kw) -> m.Organisation:
    bin_ = f"{n:012d}"
    return m.Organisation.objects.create(key=f"BIN:{bin_}", bin=bin_, name_ru=f"Орг {n}", name_kk=f"Ұйым {n}", **kw)


def contract(gz_id, buyer, supplier, method, value, *, sign=date(2024, 3, 1), tender=None, deleted=False):
    return m.Contract.objects.create(gz_id=gz_id, customer=buyer, supplier=supplier, method_id=method,
                                     contract_sum_wnds=D(value), sign_date=sign, tender_id=tender, deleted=deleted)


def ts(day: int, month: int = 1) -> datetime:
    return datetime(2024, month, day, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def world(db):
    """Buyer A: 1000 ₸ counted (600 single-source to S1, 300 open tender to S2, 100 quotations to S1),
    plus a deleted 10 000 ₸ single-source contract that must not count.
    Buyer B: three 100 ₸ contracts, one single-source (method 6), to three suppliers.
    Buyer C: one contract only (too few for R001/R007)."""
    a, b, c = org(1, is_customer=True), org(2, is_customer=True), org(3, is_customer=True)
    s1, s2, s3 = org(11), org(12), org(13)
    m.Tender.objects.create(gz_id=901, method_id=2, start_date=ts(1), end_date=ts(11), customer=a)   # 10 days
    m.Tender.objects.create(gz_id=902, method_id=3, start_date=ts(1), end_date=ts(8), customer=a)    # 7 days
    m.Tender.objects.create(gz_id=903, method_id=2, publish_date=ts(1), end_date=None, customer=a)   # no deadline
    m.Tender.objects.create(gz_id=904, method_id=23, start_date=ts(1), end_date=ts(2), customer=a)   # not competitive
    contract(1, a, s1, 23, "600")
    contract(2, a, s2, 2, "300", tender=901)
    contract(3, a, s1, 3, "100", tender=902, sign=date(2023, 5, 1))
    contract(4, a, s1, 23, "10000", deleted=True)
    contract(5, b, s1, 2, "100")
    contract(6, b, s2, 2, "100")
    contract(7, b, s3, 6, "100")
    contract(8, c, s1, 23, "50")
    return {"a": a, "b": b, "c": c, "s1": s1}


def stored(code: str) -> dict:
    return {r.subject_key: r for r in FlagResult.objects.filter(code=code)}


def contracts_of(result: FlagResult) -> set[int]:
    return set(ResultContract.objects.filter(result=result).values_list("contract_gz_id", flat=True))


def test_registry_lists_modules_by_code():
    codes = list(base.registry())
    assert codes[:3] == ["R001", "R002", "R003"] and "R007" in codes
    for cls in base.registry().values():
        d = cls().describe()
        assert d["rule"] and d["data_needed"] and d["false_positives"] and d["thresholds"]


def test_r001_single_source_share(world):
    summary = base.run("R001")
    assert summary == {"code": "R001", "flagged": 1, "clear": 1, "insufficient_data": 1, "total": 3}
    r = stored("R001")
    a = r["000000000001"]
    assert (a.outcome, a.value, a.threshold) == ("flagged", D("0.6"), D("0.5"))  # 600 / 1000
    assert a.inputs["total_value"] == "1000.00" and a.inputs["single_source_ids"] == [1]
    assert contracts_of(a) == {1}
    b = r["000000000002"]
    assert (b.outcome, b.value) == ("clear", D("0.333333"))  # 100 / 300
    c = r["000000000003"]
    assert (c.outcome, c.value) == ("insufficient_data", D("1"))  # one contract < 3, never "clear"


def test_r001_threshold_from_settings(world, settings):
    settings.OPENTENGE_INDICATORS = {"R001": {"share": "0.3"}}
    base.run("R001")
    assert stored("R001")["000000000002"].outcome == "flagged"  # 0.333 >= 0.3


def test_r002_single_bidder_is_insufficient_without_bid_counts(world):
    assert base.run("R002")["insufficient_data"] == 3  # tenders 901, 902, 903; 904 is single-source
    r = stored("R002")
    assert set(r) == {"901", "902", "903"}
    assert all(x.outcome == "insufficient_data" and x.value is None for x in r.values())
    assert contracts_of(r["901"]) == {2}


def test_r002_single_bidder_with_bid_counts(world, monkeypatch):
    from opentenge.indicators import r002_single_bidder

    monkeypatch.setattr(r002_single_bidder, "bid_counts", lambda: {901: 1, 902: 3})
    base.run("R002")
    r = stored("R002")
    assert (r["901"].outcome, r["902"].outcome, r["903"].outcome) == ("flagged", "clear", "insufficient_data")


def test_r003_short_submission_period(world):
    assert base.run("R003") == {"code": "R003", "flagged": 1, "clear": 1, "insufficient_data": 1, "total": 3}
    r = stored("R003")
    assert (r["901"].outcome, r["901"].value, r["901"].threshold) == ("flagged", D("10"), D("15"))
    assert (r["902"].outcome, r["902"].value, r["902"].threshold) == ("clear", D("7"), D("5"))
    assert r["903"].outcome == "insufficient_data"
    assert "904" not in r


def test_r007_pair_concentration(world):
    base.run("R007")
    r = stored("R007")
    a = r["000000000001"]
    # S1 gets 600 + 100 of 1000 -> 0.7; HHI = 0.7² + 0.3² = 0.58
    assert (a.outcome, a.value) == ("flagged", D("0.7"))
    assert D(a.inputs["hhi"]) == D("0.58") and a.inputs["top_supplier"] == "000000000011"
    assert contracts_of(a) == {1, 3}
    b = r["000000000002"]
    assert (b.outcome, b.value, D(b.inputs["hhi"])) == ("clear", D("0.333333"), D("0.333333"))
    assert r["000000000003"].outcome == "insufficient_data"


def test_recompute_replaces_atomically(world, monkeypatch):
    base.run("R001")
    before = sorted(FlagResult.objects.filter(code="R001").values_list("subject_key", "outcome"))
    base.run("R001")
    assert sorted(FlagResult.objects.filter(code="R001").values_list("subject_key", "outcome")) == before
    from opentenge.indicators import r001_single_source_share as mod

    def broken(self):
        yield base.Result("organisation", "x", "flagged")
        raise RuntimeError("boom")

    monkeypatch.setattr(mod.SingleSourceShare, "compute", broken)
    with pytest.raises(RuntimeError):
        base.run("R001")
    assert sorted(FlagResult.objects.filter(code="R001").values_list("subject_key", "outcome")) == before


def test_cli_run_json(world, capsys):
    from opentenge.cli import main

    assert main(["indicators", "run", "--code", "R001", "--code", "r007", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(s["code"], s["flagged"], s["clear"], s["insufficient_data"]) for s in out["indicators"]] == [
        ("R001", 1, 1, 1), ("R007", 1, 1, 1)]
    assert main(["indicators", "run", "--code", "R999"]) == 2


@pytest.fixture
def computed(world):
    for code in ("R001", "R002", "R003", "R007"):
        base.run(code)
    return world


def test_explorer_ranks_buyers_by_distinct_flagged_value(computed, client):
    data = json.loads(client.get("/en/flags.json").content)
    rows = {r["buyer"]["id"]: r for r in data["items"]}
    # A: R001 -> {1}, R007 -> {1, 3}, R003 -> {2}: distinct 600 + 300 + 100 = 1000
    a = rows["000000000001"]
    assert D(a["flagged_value"]) == D("1000") and a["flagged_contracts"] == 3 and a["flagged_results"] == 3
    # R002 on 901-903 and R003 on 903 are insufficient: 4 results; contracts 2 (300 ₸, tender 901)
    # and 3 (100 ₸, tender 902) are concerned
    assert a["insufficient_results"] == 4 and D(a["insufficient_value"]) == D("400")
    c = rows["000000000003"]
    assert D(c["flagged_value"]) == 0 and c["insufficient_results"] == 2
    assert data["items"][0]["buyer"]["id"] == "000000000001"
    r003_2023 = json.loads(client.get("/en/flags.json?code=R007&year=2023").content)
    assert D(r003_2023["items"][0]["flagged_value"]) == D("100")  # only contract 3 signed in 2023
    assert client.get("/en/flags.json?code=R999").status_code == 404


def test_flag_pages_in_english(computed, client):
    with translation.override("en"):
        html = client.get("/en/flags/").content.decode()
        assert "Insufficient data" in html and "Red flags" in html
        method = client.get("/en/flags/R001/").content.decode()
        assert "Single-source share" in method and "Known false positives" in method
    assert json.loads(client.get("/en/flags/R003.json").content)["thresholds"]["min_days"]["2"] == 15
    assert client.get("/en/flags/R099/").status_code == 404


def test_organisation_panel_and_api(computed, client):
    page = json.loads(client.get("/en/org/000000000001.json").content)
    flags = page["flags"]
    assert flags["flagged_count"] == 3 and flags["insufficient_count"] == 4
    assert {f["code"] for f in flags["flagged"]} == {"R001", "R003", "R007"}
    with translation.override("en"):
        html = client.get("/en/org/000000000001/").content.decode()
    assert 'data-testid="flags-panel"' in html and "/en/flags/R001/" in html
    api = json.loads(client.get("/api/v1/indicators/").content)
    assert {i["code"]: i["flagged"] for i in api["items"]}["R001"] == 1
    res = json.loads(client.get("/api/v1/indicators/results/tender/901").content)
    assert {i["code"]: i["outcome"] for i in res["items"]} == {"R002": "insufficient_data", "R003": "flagged"}
    by_contract = json.loads(client.get("/api/v1/indicators/results/contract/1").content)
    assert {i["code"] for i in by_contract["items"]} == {"R001", "R007"}
    assert client.get("/api/v1/indicators/R001").status_code == 200
    assert client.get("/api/v1/indicators/R999").status_code == 404

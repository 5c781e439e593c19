"""Red flags R004, R005, R006, R008 on hand-made rows, and all indicators over the goszakup fixture.

Expected figures are worked out by hand in the comments from the rows each test builds.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal


from opentenge.indicators import base
from opentenge.indicators.models import FlagResult, ResultContract
from opentenge.store import models as m
from test_indicators import contract, org

D = Decimal
SYNTHETIC_IIN = "850315305674"  # the natural person in tests/fixtures/goszakup_synthetic


def stored(code: str) -> dict:
    return {r.subject_key: r for r in FlagResult.objects.filter(code=code)}


def test_r004_insufficient_until_a_legal_ceiling_is_configured(db):
    a, s = org(1), org(11)
    m.Contract.objects.create(gz_id=1, customer=a, supplier=s, method_id=3, contract_sum=D("960"),
                              contract_sum_wnds=D("1075.2"))
    contract(2, a, s, 2, "5000")  # an open tender: no ceiling, out of scope
    assert base.run("R004") == {"code": "R004", "flagged": 0, "clear": 0, "insufficient_data": 1, "total": 1}
    assert stored("R004")["1"].inputs["reason"] == "no legal ceiling configured for this method"


def test_r004_price_just_below_ceiling(db, settings):
    settings.OPENTENGE_INDICATORS = {"R004": {"method_thresholds": {"3": {"limit": "1000", "basis": "synthetic"}}}}
    a, s = org(1), org(11)
    for gz, without_vat in ((1, "960"), (2, "1000"), (3, "900"), (4, "1001"), (5, None)):
        m.Contract.objects.create(gz_id=gz, customer=a, supplier=s, method_id=3, contract_sum=without_vat and D(without_vat),
                                  contract_sum_wnds=D("1"))
    base.run("R004")
    r = stored("R004")
    # band 5 %: flagged when 950 <= value <= 1000
    assert (r["1"].outcome, r["1"].value) == ("flagged", D("0.96"))
    assert (r["2"].outcome, r["2"].value) == ("flagged", D("1"))
    assert (r["3"].outcome, r["4"].outcome, r["5"].outcome) == ("clear", "clear", "insufficient_data")
    assert r["1"].inputs["basis"] == "synthetic" and r["1"].threshold == D("0.95")


def test_r005_amendment_increase(db):
    a, s = org(1), org(11)
    sf = m.SourceFile.objects.create(source="goszakup", name="synthetic", path="synthetic", sha256="0" * 64, size=1,
                                     kind="contract", ingested_at=datetime(2024, 1, 1, tzinfo=timezone.utc))

    def version(key, value, when):
        m.RecordVersion.objects.create(source="goszakup", kind="contract", key=str(key), content_hash=f"{key}{when}",
                                       payload={"contractSumWnds": value, "lastUpdateDate": when}, source_file=sf,
                                       locator="x", seen_at=datetime(2024, 1, 1, tzinfo=timezone.utc))

    contract(1, a, s, 2, "1200")
    version(1, "1200", "2024-02-01")  # stored first, but the later version
    version(1, "1000", "2024-01-01")
    contract(2, a, s, 2, "1050")
    version(2, "1000", "2024-01-01")
    version(2, "1050", "2024-03-01")
    contract(3, a, s, 2, "700")
    version(3, "700", "2024-01-01")
    base.run("R005")
    r = stored("R005")
    assert (r["1"].outcome, r["1"].value) == ("flagged", D("0.2"))  # (1200 - 1000) / 1000
    assert (r["2"].outcome, r["2"].value) == ("clear", D("0.05"))   # (1050 - 1000) / 1000 <= 0.1
    assert r["3"].outcome == "insufficient_data" and r["3"].inputs["versions"] == 1


def test_r006_supplier_registered_shortly_before(db):
    a = org(1)
    new, old, unknown = org(11, registered_on=date(2024, 1, 1)), org(12, registered_on=date(2020, 1, 1)), org(13)
    contract(1, a, new, 2, "100", sign=date(2024, 3, 1))      # 60 days
    contract(2, a, old, 2, "100", sign=date(2024, 3, 1))      # 1521 days
    contract(3, a, unknown, 2, "100", sign=date(2024, 3, 1))  # no registration date
    contract(4, a, new, 2, "100", sign=date(2023, 12, 31))    # signed the day before registration
    base.run("R006")
    r = stored("R006")
    assert (r["1"].outcome, r["1"].value) == ("flagged", D("60"))
    assert (r["2"].outcome, r["2"].value) == ("clear", D("1521"))
    assert r["3"].outcome == "insufficient_data"
    assert (r["4"].outcome, r["4"].value) == ("flagged", D("-1"))


def test_r008_repeat_winner(db):
    a, s1, s2 = org(1), org(11), org(12)
    for i in range(5):
        contract(10 + i, a, s1, 23, "100", sign=date(2024, i + 1, 1))
    for i in range(4):
        contract(20 + i, a, s2, 23, "100", sign=date(2024, i + 1, 1))
    contract(30, a, s1, 23, "100", sign=None)
    base.run("R008")
    r = stored("R008")
    flagged = r["000000000001/000000000011/2024"]
    assert (flagged.outcome, flagged.value) == ("flagged", D("5"))
    assert set(ResultContract.objects.filter(result=flagged).values_list("contract_gz_id", flat=True)) == {10, 11, 12, 13, 14}
    assert (r["000000000001/000000000012/2024"].outcome, r["000000000001/000000000012/2024"].value) == ("clear", D("4"))
    assert r["000000000001/000000000011/unknown"].outcome == "insufficient_data"


def test_every_indicator_over_the_goszakup_fixture_never_shows_a_full_iin(ingest_fixtures, client):
    for code in base.registry():
        summary = base.run(code)
        assert summary["total"] == FlagResult.objects.filter(code=code).count()
    # R001 covers every buyer with a counted contract, one result each
    buyers = set(m.Contract.objects.filter(deleted=False, currency="KZT").values_list("customer_id", flat=True))
    assert FlagResult.objects.filter(code="R001").count() == len(buyers)
    outputs = [client.get("/en/flags.json").content, client.get("/api/v1/indicators/").content,
               client.get("/en/flags/").content]
    for org_ in m.Organisation.objects.all():
        slug = org_.bin or org_.key.replace(":", "-", 1)
        outputs.append(client.get(f"/en/org/{slug}.json").content)
        outputs.append(client.get(f"/en/org/{slug}/").content)
    outputs.append(json.dumps(list(FlagResult.objects.values("subject_key", "inputs"))).encode())
    assert all(SYNTHETIC_IIN.encode() not in body for body in outputs)


def test_every_indicator_has_a_trilingual_docs_page():
    from conftest import REPO

    index = (REPO / "docs/indicators/README.md").read_text(encoding="utf-8")
    for code, cls in base.registry().items():
        page = (REPO / f"docs/indicators/{code}.md").read_text(encoding="utf-8")
        assert f"({code}.md)" in index
        assert "## English" in page and "## Русский" in page and "## Қазақша" in page
        assert str(cls.rule) in page


def test_contract_flags_template_renders_outcomes(db):
    from django.template.loader import render_to_string
    from django.utils import translation

    a, s = org(1), org(13)
    contract(1, a, s, 2, "100")  # supplier without a registration date -> R006 insufficient
    base.run("R006")
    from opentenge.indicators.queries import contract_flags

    flags = contract_flags(1)
    assert [(f["code"], f["outcome"]) for f in flags] == [("R006", "insufficient_data")]
    with translation.override("en"):
        html = render_to_string("indicators/_contract_flags.html", {"flags": flags})
    assert "Insufficient data" in html and "/en/flags/R006/" in html


def test_api_survives_out_of_range_inputs(db, client):
    too_far = client.get("/api/v1/indicators/explorer?year=99999999")  # outside the schema: a 422 problem
    assert too_far.status_code == 422 and too_far["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/indicators/results/contract/99999999999999999999999").status_code == 200
    assert client.get("/en/flags.json?year=0").status_code == 200

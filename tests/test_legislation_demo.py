"""The demo legislation corpus: same seed → same bytes, and it ingests to the counts it promises."""
from __future__ import annotations

import csv

import pytest

from opentenge.demo import names as nm
from opentenge.demo.legislation import generate_legislation
from opentenge.ingest.runner import run_ingest
from opentenge.legislation import models as lm
from opentenge.store import models as m


def test_same_seed_same_files(tmp_path):
    generate_legislation(tmp_path / "a", seed=3, scale="small")
    generate_legislation(tmp_path / "b", seed=3, scale="small")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert len(files) == 7
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


@pytest.mark.django_db
def test_demo_ingests_to_the_promised_counts_and_links_ministries(tmp_path):
    manifest = generate_legislation(tmp_path, seed=7, scale="small")
    with (tmp_path / "draft_acts" / "legalacts_synthetic.csv").open(encoding="utf-8") as fh:
        developers = {row["developer"] for row in csv.DictReader(fh)}
    ministry = sorted(developers)[0]
    assert ministry in {nm.ministry_names(i)[0] for i in range(len(nm.MINISTRIES))}
    org = m.Organisation.objects.create(key="BIN:000140009999", bin="000140009999", name_ru=ministry)
    drafts = run_ingest("draft_acts", [tmp_path / "draft_acts"])
    bills = run_ingest("bills", [tmp_path / "bills"])
    councils = run_ingest("public_councils", [tmp_path / "public_councils"])
    expected = manifest["expected"]
    assert (drafts.inserted, drafts.quarantined) == (expected["draft_acts"]["acts"], expected["draft_acts"]["quarantine"])
    assert (bills.inserted, bills.quarantined) == (expected["bills"]["acts"], 0)
    assert (councils.inserted, councils.quarantined) == (expected["public_councils"]["records_valid"], 0)
    assert lm.LegislativeAct.objects.filter(developer=org).count() == sum(
        1 for a in lm.LegislativeAct.objects.filter(kind="draft") if a.developer_name == ministry) > 0
    assert lm.PublicCouncil.objects.filter(body=org).count() == 1
    assert lm.LegislativeAct.objects.filter(kind="bill", draft__isnull=False).count() == expected["bills"]["acts"]

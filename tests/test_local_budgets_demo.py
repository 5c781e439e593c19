"""The demo's local budgets and hearings, through the real importers (``budget_local``, ``budget_hearings``).

Small scale only (``make demo`` and the tests use it); the large scale's row count is checked
from the generator's plan of territories and months, without writing two million rows.
"""
from __future__ import annotations

import hashlib
import json
import re

from opentenge.budget.hearing_models import Hearing, HearingProposal
from opentenge.budget.models import BudgetSnapshot, Discrepancy
from opentenge.demo.hearings import generate_hearings
from opentenge.demo.local_budgets import LOCAL_SCALES, territories, generate_local_budgets
from opentenge.ids.kz import check_id
from opentenge.ingest.runner import run_ingest
from opentenge.store import models as m


def _corpus(out):
    local = generate_local_budgets(out, seed=7, scale="small")
    hearings = generate_hearings(out, local.pop("budget_years"), seed=7)
    return local, hearings


def _digests(root):
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_same_seed_same_bytes(tmp_path):
    _corpus(tmp_path / "a")
    _corpus(tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_demo_local_budgets_and_hearings_land_through_the_importers(db, tmp_path):
    local, hearings = _corpus(tmp_path)
    summary = run_ingest("budget_local", [tmp_path / "budget_local"]).as_dict()
    assert summary["quarantined"] == 0 and summary["files"] == local["files"]
    current = BudgetSnapshot.objects.filter(is_current=True)
    months = len(local["periods"])
    for level, count in local["budgets"].items():
        assert current.filter(level=level).count() == count * months
    assert local["budgets"] == {"regional": 2, "district": 4, "rural": 8}
    [found] = Discrepancy.objects.filter(severity="mismatch")
    wanted = local["discrepancy"]
    assert (found.snapshot.region, f"{found.snapshot.period:%Y-%m}", found.column, str(found.difference)) == (
        wanted["kato"], wanted["period"], wanted["column"], wanted["difference"])
    # rural files carry their code only in their name; regions and districts in .meta.json
    assert current.filter(level="rural").exclude(region_name="").count() == 0
    assert current.filter(level="district").exclude(region_name="").count() == 4 * months

    summary = run_ingest("budget_hearings", [tmp_path / "budget_hearings"]).as_dict()
    assert Hearing.objects.count() == hearings["hearings"] == 14
    assert HearingProposal.objects.count() == hearings["proposals"]
    reasons = list(m.QuarantinedRecord.objects.filter(source="budget_hearings").values_list("field", flat=True))
    assert sorted(reasons) == ["budget.kato"] * hearings["refused_hearings"] + ["proposals.text"]
    iins = {token for path in (tmp_path / "budget_hearings").glob("*.json")
            for token in re.findall(r"(?<!\d)\d{12}(?!\d)", path.read_text(encoding="utf-8"))
            if check_id(token).kind == "IIN"}
    assert len(iins) == 1
    stored = json.dumps([list(HearingProposal.objects.values()), list(m.QuarantinedRecord.objects.values())],
                        default=str, ensure_ascii=False)
    assert not any(iin in stored for iin in iins) and "Жителева" not in stored


def test_large_scale_plans_enough_local_rows():
    """Rows of the large local corpus, from its territories and months (the republican files add 2M+)."""
    sizes = LOCAL_SCALES["large"]
    months = (sizes["last"][0] - sizes["first"][0]) * 12 + sizes["last"][1] - sizes["first"][1] + 1
    from opentenge.demo.local_budgets import ABPS
    rows = sum((len(ABPS[t.level]) + 1) * months for t in territories("large"))
    assert rows > 600_000

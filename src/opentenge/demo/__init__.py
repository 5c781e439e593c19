"""Synthetic demo corpus in the real source formats (``opentenge demo-data``).

Only the standard library and :mod:`opentenge.ids.kz` are used, so this runs without Django.

    from opentenge.demo import SCALES, generate
    manifest = generate(Path("demo"), seed=42, scale="small")

``generate`` writes ``<out>/goszakup/`` (saved goszakup.gov.kz OWS v3 responses, see
:mod:`opentenge.demo.goszakup`), ``<out>/budget_egov/`` (republican budget execution in the
opengov-kz CSV layouts of budget.egov.kz, see :mod:`opentenge.demo.budget`, plus the operator's
``abp_organisations.csv`` linking the ministries to their goszakup BINs) and
``<out>/manifest.json``, and returns the manifest: ``{"seed", "scale", "files", "pages",
"page_size", "counts": {"organisations", "tenders", "lots", "contracts", "broken_records",
"budget_files", "budget_rows"}, "expected": {..., "budget": {...}}}``. ``files`` and ``pages``
count the goszakup pages; the budget part is described under ``expected.budget`` (per view: file,
data rows, months; per period the departmental Итого; administrators; the reorganisation; the
mapping file). The same seed and scale give byte-identical files. ``progress(label, done,
total)`` is called after every goszakup page written (``label`` is the page's path relative to
``goszakup/``; ``done``/``total`` count pages, each of which is a data file plus its
``.meta.json``).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from opentenge.demo.budget import generate_budget, write_abp_organisations
from opentenge.demo.civil import generate_civil
from opentenge.demo.goszakup import SCALES
from opentenge.demo.goszakup import generate as _generate_goszakup
from opentenge.demo.hearings import generate_hearings
from opentenge.demo.legislation import generate_legislation
from opentenge.demo.local_budgets import generate_local_budgets
from opentenge.demo.politics import generate_politics

__all__ = ["CORPUS_VERSION", "INGEST_ORDER", "SCALES", "generate", "is_current"]

# Bumped whenever the generator writes new sources or new shapes, so that `make demo` knows an
# old corpus in var/demo must be regenerated rather than half-ingested.
CORPUS_VERSION = 5
# Folders of the corpus, in the order `opentenge ingest` must read them (officials before
# declarations; organisations from goszakup before the registers that name them).
INGEST_ORDER = ("goszakup", "budget_egov", "budget_local", "budget_hearings", "ngo_register", "state_grants",
                "foreign_funding", "mazhilis", "senate", "party_funding", "company_roles", "election_funds", "officials",
                "declarations", "draft_acts", "bills", "public_councils")


def is_current(out: Path, *, seed: int, scale: str) -> bool:
    """Whether ``out`` already holds a complete corpus of this generator for ``seed`` and ``scale``."""
    try:
        manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (manifest.get("corpus_version") == CORPUS_VERSION and manifest.get("seed") == seed
            and manifest.get("scale") == scale)


def generate(out: Path, *, seed: int = 42, scale: str = "small",
             progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Write the demo corpus for ``scale`` (one of :data:`SCALES`) under ``out``; return the manifest."""
    out = Path(out)
    manifest = _generate_goszakup(out, seed=seed, scale=scale, progress=progress)
    budget = generate_budget(out, seed=seed, scale=scale)
    bins = _bins_by_name(out / "goszakup", set(budget["ministries"]))
    budget["abp_organisations"] = write_abp_organisations(
        out, {budget["ministries"][name]: bin_ for name, bin_ in bins.items()})
    budget["files"] += 1
    manifest["counts"]["budget_files"] = budget["files"]
    manifest["counts"]["budget_rows"] = budget["rows"]
    manifest["expected"]["budget"] = budget
    local = generate_local_budgets(out, seed=seed, scale=scale)  # issue 11: regions, districts, rural districts
    manifest["expected"]["hearings"] = generate_hearings(out, local.pop("budget_years"), seed=seed)
    manifest["expected"]["local_budgets"] = local
    manifest["counts"]["budget_rows_all_levels"] = budget["rows"] + local["rows"]
    civil = generate_civil(out, seed=seed, scale=scale)
    politics = generate_politics(out, seed=seed, scale=scale)
    manifest["expected"]["civil"] = civil
    manifest["expected"]["politics"] = politics
    manifest["expected"]["legislation"] = generate_legislation(out, seed=seed, scale=scale)
    manifest["corpus_version"] = CORPUS_VERSION
    manifest["ingest_order"] = list(INGEST_ORDER)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def _bins_by_name(goszakup: Path, names: set[str]) -> dict[str, str]:
    """BINs of the goszakup subjects whose Russian name is one of ``names`` (read from the pages)."""
    found: dict[str, str] = {}
    for page in sorted((goszakup / "subject").glob("subject.*.json")):
        if page.name.endswith(".meta.json"):
            continue
        for item in json.loads(page.read_text(encoding="utf-8"))["items"]:
            if item.get("name_ru") in names and item.get("bin"):
                found[item["name_ru"]] = item["bin"]
    return found

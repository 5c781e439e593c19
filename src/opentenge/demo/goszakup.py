"""A synthetic goszakup.gov.kz corpus: files shaped like saved OWS v3 API responses.

The shapes follow ``tests/fixtures/goszakup_synthetic/`` (REST pages ``{total, limit,
next_page, items}`` in snake_case, GraphQL responses ``{data: {Entity: [...]}, extensions:
{pageInfo}}`` in camelCase) and the field names of the OWS v3 GraphQL schema. Nothing here is
real: names come from word lists (``names.py``), identifiers are made-up numbers with valid
check digits, amounts are drawn from skewed distributions.

Layout under ``<out>/goszakup/``::

    refs/ref_trade_methods.json, ref_buy_status.json, ref_subject_type.json
    subject/subject.00001.json …                       REST /v3/subject/all
    trd-buy/graphql-trd-buy.00001.json …               GraphQL TrdBuy
    lots/lots.00001.json …                             REST /v3/lots
    contract/contract.00001.json …                     REST /v3/contract (first half of the listing)
    contract/graphql-contract.0000N.json …             GraphQL Contract (second half, then updates)
    broken/contract.broken-01.json …                   records and files the importer must quarantine

Each page has a ``<file>.meta.json`` sidecar ``{"url", "retrieved_at"}``. The manifest goes
to ``<out>/manifest.json`` (outside ``goszakup/`` so the importer never reads it).

The generator streams: tenders, lots and contracts are written page by page, so memory stays
bounded at every scale (only organisation identifiers and buyer names are kept).

This module only orchestrates: it sizes the run, seeds the random streams, calls the stages in
a fixed order and writes the manifest. The stages live in :mod:`~opentenge.demo.envelopes` (file
formats and the output folder), :mod:`~opentenge.demo.organisations` (subjects),
:mod:`~opentenge.demo.procurement` (refs, tenders, lots, contracts) and
:mod:`~opentenge.demo.broken` (what must be quarantined). The order of random draws is part of
the output: the same seed and scale must keep giving byte-identical files.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

from opentenge.demo.broken import write_broken
from opentenge.demo.envelopes import PAGE_SIZE, RETRIEVED_BASE, Dates, Output, prepare_folders
from opentenge.demo.organisations import Orgs, make_orgs
from opentenge.demo.procurement import Plan, emit_procurements, write_refs

SCALES: dict[str, dict[str, int]] = {
    "small": {"contracts": 2_000, "organisations": 400},
    "medium": {"contracts": 50_000, "organisations": 10_000},
    "large": {"contracts": 1_000_000, "organisations": 200_000},
}


def generate(out: Path, *, seed: int = 42, scale: str = "small",
             progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Write the corpus under ``out/goszakup/`` and the manifest to ``out/manifest.json``."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    sizes = SCALES[scale]
    n_contracts, n_orgs = sizes["contracts"], max(300, sizes["organisations"])
    out = Path(out)
    root = out / "goszakup"
    stale = prepare_folders(root)

    # one stream per stage, so organisations do not depend on how many draws the plan took
    master = random.Random(seed)
    rng_plan = random.Random(master.getrandbits(64))
    rng_orgs = random.Random(master.getrandbits(64))
    rng = random.Random(master.getrandbits(64))
    retrieved_base = RETRIEVED_BASE + dt.timedelta(seconds=master.randrange(0, 6 * 3600))

    plan = Plan(n_contracts, rng_plan)
    n_changed = max(3, n_contracts // 200)
    n_deleted = max(3, n_contracts // 200)
    picked = rng_plan.sample(range(n_contracts), n_changed + n_deleted)
    changed, deleted = set(picked[:n_changed]), set(picked[n_changed:])
    # the first half of the contract pages as REST, the second half as GraphQL
    rest_total = min(n_contracts, math.ceil(math.ceil(n_contracts / PAGE_SIZE) / 2) * PAGE_SIZE)

    output = Output(root, retrieved_base, _total_pages(plan, n_orgs, rest_total, n_changed), progress)
    dates = Dates()
    write_refs(output)
    orgs = make_orgs(n_orgs, rng_orgs, output, dates)
    stats = emit_procurements(plan, orgs, rng, output, dates, rest_total, changed, deleted)
    broken = write_broken(orgs, rng, output, dates, stats)
    output.remove_stale(stale)

    manifest = _manifest(seed, scale, n_orgs, plan, orgs, output, stats, broken, len(changed), len(deleted))
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def _total_pages(plan: Plan, n_orgs: int, rest_total: int, n_changed: int) -> int:
    """Pages the run will write, known up front so ``progress`` can show a total."""
    def pages_of(n: int) -> int:
        return math.ceil(n / PAGE_SIZE)

    return (3 + pages_of(n_orgs) + pages_of(plan.tenders) + pages_of(plan.lot_count) + pages_of(rest_total)
            + pages_of(plan.contracts - rest_total) + pages_of(n_changed) + 3)


def _manifest(seed: int, scale: str, n_orgs: int, plan: Plan, orgs: Orgs, output: Output, stats: dict,
              broken: dict, n_changed: int, n_deleted: int) -> dict:
    """What was written and what an importer reading it must end up with (``expected``)."""
    sum_tiyn = stats["sum_tiyn"] + broken["sum_tiyn"]
    expected = {
        "contracts_valid": plan.contracts + broken["good"],
        "contracts_deleted": n_deleted,
        "contracts_changed": n_changed,
        "contract_records_valid": plan.contracts + n_changed + broken["good"],
        "contracts_live_kzt": stats["live_kzt"] + broken["good"],
        "contract_sum_wnds_kzt": f"{sum_tiyn // 100}.{sum_tiyn % 100:02d}",
        "contracts_single_source": stats["single_source"],
        "contracts_social_order": stats["social_order"],
        "contracts_without_tender": stats["without_tender"],
        "contracts_foreign_currency": stats["foreign"],
        "organisations": n_orgs,
        "organisations_individual": orgs.persons,
        "tenders": plan.tenders,
        "lots": plan.lot_count,
        "broken_good_records": broken["good"],
        "quarantine": broken["quarantine"],
        "quarantine_total": sum(broken["quarantine"].values()),
    }
    return {
        "generator": "opentenge.demo",
        "seed": seed,
        "scale": scale,
        "files": output.files,
        "pages": output.pages,
        "page_size": PAGE_SIZE,
        "counts": {
            "organisations": n_orgs,
            "tenders": plan.tenders,
            "lots": plan.lot_count,
            "contracts": plan.contracts,
            "broken_records": expected["quarantine_total"],
        },
        "expected": expected,
    }

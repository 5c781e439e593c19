"""Corpora for the trials, written by the real demo generator into ``trials/work/``.

``large_goszakup`` gives a goszakup folder whose contract records sit in ONE large saved REST
response (tens of thousands of records): the file is the ingest's unit of work and transaction,
so a kill -9 has a long window in which to land inside an open transaction. The generator's REST
contract pages are merged into ``contract/contract.large.json`` — the same ``{total, limit,
next_page, items}`` envelope the importer reads, as if saved with a very large ``limit``.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from trials.common import WORK


def large_goszakup(contract_records: int = 20_000, organisations: int = 1_000, seed: int = 20261123) -> Path:
    """``trials/work/corpus-large-N/goszakup``: references, organisations, one large contract file."""
    from opentenge.demo import goszakup

    root = WORK / f"corpus-large-{contract_records}-{organisations}-{seed}"
    folder = root / "goszakup"
    large = folder / "contract" / "contract.large.json"
    if large.exists():
        return folder
    shutil.rmtree(root, ignore_errors=True)
    scale = f"trials-{contract_records}"
    # half the generator's contract pages are REST: ask for twice as many contracts
    goszakup.SCALES[scale] = {"contracts": 2 * contract_records, "organisations": organisations}
    goszakup.generate(root, seed=seed, scale=scale)
    rest_pages = sorted((folder / "contract").glob("contract.*.json"))
    rest_pages = [p for p in rest_pages if not p.name.endswith(".meta.json")]
    items = []
    for page in rest_pages:
        items.extend(json.loads(page.read_text(encoding="utf-8"))["items"])
    meta = (folder / "contract" / (rest_pages[0].name + ".meta.json")).read_text(encoding="utf-8")
    # keep only what contracts need to be meaningful: references and organisations
    for name in ("trd-buy", "lots", "broken", "contract"):
        shutil.rmtree(folder / name, ignore_errors=True)
    large.parent.mkdir(parents=True)
    envelope = {"total": len(items), "limit": len(items), "next_page": None, "items": items}
    large.write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")
    large.with_name(large.name + ".meta.json").write_text(meta, encoding="utf-8")
    return folder


def small_demo(seed: int = 42) -> Path:
    """The full small demo corpus (every source), generated once under ``trials/work/demo-small``."""
    from opentenge.demo import generate, is_current

    out = WORK / f"demo-small-{seed}"
    if not is_current(out, seed=seed, scale="small"):
        generate(out, seed=seed, scale="small")
    return out

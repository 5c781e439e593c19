"""The plain-SQL writer (SQLite executemany, PostgreSQL COPY) lands exactly what the ORM writer did.

``tests/fixtures/ingest_golden.json`` was written by the ORM-based writer of the code before the
fast path (run this module with ``OT_WRITE_INGEST_GOLDEN=1`` and ``PYTHONPATH`` pointing at that
tree to write it again). The same scenario — the hand-made fixture, then a page with one newer and
one older version of a contract, then every file again with different bytes but the same records —
must give the same counts after each step and the same rows, versions and content hashes at the
end, on SQLite and on PostgreSQL alike: so the two engines agree with each other through it too.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from conftest import GOSZAKUP, on_postgres
from opentenge.ingest.runner import run_ingest
from opentenge.store import models as m

GOLDEN = Path(__file__).parent / "fixtures" / "ingest_golden.json"
COUNTS = ("files", "records", "inserted", "updated", "unchanged", "quarantined")
ENTITIES = {"organisation": (m.Organisation, "key"), "reference": (m.Reference, "key"),
            "tender": (m.Tender, "gz_id"), "lot": (m.Lot, "gz_id"), "contract": (m.Contract, "gz_id")}


def _plain(value):
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def dump_store() -> dict:
    """Every entity row and version, ids replaced by what they stand for (ids differ between runs)."""
    files = dict(m.SourceFile.objects.values_list("id", "path"))
    files = {k: Path(v).name for k, v in files.items()}
    orgs = dict(m.Organisation.objects.values_list("id", "key"))
    out = {}
    for kind, (model, key) in ENTITIES.items():
        rows = []
        for row in model.objects.order_by(key).values():
            row.pop("id")
            row["source_file_id"] = files.get(row["source_file_id"])
            for name in ("customer_id", "supplier_id", "organizer_id"):
                if name in row:
                    row[name] = orgs.get(row[name])
            rows.append({k: _plain(v) for k, v in row.items()})
        out[kind] = rows
    out["versions"] = sorted(
        [kind, key, content_hash, payload, files[file_id], locator]
        for kind, key, content_hash, payload, file_id, locator in m.RecordVersion.objects.values_list(
            "kind", "key", "content_hash", "payload", "source_file_id", "locator"))
    out["quarantine"] = sorted([files[f], loc, field, reason] for f, loc, field, reason in
                               m.QuarantinedRecord.objects.values_list("source_file_id", "locator", "field", "reason"))
    return json.loads(json.dumps(out, default=_plain))


def scenario(tmp_path: Path) -> list[dict]:
    """Three ingests; the summary counts of each."""
    summaries = [run_ingest("goszakup", [GOSZAKUP])]
    page = json.loads((GOSZAKUP / "contract.p1.synthetic.json").read_text(encoding="utf-8"))
    newer, older = dict(page["items"][0]), dict(page["items"][1])
    newer.update(contract_sum_wnds=900000000, last_update_date="2030-06-01 10:00:00")
    older.update(contract_sum_wnds=1, last_update_date="2001-01-01 10:00:00")
    changed = tmp_path / "changed" / "contract.changed.json"
    changed.parent.mkdir()
    changed.write_text(json.dumps({**page, "items": [newer, older, *page["items"][2:]]}, ensure_ascii=False),
                       encoding="utf-8")
    summaries.append(run_ingest("goszakup", [changed]))
    # The same records in new bytes (trailing white space): new files, nothing changed.
    again = tmp_path / "again"
    for path in GOSZAKUP.rglob("*.json"):
        target = again / path.relative_to(GOSZAKUP)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes() + b"\n \n")
    summaries.append(run_ingest("goszakup", [again]))
    return [{k: getattr(s, k) for k in COUNTS} for s in summaries]


def test_fast_writer_lands_what_the_orm_writer_did(db, tmp_path):
    result = {"summaries": scenario(tmp_path), "store": dump_store()}
    if os.environ.get("OT_WRITE_INGEST_GOLDEN"):
        GOLDEN.write_text(json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert result["summaries"] == golden["summaries"]
    for part in golden["store"]:
        assert result["store"][part] == golden["store"][part], part


def test_scenario_counts_say_what_happened(db, tmp_path):
    """Independent of the golden file: the newer version wins, the older is kept, a re-read changes nothing."""
    first, changed, again = scenario(tmp_path)
    assert first["records"] == first["inserted"] + first["updated"] + first["unchanged"] + first["quarantined"]
    assert (changed["updated"], changed["inserted"]) == (1, 0)
    assert changed["unchanged"] == changed["records"] - 1  # the older copy is not made current
    assert again["inserted"] == again["updated"] == 0
    assert again["unchanged"] == again["records"] - again["quarantined"]
    page = json.loads((GOSZAKUP / "contract.p1.synthetic.json").read_text(encoding="utf-8"))
    newer_id, older_id = page["items"][0]["id"], page["items"][1]["id"]
    assert m.Contract.objects.get(gz_id=newer_id).contract_sum_wnds == Decimal("900000000.00")
    assert m.Contract.objects.get(gz_id=older_id).contract_sum_wnds != Decimal("1.00")
    assert m.RecordVersion.objects.filter(kind="contract", key=str(older_id)).count() == 2


def test_postgresql_writes_through_copy(db, tmp_path, monkeypatch):
    """On PostgreSQL the rows go through COPY (the fast path), on SQLite through executemany."""
    from opentenge.ingest import bulk

    copied = []
    real_copy = bulk._copy
    monkeypatch.setattr(bulk, "_copy", lambda cursor, table, names, rows: copied.append(table) or
                        real_copy(cursor, table, names, rows))
    summary = run_ingest("goszakup", [GOSZAKUP])
    assert summary.inserted > 0
    if on_postgres():
        assert any("store_contract" in t for t in copied) and any(t.startswith("ot_stage_") for t in copied)
    else:
        assert copied == []

"""The generated demo corpus through the real importer: every figure reconciles with its manifest."""
from __future__ import annotations

import json
from decimal import Decimal

from opentenge.ingest.runner import run_ingest
from opentenge.store import queries as q


def test_demo_corpus_ingests_and_reconciles(db, demo_corpus):
    manifest = json.loads((demo_corpus / "manifest.json").read_text(encoding="utf-8"))
    expected = manifest["expected"]
    summary = run_ingest("goszakup", [demo_corpus / "goszakup"])
    assert summary.quarantined == expected["quarantine_total"]
    stats = q.stats()
    assert stats["contracts"] == expected["contracts_valid"]
    assert stats["organisations"] == expected["organisations"]
    assert stats["persons"] == expected["organisations_individual"]
    assert stats["tenders"] == expected["tenders"] and stats["lots"] == expected["lots"]
    overview = q.overview()
    assert overview["value"] == Decimal(expected["contract_sum_wnds_kzt"])
    assert overview["contracts"] == expected["contracts_live_kzt"]
    # a second ingest of the same corpus changes nothing
    again = run_ingest("goszakup", [demo_corpus / "goszakup"])
    assert again.unchanged == again.records and q.stats() == stats

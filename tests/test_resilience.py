"""A kill -9 at any moment loses nothing and duplicates nothing: a re-run equals a clean run."""
from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import time

import dj_database_url

from conftest import OPENTENGE, REPO, run_cli, scratch_database

# Natural columns only: surrogate ids legitimately differ between two databases.
FINGERPRINT_QUERIES = {
    "contracts": """SELECT c.gz_id, c.contract_sum_wnds, c.contract_sum, c.method_id, c.sign_date, c.deleted,
                           cu.key, su.key, c.content_hash, c.locator
                    FROM store_contract c JOIN store_organisation cu ON cu.id = c.customer_id
                    JOIN store_organisation su ON su.id = c.supplier_id ORDER BY c.gz_id""",
    "organisations": """SELECT key, bin, iin_masked, name_ru, name_kk, is_customer, is_supplier, is_organizer,
                               content_hash FROM store_organisation ORDER BY key""",
    "tenders": "SELECT gz_id, number_anno, total_sum, method_id, content_hash FROM store_tender ORDER BY gz_id",
    "lots": "SELECT gz_id, lot_number, amount, tender_gz_id, content_hash FROM store_lot ORDER BY gz_id",
    "references": "SELECT key, name_ru, name_kk, name_en FROM store_reference ORDER BY key",
    "versions": "SELECT kind, key, content_hash, locator FROM store_recordversion ORDER BY kind, key, content_hash",
    "quarantine": """SELECT f.sha256, q.locator, q.field, q.reason FROM store_quarantinedrecord q
                     JOIN store_sourcefile f ON f.id = q.source_file_id ORDER BY f.sha256, q.locator""",
    "files": "SELECT sha256, name, records, quarantined FROM store_sourcefile ORDER BY sha256",
}


def _connect(url: str):
    config = dj_database_url.parse(url)
    if config["ENGINE"].endswith("sqlite3"):
        import sqlite3

        return sqlite3.connect(config["NAME"])
    import psycopg

    return psycopg.connect(url, autocommit=True)


def fingerprint(url: str) -> dict[str, str]:
    conn = _connect(url)
    try:
        result = {}
        for name, sql in FINGERPRINT_QUERIES.items():
            rows = conn.execute(sql).fetchall()
            result[name] = f"{len(rows)}:{hashlib.sha256(repr(rows).encode()).hexdigest()[:16]}"
        return result
    finally:
        conn.close()


def _files_landed(url: str) -> int:
    conn = _connect(url)
    try:
        return conn.execute("SELECT count(*) FROM store_sourcefile").fetchone()[0]
    finally:
        conn.close()


def _stats(url: str) -> dict:
    return json.loads(run_cli("stats", "--json", database_url=url, check=True).stdout)


def test_kill_9_during_ingest_then_rerun_equals_a_clean_run(demo_corpus, tmp_path):
    corpus = str(demo_corpus / "goszakup")
    with scratch_database(tmp_path) as clean:
        run_cli("init", database_url=clean, check=True)
        run_cli("ingest", "goszakup", corpus, "--json", database_url=clean, check=True)
        expected_stats, expected_fingerprint = _stats(clean), fingerprint(clean)
    assert expected_stats["contracts"] > 1000
    total = expected_stats["source_files"]
    assert total >= 3

    # Kill at a random point measured in files landed, not in seconds: a timer would miss the
    # ingest altogether on a machine that is faster (or slower) than it was a minute ago.
    rng = random.Random(20261123)
    with scratch_database(tmp_path) as url:
        run_cli("init", database_url=url, check=True)
        kills, first_partial = 0, None
        for _ in range(4):
            landed = _files_landed(url)
            if landed >= total:
                break
            target = rng.randint(landed + 1, total - 1) if landed + 1 <= total - 1 else total
            process = subprocess.Popen([OPENTENGE, "ingest", "goszakup", corpus, "--json"], cwd=REPO,
                                       env={**os.environ, "OPENTENGE_DATABASE_URL": url},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while process.poll() is None and _files_landed(url) < target:
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.05))  # land somewhere inside the next file's transaction
            if process.poll() is None:
                process.kill()  # SIGKILL: no cleanup, no atexit, mid-transaction
                kills += 1
            process.wait()
            partial = _stats(url)
            if first_partial is None:
                first_partial = partial
        assert kills >= 1, "ingest finished before it could be killed: the corpus is too small to test this"
        assert first_partial["source_files"] < expected_stats["source_files"], first_partial
        assert first_partial["contracts"] < expected_stats["contracts"]
        rerun = json.loads(run_cli("ingest", "goszakup", corpus, "--json", database_url=url, check=True).stdout)
        assert rerun["records"] == rerun["inserted"] + rerun["updated"] + rerun["unchanged"] + rerun["quarantined"]
        assert _stats(url) == expected_stats
        assert fingerprint(url) == expected_fingerprint

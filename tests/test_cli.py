"""The ``opentenge`` command's contract: names, flags, JSON shapes and exit codes."""
from __future__ import annotations

import json

from conftest import GOSZAKUP, run_cli

SUMMARY_KEYS = {"source", "files", "records", "inserted", "updated", "unchanged", "quarantined", "seconds"}


def test_init_ingest_stats_round_trip(scratch_database_url):
    run_cli("init", database_url=scratch_database_url, check=True)
    run_cli("init", database_url=scratch_database_url, check=True)  # idempotent
    first = run_cli("ingest", "goszakup", str(GOSZAKUP), "--json", database_url=scratch_database_url, check=True)
    summary = json.loads(first.stdout)
    assert set(summary) == SUMMARY_KEYS
    assert summary["source"] == "goszakup" and summary["files"] == 10 and summary["quarantined"] == 10
    stats = json.loads(run_cli("stats", "--json", database_url=scratch_database_url, check=True).stdout)
    for key in ("organisations", "persons", "tenders", "lots", "contracts", "quarantined", "by_source"):
        assert key in stats
    assert stats["contracts"] == 7 and stats["by_source"]["goszakup"]["contracts"] == 7

    again = json.loads(run_cli("ingest", "goszakup", str(GOSZAKUP), "--json", database_url=scratch_database_url,
                               check=True).stdout)
    assert again["unchanged"] == again["records"] == summary["records"] and again["inserted"] == 0
    assert json.loads(run_cli("stats", "--json", database_url=scratch_database_url).stdout) == stats

    plain = run_cli("stats", database_url=scratch_database_url, check=True)
    assert "contracts" in plain.stdout and "goszakup" in plain.stdout


def test_ingest_exits_zero_with_quarantined_records(scratch_database_url):
    run_cli("init", database_url=scratch_database_url, check=True)
    result = run_cli("ingest", "goszakup", str(GOSZAKUP / "bad"), database_url=scratch_database_url)
    assert result.returncode == 0, result.stderr
    assert "quarantined" in result.stderr


def test_ingest_refuses_what_it_cannot_run(scratch_database_url, tmp_path):
    run_cli("init", database_url=scratch_database_url, check=True)
    unknown = run_cli("ingest", "nosuchsource", str(GOSZAKUP), database_url=scratch_database_url)
    assert unknown.returncode == 2 and "unknown source 'nosuchsource'" in unknown.stderr and "goszakup" in unknown.stderr
    missing = run_cli("ingest", "goszakup", str(tmp_path / "missing"), database_url=scratch_database_url)
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


def test_commands_before_init_explain_what_to_do(scratch_database_url):
    result = run_cli("stats", database_url=scratch_database_url)
    assert result.returncode == 2 and "opentenge init" in result.stderr
    serve = run_cli("serve", "--port", "8999", database_url=scratch_database_url, timeout=60)
    assert serve.returncode == 2 and "opentenge init" in serve.stderr


def test_check_id(tmp_path):
    url = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    ok = run_cli("check-id", "070240017648", "990940003030", "--json", database_url=url)
    assert ok.returncode == 0
    assert json.loads(ok.stdout) == [
        {"id": "070240017648", "valid": True, "kind": "BIN", "reason": None},
        {"id": "990940003030", "valid": True, "kind": "BIN", "reason": None},
    ]
    bad = run_cli("check-id", "070240017648", "070240017649", "12345", "--json", database_url=url)
    assert bad.returncode == 1
    results = json.loads(bad.stdout)
    assert [r["valid"] for r in results] == [True, False, False]
    assert results[1]["reason"].startswith("checksum") and results[2]["reason"].startswith("length")
    assert set(results[1]) == {"id", "valid", "kind", "reason"}
    text = run_cli("check-id", "070240017649", database_url=url)
    assert text.returncode == 1 and "invalid" in text.stdout


def test_unknown_command_and_bad_database_url(tmp_path):
    assert run_cli("frobnicate", database_url="sqlite:///x").returncode == 2
    bad = run_cli("init", database_url="mysql://nobody@nowhere/db")
    assert bad.returncode == 2 and "unsupported scheme" in bad.stderr

"""The benchmark harness's own logic (bench/run.py), without running a benchmark.

Phase selection, time caps, the issue's targets and how the table shows them, and the marks that
let a later run reuse an ingested database must be right, or a large run (hours) reports nonsense
or measures the wrong database. No server, subprocess or database is started here.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rich.console import Console

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_run_under_test", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def render(bench, res: dict) -> str:
    console = Console(record=True, width=260, color_system=None)
    console.print(bench.build_table(res))
    return console.export_text()


def result(**sections) -> dict:
    res = {"seed": 42, "profile": {"requests": 10}, "corpus": {"scale": "large", "counts": {"contracts": 5}},
           "ingest": {}, "serve": {}, "export": {}, "link": {}, "errors": {}, "ratios": {}}
    res.update(sections)
    return res


def serving(org_p95: float, search_p95: float) -> dict:
    measure = {"p50_ms": 1.0, "p95_ms": 2.0, "rps": 5.0, "errors": 0}
    return {"org_page": {**measure, "p95_ms": org_p95}, "search": {**measure, "p95_ms": search_p95},
            "api_list": dict(measure)}


# -- phases and caps ---------------------------------------------------------------------------

def test_phases_default_to_all_in_run_order(bench):
    assert bench.select_phases(None, None) == ["ingest", "serve", "export", "linking"]


def test_only_and_skip_take_comma_lists_and_keep_run_order(bench):
    assert bench.select_phases(["linking,serve"], None) == ["serve", "linking"]
    assert bench.select_phases(["serve", "export"], ["export"]) == ["serve"]
    assert bench.select_phases(None, ["ingest,export"]) == ["serve", "linking"]


def test_unknown_phase_is_refused(bench):
    with pytest.raises(ValueError, match="unknown phase servе"):  # a Cyrillic "е": not the phase
        bench.select_phases(["servе"], None)


def test_caps_come_from_the_profile_and_can_be_overridden(bench):
    prof = bench.PROFILES["large"]
    caps = bench.phase_caps(prof, ["ingest=7200", "serve=30"])
    assert caps == {"ingest": 7200.0, "serve": 30.0, "export": prof["ingest_limit"], "linking": prof["ingest_limit"]}
    for bad in ("ingest", "ingest=0", "ingest=soon", "parse=10"):
        with pytest.raises(ValueError):
            bench.phase_caps(prof, [bad])


def test_parse_args_reads_sources_caps_and_phases(bench):
    args = bench.parse_args(["--scale", "large", "--sources", "all", "--cap", "linking=60", "--skip", "export"])
    assert args.sources[0] == "goszakup" and "budget_egov" in args.sources and len(args.sources) >= 15
    assert args.caps["linking"] == 60 and args.phases == ["ingest", "serve", "linking"]
    with pytest.raises(SystemExit):
        bench.parse_args(["--sources", "goszakup,nowhere"])
    with pytest.raises(SystemExit):
        bench.parse_args(["--only", "export", "--skip", "export"])


# -- targets -----------------------------------------------------------------------------------

def test_ingest_rate_target_differs_by_engine(bench):
    assert bench.target_met("ingest_rate", "sqlite", 10_000) is True
    assert bench.target_met("ingest_rate", "postgresql", 10_000) is False
    assert bench.target_met("ingest_rate", "postgresql", 20_000) is True
    assert bench.target_met("ingest_rss_mib", "sqlite", 1024) is True
    assert bench.target_met("ingest_rss_mib", "sqlite", 1025) is False
    assert bench.target_met("search_p95_ms", "datasette", 1) is None  # references have no target
    assert bench.target_met("search_p95_ms", "sqlite", None) is None


def test_evaluate_targets_judges_every_figure_with_a_target(bench):
    res = result(
        ingest={"sqlite": {"records_per_s": 12_000, "peak_rss_mib": 300},
                "postgresql": {"records_per_s": 15_000, "peak_rss_mib": 2_000}},
        serve={"sqlite": serving(org_p95=120, search_p95=250)},
        ratios={"sqlite_vs_datasette": 0.8, "list_sqlite_vs_datasette": 1.5},
        export={"sqlite": {f: {"wall_s": 1, "peak_rss_mib": 900 if f != "ocds" else 1500, "bytes": 1}
                           for f in bench.EXPORT_FORMATS}})
    checks = {(c["measurement"], c["engine"]): c["met"] for c in bench.evaluate_targets(res)}
    assert checks[("ingest: rate", "sqlite")] is True
    assert checks[("ingest: rate", "postgresql")] is False
    assert checks[("ingest: peak RSS", "postgresql")] is False
    assert checks[("org page, largest buyer: p95", "sqlite")] is True
    assert checks[("search: p95", "sqlite")] is False
    assert checks[("search p50 ÷ Datasette p50", "sqlite")] is True
    assert checks[("API list p50 ÷ Datasette p50", "sqlite")] is False
    assert checks[("export csv: time · peak RSS", "sqlite")] is True
    assert checks[("export ocds: time · peak RSS", "sqlite")] is False
    assert checks[("search: p95", "postgresql")] is None  # no figure: not judged


def test_table_shows_target_column_and_marks(bench):
    res = result(ingest={"sqlite": {"records": 1000, "wall_s": 0.05, "records_per_s": 20_000, "peak_rss_mib": 200},
                         "postgresql": {"records": 1000, "wall_s": 0.1, "records_per_s": 10_000,
                                        "peak_rss_mib": 200}},
                 errors={"serve.postgresql": "not reachable (connection refused)"})
    text = render(bench, res)
    rate = next(line for line in text.splitlines() if "ingest: rate" in line)
    assert "≥ 10,000 SQLite · ≥ 20,000 PG rec/s" in rate
    assert "20,000 rec/s ✓" in rate and "10,000 rec/s ✗" in rate
    header = next(line for line in text.splitlines() if line.startswith("┃") and "measurement" in line)
    assert [c.strip() for c in header.split("┃")[1:3]] == ["measurement", "target"]
    search = next(line for line in text.splitlines() if "search: p95" in line)
    assert "≤ 200 ms (large)" in search and "not reachable" in search
    assert "✓" not in search and "✗" not in search


def test_notes_list_unmet_targets_and_reused_databases(bench):
    res = result(ingest={"sqlite": {"records_per_s": 5, "peak_rss_mib": 1, "reused_from": "2026-11-23T10:00:00Z"}})
    res["targets"] = bench.evaluate_targets(res)
    lines = bench.notes(res)
    assert any("reused" in line and "2026-11-23T10:00:00Z" in line for line in lines)
    assert any(line.startswith("targets not met: ingest: rate (sqlite)") for line in lines)


# -- ingest of several sources, reuse marks ------------------------------------------------------

def test_combine_ingests_adds_records_and_time_and_keeps_the_highest_rss(bench):
    combined = bench.combine_ingests({
        "goszakup": {"records": 9_000, "files": 3, "quarantined": 1, "wall_s": 2.0, "peak_rss_mib": 300},
        "budget_egov": {"records": 3_000, "files": 2, "quarantined": 0, "wall_s": 1.0, "peak_rss_mib": 500}})
    assert combined["records"] == 12_000 and combined["files"] == 5 and combined["quarantined"] == 1
    assert combined["records_per_s"] == 4_000.0 and combined["peak_rss_mib"] == 500
    assert set(combined["sources"]) == {"goszakup", "budget_egov"}


def test_reuse_marks_accept_only_the_same_corpus(bench, tmp_path):
    old_work = bench.WORK
    bench.use_work(tmp_path / "work")
    try:
        assert bench.SQLITE_PATH == (tmp_path / "work" / "bench.sqlite3").resolve()
        with pytest.raises(bench.BenchError, match="nothing ingested"):
            bench.reusable("sqlite", scale="large", seed=42, sources=("goszakup",), database="db")
        mark = {"scale": "large", "seed": 42, "sources": ["goszakup"], "database": "db",
                "timestamp": "T", "ingest": {"records": 1}}
        bench.write_mark("sqlite", mark)
        assert bench.reusable("sqlite", scale="large", seed=42, sources=("goszakup",), database="db") == mark
        for other in ({"scale": "medium"}, {"seed": 7}, {"sources": ("goszakup", "budget_egov")},
                      {"database": "elsewhere"}):
            wanted = {"scale": "large", "seed": 42, "sources": ("goszakup",), "database": "db", **other}
            with pytest.raises(bench.BenchError, match="ingest .* first"):
                bench.reusable("sqlite", **wanted)
        bench.write_mark("sqlite", None)  # what a fresh ingest does before wiping the database
        with pytest.raises(bench.BenchError, match="nothing ingested"):
            bench.reusable("sqlite", scale="large", seed=42, sources=("goszakup",), database="db")
    finally:
        bench.use_work(old_work)


# -- the kill -9 trial's bookkeeping (trials/kill9.py, trials/run.py) ------------------------------

def _trials():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from trials import kill9, run

    return kill9, run


def test_kill9_stops_before_a_cycle_that_would_overrun_its_bound():
    kill9, _ = _trials()
    # before any cycle: 1.5 × clean run + 15 s, with a 20 % margin and 10 s
    assert kill9.enough_time(left=101, clean_wall=40, cycles=[]) is True    # needs more than 100 s
    assert kill9.enough_time(left=95, clean_wall=40, cycles=[]) is False
    # afterwards the slowest cycle seen decides
    assert kill9.enough_time(left=95, clean_wall=40, cycles=[20, 30]) is True
    assert kill9.enough_time(left=45, clean_wall=40, cycles=[20, 30]) is False


def test_trials_cli_asks_for_20_kills_on_both_engines_with_a_file_per_engine(monkeypatch):
    kill9, run = _trials()
    calls = []
    monkeypatch.setattr(kill9, "run", lambda engine, **kw: calls.append((engine, kw)) or {})
    import argparse

    args = argparse.Namespace(kills=20, pg_kills=20, kill_seconds=900, records=kill9.RECORDS["sqlite"],
                              pg_records=kill9.RECORDS["postgres"], clients=16, load_seconds=60)
    table = run.trials(args)
    for name in ("kill9_sqlite", "kill9_postgres"):
        table[name][1]()
    assert calls == [("sqlite", {"kills": 20, "seconds": 900, "contract_records": 20_000}),
                     ("postgres", {"kills": 20, "seconds": 900, "contract_records": 10_000})]
    assert table["kill9_postgres"][0] is True and table["kill9_sqlite"][0] is False

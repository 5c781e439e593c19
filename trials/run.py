"""Fault trials (``make trials``): kill -9, a PostgreSQL restart, a full disk, HTTP load, backup/restore.

    .venv/bin/python trials/run.py                  # every trial, ~25 min on 2 cores
    .venv/bin/python trials/run.py --only kill9_sqlite --kills 5

Each trial is bounded in time, works on loopback only and on scratch databases (SQLite files in
trials/work/, PostgreSQL databases ot_trials_* dropped afterwards). Prints one table, writes
trials/results/<timestamp>.json, exits 1 if any trial failed. What each proves: docs/reliability.md.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from trials import backup_restore, disk_full, http_load, kill9, pg_restart  # noqa: E402
from trials.common import RESULTS, TrialFailed, TrialResult, drop_leftovers, pg_available  # noqa: E402


def trials(args: argparse.Namespace) -> dict:
    """name → (needs PostgreSQL, callable returning figures)."""
    return {
        "kill9_sqlite": (False, lambda: kill9.run("sqlite", kills=args.kills, seconds=args.kill_seconds,
                                                  contract_records=args.records)),
        "kill9_postgres": (True, lambda: kill9.run("postgres", kills=args.pg_kills, seconds=args.kill_seconds,
                                                   contract_records=args.pg_records)),
        "pg_restart": (True, lambda: pg_restart.run()),
        "disk_full": (False, lambda: disk_full.run()),
        "backup_sqlite": (False, backup_restore.run_sqlite),
        "backup_postgres": (True, backup_restore.run_postgres),
        "http_load": (False, lambda: http_load.run(clients=args.clients, seconds=args.load_seconds)),
    }


def headline(name: str, figures: dict) -> str:
    """One line of the most telling figures for the table."""
    f = figures
    if name.startswith("kill9"):
        return (f"{f['kills_done']}/{f['kills_planned']} kills of a running ingest ({f['killed_inside_large_file']} "
                f"inside the {f['contract_records_in_file']:,}-record file), {f['cycles_checked']} re-runs equal "
                f"clean run: {f['contracts']:,} contracts, {f['tables']} tables; clean {f['clean_run_s']} s")
    if name == "pg_restart":
        return (f"exit {f['exit_code']} {f['exit_after_restart_s']} s after restart; re-run inserted "
                f"{f['rerun_inserted']:,}; {f['tables_equal']} tables equal")
    if name == "disk_full":
        return f"exit {f['exit_code']}, integrity {f['integrity_check']}, {f['files_landed']} files kept: {f['message'][:90]}"
    if name == "http_load":
        return (f"{f['requests']:,} req ({f['rps']}/s) over {f['urls']} URLs, {f['page_kinds']} page kinds; "
                f"p50 {f['p50_ms']} ms p95 {f['p95_ms']} ms; statuses {f['statuses']}")
    if name.startswith("backup"):
        return f"{f['tables']} tables, {f['rows']:,} rows equal after restore; backup {f['backup_kb']:,} KB in {f['seconds']} s"
    return json.dumps(f)[:120]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", help="run only this trial (repeatable)")
    parser.add_argument("--skip", action="append", default=[], help="skip this trial (repeatable)")
    parser.add_argument("--kills", type=int, default=20, help="kills of a running ingest on SQLite (default 20)")
    parser.add_argument("--pg-kills", type=int, default=20, help="kills of a running ingest on PostgreSQL (default 20)")
    parser.add_argument("--kill-seconds", type=float, default=900, help="time bound of each kill9 trial")
    parser.add_argument("--records", type=int, default=kill9.RECORDS["sqlite"],
                        help=f"contract records in the large file on SQLite (default {kill9.RECORDS['sqlite']:,})")
    parser.add_argument("--pg-records", type=int, default=kill9.RECORDS["postgres"],
                        help=f"contract records in the large file on PostgreSQL (default {kill9.RECORDS['postgres']:,})")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--load-seconds", type=float, default=60)
    args = parser.parse_args(argv)
    table_of = trials(args)
    unknown = set(args.only or []) - set(table_of)
    if unknown:
        parser.error(f"unknown trial(s) {', '.join(sorted(unknown))}; choose from {', '.join(table_of)}")
    names = [n for n in table_of if (not args.only or n in args.only) and n not in args.skip]
    have_pg = pg_available()
    console = Console()
    drop_leftovers()
    results: list[TrialResult] = []
    for name in names:
        needs_pg, fn = table_of[name]
        result = TrialResult(name)
        started = time.monotonic()
        console.print(f"[bold]{name}[/] …")
        if needs_pg and not have_pg:
            result.summary = "PostgreSQL not reachable at 127.0.0.1:5432 (TRIALS_PG_URL)"
        else:
            try:
                result.figures = fn()
                result.ok = True
                result.summary = headline(name, result.figures)
            except TrialFailed as exc:
                result.summary = str(exc)
            except Exception as exc:  # a trial that crashes is a failed trial, with its traceback kept
                result.summary = f"{type(exc).__name__}: {exc}"
                result.figures = {"traceback": traceback.format_exc()}
        result.seconds = round(time.monotonic() - started, 1)
        console.print(f"  {'[green]pass' if result.ok else '[red]FAIL'}[/] in {result.seconds} s: {result.summary}")
        results.append(result)
    drop_leftovers()

    table = Table(title="OpenTenge fault trials")
    for column in ("trial", "result", "seconds", "figures"):
        table.add_column(column, overflow="fold")
    for r in results:
        table.add_row(r.name, "[green]pass[/]" if r.ok else "[red]FAIL[/]", f"{r.seconds:,.0f}", r.summary)
    console.print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}.json"
    out.write_text(json.dumps({"when": stamp, "machine": {"python": platform.python_version(),
                                                          "cpus": __import__("os").cpu_count()},
                               "trials": [r.__dict__ for r in results]}, indent=2, ensure_ascii=False) + "\n")
    console.print(f"results: {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 0 if results and all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

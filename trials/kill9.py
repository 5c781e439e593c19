"""kill -9 during the ingest of a large file, then a re-run: the result equals a clean run.

The ingest commits one file per transaction and skips files whose SHA-256 is already recorded,
so a SIGKILL at any moment (inside Django's start-up, inside the large file's transaction, between
files) must leave a database that a plain re-run completes to exactly the clean run's content.

For each kill a fresh copy of an initialised empty database is used: start the ingest, SIGKILL it
at a random moment (seeded) within the first 80 % of the clean run's wall time, re-run to
completion, then compare ``opentenge stats`` and the digest of every table with the clean run.

A cycle whose ingest had already finished when the kill came (runs vary with the machine's load)
is still checked but is not counted as a kill: the trial goes on until ``kills`` ingests were
really killed mid-run, or its time bound, or twice ``kills`` cycles. The large file holds 20,000
contract records on SQLite and 10,000 on PostgreSQL (:data:`RECORDS`): a PostgreSQL run costs
about twice as much per record here (a server round trip per batch, a template database copied
per cycle), and the smaller file keeps 20 PostgreSQL kills within the same bound — the file is
still one transaction of thousands of records, which is what the trial is about.
"""
from __future__ import annotations

import json
import random
import time

from trials.common import (Deadline, TrialFailed, cli, copy_database, drop_database, new_database, spawn, stats)
from trials.corpus import large_goszakup
from trials.digest import differences, table_digests

# Contract records in the one large file, per engine (see the module docstring).
RECORDS = {"sqlite": 20_000, "postgres": 10_000}


def _landed(url: str) -> tuple[int, int]:
    from trials.digest import _connect

    conn = _connect(url)
    try:
        files = conn.execute("SELECT count(*) FROM store_sourcefile").fetchone()[0]
        contracts = conn.execute("SELECT count(*) FROM store_contract").fetchone()[0]
        return files, contracts
    finally:
        conn.close()


def enough_time(left: float, clean_wall: float, cycles: list[float]) -> bool:
    """Whether one more cycle surely fits in ``left`` seconds: the slowest cycle so far, with a margin.

    Before any cycle has run, a cycle is taken to cost a clean run and a half plus 15 s (the kill
    moment, the re-run, ``stats`` and the digests).
    """
    expected = max(cycles) if cycles else 1.5 * clean_wall + 15
    return left > 1.2 * expected + 10


def run(engine: str, *, kills: int = 20, seconds: float = 900, seed: int = 20261123,
        contract_records: int | None = None) -> dict:
    contract_records = contract_records or RECORDS[engine]
    deadline = Deadline(seconds)
    corpus = large_goszakup(contract_records)
    template = new_database(engine, "kill9_template")
    created = [template]
    try:
        cli("init", database_url=template, timeout=300)
        clean = copy_database(engine, template, "kill9_clean")
        created.append(clean)
        started = time.monotonic()
        summary = json.loads(cli("ingest", "goszakup", str(corpus), "--json", database_url=clean).stdout)
        clean_wall = time.monotonic() - started
        expected_stats, expected = stats(clean), table_digests(clean)
        if expected_stats["contracts"] < contract_records:
            raise TrialFailed(f"clean run holds {expected_stats['contracts']} contracts, expected ≥ {contract_records}")
        rng = random.Random(seed)
        killed, mid_large_file, rows, durations = 0, 0, [], []
        for i in range(2 * kills):
            if killed >= kills or not enough_time(deadline.left(), clean_wall, durations):
                break
            cycle_started = time.monotonic()
            victim = copy_database(engine, template, f"kill9_{i}")
            try:
                # within the part of a run that is surely still going (runs vary with the machine's load)
                moment = rng.uniform(0.0, 0.8 * clean_wall)
                process = spawn("ingest", "goszakup", str(corpus), "--json", database_url=victim)
                time.sleep(moment)
                was_running = process.poll() is None
                process.kill()  # SIGKILL: no cleanup, no atexit, possibly mid-transaction
                process.communicate()
                files, contracts = _landed(victim)
                killed += was_running
                mid_large_file += was_running and contracts == 0 and files > 0
                cli("ingest", "goszakup", str(corpus), "--json", database_url=victim)
                got_stats, got = stats(victim), table_digests(victim)
                problems = differences(expected, got)
                if got_stats != expected_stats:
                    problems.insert(0, f"stats differ: {got_stats} vs {expected_stats}")
                rows.append({"cycle": i + 1, "at_s": round(moment, 2), "killed": was_running,
                             "files_landed": files, "contracts_landed": contracts, "equal": not problems})
                if problems:
                    raise TrialFailed(f"{engine} cycle {i + 1}, kill at {moment:.2f}s (files landed {files}): "
                                      + "; ".join(problems[:4]))
            finally:
                drop_database(victim)
            durations.append(time.monotonic() - cycle_started)
        if killed < kills:
            raise TrialFailed(f"only {killed} of {kills} kills hit a running ingest within {seconds:.0f}s "
                              f"({len(rows)} cycles, all re-runs equal; clean run {clean_wall:.1f}s, "
                              f"slowest cycle {max(durations, default=0):.1f}s)")
        return {"engine": engine, "kills_planned": kills, "kills_done": killed, "killed_while_running": killed,
                "killed_inside_large_file": mid_large_file, "cycles_checked": len(rows),
                "clean_run_s": round(clean_wall, 1), "slowest_cycle_s": round(max(durations, default=0), 1),
                "records": summary["records"], "contract_records_in_file": contract_records,
                "contracts": expected_stats["contracts"], "tables": len(expected), "cycles": rows}
    finally:
        for url in created:
            drop_database(url)

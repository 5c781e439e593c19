"""Ingest speed before and after: the baseline tree and this tree, on SQLite and PostgreSQL, in one run.

    .venv/bin/python bench/ingest_speed.py                         # medium demo corpus, both engines
    .venv/bin/python bench/ingest_speed.py --scale small           # a quicker look
    .venv/bin/python bench/ingest_speed.py --corpus /tmp/ingest-corpus/goszakup --engines sqlite

Why a separate script: ``bench/run.py`` measures the current tree against its targets; this one
answers "did the change make ingest faster, and by how much?" on the same machine, in the same
minutes, on the same files — a shared 2-core machine's load moves absolute figures a lot, the
ratio much less.

For each engine and each tree (``--base``: a git revision, default ``HEAD``, whose ``src/`` is
extracted with ``git archive`` into ``--work``, or the path of another tree's ``src`` folder; and
``src/`` beside this file), the script makes a fresh database (a file in
``--work``; the PostgreSQL database ``--pg-db``, dropped and created again), runs ``init`` and then
``ingest goszakup <corpus> --json`` as a child process with ``PYTHONPATH`` pointing at that tree, and
reads from ``os.wait4`` the child's exact peak RSS and CPU time. It prints one table: records/s by
wall clock and by CPU second (the second is steadier when other work shares the machine), peak RSS,
the ratio to the baseline, and whether the two trees reported the same counts.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
CURRENT_SRC = HERE.parent / "src"
PYTHON = sys.executable
COUNTS = ("records", "inserted", "updated", "unchanged", "quarantined")


def baseline_src(base: str, work: Path) -> Path:
    """The baseline's ``src`` folder: ``base`` itself if it is a folder, else ``git archive`` of that revision.

    A revision (``HEAD``: the last commit, to measure uncommitted changes; ``v0.1.0``; a commit id)
    makes the comparison reproducible on any clone, with no second checkout to keep around."""
    if Path(base).is_dir():
        return Path(base)
    repo = CURRENT_SRC.parent
    target = work / f"baseline-{base.replace('/', '_')}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(repo), "archive", base, "src"], capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"--base {base}: neither a folder nor a git revision "
                         f"({archive.stderr.decode(errors='replace').strip()})")
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def tree_env(src: Path, database_url: str) -> dict:
    env = dict(os.environ)
    env.pop("OPENTENGE_DEBUG", None)  # DEBUG keeps every query in memory
    env.update(PYTHONPATH=str(src), OPENTENGE_DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    return env


def ensure_corpus(args) -> Path:
    """The goszakup folder to ingest: ``--corpus`` as given, or a demo corpus made once per scale."""
    if args.corpus:
        path = Path(args.corpus)
        return path / "goszakup" if (path / "goszakup").is_dir() else path
    root = Path(args.work) / f"corpus-{args.scale}"
    if not (root / "manifest.json").exists():
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run([PYTHON, "-m", "opentenge.cli", "demo-data", "--out", str(root), "--scale", args.scale],
                       check=True, env=tree_env(CURRENT_SRC, f"sqlite:///{Path(args.work) / 'unused.sqlite3'}"))
    return root / "goszakup"


def fresh_database(engine: str, args, label: str) -> str:
    if engine == "sqlite":
        path = Path(args.work) / f"{label}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.pg_db}"')
    return f"{args.pg_url}/{args.pg_db}"


def measured_ingest(src: Path, database_url: str, corpus: Path, log: Path) -> dict:
    """``init`` then one ``ingest`` child; its JSON summary, wall time, CPU time and peak RSS."""
    env = tree_env(src, database_url)
    subprocess.run([PYTHON, "-m", "opentenge.cli", "init"], check=True, env=env, stdout=subprocess.DEVNULL)
    with open(log.with_suffix(".json"), "wb") as out, open(log.with_suffix(".log"), "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen([PYTHON, "-m", "opentenge.cli", "ingest", "goszakup", str(corpus), "--json"],
                                env=env, stdout=out, stderr=err)
        # os.wait4 on this one child: ru_maxrss is its exact high-water mark (KiB on Linux), with no
        # sampling gaps, and the rusage times are its own, not those of earlier children.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.with_suffix(".log").read_text(errors="replace")[-600:]
        raise SystemExit(f"ingest with {src} failed (exit {proc.returncode}): {tail}")
    lines = [ln for ln in log.with_suffix(".json").read_text().splitlines() if ln.strip().startswith("{")]
    summary = json.loads(lines[-1])
    return {"summary": summary, "wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mib": usage.ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", default="medium", help="demo corpus scale when --corpus is not given")
    parser.add_argument("--corpus", help="a goszakup folder (or a demo corpus holding one) to ingest")
    parser.add_argument("--base", default="HEAD",
                        help="baseline: a git revision (its src/ is extracted into --work) or a tree's src folder")
    parser.add_argument("--engines", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--work", default="/tmp/ingest-bench", help="scratch folder for corpus and SQLite files")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432", help="server, no database")
    parser.add_argument("--pg-db", default="ot_ingest_bench", help="scratch database (dropped and re-created)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON after the table")
    args = parser.parse_args(argv)
    Path(args.work).mkdir(parents=True, exist_ok=True)
    corpus = ensure_corpus(args)
    trees = [("baseline", baseline_src(args.base, Path(args.work))), ("current", CURRENT_SRC)]
    results = []
    console = Console(width=150)
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        for name, src in trees:
            console.print(f"[dim]{engine}: ingesting {corpus} with the {name} tree ({src}) …[/]")
            url = fresh_database(engine, args, f"{engine}-{name}")
            log = Path(args.work) / f"{engine}-{name}"
            results.append({"engine": engine, "tree": name, **measured_ingest(src, url, corpus, log)})
    table = Table(title=f"opentenge ingest goszakup — {corpus}")
    for column in ("engine", "tree", "records", "wall s", "records/s", "CPU s", "records/CPU s", "peak RSS MiB",
                   "× baseline (wall)", "× baseline (CPU)", "same counts"):
        table.add_column(column, justify="left" if column in {"engine", "tree"} else "right")
    baseline = {r["engine"]: r for r in results if r["tree"] == "baseline"}
    for r in results:
        records = r["summary"]["records"]
        r["rate"], r["cpu_rate"] = records / r["wall_s"], records / max(r["cpu_s"], 1e-9)
        base = baseline.get(r["engine"])
        same = base is not None and all(base["summary"][k] == r["summary"][k] for k in COUNTS)
        table.add_row(r["engine"], r["tree"], f"{records:,}", f"{r['wall_s']:.1f}", f"{r['rate']:,.0f}",
                      f"{r['cpu_s']:.1f}", f"{r['cpu_rate']:,.0f}", f"{r['peak_rss_mib']:,.0f}",
                      f"{r['rate'] / base['rate']:.2f}" if base else "–",
                      f"{r['cpu_rate'] / base['cpu_rate']:.2f}" if base else "–",
                      "✓" if same else "✗ " + json.dumps({k: r["summary"][k] for k in COUNTS}))
    console.print(table)
    load = os.getloadavg()
    console.print(f"{os.cpu_count()} CPUs, load average {load[0]:.1f} at the end; "
                  "records/s targets (issue 10): SQLite ≥ 10,000, PostgreSQL ≥ 20,000; peak RSS ≤ 1,024 MiB")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    return 0 if all(r["summary"]["records"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

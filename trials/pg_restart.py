"""PostgreSQL restarted in the middle of an ingest: the run fails cleanly, a re-run completes, nothing doubles.

The restart is done on a *private* PostgreSQL 15 instance that this trial creates under
``trials/work/pg`` on a free loopback port (initdb + pg_ctl, run as the ``postgres`` user), not on
the machine's shared server: restarting that one would break every other test run using it at
the same moment. The server binaries, the restart (``pg_ctl restart -m fast``: active connections
are terminated, as with ``pg_ctlcluster … restart``) and the client are the same.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

from trials.common import WORK, Deadline, TrialFailed, cli, free_port, spawn, stats
from trials.corpus import large_goszakup
from trials.digest import differences, table_digests


def _pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not versions:
        raise TrialFailed("no PostgreSQL server binaries under /usr/lib/postgresql")
    return versions[-1].parent


class PrivateServer:
    """A throwaway PostgreSQL cluster on 127.0.0.1:<free port>, trust auth, removed on exit."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.data = WORK / "pg" / "data"
        self.port = free_port()
        self.log = WORK / "pg" / "server.log"

    def _as_postgres(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(["runuser", "-u", "postgres", "--", *argv], capture_output=True, text=True,
                              timeout=timeout)

    def ctl(self, action: str, *extra: str) -> None:
        result = self._as_postgres(str(self.bin / "pg_ctl"), action, "-D", str(self.data), "-w", "-t", "60",
                                   "-l", str(self.log), *extra)
        if result.returncode != 0:
            raise TrialFailed(f"pg_ctl {action} failed: {result.stderr.strip() or result.stdout.strip()}")

    def __enter__(self) -> "PrivateServer":
        shutil.rmtree(WORK / "pg", ignore_errors=True)
        self.data.mkdir(parents=True)
        shutil.chown(WORK / "pg", "postgres")
        shutil.chown(self.data, "postgres")
        result = self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                                   "-A", "trust", "--no-sync")
        if result.returncode != 0:
            raise TrialFailed(f"initdb failed: {result.stderr.strip()}")
        self.options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off"
        self.ctl("start", "-o", self.options)
        return self

    def restart(self) -> None:
        self.ctl("restart", "-m", "fast", "-o", self.options)

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def create(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __exit__(self, *exc) -> None:
        try:
            self.ctl("stop", "-m", "immediate")
        except Exception:
            pass
        shutil.rmtree(WORK / "pg", ignore_errors=True)


def run(*, seconds: float = 600, contract_records: int = 20_000) -> dict:
    deadline = Deadline(seconds)
    corpus = large_goszakup(contract_records)
    with PrivateServer() as server:
        clean = server.create("ot_trials_pgr_clean")
        cli("init", database_url=clean, timeout=300)
        started = time.monotonic()
        cli("ingest", "goszakup", str(corpus), "--json", database_url=clean)
        clean_wall = time.monotonic() - started
        expected_stats, expected = stats(clean), table_digests(clean)

        victim = server.create("ot_trials_pgr_victim")
        cli("init", database_url=victim, timeout=300)
        process = spawn("ingest", "goszakup", str(corpus), "--json", database_url=victim)
        time.sleep(clean_wall * 0.6)  # inside the large contract file's transaction
        if process.poll() is not None:
            raise TrialFailed("the ingest finished before the restart: the corpus is too small for this machine")
        restarted_at = time.monotonic()
        server.restart()
        try:
            stdout, stderr = process.communicate(timeout=max(30.0, deadline.left() - 60))
        except subprocess.TimeoutExpired:
            process.kill()
            raise TrialFailed("the ingest hung after the PostgreSQL restart instead of failing or resuming")
        exit_seconds = time.monotonic() - restarted_at
        message = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        if "Traceback" in stderr:
            raise TrialFailed(f"the ingest died with a Python traceback after the restart: {stderr.strip()[-600:]}")
        if process.returncode != 0 and not stderr.strip():
            raise TrialFailed(f"the ingest exited {process.returncode} without a message")
        partial = stats(victim)
        rerun = json.loads(cli("ingest", "goszakup", str(corpus), "--json", database_url=victim).stdout)
        got_stats, got = stats(victim), table_digests(victim)
        problems = differences(expected, got)
        if got_stats != expected_stats:
            problems.insert(0, f"stats differ: {got_stats} vs {expected_stats}")
        if problems:
            raise TrialFailed("after restart and re-run: " + "; ".join(problems[:4]))
        return {"exit_code": process.returncode, "message": " ".join(stderr.split())[:300] or message,
                "exit_after_restart_s": round(exit_seconds, 1), "clean_run_s": round(clean_wall, 1),
                "files_before_rerun": partial["source_files"], "contracts_before_rerun": partial["contracts"],
                "rerun_inserted": rerun["inserted"], "contracts": got_stats["contracts"], "tables_equal": len(got)}

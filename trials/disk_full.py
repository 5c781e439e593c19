"""Disk full: the SQLite database lives on an 8 MB tmpfs and an ingest fills it.

Expected: the CLI stops with a one-line error that names the problem (no Python traceback) and a
non-zero exit; the database still opens, ``opentenge stats`` works and ``PRAGMA integrity_check``
says ``ok`` — the file being written when the disk filled was rolled back as a whole.
"""
from __future__ import annotations

import sqlite3
import subprocess

from trials.common import WORK, TrialFailed, cli, stats
from trials.corpus import large_goszakup


def _mount(folder, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise TrialFailed(f"cannot mount a tmpfs here ({result.stderr.strip()}); run as root or skip with --skip disk_full")


def _unmount(folder) -> None:
    if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def run(*, size: str = "8m", contract_records: int = 20_000) -> dict:
    corpus = large_goszakup(contract_records)
    folder = WORK / "diskfull"
    _mount(folder, size)
    try:
        path = folder / "full.sqlite3"
        url = f"sqlite:///{path}"
        cli("init", database_url=url, timeout=300)
        initial_kb = path.stat().st_size // 1024
        result = cli("ingest", "goszakup", str(corpus), "--json", database_url=url, check=False, timeout=600)
        stderr = result.stderr.strip()
        if result.returncode == 0:
            raise TrialFailed(f"the ingest succeeded on a {size} disk: make the corpus larger")
        if "Traceback" in stderr:
            raise TrialFailed(f"the ingest died with a Python traceback: {stderr[-600:]}")
        if "full" not in stderr.lower():
            raise TrialFailed(f"the error does not say the disk is full: {stderr[-400:]}")
        after = stats(url)  # raises if the CLI cannot open the database
        conn = sqlite3.connect(path)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
        if integrity != "ok":
            raise TrialFailed(f"PRAGMA integrity_check after the disk filled: {integrity}")
        return {"tmpfs": size, "db_after_init_kb": initial_kb, "exit_code": result.returncode,
                "message": " ".join(stderr.split())[:300], "files_landed": after["source_files"],
                "contracts_landed": after["contracts"], "integrity_check": integrity}
    finally:
        _unmount(folder)

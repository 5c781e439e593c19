"""Ingest the bad-input corpus through the real importers and hold each case to its expectation.

``run_bad_corpus(out_dir, n, seed)`` is what the tests and the trials runner call, on whatever
database Django is configured with. Each case is ingested on its own with ``run_ingest``; the
outcome is read back from the database (``SourceFile`` counts and ``QuarantinedRecord`` rows of
the case's files), never from the importer's own summary alone. A *crash* is any exception other
than ``IngestError`` — the runner's documented way of refusing a whole file with its name.
"""
from __future__ import annotations

import hashlib
import time
import traceback
from collections import Counter
from pathlib import Path

from opentenge.demo.bad_inputs import Case, generate
from opentenge.ingest.runner import IngestError, run_ingest
from opentenge.store import models as m

# Locators that name a whole file rather than one of its records.
FILE_LOCATORS = {"file", "line 1", "errors", "data", "items", "result", "header"}


def _prepare(out_dir: Path, cases: list[Case], done: set) -> None:
    """Ingest each prerequisite (the method dictionary, the persons a declaration names) once."""
    for source, name, _ in sorted({p for c in cases for p in c.prereq}):
        if (source, name) not in done:
            run_ingest(source, [out_dir / "_prereq" / source / name])
            done.add((source, name))


def ingest_case(out_dir: Path, case: Case) -> dict:
    """Run one case; return what happened (landed, quarantines, file error, crash)."""
    folder = out_dir / case.id
    outcome = {"crash": "", "ingest_error": "", "landed": 0, "quarantined": [], "stored_files": 0}
    try:
        run_ingest(case.source, [folder])
    except IngestError as exc:
        outcome["ingest_error"] = str(exc)
    except Exception as exc:  # noqa: BLE001 - a crash is exactly what we are looking for
        outcome["crash"] = f"{type(exc).__name__}: {exc}"[:500] + "\n" + traceback.format_exc()[-1500:]
        return outcome
    hashes = [hashlib.sha256(data).hexdigest() for _, data in case.files]
    files = list(m.SourceFile.objects.filter(source=case.source, sha256__in=hashes))
    outcome["stored_files"] = len(files)
    outcome["landed"] = sum(f.inserted + f.updated + f.unchanged for f in files)
    outcome["quarantined"] = list(m.QuarantinedRecord.objects.filter(source_file__in=files)
                                  .values_list("locator", "field", "reason"))
    return outcome


def judge(case: Case, outcome: dict) -> list[str]:
    """Every way the outcome falls short of the case's expectation (empty: the case passed)."""
    if outcome["crash"]:
        return [f"crash: {outcome['crash']}"]
    expect, problems = case.expect, []
    quarantined = outcome["quarantined"]
    whole_file = bool(outcome["ingest_error"]) or (
        outcome["landed"] == 0 and any(loc in FILE_LOCATORS for loc, _, _ in quarantined))
    if outcome["ingest_error"] and not any(name.split("/")[-1] in outcome["ingest_error"] for name, _ in case.files):
        problems.append(f"the file error does not name the file: {outcome['ingest_error'][:200]}")
    if any(not (reason or "").strip() for _, _, reason in quarantined):
        problems.append("a quarantined record without a reason")
    if expect.file_error == "must":
        if not whole_file:
            problems.append(f"expected the whole file to be refused; landed {outcome['landed']}, "
                            f"quarantined {[(loc, f) for loc, f, _ in quarantined][:5]}")
        if not outcome["ingest_error"] and not quarantined:
            problems.append("a refused file must say why (an error or a quarantined 'file' entry)")
        if expect.fields and not outcome["ingest_error"]:
            problems.extend(_field_problems(expect.fields, quarantined, exact=expect.quarantine_exact))
        return problems
    if whole_file and outcome["ingest_error"]:
        if expect.file_error == "may":
            return problems
        return problems + [f"file refused unexpectedly: {outcome['ingest_error'][:300]}"]
    if whole_file and expect.file_error == "may":
        return problems
    low, high = expect.landed
    if not low <= outcome["landed"] <= high:
        problems.append(f"landed {outcome['landed']} records, expected {low}–{high}; "
                        f"quarantined {[(loc, f, r[:80]) for loc, f, r in quarantined][:4]}")
    problems.extend(_field_problems(expect.fields, quarantined, exact=expect.quarantine_exact))
    return problems


def _field_problems(fields: list[str], quarantined: list, *, exact: bool) -> list[str]:
    problems = []
    named = [f for _, f, _ in quarantined]
    remaining = list(named)
    for wanted in fields:
        match = next((f for f in remaining if wanted == "*" or f == wanted or (wanted == "+" and f)), None)
        if match is None:
            problems.append(f"no quarantined record names the field {wanted!r} (got {named[:5]})")
        else:
            remaining.remove(match)
    if exact and remaining:
        problems.append(f"unexpected quarantines: {[(loc, f, r[:80]) for loc, f, r in quarantined][:4]}")
    return problems


def run_bad_corpus(out_dir: str | Path, n: int | None = None, seed: int = 10) -> dict:
    """Generate ``n`` cases (all 500+ when ``None``) under ``out_dir``, ingest and judge each one.

    Needs a configured Django with a migrated database. Returns counts by outcome, the failures
    (case id, source, mutation, problems), what happened to every case (``results``) and the time.
    """
    started = time.monotonic()
    out_dir = Path(out_dir)
    cases = generate(out_dir, n, seed)
    _prepare(out_dir, cases, set())
    failures, results, crashes = [], [], 0
    by_source: Counter = Counter()
    by_mutation: Counter = Counter()
    for case in cases:
        outcome = ingest_case(out_dir, case)
        problems = judge(case, outcome)
        by_source[case.source] += 1
        by_mutation[case.mutation] += 1
        results.append({"case": case.id, "landed": outcome["landed"], "quarantined": len(outcome["quarantined"]),
                        "fields": sorted({f for _, f, _ in outcome["quarantined"]}),
                        "file_error": outcome["ingest_error"][:200] or next(
                            (reason[:200] for loc, _, reason in outcome["quarantined"] if loc in FILE_LOCATORS), "")})
        if outcome["crash"]:
            crashes += 1
        if problems:
            failures.append({"case": case.id, "source": case.source, "mutation": case.mutation,
                             "detail": case.detail, "problems": problems})
    return {"cases": len(cases), "passed": len(cases) - len(failures), "failed": len(failures), "crashes": crashes,
            "sources": len(by_source), "by_source": dict(by_source), "by_mutation": dict(by_mutation),
            "failures": failures, "results": results, "seconds": round(time.monotonic() - started, 1), "seed": seed}

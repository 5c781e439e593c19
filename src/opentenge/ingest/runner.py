"""Run a source's importer over files: checksums, skip-if-done, progress, one summary.

The unit of work is a file. A file whose SHA-256 is already recorded for the source is skipped
(its records count as unchanged), so re-running after a crash or a kill finishes the job
without duplicating anything.

An importer may add two optional hooks: ``write(ctx, source_file, counts)`` stores kinds of its
own inside each file's transaction (see ``opentenge.ingest.writer``), and ``finish(summary)`` runs
once after the files of a run, e.g. to re-link what arrived in any order.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone
from pathlib import Path

import yaml
from django.utils import timezone

from opentenge.ingest import bulk
from opentenge.ingest.context import FileContext, FileInfo
from opentenge.ingest.progress import file_progress
from opentenge.ingest.writer import FileAlreadyIngested, write_file
from opentenge.store import models as m
from opentenge.web.pagecache import data_changed

SOURCES_DIR = Path(__file__).resolve().parent.parent / "sources"


class IngestError(Exception):
    """The run itself cannot proceed (unknown source, unreadable path)."""


@dataclass
class Summary:
    source: str
    files: int = 0
    records: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    skipped_files: int = 0
    file_errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "source": self.source, "files": self.files, "records": self.records, "inserted": self.inserted,
            "updated": self.updated, "unchanged": self.unchanged, "quarantined": self.quarantined,
            "seconds": round(self.seconds, 3),
        }


def available_sources() -> list[str]:
    return sorted(p.parent.name for p in SOURCES_DIR.glob("*/source.yml"))


def source_metadata(name: str) -> dict:
    path = SOURCES_DIR / name / "source.yml"
    if not path.exists():
        raise IngestError(f"unknown source {name!r}; available: {', '.join(available_sources()) or 'none'}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_importer(name: str):
    source_metadata(name)
    module = importlib.import_module(f"opentenge.sources.{name}.importer")
    return module.Importer()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_info(source: str, path: Path) -> FileInfo:
    """Checksum plus where and when the file was fetched.

    A fetcher writes ``<file>.meta.json`` (``{"url": ..., "retrieved_at": ISO-8601}``) beside each
    saved page; without one, the file's modification time stands in for the retrieval time.
    """
    stat = path.stat()
    url, retrieved = "", None
    meta_path = path.with_name(path.name + ".meta.json")
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            url = str(meta.get("url") or "")
            if meta.get("retrieved_at"):
                retrieved = datetime.fromisoformat(str(meta["retrieved_at"]).replace("Z", "+00:00"))
                if retrieved.tzinfo is None:
                    retrieved = retrieved.replace(tzinfo=dt_timezone.utc)
        except (ValueError, OSError, AttributeError):
            url, retrieved = "", None
    if retrieved is None:
        retrieved = datetime.fromtimestamp(stat.st_mtime, tz=dt_timezone.utc)
    return FileInfo(source=source, path=path, display_path=str(path), sha256=sha256_of(path),
                    size=stat.st_size, url=url, retrieved_at=retrieved)


class ReferenceCache:
    """Known reference ids per dictionary, refreshed after each file that adds references."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._cache: dict[str, set[int]] = {}

    def __call__(self, ref_name: str) -> set[int]:
        if ref_name not in self._cache:
            self._cache[ref_name] = set(
                m.Reference.objects.filter(ref_name=ref_name).values_list("ref_id", flat=True))
        return self._cache[ref_name]

    def invalidate(self) -> None:
        self._cache.clear()


def run_ingest(source: str, paths: list[str | Path], *, show_progress: bool = False) -> Summary:
    importer = load_importer(source)
    resolved = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise IngestError(f"{raw}: no such file or folder")
        if path.is_file() and not path.stat().st_mode & 0o444:
            raise IngestError(f"{raw}: not readable")
        resolved.append(path)
    files = importer.discover(resolved)
    summary = Summary(source=source)
    bulk.tune_for_bulk_writes()
    started = time.monotonic()
    run = m.IngestRun.objects.create(source=source, started_at=timezone.now())
    references = ReferenceCache(source)
    done = dict(m.SourceFile.objects.filter(source=source).values_list("sha256", "records"))
    try:
        with file_progress(len(files), enabled=show_progress, label=f"{source}") as advance:
            for path in files:
                try:
                    info = file_info(source, path)
                except OSError as exc:
                    raise IngestError(f"{path}: cannot read ({exc.strerror or exc})") from exc
                summary.files += 1
                if info.sha256 in done:
                    previous = done[info.sha256]
                    summary.records += previous
                    summary.unchanged += previous
                    summary.skipped_files += 1
                    advance(path.name, previous)
                    continue
                ctx = FileContext(file=info, known_references=references)
                importer.read_file(ctx)
                try:
                    counts = write_file(ctx, run, getattr(importer, "write", None))
                except FileAlreadyIngested:  # a concurrent run recorded it first
                    summary.records += ctx.record_count
                    summary.unchanged += ctx.record_count
                    advance(path.name, ctx.record_count)
                    continue
                if any(r.kind == "reference" for r in ctx.records):
                    references.invalidate()
                done[info.sha256] = counts.records
                for name in ("records", "inserted", "updated", "unchanged", "quarantined"):
                    setattr(summary, name, getattr(summary, name) + getattr(counts, name))
                advance(path.name, counts.records)
        finish = getattr(importer, "finish", None)  # work over everything stored, once per run
        if finish is not None:
            finish(summary)
    except BaseException as exc:
        _finish(run, summary, started, m.IngestRun.Status.FAILED, f"{type(exc).__name__}: {exc}")
        raise
    _finish(run, summary, started, m.IngestRun.Status.COMPLETED, "")
    return summary


def _finish(run: m.IngestRun, summary: Summary, started: float, status: str, message: str) -> None:
    summary.seconds = time.monotonic() - started
    for name in ("files", "records", "inserted", "updated", "unchanged", "quarantined"):
        setattr(run, name, getattr(summary, name))
    run.status, run.message, run.finished_at = status, message[:2000], timezone.now()
    try:
        run.save()
        data_changed(f"ingest {run.source}")  # even a failed run may have landed some files
        importlib.import_module("opentenge.store.aggregates").refresh_changed()  # org-page figures; see aggregates.py
    except Exception:  # the database itself may be what failed; the summary still reaches the user
        pass

"""Run a bulk export: formats in, files and a Frictionless ``datapackage.json`` out.

Every writer streams (querysets via ``.iterator``), so memory stays bounded by one batch. The
datapackage lists every file written with its format, schema (tabular files), licence and source,
so a reader knows what each column means and where the data came from.

Publishing is atomic: the files are written into a hidden staging folder beside ``DIR`` (same
filesystem) and swapped in by rename only when complete, so a reader of ``DIR`` (the downloads
page, a mirror) never sees a half-written export, and a failed run leaves the previous one intact.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from opentenge.export import ftm, ocds, tabular
from opentenge.export.catalogue import TABLES
from opentenge.export.provenance import licences_of, sources_of

FORMATS = ("csv", "parquet", "sqlite", "ftm", "ocds")
Progress = Callable[[str, int, int | None], None]
STAGING = ".{name}.partial-"  # the hidden sibling an export is written into
RETIRED = ".{name}.previous-"  # the previous export, for the instant of the swap
FTM_SOURCES = ("goszakup", "company_roles", "mazhilis", "senate", "officials")


class ExportError(Exception):
    """The export cannot run (unwritable folder, unknown format, a folder that is not an export)."""


def export_dir() -> Path:
    return Path(getattr(settings, "OPENTENGE_EXPORT_DIR", None) or os.environ.get("OPENTENGE_EXPORT_DIR")
                or settings.BASE_DIR / "var" / "exports")


def prepare(out: Path) -> Path:
    """Check ``out`` can be replaced and return a fresh staging folder beside it (same filesystem).

    Fails with a sentence that names ``out`` and says why. A non-empty ``out`` without a
    ``datapackage.json`` is refused: the swap replaces the whole folder, and ``--out /srv`` must
    never delete someone's files.
    """
    if (out.exists() and not out.is_dir()) or (out.parent.exists() and not out.parent.is_dir()):
        raise ExportError(f"cannot write to {out}: Not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / "datapackage.json").is_file():
        raise ExportError(f"refusing to replace {out}: it is not empty and holds no datapackage.json "
                          "(an export replaces the whole folder)")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING.format(name=out.name), dir=out.parent))
    except OSError as exc:
        raise ExportError(f"cannot write to {out}: {exc.strerror or exc}") from None
    staging.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable by the web server
    return staging


def publish(staging: Path, out: Path) -> None:
    """Swap the complete ``staging`` folder in as ``out``; the previous export stays until then.

    Two renames on one filesystem: readers see the old export or the new one, never a mix (for
    the instant between the renames ``out`` is absent, which the downloads page shows as no export).
    """
    retired = None
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=RETIRED.format(name=out.name), dir=out.parent))
        retired.rmdir()
        os.rename(out, retired)
    try:
        os.rename(staging, out)
    except OSError:
        if retired is not None:
            os.rename(retired, out)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def _field(c) -> dict:
    field = {"name": c.name, "type": c.type}
    if c.description:
        field["description"] = c.description
    return field


def _schema(table) -> dict:
    return {"fields": [_field(c) for c in table.columns], "primaryKey": [table.primary_key]}


def _unique(items: list[dict]) -> list[dict]:
    return list({json.dumps(i, sort_keys=True): i for i in items}.values())


def run_export(formats: list[str], out: Path, progress: Progress | None = None) -> dict:
    """Write ``formats`` into a staging folder beside ``out`` and publish it as ``out`` when complete.

    On any failure the staging folder is removed and the previous export in ``out`` is untouched.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    out = Path(out).absolute()
    staging = prepare(out)
    try:
        summary = write_export(list(dict.fromkeys(formats)), staging, progress)
        publish(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary["out"] = str(out)
    return summary


def write_export(formats: list[str], out: Path, progress: Progress | None = None) -> dict:
    """Write every file of ``formats`` and ``datapackage.json`` into ``out`` (an empty folder)."""
    report = progress or (lambda label, done, total: None)
    resources: list[dict] = []
    summary: dict = {"out": str(out), "formats": formats, "tables": {}, "files": []}

    def ticker(label: str, total: int | None):
        state = {"done": 0}

        def tick(n: int) -> None:
            state["done"] += n
            report(label, state["done"], total)
        report(label, 0, total)
        return tick

    def add(path: Path, source_names, **resource) -> None:
        resources.append({"path": path.relative_to(out).as_posix(), "bytes": path.stat().st_size,
                          "licenses": licences_of(source_names), "sources": sources_of(source_names), **resource})
        summary["files"].append(path.relative_to(out).as_posix())

    for fmt in formats:
        if fmt in ("csv", "parquet"):
            (out / fmt).mkdir(exist_ok=True)
            for table in TABLES:
                total = table.count()
                path = out / fmt / f"{table.name}.{fmt}"
                write = tabular.write_csv if fmt == "csv" else tabular.write_parquet
                rows = write(table, table.rows(), path, ticker(f"{fmt} {table.name}", total))
                summary["tables"][table.name] = rows
                extra = ({"profile": "tabular-data-resource", "encoding": "utf-8", "mediatype": "text/csv",
                          "dialect": {"delimiter": ",", "header": True}}
                         if fmt == "csv" else {"type": "file", "mediatype": "application/vnd.apache.parquet"})
                add(path, table.sources, name=f"{table.name.replace('_', '-')}-{fmt}", title=table.title,
                    description=table.description, format=fmt, schema=_schema(table), **extra)
        elif fmt == "sqlite":
            path = out / "opentenge.sqlite"
            connection = sqlite3.connect(path)
            try:
                for table in TABLES:
                    summary["tables"][table.name] = tabular.write_sqlite(
                        table, table.rows(), connection, ticker(f"sqlite {table.name}", table.count()))
            finally:
                connection.close()
            add(path, dict.fromkeys(n for t in TABLES for n in t.sources), name="opentenge-sqlite",
                title="All public tables in one SQLite database", format="sqlite", type="file",
                mediatype="application/vnd.sqlite3",
                description="Tables: " + ", ".join(t.name for t in TABLES) + ". Money columns are NUMERIC "
                            "(tenge; budget_lines in thousand tenge); the columns are those of the CSV files.")
        elif fmt == "ftm":
            (out / "ftm").mkdir(exist_ok=True)
            path = out / "ftm" / "entities.ftm.jsonl"
            summary["ftm"] = ftm.write_ftm(path, ticker("ftm", ftm.expected_total()))
            add(path, FTM_SOURCES, name="ftm-entities", title="FollowTheMoney entities", format="jsonl",
                type="file", mediatype="application/x-ndjson",
                description="One FollowTheMoney entity per line: " + ", ".join(ftm.SCHEMATA) + ".")
        elif fmt == "ocds":
            (out / "ocds").mkdir(exist_ok=True)
            summary["ocds"] = ocds.write_ocds(out / "ocds", ticker("ocds", ocds.expected_processes()))
            add(out / "ocds" / "release-packages.jsonl", ("goszakup",), name="ocds-release-packages",
                format="jsonl", type="file", mediatype="application/x-ndjson",
                title="OCDS 1.1 release packages, one per contracting process",
                description=f"ocid prefix {ocds.ocid_prefix()}; see docs/downloads.md for the mapping.")
            add(out / "ocds" / "record-packages.jsonl", ("goszakup",), name="ocds-record-packages",
                format="jsonl", type="file", mediatype="application/x-ndjson",
                title="OCDS 1.1 record packages with compiled releases",
                description="Compiled with ocdsmerge from the releases of the same ocid.")

    package = {
        "name": "opentenge", "title": "OpenTenge bulk export",
        "description": "Public tables of OpenTenge: procurement, budget, red flags, politics, civil society, "
                       "legislation and the lobbying register of the Republic of Kazakhstan. A natural "
                       "person's IIN is never included; only its masked form.",
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "licenses": _unique([lic for r in resources for lic in r["licenses"]]),
        "sources": _unique([src for r in resources for src in r["sources"]]),
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    summary["files"].append("datapackage.json")
    return summary


def describe_export(folder: Path | None = None) -> dict | None:
    """What an existing export holds (for the downloads page); ``None`` when there is none."""
    folder = folder or export_dir()
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return None
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = [{"path": r.get("path"), "title": r.get("title", r.get("name")), "format": r.get("format"),
              "bytes": (folder / r["path"]).stat().st_size if (folder / r.get("path", "")).is_file() else None}
             for r in package.get("resources", []) if r.get("path")]
    return {"created": package.get("created"), "files": files, "datapackage": "datapackage.json",
            "datapackage_bytes": descriptor.stat().st_size}

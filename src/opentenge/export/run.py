"""Run a bulk export: formats in, files and a Frictionless ``datapackage.json`` out.

Every writer streams (querysets via ``.iterator``), so memory stays bounded by one batch. The
datapackage lists every file written with its format, schema (tabular files), licence and source,
so a reader knows what each column means and where the data came from.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from opentenge.export import ftm, ocds, tabular
from opentenge.export.tables import TABLES

FORMATS = ("csv", "parquet", "sqlite", "ftm", "ocds")
Progress = Callable[[str, int, int | None], None]
LICENCE = {"name": "goszakup-open-government-data",
           "title": "Open government data (Law of the Republic of Kazakhstan No. 401-V 'On access to "
                    "information'); no explicit licence is attached by the publisher",
           "path": "https://goszakup.gov.kz/"}
SOURCE = {"title": "goszakup.gov.kz — state procurement portal (OWS v3), ingested by OpenTenge",
          "path": "https://goszakup.gov.kz/"}


class ExportError(Exception):
    """The export cannot run (unwritable folder, unknown format)."""


def export_dir() -> Path:
    return Path(getattr(settings, "OPENTENGE_EXPORT_DIR", None) or os.environ.get("OPENTENGE_EXPORT_DIR")
                or settings.BASE_DIR / "var" / "exports")


def prepare(out: Path) -> None:
    """Create ``out`` or fail with a sentence that names it and says why."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".opentenge-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise ExportError(f"cannot write to {out}: {exc.strerror or exc}") from None


def _field(c) -> dict:
    field = {"name": c.name, "type": c.type}
    if c.description:
        field["description"] = c.description
    return field


def _schema(table) -> dict:
    return {"fields": [_field(c) for c in table.columns], "primaryKey": [table.primary_key]}


def run_export(formats: list[str], out: Path, progress: Progress | None = None) -> dict:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    out = Path(out)
    prepare(out)
    report = progress or (lambda label, done, total: None)
    resources: list[dict] = []
    summary: dict = {"out": str(out), "formats": list(dict.fromkeys(formats)), "tables": {}, "files": []}

    def ticker(label: str, total: int | None):
        state = {"done": 0}

        def tick(n: int) -> None:
            state["done"] += n
            report(label, state["done"], total)
        report(label, 0, total)
        return tick

    def add(path: Path, **resource) -> None:
        resources.append({"path": path.relative_to(out).as_posix(), "bytes": path.stat().st_size,
                          "licenses": [LICENCE], "sources": [SOURCE], **resource})
        summary["files"].append(path.relative_to(out).as_posix())

    for fmt in summary["formats"]:
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
                add(path, name=f"{table.name}-{fmt}", title=table.title, description=table.description,
                    format=fmt, schema=_schema(table), **extra)
        elif fmt == "sqlite":
            path = out / "opentenge.sqlite"
            path.unlink(missing_ok=True)
            connection = sqlite3.connect(path)
            try:
                for table in TABLES:
                    summary["tables"][table.name] = tabular.write_sqlite(
                        table, table.rows(), connection, ticker(f"sqlite {table.name}", table.count()))
            finally:
                connection.close()
            add(path, name="opentenge-sqlite", title="All public tables in one SQLite database",
                format="sqlite", type="file", mediatype="application/vnd.sqlite3",
                description="Tables: " + ", ".join(t.name for t in TABLES) + ". Money columns are NUMERIC tenge.")
        elif fmt == "ftm":
            (out / "ftm").mkdir(exist_ok=True)
            path = out / "ftm" / "entities.ftm.jsonl"
            summary["ftm"] = ftm.write_ftm(path, ticker("ftm", ftm.expected_total()))
            add(path, name="ftm-entities", title="FollowTheMoney entities", format="jsonl", type="file",
                mediatype="application/x-ndjson",
                description="One FollowTheMoney entity per line: " + ", ".join(ftm.SCHEMATA) + ".")
        elif fmt == "ocds":
            (out / "ocds").mkdir(exist_ok=True)
            summary["ocds"] = ocds.write_ocds(out / "ocds", ticker("ocds", ocds.expected_processes()))
            add(out / "ocds" / "release-packages.jsonl", name="ocds-release-packages", format="jsonl", type="file",
                mediatype="application/x-ndjson", title="OCDS 1.1 release packages, one per contracting process",
                description=f"ocid prefix {ocds.ocid_prefix()}; see docs/downloads.md for the mapping.")
            add(out / "ocds" / "record-packages.jsonl", name="ocds-record-packages", format="jsonl", type="file",
                mediatype="application/x-ndjson", title="OCDS 1.1 record packages with compiled releases",
                description="Compiled with ocdsmerge from the releases of the same ocid.")

    package = {
        "name": "opentenge", "title": "OpenTenge bulk export",
        "description": "Public tables of OpenTenge (procurement of the Republic of Kazakhstan). A natural "
                       "person's IIN is never included; only its masked form.",
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "licenses": [LICENCE], "sources": [SOURCE], "resources": resources,
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

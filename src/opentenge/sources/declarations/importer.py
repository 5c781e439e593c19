"""Declaration summaries from the CSV of docs/formats/declarations.md.

Since 2021 the law on combating corruption requires persons holding responsible public office to
have their declarations' summaries published; what reaches the public is a notice per person and
year (income, property). A row names the person by the key of a source that publishes them
(``mazhilis:8``, ``senate:921``, ``official:<slug>``); a row whose person is not loaded is
quarantined, never attached to a namesake.
"""
from __future__ import annotations

import re
from pathlib import Path

from opentenge.ingest import parse as p
from opentenge.ingest.context import FileContext
from opentenge.ingest.files import files_under
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord
from opentenge.politics.writer import write_own
from opentenge.sources.party_funding import csvrows

COLUMNS = ("person_key", "year", "income_tenge", "source_url")
PERSON_KEY = re.compile(r"^(mazhilis|senate|official|parlam-en|parlam-blog):[\w-]+$")


class Importer:
    name = "declarations"
    write = staticmethod(write_own)

    def discover(self, paths: list[Path]) -> list[Path]:
        return files_under(paths, "*.csv")

    def read_file(self, ctx: FileContext) -> None:
        ctx.kind = "declarations"
        seen: dict[str, str] = {}
        for locator, row in csvrows.rows(ctx, COLUMNS):
            try:
                if not PERSON_KEY.match(row["person_key"]):
                    raise RecordError("person_key", f"expected <source>:<id> (mazhilis:8, official:<slug>), "
                                                    f"got {row['person_key']!r}")
                year = csvrows.year(row)
                fields = {"person": row["person_key"], "year": year, "position": row.get("position", ""),
                          "income": p.amount(row, "income_tenge", required=True),
                          "property_items": p.integer(row, "property_items", bits=32),
                          "property_description": row.get("property_description", ""),
                          "source_url": csvrows.source_url(row)}
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, record_key=row.get("person_key", ""), raw=repr(row))
                continue
            key = f"{row['person_key']}:{year}"
            if key in seen:
                ctx.quarantine(locator, f"duplicate: {seen[key]} already gives {key}", field="year", record_key=key)
                continue
            seen[key] = locator
            ctx.emit(EntityRecord(kind="politics.declaration", key=key, locator=locator, payload=row, fields=fields))

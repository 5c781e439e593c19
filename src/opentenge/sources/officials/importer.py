"""Maslikhat deputies and key officials from the CSV of docs/formats/officials.md.

Kazakhstan publishes appointments (decrees, akimat and ministry pages) and maslikhat deputy lists
as web pages and PDFs, not data. An editor copies each office into one CSV row with the address of
the document. ``person_id`` is our stable slug for the person (``zhaksylykov-a-2019``); several rows
with the same id are one person's successive offices.
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
from opentenge.sources.mazhilis.parties import BY_KEY, party_record
from opentenge.sources.party_funding import csvrows
from opentenge.sources.party_funding.importer import party_key

COLUMNS = ("person_id", "name_kk", "name_ru", "chamber", "role_ru", "start_date", "end_date", "source_url")
CHAMBERS = ("maslikhat", "executive")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
EARLIEST_OFFICE = p.EARLIEST_REGISTRATION


class Importer:
    name = "officials"
    write = staticmethod(write_own)

    def discover(self, paths: list[Path]) -> list[Path]:
        return files_under(paths, "*.csv")

    def read_file(self, ctx: FileContext) -> None:
        ctx.kind = "officials"
        parties: set[str] = set()
        for locator, row in csvrows.rows(ctx, COLUMNS):
            try:
                person, position = self.row_fields(row)
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, record_key=row.get("person_id", ""), raw=repr(row))
                continue
            if position["party"] and position["party"] not in parties:
                ctx.emit(party_record(BY_KEY[position["party"]], locator))
                parties.add(position["party"])
            key = f"official:{row['person_id']}"
            start = position["start_date"].isoformat() if position["start_date"] else "undated"
            ctx.emit(EntityRecord(kind="politics.person", key=key, locator=locator, payload=row, fields=person))
            ctx.emit(EntityRecord(kind="politics.position", key=f"{key}:{position['chamber']}:{start}",
                                  locator=locator, payload=row, fields={"person": key, **position}))

    @staticmethod
    def row_fields(row: dict) -> tuple[dict, dict]:
        if not SLUG.match(row["person_id"]):
            raise RecordError("person_id", f"expected a lower-case slug (a-z, 0-9, -), got {row['person_id']!r}")
        if not row["name_kk"] and not row["name_ru"]:
            raise RecordError("name_ru", "missing: a name in Kazakh or Russian is required")
        if row["chamber"] not in CHAMBERS:
            raise RecordError("chamber", f"expected one of {', '.join(CHAMBERS)}, got {row['chamber']!r}")
        if not row["role_ru"] and not row.get("role_kk"):
            raise RecordError("role_ru", "missing: the office held")
        start = p.day(row, "start_date", earliest=EARLIEST_OFFICE)
        end = p.day(row, "end_date", earliest=EARLIEST_OFFICE)
        if start and end and end < start:
            raise RecordError("end_date", f"ends ({end}) before it starts ({start})")
        person = {"name_kk": row["name_kk"], "name_ru": row["name_ru"], "name_en": row.get("name_en", "")}
        position = {
            "chamber": row["chamber"], "role_kk": row.get("role_kk", ""), "role_ru": row["role_ru"],
            "role_en": row.get("role_en", ""), "organisation_name": row.get("organisation", ""),
            "party": party_key(row) if row.get("party") else None,
            "region_kk": row.get("region_kk", ""), "region_ru": row.get("region_ru", ""),
            "constituency_kind": "appointed" if row["chamber"] == "executive" else "",
            "start_date": start, "end_date": end, "is_current": end is None,
            "source_url": csvrows.source_url(row),
        }
        return person, position

"""State budget funding of parties, per party and year: the CSV of docs/formats/party_funding.md.

The Law "On political parties" (No. 344-II of 15 July 2002, art. 18-1) funds parties represented
in Parliament from the state budget in proportion to the votes their list received. Kazakhstan
publishes the amounts in notices and budget documents, not as data; an editor copies them into
this CSV, one row per party and year, with the address of the document.
"""
from __future__ import annotations

from pathlib import Path

from opentenge.ingest import parse as p
from opentenge.ingest.context import FileContext
from opentenge.ingest.files import files_under
from opentenge.politics.writer import write_own
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord
from opentenge.sources.mazhilis.parties import BY_KEY, party_for, party_record
from opentenge.sources.party_funding import csvrows

COLUMNS = ("party", "year", "amount_tenge", "source_url")
REPORT_COLUMNS = ("party", "year", "direction", "kind", "amount_tenge", "source_url")
# Kinds named by the Law on political parties (income) and the usual report headings (spending).
INCOME_KINDS = ("membership_fees", "donations", "state_funding", "business_income", "other")
SPENDING_KINDS = ("staff", "elections", "media", "events", "rent", "other")


def party_key(row: dict) -> str:
    value = row.get("party", "")
    if value in BY_KEY:
        return value
    party = party_for(value)
    if party is None:
        raise RecordError("party", f"unknown party {value!r}; use one of {', '.join(sorted(BY_KEY))} or its name")
    return party.key


class Importer:
    name = "party_funding"
    write = staticmethod(write_own)  # politics kinds go to opentenge.politics tables

    def discover(self, paths: list[Path]) -> list[Path]:
        return files_under(paths, "*.csv")

    def read_file(self, ctx: FileContext) -> None:
        try:
            header = ctx.file.path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
        except UnicodeDecodeError:
            header = ""  # csvrows.rows refuses the file naming the encoding error
        if "direction" in [h.strip() for h in header.split(",")]:
            self._read_report(ctx)
        else:
            self._read_funding(ctx)

    def _read_report(self, ctx: FileContext) -> None:
        """Annual financial reports: one row per party, year, direction (income/spending) and kind."""
        ctx.kind = "party_reports"
        seen: dict[str, str] = {}
        parties_emitted: set[str] = set()
        for locator, row in csvrows.rows(ctx, REPORT_COLUMNS):
            try:
                party = party_key(row)
                year = csvrows.year(row)
                direction = row["direction"]
                kinds = {"income": INCOME_KINDS, "spending": SPENDING_KINDS}.get(direction)
                if kinds is None:
                    raise RecordError("direction", f"expected income or spending, got {direction!r}")
                if row["kind"] not in kinds:
                    raise RecordError("kind", f"unknown {direction} kind {row['kind']!r}; expected one of {', '.join(kinds)}")
                amount = p.amount(row, "amount_tenge", required=True)
                url = csvrows.source_url(row)
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, raw=repr(row))
                continue
            key = f"{party}:{year}:{direction}:{row['kind']}"
            if key in seen:
                ctx.quarantine(locator, f"duplicate: {seen[key]} already gives {key}", field="kind", record_key=key)
                continue
            seen[key] = locator
            if party not in parties_emitted:
                ctx.emit(party_record(BY_KEY[party], locator))
                parties_emitted.add(party)
            ctx.emit(EntityRecord(kind="politics.party_report", key=key, locator=locator, payload=row, fields={
                "party": party, "year": year, "direction": direction, "kind": row["kind"], "amount": amount,
                "source_url": url}))

    def _read_funding(self, ctx: FileContext) -> None:
        ctx.kind = "party_funding"
        seen: dict[str, str] = {}
        parties_emitted: set[str] = set()
        for locator, row in csvrows.rows(ctx, COLUMNS):
            try:
                party = party_key(row)
                year = csvrows.year(row)
                amount = p.amount(row, "amount_tenge", required=True)
                votes = p.integer(row, "votes")
                url = csvrows.source_url(row)
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, raw=repr(row))
                continue
            key = f"{party}:{year}"
            if key in seen:
                ctx.quarantine(locator, f"duplicate: {seen[key]} already gives {party} {year}", field="year",
                               record_key=key, raw=repr(row))
                continue
            seen[key] = locator
            if party not in parties_emitted:
                ctx.emit(party_record(BY_KEY[party], locator))
                parties_emitted.add(party)
            ctx.emit(EntityRecord(kind="politics.party_funding", key=key, locator=locator, payload=row, fields={
                "party": party, "year": year, "amount": amount, "votes": votes, "source_url": url}))

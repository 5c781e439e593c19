"""Election fund figures from the CSV of docs/formats/election_funds.md, into the double-entry workflow.

The Central Election Commission publishes fund reports as PDFs and newspaper notices (layout in
/work/shared/data/registers/REGISTERS.md §7: line 1 total received, 1.1 own funds, 1.2 voluntary
donations, 2 total spent …). An editor copies them into this CSV, naming themself in
``entered_by``; imported figures wait for a *second* editor to confirm them in the admin before
they are published (``opentenge.politics.funds``). Re-importing a changed figure sends it back to
awaiting confirmation; an unchanged one is left alone.

A second kind of file, told apart by its ``confirmed_by`` column, is a *confirmation sheet*: the
second editor types the same figures again, independently, from the same document. A figure is
confirmed only when its amount matches the one entered and the confirming editor is not the one who
entered it (``opentenge.politics.funds.confirm``); a mismatch leaves it awaiting and is quarantined
naming the field. This is how a whole report is confirmed without clicking through the admin, and
how the demo publishes some of its figures.
"""
from __future__ import annotations

import csv
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

COLUMNS = ("election", "party", "candidate_name", "line", "amount_tenge", "source_url", "source_page", "entered_by")
CONFIRMATION_COLUMNS = ("election", "party", "candidate_name", "line", "amount_tenge", "confirmed_by")
LINES = ("1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "2.4", "donor")


class Importer:
    name = "election_funds"
    write = staticmethod(write_own)

    def discover(self, paths: list[Path]) -> list[Path]:
        return files_under(paths, "*.csv")

    def read_file(self, ctx: FileContext) -> None:
        if "confirmed_by" in _header(ctx):
            return self.read_confirmations(ctx)
        ctx.kind = "election_funds"
        parties: set[str] = set()
        for locator, row in csvrows.rows(ctx, COLUMNS):
            try:
                fields = self.figure_fields(row)
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, raw=repr(row))
                continue
            if fields["party"] and fields["party"] not in parties:
                ctx.emit(party_record(BY_KEY[fields["party"]], locator))
                parties.add(fields["party"])
            key = "|".join(str(fields[k] or "") for k in ("election", "party", "candidate_name", "line", "donor_name"))
            ctx.emit(EntityRecord(kind="politics.election_fund", key=key, locator=locator, payload=row,
                                  fields={**fields, "imported_from": f"{ctx.file.display_path}:{locator}"}))

    def read_confirmations(self, ctx: FileContext) -> None:
        ctx.kind = "election_fund_confirmations"
        for locator, row in csvrows.rows(ctx, CONFIRMATION_COLUMNS):
            try:
                fields = self.who_and_line(row)
                if not row["confirmed_by"]:
                    raise RecordError("confirmed_by", "missing: the second editor who checked the figure")
                fields.update(amount=p.amount(row, "amount_tenge", required=True), confirmed_by=row["confirmed_by"])
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, raw=repr(row))
                continue
            key = "|".join(str(fields[k] or "") for k in ("election", "party", "candidate_name", "line", "donor_name"))
            ctx.emit(EntityRecord(kind="politics.election_fund_confirmation", key=key, locator=locator,
                                  payload=row, fields=fields))

    @staticmethod
    def who_and_line(row: dict) -> dict:
        """The figure a row names: election, party and/or candidate, line, donor."""
        election = row["election"]
        if not election:
            raise RecordError("election", "missing: name the election, e.g. mazhilis-2023")
        party = party_key(row) if row.get("party") else None
        candidate = " ".join(row.get("candidate_name", "").split())
        if not party and not candidate:
            raise RecordError("party", "a figure belongs to a party or a candidate; both are empty")
        line = row["line"]
        if line not in LINES:
            raise RecordError("line", f"unknown line {line!r}; expected one of {', '.join(LINES)}")
        donor = " ".join(row.get("donor_name", "").split())
        if (line == "donor") != bool(donor):
            raise RecordError("donor_name", "donor_name is given exactly for line 'donor' (a named donor)")
        return {"election": election, "party": party, "candidate_name": candidate, "line": line, "donor_name": donor}

    @classmethod
    def figure_fields(cls, row: dict) -> dict:
        fields = cls.who_and_line(row)
        if not row["source_page"]:
            raise RecordError("source_page", "missing: the page or table of the report is required")
        if not row["entered_by"]:
            raise RecordError("entered_by", "missing: the editor who copied the figure")
        return {**fields, "amount": p.amount(row, "amount_tenge", required=True),
                "source_url": csvrows.source_url(row), "source_page": row["source_page"],
                "entered_by": row["entered_by"]}


def _header(ctx: FileContext) -> list[str]:
    """The CSV's column names (the first line), to tell figures from confirmation sheets."""
    try:
        with ctx.file.path.open(encoding="utf-8-sig", newline="") as fh:
            first = fh.readline()
    except UnicodeDecodeError:
        return []  # csvrows.rows reports the encoding error with the file's name
    return [c.strip() for c in next(csv.reader([first]), [])]

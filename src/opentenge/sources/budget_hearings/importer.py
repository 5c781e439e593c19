"""Public hearings of local budgets, in the JSON format defined in docs/hearings.md.

A file is ``{"format": "opentenge.budget_hearings/1", "hearings": [...]}`` (or a bare list of
hearing objects). Each hearing is one record (``hearings[i]``): a hearing with a bad date, body,
budget or year is quarantined whole, naming the field; a bad document or proposal is quarantined
on its own (``hearings[i].proposals[j]``) and the rest of the hearing lands. What the importer
refuses or masks to keep residents' personal data out: ``personal.py``. It never touches the
database; ``opentenge.budget.hearings_writer`` stores the records in the file's transaction.
"""
from __future__ import annotations

import json
from pathlib import Path

from opentenge.ingest.context import FileContext
from opentenge.ingest.files import files_under
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord, canonical_json
from opentenge.sources.budget_hearings.personal import quarantine_copy, without_authors
from opentenge.sources.budget_hearings.record import parse_hearing

HEARING_RECORD = "budget.hearing"
FORMAT = "opentenge.budget_hearings/1"


class Importer:
    name = "budget_hearings"

    def discover(self, paths: list[Path]) -> list[Path]:
        return [p for p in files_under(paths, "*.json") if not p.name.endswith(".meta.json")]

    def read_file(self, ctx: FileContext) -> None:
        ctx.kind = "budget_hearings"
        data = ctx.file.path.read_bytes()
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            ctx.quarantine("file", f"encoding: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
            return
        except json.JSONDecodeError as exc:
            ctx.quarantine("file", f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
            return
        if isinstance(document, dict) and isinstance(document.get("hearings"), list):
            if document.get("format") not in (None, FORMAT):
                ctx.quarantine("file", f"format: {document.get('format')!r} is not {FORMAT!r}", field="format")
                return
            items = document["hearings"]
        elif isinstance(document, list):
            items = document
        else:
            raw = quarantine_copy(canonical_json(without_authors(document)))[:500]
            ctx.quarantine("file", 'unrecognised JSON: expected {"hearings": [...]} or a list of hearings '
                                   "(docs/hearings.md)", raw=raw)
            return
        seen: dict[str, str] = {}
        for index, item in enumerate(items):
            locator = f"hearings[{index}]"
            raw = quarantine_copy(canonical_json(without_authors(item)))[:2000]
            try:
                if not isinstance(item, dict):
                    raise RecordError("hearing", f"not a JSON object but {type(item).__name__}")
                parsed = parse_hearing(item, locator)
            except RecordError as err:
                ctx.quarantine(locator, f"{err.field}: {err.reason}", field=err.field,
                               record_key=str(item.get("id") or "") if isinstance(item, dict) else "", raw=raw)
                continue
            key = parsed.fields["key"]
            if key in seen:
                ctx.quarantine(locator, f"id: duplicate hearing id {key!r}; the first is at {seen[key]}", field="id",
                               record_key=key, raw=raw)
                continue
            seen[key] = locator
            for refused in parsed.refused:
                ctx.quarantine(refused.locator, f"{refused.field}: {refused.reason}", field=refused.field,
                               record_key=key, raw=refused.raw)
            fields = {**parsed.fields, "documents": parsed.documents, "proposals": parsed.proposals}
            ctx.emit(EntityRecord(HEARING_RECORD, key, fields, locator, payload=json.loads(canonical_json(fields))))

    def write(self, ctx: FileContext, source_file, counts) -> None:
        from opentenge.budget.hearings_writer import write_hearings

        write_hearings(ctx, source_file, counts)

    def finish(self, summary) -> None:
        pass

"""Bills before Parliament, in the shape of the Mazhilis draft-laws list (``api/core/draft-laws/``).

``../shared/data/parliament/STRUCTURE.md`` §3 documents the list as ``{"count", "result": [...]}``
with ``id``, ``title``, ``status`` and ``documents[].document_url``; no answer was saved, so the
other fields (Kazakh title, initiator, the draft act the bill grew from, dated stages) are defined
by us in docs/formats/bills.md. A file without ``result`` is refused whole; a bad bill is
quarantined as ``result[<n>]`` with the field at fault.
"""
from __future__ import annotations

import json
from pathlib import Path

from opentenge.ingest.context import FileContext
from opentenge.ingest.files import files_under
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord
from opentenge.legislation import reading as r
from opentenge.legislation.stages import STATUS_WORDS

FIELDS = {"id", "title", "title_kk", "status", "initiator", "draft_act_id", "url", "stages", "documents"}
REQUIRED = ("id", "title", "status", "stages")
TEXT_FIELDS = ("title", "title_kk", "status", "initiator", "url")


def bill_records(locator: str, item) -> list[EntityRecord]:
    if not isinstance(item, dict):
        raise RecordError("", f"a bill must be an object, not {type(item).__name__}")
    missing = [f for f in REQUIRED if f not in item]
    if missing:
        raise RecordError(missing[0], "missing: required field")
    unknown = sorted(set(item) - FIELDS)
    if unknown:
        raise RecordError(unknown[0], f"unknown field (expected only {', '.join(sorted(FIELDS))})")
    for name in TEXT_FIELDS:  # a list or a number where text belongs is a broken record, not a title "[1, 2]"
        if item.get(name) is not None and not isinstance(item[name], str):
            raise RecordError(name, f"wrong type: expected text, got {type(item[name]).__name__}")
    values = {k: ("" if v is None else str(v)) for k, v in item.items() if k not in ("stages", "documents")}
    if not isinstance(item["id"], int) or item["id"] <= 0:
        raise RecordError("id", f"not a positive whole number: {item['id']!r}")
    key = f"bill:{item['id']}"
    status = r.choice(values, "status", STATUS_WORDS)
    draft_id = r.text(values, "draft_act_id", required=False, limit=32)
    if draft_id and not (draft_id.isascii() and draft_id.isdigit()):
        raise RecordError("draft_act_id", f"not a portal number: {draft_id!r}")
    if not isinstance(item["stages"], list) or not item["stages"]:
        raise RecordError("stages", "must be a non-empty list of {stage, date}")
    events = []
    for n, stage in enumerate(item["stages"]):
        if not isinstance(stage, dict):
            raise RecordError(f"stages[{n}]", "must be an object {stage, date}")
        field_values = {k: str(v) for k, v in stage.items()}
        try:
            code, when = r.choice(field_values, "stage", STATUS_WORDS), r.day(field_values, "date")
        except RecordError as err:
            raise RecordError(f"stages[{n}].{err.field}", err.reason) from None
        events.append(EntityRecord("legislation.event", (key, code, when), dict(act=key, stage=code, date=when, note=""),
                                   locator, payload={}))
    documents = item.get("documents") or []
    url = r.link(values, "url")
    if not url and documents and isinstance(documents[0], dict):
        url = r.link({"documents[0].document_url": str(documents[0].get("document_url", ""))},
                     "documents[0].document_url")
    fields = dict(kind="bill", title_ru=r.text(values, "title"), title_kk=r.text(values, "title_kk", required=False),
                  developer_name=r.text(values, "initiator", required=False), act_type="проект закона", discussion_start=None,
                  discussion_end=None, status=status, comments=None, url=url,
                  draft=f"npa:{draft_id}" if draft_id else "")
    return [EntityRecord("legislation.act", key, fields, locator, payload=item), *events]


class Importer:
    name = "bills"

    def discover(self, paths: list[Path]) -> list[Path]:
        return [f for f in files_under(paths, "*.json") if not f.name.endswith(".meta.json")]

    def read_file(self, ctx: FileContext) -> None:
        try:
            document = json.loads(ctx.file.path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            ctx.quarantine("file", f"not a JSON document: {exc}")
            return
        if not isinstance(document, dict) or not isinstance(document.get("result"), list):
            ctx.quarantine("file", "wrong layout: expected the draft-laws answer {\"count\": N, \"result\": [...]}",
                           field="result")
            return
        ctx.kind = "bills:draft_laws"
        for n, item in enumerate(document["result"]):
            locator = f"result[{n}]"
            try:
                records = bill_records(locator, item)
            except RecordError as err:
                ctx.quarantine(locator, f"{err.field}: {err.reason}", field=err.field,
                               record_key=str(item.get("id", "")) if isinstance(item, dict) else "",
                               raw=json.dumps(item, ensure_ascii=False)[:2000])
                continue
            ctx.emit(records[0])
            ctx.records.extend(records[1:])

    def write(self, ctx: FileContext, source_file, counts) -> None:
        from opentenge.legislation.writer import write_records

        write_records(ctx, source_file, counts)

    def finish(self, summary) -> None:
        from opentenge.legislation.writer import relink

        relink()

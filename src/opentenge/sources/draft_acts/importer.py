"""Draft legal acts from the open-NPA portal (legalacts.egov.kz), one act per CSV line.

The portal lists every draft a state body puts up for public discussion: titles in Kazakh and
Russian, the developing body, the type of act, the discussion window, its status and the number
of comments. No saved portal answer exists yet, so the layout is ours (docs/formats/draft_acts.md)
and strict: a file with any other header is refused, naming the column. Each line becomes an act
(``npa:<id>``) and one status event on ``status_date``; the tracker adds the publication event
from ``discussion_start`` itself.
"""
from __future__ import annotations

from pathlib import Path

from opentenge.ingest.context import FileContext
from opentenge.ingest.files import files_under
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord
from opentenge.legislation import reading as r
from opentenge.legislation.stages import STATUS_WORDS

LAYOUTS = {"acts": ("id", "title_kk", "title_ru", "developer", "type", "discussion_start", "discussion_end",
                    "status", "status_date", "comments", "url")}


def act_record(locator: str, values: dict) -> list[EntityRecord]:
    portal_id = r.text(values, "id", limit=32)
    if not (portal_id.isascii() and portal_id.isdigit()):
        raise RecordError("id", f"not a portal number: {portal_id!r}")
    title_kk = r.text(values, "title_kk", required=False)
    title_ru = r.text(values, "title_ru", required=False)
    if not (title_kk or title_ru):
        raise RecordError("title_ru", "missing: a draft needs a title in Kazakh or Russian")
    start, end = r.day(values, "discussion_start"), r.day(values, "discussion_end")
    if end < start:
        raise RecordError("discussion_end", f"discussion ends ({end}) before it starts ({start})")
    status = r.choice(values, "status", STATUS_WORDS)
    status_date = r.day(values, "status_date")
    if status_date < start:
        raise RecordError("status_date", f"status date {status_date} is before the discussion began ({start})")
    key = f"npa:{portal_id}"
    fields = dict(kind="draft", title_kk=title_kk, title_ru=title_ru, developer_name=r.text(values, "developer"),
                  act_type=r.text(values, "type", limit=128), discussion_start=start, discussion_end=end,
                  status=status, comments=r.count(values, "comments"), url=r.link(values, "url"))
    return [EntityRecord("legislation.act", key, fields, locator, payload=values),
            EntityRecord("legislation.event", (key, status, status_date),
                         dict(act=key, stage=status, date=status_date, note=""), locator, payload={})]


class Importer:
    name = "draft_acts"

    def discover(self, paths: list[Path]) -> list[Path]:
        return files_under(paths, "*.csv")

    def read_file(self, ctx: FileContext) -> None:
        for _layout, locator, values in r.read_layout(ctx, LAYOUTS):
            try:
                records = act_record(locator, values)
            except RecordError as err:
                ctx.quarantine(locator, f"{err.field}: {err.reason}", field=err.field, record_key=values.get("id", ""),
                               raw=",".join(values.values()))
                continue
            ctx.emit(records[0])
            ctx.records.append(records[1])  # the status event belongs to the same line: counted once

    def write(self, ctx: FileContext, source_file, counts) -> None:
        from opentenge.legislation.writer import write_records

        write_records(ctx, source_file, counts)

    def finish(self, summary) -> None:
        from opentenge.legislation.writer import relink

        relink()

"""budget.egov.kz execution reports → budget snapshots, lines and check figures.

Three shapes of input, all recognised from their content (``README.md`` beside this file):

* the portal's answers saved as CSV by the opengov-kz scraper: ``;``-separated UTF-8, a header
  of 18 (flat views) or 20 (tree views) columns, many months in one file (``month`` = MM.YYYY);
* the portal's JSON grid answer: ``{"rows": [...]}`` or a bare list of row objects with the same
  field names; the period is each row's ``month`` or the top-level ``month``/``date``;
* the operator's mapping of administrators to organisations: CSV ``abp_code,bin,relation``.

A CSV report is read twice and never held whole (a national file can hold millions of rows):
``read_file`` streams it once to check each line's column count and month, remember where each
month's lines are and recognise the view; it then emits one ``MonthSource`` per month, whose
``load()`` reads, parses and classifies only that month when the budget writer asks for it
(inside the file's transaction, through the ``write`` hook). The importer never touches the
database; ``finish`` re-links administrators to organisations after every run.

Whose budget a file is (the republic's or a local one, by KATO code) is read from beside the rows:
``territory.py`` (``.meta.json``, the JSON answer's ``kato``, or a 9-digit code in the file name).
"""
from __future__ import annotations

import json
from array import array
from collections import defaultdict
from decimal import Decimal
from functools import partial
from pathlib import Path

from opentenge.budget import parse
from opentenge.budget.kato import KatoError
from opentenge.budget.records import MONTH_RECORD, MonthRows, MonthSource, SnapshotKey
from opentenge.ingest.context import FileContext, nul_field
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord, canonical_json, payload_hash
from opentenge.sources.budget_egov.layout import ViewVotes, flat_month
from opentenge.sources.budget_egov.mapping import MAPPING_HEADER, read_mapping
from opentenge.sources.budget_egov.rows import (
    FLAT_COLUMNS, JSON_ALIASES, REQUIRED_FLAT, REQUIRED_TREE, PublishedRow, parse_row,
)
from opentenge.sources.budget_egov.territory import file_territory
from opentenge.sources.budget_egov.tree import tree_month



def _territory(ctx: FileContext, document=None) -> tuple | None:
    """(level, KATO, name) of the file's budget (``territory.py``); ``None`` with the file quarantined."""
    try:
        found, _ = file_territory(ctx.file.path, document)
    except KatoError as err:
        ctx.quarantine("file", f"kato: {err}", field="kato")
        return None
    return found.level, found.kato, found.name


class Importer:
    name = "budget_egov"

    def discover(self, paths: list[Path]) -> list[Path]:
        """Every ``*.csv`` and ``*.json`` (not ``*.meta.json``) under the paths, in name order."""
        found: set[Path] = set()
        for path in paths:
            if path.is_dir():
                found.update(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in {".csv", ".json"}
                             and not f.name.endswith(".meta.json"))
            else:
                found.add(path)
        return sorted(found)

    def read_file(self, ctx: FileContext) -> None:
        with ctx.file.path.open("rb") as fh:
            start = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        if start[:1] in (b"{", b"["):
            self._read_json(ctx)
        else:
            self._read_csv(ctx)

    # Hooks called by the ingest framework (opentenge.ingest.writer / runner).
    def write(self, ctx: FileContext, source_file, counts) -> None:
        from opentenge.budget import administrators, snapshots

        snapshots.write_records(ctx, source_file, counts)
        administrators.store_mapping(ctx, source_file, counts)

    def finish(self, summary) -> None:
        from opentenge.budget.administrators import relink

        relink()

    # -- CSV ---------------------------------------------------------------------------------

    def _read_csv(self, ctx: FileContext) -> None:
        with ctx.file.path.open("rb") as fh:
            sample = fh.read(1 << 16)
            sample = sample[:sample.rfind(b"\n") + 1] or sample
            try:  # a file in another encoding (cp1251 …) is refused whole, not line by line
                sample.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                ctx.quarantine("file", f"encoding: not UTF-8 (byte 0x{sample[exc.start]:02x} at offset {exc.start})",
                               raw=sample[:300].decode("utf-8", "replace"))
                return
            fh.seek(0)
            first = fh.readline()
            header_text = first.decode("utf-8-sig").rstrip("\r\n")
            if tuple(n.strip() for n in header_text.split(",")) == MAPPING_HEADER:
                read_mapping(ctx, [header_text, *fh.read().decode("utf-8", "replace").split("\n")])
                return
            header = [name.strip() for name in header_text.split(";")]
            tree = "parent_id" in header
            missing = [name for name in (REQUIRED_TREE if tree else REQUIRED_FLAT) if name not in header]
            if missing or len(set(header)) != len(header):
                ctx.quarantine("line 1", "unrecognised header: expected the portal's columns "
                                         f"({';'.join(FLAT_COLUMNS)} — or with parentCode;parent_id before month), "
                                         f"or abp_code,bin,relation; missing: {', '.join(missing) or 'none'}",
                               field="header", raw=header_text[:500])
                return
            where = _territory(ctx)
            if where is None:
                return
            months, votes = self._index_months(ctx, fh, header, len(first))
        view = votes.view(tree)
        ctx.kind = f"budget:{view}"
        for period in sorted(months):
            offsets, numbers = months[period]
            key = SnapshotKey(view, *where, period)
            load = partial(self._load_csv_month, ctx, key, tree, header, offsets, numbers)
            self._emit_month(ctx, MonthSource(key=key, load=load))

    def _index_months(self, ctx: FileContext, fh, header: list[str], offset: int):
        """One pass: where each month's lines are; bad lines (columns, month, encoding) quarantined."""
        index = {name: i for i, name in enumerate(header)}
        months: dict = defaultdict(lambda: (array("q"), array("l")))
        votes = ViewVotes()
        for number, raw in enumerate(fh, start=2):
            start, offset = offset, offset + len(raw)
            locator = f"line {number}"
            try:
                text = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                ctx.quarantine(locator, f"encoding: not UTF-8 (byte 0x{raw[exc.start]:02x})",
                               raw=raw[:500].decode("utf-8", "replace"))
                continue
            if not text.strip():
                continue
            values = text.split(";")
            if len(values) != len(header):
                what = (f"'{header[len(values)]}' and after are missing" if len(values) < len(header)
                        else f"{len(values) - len(header)} more than the header")
                ctx.quarantine(locator, f"wrong column count: {len(values)} columns, the header has {len(header)} "
                                        f"({what})", field=header[min(len(values), len(header)) - 1], raw=text)
                continue
            try:
                period = parse.period(values[index["month"]])
            except RecordError as err:
                ctx.quarantine(locator, f"{err.field}: {err.reason}", field=err.field,
                               record_key=values[index["id"]], raw=text)
                continue
            votes.add(values[index["code"]], values[index["name"]], values[index["level"]])
            ctx.record_count += 1  # a record of the file, good or bad: counted once, here
            offsets, numbers = months[period]
            offsets.append(start)
            numbers.append(number)
        return months, votes

    def _load_csv_month(self, ctx: FileContext, key: SnapshotKey, tree: bool, header: list[str], offsets, numbers
                        ) -> MonthRows:
        rows: list[PublishedRow] = []
        rejected: dict[int, str] = {}
        with ctx.file.path.open("rb") as fh:
            for offset, number in zip(offsets, numbers):
                fh.seek(offset)
                text = fh.readline().decode("utf-8").rstrip("\r\n")
                row = self._parse(ctx, dict(zip(header, text.split(";"))), f"line {number}", text, tree, rejected,
                                  counted=True)
                if row is not None:
                    rows.append(row)
        return self._classify(ctx, key, tree, rows, rejected)

    # -- JSON grid answer --------------------------------------------------------------------

    def _read_json(self, ctx: FileContext) -> None:
        data = ctx.file.path.read_bytes()
        try:
            document = json.loads(data.decode("utf-8-sig"), parse_float=Decimal)
        except UnicodeDecodeError as exc:
            ctx.quarantine("file", f"encoding: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
            return
        except json.JSONDecodeError as exc:
            ctx.quarantine("file", f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                           raw=exc.doc[max(0, exc.pos - 200):exc.pos + 100])
            return
        period = ""
        if isinstance(document, dict) and isinstance(document.get("rows"), list):
            items, prefix = document["rows"], "rows"
            period = str(document.get("month") or document.get("date") or "")
        elif isinstance(document, list):
            items, prefix = document, ""
        else:
            ctx.quarantine("file", "unrecognised JSON: expected the portal's grid answer {\"rows\": [...]} "
                                   "or a list of row objects", raw=canonical_json(document)[:500])
            return
        where = _territory(ctx, document)
        if where is None:
            return
        objects = [item for item in items if isinstance(item, dict)]
        tree = any("parent_id" in item or "parentCode" in item or "parentId" in item for item in objects)
        if items and not period and not any(item.get("month") for item in objects):
            ctx.quarantine("file", "no period: the rows carry no month and the answer no top-level "
                                   "\"month\"/\"date\" (MM.YYYY); the figures cannot be placed in time",
                           field="month", raw=canonical_json(items[:1])[:500])
            return
        months: dict = defaultdict(list)
        rejected: dict = defaultdict(dict)
        votes = ViewVotes()
        for index, item in enumerate(items):
            locator = f"{prefix}[{index}]"
            if not isinstance(item, dict):
                ctx.quarantine(locator, f"row is not a JSON object but {type(item).__name__}", raw=repr(item)[:500])
                continue
            item = {JSON_ALIASES.get(k, k): v for k, v in item.items()}
            if not item.get("month") and period:
                item["month"] = period
            row = self._parse(ctx, item, locator, canonical_json(item), tree, None, counted=False)
            if row is None:
                self._remember_rejected(item, locator, rejected)
                continue
            votes.add(row.code, row.name, row.depth)
            months[row.period].append(row)
        view = votes.view(tree)
        ctx.kind = f"budget:{view}"
        for month in sorted(months):
            key = SnapshotKey(view, *where, month)
            load = partial(self._classify, ctx, key, tree, months[month], rejected.get(month, {}))
            self._emit_month(ctx, MonthSource(key=key, load=load))

    # -- shared ------------------------------------------------------------------------------

    @staticmethod
    def _emit_month(ctx: FileContext, source: MonthSource) -> None:
        """Hand a month to the writer; its rows are counted as they are parsed, not here."""
        ctx.records.append(EntityRecord(kind=MONTH_RECORD, key=source.key.period.isoformat(),
                                        fields={"month": source}, locator=f"month {source.key.period:%m.%Y}",
                                        payload={}))

    def _parse(self, ctx: FileContext, item: dict, locator: str, raw: str, tree: bool,
               rejected: dict | None, *, counted: bool) -> PublishedRow | None:
        """A typed row, or ``None`` with the row quarantined; ``counted``: already counted as a record."""
        try:
            culprit = nul_field(item)
            if culprit:  # rows reach the database through MonthSource, not ctx.emit: checked here
                raise RecordError(culprit, "contains a NUL character (U+0000), which no text column can store")
            row = parse_row(item, locator=locator, raw=raw, tree=tree)
        except RecordError as err:
            ctx.quarantine(locator, f"{err.field}: {err.reason}", field=err.field,
                           record_key=str(item.get("id") or ""), raw=raw, counts_as_record=not counted)
            if rejected is not None:
                try:
                    rejected[parse.whole(item.get("id"), "id")] = locator
                except RecordError:
                    pass
            return None
        if not counted:
            ctx.record_count += 1
        return row

    @staticmethod
    def _remember_rejected(item: dict, locator: str, rejected: dict) -> None:
        """A rejected tree row's id, by month, so its children are told why their parent is missing."""
        try:
            rejected[parse.period(item.get("month"))][parse.whole(item.get("id"), "id")] = locator
        except RecordError:
            pass

    def _classify(self, ctx: FileContext, key: SnapshotKey, tree: bool, rows: list[PublishedRow],
                  rejected: dict[int, str]) -> MonthRows:
        """One month's rows → lines and check figures; rows that do not fit are quarantined."""
        def quarantine(row: PublishedRow, field: str, reason: str) -> None:
            ctx.quarantine(row.locator, f"{field}: {reason}" if field else reason, field=field,
                           record_key=str(row.published_id), raw=row.raw, counts_as_record=False)

        if tree:
            lines, checks = tree_month(key.view, rows, quarantine, rejected)
        else:
            lines, checks = flat_month(key.view, rows, quarantine)
        by_locator = {row.locator: row for row in rows}
        hashes = [payload_hash(by_locator[item.locator].payload()) for item in (*lines, *checks)]
        return MonthRows(lines=lines, checks=checks, hashes=hashes)

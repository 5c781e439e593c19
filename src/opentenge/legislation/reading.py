"""Strict reading of the tracker's CSV layouts: a header must match a layout exactly.

Each source here defines its layouts as ordered column tuples (docs/formats/*.md). A file whose
header matches none is refused whole, naming the missing and unexpected columns of the closest
layout; a bad line is quarantined with its line number and the field at fault. Values are parsed
here, at the edge: dates become ``date``, counts ``int``, links must be http(s) URLs.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, datetime

from opentenge.ingest.context import FileContext
from opentenge.ingest.parse import RecordError

MAX_TEXT = 4000


def read_layout(ctx: FileContext, layouts: dict[str, tuple[str, ...]]) -> Iterator[tuple[str, str, dict]]:
    """Yield ``(layout name, locator, values)`` for every non-empty line of a UTF-8 CSV file."""
    raw = ctx.file.path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        ctx.quarantine("file", f"encoding: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                       raw=raw[:300].decode("utf-8", "replace"))
        return
    try:  # read whole: a cell over the csv module's 128 KB limit must refuse the file, not crash mid-way
        rows = iter(list(csv.reader(io.StringIO(text, newline=""))))
    except csv.Error as exc:
        ctx.quarantine("file", f"malformed CSV: {exc}", raw=text[:300])
        return
    header = [h.strip() for h in next(rows, [])]
    layout = next((name for name, columns in layouts.items() if tuple(header) == columns), None)
    if layout is None:
        name, columns = min(layouts.items(), key=lambda kv: len(set(kv[1]) ^ set(header)))
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        detail = (f"missing column(s) {', '.join(missing) or 'none'}; unexpected column(s) {', '.join(extra) or 'none'}"
                  if missing or extra else f"columns out of order: expected {','.join(columns)}")
        ctx.quarantine("line 1", f"unrecognised header: closest layout is {name} — {detail}",
                       field=(missing or extra or ["header"])[0], raw=",".join(header)[:500])
        return
    ctx.kind = f"{ctx.file.source}:{layout}"
    columns = layouts[layout]
    for number, values in enumerate(rows, start=2):
        if not any(v.strip() for v in values):
            continue
        locator = f"line {number}"
        if len(values) != len(columns):
            ctx.quarantine(locator, f"wrong column count: {len(values)} columns, the header has {len(columns)}",
                           field=columns[min(len(values), len(columns)) - 1], raw=",".join(values)[:2000])
            continue
        yield layout, locator, {c: v.strip() for c, v in zip(columns, values)}


def text(values: dict, field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = (values.get(field) or "").strip()
    if required and not value:
        raise RecordError(field, "missing: this column may not be empty")
    if len(value) > limit:
        raise RecordError(field, f"too long: {len(value)} characters, at most {limit}")
    return value


def day(values: dict, field: str, *, required: bool = True) -> date | None:
    value = text(values, field, required=required, limit=32)
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RecordError(field, f"not a date: {value!r} (expected YYYY-MM-DD or DD.MM.YYYY)")


def count(values: dict, field: str) -> int | None:
    value = text(values, field, required=False, limit=16)
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):  # «²».isdigit() is True, and int() refuses it
        raise RecordError(field, f"not a whole non-negative number: {value!r}")
    return int(value)


def link(values: dict, field: str, *, required: bool = False) -> str:
    value = text(values, field, required=required, limit=500)
    if value and not re.match(r"^https?://[^\s<>\"]+$", value):
        raise RecordError(field, f"not an http(s) link: {value!r}")
    return value


def choice(values: dict, field: str, words: dict[str, str]) -> str:
    value = text(values, field).lower()
    if value not in words:
        raise RecordError(field, f"unknown value {value!r}: expected one of {', '.join(sorted(set(words.values())))}")
    return words[value]

"""Reading the defined CSV formats of the politics sources (party funding, election funds, officials …).

All of them are UTF-8 (a BOM is tolerated), comma-separated, with a header row naming the columns
documented in ``docs/formats/``. A missing column stops the import with the file and column
named; a bad value quarantines that line with the field named. ``line`` locators count the header
as line 1, as a spreadsheet does.
"""
from __future__ import annotations

import csv
import io
import re

from opentenge.ingest.context import FileContext
from opentenge.ingest.parse import RecordError
from opentenge.ingest.runner import IngestError

URL = re.compile(r"^https?://\S+$")


def rows(ctx: FileContext, required: tuple[str, ...]):
    """``(locator, row)`` for every data line; raises ``IngestError`` when a required column is absent."""
    try:
        text = ctx.file.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{ctx.file.display_path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise IngestError(f"{ctx.file.display_path}: missing column(s) {', '.join(missing)}; "
                          f"the header has {', '.join(header) or 'nothing'}")
    reader.fieldnames = header
    try:
        for row in reader:
            if not any((v or "").strip() for k, v in row.items() if k):
                continue
            yield f"line {reader.line_num}", {k: (v or "").strip() for k, v in row.items() if k}
    except csv.Error as exc:  # a cell over the csv module's 128 KB limit, a NUL byte …
        raise IngestError(f"{ctx.file.display_path}: line {reader.line_num + 1}: malformed CSV ({exc})") from None


def source_url(row: dict, field: str = "source_url") -> str:
    value = row.get(field, "")
    if not value:
        raise RecordError(field, "missing: every figure needs the address of the document it comes from")
    if not URL.match(value):
        raise RecordError(field, f"not an http(s) address: {value!r}")
    return value


def year(row: dict, field: str = "year") -> int:
    value = row.get(field, "")
    if not re.fullmatch(r"\d{4}", value) or not 1991 <= int(value) <= 2100:
        raise RecordError(field, f"expected a four-digit year 1991–2100, got {value!r}")
    return int(value)

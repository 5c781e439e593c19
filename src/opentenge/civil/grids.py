"""The cells of a CSV or XLSX file as a grid of rows, whatever its encoding and delimiter.

Kazakh official CSV exports come in UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's
"Unicode text"), Windows-1251 (Russian Excel), and KZ-1048, the Windows code page that puts the
Kazakh letters where Windows-1251 has Serbian and Ukrainian ones. The encoding is detected from
the bytes (a mapping file may name it instead); the delimiter from the first lines. XLSX is read
with openpyxl in read-only mode, cell values typed (numbers, dates) as Excel stored them.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from opentenge.ingest.runner import IngestError

if TYPE_CHECKING:
    from opentenge.civil.mapping import Mapping

HEADER_SEARCH_ROWS = 25
# Letters Windows-1251 produces where KZ-1048 has Kazakh ones (Қ Һ Ұ Ә Ө Ғ Ү Ң and lower case).
_KZ1048_TELLS = set("ЌЋќћЎўЈҐЄЇґєјЅѕї")


class LayoutError(IngestError):
    """The file's layout differs from the defined one: nothing in it can be read safely."""


class Unreadable(Exception):
    """The file cannot be read at all (not a spreadsheet, undecodable): quarantine the whole file."""


def detect_encoding(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1251 — or KZ-1048 when it has Kazakh letters."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise Unreadable("encoding: neither UTF-8 nor Windows-1251 (set encoding: in a mapping file)") from None
    return "kz1048" if _KZ1048_TELLS & set(text) else "cp1251"


def _sniff_delimiter(text: str) -> str:
    for line in text.splitlines()[:HEADER_SEARCH_ROWS]:
        counts = {d: line.count(d) for d in (";", "\t", ",")}
        best = max(counts, key=lambda d: counts[d])
        if counts[best] >= 2:
            return best
    return ";"


def read_csv_grid(path: Path, mapping: Mapping) -> tuple[list[tuple[str, list]], str]:
    data = path.read_bytes()
    encoding = mapping.encoding or detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"encoding: not {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    text = text.lstrip("\ufeff")
    delimiter = mapping.delimiter or _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = []
    start = 1
    try:
        for cells in reader:
            grid.append((f"line {start}", cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise Unreadable(f"line {reader.line_num}: malformed CSV ({exc})") from None
    return grid, encoding


def read_xlsx_grid(path: Path, mapping: Mapping) -> list[tuple[str, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise Unreadable(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    try:
        if mapping.sheet:
            if mapping.sheet not in workbook.sheetnames:
                raise LayoutError(f"{path}: sheet {mapping.sheet!r} (from {mapping.path}) not found; "
                                  f"sheets: {', '.join(workbook.sheetnames)}")
            sheet = workbook[mapping.sheet]
        else:
            sheet = workbook.worksheets[0]
        grid = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            grid.append((f"row {number}", list(cells)))
        return grid
    finally:
        workbook.close()

"""Reading an official table (CSV or XLSX) against a layout we defined, strictly.

The state-grant lists, the foreign-funding register and the NGO database have no published
column specification (see docs/formats/). So each source has a *defined layout*: the Russian and
Kazakh headers an official spreadsheet would carry. A file is read only when its header row
matches that layout exactly — a missing column, an unexpected one or a duplicate stops the run
with a message naming the file and the column (:class:`LayoutError`). The day the real file is
published with other headers, an operator writes a column mapping file beside it
(``<file>.mapping.yml``, or ``mapping.yml`` for every file of a folder; docs/formats/mapping.md)
and ingests it without a code change.

What is detected rather than configured: the encoding of a CSV file (UTF-8 with or without BOM,
UTF-16 with BOM, Windows-1251, and KZ-1048, the Windows code page with Kazakh letters), its
delimiter (``;``, ``,`` or tab), the header row (title lines above it are kept as the table's
title), a numbering row under the header («1 2 3 …»), empty rows, and published total rows
(«Итого», «Всего», «Барлығы», «Жиыны»), which are returned apart as check figures.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from opentenge.civil.grids import HEADER_SEARCH_ROWS, LayoutError, Unreadable, read_csv_grid, read_xlsx_grid
from opentenge.civil.layouts import Column, Layout
from opentenge.civil.mapping import Mapping, load_mapping

__all__ = ["Column", "Layout", "LayoutError", "Row", "Table", "Unreadable", "read_table", "row_text"]
TOTAL_WORDS = re.compile(r"^\s*(итого|всего|барлығы|барлыгы|жиыны|жиынтығы|total)\b", re.IGNORECASE)


@dataclass
class Row:
    locator: str  # "line 12" (CSV) or "row 12" (XLSX sheet row), 1-based as a spreadsheet shows it
    values: dict[str, object]  # field -> cell value (str for CSV; str/int/float/datetime for XLSX)
    raw: list  # the cells as read, for quarantine
    stray: list[str] = field(default_factory=list)  # letters of columns without a header that hold a value


@dataclass
class Table:
    path: Path
    layout: Layout
    format: str  # "csv" | "xlsx"
    encoding: str  # CSV: the detected (or mapped) encoding; XLSX: ""
    header_locator: str
    headers: dict[str, str]  # field -> header text as published
    units: dict[str, str]  # field -> tenge | thousand | million
    title: list[str]  # text of the rows above the header
    rows: list[Row]
    totals: list[Row]  # published total rows («Итого»): check figures, not records
    mapping: Mapping

    def describe(self) -> str:
        """What was read, for ``SourceFile.kind``: ``awards:csv/cp1251``."""
        short = self.layout.name.split(".")[-1]
        return f"{short}:{self.format}" + (f"/{self.encoding}" if self.encoding else "")


# -- header matching -----------------------------------------------------------------------

def normalise_header(text: object) -> str:
    """Case, «ё», quotes, spaces, a trailing «*» or «:» and line breaks do not matter."""
    value = str(text or "").replace("\u00a0", " ").replace("ё", "е").replace("Ё", "Е")
    value = re.sub(r"[«»\"“”„]", "", value)
    value = " ".join(value.split()).strip(" *:").casefold()
    return re.sub(r"\s*([,/()])\s*", r"\1 ", value).replace("( ", "(").replace(" )", ")").strip()


def _header_index(layout: Layout, mapping: Mapping) -> dict[str, tuple[str, str]]:
    """normalised header text -> (field, unit implied by the header or "")."""
    index: dict[str, tuple[str, str]] = {}
    for column in layout.columns:
        for text in column.headers:
            index[normalise_header(text)] = (column.field, "")
        for text in column.thousand_headers:
            index[normalise_header(text)] = (column.field, "thousand")
    for field_name, text in mapping.columns.items():
        index[normalise_header(text)] = (field_name, "")
    return index


def _match(cell: object, index: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    key = normalise_header(cell)
    if key in index:
        return index[key]
    # a bilingual header: «Жыл / Год», or the two languages on two lines of one cell
    parts = [p for p in re.split(r"\s+/\s+|\n", str(cell or "")) if p.strip()]
    if len(parts) > 1:
        found = {index.get(normalise_header(p)) for p in parts}
        if len(found) == 1 and None not in found:
            return found.pop()
    return None


def _score(cells: list, index: dict) -> int:
    return sum(1 for c in cells if str(c or "").strip() and _match(c, index))


def _is_numbering_row(cells: list) -> bool:
    """«1 2 3 4 …» under the header: column numbers, not a record."""
    values = [str(c).strip().rstrip(".") for c in cells if str(c or "").strip()]
    if len(values) < 3:
        return False
    try:
        numbers = [int(float(v)) for v in values]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] in (0, 1)


# -- the table -----------------------------------------------------------------------------

def _cells_text(cells: list) -> str:
    return " | ".join(_cell_repr(c) for c in cells if c not in (None, ""))


def _cell_repr(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _find_header(grid, layout: Layout, index: dict, mapping: Mapping) -> int | None:
    if mapping.header_row is not None:
        return mapping.header_row - 1 if mapping.header_row <= len(grid) else None
    required = [c for c in layout.columns if c.required and c.field not in mapping.defaults]
    best, best_score = None, 0
    for position, (_, cells) in enumerate(grid[:HEADER_SEARCH_ROWS]):
        score = _score(cells, index)
        if score > best_score:
            best, best_score = position, score
    if best is None or best_score < max(2, len(required) // 2):
        return None
    return best


def _check_header(path: Path, layout: Layout, cells: list, locator: str, index: dict,
                  mapping: Mapping) -> tuple[dict[int, str], dict[str, str], dict[str, str]]:
    """Column positions of each field, their header texts and units; any mismatch raises."""
    ignored = {normalise_header(i) for i in mapping.ignore}
    positions: dict[int, str] = {}
    headers: dict[str, str] = {}
    units: dict[str, str] = {}
    hint = (f"map it in {mapping.path}" if mapping.path else
            f"write {path.name}.mapping.yml beside the file (see docs/formats/mapping.md)")
    for position, cell in enumerate(cells):
        text = _cell_repr(cell) if cell is not None else ""
        if not text:
            continue
        letter = _column_letter(position)
        found = _match(cell, index)
        if found is None:
            if normalise_header(cell) in ignored:
                continue
            raise LayoutError(
                f"{path}: unexpected column {text!r} (column {letter}, {locator}) — not in the layout "
                f"{layout.name} defined in {layout.doc}; {hint}, or list it under ignore:")
        field_name, unit = found
        if field_name in headers:
            raise LayoutError(f"{path}: column {text!r} (column {letter}, {locator}) repeats {field_name!r}, "
                              f"already read from {headers[field_name]!r}")
        positions[position] = field_name
        headers[field_name] = text
        if unit:
            units[field_name] = unit
    missing = [c for c in layout.columns if c.required and c.field not in headers and c.field not in mapping.defaults]
    if missing:
        names = "; ".join(f"{c.ru!r} / {c.kk!r} ({c.field})" for c in missing)
        raise LayoutError(f"{path}: column {names} not found in the header ({locator}: {_cells_text(cells)!r}); "
                          f"the layout {layout.name} is defined in {layout.doc}; {hint}")
    clash = sorted(set(headers) & set(mapping.defaults))
    if clash:
        raise LayoutError(f"{path}: {mapping.path} gives a default for {', '.join(clash)}, but the file has the column")
    units.update(mapping.units)
    return positions, headers, units


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def choose_layout(path: Path, grid, layouts: dict[str, Layout], mapping: Mapping) -> Layout:
    """The layout named by the mapping file, else the one whose headers the file matches best."""
    if mapping.layout:
        return layouts[mapping.layout]
    if len(layouts) == 1:
        return next(iter(layouts.values()))
    scored = []
    for layout in layouts.values():
        index = _header_index(layout, mapping)
        score = max((_score(cells, index) for _, cells in grid[:HEADER_SEARCH_ROWS]), default=0)
        scored.append((score / len(layout.columns), layout.name))
    scored.sort(reverse=True)
    return layouts[scored[0][1]]


def read_table(path: Path, layouts: dict[str, Layout]) -> Table:
    """Read ``path`` against one of ``layouts``; raise :class:`LayoutError` or :class:`Unreadable`."""
    mapping = load_mapping(path, layouts)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise Unreadable("XLS (Excel 97-2003) is not read: open it and save it as XLSX or CSV (UTF-8)")
    if suffix in {".xlsx", ".xlsm"}:
        grid, encoding, kind = read_xlsx_grid(path, mapping), "", "xlsx"
    else:
        (grid, encoding), kind = read_csv_grid(path, mapping), "csv"
    layout = choose_layout(path, grid, layouts, mapping)
    index = _header_index(layout, mapping)
    header_at = _find_header(grid, layout, index, mapping)
    if header_at is None:
        looked = "; ".join(f"{loc}: {_cells_text(cells)[:120]!r}" for loc, cells in grid[:5] if _cells_text(cells))
        names = ", ".join(repr(c.ru) for c in layout.columns if c.required)
        garbled = " If the text looks garbled, set encoding: in a mapping file." if kind == "csv" else ""
        raise LayoutError(f"{path}: no header row of the layout {layout.name} ({layout.doc}) found in the first "
                          f"{HEADER_SEARCH_ROWS} rows; expected columns {names}; the file begins {looked or '(empty)'}."
                          f"{garbled}")
    header_locator, header_cells = grid[header_at]
    positions, headers, units = _check_header(path, layout, header_cells, header_locator, index, mapping)
    title = [_cells_text(cells) for _, cells in grid[:header_at] if _cells_text(cells)]
    ignored = {normalise_header(i) for i in mapping.ignore}
    ignored_positions = {pos for pos, cell in enumerate(header_cells) if normalise_header(cell) in ignored}
    rows: list[Row] = []
    totals: list[Row] = []
    body = grid[header_at + 1:]
    if body and _is_numbering_row(body[0][1]):
        body = body[1:]
    for locator, cells in body:
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        values = {name: (cells[pos] if pos < len(cells) else None) for pos, name in positions.items()}
        stray = [_column_letter(pos) for pos, c in enumerate(cells)
                 if pos not in positions and pos not in ignored_positions and str(c if c is not None else "").strip()]
        row = Row(locator=locator, values=values, raw=list(cells), stray=stray)
        if _is_total(row, layout):
            totals.append(row)
        else:
            rows.append(row)
    return Table(path=path, layout=layout, format=kind, encoding=encoding, header_locator=header_locator,
                 headers=headers, units=units, title=title, rows=rows, totals=totals, mapping=mapping)


def _is_total(row: Row, layout: Layout) -> bool:
    """«Итого» in the name column, or in the first cell of a row with no name."""
    first = next((c for c in row.raw if c not in (None, "")), "")
    label = row.values.get(layout.name_field) if layout.name_field else None
    return bool(TOTAL_WORDS.match(str(label or "")) or TOTAL_WORDS.match(str(first or "")))


def iter_values(row: Row, mapping: Mapping) -> Iterator[tuple[str, object]]:
    """A row's fields with the mapping file's defaults for columns the file does not have."""
    for name, value in mapping.defaults.items():
        yield name, value
    yield from row.values.items()


def row_text(row: Row) -> str:
    """The row as the file showed it, for the quarantine page."""
    return " | ".join(_cell_repr(c) if c is not None else "" for c in row.raw)

"""The column mapping file: how an operator loads a real file whose headers differ from ours.

``<file>.mapping.yml`` beside a data file (or ``mapping.yml`` for every file in its folder) maps
our field names to the file's own headers, names the sheet, header row, encoding and units, lists
columns to ignore and gives values for fields the file has no column for. It is checked as
strictly as the data: an unknown key, field or unit stops the run naming the mapping file. The
format is documented in docs/formats/mapping.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from opentenge.civil.grids import LayoutError

if TYPE_CHECKING:
    from opentenge.civil.layouts import Layout

MAPPING_KEYS = {"layout", "sheet", "header_row", "encoding", "delimiter", "columns", "units", "ignore", "defaults"}


@dataclass
class Mapping:
    """A column mapping file, validated (see docs/formats/mapping.md)."""

    path: Path | None = None
    layout: str = ""
    sheet: str = ""
    header_row: int | None = None
    encoding: str = ""
    delimiter: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    defaults: dict[str, object] = field(default_factory=dict)



def find_mapping(path: Path) -> Path | None:
    for candidate in (path.with_name(path.name + ".mapping.yml"), path.with_name(path.name + ".mapping.yaml"),
                      path.with_name("mapping.yml"), path.with_name("mapping.yaml")):
        if candidate.exists():
            return candidate
    return None


def load_mapping(path: Path, layouts: dict[str, Layout]) -> Mapping:
    """Read and check a mapping file; any mistake in it stops the run naming the mapping file."""
    mapping_path = find_mapping(path)
    if mapping_path is None:
        return Mapping()
    where = str(mapping_path)
    try:
        data = yaml.safe_load(mapping_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{where}: not a readable YAML mapping file ({exc})") from None
    if not isinstance(data, dict):
        raise LayoutError(f"{where}: a mapping file is a YAML dictionary (see docs/formats/mapping.md)")
    unknown = sorted(set(data) - MAPPING_KEYS)
    if unknown:
        raise LayoutError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(MAPPING_KEYS))}")
    layout_name = str(data.get("layout") or "")
    short = {name.rsplit(".", 1)[-1]: name for name in layouts}  # "awards" for "state_grants.awards"
    layout_name = short.get(layout_name, layout_name)
    if layout_name and layout_name not in layouts:
        raise LayoutError(f"{where}: layout {data.get('layout')!r} is not one of {', '.join(sorted(short))}")
    fields = {f for layout in layouts.values() for f in layout.fields} if not layout_name else \
        set(layouts[layout_name].fields)
    mapping = Mapping(path=mapping_path, layout=layout_name, sheet=str(data.get("sheet") or ""),
                      encoding=str(data.get("encoding") or ""), delimiter=str(data.get("delimiter") or ""))
    if data.get("header_row") is not None:
        if not isinstance(data["header_row"], int) or data["header_row"] < 1:
            raise LayoutError(f"{where}: header_row must be a row number from 1")
        mapping.header_row = data["header_row"]
    if mapping.encoding:
        try:
            "".encode(mapping.encoding)
        except LookupError:
            raise LayoutError(f"{where}: unknown encoding {mapping.encoding!r}") from None
    for key in ("columns", "units", "defaults"):
        section = data.get(key) or {}
        if not isinstance(section, dict):
            raise LayoutError(f"{where}: {key} must be a dictionary of field: value")
        bad = sorted(str(k) for k in section if k not in fields)
        if bad:
            raise LayoutError(f"{where}: {key}: unknown field(s) {', '.join(bad)}; fields: {', '.join(sorted(fields))}")
    mapping.columns = {str(k): str(v) for k, v in (data.get("columns") or {}).items()}
    mapping.units = {str(k): str(v) for k, v in (data.get("units") or {}).items()}
    for field_name, unit in mapping.units.items():
        if unit not in {"tenge", "thousand", "million"}:
            raise LayoutError(f"{where}: units: {field_name}: {unit!r} is not tenge, thousand or million")
    mapping.defaults = dict(data.get("defaults") or {})
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list):
        raise LayoutError(f"{where}: ignore must be a list of column headers")
    mapping.ignore = tuple(str(i) for i in ignore)
    return mapping

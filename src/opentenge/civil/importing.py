"""What the three civil-society importers share: find the tables, read rows, name the culprits.

Each importer (``sources/state_grants``, ``sources/foreign_funding``, ``sources/ngo_register``)
is a :class:`TableImporter` with its layouts and one ``parse_row`` function. This class turns the
table into records: a row that fails is quarantined with its file, line and the *column header as
published* (not our field name), so an editor can find the cell; an identical key twice in a file
is quarantined as a duplicate rather than silently collapsed; published totals («Итого») are
compared with the sum of the rows read. Layout errors are not caught here: they stop the run.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from opentenge.civil.tables import Layout, Row, Table, Unreadable, iter_values, normalise_header, read_table, row_text
from opentenge.civil.values import parse_amount
from opentenge.civil.writer import write_civil_records
from opentenge.ids.kz import check_id, iin_fingerprint, mask_iin
from opentenge.ids.search import search_key
from opentenge.ingest.context import FileContext
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord, OrgRef, canonical_json

TABLE_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm", ".xls"}
_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")


def mask_iins(text: str) -> str:
    """Every IIN-shaped number inside a text masked (``********1234``); BINs are public and stay.

    A number is IIN-shaped when its 5th digit says so, whatever its check digit: an IIN with a
    typo is still most of a person's IIN.
    """
    def replace(match: re.Match) -> str:
        value = match.group(0)
        return mask_iin(value) if check_id(value).kind == "IIN" else value

    return _TWELVE_DIGITS.sub(replace, text)


def short_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:32]


def cell_text(value: object) -> str:
    """A cell as text for names and titles: spreadsheet numbers without a trailing ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def identifier_text(value: object) -> str:
    """A BIN/IIN cell as 12 digits.

    A spreadsheet that stores the number as a *number* drops its leading zeros (a BIN registered
    in 2000 starts with «00»), so a numeric cell is padded back to 12 digits; the check digit then
    decides whether the padded number is a real one. Text cells are taken as they are.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s\u00a0]", "", str(value))
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**11:
        text = text.zfill(12)
    return text


def names_by_language(table: Table, field: str, name: str) -> tuple[str, str]:
    """``(name_ru, name_kk)``: a name read under the Kazakh header is the Kazakh name."""
    header = normalise_header(table.headers.get(field, ""))
    if header and header == normalise_header(table.layout.column(field).kk):
        return "", name
    return name, ""


def name_key(name: str, region_code: str) -> str:
    """The organisation key of a recipient published without an identifier (see civil.models)."""
    return "NAME:" + short_hash(search_key(name), region_code)[:24]


def organisation_ref(identifier: str, name: str, region_code: str, *, field: str, persons_allowed: bool,
                     name_ru: str = "", name_kk: str = "") -> OrgRef:
    """BIN → ``BIN:<bin>``; IIN → keyed fingerprint, masked; nothing → a name key."""
    if not (name_ru or name_kk):
        name_ru = name
    if not identifier:
        if not name:
            raise RecordError(field, "missing: neither an identifier nor a name")
        return OrgRef(key=name_key(name, region_code), name_ru=name_ru, name_kk=name_kk)
    check = check_id(identifier)
    if not check.valid:
        shown = mask_iin(identifier) if check.kind == "IIN" else identifier
        raise RecordError(field, f"invalid BIN/IIN {shown!r}: {check.reason}")
    if check.kind == "IIN":
        if not persons_allowed:
            raise RecordError(field, f"an IIN ({mask_iin(identifier)}) where a legal entity's BIN is expected")
        return OrgRef(key=f"IIN:{iin_fingerprint(identifier, settings.ID_PEPPER)}", iin_masked=mask_iin(identifier),
                      is_person=True, name_ru=name_ru, name_kk=name_kk)
    return OrgRef(key=f"BIN:{identifier}", bin=identifier, name_ru=name_ru, name_kk=name_kk)


class TableImporter:
    """Base of the civil-society importers; subclasses set ``name``, ``layouts`` and ``parse_row``."""

    name = ""
    layouts: dict[str, Layout] = {}
    # (table, values by field, row) -> (kind, key, fields, payload); raises RecordError
    parse_row: Callable

    def discover(self, paths: list[Path]) -> list[Path]:
        found: set[Path] = set()
        for path in paths:
            if path.is_dir():
                found.update(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TABLE_SUFFIXES
                             and not f.name.startswith(("~$", ".")))
            else:
                found.add(path)
        return sorted(found)

    def read_file(self, ctx: FileContext) -> None:
        try:
            table = read_table(ctx.file.path, self.layouts)
        except Unreadable as exc:
            ctx.quarantine("file", str(exc))
            ctx.kind = "unreadable"
            return
        ctx.kind = table.describe()
        seen: dict[str, str] = {}
        amounts: list[Decimal] = []
        for row in table.rows:
            raw = mask_iins(row_text(row))
            if row.stray:
                ctx.quarantine(row.locator, f"a value in column {', '.join(row.stray)}, which has no header: "
                                            "a shifted row?", field=row.stray[0], raw=raw)
                continue
            values = dict(iter_values(row, table.mapping))
            try:
                kind, key, fields, payload = self.parse_row(table, values, row)
            except RecordError as err:
                column = table.headers.get(err.field, err.field)
                ctx.quarantine(row.locator, f"column {column!r}: {err.reason}" if column else err.reason,
                               field=column, raw=raw)
                continue
            if key in seen:
                ctx.quarantine(row.locator, f"duplicate of {seen[key]}: the same record twice in one file",
                               record_key=key, raw=raw)
                continue
            seen[key] = row.locator
            if "amount" in fields and fields["amount"] is not None:
                amounts.append(fields["amount"])
            ctx.emit(EntityRecord(kind=kind, key=key, fields=fields, locator=row.locator, payload=payload))
        self._check_totals(ctx, table, amounts)

    def write(self, ctx: FileContext, source_file, counts) -> None:
        write_civil_records(ctx, source_file, counts)

    def _check_totals(self, ctx: FileContext, table: Table, amounts: list[Decimal]) -> None:
        """A published «Итого» must equal the sum of the rows read; a difference is kept as a finding."""
        if "amount" not in table.headers:
            return
        read = sum(amounts, Decimal("0.00"))
        for row in table.totals:
            try:
                published = parse_amount(row.values.get("amount"), "amount", unit=table.units.get("amount", "tenge"),
                                         required=False)
            except RecordError:
                continue
            if published is not None and published != read and len(table.totals) == 1:
                bad = len(ctx.quarantined)
                ctx.quarantine(row.locator, f"the published total {published} tenge differs from the sum of the "
                                            f"rows read, {read} tenge (by {published - read}); {bad} row(s) of "
                                            "this file are quarantined", field=table.headers["amount"],
                               raw=mask_iins(row_text(row)), counts_as_record=False)


def payload_of(table: Table, values: dict, row: Row, extra: dict | None = None) -> dict:
    """The record as kept in version history: cells as published (IINs masked), plus what we derived."""
    cells = {field: mask_iins(cell_text(value)) for field, value in values.items()}
    return {"cells": cells, "file_units": dict(table.units), **(extra or {})}


__all__ = ["TableImporter", "canonical_json", "cell_text", "identifier_text", "mask_iins", "name_key",
           "names_by_language", "organisation_ref", "payload_of", "short_hash"]

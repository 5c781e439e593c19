"""The operator's mapping of budget administrators to organisations: CSV ``abp_code,bin,relation``.

Format: docs/formats/budget_abp_organisations.md. The rows are stored by
``opentenge.budget.administrators.store_mapping`` and applied at every re-link.
"""
from __future__ import annotations

from opentenge.budget.records import MAPPING_RECORD, MappingRow
from opentenge.ids.kz import check_id
from opentenge.ingest.context import FileContext
from opentenge.ingest.records import EntityRecord

MAPPING_HEADER = ("abp_code", "bin", "relation")
RELATIONS = ("self", "subordinate")


def read_mapping(ctx: FileContext, lines: list[str]) -> None:
    """Each row checked (code, BIN, relation); good rows emitted, bad rows quarantined with line and column."""
    ctx.kind = "budget:abp-mapping"
    seen: dict[tuple[str, str], str] = {}
    for number, text in enumerate(lines[1:], start=2):
        text = text.rstrip("\r")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        locator = f"line {number}"
        values = [v.strip() for v in text.split(",")]
        if len(values) != len(MAPPING_HEADER):
            ctx.quarantine(locator, f"wrong column count: {len(values)} columns, expected 3 "
                                    "(abp_code,bin,relation)", field="relation", raw=text)
            continue
        abp_code, bin_, relation = values
        problem = None
        if not (abp_code.isdigit() and len(abp_code) == 3 and int(abp_code) >= 100):
            problem = ("abp_code", f"not an administrator (ABP) code: {abp_code!r} (three digits, 100–999)")
        elif not check_id(bin_).valid or check_id(bin_).kind != "BIN":
            problem = ("bin", f"not a valid BIN: {bin_!r} ({check_id(bin_).reason or 'an IIN, not a BIN'})")
        elif relation not in RELATIONS:
            problem = ("relation", f"unknown relation {relation!r}: use self or subordinate")
        elif (abp_code, bin_) in seen:
            problem = ("bin", f"BIN {bin_} is mapped to ABP {abp_code} twice; the first is at {seen[(abp_code, bin_)]}")
        if problem:
            ctx.quarantine(locator, f"{problem[0]}: {problem[1]}", field=problem[0], record_key=abp_code, raw=text)
            continue
        seen[(abp_code, bin_)] = locator
        row = MappingRow(abp_code=abp_code, bin=bin_, relation=relation, locator=locator)
        ctx.emit(EntityRecord(kind=MAPPING_RECORD, key=f"{abp_code}:{bin_}", fields={"row": row},
                              locator=locator, payload={"abp_code": abp_code, "bin": bin_, "relation": relation}))

"""What an importer hands the framework: typed records and reasons, never database rows.

Importers parse strictly at the edge and emit ``EntityRecord``s whose ``fields`` are already
typed (``Decimal``, ``date``, ``datetime``); references to organisations travel as ``OrgRef`` so
the framework, not the importer, decides whether the organisation exists yet.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# Entity kinds in the order a file's records are written: references first (others are
# validated against them), organisations before what points at them.
KIND_ORDER = ("reference", "organisation", "tender", "lot", "contract")


@dataclass(frozen=True)
class OrgRef:
    """An organisation named by another record (a contract's supplier, an announcement's buyer)."""

    key: str
    bin: str | None = None
    iin_masked: str = ""
    is_person: bool = False
    name_ru: str = ""
    name_kk: str = ""
    role: str = ""  # "customer" | "supplier" | "organizer": sets the matching flag


@dataclass
class EntityRecord:
    kind: str
    key: Any
    fields: dict[str, Any]
    locator: str
    payload: dict[str, Any]
    updated_at: datetime | None = None
    content_hash: str = field(default="", init=False)
    payload_has_nul: bool = field(default=False, init=False)  # maybe U+0000, which PostgreSQL text refuses

    def __post_init__(self) -> None:
        text = canonical_json(self.payload)
        self.content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.payload_has_nul = "\\u0000" in text  # json.dumps escapes NUL even with ensure_ascii=False


@dataclass
class QuarantineEntry:
    locator: str
    reason: str
    field: str = ""
    record_key: str = ""
    raw: str = ""


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(payload: Any) -> str:
    """Key-sorted compact JSON: the same record always gives the same text (and hash)."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)


def payload_hash(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()

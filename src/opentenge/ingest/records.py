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

try:  # a wheel on every platform we run on; the standard library stands in without it
    import orjson
except ImportError:  # pragma: no cover
    orjson = None

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
    # ``canonical_json(payload)``: hashed here and stored by the writer as the version's payload,
    # so a record is serialised once. An importer may pass it in when it has a faster way to make
    # exactly the same text (``float_free_canonical_json``).
    payload_json: str = field(default="", repr=False, kw_only=True)

    def __post_init__(self) -> None:
        text = self.payload_json or canonical_json(self.payload)
        self.payload_json = text
        self.content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.payload_has_nul = "\\u0000" in text  # json.dumps escapes NUL even with ensure_ascii=False


@dataclass
class QuarantineEntry:
    locator: str
    reason: str
    field: str = ""
    record_key: str = ""
    raw: str = ""


_ORJSON_OPTIONS = (orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME) if orjson else 0


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(payload: Any) -> str:
    """Key-sorted compact JSON: the same record always gives the same text (and hash)."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_default)


def float_free_canonical_json(payload: Any) -> str:
    """``canonical_json`` made by orjson, several times faster, for payloads that hold no ``float``.

    The two agree character for character on text, whole numbers, ``Decimal``, dates, booleans and
    nesting (keys sorted by code point, only ``"``, ``\\`` and control characters escaped), which is
    what keeps content hashes stable across this change. They differ on floats (``1e+16`` against
    ``1e16``, ``NaN`` against ``null``), so a caller uses this only for documents read with
    ``parse_float=Decimal`` and no ``NaN``/``Infinity`` constants. Anything orjson refuses (integers
    beyond 64 bits, lone surrogates, non-text keys) goes to the standard library as before.
    """
    if orjson is None:
        return canonical_json(payload)
    try:
        return orjson.dumps(payload, option=_ORJSON_OPTIONS, default=_default).decode("utf-8")
    except TypeError:
        return canonical_json(payload)


def payload_hash(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()

"""Strict field parsers shared by importers: typed value out, or a ``RecordError`` naming the field.

"Parse strictly at the edge, then trust typed values inside": money becomes ``Decimal``, dates
become aware datetimes in Almaty time, and anything surprising is refused with a sentence a data
editor can act on.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

ALMATY = ZoneInfo("Asia/Almaty")

# Bounds that separate a typing error from a real figure. The whole republican budget is about
# 20 trillion tenge a year; no single procurement record comes near 10 trillion.
MAX_AMOUNT = Decimal("10000000000000")
EARLIEST_DATE = date(2000, 1, 1)  # procurement records: the e-procurement portal is younger
EARLIEST_REGISTRATION = date(1900, 1, 1)  # organisations: many were registered long before
LATEST_DATE = date(2035, 12, 31)
MAX_WHOLE = 2**63 - 1  # the largest BIGINT; a larger "whole number" is a typing error

_CAMEL = re.compile(r"_([a-z0-9])")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


class RecordError(ValueError):
    """A record cannot be trusted; ``field`` names the culprit."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}" if field else reason)
        self.field = field
        self.reason = reason


_camel_names: dict[str, str] = {}  # a source uses a few dozen field names, a hundred thousand times each


def _camel(key: str) -> str:
    name = _camel_names.get(key)
    if name is None:
        name = _CAMEL.sub(lambda m: m.group(1).upper(), key) if "_" in key else key
        if len(_camel_names) < 4096:  # a hostile file with endless distinct keys does not grow this
            _camel_names[key] = name
    return name


def camel_case_keys(item: dict) -> dict:
    """``name_ru`` → ``nameRu``: REST pages and GraphQL responses spell the same fields two ways."""
    known = _camel_names.get
    return {(known(k) or _camel(k)): v for k, v in item.items()}


def text(item: dict, field: str) -> str:
    value = item.get(field)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise RecordError(field, f"wrong type: expected text, got {type(value).__name__}")
    return str(value).strip()


def integer(item: dict, field: str, *, required: bool = False, bits: int = 64) -> int | None:
    """A whole number that fits a signed ``bits``-bit column (32 for ``IntegerField``, 64 for ``BigIntegerField``)."""
    value = item.get(field)
    if value is None or value == "":
        if required:
            raise RecordError(field, "missing: this field is required")
        return None
    if isinstance(value, bool):
        raise RecordError(field, f"wrong type: expected a whole number, got {value!r}")
    number = None
    if isinstance(value, int):
        number = value
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,30}", value.strip()):
        number = int(value.strip())
    if number is None:
        raise RecordError(field, f"wrong type: expected a whole number, got {value!r}")
    bound = min(MAX_WHOLE, 2 ** (bits - 1) - 1)
    if not -bound <= number <= bound:  # no id, count or year is this large; the database column refuses it
        raise RecordError(field, f"absurd number: {number:.3g} is beyond the {bits}-bit range of the column")
    return number


def boolean(item: dict, field: str) -> bool | None:
    value = item.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal) and not value.is_finite():  # sNaN cannot even be compared with 0
        raise RecordError(field, f"wrong type: expected true/false or 0/1, got {value!r}")
    if value in (0, 1) or value in ("0", "1"):
        return bool(int(value))
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    raise RecordError(field, f"wrong type: expected true/false or 0/1, got {value!r}")


def amount(item: dict, field: str, *, required: bool = False) -> Decimal | None:
    """Tenge as ``Decimal`` rounded to the tiyn; negative and absurd figures are refused."""
    value = item.get(field)
    if value is None or value == "":
        if required:
            raise RecordError(field, "missing: an amount is required")
        return None
    if isinstance(value, bool):
        raise RecordError(field, f"wrong type: expected a number, got {value!r}")
    try:
        number = Decimal(value.strip().replace(" ", "").replace(",", ".")) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise RecordError(field, f"wrong type: expected a number, got {value!r}") from None
    if not number.is_finite():
        raise RecordError(field, f"not a finite number: {value!r}")
    if number < 0:
        raise RecordError(field, f"negative amount: {number} tenge")
    if number > MAX_AMOUNT:
        raise RecordError(field, f"absurd amount: {number:,.0f} tenge is more than the 10 trillion bound")
    return number.quantize(Decimal("0.01"))


def timestamp(item: dict, field: str, *, required: bool = False, earliest: date = EARLIEST_DATE) -> datetime | None:
    """An ISO date or date-time; naive values are Almaty local time, as goszakup publishes them."""
    value = item.get(field)
    if value is None or value == "":
        if required:
            raise RecordError(field, "missing: a date is required")
        return None
    if not isinstance(value, str):
        raise RecordError(field, f"wrong type: expected an ISO date, got {value!r}")
    parsed = _date_text(value, earliest)
    if isinstance(parsed, str):
        raise RecordError(field, parsed)
    return parsed


@lru_cache(maxsize=1 << 16)
def _date_text(value: str, earliest: date) -> datetime | str:
    """The date-time a text names, or why it names none. Cached: the same dates recur on every page."""
    match = _DATETIME.match(value.strip())
    if not match:
        return f"not a date: {value!r} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)"
    y, mo, d, hh, mi, ss, frac, tz = match.groups()
    try:
        parsed = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0),
                          int((frac or "0").ljust(6, "0")))
    except ValueError as exc:
        return f"not a date: {value!r} ({exc})"
    if tz:
        parsed = datetime.fromisoformat(f"{parsed.isoformat()}{'+00:00' if tz == 'Z' else tz}")
    else:
        parsed = parsed.replace(tzinfo=ALMATY)
    if not earliest <= parsed.date() <= LATEST_DATE:
        return f"date out of range: {parsed.date()} is outside {earliest}…{LATEST_DATE}"
    return parsed


def day(item: dict, field: str, *, required: bool = False, earliest: date = EARLIEST_DATE) -> date | None:
    value = timestamp(item, field, required=required, earliest=earliest)
    return value.date() if value else None

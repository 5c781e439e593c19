"""Strict parsers for the budget portal's published text: amounts, percentages, codes, names, months.

The portal writes Python float text (``331109995.90000004``, ``5.271333333333333e-06``), codes
as floats (``101.0``) and Russian names with stray Latin letters and spaces. Each parser here
turns one published value into a typed one, or raises ``RecordError`` naming the column, so the
importer can quarantine the row with a sentence a data editor can act on. Nothing here touches
the database.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from opentenge.budget.fields import round_percent, round_published
from opentenge.ingest.parse import RecordError

# A published figure: optional sign, digits, optional fraction, optional exponent.
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_LETTER = re.compile(r"[^\W\d_]")
# The whole republican budget is ~30 trillion tenge a year = 3e10 thousand; a figure a thousand
# times larger than the whole budget is a typing error, not data.
MAX_THOUSANDS = Decimal("1e13")
_PERIOD = re.compile(r"^(\d{1,2})\.(\d{4})$")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2035

# Latin letters that look like Cyrillic ones (quirk 1: «Hалог на добавленную стоимость»).
HOMOGLYPHS = str.maketrans({
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т",
    "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у",
})
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"\s+")


def _number(value, column: str) -> Decimal:
    """A published number as an exact ``Decimal`` (JSON numbers arrive as ``Decimal``/``int``)."""
    if isinstance(value, bool):
        raise RecordError(column, f"not a number: {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise RecordError(column, f"not a finite number: {value}")
        return value
    if isinstance(value, float):  # never produced by our readers (JSON is parsed with Decimal)
        raise RecordError(column, f"binary float {value!r}: read numbers as text")
    if value is None:
        raise RecordError(column, "missing: every amount column must hold a number (0.0 means none)")
    text = str(value).strip()
    if not text:
        raise RecordError(column, "empty: every amount column must hold a number (0.0 means none)")
    if not _NUMBER.match(text):
        if _LETTER.search(text):
            raise RecordError(column, f"letters in an amount: {text!r}")
        raise RecordError(column, f"not a number: {text!r}")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise RecordError(column, f"not a number: {text!r}") from None
    if not number.is_finite():
        raise RecordError(column, f"not a finite number: {text!r}")
    return number


def amount(value, column: str) -> Decimal:
    """Thousand tenge rounded to 0.001 (one tenge, ROUND_HALF_UP); float artefacts vanish."""
    number = _number(value, column)
    if abs(number) > MAX_THOUSANDS:
        raise RecordError(column, f"absurd amount: {number:f} thousand tenge is more than a thousand budgets")
    return round_published(number)


def percent(value, column: str) -> Decimal | None:
    """A published percentage to 10 decimals; exponent notation accepted; absurd values dropped."""
    return round_percent(_number(value, column))


def code(value, column: str = "code", *, pad: int = 0) -> str:
    """``'101.0'`` → ``'101'``; ``28`` with ``pad=3`` → ``'028'``; empty stays empty (memo rows).

    Codes are classification numbers: whole, not negative. ``str(int(Decimal(code)))`` is the
    PROVENANCE rule; anything else is a malformed code.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, bool):
        raise RecordError(column, f"malformed code: {value!r}")
    text = str(value).strip()
    if not _NUMBER.match(text) or "e" in text.lower():
        raise RecordError(column, f"malformed code: {text!r} is not a classification number")
    number = Decimal(text)
    if number != number.to_integral_value() or number < 0:
        raise RecordError(column, f"malformed code: {text!r} is not a whole, non-negative number")
    return str(int(number)).zfill(pad) if pad else str(int(number))


def whole(value, column: str, *, required: bool = True) -> int | None:
    """A row id, parent id or tree level, written as ``52`` or ``52.0``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(column, "missing: a whole number is required")
        return None
    try:
        return int(code(value, column))
    except RecordError:
        raise RecordError(column, f"not a whole number: {value!r}") from None


def period(value, column: str = "month") -> date:
    """``'01.2023'`` → 2023-01-01 (figures are as of the end of that month)."""
    text = "" if value is None else str(value).strip()
    match = _PERIOD.match(text)
    if not match:
        raise RecordError(column, f"not a period: {text!r} (expected MM.YYYY, e.g. 01.2023)")
    month, year = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise RecordError(column, f"not a period: {text!r} (month {month} is not 1–12)")
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise RecordError(column, f"not a period: {text!r} (year outside {EARLIEST_YEAR}–{LATEST_YEAR})")
    return date(year, month, 1)


def _fix_word(match: re.Match) -> str:
    word = match.group(0)
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(HOMOGLYPHS)
    return word


def clean_name(value) -> str:
    """The name a person would type: Latin look-alikes inside Cyrillic words replaced, spaces tidied.

    Only words that already contain a Cyrillic letter are touched, so Latin words (``IT``, ``EXPO``)
    stay Latin. The published text is always kept beside the clean one.
    """
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    text = _WORD.sub(_fix_word, text)
    return _SPACES.sub(" ", text).strip()

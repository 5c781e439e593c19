"""Cell values of official spreadsheets, parsed exactly or refused with a reason.

A Kazakh government table writes money as ``1 234 567,89`` (spaces or no-break spaces between
thousands, a decimal comma), sometimes ``1234567.89``, sometimes in thousand tenge — either the
header says so («Сумма, тыс. тенге») or the cell does («1 500 тыс.»). A number that could mean
two things (``1,234``: 1.234 or 1 234?) is refused rather than guessed, and so is anything more
precise than a tiyn. Every refusal is a :class:`~opentenge.ingest.parse.RecordError` naming the
field, so the importer can quarantine the row with its file and line.

Dates arrive as spreadsheet dates, ``DD.MM.YYYY`` or ISO ``YYYY-MM-DD``; reporting periods of the
foreign-funding register as a year, a date range, a quarter or a half-year.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from opentenge.ingest.parse import MAX_AMOUNT, RecordError

UNITS = {"tenge": Decimal(1), "thousand": Decimal(1000), "million": Decimal(1_000_000)}
# Unit words a cell may carry after the number (folded to lower case, «ё» as «е»).
_UNIT_WORDS = (
    (re.compile(r"(тыс\.?|тысяч[а-я]*|мың|thousand|k)$"), "thousand"),
    (re.compile(r"(млн\.?|миллион[а-я]*|million|m)$"), "million"),
)
_CURRENCY = re.compile(r"(тенге|теңге|тнг\.?|тг\.?|₸|kzt)$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007'’]")
_GROUPED = re.compile(r"^\d{1,3}([.,])\d{3}(\1\d{3})*$")
TIYN = Decimal("0.01")


def _unit_of_text(text: str) -> tuple[str, str | None]:
    """Split ``"1 500 тыс. тенге"`` into ``("1 500", "thousand")``."""
    text = text.strip().lower().replace("ё", "е")
    unit = None
    for _ in range(2):  # «тыс. тенге» and «тенге» alone
        text = text.rstrip(" .")
        stripped = _CURRENCY.sub("", text).rstrip()
        if stripped != text:
            text = stripped
            continue
        for pattern, name in _UNIT_WORDS:
            found = pattern.search(text)
            if found and (found.start() == 0 or not text[found.start() - 1].isalpha()):
                text, unit = text[:found.start()].rstrip(), name
                break
    return text, unit


def _number_of_text(text: str, field: str, raw: str, unit: str) -> Decimal:
    digits = _SPACES.sub("", text)
    if not digits:
        raise RecordError(field, f"not an amount: {raw!r}")
    if digits.startswith(("-", "−", "(")):
        raise RecordError(field, f"negative amount: {raw!r}")
    if not re.fullmatch(r"[\d.,]+", digits) or not digits[0].isdigit() or not digits[-1].isdigit():
        raise RecordError(field, f"not an amount: {raw!r}")
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        # both: the last one is the decimal separator, the other must group thousands
        decimal_sep = "," if digits.rfind(",") > digits.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = digits.rpartition(decimal_sep)
        if digits.count(decimal_sep) != 1 or not _GROUPED.match(whole) or group_sep not in whole:
            raise RecordError(field, f"not an amount: {raw!r} (separators do not group thousands)")
        digits = whole.replace(group_sep, "") + "." + fraction
    elif commas + dots > 1:
        if not _GROUPED.match(digits):
            raise RecordError(field, f"not an amount: {raw!r} (separators do not group thousands)")
        digits = digits.replace(",", "").replace(".", "")
    elif commas + dots == 1:
        whole, _, fraction = digits.replace(",", ".").partition(".")
        if len(fraction) == 3 and unit == "tenge":
            raise RecordError(field, f"ambiguous amount: {raw!r} could be {whole}.{fraction} or {whole}{fraction} "
                                     "tenge; write it without the separator or with two decimals")
        digits = f"{whole}.{fraction}"
    try:
        return Decimal(digits)
    except InvalidOperation:
        raise RecordError(field, f"not an amount: {raw!r}") from None


def parse_amount(value, field: str, *, unit: str = "tenge", required: bool = True) -> Decimal | None:
    """Tenge as an exact ``Decimal`` with two places, from a cell in ``unit`` (tenge/thousand/million).

    A unit written in the cell wins over the column's only when the column says nothing else;
    «1 500 тыс.» in a thousand-tenge column is one and a half thousand thousand — refused as a
    contradiction instead.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(field, "missing: an amount is required")
        return None
    if isinstance(value, bool):
        raise RecordError(field, f"not an amount: {value!r}")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest text that is this float: what the cell showed
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        text, cell_unit = _unit_of_text(value)
        if cell_unit and unit != "tenge" and cell_unit != unit:
            raise RecordError(field, f"unit conflict: the cell says {cell_unit} ({value!r}) but the column is in {unit}")
        unit = cell_unit or unit
        number = _number_of_text(text, field, value, unit)
    else:
        raise RecordError(field, f"not an amount: {value!r}")
    if not number.is_finite():
        raise RecordError(field, f"not an amount: {value!r}")
    if number < 0:
        raise RecordError(field, f"negative amount: {value!r}")
    tenge = number * UNITS[unit]
    if tenge > MAX_AMOUNT:  # first: quantizing a 31-digit figure to the tiyn overflows Decimal's precision
        raise RecordError(field, f"absurd amount: {value!r} is more than the 10 trillion tenge bound")
    if tenge != tenge.quantize(TIYN):
        raise RecordError(field, f"more precise than a tiyn: {value!r} in {unit} is {tenge.normalize():f} tenge")
    return tenge.quantize(TIYN)


_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*(?:г\.?|ж\.?))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$")
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2035, 12, 31)


def parse_date(value, field: str, *, required: bool = False) -> dt.date | None:
    """A spreadsheet date, ``DD.MM.YYYY`` or ``YYYY-MM-DD``; two-digit years are refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(field, "missing: a date is required")
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()
        match = _DMY.match(text) or _ISO.match(text)
        if not match:
            raise RecordError(field, f"not a date: {value!r} (expected DD.MM.YYYY or YYYY-MM-DD)")
        parts = [int(p) for p in match.groups()]
        d, m, y = parts if match.re is _DMY else parts[::-1]
        try:
            day = dt.date(y, m, d)
        except ValueError as exc:
            raise RecordError(field, f"not a date: {value!r} ({exc})") from None
    else:
        raise RecordError(field, f"not a date: {value!r}")
    if not EARLIEST <= day <= LATEST:
        raise RecordError(field, f"date out of range: {day} is outside {EARLIEST}…{LATEST}")
    return day


def parse_year(value, field: str, *, required: bool = True) -> int | None:
    """A calendar year 2000–2035 (``2023``, ``2023.0`` from a spreadsheet, ``2023 год``, ``2023 ж.``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(field, "missing: a year is required")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.year
    text = str(value).strip().lower()
    match = re.fullmatch(r"(\d{4})(?:\s*(?:год|г\.?|жыл|ж\.?))?", text)
    if not match:
        raise RecordError(field, f"not a year: {value!r}")
    year = int(match.group(1))
    if not 2000 <= year <= 2035:
        raise RecordError(field, f"year out of range: {year} is outside 2000…2035")
    return year


def parse_count(value, field: str) -> int | None:
    """A whole, non-negative count (``125``, ``125.0``); empty means "not published"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACES.sub("", str(value))
    if isinstance(value, bool) or not re.fullmatch(r"\d+", text):
        raise RecordError(field, f"not a whole number: {value!r}")
    return int(text)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RANGE = re.compile(r"^(\S+)\s*(?:-|–|—|по|to)\s*(\S+)$")
_QUARTER = re.compile(r"^(i{1,3}|iv|[1-4])\s*(?:-?(?:й|ый|ой))?\s*(?:квартал|кв\.?|тоқсан)\s*(\d{4})"
                      r"(?:\s*(?:года|год|г\.?|жыл|ж\.?))?$")
_QUARTER_KK = re.compile(r"^(\d{4})\s*(?:жылдың|жыл|ж\.?)?\s*(i{1,3}|iv|[1-4])\s*(?:-?ші|-?шы)?\s*тоқсан[ы]?$")
_HALF = re.compile(r"^(i{1,2}|[12])\s*(?:-?(?:е|ое|ое))?\s*(?:полугодие|жартыжылдық)\s*(\d{4})"
                   r"(?:\s*(?:года|год|г\.?|жыл|ж\.?))?$")


def parse_period(value, field: str) -> tuple[dt.date, dt.date]:
    """A reporting period → (first day, last day).

    Accepted: ``2022`` (``2022 год``, ``2022 ж.``), ``01.01.2022-31.12.2022``, ``I квартал 2023``
    (``1 кв. 2023``, ``2023 ж. I тоқсан``), ``I полугодие 2023``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RecordError(field, "missing: a reporting period is required")
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\s*\d{4}(\s*\D*)?", value)
                                           and not re.search(r"квартал|кв|тоқсан|полугод|жартыжыл", value.lower())):
        year = parse_year(value, field)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    text = " ".join(str(value).lower().replace("ё", "е").split())
    match = _RANGE.match(text)
    if match:
        start, end = parse_date(match.group(1), field), parse_date(match.group(2), field)
        if start is None or end is None or end < start:
            raise RecordError(field, f"not a period: {value!r} (the end is before the start)")
        return start, end
    match = _QUARTER.match(text)
    quarter = year = None
    if match:
        quarter, year = _ROMAN[match.group(1)], int(match.group(2))
    else:
        match = _QUARTER_KK.match(text)
        if match:
            quarter, year = _ROMAN[match.group(2)], int(match.group(1))
    if quarter:
        parse_year(year, field)
        first = dt.date(year, 3 * quarter - 2, 1)
        last = (dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)) - dt.timedelta(days=1)
        return first, last
    match = _HALF.match(text)
    if match:
        half, year = _ROMAN[match.group(1)], int(match.group(2))
        parse_year(year, field)
        return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))
    raise RecordError(field, f"not a period: {value!r} (expected 2022, 01.01.2022-31.12.2022, "
                             "'I квартал 2023' or 'I полугодие 2023')")

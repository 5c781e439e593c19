"""Kazakhstan business and individual identification numbers (BIN / IIN).

Both numbers have 12 digits and use the same check digit. They are defined by
the Law of the Republic of Kazakhstan No. 223 of 12 January 2007 "On national
registers of identification numbers" (BIN: legal entities, their branches and
representative offices, and individual entrepreneurs in joint
entrepreneurship; IIN: individuals, including individual entrepreneurs trading
in their own name). The layout and the check digit come from Government Decree
No. 406 of 22 May 2007 "Rules for forming the identification number"
(adilet.zan.kz/rus/docs/P070000406_), which replaced the programme of
Government Decree No. 565 of 11 June 2003 (adilet.zan.kz/rus/docs/P030000565_).
Sources and cross-checks are listed in ``shared/data/kz_ids/ID_STRUCTURE.md``
(copied to ``tests/fixtures/kz_ids/PROVENANCE.md``).

BIN (БИН / БСН) = ``YY MM T A NNNNN C``

* ``YY MM``: year and month of (re-)registration; the month is 01-12.
* ``T`` (5th digit): 4 = resident legal entity, 5 = non-resident legal entity,
  6 = individual entrepreneur in joint entrepreneurship (ИП(С)).
* ``A`` (6th digit): 0 = head unit, 1 = branch, 2 = representative office,
  3 = peasant/farm enterprise in joint entrepreneurship.
* ``NNNNN``: serial number. ``C``: check digit.

IIN (ИИН / ЖСН) = ``YYMMDD S NNNN C``

* ``YYMMDD``: date of birth.
* ``S`` (7th digit): century and sex. 1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s;
  odd = male, even = female.
* ``NNNN``: serial number. ``C``: check digit.

An IIN's 5th digit is the first digit of the day of birth (0-3). A BIN's 5th
digit is its type (4-6), so the 5th digit tells the two apart.

Check digit: with the weights ``1..11``, ``c = sum(d[i] * w[i]) % 11``. If
that gives 10, do it again with the weights ``3..11, 1, 2``. If the second
pass also gives 10, the number is never issued.

Privacy: an IIN identifies a natural person and contains their date of birth
and sex. Never publish one in full. Use :func:`mask_iin` to display one and
:func:`iin_fingerprint` to link records. :class:`IdCheck` keeps the value it
checked in ``id``, so mask an IIN before showing a check result to anyone.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

__all__ = [
    "IdCheck",
    "check_id",
    "is_valid_bin",
    "is_valid_iin",
    "checksum_digit",
    "mask_iin",
    "iin_fingerprint",
    "make_valid_bin",
    "make_valid_iin",
]

_DIGITS = frozenset("0123456789")  # ASCII only: str.isdigit() also accepts "²", "٣", ...
_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# 7th IIN digit -> first year of the century of birth.
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}

# Why each check fails. The text before ":" is a stable rule code.
_R_DIGITS = "digits: must contain only digits"
_R_LENGTH = "length: must be 12 digits, got {n}"
_R_TYPE = (
    "bin-type: 5th digit {d} is not 4 (resident), 5 (non-resident) "
    "or 6 (IP in joint form)"
)
_R_MONTH = "bin-month: month {mm} is not 01-12"
_R_DIVISION = (
    "bin-division: 6th digit {d} is not 0 (head), 1 (branch), "
    "2 (representative office) or 3 (peasant farm)"
)
_R_CENTURY = "iin-century: 7th digit {d} is not 1-6"
_R_DATE = "iin-date: {yymmdd} is not a valid date of birth"
_R_CHECK = "checksum: check digit is {got}, expected {want}"
_R_NEVER = "checksum: weighted sum is 10 with both weight sets (never issued)"


@dataclass(frozen=True)
class IdCheck:
    """The result of :func:`check_id`.

    ``id`` is the value after stripping whitespace. ``kind`` is ``"BIN"`` or
    ``"IIN"`` when the 5th digit decides it, even if a later check fails, and
    ``None`` otherwise. ``reason`` is ``None`` when the value is valid. If not,
    it says why, and starts with a rule code (``length``, ``digits``,
    ``bin-type``, ``bin-month``, ``bin-division``, ``iin-century``,
    ``iin-date`` or ``checksum``) followed by ``": "``.
    """

    id: str
    valid: bool
    kind: str | None
    reason: str | None

    def as_dict(self) -> dict:
        return {"id": self.id, "valid": self.valid, "kind": self.kind, "reason": self.reason}


def _is_digits(value: str) -> bool:
    return all(ch in _DIGITS for ch in value)


def checksum_digit(first11: str) -> int | None:
    """Return the check digit for the first 11 digits of a BIN or IIN.

    Return ``None`` when both weight sets give 10, because such a number is
    never issued. Raise ``ValueError`` unless the input is exactly 11 ASCII
    digits.
    """
    if not isinstance(first11, str) or len(first11) != 11 or not _is_digits(first11):
        raise ValueError(f"expected 11 ASCII digits, got {first11!r}")
    digits = [int(ch) for ch in first11]
    check = sum(d * w for d, w in zip(digits, _WEIGHTS_1)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _WEIGHTS_2)) % 11
        if check == 10:
            return None
    return check


def _bin_structure(s: str) -> str | None:
    mm = s[2:4]
    if not 1 <= int(mm) <= 12:
        return _R_MONTH.format(mm=mm)
    if s[5] not in "0123":
        return _R_DIVISION.format(d=s[5])
    return None


def _iin_structure(s: str) -> str | None:
    century = int(s[6])
    if century not in _CENTURY:
        return _R_CENTURY.format(d=s[6])
    try:
        datetime.date(_CENTURY[century] + int(s[0:2]), int(s[2:4]), int(s[4:6]))
    except ValueError:
        return _R_DATE.format(yymmdd=s[0:6])
    return None


def check_id(value: str) -> IdCheck:
    """Check a BIN or IIN and say why it fails.

    Only whitespace around the value is stripped. The checks run in this order:
    digits and length first, then structure (BIN: month and division; IIN:
    century and date of birth), then the check digit. The first failure is
    reported. Raise ``TypeError`` if ``value`` is not a string.
    """
    if not isinstance(value, str):
        raise TypeError(f"check_id expects str, got {type(value).__name__}")
    s = value.strip()

    if not _is_digits(s):
        return IdCheck(s, False, None, _R_DIGITS)
    if len(s) != 12:
        return IdCheck(s, False, None, _R_LENGTH.format(n=len(s)))

    fifth = int(s[4])
    if fifth <= 3:
        kind = "IIN"
        problem = _iin_structure(s)
    elif fifth <= 6:
        kind = "BIN"
        problem = _bin_structure(s)
    else:
        return IdCheck(s, False, None, _R_TYPE.format(d=s[4]))
    if problem:
        return IdCheck(s, False, kind, problem)

    expected = checksum_digit(s[:11])
    if expected is None:
        return IdCheck(s, False, kind, _R_NEVER)
    if expected != int(s[11]):
        return IdCheck(s, False, kind, _R_CHECK.format(got=s[11], want=expected))
    return IdCheck(s, True, kind, None)


def is_valid_bin(value) -> bool:
    """True if ``value`` is a string holding a valid BIN. Other types give False."""
    if not isinstance(value, str):
        return False
    result = check_id(value)
    return result.valid and result.kind == "BIN"


def is_valid_iin(value) -> bool:
    """True if ``value`` is a string holding a valid IIN. Other types give False."""
    if not isinstance(value, str):
        return False
    result = check_id(value)
    return result.valid and result.kind == "IIN"


def mask_iin(value: str) -> str:
    """Hide all but the last 4 digits of a 12-digit number: ``"********1234"``.

    An IIN's first 6 digits are the holder's date of birth and its 7th digit is
    their century of birth and sex. Those are the most sensitive parts, so they
    and the first serial digit are always hidden. Only the last 3 serial
    digits and the check digit are shown, which is enough for a person to
    recognise their own number. This works on any 12-digit string, valid or
    not, after stripping surrounding whitespace. Any other input comes back as
    ``"*" * len(value)``, so nothing is shown.
    """
    s = value.strip()
    if len(s) == 12 and _is_digits(s):
        return "*" * 8 + s[8:]
    return "*" * len(value)


def iin_fingerprint(value: str, pepper: str) -> str:
    """Return a stable pseudonym for an IIN, so records can be linked without it.

    The result is ``sha256(pepper + ":" + value)`` as hex, truncated to 24
    characters (96 bits). ``value`` is stripped of surrounding whitespace
    first. There are only a few billion IINs, so anyone who knows the pepper
    can recover an IIN from its fingerprint by brute force. Keep the pepper
    secret and out of the repository. An empty pepper raises ``ValueError``.
    """
    if not pepper:
        raise ValueError("iin_fingerprint needs a non-empty secret pepper")
    payload = f"{pepper}:{value.strip()}".encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:24]


def _finish(first11: str) -> str | None:
    check = checksum_digit(first11)
    return None if check is None else first11 + str(check)


def make_valid_bin(yy: int, mm: int, type_digit: int, division: int, serial: int) -> str | None:
    """Build a valid BIN, for synthetic demo data.

    ``yy`` is 0-99, ``mm`` is 1-12, ``type_digit`` is 4-6, ``division`` is 0-3
    and ``serial`` is 0-99999. Return ``None`` when this serial gives a number
    that is never issued, because both weight sets give 10. Raise
    ``ValueError`` when an argument is out of range.
    """
    _in_range("yy", yy, 0, 99)
    _in_range("mm", mm, 1, 12)
    _in_range("type_digit", type_digit, 4, 6)
    _in_range("division", division, 0, 3)
    _in_range("serial", serial, 0, 99_999)
    return _finish(f"{yy:02d}{mm:02d}{type_digit}{division}{serial:05d}")


def make_valid_iin(birth: datetime.date, male: bool, serial: int) -> str | None:
    """Build a valid synthetic IIN, for demo data only.

    ``birth`` must fall in 1800-2099 and ``serial`` is 0-9999. Return ``None``
    when this serial gives a number that is never issued, because both weight
    sets give 10. Never use this to guess a real person's number.
    """
    if not isinstance(birth, datetime.date):
        raise TypeError("birth must be a datetime.date")
    if not 1800 <= birth.year <= 2099:
        raise ValueError(f"birth year {birth.year} is outside 1800-2099")
    _in_range("serial", serial, 0, 9_999)
    century = {1800: 1, 1900: 3, 2000: 5}[birth.year // 100 * 100] + (0 if male else 1)
    return _finish(f"{birth.year % 100:02d}{birth.month:02d}{birth.day:02d}{century}{serial:04d}")


def _in_range(name: str, value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an int in {low}-{high}, got {value!r}")

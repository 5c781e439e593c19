"""Tests for opentenge.ids.kz (Kazakhstan BIN / IIN). No Django needed.

The only real numbers in these tests are legal-entity BINs
(tests/fixtures/kz_ids/). Every IIN is synthetic, built with make_valid_iin or
from a made-up date and serial. Any number with a valid checksum could match
one that was really issued, so where the date does not matter the tests use
births in the 1800s (IINs were introduced in 2007) and count serials down from
9999. Test output never prints an IIN.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import re
from pathlib import Path

import pytest

from opentenge.ids import (
    IdCheck,
    check_id,
    checksum_digit,
    iin_fingerprint,
    is_valid_bin,
    is_valid_iin,
    make_valid_bin,
    make_valid_iin,
    mask_iin,
)

FIXTURE = Path(__file__).parent / "fixtures" / "kz_ids" / "bin_examples.csv"

SECOND_WEIGHT_SET_BINS = [
    "010540016625", "011140001666", "020440002422", "021140001873",
    "021140001897", "120940010470", "141140000456", "141140001205",
    "960240007379", "960740000453", "970240000890", "991040001514",
]

# Named in shared/data/kz_ids/ID_STRUCTURE.md and PROVENANCE.md but missing
# from the CSV. See tests/fixtures/kz_ids/PROVENANCE.md.
DOCUMENTED_BINS_NOT_IN_CSV = [
    "950341000052",  # Halyk Bank branch (valery1707/kaz-person-id)
    "961141000023",  # Halyk Bank branch (valery1707/kaz-person-id)
    "990940003030",  # identique/idnumbers tests/nationalid/test_KAZ.py
    "061240001543",  # ТОО "НҰР-ШАПАҒАТ-ҚҰРЫЛЫС", goszakup protocol 9031370-КРБС1
    "980840003481",  # ТОО "Фирма "ЕЛАМАН"", goszakup protocol 9031370-КРБС1
]

W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def _passes(first11: str) -> tuple[int, int]:
    """Separate reference: both weighted sums mod 11, as in ID_STRUCTURE.md."""
    d = [int(c) for c in first11]
    return sum(a * b for a, b in zip(d, W1)) % 11, sum(a * b for a, b in zip(d, W2)) % 11


def _ref_valid_checksum(number: str) -> bool:
    c1, c2 = _passes(number[:11])
    c = c1 if c1 != 10 else c2
    return c != 10 and c == int(number[11])


def _rows() -> list[dict]:
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()
VALID_BINS = [r["bin"] for r in ROWS if r["valid_expected"] == "true"]


def _with_check(first11: str) -> str:
    """Add the right check digit. Only for prefixes that have one."""
    c = checksum_digit(first11)
    assert c is not None
    return first11 + str(c)


def _synthetic_iin(yymmdd: str, century: str) -> str:
    """A synthetic IIN with this date and century digit, even an impossible one."""
    for serial in range(9_999, -1, -1):
        first11 = f"{yymmdd}{century}{serial:04d}"
        if checksum_digit(first11) is not None:
            return _with_check(first11)
    raise AssertionError("no serial with an issuable checksum")


# --- fixture ------------------------------------------------------------------


def test_fixture_shape():
    assert len(ROWS) == 174
    assert {r["valid_expected"] for r in ROWS} <= {"true", "false"}
    assert len({r["bin"] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["bin"])
def test_fixture_rows(row):
    result = check_id(row["bin"])
    assert result.valid == (row["valid_expected"] == "true"), result
    assert result.kind == "BIN"
    if result.valid:
        assert result.reason is None


@pytest.mark.parametrize("bin_", SECOND_WEIGHT_SET_BINS)
def test_second_weight_set_bins(bin_):
    assert bin_ in VALID_BINS
    assert _passes(bin_[:11])[0] == 10, "first pass should give 10"
    assert check_id(bin_) == IdCheck(bin_, True, "BIN", None)
    assert is_valid_bin(bin_)


def test_second_weight_set_count_matches_provenance():
    assert sorted(b for b in VALID_BINS if _passes(b[:11])[0] == 10) == SECOND_WEIGHT_SET_BINS


@pytest.mark.parametrize("bin_", DOCUMENTED_BINS_NOT_IN_CSV)
def test_documented_bins_outside_csv(bin_):
    assert check_id(bin_) == IdCheck(bin_, True, "BIN", None)


# --- checksum -----------------------------------------------------------------


def test_checksum_digit_matches_fixture():
    for b in VALID_BINS:
        assert checksum_digit(b[:11]) == int(b[11])


@pytest.mark.parametrize("bad", ["", "0105400166", "010540016625", "0105400166a", "０１０５４００１６６２"])
def test_checksum_digit_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        checksum_digit(bad)


def test_wrong_check_digit_fails_with_checksum_reason():
    for b in VALID_BINS:
        for d in "0123456789":
            if d == b[11]:
                continue
            result = check_id(b[:11] + d)
            assert not result.valid
            assert result.kind == "BIN"
            assert result.reason == f"checksum: check digit is {d}, expected {b[11]}"


def test_mutated_serial_digits_fail_on_checksum():
    caught = total = 0
    for b in VALID_BINS:
        for pos in range(6, 10):  # serial positions 7-10: the structure stays valid
            for d in "0123456789":
                if d == b[pos]:
                    continue
                mutated = b[:pos] + d + b[pos + 1 :]
                result = check_id(mutated)
                # One changed digit can move the first pass to 10. Then the
                # second pass might match by chance, so compare with the
                # reference instead of assuming every change is caught.
                assert result.valid == _ref_valid_checksum(mutated), mutated
                total += 1
                if not result.valid:
                    caught += 1
                    assert result.reason.startswith("checksum: "), result
    assert caught > 0.97 * total


def test_eleventh_digit_only_counts_in_second_pass():
    # Position 11 has weight 11 = 0 (mod 11) in the first pass, so changing it
    # is caught only when the first pass gives 10 and the second pass runs.
    for b in VALID_BINS:
        if _passes(b[:11])[0] == 10:
            continue
        for d in "0123456789":
            assert check_id(b[:10] + d + b[11]).valid
    caught = 0
    for b in SECOND_WEIGHT_SET_BINS:
        for d in "0123456789":
            if d == b[10]:
                continue
            mutated = b[:10] + d + b[11]
            assert check_id(mutated).valid == _ref_valid_checksum(mutated)
            caught += not check_id(mutated).valid
    assert caught > 0.9 * len(SECOND_WEIGHT_SET_BINS) * 9


def _never_issued_prefixes(limit: int) -> list[str]:
    """Search for BIN prefixes where both passes give 10, with the reference sums."""
    found = []
    for serial in range(100_000):
        first11 = f"2001400{serial:04d}"
        if _passes(first11) == (10, 10):
            found.append(first11)
            if len(found) == limit:
                break
    return found


def test_both_passes_ten_is_rejected():
    prefixes = _never_issued_prefixes(5)
    assert prefixes, "search found no number with both passes giving 10"
    for first11 in prefixes:
        assert checksum_digit(first11) is None
        for d in "0123456789":
            result = check_id(first11 + d)
            assert result == IdCheck(
                first11 + d,
                False,
                "BIN",
                "checksum: weighted sum is 10 with both weight sets (never issued)",
            )


def test_both_passes_ten_iin_is_rejected():
    for serial in range(10_000):
        first11 = f"9001013{serial:04d}"  # synthetic: 1990-01-01, male
        if _passes(first11) == (10, 10):
            break
    else:
        pytest.fail("no synthetic IIN prefix with both passes giving 10")
    result = check_id(first11 + "0")
    assert result.kind == "IIN"
    assert result.reason == "checksum: weighted sum is 10 with both weight sets (never issued)"


# --- structure / rule codes ------------------------------------------------------

GOOD_BIN = "010540016625"


@pytest.mark.parametrize(
    "value, reason",
    [
        ("01054001662", "length: must be 12 digits, got 11"),
        ("0105400166251", "length: must be 12 digits, got 13"),
        ("", "length: must be 12 digits, got 0"),
        ("   ", "length: must be 12 digits, got 0"),
        ("01054001662X", "digits: must contain only digits"),
        ("010540 016625", "digits: must contain only digits"),
        ("0105-4001-6625", "digits: must contain only digits"),
        ("٠١٠٥٤٠٠١٦٦٢٥", "digits: must contain only digits"),  # Arabic-Indic digits
        ("０１０５４０００１６６２", "digits: must contain only digits"),  # full-width digits
        ("БИН 010540016625", "digits: must contain only digits"),
    ],
)
def test_shape_failures(value, reason):
    result = check_id(value)
    assert result == IdCheck(value.strip(), False, None, reason)


def test_strips_surrounding_whitespace_only():
    assert check_id("  010540016625\n") == IdCheck(GOOD_BIN, True, "BIN", None)
    assert check_id("\t010540016625 ").id == GOOD_BIN


def test_non_string_raises():
    with pytest.raises(TypeError):
        check_id(10540016625)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        check_id(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_bin_month(month):
    value = _with_check(f"01{month}4001662")
    result = check_id(value)
    assert result == IdCheck(value, False, "BIN", f"bin-month: month {month} is not 01-12")


@pytest.mark.parametrize("division", "456789")
def test_bin_division(division):
    value = _with_check(f"01054{division}01662")
    assert check_id(value) == IdCheck(
        value,
        False,
        "BIN",
        f"bin-division: 6th digit {division} is not 0 (head), 1 (branch), "
        "2 (representative office) or 3 (peasant farm)",
    )


@pytest.mark.parametrize("type_digit", "789")
def test_bin_type(type_digit):
    value = _with_check(f"0105{type_digit}001662")
    assert check_id(value) == IdCheck(
        value,
        False,
        None,
        f"bin-type: 5th digit {type_digit} is not 4 (resident), 5 (non-resident) "
        "or 6 (IP in joint form)",
    )


def test_structure_checked_before_checksum():
    # Wrong month AND wrong check digit: the month is reported.
    value = "011340016620"
    assert check_id(value).reason.startswith("bin-month: ")


@pytest.mark.parametrize("century", "0789")
def test_iin_century(century):
    value = _synthetic_iin("900101", century)
    assert check_id(value) == IdCheck(
        value, False, "IIN", f"iin-century: 7th digit {century} is not 1-6"
    )


@pytest.mark.parametrize(
    "yymmdd, century",
    [
        ("991332", "3"),  # month 13
        ("990001", "3"),  # month 00
        ("990100", "3"),  # day 00
        ("990230", "4"),  # 30 February
        ("990431", "5"),  # 31 April
        ("000229", "3"),  # 1900 was not a leap year
        ("010229", "5"),  # 2001 was not a leap year
        ("000229", "1"),  # 1800 was not a leap year
    ],
)
def test_iin_date(yymmdd, century):
    value = _synthetic_iin(yymmdd, century)
    assert check_id(value) == IdCheck(
        value, False, "IIN", f"iin-date: {yymmdd} is not a valid date of birth"
    )


@pytest.mark.parametrize("yymmdd, century", [("000229", "5"), ("960229", "4"), ("040229", "6")])
def test_iin_leap_day_valid(yymmdd, century):
    value = _synthetic_iin(yymmdd, century)
    assert check_id(value) == IdCheck(value, True, "IIN", None)


def test_iin_wrong_check_digit():
    value = make_valid_iin(datetime.date(1885, 6, 15), male=False, serial=9321)
    assert value is not None
    wrong = value[:11] + str((int(value[11]) + 1) % 10)
    result = check_id(wrong)
    assert result.kind == "IIN"
    assert result.reason == f"checksum: check digit is {wrong[11]}, expected {value[11]}"


def test_all_reasons_start_with_rule_code():
    codes = {"length", "digits", "bin-type", "bin-month", "bin-division",
             "iin-century", "iin-date", "checksum"}
    samples = [
        "123", "12345678901x", _with_check("01137001662"), _with_check("01134001662"),
        _with_check("01054501662"), _synthetic_iin("900101", "0"),
        _synthetic_iin("991332", "3"), GOOD_BIN[:11] + "0",
    ]
    seen = set()
    for s in samples:
        reason = check_id(s).reason
        assert reason is not None
        code, sep, text = reason.partition(": ")
        assert sep and text and code in codes, reason
        seen.add(code)
    assert seen == codes


def test_as_dict():
    d = check_id(GOOD_BIN).as_dict()
    assert d == {"id": GOOD_BIN, "valid": True, "kind": "BIN", "reason": None}
    assert set(check_id("x").as_dict()) == {"id", "valid", "kind", "reason"}


def test_idcheck_is_frozen():
    result = check_id(GOOD_BIN)
    with pytest.raises(AttributeError):
        result.valid = False  # type: ignore[misc]


# --- is_valid_* -----------------------------------------------------------------


def test_is_valid_bin_and_iin():
    iin = make_valid_iin(datetime.date(1870, 1, 2), male=True, serial=9901)
    assert iin is not None
    assert is_valid_bin(GOOD_BIN) and not is_valid_iin(GOOD_BIN)
    assert is_valid_iin(iin) and not is_valid_bin(iin)
    assert not is_valid_bin(GOOD_BIN[:11] + "0")
    for junk in (None, 10540016625, b"010540016625", ["010540016625"]):
        assert not is_valid_bin(junk)
        assert not is_valid_iin(junk)


# --- masking and fingerprint ------------------------------------------------------


def _synthetic_iins(n: int) -> list[str]:
    out = []
    day = datetime.date(1800, 3, 7)
    i = 0
    while len(out) < n:
        birth = day + datetime.timedelta(days=97 * i)  # stays within 1800-1880
        iin = make_valid_iin(birth, male=i % 2 == 0, serial=9_999 - (37 * i) % 5_000)
        if iin:
            out.append(iin)
        i += 1
    return out


def test_mask_iin_hides_first_eight_digits():
    for iin in _synthetic_iins(300):
        masked = mask_iin(iin)
        assert masked == "********" + iin[8:]
        assert len(masked) == 12
        assert not re.search(r"\d", masked[:8])
        assert iin[:8] not in masked
        assert iin[:6] not in masked  # date of birth
    assert mask_iin(" 123456789012 ") == "********9012"  # any 12 digits, not only IINs


@pytest.mark.parametrize("value", ["", "123", "90010130001", "9001013000123", "90010130001x"])
def test_mask_iin_other_input(value):
    assert mask_iin(value) == "*" * len(value)


def test_iin_fingerprint():
    iin = _synthetic_iins(1)[0]
    fp = iin_fingerprint(iin, "pepper-1")
    assert fp == hashlib.sha256(f"pepper-1:{iin}".encode()).hexdigest()[:24]
    assert re.fullmatch(r"[0-9a-f]{24}", fp)
    assert iin_fingerprint(f" {iin}\n", "pepper-1") == fp
    assert iin_fingerprint(iin, "pepper-2") != fp
    assert iin not in fp
    with pytest.raises(ValueError):
        iin_fingerprint(iin, "")


# --- generators -----------------------------------------------------------------


def test_make_valid_bin_many():
    made = nones = 0
    for yy in range(0, 100, 7):
        for mm in range(1, 13):
            for type_digit in (4, 5, 6):
                for division in (0, 1, 2, 3):
                    for serial in (0, 1, 999, 12345, 99999, yy * 1000 + mm * 10 + division):
                        value = make_valid_bin(yy, mm, type_digit, division, serial)
                        prefix = f"{yy:02d}{mm:02d}{type_digit}{division}{serial:05d}"
                        if value is None:
                            nones += 1
                            assert _passes(prefix) == (10, 10)
                            continue
                        made += 1
                        assert value[:11] == prefix
                        assert check_id(value) == IdCheck(value, True, "BIN", None)
                        assert is_valid_bin(value)
    assert made > 10_000
    assert nones < made / 10  # roughly 1 in 121 prefixes is never issued


def test_make_valid_bin_returns_none_for_never_issued():
    first11 = _never_issued_prefixes(1)[0]
    yy, mm, t, a, serial = int(first11[:2]), int(first11[2:4]), int(first11[4]), int(first11[5]), int(first11[6:])
    assert make_valid_bin(yy, mm, t, a, serial) is None


@pytest.mark.parametrize(
    "args",
    [(100, 1, 4, 0, 0), (-1, 1, 4, 0, 0), (1, 0, 4, 0, 0), (1, 13, 4, 0, 0),
     (1, 1, 3, 0, 0), (1, 1, 7, 0, 0), (1, 1, 4, 4, 0), (1, 1, 4, 0, 100_000), (1, 1, 4, 0, -1)],
)
def test_make_valid_bin_rejects_out_of_range(args):
    with pytest.raises(ValueError):
        make_valid_bin(*args)


def test_make_valid_iin_many():
    made = nones = 0
    start = datetime.date(1800, 1, 1)
    end = datetime.date(2099, 12, 31)
    step = datetime.timedelta(days=173)
    day = start
    i = 0
    while day <= end:
        for male in (True, False):
            serial = (i * 131) % 10_000
            value = make_valid_iin(day, male, serial)
            if value is None:
                nones += 1
                continue
            made += 1
            result = check_id(value)
            assert result == IdCheck(value, True, "IIN", None), (day, male, serial)
            assert value[:6] == f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"
            century = int(value[6])
            assert (century % 2 == 1) == male
            assert {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[century] == day.year // 100 * 100
            assert int(value[7:11]) == serial
        day += step
        i += 1
    for special in (datetime.date(2000, 2, 29), datetime.date(1896, 2, 29), datetime.date(1999, 12, 31)):
        for male in (True, False):
            for serial in range(9_980, 10_000):
                value = make_valid_iin(special, male, serial)
                if value is not None:
                    assert is_valid_iin(value)
    assert made > 1000
    assert nones < made / 10


def test_make_valid_iin_none_when_never_issued():
    birth = datetime.date(1990, 1, 1)
    for serial in range(10_000):
        if _passes(f"9001013{serial:04d}") == (10, 10):
            assert make_valid_iin(birth, True, serial) is None
            return
    pytest.fail("no never-issued serial found")


def test_make_valid_iin_rejects_out_of_range():
    with pytest.raises(ValueError):
        make_valid_iin(datetime.date(1799, 12, 31), True, 1)
    with pytest.raises(ValueError):
        make_valid_iin(datetime.date(2100, 1, 1), True, 1)
    with pytest.raises(ValueError):
        make_valid_iin(datetime.date(1990, 1, 1), True, 10_000)

"""Cells of official spreadsheets: amounts exact or refused, periods, encodings, regions, countries, forms."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from opentenge.civil.countries import country_code
from opentenge.civil.grids import detect_encoding
from opentenge.civil.regions import region_code
from opentenge.civil.values import parse_amount, parse_count, parse_date, parse_period, parse_year
from opentenge.ingest.parse import RecordError


@pytest.mark.parametrize("cell, unit, tenge", [
    ("12 500 000", "tenge", "12500000.00"),
    ("7 250 000,50", "tenge", "7250000.50"),
    ("1\u00a0234\u00a0567.89", "tenge", "1234567.89"),
    ("1\u202f234\u202f567,89", "tenge", "1234567.89"),
    ("1,234,567.89", "tenge", "1234567.89"),
    ("1.234.567,89", "tenge", "1234567.89"),
    ("2 000 тыс.", "tenge", "2000000.00"),
    ("1 500 тыс. тенге", "tenge", "1500000.00"),
    ("3 мың теңге", "tenge", "3000.00"),
    ("2 млн", "tenge", "2000000.00"),
    ("12 345 678 тенге", "tenge", "12345678.00"),
    ("1 234,56 ₸", "tenge", "1234.56"),
    ("3 400,5", "thousand", "3400500.00"),
    ("1,234", "thousand", "1234.00"),
    ("1,23456", "thousand", "1234.56"),
    ("5 тыс.", "thousand", "5000.00"),
    (1500000, "tenge", "1500000.00"),
    (1500000.5, "tenge", "1500000.50"),
    (1234.567, "thousand", "1234567.00"),
    (Decimal("0.10"), "tenge", "0.10"),
])
def test_amounts_parse_exactly(cell, unit, tenge):
    value = parse_amount(cell, "amount", unit=unit)
    assert value == Decimal(tenge) and str(value) == tenge


@pytest.mark.parametrize("cell, unit, reason", [
    ("около 5 млн", "tenge", "not an amount"),
    ("1,234", "tenge", "ambiguous amount"),
    ("1.234", "tenge", "ambiguous amount"),
    ("1,23456", "tenge", "more precise than a tiyn"),
    ("1,234567", "thousand", "more precise than a tiyn"),
    ("12,34,567", "tenge", "separators do not group thousands"),
    ("-100", "tenge", "negative amount"),
    ("(100)", "tenge", "negative amount"),
    ("5 млн", "thousand", "unit conflict"),
    ("", "tenge", "missing"),
    ("20 000 000 000 000", "tenge", "absurd amount"),
    (True, "tenge", "not an amount"),
])
def test_amounts_that_cannot_be_exact_are_refused_naming_the_field(cell, unit, reason):
    with pytest.raises(RecordError) as err:
        parse_amount(cell, "amount", unit=unit)
    assert err.value.field == "amount"
    assert reason in err.value.reason


@pytest.mark.parametrize("cell, first, last", [
    ("2022", "2022-01-01", "2022-12-31"),
    (2022, "2022-01-01", "2022-12-31"),
    ("2022 год", "2022-01-01", "2022-12-31"),
    ("2022 ж.", "2022-01-01", "2022-12-31"),
    ("01.01.2022-31.12.2022", "2022-01-01", "2022-12-31"),
    ("01.07.2022 – 31.12.2022", "2022-07-01", "2022-12-31"),
    ("I квартал 2023", "2023-01-01", "2023-03-31"),
    ("1 кв. 2023", "2023-01-01", "2023-03-31"),
    ("IV квартал 2023", "2023-10-01", "2023-12-31"),
    ("2023 ж. II тоқсан", "2023-04-01", "2023-06-30"),
    ("I полугодие 2023", "2023-01-01", "2023-06-30"),
    ("2 полугодие 2023", "2023-07-01", "2023-12-31"),
])
def test_reporting_periods(cell, first, last):
    assert parse_period(cell, "period") == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize("cell", ["весна 2023", "31.12.2022-01.01.2022", "", "V квартал 2023"])
def test_periods_nobody_can_date_are_refused(cell):
    with pytest.raises(RecordError) as err:
        parse_period(cell, "period")
    assert err.value.field == "period"


def test_dates_years_counts():
    assert parse_date("21.09.2023", "d") == dt.date(2023, 9, 21)
    assert parse_date("2023-09-21", "d") == dt.date(2023, 9, 21)
    assert parse_date(dt.datetime(2023, 9, 21, 0, 0), "d") == dt.date(2023, 9, 21)
    for bad in ("21.09.23", "31.02.2023", "1899-12-31"):
        with pytest.raises(RecordError):
            parse_date(bad, "d")
    assert parse_year(2023.0, "y") == 2023 and parse_year("2023 год", "y") == 2023
    with pytest.raises(RecordError):
        parse_year("1999", "y")
    assert parse_count("1 250", "n") == 1250 and parse_count("", "n") is None
    with pytest.raises(RecordError):
        parse_count("12.5", "n")


@pytest.mark.parametrize("text, encoding, expected", [
    ("Год;Сумма, тенге\n2023;100\n", "utf-8", "utf-8"),
    ("Год;Сумма, тенге\n2023;100\n", "utf-8-sig", "utf-8-sig"),
    ("Год;Сумма, тенге\n2023;100\n", "utf-16", "utf-16"),
    ("Год;Наименование НПО\n2023;ОО «Тілек»\n", "cp1251", "cp1251"),
    ("Жыл;ҮЕҰ атауы;Өңір\n2021;«Қамқор» ҚҚ;Алматы қаласы\n", "kz1048", "kz1048"),
])
def test_encodings_are_detected(text, encoding, expected):
    data = text.encode(encoding)
    detected = detect_encoding(data)
    assert detected == expected
    assert data.decode(detected).lstrip("\ufeff") == text


@pytest.mark.parametrize("text, code", [
    ("г. Алматы", "almaty"), ("Алматы қаласы", "almaty"), ("Алматинская область", "almaty-region"),
    ("Алматы облысы", "almaty-region"), ("Нур-Султан", "astana"), ("город Астана", "astana"),
    ("Южно-Казахстанская обл.", "turkistan"), ("область Абай", "abai"), ("ВКО", "east-kazakhstan"),
    ("Республиканский", "republic"), ("Марс", ""),
])
def test_regions_in_any_spelling(text, code):
    assert region_code(text) == code


@pytest.mark.parametrize("text, code", [
    ("США", "US"), ("АҚШ", "US"), ("Великобритания", "GB"), ("ЕС", "EU"), ("Испания", "ES"),
    ("Международная организация", "INTL"), ("Республика Корея", "KR"), ("Атлантида", ""),
])
def test_countries_in_any_spelling(text, code):
    assert country_code(text) == code


def test_legal_forms_of_ngos():
    from opentenge.sources.ngo_register.importer import legal_form_code

    assert legal_form_code("Общественное объединение") == "PA"
    assert legal_form_code("Қоғамдық бірлестік") == "PA"
    assert legal_form_code("ОФ") == "PF"
    assert legal_form_code("Жеке мекеме") == "PI"
    assert legal_form_code("Объединение юридических лиц в форме ассоциации") == "ALE"
    assert legal_form_code("Кооператив собственников квартир") == ""


def test_the_format_pages_document_every_defined_header():
    """docs/formats/ is the specification: a column added to a layout must appear there, in both languages."""
    from conftest import REPO
    from opentenge.civil.layouts import FOREIGN_FUNDING, GRANT_AWARDS, GRANT_COMPETITIONS, NGO_REGISTER

    for layout in (GRANT_AWARDS, GRANT_COMPETITIONS, FOREIGN_FUNDING, NGO_REGISTER):
        page = (REPO / layout.doc).read_text(encoding="utf-8")
        for column in layout.columns:
            for header in (*column.headers, *column.thousand_headers):
                assert header in page, (layout.doc, column.field, header)
            assert f"`{column.field}`" in page, (layout.doc, column.field)

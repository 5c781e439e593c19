"""Fuzzing every parser that turns published text, bytes or cells into typed values (issue 10).

Property: arbitrary input gives either a typed value or the parser's own documented error
(``RecordError`` naming the field, ``IngestError``/``LayoutError``/``Unreadable`` for a whole file,
``LayoutChanged`` for a page), never another exception. Where a round trip exists (formatted
amounts, check digits, dates, periods) it must hold. Examples are bounded so the file runs in
well under a minute; ``HYPOTHESIS_PROFILE=deep`` runs ten times as many.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from opentenge.budget import parse as budget_parse
from opentenge.civil import values as civil_values
from opentenge.civil.grids import Unreadable, detect_encoding
from opentenge.civil.layouts import FOREIGN, NGOS, STATE_GRANTS
from opentenge.civil.tables import normalise_header, read_table
from opentenge.ids import kz
from opentenge.ids.legal_forms import find_edge_form
from opentenge.ids.names import normalize, split_patronymic
from opentenge.ids.search import search_key, search_tokens
from opentenge.ids.translit import from_latin_2021, to_latin_2021
from opentenge.ingest import parse as p
from opentenge.ingest.context import FileContext, FileInfo
from opentenge.ingest.parse import RecordError
from opentenge.ingest.runner import IngestError
from opentenge.legislation import reading
from opentenge.sources.mazhilis.importer import Importer as MazhilisImporter, LayoutChanged
from opentenge.sources.senate import biography
from opentenge.sources.senate.htmltree import parse_html

PROFILE_EXAMPLES = 1000 if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else 100
fuzz = settings(max_examples=PROFILE_EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Cells as they arrive: text (often number-like), JSON numbers, spreadsheet values, junk.
NUMBERISH = st.from_regex(r"\A[-+ (]?[0-9 ,.\u00a0'eE]{0,20}(тыс\.?|млн|тенге|₸|KZT|%)?\Z", fullmatch=True)
TEXTS = st.one_of(st.text(max_size=60), NUMBERISH, st.sampled_from(
    ["NaN", "Infinity", "-Infinity", "1e300", "1e-300", "12,34,56", "0x1F", "١٢٣", "²", "1_000", " ", "\x00", "None"]))
CELLS = st.one_of(TEXTS, st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40),
                  st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=True, allow_infinity=True),
                  st.dates(), st.datetimes(), st.lists(st.integers(), max_size=2),
                  st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def typed_or_record_error(fn, *args, **kwargs):
    """Call ``fn``; a ``RecordError`` must name a field and give a reason."""
    try:
        return fn(*args, **kwargs)
    except RecordError as err:
        assert err.reason and isinstance(err.field, str)
        return err


# -- ingest.parse: the goszakup and politics field parsers --------------------------------------

@fuzz
@given(CELLS)
def test_ingest_field_parsers_return_typed_values_or_record_errors(value):
    item = {"f": value}
    assert isinstance(typed_or_record_error(p.text, item, "f"), (str, RecordError))
    got = typed_or_record_error(p.integer, item, "f")
    assert got is None or isinstance(got, (int, RecordError)) and not isinstance(got, bool)
    if isinstance(got, int):
        assert abs(got) <= p.MAX_WHOLE
    assert isinstance(typed_or_record_error(p.boolean, item, "f"), (bool, type(None), RecordError))
    amount = typed_or_record_error(p.amount, item, "f")
    if isinstance(amount, Decimal):
        assert amount.is_finite() and 0 <= amount <= p.MAX_AMOUNT and amount == amount.quantize(Decimal("0.01"))
    when = typed_or_record_error(p.timestamp, item, "f")
    if isinstance(when, dt.datetime):
        assert when.tzinfo is not None and p.EARLIEST_DATE <= when.date() <= p.LATEST_DATE
    assert isinstance(typed_or_record_error(p.day, item, "f"), (dt.date, type(None), RecordError))


@fuzz
@given(st.dictionaries(st.text(max_size=12), CELLS, max_size=5))
def test_camel_case_keys_never_fails(item):
    assert len(p.camel_case_keys(item)) <= len(item)


@fuzz
@given(st.decimals(min_value=0, max_value=p.MAX_AMOUNT, places=2, allow_nan=False))
def test_ingest_amount_round_trips_its_own_text(value):
    assert p.amount({"f": str(value)}, "f") == value
    assert p.amount({"f": f"{value:,}".replace(",", " ")}, "f") == value  # thousands spaced


# -- civil.values: spreadsheet cells ----------------------------------------------------------

@fuzz
@given(CELLS, st.sampled_from(["tenge", "thousand", "million"]))
def test_civil_cell_parsers_return_typed_values_or_record_errors(value, unit):
    amount = typed_or_record_error(civil_values.parse_amount, value, "amount", unit=unit, required=False)
    if isinstance(amount, Decimal):
        assert amount.is_finite() and 0 <= amount <= p.MAX_AMOUNT
    day = typed_or_record_error(civil_values.parse_date, value, "date")
    assert day is None or isinstance(day, (dt.date, RecordError))
    year = typed_or_record_error(civil_values.parse_year, value, "year", required=False)
    assert year is None or isinstance(year, RecordError) or 2000 <= year <= 2035
    count = typed_or_record_error(civil_values.parse_count, value, "count")
    assert count is None or isinstance(count, RecordError) or count >= 0
    period = typed_or_record_error(civil_values.parse_period, value, "period")
    if isinstance(period, tuple):
        assert period[0] <= period[1]


@fuzz
@given(st.integers(min_value=0, max_value=10**12 - 1), st.integers(min_value=0, max_value=99),
       st.sampled_from([" ", "\u00a0", "\u202f", ""]), st.sampled_from([",", "."]))
def test_civil_amount_round_trips_a_published_figure(whole, tiyn, group, decimal_sep):
    text = f"{whole:,}".replace(",", group) + f"{decimal_sep}{tiyn:02d}"
    if not group and decimal_sep == "." and whole >= 1000:
        text = f"{whole}.{tiyn:02d}"
    assert civil_values.parse_amount(text, "amount") == Decimal(whole) + Decimal(tiyn) / 100


@fuzz
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_civil_dates_round_trip_both_spellings(day):
    assert civil_values.parse_date(day.strftime("%d.%m.%Y"), "d") == day
    assert civil_values.parse_date(day.isoformat(), "d") == day


# -- budget.parse: the budget portal's text ---------------------------------------------------

@fuzz
@given(CELLS)
def test_budget_parsers_return_typed_values_or_record_errors(value):
    for fn in (budget_parse.amount, budget_parse.percent):
        got = typed_or_record_error(fn, value, "utv")
        assert got is None or isinstance(got, (Decimal, RecordError))
    code = typed_or_record_error(budget_parse.code, value, "code")
    assert isinstance(code, RecordError) or code == "" or code.isdigit()
    assert isinstance(typed_or_record_error(budget_parse.whole, value, "id", required=False),
                      (int, type(None), RecordError))
    assert isinstance(typed_or_record_error(budget_parse.period, value), (dt.date, RecordError))
    assert isinstance(budget_parse.clean_name(value if isinstance(value, str) else None), str)


@fuzz
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=2000, max_value=2035))
def test_budget_period_round_trips(month, year):
    assert budget_parse.period(f"{month:02d}.{year}") == dt.date(year, month, 1)


# -- ids: identifiers and names ---------------------------------------------------------------

@fuzz
@given(st.one_of(st.text(max_size=20), st.from_regex(r"\A\s?[0-9]{10,13}\s?\Z", fullmatch=True)))
def test_check_id_always_answers_with_a_reason(value):
    result = kz.check_id(value)
    assert result.valid == (result.reason is None)
    assert kz.is_valid_bin(value) == (result.valid and result.kind == "BIN")
    assert kz.mask_iin(value).count("*") >= min(8, len(value.strip()))


@fuzz
@given(CELLS)
def test_check_id_refuses_non_text_with_type_error_only(value):
    if isinstance(value, str):
        return
    with pytest.raises(TypeError):
        kz.check_id(value)
    assert kz.is_valid_bin(value) is False and kz.is_valid_iin(value) is False


@fuzz
@given(st.integers(0, 99), st.integers(1, 12), st.integers(4, 6), st.integers(0, 3), st.integers(0, 99_999),
       st.integers(1, 9))
def test_generated_bins_validate_and_any_changed_digit_is_caught(yy, mm, kind, division, serial, delta):
    value = kz.make_valid_bin(yy, mm, kind, division, serial)
    if value is None:
        return
    assert kz.is_valid_bin(value) and kz.check_id(value).kind == "BIN"
    broken = value[:11] + str((int(value[11]) + delta) % 10)
    assert not kz.check_id(broken).valid and kz.check_id(broken).reason.startswith(("checksum", "never"))


@fuzz
@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)), st.booleans(),
       st.integers(0, 9999))
def test_generated_iins_validate_and_mask_to_four_digits(birth, male, serial):
    value = kz.make_valid_iin(birth, male, serial)
    if value is None:
        return
    assert kz.is_valid_iin(value) and kz.mask_iin(value) == "********" + value[8:]


@fuzz
@given(st.text(min_size=11, max_size=11))
def test_checksum_digit_takes_exactly_eleven_ascii_digits(value):
    try:
        digit = kz.checksum_digit(value)
    except ValueError:
        assert not (value.isascii() and value.isdigit())
    else:
        assert digit is None or 0 <= digit <= 9


@fuzz
@given(st.text(max_size=80))
def test_name_normalisation_and_search_keys_never_fail(text):
    form = normalize(text)
    assert isinstance(form.folded, str) and form.tokens == tuple(form.folded.split())
    assert search_key(search_key(text)) == search_key(text)  # folding is idempotent
    assert search_tokens(text) == search_key(text).split()
    assert isinstance(to_latin_2021(text), str) and isinstance(from_latin_2021(text), str)
    for at_start in (True, False):
        edge = find_edge_form(text, at_start=at_start, quoted=False)
        assert edge is None or len(edge) == 4
    for token in form.tokens:
        assert split_patronymic(token) is None or isinstance(split_patronymic(token), str)


@fuzz
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАӘБҒҚҢӨҰҮҺІЁЯ -", max_size=40))
def test_kazakh_cyrillic_leaves_no_cyrillic_letter_in_the_2021_latin(text):
    latin = to_latin_2021(text)
    assert not any("\u0400" <= ch <= "\u04ff" for ch in latin), latin


# -- legislation.reading: the tracker's CSV values -------------------------------------------

@fuzz
@given(TEXTS)
def test_tracker_value_parsers_return_typed_values_or_record_errors(value):
    values = {"f": value}
    assert isinstance(typed_or_record_error(reading.text, values, "f", required=False), (str, RecordError))
    assert isinstance(typed_or_record_error(reading.day, values, "f", required=False),
                      (dt.date, type(None), RecordError))
    count = typed_or_record_error(reading.count, values, "f")
    assert count is None or isinstance(count, RecordError) or count >= 0
    link = typed_or_record_error(reading.link, values, "f")
    assert isinstance(link, RecordError) or link == "" or link.startswith(("http://", "https://"))
    assert isinstance(typed_or_record_error(reading.choice, values, "f", {"a": "a"}), (str, RecordError))


# -- whole-file readers: CSV, XLSX, JSON, HTML -------------------------------------------------

def _context(source: str, name: str, data: bytes, folder: Path) -> FileContext:
    path = folder / name
    path.write_bytes(data)
    info = FileInfo(source=source, path=path, display_path=str(path), sha256="0" * 64, size=len(data))
    return FileContext(file=info, known_references=lambda name: {1, 6})


CSV_BYTES = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(TEXTS, max_size=6), max_size=6).map(
        lambda rows: "\n".join(";".join(r) for r in rows).encode("utf-8")),
    st.lists(st.lists(TEXTS, max_size=6), max_size=6).map(
        lambda rows: ("party,year,amount_tenge,source_url\n" + "\n".join(",".join(r) for r in rows))
        .encode("utf-8", "replace")),
)


@fuzz
@given(CSV_BYTES, st.sampled_from(["party_funding", "declarations", "officials", "company_roles",
                                    "election_funds", "draft_acts", "public_councils", "budget_egov"]))
def test_csv_importers_quarantine_or_refuse_never_crash(data, source):
    from opentenge.ingest.runner import load_importer

    with tempfile.TemporaryDirectory() as folder:
        ctx = _context(source, "fuzz.csv", data, Path(folder))
        try:
            load_importer(source).read_file(ctx)
        except IngestError as exc:
            assert str(ctx.file.path) in str(exc)
            return
        load_months(ctx)
        assert all(q.reason for q in ctx.quarantined)


@fuzz
@given(CSV_BYTES, st.sampled_from([".csv", ".xlsx"]), st.sampled_from([STATE_GRANTS, FOREIGN, NGOS]))
def test_civil_table_reader_gives_a_table_or_a_named_refusal(data, suffix, layouts):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path, layouts)
        except (IngestError, Unreadable) as exc:
            assert str(exc)
            return
        assert all(row.locator for row in table.rows)
    assert detect_encoding(data) if data else True
    assert isinstance(normalise_header(data[:40].decode("utf-8", "replace")), str)


JSON_DOCS = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(
                                   ["items", "result", "rows", "data", "errors", "id", "month", "bin", "nameRu",
                                    "contractSumWnds", "customerBin", "supplierBiin", "title", "stages", "status",
                                    "last_name", "first_name", "code", "utv", "deputies", "elements", "director",
                                    "Contract", "signDate", "faktTradeMethodsId", "level", "name"]),
                                   children, max_size=6)),
    max_leaves=25)


@fuzz
@given(st.one_of(JSON_DOCS.map(lambda d: json.dumps(d).encode()), st.binary(max_size=200)),
       st.sampled_from([("goszakup", "contract.0001.json"), ("goszakup", "graphql-trd-buy.json"),
                        ("goszakup", "subject.1.json"), ("bills", "draft_laws.json"),
                        ("budget_egov", "grid.json"), ("company_roles", "gbd_ul.json"),
                        ("mazhilis", "deputies.ru.json")]))
def test_json_importers_quarantine_or_refuse_never_crash(data, target):
    from opentenge.ingest.runner import load_importer

    source, name = target
    with tempfile.TemporaryDirectory() as folder:
        ctx = _context(source, name, data, Path(folder))
        try:
            load_importer(source).read_file(ctx)
        except IngestError as exc:
            assert str(ctx.file.path) in str(exc)
            return
        assert all(q.reason and q.locator for q in ctx.quarantined)


HTML_BITS = st.lists(st.one_of(
    st.sampled_from(['<a class="person-card" href="/ru-RU/blog/12/">', "</a>", '<div class="person-card--full-name">',
                     '<div class="person-card--position">', "</div>", "<br>", "<div class='bio'><h2>", "</h2>",
                     "<p>", "родился", "12 мая 1960", "01.02.1970", "<script>", "</script>", "&amp;", "&#0;",
                     "<!--", "-->", "<![CDATA[", '<img alt="Мажилис Парламента Республики Казахстан">']),
    st.text(max_size=15)), max_size=25).map("".join)


@fuzz
@given(HTML_BITS)
def test_html_readers_parse_anything_and_refuse_by_layout_only(page):
    root = parse_html(page)
    assert isinstance(root.clean_text(), str)
    text = biography.visible_text(root)
    try:
        born = biography.birth_date(text)
    except biography.NoBirthMarker:
        born = None
    assert born is None or isinstance(born, dt.date)
    from opentenge.ingest.runner import load_importer

    for source, name in (("senate", "deputies.ru-RU.html"), ("senate", "biography.12.ru-RU.html"),
                         ("mazhilis", "blog.html")):
        with tempfile.TemporaryDirectory() as folder:
            ctx = _context(source, name, page.encode("utf-8", "surrogatepass"), Path(folder))
            try:
                load_importer(source).read_file(ctx)
            except IngestError as exc:  # LayoutChanged is one
                assert str(ctx.file.path) in str(exc)


@fuzz
@given(JSON_DOCS)
def test_mazhilis_answer_shapes_are_read_or_refused_as_layout_changes(document):
    try:
        found = MazhilisImporter.deputies_of(document, "fuzz.ru.json")
    except LayoutChanged:
        return
    assert all(isinstance(locator, str) for locator, _ in found)


def load_months(ctx: FileContext) -> None:
    """A budget report's months are parsed when the writer asks for them: ask, as the writer would."""
    for record in ctx.records:
        source = record.fields.get("month")
        if callable(getattr(source, "load", None)):
            source.load()


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40),
                        st.floats(allow_nan=False, allow_infinity=False), TEXTS,
                        st.lists(st.integers(), max_size=2), st.dictionaries(st.sampled_from(["name", "x"]), TEXTS,
                                                                              max_size=2))


@fuzz
@given(st.sampled_from(["goszakup", "bills", "mazhilis", "budget_egov"]), st.data())
def test_a_valid_json_record_with_one_field_fuzzed_is_emitted_or_quarantined_by_name(source, data):
    """Mutational fuzzing: start from a record the importer accepts, so the field parsers are reached."""
    from opentenge.demo.bad_sources import SHAPES
    from opentenge.ingest.runner import load_importer

    shape = SHAPES[source]
    row = shape.good_row(1, 0)
    column = data.draw(st.sampled_from(sorted(row)))
    row[column] = data.draw(JSON_VALUES)
    if source == "budget_egov":  # the portal's JSON grid answer, the same fields as the CSV
        content, name = json.dumps({"rows": [row]}, default=str).encode(), "grid.json"
    else:
        content, name = shape.render([row], shape.columns).encode(), shape.filename
    with tempfile.TemporaryDirectory() as folder:
        ctx = _context(source, name, content, Path(folder))
        load_importer(source).read_file(ctx)
        load_months(ctx)
    assert len(ctx.quarantined) + len([r for r in ctx.records if r.locator]) >= 1
    for entry in ctx.quarantined:
        assert entry.reason and entry.field, entry


@fuzz
@given(st.sampled_from(["party_funding", "declarations", "officials", "company_roles", "election_funds",
                        "draft_acts", "public_councils", "budget_egov", "state_grants", "foreign_funding",
                        "ngo_register"]), st.data())
def test_a_valid_csv_row_with_one_cell_fuzzed_is_emitted_or_quarantined_by_name(source, data):
    from opentenge.civil.importing import TableImporter
    from opentenge.demo.bad_sources import SHAPES
    from opentenge.ingest.runner import load_importer

    shape = SHAPES[source]
    rows = [shape.good_row(1, i) for i in range(2)]
    column = data.draw(st.sampled_from(shape.columns))
    rows[1][column] = data.draw(TEXTS.filter(lambda t: "\n" not in t and "\r" not in t))
    with tempfile.TemporaryDirectory() as folder:
        ctx = _context(source, shape.filename, shape.render(rows, shape.columns).encode(), Path(folder))
        importer = load_importer(source)
        try:
            importer.read_file(ctx)
        except IngestError as exc:  # e.g. a header cell fuzzed into nonsense: the file is named
            assert str(ctx.file.path) in str(exc)
            return
        load_months(ctx)
    for entry in ctx.quarantined:
        duplicate = isinstance(importer, TableImporter) and entry.reason.startswith("duplicate")
        assert entry.reason and (entry.field or duplicate or entry.locator == "file"), entry


@fuzz
@given(st.text(max_size=20), st.text(max_size=20))
def test_emit_refuses_exactly_the_records_holding_a_nul_character(before, after):
    from opentenge.ingest.records import EntityRecord

    with tempfile.TemporaryDirectory() as folder:
        ctx = _context("goszakup", "contract.1.json", b"{}", Path(folder))
        for text in (f"{before}\\u0000{after}", f"{before}\x00{after}"):
            ctx.emit(EntityRecord("contract", 1, {"name": text}, "items[0]", {"descriptionRu": text}))
    has_nul = "\x00" in before + after
    assert len(ctx.records) == (0 if has_nul else 1)
    assert [q.field for q in ctx.quarantined] == ["descriptionRu"] * (2 if has_nul else 1)
    assert ctx.record_count == 2 and all("\x00" not in q.reason + q.raw for q in ctx.quarantined)

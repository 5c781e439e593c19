"""A seeded corpus of broken inputs for every importer, each case stating what must happen to it.

Issue 10 asks for "≥500 generated cases across every importer: zero crashes, every bad record
quarantined with its reason, every good record landed". A case is a tiny valid file of one source
(``bad_sources``) with one thing broken on purpose — a truncated file, another encoding, a BOM,
swapped, missing or extra columns, a 1 MB field, an invalid BIN/IIN, HTML and script in a text
field, absurd numbers, a duplicate key, an empty file, a JSON value of the wrong type — and an
:class:`Expectation`: how many records must land, which fields must be named by quarantined
records, or that the whole file must be refused (a file error naming the file). ``bad_check``
ingests the cases and compares.

The expectation comes from the importer's *documented* policy (``SourceShape``), never from a
run, so a regression that quietly drops good rows or lets a bad one through fails the check.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from opentenge.demo.bad_sources import SHAPES, SourceShape

HTML_PAYLOADS = ('<script>alert("bad-corpus")</script>', '<img src=x onerror="alert(1)">',
                 '"><b>bold</b><!--', "<iframe src='javascript:alert(1)'></iframe>")
BAD_IDENTIFIERS = ("12345678901", "1234567890123", "12345678901A", "ABCDEFGHIJKL", "000000000000", "991340000001",
                   "-1")
BAD_DATES = ("2023-02-30", "31.13.2023", "вчера", "0000-00-00", "2023/01/01", "1e300")
BAD_JSON_VALUES = ([1, 2], {"nested": True}, True, None, 1.5e300)
HUGE = "Ж" * (1 << 19)  # half a million Cyrillic letters: one megabyte of UTF-8
ROWS = 4


@dataclass
class Expectation:
    """What ingesting a case must produce.

    ``landed`` bounds the records written (inserted + updated + unchanged); ``fields`` are the
    fields that quarantined records must name, one entry per expected quarantine (``*``: any record, ``+``: any named
    field, but a reason); ``file_error``: "must" (the file is refused whole), "may" (refusing
    the whole file is also acceptable) or "no".
    """

    landed: tuple[int, int]
    fields: list[str] = field(default_factory=list)
    file_error: str = "no"
    quarantine_exact: bool = True  # False: fields must appear, other quarantines are tolerated


@dataclass
class Case:
    id: str
    source: str
    mutation: str
    detail: str
    files: list[tuple[str, bytes]]  # (relative name, content) inside the case folder
    expect: Expectation
    prereq: tuple[tuple[str, str, str], ...] = ()
    html_marker: str = ""  # a text that must be stored verbatim (HTML/script cases)

    def as_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "mutation": self.mutation, "detail": self.detail,
                "files": [name for name, _ in self.files], "expect": self.expect.__dict__}


def _landed(shape: SourceShape, good: int) -> tuple[int, int]:
    n = shape.per_row * good + (shape.per_file if good else 0)
    return n, n


def _render(shape: SourceShape, rows: list[dict], columns=None, encoding: str = "utf-8") -> bytes:
    return shape.render(rows, columns or shape.columns).encode(encoding, errors="replace")


# -- record-level mutations: one row broken, the others must land --------------------------------

def _one_bad_row(shape: SourceShape, rows: list[dict], column: str, value, rng: random.Random, *,
                 outcome: str = "quarantine") -> tuple[list[dict], Expectation]:
    victim = rng.randrange(len(rows))
    rows[victim] = {**rows[victim], column: value}
    if outcome == "lands":
        return rows, Expectation(_landed(shape, len(rows)))
    if outcome == "file":
        return rows, Expectation((0, 0), file_error="must")
    if outcome == "named":  # refused before the writer, under the field's published or internal name
        return rows, Expectation(_landed(shape, len(rows) - 1), ["+"], quarantine_exact=False)
    return rows, Expectation(_landed(shape, len(rows) - 1), [shape.field_of(column)])


def record_cases(shape: SourceShape, next_k, rng: random.Random) -> list[tuple[str, str, list[dict], Expectation, str]]:
    """``(mutation, detail, rows, expectation, html marker)`` for every record-level corruption.

    ``next_k()`` gives each case its own number, hence its own keys and bytes.
    """
    out = []

    def add(mutation, kind, value, outcome="quarantine", marker=""):
        column = shape.targets.get(kind)
        if column is None:
            return
        if kind in shape.file_level:
            outcome = "file"
        k = next_k()
        rows = [shape.good_row(k, i) for i in range(ROWS)]
        if marker:
            value = marker = f"{value} {k}"
        r, expect = _one_bad_row(shape, rows, column, value, rng, outcome=outcome)
        out.append((mutation, f"{column}={str(value)[:40]!r}", r, expect, marker))

    for value in shape.bad_identifiers or BAD_IDENTIFIERS:
        add("invalid_identifier", "identifier", value)
    for value in shape.absurd_amounts:
        add("absurd_number", "amount", value)
    for value in BAD_DATES:
        add("invalid_date", "date", value)
    for payload in HTML_PAYLOADS:
        add("html_script", "text", payload, outcome="lands", marker=payload)
    add("missing_required", "required", "")
    for value in (2**31, -(2**31) - 5, 10**19):  # beyond a 32-bit IntegerField (and, last, a 64-bit one)
        add("absurd_number", "wide_integer", value if shape.fmt == "json" else str(value))
    add("nul_character", "text", "нуль\x00байт", outcome="named")
    if shape.fmt == "json":
        for value in BAD_JSON_VALUES:
            add("wrong_json_type", "wrong_type", value)
    return out


# -- file-level mutations --------------------------------------------------------------------

def _truncate(data: bytes, rng: random.Random, fmt: str) -> bytes:
    """CSV: cut inside the last line; JSON/HTML: somewhere in the second half (a download cut short)."""
    body = data.rstrip(b"\n")
    last_start = body.rfind(b"\n") + 1 if fmt == "csv" else len(body) // 2
    cut = rng.randrange(last_start + 1, len(body) - 1)
    while cut < len(body) and (body[cut] & 0xC0) == 0x80:
        cut += 1
    return body[:cut]


def file_cases(shape: SourceShape, next_k, rng: random.Random) -> list[tuple[str, str, list[tuple[str, bytes]], Expectation]]:
    """``(mutation, detail, files, expectation)`` for every whole-file corruption, each with its own keys."""
    name = shape.filename
    full = _landed(shape, ROWS)
    text_column = shape.targets.get("text", shape.columns[-1])
    change = shape.changeable
    out = []

    def fresh() -> tuple[int, list[dict]]:
        k = next_k()
        return k, [shape.good_row(k, i) for i in range(ROWS)]

    def add(mutation, detail, files, expect):
        out.append((mutation, detail, files, expect))

    _, rows = fresh()
    if shape.fmt == "csv":  # the cut row is quarantined (or, cut inside a quoted cell, still whole)
        cut = Expectation((_landed(shape, ROWS - 1)[0], full[1]), [], quarantine_exact=False)
    elif shape.fmt == "html":
        cut = Expectation((0, full[1]), [], file_error="may", quarantine_exact=False)
    else:
        cut = Expectation((0, 0), file_error="must")
    add("truncated", "cut inside the last record", [(name, _truncate(_render(shape, rows), rng, shape.fmt))], cut)
    _, rows = fresh()
    add("truncated", "cut again, elsewhere", [(name, _truncate(_render(shape, rows), rng, shape.fmt))], cut)
    _, rows = fresh()
    add("crlf_line_ends", "Windows line endings", [(name, _render(shape, rows).replace(b"\n", b"\r\n"))],
        Expectation(full))
    _, rows = fresh()
    add("utf16", "UTF-16 with a byte-order mark", [(name, _render(shape, rows, encoding="utf-16"))],
        Expectation((0, 0), file_error="must") if shape.utf8_only else Expectation(full))
    _, rows = fresh()
    add("utf8_bom", "UTF-8 with a byte-order mark", [(name, b"\xef\xbb\xbf" + _render(shape, rows))],
        Expectation(full))
    _, rows = fresh()
    data = _render(shape, rows, encoding="cp1251")
    add("wrong_encoding", "Windows-1251 where UTF-8 is expected", [(name, data)],
        Expectation((0, 0), file_error="must") if shape.utf8_only and not data.isascii() else Expectation(full))
    add("empty_file", "zero bytes", [(name, b"")], Expectation((0, 0), file_error="may", quarantine_exact=False))
    _, rows = fresh()
    rows[0] = {**rows[0], text_column: HUGE}
    add("huge_field", f"1 MB in {text_column}", [(name, _render(shape, rows))],
        Expectation((full[0] - shape.per_row - shape.per_file, full[1]), [], file_error="may", quarantine_exact=False))
    _, rows = fresh()
    rows.append({**rows[0], change: "7000000.00" if change == "amount_tenge" else f"{rows[0].get(change, '')} дубль"})
    if shape.duplicate == "quarantine":
        add("duplicate_id_in_file", "the first record's key again", [(name, _render(shape, rows))],
            Expectation(full, ["*"]))
    else:
        add("duplicate_id_in_file", "the first record's key again", [(name, _render(shape, rows))],
            Expectation((full[0] + shape.per_row, full[1] + shape.per_row)))
    k, rows = fresh()
    second = [{**rows[1], change: f"{k}.00" if change == "amount_tenge" else f"изменено {k}"}, shape.good_row(k, ROWS)]
    both = full[0] + _landed(shape, 2)[0]
    add("duplicate_id_across_files", "a key of file 1 again in file 2",
        [(name, _render(shape, rows)), (shape.second_filename or "z_second_" + name, _render(shape, second))],
        Expectation((both, both)))
    if shape.fmt == "csv":
        _, rows = fresh()
        a, b = rng.sample(range(len(shape.columns)), 2)
        swapped = list(shape.columns)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        add("swapped_columns", f"{shape.columns[a]} <-> {shape.columns[b]} (header and cells)",
            [(name, _render(shape, rows, tuple(swapped)))],
            Expectation((0, 0), file_error="must") if shape.strict_header else Expectation(full))
        _, rows = fresh()
        required = shape.targets.get("required") or shape.columns[0]
        dropped = tuple(c for c in shape.columns if c != required)
        add("missing_column", f"no {required} column", [(name, _render(shape, rows, dropped))],
            Expectation((0, 0), file_error="must"))
        _, rows = fresh()
        extra_rows = [{**r, "Примечание": "<b>лишнее</b>"} for r in rows]
        add("extra_column", "an unknown column", [(name, _render(shape, extra_rows, (*shape.columns, "Примечание")))],
            Expectation(full) if shape.extra_column_lands else Expectation((0, 0), file_error="must"))
        _, rows = fresh()
        lines = _render(shape, rows).decode("utf-8").split("\n")
        lines[2] = (";" if shape.render.__name__ == "semicolon_csv" else ",") + lines[2]
        add("shifted_row", "the second record shifted right by one cell", [(name, "\n".join(lines).encode())],
            Expectation(_landed(shape, ROWS - 1), ["*"]))
    elif shape.fmt == "html":
        for page in ("<html><body><p>Сайт на реконструкции</p></body></html>", "<a class='person-card'>",
                     "{\"result\": []}", "<div class=\"person-card--full-name\">x</div>"):
            add("wrong_markup", f"not the expected page: {page[:30]}", [(name, page.encode())],
                Expectation((0, 0), file_error="must"))
    else:
        for value in ("[]", "{}", '"a string"', "42", "null", '{"items": 5}', '{"result": {"a": 1}}'):
            add("wrong_json_top", f"the document is {value}", [(name, value.encode())],
                Expectation((0, 0), file_error="may", quarantine_exact=False))
        _, rows = fresh()
        document = json.loads(_render(shape, rows))
        container = document if isinstance(document, list) else document.get("items", document.get("result"))
        container.insert(1, "not an object")
        add("record_not_object", "a string among the records",
            [(name, json.dumps(document, ensure_ascii=False).encode())], Expectation(full, ["*"]))
        _, rows = fresh()
        extra_rows = [{**r, "unexpectedField": "x"} for r in rows]
        add("extra_column", "an unknown key in every record", [(name, _render(shape, extra_rows))],
            Expectation(full) if shape.extra_column_lands else Expectation((0, 0), ["unexpectedField"] * ROWS))
    return out


# -- the corpus ------------------------------------------------------------------------------

def all_cases(seed: int = 10) -> list[Case]:
    """Every (source, mutation, value) combination once, in a seeded order; case ids are stable."""
    rng = random.Random(seed)
    cases: list[Case] = []
    counter = iter(range(seed * 1000, seed * 1000 + 100_000))
    for source in sorted(SHAPES):
        shape = SHAPES[source]
        for mutation, detail, rows, expect, marker in record_cases(shape, lambda: next(counter), rng):
            cases.append(Case(f"{source}-{len(cases):04d}-{mutation}", source, mutation, detail,
                              [(shape.filename, _render(shape, rows))], expect, shape.prereq, marker))
        for mutation, detail, files, expect in file_cases(shape, lambda: next(counter), rng):
            cases.append(Case(f"{source}-{len(cases):04d}-{mutation}", source, mutation, detail, files, expect,
                              shape.prereq))
    return cases


def write_case(out_dir: Path, case: Case) -> Path:
    """The case's files under ``out_dir/<case id>/``, its prerequisites under ``out_dir/_prereq/``."""
    folder = out_dir / case.id
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in case.files:
        (folder / name).write_bytes(data)
    for source, name, text in case.prereq:
        (out_dir / "_prereq" / source).mkdir(parents=True, exist_ok=True)
        (out_dir / "_prereq" / source / name).write_text(text, encoding="utf-8")
    return folder


def generate(out_dir: Path, n: int | None = None, seed: int = 10) -> list[Case]:
    """Write ``n`` cases (all when ``None``; a seeded sample spread over every source otherwise)."""
    cases = all_cases(seed)
    if n is not None and n < len(cases):
        by_source: dict[str, list[Case]] = {}
        for case in cases:
            by_source.setdefault(case.source, []).append(case)
        rng = random.Random(seed)
        picked: list[Case] = []
        pools = {s: rng.sample(c, len(c)) for s, c in sorted(by_source.items())}
        while len(picked) < n:
            for source in sorted(pools):
                if pools[source] and len(picked) < n:
                    picked.append(pools[source].pop())
        cases = sorted(picked, key=lambda c: c.id)
    for case in cases:
        write_case(Path(out_dir), case)
    (out_dir / "cases.json").write_text(json.dumps([c.as_dict() for c in cases], ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    return cases

"""The synthetic budget.egov.kz corpus (``opentenge demo-data`` → ``<out>/budget_egov/``).

Every check reads the generated CSV files back with its own code (``split(";")`` and
``Decimal``), compares the layout with the real files in ``tests/fixtures/budget_egov/`` and
recomputes totals from the rows, so nothing here trusts the generator's bookkeeping.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from opentenge.demo import budget as demo_budget
from opentenge.demo import generate
from opentenge.demo.budget import BUDGET_SCALES, generate_budget
from opentenge.demo.names import MINISTRIES

REAL = FIXTURES / "budget_egov"
REAL_FLAT = REAL / "rb_vedomstv_klassifikatsiya_2023_head.csv"
REAL_TREE = REAL / "respublikanskiy_byudzhet_2023-01_head.csv"
REAL_INVESTMENTS = REAL / "rb_prioritetnye_investitsii_2023-01_head.csv"
REAL_ECONOMIC = REAL / "rb_ekon_klassifikatsiya.csv"
FILES = {
    "departmental": "rb_vedomstv_klassifikatsiya.csv",
    "functional": "rb_funkts_klassifikatsiya.csv",
    "economic": "rb_ekon_klassifikatsiya.csv",
    "programme": "respublikanskiy_byudzhet.csv",
    "investments": "rb_prioritetnye_investitsii.csv",
}
REAL_LAYOUT = {"departmental": REAL_FLAT, "functional": REAL_FLAT, "economic": REAL_ECONOMIC,
               "programme": REAL_TREE, "investments": REAL_INVESTMENTS}
AMOUNTS = ("utv", "utch", "plg", "plgp", "plgo", "sumrg", "obz")
PERIOD = re.compile(r"(0[1-9]|1[0-2])\.20\d\d")


# -- an independent reading of the files -----------------------------------------------------

def header(path: Path) -> str:
    return path.read_bytes().split(b"\n", 1)[0].decode("utf-8")


@lru_cache(maxsize=32)
def read(path: Path) -> tuple[dict, ...]:
    """Rows as dicts of text, plus ``_line``; cached per file (do not mutate)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    columns = lines[0].split(";")
    assert lines[-1] == "", f"{path.name}: no final newline"
    rows = []
    for number, line in enumerate(lines[1:-1], start=2):
        fields = line.split(";")
        assert len(fields) == len(columns), f"{path.name}:{number}: {len(fields)} fields, not {len(columns)}"
        rows.append({**dict(zip(columns, fields)), "_line": number})
    return tuple(rows)


def by_month(rows) -> dict[str, list[dict]]:
    months: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        months[row["month"]].append(row)
    return months


def period_key(month: str) -> tuple[int, int]:
    mm, yyyy = month.split(".")
    return int(yyyy), int(mm)


def dec(row: dict, column: str) -> Decimal:
    return Decimal(row[column])


def digests(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("budget")
    started = time.monotonic()
    stats = generate_budget(out, seed=42, scale="small")
    stats["_seconds"] = time.monotonic() - started
    return out / "budget_egov", stats


@pytest.fixture(scope="module")
def files(corpus) -> dict[str, Path]:
    root, _ = corpus
    return {view: root / name for view, name in FILES.items()}


# -- layout ------------------------------------------------------------------------------------

def test_files_have_the_real_bytes_layout(files):
    assert sorted(p.name for p in next(iter(files.values())).parent.iterdir()) == sorted(FILES.values())
    for view, path in files.items():
        data = path.read_bytes()
        assert header(path) == header(REAL_LAYOUT[view]), view
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and data.endswith(b"\n"), view
        assert b'"' not in data, f"{view}: the real files never quote"
        data.decode("utf-8")
        assert read(path), view


def test_flags_levels_months_and_ids_as_published(files):
    for view, path in files.items():
        tree = view in ("programme", "investments")
        months = by_month(read(path))
        assert list(months) == sorted(months, key=period_key), f"{view}: months out of order"
        assert len(months) == 27 and next(iter(months)) == "01.2023" and list(months)[-1] == "03.2025"
        for month, rows in months.items():
            assert PERIOD.fullmatch(month)
            ids = [int(r["id"]) for r in rows]
            assert ids[0] == 1 and ids == sorted(ids) and len(set(ids)) == len(ids), (view, month)
            if not tree:
                assert ids == list(range(1, len(rows) + 1))
            for r in rows:
                assert (r["loaded"], r["expanded"]) == ("True", "False")
                assert r["isLeaf"] in ("True", "False")
                if not tree:
                    assert r["level"] == "0" and r["isLeaf"] == "True"
    # tree files: parent ids point at an earlier row of the same month, one level up, codes as floats
    for view in ("programme", "investments"):
        for month, rows in by_month(read(files[view])).items():
            seen = {r["id"]: r for r in rows}
            for r in rows:
                if r["level"] == "0":
                    assert r["parentCode"] == r["parent_id"] == ""
                    continue
                parent = seen[r["parent_id"].removesuffix(".0")]
                assert int(parent["level"]) == int(r["level"]) - 1 and int(parent["id"]) < int(r["id"])
                expected_code = f"{parent['code']}.0" if view == "investments" else parent["code"]
                assert r["parentCode"] == expected_code, (view, r["_line"])
    programme_codes = {r["code"] for r in read(files["programme"])}
    assert all(c == "" or re.fullmatch(r"\d+\.0", c) for c in programme_codes)
    assert {"101.0", "217.0"} <= programme_codes
    assert all(re.fullmatch(r"\d+", r["code"]) for r in read(files["investments"]))


def test_id_gaps_after_section_rows_like_the_real_report(files):
    gaps = 0
    for rows in by_month(read(files["programme"])).values():
        ids = [int(r["id"]) for r in rows]
        gaps += sum(1 for a, b in zip(ids, ids[1:]) if b != a + 1)
    assert gaps >= 27 * 4


def test_numbers_are_python_float_text(files):
    for view, path in files.items():
        for r in read(path):
            for column in (*AMOUNTS, "obzsumrg", "plgpsumrg", "plgsumrg"):
                text = r[column]
                assert repr(float(text)) == text, (view, r["_line"], column, text)
            if view != "investments":  # investments parents are float sums, with artefacts
                for column in AMOUNTS:
                    assert Decimal(r[column]).as_tuple().exponent >= -3, (view, r["_line"], column)
    investments = [r[c] for r in read(files["investments"]) for c in AMOUNTS]
    assert any(len(text.split(".")[1]) > 3 for text in investments), "no float artefact like 10633063.200000001"
    percents = [r[c] for path in files.values() for r in read(path) for c in ("plgpsumrg", "plgsumrg")]
    assert any("e-" in text for text in percents), "no tiny percentage in exponent notation"


def test_derived_columns_are_computed_in_floating_point_as_the_source_does(files):
    for view, path in files.items():
        for r in read(path):
            utv, plg, plgp, sumrg, obz = (float(r[c]) for c in ("utv", "plg", "plgp", "sumrg", "obz"))
            no_obligations = float(r["plgo"]) == 0 and obz == 0
            assert float(r["obzsumrg"]) == (0.0 if no_obligations else obz - sumrg), (view, r["_line"])
            assert float(r["plgpsumrg"]) == (sumrg / plgp * 100 if plgp and sumrg else 0.0), (view, r["_line"])
            assert float(r["plgsumrg"]) == (sumrg / plg * 100 if plg and sumrg else 0.0), (view, r["_line"])
            if r["month"].startswith("12."):
                assert r["plgp"] == r["plg"], (view, r["_line"], "December: the period plan is the year's")


# -- totals ------------------------------------------------------------------------------------

def test_departmental_total_is_the_exact_sum_of_administrators(files, corpus):
    _, stats = corpus
    for month, rows in by_month(read(files["departmental"])).items():
        total, abps = rows[0], rows[1:]
        assert (total["code"], total["name"]) == ("0", "Итого")
        codes = [int(r["code"]) for r in abps]
        assert codes == sorted(codes) and all(100 <= c <= 999 for c in codes)
        for column in AMOUNTS:
            assert sum(dec(r, column) for r in abps) == dec(total, column), (month, column)
        expected = stats["departmental_totals"]["{1}-{0}".format(*month.split("."))]
        assert expected["rows"] == len(abps)
        assert Decimal(expected["sumrg"]) == dec(total, "sumrg") and Decimal(expected["utv"]) == dec(total, "utv")


def test_functional_and_economic_views_reconcile_like_the_real_ones(files):
    departmental = {m: rows[0] for m, rows in by_month(read(files["departmental"])).items()}
    for month, rows in by_month(read(files["functional"])).items():
        total, groups = rows[0], rows[1:]
        assert [int(r["code"]) for r in groups] == list(range(1, 17))
        for column in AMOUNTS:
            assert sum(dec(r, column) for r in groups) == dec(total, column) == dec(departmental[month], column)
    for month, rows in by_month(read(files["economic"])).items():
        total, categories = rows[0], rows[1:]
        assert [int(r["code"]) for r in categories] == list(range(1, 7))
        assert [r["name"] for r in rows] == [r["name"] for r in read(REAL_ECONOMIC)[:7]]
        assert all(dec(r, "utv") == dec(r, "utch") == 0 for r in categories)
        for column in ("plg", "sumrg"):  # the real quirk: the categories fall short of Итого
            assert sum(dec(r, column) for r in categories) < dec(total, column), (month, column)
        for column in AMOUNTS:
            assert dec(total, column) == dec(departmental[month], column)


def test_hierarchical_report_adds_up(files):
    departmental = by_month(read(files["departmental"]))
    for month, rows in by_month(read(files["programme"])).items():
        children: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            children[r["parent_id"].removesuffix(".0")].append(r)
        sections = {r["name"].split(".")[0]: r for r in rows if r["level"] == "0" and r["code"]}
        assert list(sections) == ["I", "II", "III", "IV", "V", "VI", "VII"]
        net = ("utv", "utch", "plg", "plgp", "sumrg")
        for r in rows:  # parents are the exact sum of their children, except net and balance rows
            kids = children.get(r["id"], [])
            if kids and r["level"] != "0":
                for column in AMOUNTS:
                    assert sum(dec(k, column) for k in kids) == dec(r, column), (month, r["_line"], column)
        i, ii, iii, iv, v, vii = (sections[k] for k in ("I", "II", "III", "IV", "V", "VII"))
        for column in net:
            assert dec(v, column) == dec(i, column) - dec(ii, column) - dec(iii, column) - dec(iv, column)
            assert dec(vii, column) == -dec(v, column)
        # ABP rows of II + III.1 + IV.1 + VII.2 = the departmental view, administrator by administrator
        per_abp: dict[str, Decimal] = defaultdict(Decimal)
        for r in rows:
            if r["code"] and int(float(r["code"])) >= 100:
                per_abp[r["code"].removesuffix(".0")] += dec(r, "sumrg")
        assert per_abp == {r["code"]: dec(r, "sumrg") for r in departmental[month][1:]}


def test_investments_parents_are_float_sums_of_children(files):
    for month, rows in by_month(read(files["investments"])).items():
        children: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            children[r["parent_id"].removesuffix(".0")].append(r)
        assert rows[0]["name"] == "I. Республиканские инвестиционные проекты - всего"
        by_id = {r["id"]: r for r in rows}
        programmes = [(by_id[r["parent_id"].removesuffix(".0")]["code"], r["code"]) for r in rows if r["level"] == "3"]
        assert len(programmes) == len(set(programmes)), f"{month}: an ABP lists a programme code twice"
        for r in rows:
            kids = children.get(r["id"], [])
            if not kids:
                assert r["level"] == "4", (month, r["_line"])
                continue
            for column in AMOUNTS:
                total = 0.0
                for k in kids:
                    total += float(k[column])
                assert total == float(r[column]), (month, r["_line"], column)


# -- execution over time -----------------------------------------------------------------------

def test_cumulative_series_grow_within_a_year_except_the_reorganisation(files, corpus):
    _, stats = corpus
    reorganised = stats["reorganisation"]["successors"]
    assert stats["reorganisation"]["period"] == "2023-10" and reorganised
    successors = {code for codes in reorganised.values() for code in codes}
    series: dict[str, dict[tuple[int, int], dict]] = defaultdict(dict)
    for r in read(files["departmental"]):
        series[r["code"]][period_key(r["month"])] = r
    drops = set()
    for code, points in series.items():
        periods = sorted(points)
        for before, after in zip(periods, periods[1:]):
            if before[0] != after[0]:
                continue
            for column in ("plgp", "plgo", "sumrg", "obz"):
                if dec(points[after], column) < dec(points[before], column):
                    drops.add((code, after))
    # only the predecessors fall, once, at the reorganisation, and only to zero
    assert drops == {(code, (2023, 10)) for code in reorganised}
    for code in reorganised:
        points = series[code]
        assert all(dec(points[(2023, m)], "sumrg") == 0 and dec(points[(2023, m)], "utv") > 0 for m in (10, 11, 12))
        assert not any(year >= 2024 for year, _ in points), f"{code} outlives the reorganisation"
    for code in successors:
        first = min(series[code])
        assert first == (2023, 10) and dec(series[code][first], "sumrg") > 0
        assert dec(series[code][first], "utv") == 0 and dec(series[code][(2024, 1)], "utv") > 0


def test_execution_curves_differ_between_administrators(files):
    december = {r["code"]: r for r in read(files["departmental"]) if r["month"] == "12.2024"}
    november = {r["code"]: r for r in read(files["departmental"]) if r["month"] == "11.2024"}
    executed = {code: dec(r, "sumrg") / dec(r, "plg") for code, r in december.items() if code != "0"}
    rush = {code: (dec(r, "sumrg") - dec(november[code], "sumrg")) / dec(r, "sumrg")
            for code, r in december.items() if code != "0"}
    assert min(executed.values()) < Decimal("0.92") < Decimal("0.97") < max(executed.values()) <= 1
    assert max(rush.values()) > Decimal("0.2") > Decimal("0.12") > min(rush.values())
    january = [r for r in read(files["departmental"]) if r["month"] == "01.2024" and r["code"] != "0"]
    assert min(dec(r, "sumrg") / dec(r, "plgp") for r in january) < Decimal("0.5")  # a slow start


# -- names and quirks --------------------------------------------------------------------------

def test_every_demo_ministry_is_an_administrator_under_the_same_name(files):
    names = {r["name"] for r in read(files["departmental"])}
    for _, ru in MINISTRIES:
        assert f"{ru} Республики Казахстан" in names, ru
    assert len({r["code"] for r in read(files["departmental"])}) > len(MINISTRIES) + 3


def test_real_quirks_in_moderation(files):
    departmental = read(files["departmental"])
    names_by_code: dict[str, set[str]] = defaultdict(set)
    for r in departmental:
        names_by_code[r["code"]].add(r["name"])
    renamed = {code for code, names in names_by_code.items() if len(names) > 1}
    assert renamed == {"637"}
    years = {r["name"]: r["month"][3:] for r in departmental if r["code"] == "637"}
    assert years["Аппарат Конституционного Суда Республики Казахстан"] >= "2024"
    padded = {r["name"] for r in departmental if r["name"] != r["name"].strip()}
    assert len(padded) == 1
    mixed = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")  # a Latin letter inside a Cyrillic word
    latin = {r["name"] for path in files.values() for r in read(path) if mixed.search(r["name"])}
    assert latin == {"Hалог на добавленную стоимость"}
    programme = read(files["programme"])
    assert any(dec(r, "sumrg") < 0 for r in programme if r["level"] != "0")  # refunds exceed receipts
    assert {r["name"] for r in programme if r["level"] == "0" and not r["code"]} == {
        "ИСПОЛЬЗУЕМЫЕ ОСТАТКИ БЮДЖЕТНЫХ СРЕДСТВ", "Остатки бюджетных средств на начало финансового года",
        "Остатки бюджетных средств на конец отчетного периода"}
    investments = read(files["investments"])
    assert any(r["code"] == "0" and r["name"] == "" and r["level"] == "4" for r in investments)
    transfers = {r["name"] for r in investments if r["level"] == "3" and "трансферт" in r["name"].lower()}
    assert len(transfers) >= 2
    assert any(r["name"] == "Трансферты" and r["code"] == "15.0" for r in programme)


# -- determinism, scales, speed ----------------------------------------------------------------

def test_same_seed_gives_identical_bytes_and_another_seed_differs(corpus, tmp_path):
    root, stats = corpus
    again = generate_budget(tmp_path / "again", seed=42, scale="small")
    generate_budget(tmp_path / "other", seed=7, scale="small")
    assert digests(root) == digests(tmp_path / "again" / "budget_egov")
    other = digests(tmp_path / "other" / "budget_egov")
    assert all(other[name] != digest for name, digest in digests(root).items())
    assert {k: v for k, v in again.items()} == {k: v for k, v in stats.items() if k != "_seconds"}


def test_small_is_small_and_fast(corpus):
    _, stats = corpus
    assert stats["_seconds"] < 3
    assert stats["rows"] == sum(len(read(p)) for p in (corpus[0] / name for name in FILES.values())) <= 5_000
    assert {view: v["rows"] for view, v in stats["views"].items()} == {
        view: len(read(corpus[0] / name)) for view, name in FILES.items()}


def test_rows_grow_with_the_scale(tmp_path, monkeypatch):
    """Medium is bigger than small; large passes 2,000,000 rows (measured on two months, ×75)."""
    assert set(BUDGET_SCALES) == {"small", "medium", "large"}
    medium = generate_budget(tmp_path / "medium", seed=1, scale="medium")
    assert medium["rows"] > 4 * 5_000
    large = dict(BUDGET_SCALES["large"])
    months = len(demo_budget._periods(large["first"], large["last"]))
    assert months >= 75
    monkeypatch.setitem(BUDGET_SCALES, "large", {**large, "last": (large["first"][0], 2)})
    sample = generate_budget(tmp_path / "large", seed=1, scale="large")
    assert sample["rows"] / 2 * months >= 2_000_000


# -- the whole demo corpus and its ingest ------------------------------------------------------

@pytest.fixture(scope="module")
def full_demo(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo-with-budget")
    return out, generate(out, seed=42, scale="small")


def test_manifest_describes_the_budget_corpus(full_demo):
    out, manifest = full_demo
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == manifest
    budget = manifest["expected"]["budget"]
    root = out / "budget_egov"
    assert manifest["counts"]["budget_files"] == budget["files"] == len(list(root.iterdir())) == 6
    assert manifest["counts"]["budget_rows"] == budget["rows"] == sum(len(read(root / n)) for n in FILES.values())
    assert budget["unit"] == "thousand KZT" and len(budget["periods"]) == 27
    for view, described in budget["views"].items():
        assert described["file"] == FILES[view] and described["months"] == 27
    # goszakup's buyers that are ministries are budget administrators under the same name ...
    subjects = {}
    for page in (out / "goszakup" / "subject").glob("subject.*.json"):
        if not page.name.endswith(".meta.json"):
            subjects.update({i["bin"]: i["name_ru"] for i in json.loads(page.read_text(encoding="utf-8"))["items"]
                             if i["bin"]})
    buyers = {name for name in subjects.values() if name.startswith('ГУ "Министерство')}
    assert buyers
    names_by_code = {r["code"]: r["name"] for r in read(root / FILES["departmental"])}
    for buyer in buyers:
        assert buyer.removeprefix("ГУ ").strip('"') in names_by_code.values()
        assert budget["ministries"][buyer] in budget["administrators"]
    # ... and the operator's mapping (docs/formats/budget_abp_organisations.md) links them by BIN
    mapping = (root / "abp_organisations.csv").read_text(encoding="utf-8").splitlines()
    assert mapping[0] == "abp_code,bin,relation" and len(mapping) - 1 == len(buyers)
    for line in mapping[1:]:
        code, bin_, relation = line.split(",")
        assert relation == "self" and subjects[bin_] == f'ГУ "{names_by_code[code]}"'
    assert budget["abp_organisations"]["rows"] == len(buyers)


@pytest.mark.skipif(not (REPO / "src/opentenge/sources/budget_egov/importer.py").exists(),
                    reason="the budget_egov importer (src/opentenge/sources/budget_egov/importer.py) is not there yet")
def test_the_importer_takes_every_row_and_the_totals_reconcile(db, full_demo):
    from opentenge.budget.models import AdministratorMapping, Discrepancy
    from opentenge.budget.totals import totals
    from opentenge.ingest.runner import run_ingest

    out, manifest = full_demo
    budget = manifest["expected"]["budget"]
    summary = run_ingest("budget_egov", [out / "budget_egov"])
    assert summary.quarantined == 0
    assert summary.records == budget["rows"] + budget["abp_organisations"]["rows"]
    assert {(m.abp_code, m.bin) for m in AdministratorMapping.objects.all()} == set(
        budget["abp_organisations"]["links"].items())
    published = {t["period"]: t for t in totals("departmental")}
    assert set(published) == set(budget["periods"])
    for period, expected in budget["departmental_totals"].items():
        assert published[period]["rows"] == expected["rows"], period
        assert Decimal(published[period]["totals"]["sumrg"]) == Decimal(expected["sumrg"]), period
        assert Decimal(published[period]["totals"]["utv"]) == Decimal(expected["utv"]), period
    for view in ("functional", "economic"):
        assert len(totals(view)) == 27, view
    # only the economic categories miss part of their Итого (the real quirk); everything else adds up
    mismatched = set(Discrepancy.objects.filter(severity="mismatch").values_list("snapshot__view", flat=True))
    assert mismatched == {"economic"}

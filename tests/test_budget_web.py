"""Budget pages, their JSON twins, CSV downloads and ``/api/v1/budget`` on the real budget.egov.kz files.

Every figure is recomputed here from the raw ``;``-separated files with ``csv`` and ``Decimal``,
independently of the importer and of ``opentenge.budget.explore``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import FIXTURES, GOSZAKUP

BUDGET = FIXTURES / "budget_egov"
DEPARTMENTAL = BUDGET / "rb_vedomstv_klassifikatsiya_2023_head.csv"
ECONOMIC = BUDGET / "rb_ekon_klassifikatsiya.csv"
INVESTMENTS = BUDGET / "rb_prioritetnye_investitsii_2023-01_head.csv"
FULL_REPORT = BUDGET / "respublikanskiy_byudzhet_2023-01_head.csv"
REAL_FILES = [DEPARTMENTAL, ECONOMIC, INVESTMENTS, FULL_REPORT]
LANGS = ("kk", "ru", "en")
ONE_TENGE = Decimal("0.001")
CENT = Decimal("0.01")
THIN = "\u202f"


def published(path, month: str | None = None) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh, delimiter=";") if month is None or row["month"] == month]


def kt(text: str) -> Decimal:
    """A published amount as the source means it: thousand tenge to the tenge."""
    return Decimal(text).quantize(ONE_TENGE, rounding=ROUND_HALF_UP)


def code(text: str) -> str:
    return str(int(Decimal(text)))


def pct(part: Decimal, whole: Decimal, places: Decimal = CENT) -> str:
    return str((part * 100 / whole).quantize(places))


def spaced(value: Decimal) -> str:
    """``9580073281653`` → ``9 580 073 281 653`` as the pages group digits."""
    return f"{value:,.0f}".replace(",", THIN)


def departmental(month: str) -> dict[str, dict]:
    return {row["code"]: row for row in published(DEPARTMENTAL, month)}


@pytest.fixture
def budget(db):
    from opentenge.ingest.runner import run_ingest

    return run_ingest("budget_egov", REAL_FILES)


@pytest.fixture
def get(budget, client):
    def fetch(path: str, status: int = 200):
        response = client.get(path)
        assert response.status_code == status, (path, response.status_code, response.content[:300])
        return response
    return fetch


def as_json(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


def as_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# -- the explorer --------------------------------------------------------------------------

def test_explorer_totals_equal_the_departmental_file(get):
    rows = departmental("12.2023")
    total, lines = rows.pop("0"), rows.values()
    data = as_json(get("/en/budget.json"))
    assert (data["view"], data["period"], data["unit"]) == ("departmental", "2023-12", "thousand KZT")
    for column in ("utv", "utch", "plg", "plgp", "plgo", "sumrg", "obz"):
        expected = sum(kt(row[column]) for row in lines)
        assert Decimal(data["totals"][column]) == expected, column
        assert data["totals"][column] == str(expected)  # exact decimal text, three places
        assert expected == kt(total[column])  # and the lines add up to «Итого»
    assert data["totals"]["published"]["sumrg"] == str(kt(total["sumrg"]))
    assert {u["code"]: u["sumrg"] for u in data["units"]} == {row["code"]: str(kt(row["sumrg"])) for row in lines}
    assert len(data["units"]) == len(lines) == 45
    # a year means its latest month; the JSON twin is the same with ?format=json on the page
    assert as_json(get("/en/budget.json?period=2023"))["totals"] == data["totals"]
    assert as_json(get("/en/budget/?format=json"))["units"] == data["units"]


def test_execution_curve_and_ranking_follow_the_monthly_files(get):
    data = as_json(get("/en/budget.json?period=2023-12&abp=217"))
    points = data["series"]["total"]
    assert [p["period"] for p in points] == [f"2023-{m:02d}" for m in range(1, 13)]
    for point in points:
        month = f"{point['period'][5:]}.2023"
        lines = [row for row in published(DEPARTMENTAL, month) if row["code"] != "0"]
        assert Decimal(point["sumrg"]) == sum(kt(row["sumrg"]) for row in lines)
        plan = sum(kt(row["plgp"]) for row in lines)
        # quirk 5: the departmental file publishes no period plan in 02–07.2023 — a gap, never 0
        assert point["plgp"] == (None if plan == 0 else str(plan)), month
    assert data["series"]["plan_gaps"] is True
    abp = data["series"]["abp"]
    assert abp["code"] == "217" and len(abp["points"]) == 12
    assert abp["points"][4]["sumrg"] == str(kt(departmental("05.2023")["217"]["sumrg"]))

    december, november = departmental("12.2023"), departmental("11.2023")
    ranking = data["ranking"]
    assert ranking["complete_year"] and ranking["period"] == "2023-12"
    by_code = {r["code"]: r for r in ranking["rows"]}
    for abp_code, row in december.items():
        if abp_code == "0":
            continue
        plan, paid = kt(row["plg"]), kt(row["sumrg"])
        assert by_code[abp_code]["execution_pct"] == (pct(paid, plan) if plan else None), abp_code
        in_december = paid - kt(november[abp_code]["sumrg"])
        assert by_code[abp_code]["december_share_pct"] == (pct(in_december, paid) if paid > 0 else None), abp_code
    shown = [r["execution_pct"] for r in ranking["rows"] if r["execution_pct"] is not None]
    assert shown == sorted(shown, key=Decimal), "the lowest execution comes first"
    shares = [by_code[c]["december_share_pct"] for c in ranking["december_rush"]]
    assert shares == sorted(shares, key=Decimal, reverse=True)


def test_treemap_and_programmes_of_the_investments_report(get):
    raw = published(INVESTMENTS, "01.2023")
    by_id = {row["id"]: row for row in raw}
    administrators, programmes = defaultdict(Decimal), defaultdict(Decimal)
    for row in raw:
        if row["level"] == "2":
            administrators[row["code"]] += kt(row["plg"])
        if row["level"] == "3":
            parent = by_id[code(row["parent_id"])]
            programmes[(parent["code"], row["code"].zfill(3))] += kt(row["plg"])
    data = as_json(get("/en/budget.json?view=investments&period=2023-01"))
    tree = data["treemap"]
    assert tree["depth"] == 3 and tree["measure"] == "plg"
    assert {n["code"]: Decimal(n["value"]) for n in tree["nodes"]} == {c: v for c, v in administrators.items() if v > 0}
    assert {(p["abp_code"], p["code"]): Decimal(p["plg"]) for p in data["programmes"]} == dict(programmes)
    node = next(n for n in tree["nodes"] if n["code"] == "217")
    assert [c["code"] for c in node["children"]] == ["205"]  # code 205 of ABP 217, leading zeros restored
    assert {c["code"] for c in node["children"][0]["children"]} == {"004", "030"}
    assert Decimal(data["totals"]["plg"]) == sum(administrators.values())
    sized_by_cash = as_json(get("/en/budget.json?view=investments&measure=sumrg"))["treemap"]
    assert {n["code"]: n["value"] for n in sized_by_cash["nodes"]} == {
        c: str(v) for c, v in _sum_level(raw, "2", "sumrg").items() if v > 0}


def _sum_level(rows, level, column):
    sums = defaultdict(Decimal)
    for row in rows:
        if row["level"] == level:
            sums[row["code"]] += kt(row[column])
    return sums


def test_transfers_are_marked_and_left_out_of_the_net_figure(get):
    """Administrator lines under functional group 15 «Трансферты» of section II are transfers."""
    raw = published(FULL_REPORT, "01.2023")
    by_id = {row["id"]: row for row in raw}

    def ancestors(row):
        while row["parent_id"]:
            row = by_id[code(row["parent_id"])]
            yield row

    transfers = sum(kt(row["sumrg"]) for row in raw if row["code"] and Decimal(row["code"]) >= 100
                    and any(a["level"] == "1" and a["name"].strip() == "Трансферты" for a in ancestors(row))
                    and any(a["name"].startswith("II.") for a in ancestors(row)))
    assert transfers > 0
    full = as_json(get("/en/budget.json?view=programme&period=2023-01"))
    assert Decimal(full["totals"]["transfers_sumrg"]) == transfers
    assert Decimal(full["totals"]["net_sumrg"]) == Decimal(full["totals"]["sumrg"]) - transfers
    assert next(u for u in full["units"] if u["code"] == "217")["has_transfers"] is True
    # the departmental report cannot tell transfers apart: it borrows them from the full report
    by_abp = as_json(get("/en/budget.json?period=2023-01"))
    assert by_abp["totals"]["transfers_view"] == "programme"
    assert Decimal(by_abp["totals"]["transfers_sumrg"]) == transfers
    html = get("/en/budget/?view=programme&period=2023-01").content.decode()
    assert 'href="#about-budget-data"' in html and 'id="about-budget-data"' in html
    assert "↔" in html


def test_csv_downloads_have_the_same_rows_and_sums(get):
    data = as_json(get("/en/budget.json?period=2023-12"))
    rows = as_csv(get("/en/budget.csv?period=2023-12"))
    assert len(rows) == len(data["units"]) == 45
    assert {r["code"] for r in rows} == {u["code"] for u in data["units"]}
    for column in ("utv", "plg", "sumrg"):
        assert sum(Decimal(r[f"{column}_thousand_kzt"]) for r in rows) == Decimal(data["totals"][column])
    same = as_csv(get("/en/budget/?period=2023-12&format=csv&table=units"))
    assert same == rows
    ranking = as_csv(get("/en/budget.csv?period=2023-12&table=ranking"))
    assert [r["code"] for r in ranking] == [r["code"] for r in data["ranking"]["rows"]]
    series = as_csv(get("/en/budget.csv?period=2023-12&table=series"))
    assert [r["sumrg_thousand_kzt"] for r in series] == [p["sumrg"] for p in data["series"]["total"]]
    programmes = as_csv(get("/en/budget.csv?view=investments&table=programmes"))
    assert sum(Decimal(r["plg_thousand_kzt"]) for r in programmes if r["level"] == "programme") == sum(
        _sum_level(published(INVESTMENTS, "01.2023"), "3", "plg").values())
    assert "attachment" in get("/en/budget.csv")["Content-Disposition"]
    get("/en/budget.csv?table=nothing", status=404)
    assert get("/en/budget.json?period=13.2023", status=400)


# -- the administrator page ----------------------------------------------------------------

def test_administrator_217_shows_its_figures(get):
    december = departmental("12.2023")["217"]
    data = as_json(get("/en/budget/abp/217.json"))
    assert data["name"] == "Министерство финансов Республики Казахстан" and data["period"] == "2023-12"
    for column in ("utv", "plg", "sumrg", "obz"):
        assert data["figures"][column] == str(kt(december[column])), column
    assert data["figures"]["execution_pct"] == pct(kt(december["sumrg"]), kt(december["plg"]))
    assert [p["sumrg"] for p in data["series"]] == [
        str(kt(departmental(f"{m:02d}.2023")["217"]["sumrg"])) for m in range(1, 13)]
    assert [(p["code"], p["plg"]) for p in data["programmes"]] == [("205", "45220730.000")]
    assert data["programmes_view"] == "investments" and data["programmes_period"] == "2023-01"
    assert {r["group"] for r in data["by_function"]["rows"]} >= {"Трансферты"}
    html = get("/en/budget/abp/217/").content.decode()
    assert spaced(kt(december["sumrg"]) * 1000) + THIN + "₸" in html  # 9 580 073 281 653 ₸, exact tenge
    assert 'data-testid="abp-code">217<' in html
    rows = as_csv(get("/en/budget/abp/217.csv"))
    assert [r["sumrg_thousand_kzt"] for r in rows] == [p["sumrg"] for p in data["series"]]
    functions = as_csv(get("/en/budget/abp/217.csv?table=functions"))
    assert sum(Decimal(r["sumrg_thousand_kzt"]) for r in functions) == sum(
        kt(row["sumrg"]) for row in published(FULL_REPORT, "01.2023") if row["code"] == "217.0")
    assert as_json(get("/en/budget/abp/217.json?period=2023-05"))["figures"]["sumrg"] == str(
        kt(departmental("05.2023")["217"]["sumrg"]))


def test_one_code_keeps_every_name_it_was_published_under(get):
    for abp in ("207", "637"):
        names = {row["name"] for row in published(DEPARTMENTAL) if row["code"] == abp}
        cleaned = {re.sub(r"\s+", " ", n).strip() for n in names}
        data = as_json(get(f"/en/budget/abp/{abp}.json"))
        assert {n["name"] for n in data["names"]} == cleaned and len(cleaned) == 2
    get("/en/budget/abp/999/", status=404)
    get("/en/budget/abp/nothing/", status=404)


# -- every page, every language --------------------------------------------------------------

PAGES = ("budget/", "budget/?view=investments", "budget/?view=programme&period=2023-01", "budget/?view=economic",
         "budget/?view=functional", "budget/?period=2023-06&abp=207&measure=sumrg", "budget/abp/217/",
         "budget/abp/207/?period=2023-11", "budget/quality/")


def test_every_page_renders_in_every_language(get):
    for lang in LANGS:
        for page in PAGES:
            html = get(f"/{lang}/{page}").content.decode()
            assert f'<html lang="{lang}">' in html, (lang, page)
            for other in LANGS:
                assert f'href="/{other}/{page.split("?")[0]}' in html, (lang, page, other)
            separator = "&" if "?" in page else "?"
            as_json(get(f"/{lang}/{page}{separator}format=json"))
            assert get(f"/{lang}/{page}{separator}format=csv")["Content-Type"].startswith("text/csv")
    english = ["Republican budget execution", "Approved", "Executed", "Adjusted plan", "Data quality",
               "About budget data", "Lowest execution", "Names over time", "Procurement by the same body"]
    for lang in ("kk", "ru"):
        for page in ("budget/", "budget/abp/217/", "budget/quality/"):
            visible = re.sub(r"<script.*?</script>|<[^>]+>", " ", get(f"/{lang}/{page}").content.decode(), flags=re.S)
            for words in english:
                assert words not in visible, (lang, page, words)


def test_an_empty_database_says_how_to_fill_it(client, db):
    html = client.get("/en/budget/").content.decode()
    assert "opentenge ingest budget_egov" in html
    assert json.loads(client.get("/en/budget.json").content)["empty"] is True


def test_a_report_not_ingested_keeps_the_others_at_hand(get):
    data = as_json(get("/en/budget.json?view=functional"))
    assert data["empty"] is True and data["views"] == ["departmental", "programme", "investments", "economic"]
    html = get("/ru/budget/?view=functional").content.decode()
    assert 'data-testid="view-missing"' in html and 'name="view"' in html


# -- data quality ---------------------------------------------------------------------------------

def test_quality_page_lists_the_economic_file_shortfall(get):
    january = published(ECONOMIC, "01.2023")
    total = next(row for row in january if row["code"] == "0")
    shortfall = sum(kt(row["plg"]) for row in january if row["code"] != "0") - kt(total["plg"])
    assert shortfall == Decimal("-475644210.000")
    data = as_json(get("/en/budget/quality.json"))
    found = [d for d in data["discrepancies"]
             if (d["view"], d["period"], d["scope"], d["column"]) == ("economic", "2023-01", "total", "plg")]
    assert len(found) == 1 and found[0]["difference"] == str(shortfall) and found[0]["severity"] == "mismatch"
    assert found[0]["published"] == str(kt(total["plg"]))
    html = get("/ru/budget/quality/").content.decode()
    assert "-" + spaced(-shortfall * 1000) + THIN + "₸" in html
    rows = as_csv(get("/en/budget/quality.csv"))
    assert len(rows) == len(data["discrepancies"])
    assert not data["history"]


def test_a_corrected_month_replaces_the_snapshot_and_keeps_the_old_one(get, tmp_path):
    """A re-published December with ABP 217's execution raised by 1000 thousand tenge."""
    from opentenge.ingest.runner import run_ingest

    header, *lines = DEPARTMENTAL.read_text(encoding="utf-8").splitlines()
    corrected = []
    for line in lines:
        fields = line.split(";")
        if fields[-1] != "12.2023":
            continue
        if fields[1] in ("0", "217"):
            fields[8] = str(Decimal(fields[8]) + 1000)  # sumrg
        corrected.append(";".join(fields))
    path = tmp_path / "departmental_2023-12_corrected.csv"
    path.write_text("\n".join([header, *corrected]) + "\n", encoding="utf-8")
    run_ingest("budget_egov", [path])

    history = as_json(get("/en/budget/quality.json"))["history"]
    assert [(h["view"], h["period"], h["file"], h["replaced_by_file"]) for h in history] == [
        ("departmental", "2023-12", DEPARTMENTAL.name, path.name)]
    figures = as_json(get("/en/budget/abp/217.json"))["figures"]
    assert Decimal(figures["sumrg"]) == kt(departmental("12.2023")["217"]["sumrg"]) + 1000
    assert path.name in get("/en/budget/quality/").content.decode()


# -- procurement of the same body and the organisation page ---------------------------------------

def test_procurement_share_and_organisation_panel(get, tmp_path):
    """The school 010340045676 of the goszakup fixture, mapped as a body under ABP 224.

    Its one contract (9001, 830 112 512 ₸ with VAT, signed 28.02.2023) over ABP 224's cash
    execution of 2023 from the departmental file — tenge over thousand tenge × 1000.
    """
    from opentenge.ingest.runner import run_ingest

    run_ingest("goszakup", [GOSZAKUP])
    mapping = tmp_path / "abp_organisations.csv"
    mapping.write_text("abp_code,bin,relation\n224,010340045676,subordinate\n", encoding="utf-8")
    run_ingest("budget_egov", [mapping])

    executed = kt(departmental("12.2023")["224"]["sumrg"])
    data = as_json(get("/en/budget/abp/224.json"))
    procurement = data["procurement"]
    assert [b["id"] for b in procurement["bodies"]] == ["010340045676"]
    assert procurement["bodies"][0]["relation"] == "subordinate"
    year = procurement["by_year"][0]
    assert (year["year"], year["contracts"], Decimal(year["value"])) == (2023, 1, Decimal("830112512"))
    assert Decimal(year["executed"]) == executed * 1000
    assert year["share_pct"] == pct(Decimal("830112512"), executed * 1000, Decimal("0.0001")) == "0.1084"
    assert [s["id"] for s in procurement["top_suppliers"]] == ["120840077883"]
    html = get("/ru/budget/abp/224/").content.decode()
    assert f"0,11{THIN}%" in html  # 0.1084 shown to two places
    assert 'href="/ru/org/120840077883/"' in html and 'href="/ru/org/010340045676/"' in html

    page = get("/ru/org/010340045676/").content.decode()
    assert 'data-testid="budget-panel"' in page and 'href="/ru/budget/abp/224/"' in page
    panel = as_json(get("/en/org/010340045676.json"))["budget"]
    assert (panel["code"], panel["relation"], panel["period"]) == ("224", "subordinate", "2023-12")
    assert panel["figures"]["sumrg"] == str(executed)  # three decimals kept, not the site's two
    other = get("/en/org/120840077883/").content.decode()  # a supplier, no budget
    assert 'data-testid="budget-panel"' not in other


# -- the API ----------------------------------------------------------------------------------------

def test_api_answers_from_the_same_queries(get):
    periods = as_json(get("/api/v1/budget/periods"))
    views = {v["view"]: v for v in periods["views"]}
    assert views["departmental"]["periods"] == [f"2023-{m:02d}" for m in range(1, 13)]
    assert views["economic"]["latest"] == "2025-03"
    explorer = as_json(get("/api/v1/budget/explorer?view=departmental&period=2023-12"))
    page = as_json(get("/en/budget.json?view=departmental&period=2023-12"))
    assert explorer["totals"]["sumrg"] == page["totals"]["sumrg"] == str(
        sum(kt(r["sumrg"]) for c, r in departmental("12.2023").items() if c != "0"))
    assert explorer["units"] == page["units"]
    listed = as_json(get("/api/v1/budget/administrators"))
    assert {i["code"] for i in listed["items"]} >= set(departmental("12.2023")) - {"0"}
    item = next(i for i in listed["items"] if i["code"] == "217")
    assert item["latest"]["sumrg"] == str(kt(departmental("12.2023")["217"]["sumrg"]))
    one = as_json(get("/api/v1/budget/administrators/217"))
    assert one["figures"] == as_json(get("/en/budget/abp/217.json"))["figures"]
    assert as_json(get("/api/v1/budget/quality"))["counts"]["mismatch"] > 0
    get("/api/v1/budget/administrators/999", status=404)
    get("/api/v1/budget/explorer?period=2023-13", status=400)  # well-formed, not a month
    get("/api/v1/budget/explorer?view=nothing", status=422)  # not in the schema's enumeration
    doc = as_json(get("/api/v1/openapi.json"))
    for path in ("/api/v1/budget/periods", "/api/v1/budget/explorer", "/api/v1/budget/administrators",
                 "/api/v1/budget/administrators/{code}", "/api/v1/budget/quality"):
        assert path in doc["paths"], path


def test_a_body_that_arrives_after_the_budget_is_linked_by_the_procurement_ingest(budget, tmp_path):
    """The mapping names a BIN no source has shown yet; the goszakup ingest that brings it links it."""
    from opentenge.budget.administrators import bodies_for
    from opentenge.ingest.runner import run_ingest
    from opentenge.store.models import Organisation

    mapping = tmp_path / "abp_organisations.csv"
    mapping.write_text("abp_code,bin,relation\n224,010340045676,subordinate\n", encoding="utf-8")
    run_ingest("budget_egov", [mapping])
    assert not any(relation == "subordinate" for _, relation, _ in bodies_for("224"))
    run_ingest("goszakup", [GOSZAKUP])
    school = Organisation.objects.get(bin="010340045676")
    assert (school.id, "subordinate") in {(org_id, relation) for org_id, relation, _ in bodies_for("224")}

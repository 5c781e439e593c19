"""``opentenge budget totals``: its JSON shape and figures, recomputed from the raw CSV files."""
from __future__ import annotations

import json

from conftest import run_cli
from test_budget_ingest import (
    DEPARTMENTAL, ECONOMIC, INVESTMENTS, PROGRAMME, REAL_FILES, column_sums, flat_split, raw_months, raw_rows, rounded,
)

KEYS = ["view", "period", "abp", "rows", "abp_count", "unit", "totals"]
COLUMNS = ["utv", "utch", "plg", "plgp", "plgo", "sumrg", "obz", "obzsumrg"]


def as_text(sums: dict) -> dict:
    return {column: f"{sums[column]:f}" for column in COLUMNS}


def totals(url: str, *args: str) -> list[dict]:
    result = run_cli("budget", "totals", *args, "--json", database_url=url, check=True)
    return json.loads(result.stdout)


def test_budget_totals_equal_the_raw_files(scratch_database_url):
    url = scratch_database_url
    run_cli("init", database_url=url, check=True)
    first = json.loads(run_cli("ingest", "budget_egov", *map(str, REAL_FILES), "--json", database_url=url,
                               check=True).stdout)
    assert first["inserted"] == first["records"] == 1083

    departmental = totals(url)  # --view departmental is the default
    expected = []
    for period, rows in sorted(raw_months(DEPARTMENTAL).items()):
        total, lines = flat_split(rows)
        sums = column_sums(lines)
        assert sums == column_sums([total])  # the period total equals the published «Итого» row
        expected.append({"view": "departmental", "period": period.strftime("%Y-%m"), "abp": None, "rows": len(lines),
                         "abp_count": len({r["code"] for r in lines}), "unit": "thousand KZT",
                         "totals": as_text(sums)})
    assert departmental == expected
    assert [list(entry) for entry in departmental] == [KEYS] * 12
    assert list(departmental[0]["totals"]) == COLUMNS
    assert departmental[0]["totals"]["utv"] == "23548453455.000" and departmental[0]["rows"] == 40
    assert [e["rows"] for e in departmental] == [40] * 9 + [45] * 3  # 41 → 46 rows with Итого (quirk 4)

    finance = totals(url, "--abp", "217")
    raw_217 = {p: r for p, rows in raw_months(DEPARTMENTAL).items() for r in rows if r["code"] == "217"}
    assert [(e["period"], e["abp"], e["rows"], e["abp_count"]) for e in finance] == [
        (p.strftime("%Y-%m"), "217", 1, 1) for p in sorted(raw_217)]
    for entry in finance:
        period = next(p for p in raw_217 if p.strftime("%Y-%m") == entry["period"])
        assert entry["totals"] == as_text({c: rounded(raw_217[period][c]) for c in COLUMNS})

    march = totals(url, "--period", "2023-03", "--abp", "217")
    assert march == [e for e in finance if e["period"] == "2023-03"]

    programme = totals(url, "--view", "programme")
    abp_rows = [r for r in raw_rows(PROGRAMME) if r["code"] and int(float(r["code"])) >= 100]
    assert programme == [{"view": "programme", "period": "2023-01", "abp": None, "rows": len(abp_rows),
                          "abp_count": len({r["code"] for r in abp_rows}), "unit": "thousand KZT",
                          "totals": as_text(column_sums(abp_rows))}]
    assert programme[0]["abp_count"] == 40 and programme[0]["totals"]["utv"] == departmental[0]["totals"]["utv"]

    investments = totals(url, "--view", "investments")
    level2 = [r for r in raw_rows(INVESTMENTS) if r["level"] == "2"]
    assert (investments[0]["rows"], investments[0]["totals"]) == (len(level2), as_text(column_sums(level2)))

    economic = totals(url, "--view", "economic", "--period", "2024-01")
    _, categories = flat_split(raw_months(ECONOMIC)[min(p for p in raw_months(ECONOMIC) if p.year == 2024)])
    assert economic == [{"view": "economic", "period": "2024-01", "abp": None, "rows": 6, "abp_count": 0,
                         "unit": "thousand KZT", "totals": as_text(column_sums(categories))}]

    again = json.loads(run_cli("ingest", "budget_egov", *map(str, REAL_FILES), "--json", database_url=url,
                               check=True).stdout)
    assert again["unchanged"] == 1083 and again["inserted"] == again["updated"] == 0
    assert totals(url) == departmental

    table = run_cli("budget", "totals", "--period", "2023-01", database_url=url, check=True).stdout
    assert "2023-01" in table and "23 548 453 455.000" in table and "thousand KZT" in table


def test_budget_totals_refuses_what_it_cannot_answer(scratch_database_url):
    url = scratch_database_url
    run_cli("init", database_url=url, check=True)
    assert totals(url) == [] and totals(url, "--view", "investments", "--period", "2023-01") == []
    unknown = run_cli("budget", "totals", "--view", "regional", database_url=url)
    assert unknown.returncode == 2 and "unknown view 'regional'" in unknown.stderr
    assert "departmental" in unknown.stderr
    bad_period = run_cli("budget", "totals", "--period", "01.2023", database_url=url)
    assert bad_period.returncode == 2 and "YYYY-MM" in bad_period.stderr
    bad_abp = run_cli("budget", "totals", "--abp", "ministry", database_url=url)
    assert bad_abp.returncode == 2 and "--abp" in bad_abp.stderr
    relink = run_cli("budget", "relink", "--json", database_url=url, check=True)
    assert json.loads(relink.stdout)["links"] == 0

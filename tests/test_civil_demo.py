"""The civil-society demo corpus through the real importers: every total reconciles with the files.

The files are read here a second time by a deliberately simple reader (openpyxl, csv, a few lines
of amount parsing for the styles the generator writes), independent of opentenge.civil.tables;
the store's totals per organisation and per year must equal that reading, and the generator's own
ledger. The goszakup part comes from the session's demo corpus (``opentenge demo-data``).
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from opentenge.ids.kz import check_id

pytestmark = pytest.mark.django_db
D = Decimal
VALID_PERIOD = re.compile(r"^(\d{4})( год| г\.)?$|^\d\d\.\d\d\.\d{4}-\d\d\.\d\d\.(\d{4})$|"
                          r"^(?:I|II|1) (?:квартал|полугодие) (\d{4})$")


@pytest.fixture(scope="module")
def civil_corpus(demo_corpus, tmp_path_factory) -> tuple[Path, dict]:
    from opentenge.demo.civil import generate_civil

    out = tmp_path_factory.mktemp("civil-demo")
    (out / "goszakup").symlink_to(demo_corpus / "goszakup", target_is_directory=True)
    return out, generate_civil(out, seed=7, scale="small")


# -- the independent reader --------------------------------------------------------------------

def _amount(cell, thousand: bool) -> Decimal | None:
    if isinstance(cell, (int, float)):
        value = D(repr(cell)) if isinstance(cell, float) else D(cell)
    else:
        text = str(cell).replace("\u00a0", " ").strip()
        if text.endswith("тыс."):
            thousand, text = True, text[:-4]
        text = text.replace(" ", "")
        if not re.fullmatch(r"\d+(,\d{1,2})?", text) and not (thousand and re.fullmatch(r"\d+(,\d+)?", text)):
            return None  # «около 2 млн», «1,500»: the broken rows
        value = D(text.replace(",", "."))
    return value * 1000 if thousand else value


def _valid_bin(value) -> str | None:
    text = str(value).strip() if value is not None else ""
    if isinstance(value, int):
        text = text.zfill(12)
    if not text:
        return ""
    check = check_id(text)
    return text if check.valid and check.kind == "BIN" else None


def _rows(path: Path) -> list[list]:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
        return rows
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251")
    return list(csv.reader(text.splitlines(), delimiter=";"))


def read_grants(folder: Path) -> list[tuple[int, str, Decimal]]:
    """(year, BIN or "", amount) of every good winner line."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in {".csv", ".xlsx"} or path.name == "konkursy.xlsx":
            continue
        mapping_file = path.with_name(path.name + ".mapping.yml")
        mapping = yaml.safe_load(mapping_file.read_text(encoding="utf-8")) if mapping_file.exists() else {}
        rows = _rows(path)
        at = next(i for i, r in enumerate(rows) if any(str(c or "").startswith(("БИН", "БСН")) for c in r))
        header = [str(c or "") for c in rows[at]]
        bin_col = next(i for i, h in enumerate(header) if h.startswith(("БИН", "БСН")))
        amount_col = next(i for i, h in enumerate(header) if h.startswith(("Сумма", "Сомасы")))
        thousand = "тыс" in header[amount_col] or "мың" in header[amount_col] or \
            (mapping.get("units") or {}).get("amount") == "thousand"
        year_col = next((i for i, h in enumerate(header) if h in ("Год", "Жыл")), None)
        for row in rows[at + 1:]:
            if not any(c not in (None, "") for c in row) or str(row[0]).startswith("Итого") or row[0] == 1 and row[1] == 2:
                continue
            bin_ = _valid_bin(row[bin_col])
            amount = _amount(row[amount_col], thousand)
            if bin_ is None or amount is None:
                continue
            year = int(row[year_col]) if year_col is not None else mapping["defaults"]["year"]
            out.append((year, bin_, amount))
    return out


def read_foreign(folder: Path) -> list[tuple[int, str, Decimal]]:
    """(year, "BIN:<bin>" or "IIN:<masked>", amount) of every good register line."""
    out = []
    for path in sorted(folder.glob("*.xlsx")):
        rows = _rows(path)
        at = next(i for i, r in enumerate(rows) if "БИН/ИИН" in r)
        for row in rows[at + 1:]:
            ident = str(row[1]).zfill(12) if isinstance(row[1], int) else str(row[1])
            check = check_id(ident)
            period = VALID_PERIOD.match(str(row[8]))
            amount = _amount(row[6], False)
            if not check.valid or not period or amount is None:
                continue
            year = int(next(g for g in period.groups()[::-1] if g and g.isdigit()))
            key = f"BIN:{ident}" if check.kind == "BIN" else f"IIN:{'*' * 8}{ident[-4:]}"
            out.append((year, key, amount))
    return out


def read_social_order(goszakup: Path) -> dict[str, dict[int, Decimal]]:
    """Per supplier and year of signing: live tenge contracts by method 52, latest version of each."""
    latest: dict[int, dict] = {}
    for path in sorted((goszakup / "contract").glob("*.json")):
        if path.name.endswith(".meta.json"):
            continue
        document = json.loads(path.read_text(encoding="utf-8"), parse_float=D)
        items = document["items"] if "items" in document else next(iter(document["data"].values()))
        for item in items:
            get = (lambda k, c, i=item: i.get(k, i.get(c)))
            record = {"id": get("id", "id"), "updated": get("last_update_date", "lastUpdateDate").replace("T", " "),
                      "supplier": get("supplier_biin", "supplierBiin"), "method": get("fakt_trade_methods_id",
                                                                                       "faktTradeMethodsId"),
                      "deleted": get("deleted", "deleted"), "currency": get("ref_currency_code", "refCurrencyCode"),
                      "sign": get("sign_date", "signDate"), "value": get("contract_sum_wnds", "contractSumWnds")}
            if record["id"] not in latest or record["updated"] >= latest[record["id"]]["updated"]:
                latest[record["id"]] = record
    out: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(D))
    for r in latest.values():
        if r["method"] == 52 and not r["deleted"] and (r["currency"] or "KZT") == "KZT":
            out[r["supplier"]][int(r["sign"][:4])] += D(r["value"])
    return out


# -- the test ----------------------------------------------------------------------------------

def _sum_by(rows, key) -> dict:
    totals: dict = defaultdict(D)
    for row in rows:
        totals[key(row)] += row[2]
    return dict(totals)


def test_civil_demo_reconciles_per_organisation_and_year(civil_corpus, demo_corpus):
    from django.db.models import Sum

    from opentenge.civil import models as cm
    from opentenge.civil import queries as cq
    from opentenge.ingest.runner import run_ingest
    from opentenge.store import models as m

    out, manifest = civil_corpus
    expected = manifest["expected"]
    run_ingest("goszakup", [out / "goszakup"])
    summaries = {name: run_ingest(name, [out / name]) for name in ("ngo_register", "state_grants", "foreign_funding")}
    for name in ("ngo_register", "state_grants", "foreign_funding"):
        assert summaries[name].inserted == expected[name]["records_valid"], name
        assert summaries[name].quarantined == expected[name]["quarantine"], name

    grants = read_grants(out / "state_grants")
    assert len(grants) == manifest["counts"]["grant_rows"]
    by_year = _sum_by(grants, lambda r: r[0])
    stored = dict(cm.GrantAward.objects.values_list("year").annotate(v=Sum("amount")))
    assert stored == by_year
    assert {str(y): f"{v:.2f}" for y, v in by_year.items()} == expected["state_grants"]["by_year"]
    by_org_year = _sum_by([g for g in grants if g[1]], lambda r: (r[1], r[0]))
    stored = {(b, y): v for b, y, v in cm.GrantAward.objects.exclude(recipient_bin="")
              .values_list("recipient__bin", "year").annotate(v=Sum("amount"))}
    assert stored == by_org_year

    foreign = read_foreign(out / "foreign_funding")
    assert len(foreign) == manifest["counts"]["foreign_rows"]
    by_key_year = _sum_by(foreign, lambda r: (r[1], r[0]))
    stored = {}
    for b, masked, y, v in (cm.ForeignFunding.objects.values_list("recipient__bin", "iin_masked", "year")
                            .annotate(v=Sum("amount"))):
        stored[(f"BIN:{b}" if b else f"IIN:{masked}", y)] = v
    assert stored == by_key_year
    assert sum(by_key_year.values()) == D(expected["foreign_funding"]["total"])
    foreign_by_year = _sum_by(foreign, lambda r: r[0])
    assert dict(cm.ForeignFunding.objects.values_list("year").annotate(v=Sum("amount"))) == foreign_by_year
    assert {str(y): f"{v:.2f}" for y, v in foreign_by_year.items()} == expected["foreign_funding"]["by_year"]

    # the profile of each showcase organisation: the three kinds, each equal to the files' sums
    social = read_social_order(demo_corpus / "goszakup")
    showcase = expected["social_order_showcase"]
    assert showcase
    for bin_ in showcase:
        profile = cq.ngo_profile(bin_)
        rows = {r["year"]: r for r in profile["income"]["rows"]}
        for year, value in social.get(bin_, {}).items():
            assert rows[year]["social_order"] == value, (bin_, year)
        for (key, year), value in by_key_year.items():
            if key == f"BIN:{bin_}":
                assert rows[year]["foreign"] == value
        for (b, year), value in by_org_year.items():
            if b == bin_:
                assert rows[year]["state_grants"] == value
        totals = profile["income"]["totals"]
        assert totals["social_order"] > 0 and totals["state_grants"] > 0 and totals["foreign"] > 0, bin_
    # the NGO database fills registration dates the C004 indicator needs
    assert m.Organisation.objects.filter(ngo_registrations__isnull=False, registered_on__isnull=True).count() == 0

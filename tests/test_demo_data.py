"""Tests for the demo corpus generator (``opentenge demo-data``). No Django needed.

The checks here read the generated files back with their own code (their own check-digit rule,
their own version resolution), so they do not trust the generator's bookkeeping.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from opentenge.demo import SCALES, generate

ENDPOINTS = {"subject", "trd-buy", "lots", "contract"}
REST_PATHS = {"subject": "/v3/subject/all", "lots": "/v3/lots", "contract": "/v3/contract"}
GRAPHQL_ENTITIES = {"trd-buy": "TrdBuy", "contract": "Contract"}
AMOUNT_FIELDS = {"totalSum", "amount", "contractSum", "contractSumWnds", "faktSum", "faktSumWnds"}


# -- helpers (independent of the generator) --------------------------------------------------

def check_digit_ok(value) -> bool:
    """The BIN/IIN check digit: weights 1..11 mod 11; if 10, weights 3..11,1,2; if 10 again, never issued."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{12}", value):
        return False
    digits = [int(c) for c in value]
    check = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
        if check == 10:
            return False
    return check == digits[11]


def is_bin(value) -> bool:
    return check_digit_ok(value) and value[4] == "4" and value[5] in "01" and 1 <= int(value[2:4]) <= 12


def is_iin(value) -> bool:
    if not check_digit_ok(value) or value[6] not in "3456":
        return False
    century = 1900 if value[6] in "34" else 2000
    try:
        dt.date(century + int(value[:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        return False
    return True


def camel(item: dict) -> dict:
    return {re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), k): v for k, v in item.items()}


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def data_files(root: Path, *, broken: bool = False) -> list[Path]:
    files = sorted(p for p in root.rglob("*.json") if not p.name.endswith(".meta.json"))
    return [p for p in files if broken or p.parent.name != "broken"]


def records(document) -> list:
    if "items" in document:
        return document["items"]
    (items,) = document["data"].values()
    return items


def endpoint_of(path: Path) -> str:
    stem = path.name.split(".", 1)[0]
    return stem[len("graphql-"):] if stem.startswith("graphql-") else stem


@lru_cache(maxsize=16)
def entity_records(root: Path, endpoint: str) -> list[dict]:
    """All records of one endpoint (outside broken/), camelCased, in file order (read once; do not mutate)."""
    out = []
    for path in data_files(root / endpoint):
        out += [camel(r) for r in records(load(path))]
    return out


def digests(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def valid_contract(item, methods: set[int]) -> bool:
    """What an importer must accept; everything else belongs in quarantine."""
    if not isinstance(item, dict):
        return False
    item = camel(item)
    if not isinstance(item.get("id"), int):
        return False
    for field in ("customerBin", "supplierBiin"):
        if not (is_bin(item.get(field)) or is_iin(item.get(field))):
            return False
    for field in ("contractSum", "contractSumWnds"):
        value = item.get(field)
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool) or not 0 <= value <= 10**13:
            return False
    sign = item.get("signDate")
    if not isinstance(sign, str) or not 2000 <= int(sign[:4]) <= 2035:
        return False
    return item.get("faktTradeMethodsId") in methods


# -- fixtures --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo")
    calls: list[tuple[str, int, int]] = []
    manifest = generate(out, seed=42, scale="small", progress=lambda *a: calls.append(a))
    manifest["_progress"] = calls
    return out, manifest


@pytest.fixture(scope="module")
def root(corpus) -> Path:
    return corpus[0] / "goszakup"


@pytest.fixture(scope="module")
def methods(root) -> set[int]:
    return {item["id"] for item in load(root / "refs" / "ref_trade_methods.json")["items"]}


# -- determinism -----------------------------------------------------------------------------

def test_same_seed_gives_identical_bytes_and_another_seed_differs(corpus, tmp_path):
    out, _ = corpus
    generate(tmp_path / "again", seed=42, scale="small")
    generate(tmp_path / "other", seed=7, scale="small")
    first, again, other = digests(out), digests(tmp_path / "again"), digests(tmp_path / "other")
    assert first == again
    assert len(first) > 20
    assert first != other
    changed = [name for name in first if first[name] != other.get(name)]
    assert any(name.startswith("goszakup/contract/") for name in changed)


def test_stale_pages_from_an_earlier_run_are_removed(tmp_path):
    stale = tmp_path / "goszakup" / "contract" / "contract.99999.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    unrelated = tmp_path / "goszakup" / "contract" / "notes.txt"
    unrelated.write_text("keep me")
    generate(tmp_path, seed=1, scale="small")
    assert not stale.exists()
    assert unrelated.exists()


def test_unknown_scale_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown scale"):
        generate(tmp_path, scale="huge")


def test_scales_are_dicts_of_counts():
    assert set(SCALES) == {"small", "medium", "large"}
    assert SCALES["small"]["contracts"] == 2_000
    assert SCALES["medium"]["contracts"] == 50_000
    assert SCALES["large"]["contracts"] >= 1_000_000
    assert SCALES["large"]["organisations"] >= 200_000


# -- layout and envelopes --------------------------------------------------------------------

def test_layout_and_file_naming_contract(corpus, root):
    out, _ = corpus
    assert (out / "manifest.json").is_file()
    assert not list(root.rglob("MANIFEST*")) and not (root / "manifest.json").exists()
    assert {p.name for p in root.iterdir()} == {"refs", "subject", "trd-buy", "lots", "contract", "broken"}
    assert {p.name for p in (root / "refs").glob("*.json") if not p.name.endswith(".meta.json")} == {
        "ref_trade_methods.json", "ref_buy_status.json", "ref_subject_type.json"}
    for path in data_files(root, broken=True):
        stem = path.name.split(".", 1)[0]
        assert stem in ENDPOINTS or stem.startswith("ref_") or (
            stem.startswith("graphql-") and stem[len("graphql-"):] in ENDPOINTS), path
        if path.parent.name in ENDPOINTS:
            assert endpoint_of(path) == path.parent.name
            assert re.fullmatch(r"(graphql-)?[a-z-]+\.\d{5}\.json", path.name), path
        elif path.parent.name == "broken":
            assert re.fullmatch(r"(graphql-)?contract\.broken-\d{2}\.json", path.name), path
    # formats: subjects and lots REST, tenders GraphQL, contracts both
    assert all(not p.name.startswith("graphql-") for p in data_files(root / "subject") + data_files(root / "lots"))
    assert all(p.name.startswith("graphql-") for p in data_files(root / "trd-buy"))
    contract_pages = data_files(root / "contract")
    rest = [p for p in contract_pages if not p.name.startswith("graphql-")]
    assert 0.35 <= len(rest) / len(contract_pages) <= 0.65
    numbers = [int(p.name.split(".")[1]) for p in contract_pages]
    assert sorted(numbers) == list(range(1, len(contract_pages) + 1))


def test_every_page_has_a_meta_sidecar(root):
    for path in data_files(root, broken=True):
        meta = json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8"))
        assert set(meta) == {"url", "retrieved_at"}
        if path.name.startswith("graphql-"):
            assert meta["url"] == "https://ows.goszakup.gov.kz/v3/graphql"
        elif path.parent.name == "refs":
            assert meta["url"] == f"https://ows.goszakup.gov.kz/v3/refs/{path.name.split('.')[0]}"
        else:
            assert meta["url"].startswith(f"https://ows.goszakup.gov.kz{REST_PATHS[endpoint_of(path)]}?")
        retrieved = dt.datetime.fromisoformat(meta["retrieved_at"])
        assert meta["retrieved_at"].endswith("+05:00") and retrieved.utcoffset() == dt.timedelta(hours=5)
    assert not [p for p in root.rglob("*.meta.json") if not p.with_name(p.name[:-len(".meta.json")]).exists()]


def test_rest_pages_have_the_rest_envelope(root):
    for endpoint in ("subject", "lots", "contract"):
        pages = [p for p in data_files(root / endpoint) if not p.name.startswith("graphql-")]
        for i, path in enumerate(pages):
            doc = load(path)
            assert list(doc) == ["total", "limit", "next_page", "items"], path
            assert doc["limit"] == 200 and 0 < len(doc["items"]) <= 200
            last = doc["items"][-1].get("id", doc["items"][-1].get("pid"))
            if i == len(pages) - 1:
                assert doc["next_page"] == ""
                assert doc["total"] == sum(len(load(p)["items"]) for p in pages)
            else:
                assert doc["next_page"] == f"{REST_PATHS[endpoint]}?page=next&search_after={last}"
            for item in doc["items"]:
                assert not any(c.isupper() for key in item for c in key), (path, item)


def test_graphql_pages_have_the_graphql_envelope(root):
    for endpoint, entity in GRAPHQL_ENTITIES.items():
        pages = [p for p in data_files(root / endpoint) if p.name.startswith("graphql-")]
        assert pages
        for path in pages:
            doc = load(path)
            assert list(doc) == ["data", "extensions"]
            assert list(doc["data"]) == [entity]
            info = doc["extensions"]["pageInfo"]
            assert set(info) == {"totalCount", "hasNextPage", "lastId", "limitPage"}
            items = doc["data"][entity]
            assert info["limitPage"] == 200 and 0 < len(items) <= 200
            assert info["lastId"] == items[-1]["id"]
            assert isinstance(info["hasNextPage"], bool) and info["totalCount"] >= len(items)
            for item in items:
                assert not any("_" in key for key in item), (path, item)
        assert not load(pages[-1])["extensions"]["pageInfo"]["hasNextPage"]


def test_reference_dictionaries(root):
    expected = {
        "ref_trade_methods": {2, 3, 6, 23, 32, 52, 132, 188},
        "ref_buy_status": {190, 210, 220, 230, 240, 250, 260, 350, 410, 430, 440},
        "ref_subject_type": {1, 2, 3},
    }
    for name, ids in expected.items():
        doc = load(root / "refs" / f"{name}.json")
        assert list(doc) == ["total", "limit", "next_page", "items"] and doc["next_page"] == ""
        assert {i["id"] for i in doc["items"]} == ids and doc["total"] == len(ids)
        for item in doc["items"]:
            assert list(item) == ["id", "code", "nameRu", "nameKz"] and item["nameRu"] and item["nameKz"]
    methods = {i["id"]: i for i in load(root / "refs" / "ref_trade_methods.json")["items"]}
    fixture = Path(__file__).parent / "fixtures" / "goszakup_synthetic" / "refs" / "ref_trade_methods.synthetic.json"
    for item in load(fixture)["items"]:
        assert methods[item["id"]] == item
    assert methods[188]["nameRu"] == "Конкурс с использованием рейтингово-балльной системы"
    statuses = {i["id"]: i["nameRu"] for i in load(root / "refs" / "ref_buy_status.json")["items"]}
    assert statuses[350] == "Завершено" and statuses[440] == "На обжаловании"


def test_amounts_are_numbers_with_at_most_two_decimals(root):
    for endpoint in ("trd-buy", "lots", "contract"):
        for item in entity_records(root, endpoint):
            for field in AMOUNT_FIELDS & set(item):
                value = item[field]
                assert isinstance(value, (int, Decimal)) and not isinstance(value, bool), (field, value)
                assert 0 <= value < 10**12
                assert Decimal(value).as_tuple().exponent >= -2, (field, value)


# -- identifiers and names -------------------------------------------------------------------

def test_every_bin_and_iin_has_a_valid_check_digit(root):
    subjects = entity_records(root, "subject")
    for s in subjects:
        assert (s["bin"] is None) != (s["iin"] is None)
        assert is_bin(s["bin"]) if s["bin"] else is_iin(s["iin"])
    for t in entity_records(root, "trd-buy"):
        assert is_bin(t["customerBin"]) and is_bin(t["orgBin"])
    for lot in entity_records(root, "lots"):
        assert is_bin(lot["customerBin"])
    for c in entity_records(root, "contract"):
        assert is_bin(c["customerBin"])
        assert is_bin(c["supplierBiin"]) or is_iin(c["supplierBiin"])
    idents = [s["bin"] or s["iin"] for s in subjects]
    assert len(idents) == len(set(idents))
    assert any(s["bin"] and s["bin"][5] == "1" for s in subjects)  # some branches


def test_individual_entrepreneurs(root):
    subjects = entity_records(root, "subject")
    persons = [s for s in subjects if s["iin"]]
    assert 0.02 <= len(persons) / len(subjects) <= 0.1
    for s in persons:
        assert s["nameRu"].startswith("ИП ") and s["nameKz"].endswith(" ЖК")
        assert s["phone"] and s["email"] and s["supplier"] == 1 and s["customer"] == 0
    assert not any("phone" in s or "email" in s for s in subjects if s["bin"])
    person_iins = {s["iin"] for s in persons}
    assert any(c["supplierBiin"] in person_iins for c in entity_records(root, "contract"))


def test_names_are_kazakh_and_russian(root):
    subjects = entity_records(root, "subject")
    assert all(s["nameRu"] for s in subjects)
    kazakh = set("әғқңөұүһі")
    assert sum(1 for s in subjects if kazakh & set(s["nameKz"].lower())) > len(subjects) / 3
    assert any(s["nameKz"] == "" for s in subjects)
    ru_forms = Counter(s["nameRu"].split(" ", 1)[0] for s in subjects)
    assert {"ТОО", "ГУ", "ИП"} <= set(ru_forms)
    for s in subjects:
        if s["nameRu"].startswith("ТОО "):
            assert s["nameKz"] == "" or s["nameKz"].endswith(" ЖШС")
        if s["nameRu"].startswith("ГУ "):
            assert s["nameKz"].endswith(" ММ")
    numbers = [t["numberAnno"] for t in entity_records(root, "trd-buy")]
    assert any(re.fullmatch(r"\d{7,8}-КРБС\d", n) for n in numbers)
    assert any(re.fullmatch(r"\d{8}-КРБС\d", lot["lotNumber"]) for lot in entity_records(root, "lots"))


# -- relations -------------------------------------------------------------------------------

def test_contracts_tenders_lots_and_organisations_fit_together(root):
    subjects = {s["bin"] or s["iin"]: s for s in entity_records(root, "subject")}
    tenders = {t["id"]: t for t in entity_records(root, "trd-buy")}
    lots = {lot["id"]: lot for lot in entity_records(root, "lots")}
    assert len(tenders) == len(entity_records(root, "trd-buy"))
    lots_per_tender = Counter(lot["trdBuyId"] for lot in lots.values())
    lot_sums = defaultdict(Decimal)
    for lot in lots.values():
        tender = tenders[lot["trdBuyId"]]
        assert lot["customerBin"] == tender["customerBin"] and lot["trdBuyNumberAnno"] == tender["numberAnno"]
        assert lot["refTradeMethodsId"] == tender["refTradeMethodsId"]
        lot_sums[lot["trdBuyId"]] += lot["amount"]
    for tender in tenders.values():
        assert tender["countLots"] == lots_per_tender[tender["id"]]
        assert tender["totalSum"] == lot_sums[tender["id"]]
        assert tender["orgBin"] in (tender["customerBin"],) or "закуп" in subjects[tender["orgBin"]]["nameRu"]
        assert subjects[tender["customerBin"]]["customer"] == 1
        assert subjects[tender["orgBin"]]["organizer"] == 1
        assert tender["publishDate"] < tender["startDate"] < tender["endDate"]
    first_versions = {}
    for c in entity_records(root, "contract"):
        first_versions.setdefault(c["id"], c)
    for c in first_versions.values():
        assert subjects[c["customerBin"]]["customer"] == 1
        assert subjects[c["supplierBiin"]]["supplier"] == 1
        assert c["supplierId"] == subjects[c["supplierBiin"]]["pid"]
        (unit,) = c["contractUnits"] if "contractUnits" in c else c["ContractUnits"]
        lot_id = unit.get("lotId", unit.get("lot_id"))
        if c["trdBuyId"] is None:
            assert c["faktTradeMethodsId"] == 23 and lot_id is None
            continue
        tender, lot = tenders[c["trdBuyId"]], lots[lot_id]
        assert lot["trdBuyId"] == c["trdBuyId"]
        assert c["customerBin"] == tender["customerBin"] == lot["customerBin"]
        assert c["faktTradeMethodsId"] == tender["refTradeMethodsId"]
        assert tender["refBuyStatusId"] == 350
        assert c["contractSumWnds"] <= lot["amount"]


def test_contract_fields_are_consistent(root):
    contracts = entity_records(root, "contract")
    currencies = Counter(c["refCurrencyCode"] for c in contracts)
    assert currencies["KZT"] > 0.95 * len(contracts)
    for c in contracts:
        assert 2019 <= c["finYear"] <= 2025 and c["signDate"][:4] == str(c["finYear"])
        wnds, net = c["contractSumWnds"], c["contractSum"]
        assert net == wnds or net == (wnds / Decimal("1.12")).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert c["rootId"] == c["id"] and c["parentId"] is None
        assert (c["exchangeRate"] is None) == (c["refCurrencyCode"] == "KZT")
    assert any(c["contractSum"] == c["contractSumWnds"] for c in contracts)
    assert any(c["contractSum"] != c["contractSumWnds"] for c in contracts)
    assert any(c["deleted"] in (1, True) for c in contracts)


def test_changed_contracts_come_again_later_with_a_new_amount(root):
    seen: dict[int, dict] = {}
    repeats = 0
    for c in entity_records(root, "contract"):
        if c["id"] in seen:
            first = seen[c["id"]]
            repeats += 1
            assert c["lastUpdateDate"].replace("T", " ") > first["lastUpdateDate"].replace("T", " ")
            assert c["contractSumWnds"] != first["contractSumWnds"]
        seen[c["id"]] = c
    assert repeats >= 3


# -- realistic skew --------------------------------------------------------------------------

def test_money_is_concentrated_and_methods_are_realistic(root, methods):
    value_by_buyer: Counter = Counter()
    final: dict[int, dict] = {}
    for c in entity_records(root, "contract"):
        final[c["id"]] = c
    for c in final.values():
        value_by_buyer[c["customerBin"]] += c["contractSumWnds"]
    values = sorted(value_by_buyer.values(), reverse=True)
    top = values[: max(1, len(values) // 10)]
    assert sum(top) / sum(values) > Decimal("0.5")
    by_method = Counter(c["faktTradeMethodsId"] for c in final.values())
    assert set(by_method) <= methods
    n = sum(by_method.values())
    assert 0.15 <= (by_method[6] + by_method[23]) / n <= 0.40
    assert 0.005 <= by_method[52] / n <= 0.05
    amounts = sorted(c["contractSumWnds"] for c in final.values() if c["refCurrencyCode"] == "KZT")
    median = amounts[len(amounts) // 2]
    assert 1_000_000 <= median <= 8_000_000
    assert amounts[-1] > 200_000_000 and amounts[-1] < 10**12
    assert len({c["finYear"] for c in final.values()}) == 7


# -- broken records and the manifest ---------------------------------------------------------

def test_broken_folder_holds_one_of_each_problem(root, methods):
    broken = root / "broken"
    page = load(broken / "contract.broken-01.json")
    items = page["items"]
    bad = [i for i in items if not valid_contract(i, methods)]
    assert len(bad) == 8
    assert sum(1 for i in items if not isinstance(i, dict)) == 1
    dicts = [i for i in items if isinstance(i, dict)]
    assert sum(1 for i in dicts if "id" not in i) == 1
    assert sum(1 for i in dicts if isinstance(i["contract_sum_wnds"], str)) == 1
    assert sum(1 for i in dicts if i["fakt_trade_methods_id"] == 999) == 1
    assert sum(1 for i in dicts if i["sign_date"].startswith("1899")) == 1
    numeric = [i["contract_sum_wnds"] for i in dicts if not isinstance(i["contract_sum_wnds"], str)]
    assert sum(1 for v in numeric if v < 0) == 1 and sum(1 for v in numeric if v > 10**13) == 1
    assert sum(1 for i in dicts if check_digit_ok(i["supplier_biin"])) == len(dicts) - 1
    with pytest.raises(json.JSONDecodeError):
        json.loads((broken / "contract.broken-02.json").read_text(encoding="utf-8"))
    errors = load(broken / "graphql-contract.broken-03.json")
    assert list(errors) == ["errors"] and errors["errors"][0]["message"]


def test_manifest_counts_match_the_files(corpus, root):
    out, manifest = corpus
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == {
        k: v for k, v in manifest.items() if k != "_progress"}
    assert manifest["seed"] == 42 and manifest["scale"] == "small"
    counts = manifest["counts"]
    assert counts["organisations"] == len(entity_records(root, "subject")) >= 300
    assert counts["tenders"] == len(entity_records(root, "trd-buy"))
    assert counts["lots"] == len(entity_records(root, "lots"))
    assert counts["contracts"] == len({c["id"] for c in entity_records(root, "contract")}) == 2_000
    assert counts["broken_records"] == manifest["expected"]["quarantine_total"] == 10
    assert set(manifest["expected"]["quarantine"]) == {
        "wrong_type", "missing_id", "invalid_bin", "negative_amount", "absurd_amount", "date_out_of_range",
        "unknown_method", "not_an_object", "malformed_json", "api_error"}
    assert manifest["files"] == sum(1 for p in root.rglob("*") if p.is_file())
    assert manifest["pages"] == len(data_files(root, broken=True))


def test_expected_sum_matches_an_independent_recount(corpus, root, methods):
    _, manifest = corpus
    versions: dict[int, tuple[str, dict]] = {}
    for path in data_files(root, broken=True):
        if endpoint_of(path) != "contract":
            continue
        try:
            document = load(path)
        except json.JSONDecodeError:
            continue  # the truncated file
        if "errors" in document:
            continue
        for raw in records(document):
            if not valid_contract(raw, methods):
                continue
            item = camel(raw)
            stamp = item["lastUpdateDate"].replace("T", " ")
            if item["id"] not in versions or stamp >= versions[item["id"]][0]:
                versions[item["id"]] = (stamp, item)
    live_kzt = [i for _, i in versions.values() if i["deleted"] not in (1, True) and i["refCurrencyCode"] == "KZT"]
    total = sum((i["contractSumWnds"] for i in live_kzt), Decimal("0"))
    expected = manifest["expected"]
    assert expected["contract_sum_wnds_kzt"] == f"{total:.2f}"
    assert expected["contracts_valid"] == len(versions)
    assert expected["contracts_live_kzt"] == len(live_kzt)
    assert expected["contracts_deleted"] == sum(1 for _, i in versions.values() if i["deleted"] in (1, True))


def test_progress_is_reported_for_every_page(corpus):
    _, manifest = corpus
    calls = manifest["_progress"]
    assert len(calls) == manifest["pages"]
    assert [done for _, done, _ in calls] == list(range(1, len(calls) + 1))
    assert {total for _, _, total in calls} == {manifest["pages"]}
    assert calls[0][0] == "refs/ref_trade_methods.json"

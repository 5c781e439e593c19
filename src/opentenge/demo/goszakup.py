"""A synthetic goszakup.gov.kz corpus: files shaped like saved OWS v3 API responses.

The shapes follow ``tests/fixtures/goszakup_synthetic/`` (REST pages ``{total, limit,
next_page, items}`` in snake_case, GraphQL responses ``{data: {Entity: [...]}, extensions:
{pageInfo}}`` in camelCase) and the field names of the OWS v3 GraphQL schema. Nothing here is
real: names come from word lists (``names.py``), identifiers are made-up numbers with valid
check digits, amounts are drawn from skewed distributions.

Layout under ``<out>/goszakup/``::

    refs/ref_trade_methods.json, ref_buy_status.json, ref_subject_type.json
    subject/subject.00001.json …                       REST /v3/subject/all
    trd-buy/graphql-trd-buy.00001.json …               GraphQL TrdBuy
    lots/lots.00001.json …                             REST /v3/lots
    contract/contract.00001.json …                     REST /v3/contract (first half of the listing)
    contract/graphql-contract.0000N.json …             GraphQL Contract (second half, then updates)
    broken/contract.broken-01.json …                   records and files the importer must quarantine

Each page has a ``<file>.meta.json`` sidecar ``{"url", "retrieved_at"}``. The manifest goes
to ``<out>/manifest.json`` (outside ``goszakup/`` so the importer never reads it).

The generator streams: tenders, lots and contracts are written page by page, so memory stays
bounded at every scale (only organisation identifiers and buyer names are kept).
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import random
import re
from collections.abc import Callable
from pathlib import Path

from opentenge.demo import names as nm
from opentenge.ids.kz import make_valid_bin, make_valid_iin

PAGE_SIZE = 200  # GraphQL's maximum; REST pages use the same size
OWS = "https://ows.goszakup.gov.kz"
GRAPHQL_URL = f"{OWS}/v3/graphql"
ALMATY_TZ = dt.timezone(dt.timedelta(hours=5))

SCALES: dict[str, dict[str, int]] = {
    "small": {"contracts": 2_000, "organisations": 400},
    "medium": {"contracts": 50_000, "organisations": 10_000},
    "large": {"contracts": 1_000_000, "organisations": 200_000},
}

# -- reference dictionaries ------------------------------------------------------------------

TRADE_METHODS: tuple[tuple[int, str, str, str], ...] = (
    (2, "OK", "Открытый конкурс", "Ашық конкурс"),
    (3, "ZCP", "Запрос ценовых предложений", "Баға ұсыныстарын сұрату"),
    (6, "IOI_NZ", "Из одного источника по несостоявшимся закупкам",
     "Өткізілмеген сатып алулар бойынша бір көзден"),
    (23, "IOI_PZD", "Из одного источника путем прямого заключения договора",
     "Шартты тікелей жасасу арқылы бір көзден"),
    (32, "KPKO", "Конкурс с предварительным квалификационным отбором",
     "Алдын ала біліктілік іріктеуі бар конкурс"),
    (52, "GSZ", "Государственный социальный заказ", "Мемлекеттік әлеуметтік тапсырыс"),
    (132, "OK_RS1", "Первый этап конкурса с использованием рамочного соглашения",
     "Негіздемелік келісімді пайдаланатын конкурстың бірінші кезеңі"),
    (188, "OK_RBS", "Конкурс с использованием рейтингово-балльной системы",
     "Рейтингтік-балдық жүйені пайдаланатын конкурс"),
)
BUY_STATUSES: tuple[tuple[int, str, str, str], ...] = (
    (190, "DocChanged", "Изменена документация", "Құжаттама өзгертілді"),
    (210, "Published", "Опубликовано", "Жарияланды"),
    (220, "PublishedApps", "Опубликовано (прием заявок)", "Жарияланды (өтінімдерді қабылдау)"),
    (230, "PublishedAppsAdd", "Опубликовано (дополнение заявок)", "Жарияланды (өтінімдерді толықтыру)"),
    (240, "PublishedPrices", "Опубликовано (прием ценовых предложений)",
     "Жарияланды (баға ұсыныстарын қабылдау)"),
    (250, "AppsReview", "Рассмотрение заявок", "Өтінімдерді қарау"),
    (260, "AppsAddReview", "Рассмотрение дополнений заявок", "Өтінімдердің толықтыруларын қарау"),
    (350, "Complete", "Завершено", "Аяқталды"),
    (410, "Refused", "Отказ от закупки", "Сатып алудан бас тарту"),
    (430, "Canceled", "Отменено", "Болдырылмады"),
    (440, "Appeal", "На обжаловании", "Шағымдануда"),
)
SUBJECT_TYPES: tuple[tuple[int, str, str, str], ...] = (
    (1, "GOODS", "Товар", "Тауар"),
    (2, "WORKS", "Работа", "Жұмыс"),
    (3, "SERVICES", "Услуга", "Қызмет"),
)
SINGLE_SOURCE = (6, 23)
SOCIAL_ORDER = 52

# Per procurement: method -> (probability, mean number of lots, award rate per lot).
METHOD_PLAN: tuple[tuple[int, float, float, float], ...] = (
    (3, 0.42, 1.4, 0.90),
    (2, 0.12, 2.5, 0.88),
    (6, 0.09, 1.0, 1.00),
    (23, 0.22, 1.0, 1.00),
    (32, 0.02, 2.0, 0.85),
    (52, 0.025, 1.5, 0.95),
    (132, 0.01, 2.0, 0.90),
    (188, 0.04, 2.0, 0.88),
)
DIRECT_WITHOUT_TENDER = 0.7  # share of method-23 awards with no announcement at all
# method -> (goods, works, services) weights
SUBJECT_MIX: dict[int, tuple[float, float, float]] = {
    3: (0.55, 0.05, 0.40), 2: (0.40, 0.35, 0.25), 6: (0.40, 0.10, 0.50), 23: (0.30, 0.10, 0.60),
    32: (0.0, 0.60, 0.40), 52: (0.0, 0.0, 1.0), 132: (0.70, 0.0, 0.30), 188: (0.20, 0.50, 0.30),
}
# median lot amount in tenge by subject type, and a factor per method
MEDIAN_BY_TYPE = {1: 1_900_000.0, 2: 10_000_000.0, 3: 2_400_000.0}
METHOD_FACTOR = {3: 0.6, 2: 1.7, 6: 1.0, 23: 0.9, 32: 3.0, 52: 1.2, 132: 1.5, 188: 2.0}
AMOUNT_SIGMA = 1.6
MAX_LOT_TENGE = 50_000_000_000.0
MIN_LOT_TENGE = 10_000.0
YEARS = (2019, 2020, 2021, 2022, 2023, 2024, 2025)
YEAR_WEIGHTS = (0.11, 0.12, 0.13, 0.14, 0.16, 0.17, 0.17)
FOREIGN = (("USD", 430.0, 520.0), ("EUR", 470.0, 580.0), ("RUB", 4.8, 7.2))
FAILED_STATUSES = (410, 430, 440, 220, 240, 250, 190, 230, 260, 210)
FAILED_WEIGHTS = (0.30, 0.35, 0.05, 0.05, 0.05, 0.06, 0.04, 0.03, 0.03, 0.04)
LOT_AWARDED = 360
LAST_UPDATE_CAP = dt.date(2026, 1, 31)
RETRIEVED_BASE = dt.datetime(2026, 2, 2, 3, 0, 0, tzinfo=ALMATY_TZ)

# Organisation kinds.
(K_PROC, K_MIN, K_NAT, K_AKIMAT, K_DISTRICT, K_REGDEP, K_CITYDEP, K_SCHOOL, K_KINDER, K_HOSP,
 K_COMPANY, K_JSC, K_BRANCH, K_IP, K_NGO) = range(15)
CUSTOMER_KINDS = frozenset({K_PROC, K_MIN, K_NAT, K_AKIMAT, K_DISTRICT, K_REGDEP, K_CITYDEP, K_SCHOOL,
                            K_KINDER, K_HOSP})
STATE_INSTITUTIONS = frozenset({K_PROC, K_MIN, K_AKIMAT, K_DISTRICT, K_REGDEP, K_CITYDEP, K_SCHOOL})
ALWAYS_ORGANISE = frozenset({K_PROC, K_MIN, K_NAT, K_AKIMAT, K_DISTRICT, K_REGDEP})
SELF_ORGANISE_SHARE = {K_CITYDEP: 0.5, K_SCHOOL: 0.08, K_KINDER: 0.05, K_HOSP: 0.3}
BUYER_SIZE = {K_MIN: 60.0, K_NAT: 45.0, K_AKIMAT: 20.0, K_REGDEP: 16.0, K_CITYDEP: 8.0, K_DISTRICT: 5.0,
              K_PROC: 2.0, K_HOSP: 3.0, K_SCHOOL: 1.0, K_KINDER: 0.7}
VAT_SHARE = {K_COMPANY: 0.85, K_JSC: 1.0, K_BRANCH: 0.9, K_IP: 0.15, K_NGO: 0.0, K_HOSP: 0.5}
CITY_WEIGHTS = tuple(6.0 if i < 3 else 2.0 if i < 19 else 1.0 for i in range(len(nm.CITIES)))

# Quarantine-worthy records in broken/ by reason kind (what the importer must refuse).
QUARANTINE_KINDS = ("wrong_type", "missing_id", "invalid_bin", "negative_amount", "absurd_amount",
                    "date_out_of_range", "unknown_method", "not_an_object", "malformed_json", "api_error")

_OUR_FILE = re.compile(
    r"^(?:(?:graphql-)?(?:subject|trd-buy|lots|contract)\.(?:\d{5}|broken-\d{2})|ref_[a-z_]+)\.json(?:\.meta\.json)?$"
)
SUBFOLDERS = ("refs", "subject", "trd-buy", "lots", "contract", "broken")


# -- small helpers ---------------------------------------------------------------------------

def _money(tiyn: int):
    """Tiyn (1/100 tenge) as a JSON number with at most 2 decimals."""
    return tiyn // 100 if tiyn % 100 == 0 else tiyn / 100


def _without_vat(with_vat_tiyn: int) -> int:
    """``with_vat / 1.12`` rounded half up, in tiyn (100/112 = 25/28)."""
    return (with_vat_tiyn * 25 + 14) // 28


def _dumps(document) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=None).encode("utf-8")


class _Dates:
    """Cached ``YYYY-MM-DD`` strings for day ordinals; REST uses a space, GraphQL a ``T``."""

    def __init__(self) -> None:
        self._cache: dict[int, str] = {}

    def day(self, ordinal: int) -> str:
        text = self._cache.get(ordinal)
        if text is None:
            text = self._cache[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def rest(self, ordinal: int, seconds: int = 0) -> str:
        return f"{self.day(ordinal)} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

    def gql(self, ordinal: int, seconds: int = 0) -> str:
        return f"{self.day(ordinal)}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class _Zipf:
    """Pick an index with probability proportional to ``1 / (rank + 1) ** s``."""

    def __init__(self, n: int, s: float) -> None:
        total, cum = 0.0, []
        for rank in range(n):
            total += 1.0 / (rank + 1) ** s
            cum.append(total)
        self.cum, self.total, self.n = cum, total, n

    def pick(self, rng: random.Random) -> int:
        return min(bisect.bisect_right(self.cum, rng.random() * self.total), self.n - 1)


# -- output ----------------------------------------------------------------------------------

class _Output:
    """Writes pages and their ``.meta.json`` sidecars; counts files; reports progress."""

    def __init__(self, root: Path, retrieved_base: dt.datetime, total_pages: int,
                 progress: Callable[[str, int, int], None] | None) -> None:
        self.root = root
        self.retrieved_base = retrieved_base
        self.total_pages = total_pages
        self.progress = progress
        self.pages = 0
        self.files = 0
        self.written: set[Path] = set()

    def write(self, relative: str, payload: bytes, url: str) -> None:
        path = self.root / relative
        path.write_bytes(payload)
        retrieved = (self.retrieved_base + dt.timedelta(seconds=3 * self.pages)).isoformat()
        meta = path.with_name(path.name + ".meta.json")
        meta.write_bytes(_dumps({"url": url, "retrieved_at": retrieved}))
        self.written.update((path, meta))
        self.pages += 1
        self.files += 2
        if self.progress is not None:
            self.progress(relative, self.pages, self.total_pages)


class _Pages:
    """Page numbers shared by the writers of one folder (``contract.00001``, ``graphql-contract.00002``)."""

    def __init__(self) -> None:
        self.number = 0

    def next(self) -> int:
        self.number += 1
        return self.number


class _RestWriter:
    """Buffers snake_case items and writes REST pages ``{total, limit, next_page, items}``."""

    def __init__(self, out: _Output, folder: str, endpoint: str, path: str, total: int, pages: _Pages) -> None:
        self.out, self.folder, self.endpoint, self.path = out, folder, endpoint, path
        self.total, self.pages = total, pages
        self.buffer: list[dict] = []
        self.done = 0
        self.query = f"{path}?limit={PAGE_SIZE}"

    def add(self, item: dict) -> None:
        self.buffer.append(item)
        if len(self.buffer) >= PAGE_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        self.done += len(self.buffer)
        last_id = self.buffer[-1].get("id", self.buffer[-1].get("pid"))
        next_page = f"{self.path}?page=next&search_after={last_id}" if self.done < self.total else ""
        page = {"total": self.total, "limit": PAGE_SIZE, "next_page": next_page, "items": self.buffer}
        name = f"{self.folder}/{self.endpoint}.{self.pages.next():05d}.json"
        self.out.write(name, _dumps(page), OWS + self.query)
        self.query = next_page
        self.buffer = []


class _GraphqlWriter:
    """Buffers camelCase items and writes ``{data: {Entity: [...]}, extensions: {pageInfo}}``."""

    def __init__(self, out: _Output, folder: str, endpoint: str, entity: str, total: int, pages: _Pages) -> None:
        self.out, self.folder, self.endpoint, self.entity = out, folder, endpoint, entity
        self.total, self.pages = total, pages
        self.buffer: list[dict] = []
        self.done = 0

    def add(self, item: dict) -> None:
        self.buffer.append(item)
        if len(self.buffer) >= PAGE_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        self.done += len(self.buffer)
        page = {"data": {self.entity: self.buffer},
                "extensions": {"pageInfo": {"totalCount": self.total, "hasNextPage": self.done < self.total,
                                            "lastId": self.buffer[-1]["id"], "limitPage": PAGE_SIZE}}}
        name = f"{self.folder}/graphql-{self.endpoint}.{self.pages.next():05d}.json"
        self.out.write(name, _dumps(page), GRAPHQL_URL)
        self.buffer = []


_CONTRACT_DATES = frozenset({"crdate", "last_update_date", "sign_date", "ec_end_date"})
_CONTRACT_BOOLS = frozenset({"deleted", "is_gu"})
_CAMEL = re.compile(r"_([a-z0-9])")


def _camel(key: str) -> str:
    return _CAMEL.sub(lambda m: m.group(1).upper(), key)


_CAMEL_KEYS: dict[str, str] = {}


def contract_to_graphql(item: dict) -> dict:
    """A REST (snake_case) contract as the GraphQL ``Contract`` entity shows it."""
    out = {}
    for key, value in item.items():
        if key == "contract_units":
            out["ContractUnits"] = [{"id": u["id"], "lotId": u["lot_id"]} for u in value]
            continue
        camel = _CAMEL_KEYS.get(key)
        if camel is None:
            camel = _CAMEL_KEYS[key] = _camel(key)
        if key in _CONTRACT_DATES and value:
            value = value.replace(" ", "T", 1)
        elif key in _CONTRACT_BOOLS:
            value = bool(value)
        out[camel] = value
    return out


def _ref_page(entries) -> dict:
    items = [{"id": i, "code": code, "nameRu": ru, "nameKz": kz} for i, code, ru, kz in entries]
    return {"total": len(items), "limit": 50, "next_page": "", "items": items}


# -- organisations ---------------------------------------------------------------------------

class _Orgs:
    """What later stages need of each organisation; names are kept for buyers only."""

    def __init__(self) -> None:
        self.ident: list[str] = []       # BIN or IIN
        self.pid: list[int] = []
        self.kind = bytearray()
        self.vat = bytearray()
        self.customers: list[int] = []   # org index, ordered by buyer size (rank 0 = biggest)
        self.name_ru: dict[int, str] = {}
        self.name_kz: dict[int, str] = {}
        self.region: dict[int, int] = {}
        self.organiser: dict[int, int] = {}  # customer -> org index of the organiser
        self.suppliers: list[int] = []   # supplier pool, ordered by popularity
        self.persons = 0


def _customer_kinds(n_cust: int, rng: random.Random) -> list[tuple[int, int]]:
    """(kind, detail) for every customer; unique bodies first, then schools, kindergartens, hospitals."""
    n_proc = min(nm.REGION_COUNT, max(3, n_cust // 6))
    n_min = min(len(nm.MINISTRIES), n_cust // 10)
    n_nat = min(len(nm.NATIONAL_COMPANIES), n_cust // 25)
    n_akim = min(len(nm.CITIES), n_cust // 8)
    n_dist = min(len(nm.DISTRICTS), n_cust // 20)
    n_regdep = min(nm.REGION_COUNT * len(nm.REGIONAL_DEPARTMENTS), n_cust // 6)
    n_citydep = min(len(nm.CITIES) * len(nm.CITY_DEPARTMENTS), n_cust // 10)
    kinds: list[tuple[int, int]] = []
    # procurement departments of the biggest regions first (the three cities, then regions)
    regions = [17, 18, 19] + rng.sample(range(len(nm.REGIONS)), len(nm.REGIONS))
    kinds += [(K_PROC, r) for r in regions[:n_proc]]
    kinds += [(K_MIN, i) for i in range(n_min)]
    kinds += [(K_NAT, i) for i in range(n_nat)]
    kinds += [(K_AKIMAT, i) for i in range(n_akim)]
    kinds += [(K_DISTRICT, i) for i in range(n_dist)]
    pairs = [(r, d) for r in range(nm.REGION_COUNT) for d in range(len(nm.REGIONAL_DEPARTMENTS))]
    kinds += [(K_REGDEP, r * 100 + d) for r, d in rng.sample(pairs, n_regdep)]
    pairs = [(c, d) for c in range(len(nm.CITIES)) for d in range(len(nm.CITY_DEPARTMENTS))]
    kinds += [(K_CITYDEP, c * 100 + d) for c, d in rng.sample(pairs, n_citydep)]
    for _ in range(n_cust - len(kinds)):
        r = rng.random()
        kinds.append((K_SCHOOL if r < 0.5 else K_KINDER if r < 0.7 else K_HOSP, -1))
    return kinds


def _supplier_kinds(n_sup: int, rng: random.Random) -> list[int]:
    out = []
    for _ in range(n_sup):
        r = rng.random()
        out.append(K_IP if r < 0.05 else K_NGO if r < 0.07 else K_JSC if r < 0.09 else K_BRANCH if r < 0.12
                   else K_COMPANY)
    return out


class _BinMaker:
    """Unique valid BINs: per (yy, mm, division) a serial counter with random strides."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next_serial: dict[tuple[int, int, int], int] = {}

    def make(self, year: int, month: int, division: int) -> str:
        while True:
            key = (year % 100, month, division)
            serial = self.next_serial.get(key)
            if serial is None:
                serial = self.rng.randint(10, 900)
            while serial <= 99_999:
                value = make_valid_bin(year % 100, month, 4, division, serial)
                serial += self.rng.randint(1, 30)
                if value is not None:
                    self.next_serial[key] = serial
                    return value
            self.next_serial[key] = serial
            month = month % 12 + 1  # this month is full: use the next one


class _IinMaker:
    """Unique synthetic IINs; serials count down from 9999 to stay clear of common real ones."""

    def __init__(self) -> None:
        self.next_serial: dict[tuple[int, bool], int] = {}

    def make(self, birth: dt.date, male: bool) -> str:
        while True:
            key = (birth.toordinal(), male)
            serial = self.next_serial.get(key, 9_999)
            while serial >= 0:
                value = make_valid_iin(birth, male, serial)
                serial -= 1
                if value is not None:
                    self.next_serial[key] = serial
                    return value
            birth += dt.timedelta(days=1)


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _org_names(kind: int, detail: int, rng: random.Random, male: bool) -> tuple[tuple[str, str], int]:
    """((ru, kz), region) of one organisation."""
    city = -1
    if kind in (K_SCHOOL, K_KINDER, K_HOSP):
        city = rng.choices(range(len(nm.CITIES)), weights=CITY_WEIGHTS)[0]
    if kind == K_PROC:
        return nm.region_procurement_names(detail), detail
    if kind == K_MIN:
        return nm.ministry_names(detail), 17
    if kind == K_NAT:
        return nm.national_company_names(detail), 17
    if kind == K_AKIMAT:
        return nm.akimat_names(detail), nm.CITIES[detail][2]
    if kind == K_DISTRICT:
        return nm.district_akimat_names(detail), nm.DISTRICTS[detail][2]
    if kind == K_REGDEP:
        return nm.region_department_names(detail // 100, detail % 100), detail // 100
    if kind == K_CITYDEP:
        return nm.city_department_names(detail // 100, detail % 100), nm.CITIES[detail // 100][2]
    if kind == K_SCHOOL:
        return nm.school_names(rng, city), nm.CITIES[city][2]
    if kind == K_KINDER:
        return nm.kindergarten_names(rng), nm.CITIES[city][2]
    if kind == K_HOSP:
        return nm.hospital_names(rng, city), nm.CITIES[city][2]
    if kind == K_JSC:
        return nm.company_names(rng, joint_stock=True), -1
    if kind == K_BRANCH:
        return nm.company_names(rng, branch=True), -1
    if kind == K_IP:
        return nm.person_names(rng, male), -1
    if kind == K_NGO:
        return nm.ngo_names(rng), -1
    names = nm.company_names(rng)
    if rng.random() < 0.02:
        names = (names[0], "")  # a real quirk: the Kazakh name is sometimes empty
    return names, -1


def _make_orgs(n_orgs: int, rng: random.Random, out: _Output, dates: _Dates) -> _Orgs:
    """Decide every organisation and stream the subject pages."""
    n_cust = max(40, round(0.15 * n_orgs))
    specs: list[tuple[int, int]] = _customer_kinds(n_cust, rng)
    specs += [(k, -1) for k in _supplier_kinds(n_orgs - n_cust, rng)]
    rng.shuffle(specs)  # pid order mixes buyers and suppliers
    orgs = _Orgs()
    bins, iins = _BinMaker(rng), _IinMaker()
    writer = _RestWriter(out, "subject", "subject", "/v3/subject/all", n_orgs, _Pages())
    pid = 100_000
    sizes: list[tuple[float, int]] = []
    hospital_suppliers: list[int] = []
    first_day = dt.date(1995, 1, 1).toordinal()
    for index, (kind, detail) in enumerate(specs):
        pid += rng.randint(1, 4)
        male = rng.random() < 0.6
        (name_ru, name_kz), region = _org_names(kind, detail, rng, male)
        is_customer = kind in CUSTOMER_KINDS
        if kind == K_IP:
            registered = _random_day(rng, dt.date(2005, 1, 1), dt.date(2024, 6, 30))
            birth = _random_day(rng, dt.date(1960, 1, 1), dt.date(2000, 12, 31))
            bin_, iin = None, iins.make(birth, male)
            ident = iin
            orgs.persons += 1
        else:
            last = dt.date(2012, 12, 31) if is_customer else dt.date(2024, 6, 30)
            start = first_day if is_customer else dt.date(2000, 1, 1).toordinal()
            registered = dt.date.fromordinal(rng.randint(start, last.toordinal()))
            bin_ = bins.make(registered.year, registered.month, 1 if kind == K_BRANCH else 0)
            iin, ident = None, bin_
        is_supplier = not is_customer or (kind == K_HOSP and rng.random() < 0.2)
        organises = kind in ALWAYS_ORGANISE or rng.random() < SELF_ORGANISE_SHARE.get(kind, 0.0)
        orgs.ident.append(ident)
        orgs.pid.append(pid)
        orgs.kind.append(kind)
        orgs.vat.append(1 if rng.random() < VAT_SHARE.get(kind, 0.0) else 0)
        if is_customer:
            orgs.name_ru[index], orgs.name_kz[index], orgs.region[index] = name_ru, name_kz, region
            if organises:
                orgs.organiser[index] = index
            sizes.append((BUYER_SIZE[kind] * rng.lognormvariate(0.0, 0.8), index))
        if is_supplier:
            if is_customer:
                hospital_suppliers.append(index)
            else:
                orgs.suppliers.append(index)
        portal_day = max(registered.toordinal(), dt.date(2010, 1, 1).toordinal()) + rng.randint(0, 400)
        item = {
            "pid": pid, "bin": bin_, "iin": iin, "name_ru": name_ru, "name_kz": name_kz,
            "regdate": dates.rest(registered.toordinal()),
            "crdate": dates.rest(portal_day, rng.randint(28_800, 64_800)),
            "customer": int(is_customer), "organizer": int(organises), "supplier": int(is_supplier),
            "mark_resident": 1, "country_code": "KZ",
        }
        if kind == K_IP:
            item["phone"] = f"+7 70{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            item["email"] = f"ip{pid}@example.kz"
        item["last_update_date"] = dates.rest(dt.date(2025, 1, 1).toordinal() + rng.randint(0, 360),
                                              rng.randint(28_800, 64_800))
        writer.add(item)
    writer.flush()
    # buyers by size: rank 0 is the biggest spender
    sizes.sort(key=lambda pair: (-pair[0], pair[1]))
    orgs.customers = [index for _, index in sizes]
    rng.shuffle(orgs.suppliers)
    orgs.suppliers += hospital_suppliers  # state enterprises that also sell: least popular
    # organisers: the buyer itself, or the procurement department of its region
    departments = {orgs.region[i]: i for i in orgs.customers if orgs.kind[i] == K_PROC}
    fallback = sorted(departments.values())
    for index in orgs.customers:
        if index not in orgs.organiser:
            region = orgs.region[index]
            orgs.organiser[index] = departments.get(region, fallback[region % len(fallback)])
    return orgs


# -- procurement plan ------------------------------------------------------------------------

class _Plan:
    """Structure only (methods, lots per announcement, which lots end in a contract)."""

    def __init__(self, n_contracts: int, rng: random.Random) -> None:
        self.methods = bytearray()
        self.lots = bytearray()     # 0 = direct award without an announcement
        self.awarded = bytearray()  # bit i set: lot i ends in a contract
        methods = [m for m, *_ in METHOD_PLAN]
        weights = [p for _, p, _, _ in METHOD_PLAN]
        shape = {m: (mean, rate) for m, _, mean, rate in METHOD_PLAN}
        contracts = 0
        while contracts < n_contracts:
            method = rng.choices(methods, weights)[0]
            mean, rate = shape[method]
            if method == 23 and rng.random() < DIRECT_WITHOUT_TENDER:
                n_lots, mask = 0, 1
                count = 1
            else:
                n_lots = 1
                if mean > 1.0:
                    q = (mean - 1.0) / mean
                    while n_lots < 8 and rng.random() < q:
                        n_lots += 1
                mask = 0
                for lot in range(n_lots):
                    if rng.random() < rate:
                        mask |= 1 << lot
                count = bin(mask).count("1")
                while contracts + count > n_contracts:  # the last announcement: trim to the exact total
                    mask &= ~(1 << (mask.bit_length() - 1))
                    count -= 1
            self.methods.append(method)
            self.lots.append(n_lots)
            self.awarded.append(mask)
            contracts += count
        self.contracts = contracts
        self.tenders = sum(1 for n in self.lots if n)
        self.lot_count = sum(self.lots)


# -- the generator ---------------------------------------------------------------------------

def generate(out: Path, *, seed: int = 42, scale: str = "small",
             progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Write the corpus under ``out/goszakup/`` and the manifest to ``out/manifest.json``."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    sizes = SCALES[scale]
    n_contracts, n_orgs = sizes["contracts"], max(300, sizes["organisations"])
    out = Path(out)
    root = out / "goszakup"
    for folder in SUBFOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    stale = {f for folder in SUBFOLDERS for f in (root / folder).iterdir()
             if f.is_file() and _OUR_FILE.match(f.name)}

    master = random.Random(seed)
    rng_plan = random.Random(master.getrandbits(64))
    rng_orgs = random.Random(master.getrandbits(64))
    rng = random.Random(master.getrandbits(64))
    retrieved_base = RETRIEVED_BASE + dt.timedelta(seconds=master.randrange(0, 6 * 3600))

    plan = _Plan(n_contracts, rng_plan)
    n_changed = max(3, n_contracts // 200)
    n_deleted = max(3, n_contracts // 200)
    picked = rng_plan.sample(range(n_contracts), n_changed + n_deleted)
    changed, deleted = set(picked[:n_changed]), set(picked[n_changed:])

    rest_total = min(n_contracts, math.ceil(math.ceil(n_contracts / PAGE_SIZE) / 2) * PAGE_SIZE)
    def pages_of(n: int) -> int:
        return math.ceil(n / PAGE_SIZE)

    total_pages = (3 + pages_of(n_orgs) + pages_of(plan.tenders) + pages_of(plan.lot_count) + pages_of(rest_total)
                   + pages_of(n_contracts - rest_total) + pages_of(n_changed) + 3)
    output = _Output(root, retrieved_base, total_pages, progress)
    dates = _Dates()

    output.write("refs/ref_trade_methods.json", _dumps(_ref_page(TRADE_METHODS)),
                 f"{OWS}/v3/refs/ref_trade_methods")
    output.write("refs/ref_buy_status.json", _dumps(_ref_page(BUY_STATUSES)), f"{OWS}/v3/refs/ref_buy_status")
    output.write("refs/ref_subject_type.json", _dumps(_ref_page(SUBJECT_TYPES)), f"{OWS}/v3/refs/ref_subject_type")

    orgs = _make_orgs(n_orgs, rng_orgs, output, dates)
    stats = _emit_procurements(plan, orgs, rng, output, dates, rest_total, changed, deleted)
    broken = _write_broken(orgs, rng, output, dates, stats)

    for path in stale - output.written:
        path.unlink()

    sum_tiyn = stats["sum_tiyn"] + broken["sum_tiyn"]
    expected = {
        "contracts_valid": plan.contracts + broken["good"],
        "contracts_deleted": len(deleted),
        "contracts_changed": len(changed),
        "contract_records_valid": plan.contracts + len(changed) + broken["good"],
        "contracts_live_kzt": stats["live_kzt"] + broken["good"],
        "contract_sum_wnds_kzt": f"{sum_tiyn // 100}.{sum_tiyn % 100:02d}",
        "contracts_single_source": stats["single_source"],
        "contracts_social_order": stats["social_order"],
        "contracts_without_tender": stats["without_tender"],
        "contracts_foreign_currency": stats["foreign"],
        "organisations": n_orgs,
        "organisations_individual": orgs.persons,
        "tenders": plan.tenders,
        "lots": plan.lot_count,
        "broken_good_records": broken["good"],
        "quarantine": broken["quarantine"],
        "quarantine_total": sum(broken["quarantine"].values()),
    }
    manifest = {
        "generator": "opentenge.demo",
        "seed": seed,
        "scale": scale,
        "files": output.files,
        "pages": output.pages,
        "page_size": PAGE_SIZE,
        "counts": {
            "organisations": n_orgs,
            "tenders": plan.tenders,
            "lots": plan.lot_count,
            "contracts": plan.contracts,
            "broken_records": expected["quarantine_total"],
        },
        "expected": expected,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def _amount_tiyn(rng: random.Random, subject_type: int, method: int, buyer_rank: int) -> int:
    median = MEDIAN_BY_TYPE[subject_type] * METHOD_FACTOR[method] * (1.0 + 2.0 / (1.0 + buyer_rank / 3.0))
    tenge = min(MAX_LOT_TENGE, max(MIN_LOT_TENGE, rng.lognormvariate(math.log(median), AMOUNT_SIGMA)))
    return int(round(tenge * 100))


def _emit_procurements(plan: _Plan, orgs: _Orgs, rng: random.Random, out: _Output, dates: _Dates,
                       rest_total: int, changed: set[int], deleted: set[int]) -> dict:
    tender_writer = _GraphqlWriter(out, "trd-buy", "trd-buy", "TrdBuy", plan.tenders, _Pages())
    lot_writer = _RestWriter(out, "lots", "lots", "/v3/lots", plan.lot_count, _Pages())
    contract_pages = _Pages()
    rest_contracts = _RestWriter(out, "contract", "contract", "/v3/contract", rest_total, contract_pages)
    gql_contracts = _GraphqlWriter(out, "contract", "contract", "Contract", plan.contracts - rest_total,
                                   contract_pages)
    buyers = _Zipf(len(orgs.customers), 1.05)
    sellers = _Zipf(len(orgs.suppliers), 0.8)
    year_start = {y: dt.date(y, 1, 1).toordinal() for y in YEARS}
    last_day = dt.date(YEARS[-1], 12, 31).toordinal()
    cap_day = LAST_UPDATE_CAP.toordinal()
    tender_id, lot_id, contract_id, unit_id = 5_000_000, 20_000_000, 10_000_000, 30_000_000
    contract_index = 0
    updates: list[dict] = []
    stats = {"sum_tiyn": 0, "live_kzt": 0, "single_source": 0, "social_order": 0, "without_tender": 0,
             "foreign": 0, "last_contract_id": 0}

    for p in range(len(plan.methods)):
        method, n_lots, mask = plan.methods[p], plan.lots[p], plan.awarded[p]
        rank = buyers.pick(rng)
        customer = orgs.customers[rank]
        customer_bin, customer_pid = orgs.ident[customer], orgs.pid[customer]
        mix = SUBJECT_MIX[method]
        subject_type = rng.choices((1, 2, 3), mix)[0]
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
        sign_day = year_start[year] + rng.randint(0, 364)
        social = method == SOCIAL_ORDER

        tender = None
        number_anno = None
        lot_rows: list[tuple[int, str, str, int]] = []  # (lot id, name ru, name kz, amount tiyn)
        if n_lots:
            tender_id += rng.randint(1, 3)
            suffix = "КРБС" if rng.random() < 0.3 else ""
            iteration = 1 if rng.random() < 0.85 else 2
            number_anno = f"{tender_id + 4_000_000}-{suffix}{iteration}"
            own_lot_numbers = bool(suffix) and rng.random() < 0.7  # "58602580-КРБС1" vs "11223344-1-1"
            publish = sign_day - rng.randint(25, 50)
            start = publish + 1
            end = start + rng.randint(7, 20)
            itogi = end + rng.randint(1, 4)
            status = 350 if mask else rng.choices(FAILED_STATUSES, FAILED_WEIGHTS)[0]
            lot_total = 0
            for lot in range(n_lots):
                lot_id += rng.randint(1, 3)
                name_ru, name_kz = nm.item_names(rng, subject_type, social)
                amount = _amount_tiyn(rng, subject_type, method, rank)
                lot_total += amount
                lot_rows.append((lot_id, name_ru, name_kz, amount))
                awarded = bool(mask >> lot & 1)
                lot_number = (f"{lot_id + 38_000_000}-{suffix}{iteration}" if own_lot_numbers
                              else f"{number_anno}-{lot + 1}")
                lot_writer.add({
                    "id": lot_id, "lot_number": lot_number, "trd_buy_id": tender_id,
                    "trd_buy_number_anno": number_anno, "name_ru": name_ru, "name_kz": name_kz,
                    "description_ru": f"{name_ru} согласно технической спецификации",
                    "description_kz": f"{name_kz} техникалық ерекшелікке сәйкес",
                    "amount": _money(amount), "count": rng.randint(1, 5000) if subject_type == 1 else 1,
                    "ref_trade_methods_id": method,
                    "ref_lot_status_id": LOT_AWARDED if awarded else (status if status != 350 else 410),
                    "customer_id": customer_pid, "customer_bin": customer_bin,
                    "customer_name_ru": orgs.name_ru[customer], "customer_name_kz": orgs.name_kz[customer],
                    "last_update_date": dates.rest(min(itogi + rng.randint(0, 3), cap_day),
                                                   rng.randint(28_800, 64_800)),
                })
            if n_lots == 1:
                tender_ru, tender_kz = lot_rows[0][1], lot_rows[0][2]
            else:
                tender_ru, tender_kz = nm.bundle_names(subject_type, year)
            organiser = orgs.organiser[customer]
            tender_writer.add({
                "id": tender_id, "numberAnno": number_anno, "nameRu": tender_ru, "nameKz": tender_kz,
                "totalSum": _money(lot_total), "countLots": n_lots, "refTradeMethodsId": method,
                "refBuyStatusId": status, "refSubjectTypeId": subject_type,
                "publishDate": dates.gql(publish, rng.randint(32_400, 64_800)),
                "startDate": dates.gql(start, 32_400), "endDate": dates.gql(end, 32_400),
                "itogiDatePublic": dates.gql(itogi, rng.randint(32_400, 64_800)) if status == 350 else None,
                "customerBin": customer_bin, "customerPid": customer_pid,
                "customerNameRu": orgs.name_ru[customer], "customerNameKz": orgs.name_kz[customer],
                "orgBin": orgs.ident[organiser], "orgPid": orgs.pid[organiser],
                "orgNameRu": orgs.name_ru[organiser], "orgNameKz": orgs.name_kz[organiser],
            })
            tender = tender_id
        else:
            name_ru, name_kz = nm.item_names(rng, subject_type, social)
            lot_rows.append((None, name_ru, name_kz, _amount_tiyn(rng, subject_type, method, rank)))
            stats["without_tender"] += 1

        for lot, (this_lot_id, name_ru, name_kz, lot_amount) in enumerate(lot_rows):
            if not mask >> lot & 1:
                continue
            supplier = orgs.suppliers[sellers.pick(rng)]
            while orgs.ident[supplier] == customer_bin:
                supplier = orgs.suppliers[sellers.pick(rng)]
            discount = 1.0 - (rng.random() * 0.05 if method in SINGLE_SOURCE or social else rng.random() * 0.25)
            with_vat = max(1000, int(lot_amount * discount))
            currency, rate = "KZT", None
            if rng.random() < 0.004 and subject_type == 1:
                currency, low, high = rng.choice(FOREIGN)
                rate = round(rng.uniform(low, high), 2)
                with_vat = max(100, int(with_vat / rate))
            vat_payer = orgs.vat[supplier]
            sign = min(sign_day + rng.randint(0, 5), last_day)
            sign_year = dt.date.fromordinal(sign).year
            contract_id += rng.randint(1, 3)
            unit_id += rng.randint(1, 2)
            executed = sign_year < 2025 and rng.random() < 0.9
            fakt = with_vat if executed else 0
            is_deleted = contract_index in deleted
            last_update = min(sign + rng.randint(0, 10), cap_day)
            record = {
                "id": contract_id, "parent_id": None, "root_id": contract_id, "trd_buy_id": tender,
                "trd_buy_number_anno": number_anno, "ref_contract_status_id": 250, "deleted": int(is_deleted),
                "crdate": dates.rest(sign - rng.randint(0, 3), rng.randint(32_400, 64_800)),
                "last_update_date": dates.rest(last_update, rng.randint(32_400, 64_800)),
                "supplier_id": orgs.pid[supplier], "supplier_biin": orgs.ident[supplier],
                "customer_id": customer_pid, "customer_bin": customer_bin,
                "contract_number": str(rng.randint(1, 400)), "contract_number_sys": f"Д-{contract_id}",
                "sign_date": dates.rest(sign), "ec_end_date": dates.rest(dt.date(sign_year, 12, 31).toordinal()),
                "contract_sum": _money(_without_vat(with_vat) if vat_payer else with_vat),
                "contract_sum_wnds": _money(with_vat),
                "fakt_sum": _money(_without_vat(fakt) if vat_payer else fakt), "fakt_sum_wnds": _money(fakt),
                "ref_currency_code": currency, "exchange_rate": rate, "fin_year": sign_year,
                "ref_subject_type_id": subject_type, "description_ru": name_ru, "description_kz": name_kz,
                "fakt_trade_methods_id": method, "is_gu": int(orgs.kind[customer] in STATE_INSTITUTIONS),
                "contract_units": [{"id": unit_id, "lot_id": this_lot_id}],
            }
            final = with_vat
            if contract_index in changed:
                final = max(1000, int(with_vat * rng.uniform(0.9, 1.15)))
                if final == with_vat:
                    final += 100_00
                new = dict(record)
                later = min(max(last_update + rng.randint(20, 300), last_update + 1), max(cap_day, last_update + 1))
                new["last_update_date"] = dates.rest(later, rng.randint(32_400, 64_800))
                new["contract_sum_wnds"] = _money(final)
                new["contract_sum"] = _money(_without_vat(final) if vat_payer else final)
                if fakt:
                    new["fakt_sum_wnds"] = _money(final)
                    new["fakt_sum"] = new["contract_sum"]
                updates.append(new)
            if currency == "KZT" and not is_deleted:
                stats["sum_tiyn"] += final
                stats["live_kzt"] += 1
            if currency != "KZT":
                stats["foreign"] += 1
            if method in SINGLE_SOURCE:
                stats["single_source"] += 1
            elif social:
                stats["social_order"] += 1
            if contract_index < rest_total:
                rest_contracts.add(record)
            else:
                gql_contracts.add(contract_to_graphql(record))
            contract_index += 1
    tender_writer.flush()
    lot_writer.flush()
    rest_contracts.flush()
    gql_contracts.flush()
    # later versions of some contracts, as an incremental GraphQL fetch by lastUpdateDate
    update_writer = _GraphqlWriter(out, "contract", "contract", "Contract", len(updates), contract_pages)
    for record in updates:
        update_writer.add(contract_to_graphql(record))
    update_writer.flush()
    stats["last_contract_id"] = contract_id
    return stats


# -- broken records --------------------------------------------------------------------------

def _write_broken(orgs: _Orgs, rng: random.Random, out: _Output, dates: _Dates, stats: dict) -> dict:
    """One REST page mixing good and bad records, one truncated file, one GraphQL error page."""
    customer = orgs.customers[0]
    customer_bin, customer_pid = orgs.ident[customer], orgs.pid[customer]
    suppliers = [s for s in orgs.suppliers[:50] if orgs.kind[s] != K_IP][:6]
    next_id = stats["last_contract_id"] + 1_000_000

    def contract(supplier: int, with_vat: int, sign: dt.date) -> dict:
        nonlocal next_id
        next_id += 1
        vat_payer = orgs.vat[supplier]
        return {
            "id": next_id, "parent_id": None, "root_id": next_id, "trd_buy_id": None, "trd_buy_number_anno": None,
            "ref_contract_status_id": 250, "deleted": 0,
            "last_update_date": dates.rest(sign.toordinal(), 36_000),
            "supplier_id": orgs.pid[supplier], "supplier_biin": orgs.ident[supplier],
            "customer_id": customer_pid, "customer_bin": customer_bin,
            "contract_number": str(rng.randint(1, 400)), "contract_number_sys": f"Д-{next_id}",
            "sign_date": dates.rest(sign.toordinal()),
            "contract_sum": _money(_without_vat(with_vat) if vat_payer else with_vat),
            "contract_sum_wnds": _money(with_vat), "ref_currency_code": "KZT", "fin_year": sign.year,
            "ref_subject_type_id": 3, "description_ru": "Услуги по уборке помещений",
            "description_kz": "Үй-жайларды жинау қызметтері", "fakt_trade_methods_id": 23,
            "is_gu": int(orgs.kind[customer] in STATE_INSTITUTIONS),
            "contract_units": [{"id": next_id + 20_000_000, "lot_id": None}],
        }

    def good() -> tuple[dict, int]:
        with_vat = rng.randint(50_000, 5_000_000) * 100
        sign = dt.date(2024, rng.randint(1, 12), rng.randint(1, 28))
        return contract(rng.choice(suppliers), with_vat, sign), with_vat

    items: list = []
    good_count = good_sum = 0
    for maker in ("good", "wrong_type", "good", "missing_id", "invalid_bin", "good", "negative_amount",
                  "absurd_amount", "date_out_of_range", "good", "unknown_method", "not_an_object", "good"):
        if maker == "not_an_object":
            items.append("not an object")
            continue
        record, with_vat = good()
        if maker == "good":
            good_count += 1
            good_sum += with_vat
        elif maker == "wrong_type":
            record["contract_sum_wnds"] = "сто тысяч"
        elif maker == "missing_id":
            del record["id"]
        elif maker == "invalid_bin":
            valid = record["supplier_biin"]
            record["supplier_biin"] = valid[:11] + str((int(valid[11]) + 1) % 10)
        elif maker == "negative_amount":
            record["contract_sum_wnds"] = -abs(record["contract_sum_wnds"])
        elif maker == "absurd_amount":
            record["contract_sum_wnds"] = 50_000_000_000_000_000
        elif maker == "date_out_of_range":
            record["sign_date"] = "1899-01-01 00:00:00"
        elif maker == "unknown_method":
            record["fakt_trade_methods_id"] = 999
        items.append(record)
    page = {"total": len(items), "limit": PAGE_SIZE, "next_page": "", "items": items}
    after = stats["last_contract_id"]
    out.write("broken/contract.broken-01.json", _dumps(page),
              f"{OWS}/v3/contract?page=next&search_after={after}")
    whole = json.dumps({"total": 3, "limit": PAGE_SIZE, "next_page": "",
                        "items": [good()[0], good()[0], good()[0]]}, ensure_ascii=False)
    # cut on a character boundary, so the file is valid UTF-8 but not valid JSON
    out.write("broken/contract.broken-02.json", whole[: len(whole) * 11 // 20].encode("utf-8"),
              f"{OWS}/v3/contract?page=next&search_after={after + 1}")
    errors = {"errors": [{"message": "Unauthorized: token expired"}]}
    out.write("broken/graphql-contract.broken-03.json", _dumps(errors), GRAPHQL_URL)
    return {"good": good_count, "sum_tiyn": good_sum, "quarantine": {kind: 1 for kind in QUARANTINE_KINDS}}

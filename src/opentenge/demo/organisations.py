"""Who buys and who sells in the demo corpus: organisation kinds, names, BINs/IINs, subject pages.

Separate from procurement because every later stage needs only a few facts per organisation
(identifier, pid, kind, VAT status, buyer rank, organiser, the buyer's names), which :class:`Orgs`
keeps compactly while the full ``/v3/subject/all`` records are streamed to disk and forgotten.
Identifiers are made-up numbers with valid check digits (:mod:`opentenge.ids.kz`), unique across
the corpus; names come from the word lists in :mod:`opentenge.demo.names`.
"""
from __future__ import annotations

import datetime as dt
import random

from opentenge.demo import names as nm
from opentenge.demo.envelopes import Dates, Output, Pages, RestWriter
from opentenge.ids.kz import make_valid_bin, make_valid_iin

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


class Orgs:
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

    def is_gu(self, index: int) -> int:
        """The contracts' ``is_gu`` flag: 1 when the buyer is a state institution."""
        return int(self.kind[index] in STATE_INSTITUTIONS)


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


class BinMaker:
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


class IinMaker:
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


def make_orgs(n_orgs: int, rng: random.Random, out: Output, dates: Dates) -> Orgs:
    """Decide every organisation and stream the subject pages."""
    n_cust = max(40, round(0.15 * n_orgs))
    specs: list[tuple[int, int]] = _customer_kinds(n_cust, rng)
    specs += [(k, -1) for k in _supplier_kinds(n_orgs - n_cust, rng)]
    rng.shuffle(specs)  # pid order mixes buyers and suppliers
    orgs = Orgs()
    bins, iins = BinMaker(rng), IinMaker()
    writer = RestWriter(out, "subject", "subject", "/v3/subject/all", n_orgs, Pages())
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

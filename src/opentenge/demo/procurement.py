"""What was bought, how and for how much: reference dictionaries, tenders, lots, contracts.

The statistical heart of the demo corpus, kept apart from organisations and file formats so the
shape of the market (method mix, lots per announcement, award rates, skewed amounts, dates,
contract amendments and deletions) can be tuned in one place. Work happens in two passes:
:class:`Plan` fixes only the structure from its own random stream, so the exact number of
contracts is known before anything is written; :func:`emit_procurements` then fills in buyers,
suppliers, amounts and dates and streams TrdBuy, lots and contract pages.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import random

from opentenge.demo import names as nm
from opentenge.demo.envelopes import (OWS, Dates, GraphqlWriter, Output, Pages, RestWriter, contract_to_graphql,
                                      dumps, ref_page)
from opentenge.demo.organisations import K_NGO, Orgs

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


# -- amounts and picking ---------------------------------------------------------------------

def money(tiyn: int):
    """Tiyn (1/100 tenge) as a JSON number with at most 2 decimals."""
    return tiyn // 100 if tiyn % 100 == 0 else tiyn / 100


def without_vat(with_vat_tiyn: int) -> int:
    """``with_vat / 1.12`` rounded half up, in tiyn (100/112 = 25/28)."""
    return (with_vat_tiyn * 25 + 14) // 28


def contract_sum(with_vat_tiyn: int, vat_payer: int):
    """``contract_sum``/``fakt_sum`` of a contract: net of VAT when the supplier pays VAT, else the same."""
    return money(without_vat(with_vat_tiyn) if vat_payer else with_vat_tiyn)


def _amount_tiyn(rng: random.Random, subject_type: int, method: int, buyer_rank: int) -> int:
    """A lot's amount: log-normal around a median by subject type and method, larger for big buyers."""
    median = MEDIAN_BY_TYPE[subject_type] * METHOD_FACTOR[method] * (1.0 + 2.0 / (1.0 + buyer_rank / 3.0))
    tenge = min(MAX_LOT_TENGE, max(MIN_LOT_TENGE, rng.lognormvariate(math.log(median), AMOUNT_SIGMA)))
    return int(round(tenge * 100))


class Zipf:
    """Pick an index with probability proportional to ``1 / (rank + 1) ** s``.

    A few big buyers and popular suppliers get most contracts, as on the real portal.
    """

    def __init__(self, n: int, s: float) -> None:
        total, cum = 0.0, []
        for rank in range(n):
            total += 1.0 / (rank + 1) ** s
            cum.append(total)
        self.cum, self.total, self.n = cum, total, n

    def pick(self, rng: random.Random) -> int:
        return min(bisect.bisect_right(self.cum, rng.random() * self.total), self.n - 1)


def write_refs(out: Output) -> None:
    """The three reference dictionaries the importer resolves ids against."""
    out.write("refs/ref_trade_methods.json", dumps(ref_page(TRADE_METHODS)), f"{OWS}/v3/refs/ref_trade_methods")
    out.write("refs/ref_buy_status.json", dumps(ref_page(BUY_STATUSES)), f"{OWS}/v3/refs/ref_buy_status")
    out.write("refs/ref_subject_type.json", dumps(ref_page(SUBJECT_TYPES)), f"{OWS}/v3/refs/ref_subject_type")


# -- procurement plan ------------------------------------------------------------------------

class Plan:
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


# -- tenders, lots and contracts -------------------------------------------------------------

def emit_procurements(plan: Plan, orgs: Orgs, rng: random.Random, out: Output, dates: Dates,
                      rest_total: int, changed: set[int], deleted: set[int]) -> dict:
    """Stream TrdBuy, lot and contract pages for ``plan``; return the tallies the manifest expects.

    The first ``rest_total`` contracts go to REST pages, the rest to GraphQL pages; contracts whose
    index is in ``changed`` get a later version, written last as an incremental GraphQL fetch.
    """
    tender_writer = GraphqlWriter(out, "trd-buy", "trd-buy", "TrdBuy", plan.tenders, Pages())
    lot_writer = RestWriter(out, "lots", "lots", "/v3/lots", plan.lot_count, Pages())
    contract_pages = Pages()
    rest_contracts = RestWriter(out, "contract", "contract", "/v3/contract", rest_total, contract_pages)
    gql_contracts = GraphqlWriter(out, "contract", "contract", "Contract", plan.contracts - rest_total,
                                  contract_pages)
    buyers = Zipf(len(orgs.customers), 1.05)
    sellers = Zipf(len(orgs.suppliers), 0.8)
    # State social order is placed with NGOs (ОО/ОФ), as the law intends; other methods with anyone.
    ngo_suppliers = [i for i in orgs.suppliers if orgs.kind[i] == K_NGO]
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
                    "amount": money(amount), "count": rng.randint(1, 5000) if subject_type == 1 else 1,
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
                "totalSum": money(lot_total), "countLots": n_lots, "refTradeMethodsId": method,
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
            if social and ngo_suppliers:
                supplier = ngo_suppliers[sellers.pick(rng) % len(ngo_suppliers)]
            else:
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
                "contract_sum": contract_sum(with_vat, vat_payer),
                "contract_sum_wnds": money(with_vat),
                "fakt_sum": contract_sum(fakt, vat_payer), "fakt_sum_wnds": money(fakt),
                "ref_currency_code": currency, "exchange_rate": rate, "fin_year": sign_year,
                "ref_subject_type_id": subject_type, "description_ru": name_ru, "description_kz": name_kz,
                "fakt_trade_methods_id": method, "is_gu": orgs.is_gu(customer),
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
                new["contract_sum_wnds"] = money(final)
                new["contract_sum"] = contract_sum(final, vat_payer)
                if fakt:
                    new["fakt_sum_wnds"] = money(final)
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
    update_writer = GraphqlWriter(out, "contract", "contract", "Contract", len(updates), contract_pages)
    for record in updates:
        update_writer.add(contract_to_graphql(record))
    update_writer.flush()
    stats["last_contract_id"] = contract_id
    return stats

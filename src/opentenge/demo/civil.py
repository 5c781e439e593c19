"""Synthetic civil-society corpus: state grants, the foreign-funding register and the NGO database.

Runs after the goszakup demo has been written into ``<out>/goszakup/``: it reads the subject
pages there to reuse the NGOs that sell to the state (names «ОО "…"» with their BINs and
registration dates) and the contract pages to find who was paid through the state social order
(method 52), so the same organisations appear in procurement, in grant lists and in the register
by BIN. Then it writes, in the formats defined in docs/formats/ and in the encodings such files
really come in::

    <out>/ngo_register/ngo_database.xlsx                  XLSX (openpyxl), kk and ru names
    <out>/state_grants/operator/granty_<year>.xlsx         national competitions, title + «Итого» rows
    <out>/state_grants/operator/konkursy.xlsx              applications and winners per competition
    <out>/state_grants/akimats/<city>_<year>.csv           CSV in Windows-1251 (ru) or UTF-8 with BOM (kk)
    <out>/state_grants/premii/premii_<year>.csv            awards, UTF-8 with BOM, Kazakh headers
    <out>/state_grants/mapped/<city>_grants_<year>.csv     other headers + a .mapping.yml beside it
    <out>/foreign_funding/reestr_<date>.xlsx               the register as of 21.09.2023 (~240 rows;
                                                           medium and large add a 2024 publication)

Some rows are broken on purpose (an amount in words, a wrong check digit, an unreadable period):
the importers must quarantine exactly those; ``expected`` counts them. Amounts are drawn in tiyn
and written in the published styles (``12 500 000``, ``7 250 000,50``, ``3 400 тыс.``, numeric
cells); ``expected`` carries the exact totals per year, in tenge strings, and the showcase
organisations (paid through the social order, with grants and foreign money) for the tests.
Organisations come from :mod:`~opentenge.demo.civil_orgs`, file formats from
:mod:`~opentenge.demo.civil_files`, words from :mod:`~opentenge.demo.civil_names`. No Django: the
standard library, openpyxl, :mod:`opentenge.ids` and the region table of :mod:`opentenge.civil.regions`.
The same seed and scale give byte-identical files (XLSX timestamps are fixed).
"""
from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from pathlib import Path

from opentenge.demo import civil_names as cn
from opentenge.demo import names as nm
from opentenge.demo.civil_files import Files, draw_tiyn, tenge_text, thousand_text
from opentenge.demo.civil_orgs import Bins, Ngo, ngo_core, region_text, build_ngos, read_procurement
from opentenge.ids.kz import make_valid_iin

# Per scale. ``local_cities`` (akimat lists per year), ``local_winners`` (winners per list) and
# ``foreign_rows`` (rows of the second register publication) are set for large only: small and
# medium keep the draws, hence the bytes, they always had. Large is about 20 times medium in every
# register (~17,000 NGOs, ~16,000 grant rows, ~24,000 foreign-funding rows), as goszakup is 20
# times medium in contracts and organisations, so the civil pages are measured at national scale.
SIZES = {
    "small": {"extra_ngos": 70, "media": 14, "persons": 16, "winners": 3, "registers": 1},
    "medium": {"extra_ngos": 700, "media": 60, "persons": 80, "winners": 12, "registers": 2},
    "large": {"extra_ngos": 14_000, "media": 1_200, "persons": 900, "winners": 250, "registers": 2,
              "local_cities": 6, "local_winners": (20, 40), "foreign_rows": 23_760},
}
GRANT_YEARS = (2019, 2020, 2021, 2022, 2023, 2024, 2025)
REGISTER_DATES = (dt.date(2023, 9, 21), dt.date(2024, 9, 20))


# -- the corpus --------------------------------------------------------------------------------

class Ledger:
    """What the importers must end up with, computed while writing (tiyn, exact)."""

    def __init__(self) -> None:
        self.grants_by_year: dict[int, int] = defaultdict(int)
        self.grants_by_bin: dict[str, int] = defaultdict(int)
        self.foreign_by_year: dict[int, int] = defaultdict(int)
        self.foreign_by_bin: dict[str, int] = defaultdict(int)
        self.rows = {"state_grants": 0, "foreign_funding": 0, "ngo_register": 0, "competitions": 0}
        self.quarantine = {"state_grants": 0, "foreign_funding": 0, "ngo_register": 0}

    def grant(self, year: int, bin_: str, tiyn: int) -> None:
        self.rows["state_grants"] += 1
        self.grants_by_year[year] += tiyn
        if bin_:
            self.grants_by_bin[bin_] += tiyn

    def foreign(self, year: int, key: str, tiyn: int) -> None:
        self.rows["foreign_funding"] += 1
        self.foreign_by_year[year] += tiyn
        self.foreign_by_bin[key] += tiyn


def _money(tiyn: int) -> str:
    return f"{tiyn // 100}.{tiyn % 100:02d}"


AWARD_HEADER_RU = ["№ п/п", "Год", "Дата решения", "Вид", "Грантодатель", "Приоритетное направление",
                   "Наименование НПО", "БИН", "Регион", "Наименование проекта", "Сумма, тенге"]
AWARD_HEADER_KK = ["Р/с №", "Жыл", "Шешім күні", "Түрі", "Грант беруші", "Басым бағыт", "ҮЕҰ атауы", "БСН",
                   "Өңір", "Жобаның атауы", "Сомасы, теңге"]
COMPETITION_HEADER = ["№ п/п", "Год", "Грантодатель", "Приоритетное направление", "Количество поданных заявок",
                      "Количество победителей", "Объём финансирования, тенге"]
FOREIGN_HEADER = ["№ п/п", "БИН/ИИН", "Наименование/Ф.И.О.", "Регион", "Наименование иностранного источника",
                  "Страна", "Сумма, тенге", "Цель", "Период"]
NGO_HEADER = ["№ п/п", "БИН", "Наименование на казахском языке", "Наименование на русском языке",
              "Организационно-правовая форма", "Дата регистрации", "Регион", "Сферы деятельности"]
FOREIGN_TITLE = ("Реестр лиц, получающих денежные средства и (или) иное имущество от иностранных государств, "
                 "международных и иностранных организаций, иностранцев, лиц без гражданства")


class Corpus:
    """One run of the generator: random streams, organisations, files and the ledger."""

    def __init__(self, out: Path, seed: int, scale: str, subjects: dict, social: dict) -> None:
        master = random.Random(seed * 1_000_003 + 606)
        self.rng_orgs = random.Random(master.getrandbits(64))
        self.rng = random.Random(master.getrandbits(64))
        self.sizes = SIZES[scale]
        self.files = Files(out)
        self.ledger = Ledger()
        self.bins = Bins(random.Random(master.getrandbits(64)), set(subjects))
        self.used: set[str] = set()
        self.ngos, self.showcase = build_ngos(subjects, social, self.sizes, self.rng_orgs, self.bins)
        self.pool = [n for n in self.ngos if n.kind == "ngo"]

    # -- state grants --------------------------------------------------------------------------

    def fresh_ngo(self, decision: dt.date, activity: str) -> Ngo:
        """A winner registered 30–150 days before the award decision (what indicator C004 looks for)."""
        registered = decision - dt.timedelta(days=self.rng.randint(30, 150))
        core = ngo_core(self.rng, self.used)
        ngo = Ngo(self.bins.make(registered), cn.NGO_FORMS[0][0].format(c=core), cn.NGO_FORMS[0][1].format(c=core),
                  0, self.rng.randrange(20), registered, [activity])
        self.ngos.append(ngo)
        self.pool.append(ngo)
        return ngo

    def national_grants(self) -> None:
        """The national operator's winners per year (XLSX, title and «Итого» rows) and its competitions."""
        rng, operator = self.rng, cn.NATIONAL_OPERATOR[0]
        favourites = {p: rng.sample(self.pool, min(len(self.pool), 2)) for p in range(len(cn.PROGRAMMES))}
        competitions: list[list] = [list(COMPETITION_HEADER)]
        for year in GRANT_YEARS:
            decision = dt.date(year, 3, 1) + dt.timedelta(days=rng.randint(0, 40))
            rows: list[list] = [[f"Список победителей конкурса государственных грантов на {year} год"],
                                ["(синтетические данные OpenTenge)"], [], list(AWARD_HEADER_RU),
                                list(range(1, len(AWARD_HEADER_RU) + 1))]
            total = 0
            for p, (programme, _kk) in enumerate(cn.PROGRAMMES):
                winners = [f for f in favourites[p] if rng.random() < 0.85]
                if year >= 2021 and rng.random() < 0.3:
                    winners.append(self.fresh_ngo(decision, cn.ACTIVITIES[p % len(cn.ACTIVITIES)]))
                wanted = max(1, self.sizes["winners"] + rng.randint(-1, 2))
                while len(winners) < wanted:
                    candidate = rng.choice(self.pool)
                    if candidate not in winners:
                        winners.append(candidate)
                for i, org in enumerate(self.showcase):
                    if p == (2 * i) % len(cn.PROGRAMMES) and year != 2022 and org not in winners:
                        winners.append(org)
                money = 0
                for org in winners:
                    tiyn = draw_tiyn(rng, 3_000_000, 40_000_000)
                    money += tiyn
                    amount = (tiyn // 100 if tiyn % 100 == 0 else tiyn / 100) if rng.random() < 0.8 \
                        else tenge_text(tiyn, rng)
                    rows.append([len(rows) - 4, year, decision, "грант", operator, programme, org.name_ru, org.bin,
                                 region_text(org.region, rng), rng.choice(cn.PROJECTS[p])[0], amount])
                    self.ledger.grant(year, org.bin, tiyn)
                total += money
                applications = len(winners) * rng.randint(3, 12) if rng.random() < 0.75 else None
                competitions.append([len(competitions), year, operator, programme, applications, len(winners),
                                     money // 100 + rng.randint(0, 5) * 1_000_000])
                self.ledger.rows["competitions"] += 1
            rows.append(["Итого", None, None, None, None, None, None, None, None, None,
                         total // 100 if total % 100 == 0 else total / 100])
            self.files.xlsx(f"state_grants/operator/granty_{year}.xlsx", rows)
        self.files.xlsx("state_grants/operator/konkursy.xlsx", competitions)

    def _broken_grant_row(self, row: list, amount_at: int, bin_at: int, thousand: bool = False) -> list:
        """One row the importer must quarantine: an amount in words, a bad check digit, an IIN or «1,500».

        In a column of thousands «1,500» is a fine amount (1.5 thousand tenge, as the importer
        rightly reads it), so there the ambiguous-looking amount is «12,34,56», which no unit saves.
        """
        rng = self.rng
        problem = rng.randrange(4)
        row = list(row)
        if problem == 0:
            row[amount_at] = "около 2 млн"
        elif problem == 1:
            row[bin_at] = row[bin_at][:-1] + str((int(row[bin_at][-1]) + 1) % 10) if row[bin_at] else "123456789012"
        elif problem == 2:
            birth = dt.date(1980, 1, 1) + dt.timedelta(days=rng.randint(0, 7000))
            row[bin_at] = next(i for s in range(9999, 0, -1) if (i := make_valid_iin(birth, True, s)))
        else:
            row[amount_at] = "12,34,56" if thousand else "1,500"
        self.ledger.quarantine["state_grants"] += 1
        return row

    def local_grants(self) -> None:
        """Akimats' own competitions: CSV in Windows-1251 (Russian) or UTF-8 with BOM (Kazakh)."""
        rng = self.rng
        for year in GRANT_YEARS:
            for city in rng.sample(range(6), self.sizes.get("local_cities", 2)):
                city_kk, city_ru, region = nm.CITIES[city]
                kazakh = rng.random() < 0.4
                thousand = not kazakh and rng.random() < 0.5
                operator = cn.local_operator(city_ru, city_kk)[1 if kazakh else 0]
                programme = rng.choice(cn.LOCAL_PROGRAMMES)[1 if kazakh else 0]
                header = list(AWARD_HEADER_KK if kazakh else AWARD_HEADER_RU)
                if thousand:
                    header[-1] = "Сумма, тыс. тенге"
                rows = [header]
                local = [n for n in self.pool if n.region == region] or self.pool
                winners = rng.sample(local, min(len(local), rng.randint(*self.sizes.get("local_winners", (3, 6)))))
                decision = dt.date(year, 4, 1) + dt.timedelta(days=rng.randint(0, 60))
                for org in winners:
                    tiyn = draw_tiyn(rng, 500_000, 6_000_000, step=10_000)
                    name = org.name_kk if kazakh and org.name_kk else org.name_ru
                    bin_ = org.bin if rng.random() > 0.1 else ""
                    amount = thousand_text(tiyn) if thousand else tenge_text(tiyn, rng)
                    project = rng.choice(cn.PROJECTS[rng.randrange(len(cn.PROJECTS))])[1 if kazakh else 0]
                    row = [len(rows), year, decision.strftime("%d.%m.%Y"), "грант", operator, programme, name, bin_,
                           region_text(region, rng), project, amount]
                    if rng.random() < 0.06:
                        rows.append(self._broken_grant_row(row, 10, 7, thousand))
                        continue
                    rows.append(row)
                    self.ledger.grant(year, bin_, tiyn)
                encoding = "utf-8-sig" if kazakh else "cp1251"
                slug = re.sub(r"[^a-z]+", "-", _latin(city_ru)).strip("-")
                self.files.csv(f"state_grants/akimats/{slug}_{year}.csv", rows, encoding)

    def awards(self) -> None:
        """Awards (премии) to NGOs: UTF-8 with BOM, Kazakh headers."""
        rng = self.rng
        for year in GRANT_YEARS[1:]:
            rows: list[list] = [list(AWARD_HEADER_KK)]
            decision = dt.date(year, 11, 20) + dt.timedelta(days=rng.randint(0, 20))
            for org in rng.sample(self.pool, min(len(self.pool), rng.randint(4, 7))):
                tiyn = rng.choice((2_000_000, 3_000_000, 5_000_000)) * 100
                rows.append([len(rows), year, decision.strftime("%d.%m.%Y"), "сыйлықақы", cn.NATIONAL_OPERATOR[1],
                             cn.AWARD_PROGRAMME[1], org.name_kk or org.name_ru, org.bin, region_text(org.region, rng),
                             "Азаматтық қоғамды дамытуға қосқан үлесі үшін", tenge_text(tiyn, rng, allow_thousand=False)])
                self.ledger.grant(year, org.bin, tiyn)
            self.files.csv(f"state_grants/premii/premii_{year}.csv", rows, "utf-8-sig")

    def mapped_grants(self) -> None:
        """A city list with its own headers and no year column, loaded through a mapping file."""
        rng, year = self.rng, 2024
        rows: list[list] = [["Перечень получателей грантов (синтетические данные)"],
                            ["Получатель", "БИН получателя", "Проект", "Сумма гранта", "Примечание"]]
        for org in rng.sample(self.pool, min(len(self.pool), 5)):
            tiyn = draw_tiyn(rng, 400_000, 3_000_000, step=10_000)
            rows.append([org.name_ru, org.bin, rng.choice(cn.PROJECTS[0])[0], thousand_text(tiyn),
                         rng.choice(("", "", "повторный грант"))])
            self.ledger.grant(year, org.bin, tiyn)
        self.files.csv(f"state_grants/mapped/shymkent_grants_{year}.csv", rows, "utf-8-sig")
        self.files.text(f"state_grants/mapped/shymkent_grants_{year}.csv.mapping.yml", MAPPING_EXAMPLE)

    # -- the foreign-funding register -----------------------------------------------------------

    def foreign_register(self) -> None:
        rng = self.rng
        persons = self._persons()
        media = self._media()
        reports: set = set()  # (recipient, donor, year, purpose) already written, in any publication
        for number, published in enumerate(REGISTER_DATES[: self.sizes["registers"]]):
            target = 240 if number == 0 else self.sizes.get("foreign_rows") or (
                120 * self.sizes["registers"] * (1 if self.sizes["winners"] < 12 else 4))
            rows: list[list] = [[FOREIGN_TITLE], [f"по состоянию на {published:%d.%m.%Y}"], [], list(FOREIGN_HEADER)]
            years = (published.year - 2, published.year - 1, published.year)
            recipients = list(self.showcase) if number == 0 else []
            while len(rows) - 4 < target:
                if not recipients:
                    r = rng.random()
                    recipients = [rng.choice(persons) if r < 0.15 else rng.choice(media) if r < 0.35
                                  else rng.choice(self.pool)]
                org = recipients.pop()
                for _ in range(rng.randint(1, 3)):
                    self._foreign_row(rows, org, rng.choice(years), published, reports)
            if number == 0:
                self._broken_foreign_rows(rows, persons[0])
            self.files.xlsx(f"foreign_funding/reestr_{published.isoformat()}.xlsx", rows, sheet="Реестр")

    def _foreign_row(self, rows: list, org, year: int, published: dt.date, reports: set) -> None:
        """One report of ``org``; never the same donor, year and purpose twice (that is a duplicate row)."""
        rng = self.rng
        donor, country = rng.choice(cn.DONORS)
        purpose = rng.choice(cn.PURPOSES)
        ident = org.bin if isinstance(org, Ngo) else org["iin"]
        if (ident, donor, year, purpose) in reports:
            return
        reports.add((ident, donor, year, purpose))
        tiyn = draw_tiyn(rng, 500_000, 80_000_000)
        if year == published.year:  # the year of publication: only what was over by then
            period = f"I полугодие {year}" if rng.random() < 0.5 else f"{rng.choice(('I', 'II', '1'))} квартал {year}"
        elif rng.random() < 0.1:
            period = f"01.07.{year}-31.12.{year}"
        else:
            period = rng.choice(cn.PERIOD_SPELLINGS).format(y=year)
        amount = (tiyn // 100 if tiyn % 100 == 0 else tiyn / 100) if rng.random() < 0.85 else tenge_text(tiyn, rng)
        cell = int(ident) if ident.startswith("0") and rng.random() < 0.5 else ident  # Excel drops the zero
        name = org.name_ru if isinstance(org, Ngo) else org["name"]
        region = org.region if isinstance(org, Ngo) else org["region"]
        rows.append([len(rows) - 3, cell, name, region_text(region, rng), donor, country, amount, purpose, period])
        key = f"BIN:{ident}" if isinstance(org, Ngo) else f"IIN:{org['masked']}"
        self.ledger.foreign(year, key, tiyn)

    def _broken_foreign_rows(self, rows: list, person: dict) -> None:
        """A period nobody can date and an IIN with a wrong check digit: both quarantined."""
        org = self.pool[0]
        donor, country = cn.DONORS[0]
        rows.append([len(rows) - 3, org.bin, org.name_ru, region_text(org.region, self.rng), donor, country,
                     1_000_000, cn.PURPOSES[0], "весна 2023"])
        bad = person["iin"][:-1] + str((int(person["iin"][-1]) + 1) % 10)
        rows.append([len(rows) - 3, bad, person["name"], region_text(person["region"], self.rng), donor, country,
                     2_000_000, cn.PURPOSES[1], "2022 год"])
        self.ledger.quarantine["foreign_funding"] += 2

    def _persons(self) -> list[dict]:
        """Journalists and bloggers registered as individual entrepreneurs (synthetic IINs)."""
        rng, persons = self.rng_orgs, []
        for serial in range(self.sizes["persons"]):
            male = rng.random() < 0.55
            birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randint(0, 11_000))
            iin = next(i for s in range(8999 - serial * 7, 0, -1) if (i := make_valid_iin(birth, male, s)))
            surname = rng.choice(nm.SURNAMES_M)
            if not male:
                surname = surname + "а" if surname.endswith("ов") or surname.endswith("ев") or surname.endswith("ин") \
                    else surname
            first = rng.choice(nm.FIRST_NAMES_M if male else nm.FIRST_NAMES_F)
            persons.append({"iin": iin, "masked": "*" * 8 + iin[-4:], "name": f"ИП {surname} {first}",
                            "region": rng.choice((17, 18, 18, 19, 8, 12))})
        return persons

    def _media(self) -> list[Ngo]:
        rng, media = self.rng_orgs, []
        for _ in range(self.sizes["media"]):
            core = f"{rng.choice(nm.KZ_WORDS)} {rng.choice(cn.MEDIA_WORDS)}"
            registered = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 6000))
            foundation = rng.random() < 0.4
            ru = f"ОФ «{core}»" if foundation else f"ТОО «{core}»"
            kk = f"«{core}» ҚҚ" if foundation else f"«{core}» ЖШС"
            org = Ngo(self.bins.make(registered), ru, kk, 1, rng.choice((17, 18, 18, 19)), registered,
                      ["средства массовой информации"], kind="media")
            org.in_register = foundation
            media.append(org)
        self.ngos.extend(media)
        return media

    # -- the NGO database ----------------------------------------------------------------------

    def ngo_register(self) -> None:
        rng = self.rng
        rows: list[list] = [["База данных неправительственных организаций (синтетические данные)"], [],
                            list(NGO_HEADER)]
        listed = sorted((n for n in self.ngos if n.in_register), key=lambda n: n.bin)
        for org in listed:
            form = cn.NGO_FORMS[org.form]
            legal_form = rng.choice((form[2], form[2], form[3], form[4]))
            registered = org.registered if rng.random() < 0.7 else org.registered.strftime("%d.%m.%Y")
            rows.append([len(rows) - 2, org.bin, org.name_kk, org.name_ru, legal_form, registered,
                         region_text(org.region, rng), "; ".join(org.activities)])
            self.ledger.rows["ngo_register"] += 1
        broken = listed[0]
        rows.append([len(rows) - 2, broken.bin[:-1], broken.name_kk, broken.name_ru, "ОО", "31.02.2019", "", ""])
        self.ledger.quarantine["ngo_register"] += 1
        self.files.xlsx("ngo_register/ngo_database.xlsx", rows, sheet="НПО")


MAPPING_EXAMPLE = """\
# The city's list has its own headers and no year, operator, programme or region columns.
# This file maps them to the state_grants "awards" layout (docs/formats/mapping.md).
layout: awards
columns:
  recipient_name: "Получатель"
  recipient_bin: "БИН получателя"
  project_title: "Проект"
  amount: "Сумма гранта"
units:
  amount: thousand
ignore:
  - "Примечание"
defaults:
  year: 2024
  operator: "ГУ «Управление внутренней политики города Шымкент»"
  programme: "Городские молодёжные инициативы"
  region: "г. Шымкент"
"""

_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                  ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                   "t", "u", "f", "kh", "ts", "ch", "sh", "sh", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n",
                   "o", "u", "u", "h", "i"]))


def _latin(text: str) -> str:
    return "".join(_LATIN.get(ch, ch) for ch in text.lower())


def generate_civil(out: Path, *, seed: int, scale: str) -> dict:
    """Write the civil-society corpus under ``out`` (after ``out/goszakup``); return counts and expectations."""
    if scale not in SIZES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SIZES)}")
    out = Path(out)
    for folder in ("state_grants", "foreign_funding", "ngo_register"):
        _clear(out / folder)
    subjects, social = read_procurement(out / "goszakup")
    corpus = Corpus(out, seed, scale, subjects, social)
    corpus.national_grants()
    corpus.local_grants()
    corpus.awards()
    corpus.mapped_grants()
    corpus.foreign_register()
    corpus.ngo_register()
    ledger = corpus.ledger
    persons = {k: _money(v) for k, v in ledger.foreign_by_bin.items() if k.startswith("IIN:")}
    return {
        "files": corpus.files.count,
        "counts": {"ngos": sum(1 for n in corpus.ngos if n.in_register), "grant_rows": ledger.rows["state_grants"],
                   "competitions": ledger.rows["competitions"], "foreign_rows": ledger.rows["foreign_funding"]},
        "expected": {
            "state_grants": {"records_valid": ledger.rows["state_grants"] + ledger.rows["competitions"],
                             "quarantine": ledger.quarantine["state_grants"],
                             "total": _money(sum(ledger.grants_by_year.values())),
                             "by_year": {str(y): _money(v) for y, v in sorted(ledger.grants_by_year.items())}},
            "foreign_funding": {"records_valid": ledger.rows["foreign_funding"],
                                "quarantine": ledger.quarantine["foreign_funding"],
                                "total": _money(sum(ledger.foreign_by_year.values())),
                                "by_year": {str(y): _money(v) for y, v in sorted(ledger.foreign_by_year.items())},
                                "persons": len(persons)},
            "ngo_register": {"records_valid": ledger.rows["ngo_register"],
                             "quarantine": ledger.quarantine["ngo_register"]},
            "social_order_showcase": [n.bin for n in corpus.showcase],
        },
    }


def _clear(folder: Path) -> None:
    """Remove what a previous run of this generator wrote (only our file types)."""
    if not folder.exists():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path.suffix in {".csv", ".xlsx", ".yml"}:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()

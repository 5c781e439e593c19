"""Synthetic money-in-politics sources for the demo, in the real/defined formats.

Runs after the goszakup demo has written ``<out>/goszakup/``: it reads the contract pages to find
the organisations that hold contracts, and gives some deputies' *namesakes* head or founder roles
in them, so that the person pages show "possible links" (and some near-namesakes that must not
match). Writes:

* ``<out>/mazhilis/deputies.kk.json`` (the ``by-alphabet`` answer shape) and ``deputies.ru.json``
  (the plain ``/api/core/deputies/`` list), same ids — STRUCTURE.md §2;
* ``<out>/senate/deputies.{ru-RU,kk-KZ,en-US}.html`` (``a.person-card`` markup, STRUCTURE.md §1) and
  ``biography.<id>.ru-RU.html`` pages stating birth dates in the documented wording;
* ``<out>/party_funding/party_funding.csv`` (docs/formats/party_funding.md);
* ``<out>/company_roles/gbd_ul.00001.json`` … (data.egov.kz ``gbd_ul`` pages) and ``founders.csv``;
* ``<out>/election_funds/election_funds.csv`` (docs/formats/election_funds.md): party and candidate
  reports, and ``election_funds_confirmations.csv``, a second editor's re-entry confirming most figures.

All names are generated; none is a real person. Standard library only (no Django).
"""
from __future__ import annotations

import csv
import html
import io
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from opentenge.demo.names import FIRST_NAMES_F, FIRST_NAMES_M, SURNAMES_M

KK_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
RU_TO_EN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
# (key, kk faction name, ru faction name, seats in the demo Mazhilis)
FACTIONS = (
    ("amanat", "«AMANAT» партиясының фракциясы", "Фракция партии «AMANAT»", 62),
    ("ak-zhol", "«Ақ жол» Қазақстан демократиялық партиясының фракциясы",
     "Фракция Демократической партии Казахстана «Ак жол»", 6),
    ("respublica", "«Respublica» партиясының фракциясы", "Фракция партии «Respublica»", 6),
    ("people-party", "Қазақстан Халық партиясының фракциясы", "Фракция Народной партии Казахстана", 7),
    ("auyl", "«Ауыл» партиясының фракциясы", "Фракция партии «Ауыл»", 8),
    ("osdp", "Жалпыұлттық социал-демократиялық партиясының фракциясы",
     "Фракция Общенациональной социал-демократической партии", 9),
)
COMMITTEES = (
    ("Аграрлық мәселелер комитеті", "Комитет по аграрным вопросам"),
    ("Қаржы және бюджет комитеті", "Комитет по финансам и бюджету"),
    ("Әлеуметтік-мәдени даму комитеті", "Комитет по социально-культурному развитию"),
    ("Экономикалық реформа және өңірлік даму комитеті", "Комитет по экономической реформе и региональному развитию"),
)
REGIONS = (("Қарағанды облысы", "Карагандинская область"), ("Ақмола облысы", "Акмолинская область"),
           ("Астана қ.", "г. Астана"), ("Павлодар облысы", "Павлодарская область"))
SENATORS = 50
FUNDING_YEARS = range(2019, 2026)
# Contract holders given a gbd_ul row (the company register), per scale. The register is the one
# politics source that grows with the economy: large (20 times medium in organisations) gets 20
# times the rows, so linking people to companies is measured at national scale. Parliament,
# parties and officials keep their real sizes at every scale.
COMPANY_REGISTER_ROWS = {"small": 2_000, "medium": 2_000, "large": 40_000}
# Rows per saved gbd_ul page: data.egov.kz hands the register out page by page, and the importer
# reads every page of the folder.
GBD_UL_PAGE_ROWS = 10_000


def _deputy_name(rng: random.Random, male: bool) -> tuple[str, str, str]:
    """(last, first, patronymic) in Kazakh; patronymic from a father's first name + ұлы/қызы."""
    last = rng.choice(SURNAMES_M)
    if not male and not last.endswith(("Ким", "Пак", "Шевченко")):
        last += "а"
    first = rng.choice(FIRST_NAMES_M if male else FIRST_NAMES_F)
    father = rng.choice([n for n in FIRST_NAMES_M if n not in ("Сергей", "Андрей")])
    return last.upper(), first, father + ("ұлы" if male else "қызы")


def _ru(text: str) -> str:
    return text.translate(KK_TO_RU)


def _en(text: str) -> str:
    return " ".join("".join(RU_TO_EN.get(c.lower(), c) for c in w).capitalize() for w in _ru(text).split())


def _contract_holders(goszakup: Path, enough: int = 2000) -> list[tuple[str, Decimal]]:
    """Supplier BINs of the demo's contracts with their total value, largest first.

    Reads contract pages only until ``enough`` suppliers are known: the large demo has a million
    contracts and the company register needs a share of the holders, not all of them.
    """
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for page in sorted((goszakup / "contract").glob("contract.*.json")):
        if page.name.endswith(".meta.json"):
            continue
        if len(totals) >= enough:
            break
        for item in json.loads(page.read_text(encoding="utf-8")).get("items", []):
            bin_ = item.get("supplier_biin") or ""
            if len(bin_) == 12 and bin_[4] in "456":  # legal entities only (5th digit 4-6)
                totals[bin_] += Decimal(str(item.get("contract_sum_wnds") or 0))
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def _first_buyer(goszakup: Path, supplier_bin: str) -> str:
    """The buyer BIN of the first contract (in page order) that this supplier holds, or ``""``."""
    for page in sorted((goszakup / "contract").glob("contract.*.json")):
        if page.name.endswith(".meta.json"):
            continue
        for item in json.loads(page.read_text(encoding="utf-8")).get("items", []):
            if item.get("supplier_biin") == supplier_bin and item.get("customer_bin"):
                return item["customer_bin"]
    return ""


def _subject_names(goszakup: Path) -> dict[str, tuple[str, str]]:
    names = {}
    for page in sorted((goszakup / "subject").glob("subject.*.json")):
        if page.name.endswith(".meta.json"):
            continue
        for item in json.loads(page.read_text(encoding="utf-8")).get("items", []):
            if item.get("bin"):
                names[item["bin"]] = (item.get("name_ru") or "", item.get("name_kz") or "")
    return names


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _csv(rows: list[list], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


DONOR_COMPANIES = ("ТОО «Демо Құрылыс»", "ТОО «Синтетик Агро»", "АО «Пример Энерго»", "ТОО «Условный Транс»",
                   "ТОО «Образец Сервис»", "ТОО «Тест Медиа»")
CANDIDATE_FUNDS_URL = "https://example.org/demo/cec-mazhilis-2023-candidate-funds.pdf"


RU_MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                      "октября", "ноября", "декабря")


def _senate_biographies(folder: Path, senators: list, rng: random.Random) -> dict[str, str]:
    """``biography.<id>.ru-RU.html`` for most senators, with the wording STRUCTURE.md §1 documents.

    Every fifth senator has no saved biography (the person page then shows no birth date).
    Returns ``{"senate:<id>": "yyyy-mm-dd"}`` for the pages written.
    """
    written = {}
    for index, (blog_id, names) in enumerate(senators):
        if index % 5 == 4:
            continue
        year, month, day = rng.randrange(1955, 1980), rng.randrange(1, 13), rng.randrange(1, 29)
        verb = "Родилась" if names["ru"].split()[0].endswith("а") else "Родился"
        stated = (f"{verb} {day} {RU_MONTHS_GENITIVE[month - 1]} {year} года в Карагандинской области."
                  if index % 2 else f"Дата рождения: {day:02d}.{month:02d}.{year}")
        _write(folder / f"biography.{blog_id}.ru-RU.html",
               '<!doctype html>\n<html lang="ru">\n'
               '<head><meta charset="utf-8"><title>Биография (demo)</title></head>\n'
               f"<body>\n<h1>{html.escape(names['ru'])}</h1>\n<p>{stated}</p>\n</body>\n</html>\n")
        written[f"senate:{blog_id}"] = f"{year}-{month:02d}-{day:02d}"
    return written


def _candidate_fund_rows(rng: random.Random, count: int = 14) -> list[list]:
    """Reports of single-mandate candidates: totals, own funds/donations, spending, named donors.

    Some candidates are nominated by a party (the ``party`` column), the others self-nominated.
    Donations are the sum of the named donors where the report names them.
    """
    rows = []
    for index in range(count):
        last, first, patronymic = _deputy_name(rng, rng.random() < 0.7)
        name = f"{_ru(last).capitalize()} {_ru(first)} {_ru(patronymic)}"
        party = FACTIONS[index % len(FACTIONS)][0] if index % 3 != 2 else ""
        donors = [(rng.choice(DONOR_COMPANIES), Decimal(rng.randrange(2, 40) * 50_000)) for _ in range(index % 4)]
        donors = list({d: a for d, a in donors}.items())  # one row per named donor
        donations = sum((a for _, a in donors), Decimal(0)) + Decimal(rng.randrange(0, 10) * 25_000)
        own = Decimal(rng.randrange(4, 60) * 100_000)
        received = own + donations
        spent = (received * Decimal(rng.randrange(80, 100)) / 100).quantize(Decimal("0.01"))
        page = f"p. {2 + index}"
        lines = [("1", "", received), ("1.1", "", own), ("1.2", "", donations), ("2", "", spent),
                 ("2.1", "", (spent * Decimal("0.6")).quantize(Decimal("0.01")))]
        lines += [("donor", donor, amount) for donor, amount in donors]
        rows += [["mazhilis-2023", party, name, line, donor, f"{amount}", CANDIDATE_FUNDS_URL, page, "demo-editor"]
                 for line, donor, amount in lines]
    return rows


def _second_editor_confirmations(fund_rows: list[list]) -> list[list]:
    """The second editor's re-entry of the demo figures, leaving some out so the rule shows.

    Skipped (they stay *awaiting confirmation*): every figure of the last candidate report and
    the spending breakdown (line 2.1) of every candidate.
    """
    last_candidate = next(r[2] for r in reversed(fund_rows) if r[2])
    return [[election, party, candidate, line, donor, amount, "demo-editor-2"]
            for election, party, candidate, line, donor, amount, _url, _page, _editor in fund_rows
            if candidate != last_candidate and line != "2.1"]


def generate_politics(out: Path, *, seed: int, scale: str) -> dict:
    """Write the politics sources under ``out``; return what a test can check against.

    Parliament has the same size at every ``scale`` (98 + 50 seats); only the company register
    grows with it (:data:`COMPANY_REGISTER_ROWS`, written in pages of :data:`GBD_UL_PAGE_ROWS`).
    """
    out = Path(out)
    rng = random.Random(f"politics-{seed}")
    # --- Mazhilis: 98 deputies, kk and ru answers joined on id ---------------------------------
    deputies_kk, deputies_ru, people = [], [], []
    dep_id = 1
    for key, faction_kk, faction_ru, seats in FACTIONS:
        for _ in range(seats):
            male = rng.random() < 0.75
            last, first, patronymic = _deputy_name(rng, male)
            single = rng.random() < 0.3
            committee = rng.choice(COMMITTEES)
            region = rng.choice(REGIONS) if single else None
            deputy = {"id": dep_id, "last_name": last, "first_name": first, "patronymic": patronymic,
                      "party": {"name": faction_kk}, "committee": {"name": committee[0]},
                      "region": {"name": region[0]} if region else None, "position": "Комитет мүшесі",
                      "deputy_type": 1 if single else 2, "is_active": True, "avatar_url": None}
            deputies_kk.append(deputy)
            ru_patronymic = _ru(patronymic[:-3]) + ("ович" if male else "овна")
            deputies_ru.append({**deputy, "last_name": _ru(last), "first_name": _ru(first),
                                "patronymic": ru_patronymic, "party": {"name": faction_ru},
                                "committee": {"name": committee[1]}, "region": {"name": region[1]} if region else None,
                                "position": "Член Комитета"})
            people.append({"key": f"mazhilis:{dep_id}", "ru": f"{_ru(last)} {_ru(first)} {ru_patronymic}",
                           "party": key})
            dep_id += 1
    groups: dict[str, list] = defaultdict(list)
    for deputy in sorted(deputies_kk, key=lambda d: (d["last_name"], d["id"])):
        groups[deputy["last_name"][0]].append(deputy)
    _write(out / "mazhilis" / "deputies.kk.json",
           json.dumps([{"deputies": g} for _, g in sorted(groups.items())], ensure_ascii=False, indent=1) + "\n")
    _write(out / "mazhilis" / "deputies.ru.json", json.dumps(deputies_ru, ensure_ascii=False, indent=1) + "\n")

    # --- Senate: 50 senators, three language pages joined on the blog id ------------------------
    senators = []
    for index in range(SENATORS):
        last, first, patronymic = _deputy_name(rng, rng.random() < 0.8)
        blog_id = 600 + index * 7
        ru_name = f"{_ru(last).capitalize()} {_ru(first)} {_ru(patronymic)}"
        senators.append((blog_id, {"ru": ru_name, "kk": f"{last.capitalize()} {first} {patronymic}",
                                   "en": _en(ru_name)}))
    positions = {"ru": "Член Комитета по финансам и бюджету", "kk": "Қаржы және бюджет комитетінің мүшесі",
                 "en": "Member of the Committee on Finance and Budget"}
    for lang, code in (("ru", "ru-RU"), ("kk", "kk-KZ"), ("en", "en-US")):
        cards = "\n".join(
            f'  <a class="col person-card" href="/{code}/blog/{blog_id}/biography">\n'
            f'    <div class="person-card--full-name">{html.escape(names[lang])}</div>\n'
            f'    <div class="person-card--position">{html.escape(positions[lang])}</div>\n  </a>'
            for blog_id, names in senators)
        _write(out / "senate" / f"deputies.{code}.html",
               f'<!doctype html>\n<html lang="{lang}">\n<head><meta charset="utf-8"><title>Senate (demo)</title></head>\n'
               f'<body>\n<div class="row">\n{cards}\n</div>\n</body>\n</html>\n')

    biographies = _senate_biographies(out / "senate", senators, random.Random(f"politics-bio-{seed}"))

    # --- party funding: by seats, per year ------------------------------------------------------
    funding_rows, funding_expected = [], defaultdict(Decimal)
    for year in FUNDING_YEARS:
        pool = Decimal(6_000_000_000 + (year - 2019) * 350_000_000)
        total_seats = sum(f[3] for f in FACTIONS)
        for key, _, _, seats in FACTIONS:
            amount = (pool * seats / total_seats).quantize(Decimal("0.01"))
            funding_rows.append([key, year, f"{amount}", seats * 61_000,
                                 f"https://example.org/demo/party-funding-{year}.pdf"])
            funding_expected[key] += amount
    _write(out / "party_funding" / "party_funding.csv",
           _csv(funding_rows, ["party", "year", "amount_tenge", "votes", "source_url"]))
    report_rows = []
    for year in (2023, 2024):
        for key, _, _, seats in FACTIONS:
            state = next(Decimal(r[2]) for r in funding_rows if r[0] == key and r[1] == year)
            url = f"https://example.org/demo/{key}-annual-report-{year}.pdf"
            fees = Decimal(seats * 2_500_000)
            report_rows += [[key, year, "income", "state_funding", f"{state}", url],
                            [key, year, "income", "membership_fees", f"{fees}", url],
                            [key, year, "spending", "staff", f"{(state * Decimal('0.55')).quantize(Decimal('0.01'))}", url],
                            [key, year, "spending", "media", f"{(state * Decimal('0.25')).quantize(Decimal('0.01'))}", url]]
    _write(out / "party_funding" / "party_reports.csv",
           _csv(report_rows, ["party", "year", "direction", "kind", "amount_tenge", "source_url"]))

    # --- officials and maslikhat deputies; declarations of some deputies and officials ----------
    official_rows, declaration_rows = [], []
    for index in range(12):
        last, first, patronymic = _deputy_name(rng, rng.random() < 0.7)
        chamber = "executive" if index < 5 else "maslikhat"
        ru_name = f"{_ru(last).capitalize()} {_ru(first)} {_ru(patronymic)}"
        start = f"{2016 + index % 6}-0{1 + index % 9}-01"
        end = f"{2021 + index % 3}-12-31" if index % 3 == 0 else ""
        role = ("Аким района", "Аудан әкімі") if chamber == "executive" else ("Депутат маслихата", "Мәслихат депутаты")
        official_rows.append([f"demo-official-{index + 1}", f"{last.capitalize()} {first} {patronymic}", ru_name, "",
                              chamber, role[1], role[0], "", "", "amanat" if chamber == "maslikhat" else "",
                              REGIONS[index % 4][0], REGIONS[index % 4][1], start, end,
                              f"https://example.org/demo/appointment-{index + 1}.pdf"])
        if index < 3:  # former officials whose namesakes later head contract holders
            people.append({"key": f"official:demo-official-{index + 1}", "ru": ru_name, "party": ""})
    for person in people[:10] + [p for p in people if p["key"].startswith("official:")]:
        for year in (2022, 2023):
            declaration_rows.append([person["key"], year, "", f"{rng.randrange(9_000_000, 40_000_000)}.00",
                                     rng.randrange(0, 5), "", f"https://example.org/demo/declaration-{year}.pdf"])
    _write(out / "declarations" / "declarations.csv", _csv(declaration_rows, [
        "person_key", "year", "position", "income_tenge", "property_items", "property_description", "source_url"]))

    # --- company roles: directors of contract holders; some are deputies' namesakes -------------
    holders = _contract_holders(out / "goszakup", COMPANY_REGISTER_ROWS.get(scale, 2_000))
    names = _subject_names(out / "goszakup")
    deputies_only = [p for p in people if p["key"].startswith("mazhilis:")]
    namesakes = rng.sample(deputies_only, k=9) + [p for p in people if p["key"].startswith("official:")]
    elements, namesake_roles = [], []
    for index, (bin_, _value) in enumerate(holders):
        name_ru, name_kk = names.get(bin_, ("", ""))
        if index < len(namesakes):
            director = namesakes[index]["ru"].upper()  # the register writes names in capitals
            namesake_roles.append({"person": namesakes[index]["key"], "bin": bin_})
        else:
            last, first, patronymic = _deputy_name(rng, rng.random() < 0.6)
            director = _ru(f"{last} {first} {patronymic}").upper()
        elements.append({"id": index + 1, "bin": bin_, "namekz": name_kk, "nameru": name_ru,
                         "datereg": "2015-03-02+06:00", "addresskz": "", "addressru": "", "statuskz": "Тіркелген",
                         "statusru": "Зарегистрирован", "okedkz": "", "okedru": "", "director": director})
    # the three former officials served at a body that buys from the company their namesake heads,
    # so red flag R010 has a case once an editor confirms the link (docs/indicators/R010.md)
    for person in namesakes[len(namesakes) - 3:]:
        index = namesakes.index(person)
        buyer = _first_buyer(out / "goszakup", holders[index][0]) if index < len(holders) else ""
        row = next(r for r in official_rows if f"official:{r[0]}" == person["key"])
        row[8] = names.get(buyer, ("", ""))[0]
    _write(out / "officials" / "officials.csv", _csv(official_rows, [
        "person_id", "name_kk", "name_ru", "name_en", "chamber", "role_kk", "role_ru", "role_en", "organisation",
        "party", "region_kk", "region_ru", "start_date", "end_date", "source_url"]))
    pages = [elements[i:i + GBD_UL_PAGE_ROWS] for i in range(0, len(elements), GBD_UL_PAGE_ROWS)] or [[]]
    for stale in sorted((out / "company_roles").glob("gbd_ul.*.json"))[len(pages):]:
        stale.unlink()  # pages of an earlier, larger run in the same folder would be ingested too
    for number, page in enumerate(pages, 1):
        _write(out / "company_roles" / f"gbd_ul.{number:05d}.json",
               json.dumps({"elements": page, "totalPages": len(pages)}, ensure_ascii=False, indent=1) + "\n")
    founders = []
    for person, (bin_, _value) in zip(namesakes[:4], holders[len(namesakes):len(namesakes) + 4]):
        founders.append([bin_, names.get(bin_, ("", ""))[0], names.get(bin_, ("", ""))[1], "founder", person["ru"],
                         "2018-01-10", "https://example.org/demo/founders.pdf"])
        namesake_roles.append({"person": person["key"], "bin": bin_})
    _write(out / "company_roles" / "founders.csv", _csv(founders, ["bin", "organisation_name_ru", "organisation_name_kk",
                                                                   "role", "person_name", "since", "source_url"]))

    # --- election funds: party and candidate reports; a second editor confirms most of them -----
    fund_rows = []
    for key, _, _, seats in FACTIONS:
        received = Decimal(50_020_000 + seats * 8_500_000)
        own = (received * Decimal("0.9")).quantize(Decimal("1"))
        for line, amount, page in (("1", received, "p. 2"), ("1.1", own, "p. 2"), ("1.2", received - own, "p. 2"),
                                   ("2", (received * Decimal("0.97")).quantize(Decimal("1")), "p. 3")):
            fund_rows.append(["mazhilis-2023", key, "", line, "", f"{amount}",
                              "https://example.org/demo/cec-mazhilis-2023-funds.pdf", page, "demo-editor"])
    fund_rows += _candidate_fund_rows(random.Random(f"politics-funds-{seed}"))
    _write(out / "election_funds" / "election_funds.csv",
           _csv(fund_rows, ["election", "party", "candidate_name", "line", "donor_name", "amount_tenge", "source_url",
                            "source_page", "entered_by"]))
    confirmations = _second_editor_confirmations(fund_rows)
    _write(out / "election_funds" / "election_funds_confirmations.csv",
           _csv(confirmations, ["election", "party", "candidate_name", "line", "donor_name", "amount_tenge",
                                "confirmed_by"]))
    return {
        "mazhilis_deputies": len(deputies_kk), "senators": len(senators), "senate_birth_dates": biographies,
        "party_funding_rows": len(funding_rows),
        "party_funding_totals": {k: str(v) for k, v in sorted(funding_expected.items())},
        "company_roles": len(elements) + len(founders), "namesake_roles": namesake_roles,
        "election_fund_rows": len(fund_rows), "election_fund_confirmed": len(confirmations),
        "officials": len(official_rows),
        "declarations": len(declaration_rows),
        "ingest": [["mazhilis", "mazhilis"], ["senate", "senate"], ["party_funding", "party_funding"],
                   ["company_roles", "company_roles"], ["election_funds", "election_funds"],
                   ["officials", "officials"], ["declarations", "declarations"]],
    }

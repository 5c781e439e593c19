"""Synthetic public hearings of the demo's local budgets, in the format of docs/hearings.md.

One hearing per local budget and year, held by the akimat a few weeks before the month the
revised budget moved (:class:`~opentenge.demo.local_budgets.BudgetYear.amend`), so the local
budget page has a "before" and an "after" to compare. Each hearing has one or two documents and
two to six proposals from residents, NGOs, businesses and deputies, each answered accepted,
partly or rejected with a reason. Written to ``<out>/budget_hearings/hearings_<region KATO>.json``,
one file per region, one region at a time.

What the importer must refuse or mask appears on purpose, a few times in the whole corpus: phone
numbers and street addresses in proposals (masked on import), a resident's name sent as
``author_name`` (never read), one proposal carrying a full IIN of an invented person (quarantined)
and one hearing naming a settlement's KATO code (quarantined). Everything is invented; the same
seed and scale give byte-identical files.
"""
from __future__ import annotations

import datetime
import json
import random
from collections import defaultdict
from pathlib import Path

from opentenge.demo.local_budgets import BudgetYear
from opentenge.ids.kz import make_valid_bin, make_valid_iin

FOLDER = "budget_hearings"
FORMAT = "opentenge.budget_hearings/1"
PROPOSALS = (
    ("Отремонтировать кровлю и спортивный зал школы", "Средства предусмотрены в уточнённом бюджете",
     "Ремонт кровли включён, спортзал — в следующем году", "Школа включена в республиканскую программу"),
    ("Увеличить расходы на освещение улиц", "Освещение включено в план благоустройства",
     "Освещение главной улицы предусмотрено, остальных — после экспертизы", "Нет проектно-сметной документации"),
    ("Выделить средства на ремонт дороги к больнице", "Ремонт предусмотрен в текущем году",
     "Предусмотрен средний ремонт одного участка", "Дорога республиканского значения, не местный бюджет"),
    ("Открыть дополнительную группу детского сада", "Группа будет открыта с сентября",
     "Открытие перенесено на следующий год из-за помещения", "Очередь в районе закрыта"),
    ("Сократить расходы на содержание аппарата акима", "Расходы на командировки сокращены",
     "Сокращены расходы на услуги связи", "Расходы соответствуют нормативам"),
    ("Построить детскую игровую площадку", "Площадка включена в программу благоустройства",
     "Будет установлено оборудование без покрытия", "Нет свободного земельного участка"),
    ("Увеличить субсидии на водоснабжение сёл", "Субсидии увеличены", "Увеличены для двух сёл",
     "Тарифы утверждены регулятором"),
    ("Организовать маршрут общественного транспорта до районного центра",
     "Маршрут будет открыт после конкурса перевозчиков", "Рейсы добавлены только в выходные дни",
     "Нет перевозчика, готового работать на маршруте"),
)
ANSWERS = ("accepted", "partly", "rejected")
AUTHOR_KINDS = ("resident", "resident", "resident", "ngo", "business", "deputy")
ORGANISATIONS = {"ngo": ("ОФ «Ауыл болашағы»", "ОО «Жасыл мекен»", "ОФ «Азаматтық бастама»"),
                 "business": ("ТОО «Дала Құрылыс»", "ИП-ассоциация «Кәсіпкер»", "ТОО «Таза су»")}
STREETS = ("Абая", "Наурызбай батыра", "Тәуелсіздік", "Жамбыла", "Школьная")
BODY = "ГУ «Аппарат акима» — {name}"


def generate_hearings(out: Path, budget_years: list[BudgetYear], *, seed: int = 42) -> dict:
    """Write the hearings of ``budget_years``; return counts and what the importer must refuse."""
    rng = random.Random(f"opentenge-hearings:{seed}")
    root = Path(out) / FOLDER
    root.mkdir(parents=True, exist_ok=True)
    by_region: dict[str, list[BudgetYear]] = defaultdict(list)
    for item in budget_years:
        by_region[item.territory.region].append(item)
    counts = {"files": 0, "hearings": 0, "proposals": 0, "masked": 0, "refused_proposals": 0, "refused_hearings": 0}
    first = True
    for region in sorted(by_region):
        hearings = []
        for item in by_region[region]:
            hearings.append(_hearing(item, rng, counts, special=first))
            first = False
        if len(hearings) > 1:  # one hearing per corpus names a settlement: quarantined whole
            bad = dict(hearings[-1], id=hearings[-1]["id"] + "-settlement")
            bad["budget"] = dict(bad["budget"], kato=bad["budget"]["kato"][:6] + "001", level="rural")
            hearings.append(bad)
            counts["refused_hearings"] += 1
        path = root / f"hearings_{region}.json"
        path.write_text(json.dumps({"format": FORMAT, "hearings": hearings}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        counts["files"] += 1
    return counts


def _hearing(item: BudgetYear, rng: random.Random, counts: dict, *, special: bool) -> dict:
    territory = item.territory
    month = item.amend - 1  # the amendment month is 3–6: the hearing falls in February–May
    when = datetime.date(item.year, month, rng.randint(10, 25))
    bin_ = make_valid_bin(item.year % 100, rng.randint(1, 12), 4, 0, int(territory.kato[:6]) % 99_999 + 1)
    slug = f"{territory.kato}-{item.year}"
    documents = [{"title": f"Проект решения маслихата об уточнении бюджета на {item.year} год",
                  "url": f"https://example.invalid/akimat/{territory.kato}/{item.year}/proekt.pdf"}]
    if rng.random() < 0.6:
        documents.append({"title": "Протокол публичных слушаний",
                          "url": f"https://example.invalid/akimat/{territory.kato}/{item.year}/protokol.pdf"})
    proposals = []
    for number, index in enumerate(rng.sample(range(len(PROPOSALS)), rng.randint(2, 6))):
        text, *reasons = PROPOSALS[index]
        answer = rng.choice(ANSWERS)
        kind = rng.choice(AUTHOR_KINDS)
        proposal = {"text": text, "author_kind": kind, "answer": answer, "reason": reasons[ANSWERS.index(answer)]}
        if kind in ORGANISATIONS:
            proposal["author_organisation"] = rng.choice(ORGANISATIONS[kind])
        if kind == "resident" and rng.random() < 0.15:
            proposal["author_name"] = "Жителева Айгерим"  # sent by the akimat, never read
        if kind == "resident" and rng.random() < 0.1:
            proposal["text"] += f". Тел. +7 70{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} " \
                                f"{rng.randint(10, 99)}"
            counts["masked"] += 1
        elif kind == "resident" and rng.random() < 0.05:
            proposal["text"] += f" возле дома по ул. {rng.choice(STREETS)}, д. {rng.randint(1, 90)}"
            counts["masked"] += 1
        proposals.append(proposal)
    if special:  # the one full IIN of the corpus: an invented person, quarantined on import
        iin = make_valid_iin(datetime.date(1979, 5, 17), False, 4242)
        proposals.append({"text": f"Прошу рассмотреть моё обращение, ИИН {iin}", "author_kind": "resident",
                          "answer": "rejected", "reason": "Обращение не относится к бюджету"})
        counts["refused_proposals"] += 1
    counts["hearings"] += 1
    counts["proposals"] += len(proposals) - special
    return {"id": f"demo-{slug}", "date": when.isoformat(),
            "body": {"bin": bin_ or "", "name": BODY.format(name=territory.name_ru)},
            "budget": {"kato": territory.kato, "level": territory.level, "year": item.year},
            "subject": f"Уточнение бюджета на {item.year} год",
            "source_url": f"https://example.invalid/akimat/{territory.kato}/{item.year}/slushaniya",
            "documents": documents, "proposals": proposals}

"""Demo corpus for the legislation tracker: draft acts, bills, public councils, opinions, NGO proposals.

Developing bodies are the demo ministries, named exactly as the procurement corpus names them
(``names.ministry_names``), so the tracker links them to organisation pages. Dates are anchored
to a fixed day so the same seed and scale give byte-identical files. Each draft-acts file carries
one deliberately bad line (a discussion that ends before it starts) to show the quarantine.

Ingest in this order (a council before its opinions, an act before the bill and proposals):
``opentenge ingest draft_acts <out>/draft_acts``, ``opentenge ingest bills <out>/bills``,
``opentenge ingest public_councils <out>/public_councils``.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
from pathlib import Path

from opentenge.demo import names as nm
from opentenge.ids.kz import make_valid_bin

ANCHOR = dt.date(2026, 11, 20)
SIZES = {"small": 12, "medium": 60, "large": 240}
TITLES = (
    ("О внесении изменений в Правила государственных закупок", "Мемлекеттік сатып алу қағидаларына өзгерістер енгізу туралы"),
    ("Об утверждении Правил выдачи лицензий", "Лицензиялар беру қағидаларын бекіту туралы"),
    ("О внесении изменений в Кодекс о здоровье народа", "Халық денсаулығы туралы кодекске өзгерістер енгізу туралы"),
    ("Об утверждении стандарта государственной услуги", "Мемлекеттік көрсетілетін қызмет стандартын бекіту туралы"),
    ("О внесении изменений в законодательство по вопросам образования",
     "Білім беру мәселелері бойынша заңнамаға өзгерістер енгізу туралы"),
    ("Об утверждении тарифов на перевозку пассажиров", "Жолаушыларды тасымалдау тарифтерін бекіту туралы"),
    ("О внесении изменений в Налоговый кодекс", "Салық кодексіне өзгерістер енгізу туралы"),
    ("Об общественном контроле", "Қоғамдық бақылау туралы"),
)
TYPES = ("приказ министра", "постановление Правительства", "проект закона")
BILL_STAGES = ("внесен в мажилис", "одобрен в первом чтении", "одобрен во втором чтении", "принят мажилисом",
               "одобрен сенатом", "подписан главой государства")
POSITIONS = ("поддерживает", "поддерживает с замечаниями", "не поддерживает")
OUTCOMES = ("принято", "принято частично", "не принято", "на рассмотрении")
DRAFT_HEADER = ("id", "title_kk", "title_ru", "developer", "type", "discussion_start", "discussion_end", "status",
                "status_date", "comments", "url")


def _write_csv(path: Path, header, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate_legislation(out: Path, *, seed: int, scale: str) -> dict:
    """Write ``<out>/draft_acts``, ``<out>/bills`` and ``<out>/public_councils``; return counts and expectations."""
    if scale not in SIZES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SIZES)}")
    out = Path(out)
    for folder in ("draft_acts", "bills", "public_councils"):
        shutil.rmtree(out / folder, ignore_errors=True)
    rng = random.Random(f"legislation:{seed}")
    n = SIZES[scale]
    ministries = sorted(rng.sample(range(len(nm.MINISTRIES)), k=min(4, len(nm.MINISTRIES))))
    drafts, bills, opinions, proposals = [], [], [], []
    for i in range(n):
        ministry = ministries[i % len(ministries)]
        title_ru, title_kk = TITLES[rng.randrange(len(TITLES))]
        start = ANCHOR - dt.timedelta(days=rng.randint(0, 330))
        days = rng.choice((5, 7, 10, 10, 15, 20, 30))
        end = start + dt.timedelta(days=days - 1)
        status, status_date = ("на публичном обсуждении", start) if end >= ANCHOR else ("обсуждение завершено", end)
        portal_id = 14000 + i * 7
        drafts.append([portal_id, title_kk, title_ru, nm.ministry_names(ministry)[0], TYPES[i % 3], start.isoformat(),
                       end.isoformat(), status, status_date.isoformat(), rng.randint(0, 120),
                       f"https://legalacts.egov.kz/npa/view?id={portal_id}"])
        key = f"npa:{portal_id}"
        if i % 3 == 2 and end < ANCHOR - dt.timedelta(days=40):
            day, stages = end + dt.timedelta(days=rng.randint(20, 40)), []
            for stage in BILL_STAGES[:rng.randint(1, len(BILL_STAGES))]:
                if day >= ANCHOR:
                    break
                stages.append({"stage": stage, "date": day.isoformat()})
                day += dt.timedelta(days=rng.randint(10, 40))
            bill_id = 900 + i
            bills.append({"id": bill_id, "title": f"Проект Закона «{title_ru}»", "title_kk": f"«{title_kk}» Заңының жобасы",
                          "status": stages[-1]["stage"], "initiator": "Правительство Республики Казахстан",
                          "draft_act_id": portal_id, "stages": stages,
                          "documents": [{"document_url": f"https://www.parlam.kz/ru/mazhilis/lawprojects/{bill_id}.docx"}]})
        council = f"pc-{ministry}"
        if rng.random() < 0.6:
            opinions.append([council, key, (start + dt.timedelta(days=rng.randint(0, days - 1))).isoformat(),
                             rng.choice(POSITIONS), "Заключение общественного совета по проекту",
                             f"https://www.gov.kz/memleket/entities/council-{ministry}/documents/{portal_id}"])
        for k in range(rng.randint(0, 2)):
            ngo_ru, _ngo_kk = nm.ngo_names(rng)
            proposed = start + dt.timedelta(days=rng.randint(0, days - 1))
            outcome = rng.choice(OUTCOMES)
            reply = "" if outcome == "на рассмотрении" else "Ответ органа-разработчика по существу предложения"
            reply_date = "" if not reply else (end + dt.timedelta(days=rng.randint(1, 20))).isoformat()
            bin_ = make_valid_bin(rng.randint(10, 23), rng.randint(1, 12), 4, 0, rng.randint(1000, 9999)) or ""
            proposals.append([key, ngo_ru, bin_, proposed.isoformat(), "Предложение уточнить формулировку нормы",
                              outcome, reply, reply_date, f"https://legalacts.egov.kz/npa/view?id={portal_id}#comments"])
    bad = [999999, "", "Проект с ошибкой", nm.ministry_names(ministries[0])[0], TYPES[0], "2026-05-10", "2026-05-01",
           "обсуждение завершено", "2026-05-10", 0, ""]
    _write_csv(out / "draft_acts" / "legalacts_synthetic.csv", DRAFT_HEADER, [*drafts, bad])
    (out / "bills").mkdir(parents=True, exist_ok=True)
    (out / "bills" / "draft_laws_synthetic.json").write_text(
        json.dumps({"count": len(bills), "result": bills}, ensure_ascii=False, indent=1), encoding="utf-8")
    councils, members, meetings = [], [], []
    for ministry in ministries:
        ru, kk = nm.MINISTRIES[ministry][1], nm.MINISTRIES[ministry][0]
        key, body = f"pc-{ministry}", nm.ministry_names(ministry)[0]
        url = f"https://www.gov.kz/memleket/entities/council-{ministry}"
        councils.append([key, "Общественный совет при " + ru.replace("Министерство", "Министерстве", 1),
                         f"{kk} жанындағы қоғамдық кеңес", body, url])
        for role in ("председатель", "член совета", "член совета"):
            members.append([key, nm.person_names(rng, rng.random() < 0.5)[1].split('"')[1], role, "представитель НПО", url])
        for m in range(2):
            meetings.append([key, (ANCHOR - dt.timedelta(days=30 + 90 * m)).isoformat(), "Рассмотрение проектов НПА", url])
    folder = out / "public_councils"
    _write_csv(folder / "councils_synthetic.csv", ("council_id", "name_ru", "name_kk", "state_body", "url"), councils)
    _write_csv(folder / "members_synthetic.csv", ("council_id", "name", "role", "affiliation", "url"), members)
    _write_csv(folder / "meetings_synthetic.csv", ("council_id", "date", "subject", "url"), meetings)
    _write_csv(folder / "opinions_synthetic.csv", ("council_id", "act_id", "date", "position", "summary", "url"), opinions)
    _write_csv(folder / "proposals_synthetic.csv",
               ("act_id", "ngo_name", "ngo_bin", "date", "proposal", "outcome", "reply", "reply_date", "url"), proposals)
    return {"files": 7,
            "counts": {"draft_acts": len(drafts), "bills": len(bills), "councils": len(councils),
                       "opinions": len(opinions), "proposals": len(proposals)},
            "expected": {"draft_acts": {"acts": len(drafts), "quarantine": 1},
                         "bills": {"acts": len(bills), "quarantine": 0},
                         "public_councils": {"records_valid": len(councils) + len(members) + len(meetings)
                                             + len(opinions) + len(proposals), "quarantine": 0}}}

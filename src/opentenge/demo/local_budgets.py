"""Synthetic local budgets (regions, districts, rural districts) in the budget.egov.kz layouts.

The portal publishes every local budget in the departmental layout of the republican one (18
columns, ``0;Итого`` first in each month, thousand tenge, cumulative from January); only the
territory is outside the rows. This module writes, under ``<out>/budget_local/``:

* ``<region KATO>/departmental_<KATO>.csv`` per region and district with a ``.meta.json`` beside it
  holding the portal address, the retrieval time and the territory (``kato``, ``name``, ``level``);
* rural districts' files with the KATO code only in the file name, ``departmental_<KATO>.csv``
  (the other way the importer accepts; docs/budget.md "Local budgets").

Figures run the republican generator's :class:`~opentenge.demo.budget.Series` (approved budget,
amendment month, plan, cash), so each year the revised budget moves in the amendment month —
which is what a hearing held before it is compared against (:mod:`opentenge.demo.hearings`). One
rural district publishes a wrong Итого once (``utv`` 1000 thousand tenge too high in its first
month) so the data-quality page has a local discrepancy to show.

The territories are SYNTHETIC: the codes follow the KATO structure (``AABBCCDDD``) and the region
groups of the real classifier are used, but the names are invented (``TERRITORY_WORDS``), not
copied from the classifier. Files are written one budget at a time, month after month, so memory
holds one budget whatever the scale. The same seed and scale give byte-identical files.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from opentenge.demo import budget_names as bn
from opentenge.demo.budget import Series, _add, _amounts, _floats, _periods

FOLDER = "budget_local"
LOCAL_SCALES: dict[str, dict] = {
    "small": {"regions": 2, "districts": 2, "rural": 2, "first": (2025, 1), "last": (2025, 6)},
    "medium": {"regions": 4, "districts": 4, "rural": 3, "first": (2024, 1), "last": (2025, 6)},
    "large": {"regions": 17, "districts": 12, "rural": 8, "first": (2019, 1), "last": (2025, 6)},
}
# Region groups of the classifier (two digits); 71, 75, 79 are the cities of republican significance.
REGION_GROUPS = ("11", "15", "19", "23", "27", "31", "35", "39", "43", "47", "55", "59", "61", "63", "71", "75", "79")
# SYNTHETIC names: invented place words, not the classifier's names.
TERRITORY_WORDS = (
    "Алтындала", "Көктерек", "Ақбастау", "Жаңажол", "Бозтал", "Қызылқайың", "Сарыбел", "Теректі", "Үшқоңыр",
    "Жасылкөл", "Қарасу", "Ақсай", "Бесқарағай", "Шалқар", "Талдыбұлақ", "Жетіқоңыр", "Қоянды", "Ортау",
    "Ащыбұлақ", "Майқайың", "Егінсу", "Тасөткел", "Кеңжайлау", "Ақтоғай", "Қайнар", "Бірлестік", "Қоскөл",
    "Жиделі", "Сарыжаз", "Көкпекті", "Ақши", "Үлкенсу",
)
# Administrators (ABP) of each level, three-digit codes as local budgets publish them; (code, name, weight).
ABPS: dict[str, tuple[tuple[int, str, float], ...]] = {
    "regional": (
        (110, "Аппарат маслихата области", 0.3), (120, "Аппарат акима области", 1.2),
        (252, "Управление финансов области", 8.0), (253, "Управление экономики и бюджетного планирования", 0.5),
        (261, "Управление образования области", 30.0), (353, "Управление здравоохранения области", 12.0),
        (256, "Управление координации занятости и социальных программ", 6.0),
        (271, "Управление энергетики и жилищно-коммунального хозяйства", 9.0),
        (279, "Управление пассажирского транспорта и автомобильных дорог", 10.0),
        (285, "Управление строительства области", 11.0), (288, "Управление культуры, архивов и документации", 2.5),
        (294, "Управление физической культуры и спорта", 2.0), (295, "Управление сельского хозяйства", 5.0),
    ),
    "district": (
        (112, "Аппарат маслихата района", 0.2), (122, "Аппарат акима района", 1.0),
        (452, "Отдел финансов района", 6.0), (453, "Отдел экономики и бюджетного планирования района", 0.4),
        (464, "Отдел образования района", 25.0), (451, "Отдел занятости и социальных программ района", 4.0),
        (458, "Отдел жилищно-коммунального хозяйства, пассажирского транспорта и автомобильных дорог", 8.0),
        (467, "Отдел строительства района", 7.0), (478, "Отдел внутренней политики, культуры и развития языков", 1.5),
    ),
    "rural": (
        (124, "Аппарат акима сельского округа", 3.0),
        (125, "Благоустройство и освещение населённых пунктов сельского округа", 1.5),
        (126, "Содержание автомобильных дорог сельского округа", 1.0),
    ),
}
SIZE = {"regional": 120_000_000.0, "district": 9_000_000.0, "rural": 160_000.0}  # thousand tenge a year
PROFILES = (bn.NORMAL, bn.NORMAL, bn.SLOW_START, bn.DECEMBER_RUSH, bn.UNDER_SPENDER)
PORTAL = "https://budget.egov.kz/budgetexecutioncontroller/getincomedatajson?type=vedomstv&region={kato}&date={month}"


@dataclass(frozen=True)
class Territory:
    kato: str
    level: str
    name_ru: str
    name_kk: str
    region: str  # the region's KATO (its folder)


def territories(scale: str) -> Iterator[Territory]:
    """Regions, each followed by its districts and their rural districts (KATO ``AABBCC000``)."""
    sizes = LOCAL_SCALES[scale]
    for r, group in enumerate(REGION_GROUPS[:sizes["regions"]]):
        region = f"{group}0000000"
        word = TERRITORY_WORDS[r % len(TERRITORY_WORDS)]
        yield Territory(region, "regional", f"{word} облысы (демо)", f"{word} облысы (демо)", region)
        for d in range(1, sizes["districts"] + 1):
            district = f"{group}{30 + d:02d}00000"
            word = TERRITORY_WORDS[(r * 7 + d) % len(TERRITORY_WORDS)]
            yield Territory(district, "district", f"район {word}", f"{word} ауданы", region)
            for c in range(1, sizes["rural"] + 1):
                rural = f"{group}{30 + d:02d}{20 + c:02d}000"
                word = TERRITORY_WORDS[(r * 11 + d * 5 + c) % len(TERRITORY_WORDS)]
                yield Territory(rural, "rural", f"сельский округ {word}", f"{word} ауылдық округі", region)


@dataclass
class BudgetYear:
    """What the hearings generator needs to know of one local budget's year."""

    territory: Territory
    year: int
    amend: int  # the month the revised budget moved
    abps: tuple[tuple[int, str], ...]


def generate_local_budgets(out: Path, *, seed: int = 42, scale: str = "small") -> dict:
    """Write ``out/budget_local/``; return counts, files and the budget years (for the hearings)."""
    if scale not in LOCAL_SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(LOCAL_SCALES)}")
    sizes = LOCAL_SCALES[scale]
    root = Path(out) / FOLDER
    periods = _periods(sizes["first"], sizes["last"])
    rows = files = 0
    budget_years: list[BudgetYear] = []
    counts = {"regional": 0, "district": 0, "rural": 0}
    discrepancy = None
    for territory in territories(scale):
        rng = random.Random(f"opentenge-local:{seed}:{territory.kato}")
        folder = root / territory.region
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"departmental_{territory.kato}.csv"
        wrong_total = territory.level == "rural" and discrepancy is None
        if wrong_total:
            discrepancy = {"kato": territory.kato, "period": "{}-{:02d}".format(*periods[0]), "column": "utv",
                           "difference": "-1000.000"}
        written, years = _write_budget(path, territory, periods, rng, wrong_total)
        rows += written
        files += 1
        counts[territory.level] += 1
        budget_years += years
        if territory.level != "rural":
            meta = {"url": PORTAL.format(kato=territory.kato, month="{:02d}.{}".format(periods[-1][1], periods[-1][0])),
                    "retrieved_at": "{}-{:02d}-05T06:00:00Z".format(*_after(periods[-1])),
                    "kato": territory.kato, "level": territory.level, "name": territory.name_ru}
            path.with_name(path.name + ".meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                                                encoding="utf-8")
    return {"folder": FOLDER, "files": files, "rows": rows, "budgets": counts,
            "periods": [f"{y}-{m:02d}" for y, m in periods], "discrepancy": discrepancy,
            "budget_years": budget_years}


def _after(period: tuple[int, int]) -> tuple[int, int]:
    year, month = period
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _write_budget(path: Path, territory: Territory, periods, rng: random.Random, wrong_total: bool
                  ) -> tuple[int, list[BudgetYear]]:
    abps = ABPS[territory.level]
    scale = SIZE[territory.level] * rng.uniform(0.6, 1.6) / sum(w for _, _, w in abps)
    series = [Series(scale * weight * 1000, rng.choice(PROFILES)) for _, _, weight in abps]
    years: list[BudgetYear] = []
    rows = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(bn.FLAT_HEADER + "\n")
        for index, (year, month) in enumerate(periods):
            if month == 1 or index == 0:
                amend = rng.randint(3, 6)  # early enough that the demo months (to June) show the change
                for s in series:
                    s.new_year(year, amend, rng)
                years.append(BudgetYear(territory, year, amend, tuple((c, n) for c, n, _ in abps)))
            values = [s.month(month, rng) for s in series]
            total = [0] * 7
            for v in values:
                _add(total, v)
            if wrong_total and index == 0:
                total[0] += 1_000_000  # 1000 thousand tenge: the published Итого does not add up
            stamp = f"{month:02d}.{year}"
            fh.write(f"1;0;{bn.TOTAL};{_amounts(_floats(total))};0;True;True;False;{stamp}\n")
            for i, ((code, name, _), v) in enumerate(zip(abps, values), start=2):
                fh.write(f"{i};{code};{name};{_amounts(_floats(v))};0;True;True;False;{stamp}\n")
            rows += len(values) + 1
    return rows, years

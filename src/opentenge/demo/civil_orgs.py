"""Who receives civil-society money in the demo: NGOs read from the goszakup demo, and new ones.

The goszakup demo's subject pages give the NGOs that already sell to the state (names «ОО "…"»,
BINs, registration dates); its contract pages tell who was paid through the state social order
(method 52). New NGOs get valid BINs that collide with none of the corpus. Kept apart from
:mod:`opentenge.demo.civil`, which writes the files.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from opentenge.demo import civil_names as cn
from opentenge.demo import names as nm
from opentenge.ids.kz import make_valid_bin

SOCIAL_ORDER_METHOD = 52
SUBJECT_FIELDS = ("bin", "name_ru", "name_kz", "regdate")


# -- reading the goszakup corpus ---------------------------------------------------------------

def _items(path: Path) -> list[dict]:
    document = json.loads(path.read_text(encoding="utf-8"))
    if "items" in document:
        return document["items"] or []
    data = document.get("data") or {}
    return next(iter(data.values()), None) or []


def read_procurement(goszakup: Path) -> tuple[dict[str, dict], dict[str, tuple[Decimal, Decimal]]]:
    """Subjects by identifier; per supplier of live state-social-order contracts: (their value, all its value).

    Of each subject only the four fields the civil corpus uses are kept: the large corpus has
    200,000 subjects, and whole records would cost hundreds of megabytes for nothing.
    """
    subjects: dict[str, dict] = {}
    for page in sorted((goszakup / "subject").glob("*.json")):
        if page.name.endswith(".meta.json"):
            continue
        for item in _items(page):
            ident = item.get("bin") or item.get("iin")
            if ident:
                subjects[ident] = {key: item.get(key) for key in SUBJECT_FIELDS}
    social: dict[str, Decimal] = defaultdict(Decimal)
    everything: dict[str, Decimal] = defaultdict(Decimal)
    for page in sorted((goszakup / "contract").glob("*.json")):
        if page.name.endswith(".meta.json"):
            continue
        for item in _items(page):
            method = item.get("fakt_trade_methods_id", item.get("faktTradeMethodsId"))
            deleted = item.get("deleted")
            supplier = item.get("supplier_biin") or item.get("supplierBiin")
            value = Decimal(str(item.get("contract_sum_wnds", item.get("contractSumWnds")) or 0))
            everything[supplier] += value
            if method == SOCIAL_ORDER_METHOD and not deleted and supplier:
                social[supplier] += value
    return subjects, {s: (v, everything[s]) for s, v in social.items() if v > 0}


# -- organisations -----------------------------------------------------------------------------

class Ngo:
    __slots__ = ("bin", "name_ru", "name_kk", "form", "region", "registered", "activities", "in_register", "kind")

    def __init__(self, bin_: str, name_ru: str, name_kk: str, form: int, region: int, registered: dt.date,
                 activities: list[str], kind: str = "ngo") -> None:
        self.bin, self.name_ru, self.name_kk, self.form = bin_, name_ru, name_kk, form
        self.region, self.registered, self.activities = region, registered, activities
        self.in_register, self.kind = True, kind


class Bins:
    """New valid BINs that collide with none of the goszakup corpus."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self.rng, self.taken, self.serial = rng, taken, {}

    def make(self, day: dt.date) -> str:
        while True:
            key = (day.year % 100, day.month)
            serial = self.serial.get(key, 60_000 + self.rng.randint(0, 500))
            value = make_valid_bin(day.year % 100, day.month, 4, 0, serial)
            self.serial[key] = serial + self.rng.randint(1, 9)
            if value and value not in self.taken:
                self.taken.add(value)
                return value


def region_text(region: int, rng: random.Random) -> str:
    """A region spelled as lists spell it: «г. Алматы», «Алматы облысы», «Алматинская обл.»."""
    from opentenge.civil.regions import REGIONS  # pure data, no Django

    code, kk, ru, _en, extra = REGIONS[region]
    style = rng.random()
    if style < 0.5:
        return ru if region < 17 else f"г. {ru.split()[-1]}"
    if style < 0.8:
        return kk
    return (ru.replace("область", "обл.") if "область" in ru else ru) if region < 17 else (extra[0] if extra else ru)


def ngo_core(rng: random.Random, used: set[str]) -> str:
    for _ in range(50):
        topic = rng.choice(cn.NGO_TOPICS)[0]
        core = topic if rng.random() < 0.25 else f"{rng.choice(nm.KZ_WORDS)} {topic}"
        if core not in used:
            used.add(core)
            return core
    core = f"{rng.choice(nm.KZ_WORDS)} {rng.choice(cn.NGO_TOPICS)[0]} {len(used)}"
    used.add(core)
    return core


def build_ngos(subjects: dict, social: dict, sizes: dict, rng: random.Random, bins: Bins) -> tuple[list[Ngo], list[Ngo]]:
    """(NGOs of the corpus, showcase organisations paid through the state social order)."""
    ngos: list[Ngo] = []
    used: set[str] = set()
    for ident, item in sorted(subjects.items()):
        name_ru = item.get("name_ru") or ""
        if item.get("bin") and name_ru.startswith(("ОО ", "ОФ ")):
            registered = dt.date.fromisoformat(str(item.get("regdate"))[:10])
            used.add(name_ru)
            ngos.append(Ngo(ident, name_ru, item.get("name_kz") or "", 0 if name_ru.startswith("ОО") else 1,
                            rng.randrange(20), registered, rng.sample(cn.ACTIVITIES, rng.randint(1, 3))))
    for _ in range(sizes["extra_ngos"]):
        form = rng.choices(range(len(cn.NGO_FORMS)), cn.NGO_FORM_WEIGHTS)[0]
        core = ngo_core(rng, used)
        registered = dt.date(1996, 1, 1) + dt.timedelta(days=rng.randint(0, 10_400))
        region = rng.choices(range(20), [1.0] * 17 + [5.0, 7.0, 2.0])[0]
        ru, kk = cn.NGO_FORMS[form][0].format(c=core), cn.NGO_FORMS[form][1].format(c=core)
        ngos.append(Ngo(bins.make(registered), ru, kk, form, region, registered,
                        rng.sample(cn.ACTIVITIES, rng.randint(1, 3))))
    by_bin = {n.bin: n for n in ngos}
    # suppliers living mostly from the state social order first, like an NGO would; the larger first
    order = sorted(social, key=lambda b: (social[b][0] < social[b][1] / 2, -social[b][0], b))
    showcase = [by_bin[b] for b in order if b in by_bin][:3]
    if not showcase:
        # The goszakup demo paid no NGO through method 52: show its social-order suppliers instead,
        # so that a profile still has all kinds of income (they are not put in the NGO database).
        for ident in order:
            item = subjects.get(ident) or {}
            if item.get("bin") and len(showcase) < 3:
                regdate = dt.date.fromisoformat(str(item.get("regdate"))[:10])
                org = Ngo(ident, item.get("name_ru") or "", item.get("name_kz") or "", 0, rng.randrange(20),
                          regdate, [], kind="supplier")
                org.in_register = False
                showcase.append(org)
    for index, ngo in enumerate(ngos):
        ngo.in_register = rng.random() < 0.93 or ngo in showcase
    return ngos, showcase

#!/usr/bin/env python
"""Write tests/fixtures/linking/pairs_synthetic.csv: labelled name pairs for `opentenge link evaluate`.

    .venv/bin/python scripts/make_linking_pairs.py [--out FILE] [--seed 2026]

Deterministic: the same seed gives the same bytes. Names come from the demo generator's builders
(`opentenge.demo.names`: company cores, person names, ministries, akimats, departments, schools,
hospitals, kindergartens, national companies), so no pair is a real organisation or person.
Each pair varies the name the way Kazakh data does; ``kind`` says how, ``origin`` says which
builder. Variants:

* legal forms in kk/ru/Latin and spelled out (ТОО/ЖШС/LLP/TOO, АО/АҚ/JSC, ИП/ЖК, РГП/РМК, ГУ/ММ,
  КГУ/КММ, ОО/ҚБ, ОФ/ҚҚ, ГККП/МКҚК, ГКП на ПХВ/ШЖҚ МКК), quotes «» "" “” or none, case, spaces;
* spellings: Kazakh Cyrillic, Russian-style Cyrillic (ә→а, қ→к … as in the 2011 rules for
  Russian spelling of Kazakh names), the 2021 Kazakh Latin alphabet, ICAO 9303 passport Latin and
  BGN/PCGN 1979 (letter tables copied from shared/data/translit/translit_variants.csv);
* person-name order (``ABISHEV NURLAN`` vs ``Нұрлан Әбішев``), patronymic present or absent,
  Kazakh ``-ұлы/-қызы`` vs Russian ``-ович/-овна``;
* one typing error (a letter dropped, doubled, swapped with its neighbour or replaced);
* state bodies named in Russian on one side and in Kazakh on the other (translations).

Hard negatives: one word swapped for the most similar word of the same list (``Алтын Дала`` vs
``Алтын Дән``), the same name under two different BINs, another legal form, another number
(school №10 vs №12), another region or subject of the same kind of body, a branch vs its head
office, an extra word, another person with the same surname or the same given name or another
patronymic. The matcher is never called here: labels come from how a pair was built.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

from opentenge.demo import names as dn
from opentenge.ids.kz import make_valid_bin
from opentenge.ids.translit import to_latin_2021

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "tests" / "fixtures" / "linking" / "pairs_synthetic.csv"
COLUMNS = ("left", "right", "same", "bin_left", "bin_right", "region_left", "region_right", "kind", "origin")

# shared/data/translit/translit_variants.csv, systems icao_9303_passport and bgn_pcgn_1979.
ICAO = {"а": "A", "ә": "A", "б": "B", "в": "V", "г": "G", "ғ": "G", "д": "D", "е": "E", "ё": "E",
        "ж": "ZH", "з": "Z", "и": "I", "й": "I", "к": "K", "қ": "K", "л": "L", "м": "M", "н": "N",
        "ң": "N", "о": "O", "ө": "O", "п": "P", "р": "R", "с": "S", "т": "T", "у": "U", "ұ": "U",
        "ү": "U", "ф": "F", "х": "KH", "һ": "KH", "ц": "TS", "ч": "CH", "ш": "SH", "щ": "SHCH",
        "ъ": "IE", "ы": "Y", "і": "I", "ь": "", "э": "E", "ю": "IU", "я": "IA"}
BGN = {"а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo",
       "ж": "zh", "з": "z", "и": "ī", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
       "ң": "ng", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "ū", "ұ": "u",
       "ү": "ü", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
       "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "ė", "ю": "yu", "я": "ya"}
# kk_to_ru_cyrillic_names (2011 rules for the Russian spelling of Kazakh names).
KK_TO_RU = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}


def _table(mapping: dict[str, str], text: str, upper: bool = False) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        if low in mapping:
            rep = mapping[low]
            if upper:
                rep = rep.upper()
            elif ch != low:
                rep = rep[:1].upper() + rep[1:].lower()
            else:
                rep = rep.lower()
            out.append(rep)
        else:
            out.append(ch.upper() if upper else ch)
    return "".join(out)


def icao(text: str, upper: bool = True) -> str:
    return _table(ICAO, text, upper=upper)


def bgn(text: str) -> str:
    return _table(BGN, text)


def russian_style(text: str) -> str:
    return "".join(KK_TO_RU.get(ch, KK_TO_RU.get(ch.lower(), ch).upper() if ch.lower() in KK_TO_RU else ch)
                   for ch in text)


class Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict] = []
        self.serial = 0

    # -- helpers -------------------------------------------------------------------------------
    def add(self, left: str, right: str, same: bool, kind: str, origin: str, *, bin_left: str = "",
            bin_right: str = "", region_left: str = "", region_right: str = "") -> None:
        if self.rng.random() < 0.5:  # which side is which carries no information
            left, right = right, left
            bin_left, bin_right = bin_right, bin_left
            region_left, region_right = region_right, region_left
        self.rows.append({"left": left, "right": right, "same": int(same), "bin_left": bin_left,
                          "bin_right": bin_right, "region_left": region_left, "region_right": region_right,
                          "kind": kind, "origin": origin})

    def new_bin(self) -> str:
        while True:
            self.serial += 1
            value = make_valid_bin(self.rng.randint(0, 24), self.rng.randint(1, 12), 4, 0, self.serial)
            if value:
                return value

    def quote(self, core: str) -> str:
        style = self.rng.choice(("ascii", "ascii", "ascii", "guillemets", "curly"))
        return {"ascii": f'"{core}"', "guillemets": f"«{core}»", "curly": f"“{core}”"}[style]

    def spell(self, core: str) -> tuple[str, str]:
        """The core in one of the spellings found in data, and the name of that spelling."""
        choice = self.rng.choice(("kk", "ru-style", "latin-2021", "icao", "icao-title", "bgn"))
        if choice == "kk":
            return core, choice
        if choice == "ru-style":
            return russian_style(core), choice
        if choice == "latin-2021":
            return to_latin_2021(core), choice
        if choice == "icao":
            return icao(core), choice
        if choice == "icao-title":
            return icao(core, upper=False), choice
        return bgn(core), choice

    def render(self, core: str, form: str, *, latin_ok: bool = True) -> str:
        """``core`` with legal form ``form`` written one of the ways sources write it."""
        spellings = LEGAL_FORM_SPELLINGS[form]
        ru, kk, lat, ru_long, kk_long = spellings
        options = ["ru", "kk", "ru_long", "kk_long"] + (["lat_after", "lat_before"] if latin_ok and lat else [])
        how = self.rng.choice(options)
        q = self.quote(core)
        if how == "ru":
            return f"{ru} {q}"
        if how == "kk":
            return f"{q} {kk}"
        if how == "ru_long":
            return f"{ru_long} {q}"
        if how == "kk_long":
            return f"{q} {kk_long}"
        latin_core = core if core.isascii() else self.rng.choice(
            (to_latin_2021(core), icao(core), icao(core, upper=False)))
        if how == "lat_after":
            return f"{latin_core} {lat}"
        return f"{lat.upper() if lat != 'LLP' else self.rng.choice(('TOO', 'LLP'))} {latin_core}"

    def typo(self, text: str) -> str:
        words = text.split(" ")
        candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not candidates:
            return text
        i = self.rng.choice(candidates)
        w = words[i]
        pos = self.rng.randint(1, len(w) - 2)
        op = self.rng.choice(("drop", "double", "swap", "replace"))
        if op == "drop":
            w = w[:pos] + w[pos + 1:]
        elif op == "double":
            w = w[:pos] + w[pos] + w[pos:]
        elif op == "swap":
            w = w[:pos] + w[pos + 1] + w[pos] + w[pos + 2:]
        else:
            alphabet = "абвгдежзиклмнопрстуфхшыіқңұүөә" if not w.isascii() else "abcdefghiklmnoprstuvyz"
            w = w[:pos] + self.rng.choice([c for c in alphabet if c != w[pos].lower()]) + w[pos + 1:]
        words[i] = w
        return " ".join(words)

    def restyle(self, text: str) -> str:
        """Case, quotes and spaces changed as different sources print one name."""
        op = self.rng.choice(("upper", "lower", "quotes", "noquotes", "spaces"))
        if op == "upper":
            return text.upper()
        if op == "lower":
            return text.lower()
        if op == "quotes":
            if '"' in text:
                return text.replace('"', "«", 1).replace('"', "»", 1)
            return text.replace("«", '"').replace("»", '"')
        if op == "noquotes":
            return text.replace('"', "").replace("«", "").replace("»", "").replace("“", "").replace("”", "")
        return "  " + text.replace(" ", "  ", 1) + " "


# form -> (ru abbreviation, kk abbreviation, Latin abbreviation, ru spelled out, kk spelled out)
LEGAL_FORM_SPELLINGS = {
    "LLP": ("ТОО", "ЖШС", "LLP", "Товарищество с ограниченной ответственностью",
            "жауапкершілігі шектеулі серіктестігі"),
    "JSC": ("АО", "АҚ", "JSC", "Акционерное общество", "акционерлік қоғамы"),
    "IE": ("ИП", "ЖК", "IE", "Индивидуальный предприниматель", "жеке кәсіпкер"),
    "PA": ("ОО", "ҚБ", "", "Общественное объединение", "қоғамдық бірлестігі"),
    "PF": ("ОФ", "ҚҚ", "", "Общественный фонд", "қоғамдық қоры"),
    "RSE": ("РГП на ПХВ", "ШЖҚ РМК", "RSE", "Республиканское государственное предприятие",
            "республикалық мемлекеттік кәсіпорны"),
    "SI": ("ГУ", "ММ", "", "Государственное учреждение", "мемлекеттік мекемесі"),
    "MSI": ("КГУ", "КММ", "", "Коммунальное государственное учреждение", "коммуналдық мемлекеттік мекемесі"),
    "SCTE": ("ГККП", "МКҚК", "", "Государственное коммунальное казенное предприятие",
             "мемлекеттік коммуналдық қазыналық кәсіпорны"),
}
COMPANY_FORMS = ("LLP", "LLP", "LLP", "LLP", "JSC", "PA", "PF", "RSE")


def nearest_other(word: str, pool: tuple[str, ...], rng: random.Random) -> str:
    """The word of ``pool`` most like ``word`` (fewest edits), other than ``word`` itself."""
    def distance(a: str, b: str) -> int:
        a, b = a.lower(), b.lower()
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

    others = [w for w in pool if w.lower() != word.lower()]
    best = min(distance(word, w) for w in others)
    return rng.choice(sorted(w for w in others if distance(word, w) == best))


# Close Kazakh words that make different company names (added to the demo word lists so that
# near-misses are not only between words the demo happens to have).
NEAR_WORDS = (("Дала", "Дән"), ("Арман", "Арна"), ("Самал", "Самат"), ("Нұр", "Нар"), ("Береке", "Берекет"),
              ("Қуат", "Қанат"), ("Сәулет", "Сәуле"), ("Ақжол", "Ақкөл"), ("Тұран", "Тұрар"),
              ("Алтын", "Алтай"), ("Бірлік", "Бірлесу"), ("Жұлдыз", "Жұлдызай"), ("Орда", "Ордабасы"),
              ("Астана", "Аспан"), ("Nur", "Nurly"), ("Invest", "Investment"), ("Trade", "Trader"))


def person(rng: random.Random) -> dict:
    male = rng.random() < 0.6
    surname = rng.choice(dn.SURNAMES_M)
    if not male and not surname.endswith(("Ким", "Пак", "Шевченко")):
        surname += "а"
    given = rng.choice(dn.FIRST_NAMES_M if male else dn.FIRST_NAMES_F)
    father = rng.choice(dn.FIRST_NAMES_M)
    return {"male": male, "surname": surname, "given": given, "father": father}


def patronymic(p: dict, style: str) -> str:
    father = p["father"]
    if style == "kk":
        return father + ("ұлы" if p["male"] else "қызы")
    base = russian_style(father)
    if base.endswith("й"):
        return base[:-1] + ("евич" if p["male"] else "евна")
    return base + ("ович" if p["male"] else "овна")


def person_text(p: dict, rng: random.Random, *, with_patronymic: bool | None = None) -> str:
    """One way a source writes the person: script, order, case, patronymic."""
    if with_patronymic is None:
        with_patronymic = rng.random() < 0.5
    style = rng.choice(("kk", "ru", "icao", "latin-2021", "icao-title"))
    sur, giv = p["surname"], p["given"]
    pat = ""
    if with_patronymic:
        pat = patronymic(p, "kk" if style in ("kk", "latin-2021") or rng.random() < 0.5 else "ru")
    if style == "ru":
        sur, giv, pat = russian_style(sur), russian_style(giv), russian_style(pat)
    parts_order = rng.choice(("sgp", "gps", "sgp", "gs"))
    parts = {"s": sur, "g": giv, "p": pat}
    words = [parts[c] for c in parts_order if parts[c]]
    if parts_order == "gs" and pat:
        words = [giv, pat, sur]
    text = " ".join(words)
    if style == "icao":
        text = icao(text)
    elif style == "icao-title":
        text = icao(text, upper=False)
    elif style == "latin-2021":
        text = to_latin_2021(text)
    if rng.random() < 0.05 and parts_order == "sgp" and pat:  # a space lost ("BALIEVA ZagipaYahyanovna")
        text = "".join(text.rsplit(" ", 1))
    if rng.random() < 0.3 and style in ("kk", "ru"):
        text = text.upper() if rng.random() < 0.5 else (sur.upper() + " " + " ".join(w for w in words if w != sur))
    return text


def institution_pairs(rng: random.Random) -> list[tuple[str, str, str]]:
    """(ru, kk, origin) of every kind of state body the demo generator names."""
    out = []
    for i in range(len(dn.MINISTRIES)):
        out.append((*dn.ministry_names(i), "ministry_names"))
    for i in range(len(dn.CITIES)):
        out.append((*dn.akimat_names(i), "akimat_names"))
    for i in range(len(dn.DISTRICTS)):
        out.append((*dn.district_akimat_names(i), "district_akimat_names"))
    for r in range(dn.REGION_COUNT):
        out.append((*dn.region_procurement_names(r), "region_procurement_names"))
        for d in range(len(dn.REGIONAL_DEPARTMENTS)):
            out.append((*dn.region_department_names(r, d), "region_department_names"))
    for c in range(len(dn.CITIES)):
        for d in range(len(dn.CITY_DEPARTMENTS)):
            out.append((*dn.city_department_names(c, d), "city_department_names"))
    for i in range(len(dn.NATIONAL_COMPANIES)):
        out.append((*dn.national_company_names(i), "national_company_names"))
    return out


def build(seed: int) -> list[dict]:
    b = Builder(seed)
    rng = b.rng

    # ---- positives: organisations ------------------------------------------------------------
    for _ in range(150):
        core, form = dn.company_core(rng), rng.choice(COMPANY_FORMS)
        left, right = b.render(core, form), b.render(core, form)
        while right == left:
            right = b.render(core, form)
        b.add(left, right, True, "org-legal-form", "company_core")
    for _ in range(80):
        core, form = dn.company_core(rng), rng.choice(COMPANY_FORMS)
        left = b.render(core, form, latin_ok=False)
        b.add(left, b.restyle(left), True, "org-quotes-case", "company_core")
    for _ in range(100):
        core = dn.company_core(rng)
        while core.isascii():
            core = dn.company_core(rng)
        form = rng.choice(COMPANY_FORMS)
        spelled, _how = b.spell(core)
        b.add(b.render(core, form), b.render(spelled, form, latin_ok=False) if not spelled.isascii()
              else f"{spelled} {LEGAL_FORM_SPELLINGS[form][2] or ''}".strip(), True, "org-script", "company_core")
    for _ in range(80):
        core, form = dn.company_core(rng), rng.choice(COMPANY_FORMS)
        b.add(b.render(core, form), b.render(b.typo(core), form), True, "org-typo", "company_core")
    kz_ru = [f"{k}-{r}" for k in dn.KZ_WORDS[:15] for r in dn.RU_WORDS[:4]]
    for _ in range(30):
        core = rng.choice(kz_ru)
        variant = rng.choice((core.replace("-", " "), core.replace("-", ""), core.replace("-", " - ")))
        form = rng.choice(COMPANY_FORMS)
        b.add(b.render(core, form), b.render(variant, form), True, "org-spacing", "company_core")
    for _ in range(30):  # one BIN, two names (renamed, or an abbreviated name): the BIN decides
        core = dn.company_core(rng)
        other = rng.choice((f"{core} {rng.choice(dn.LATIN_SUFFIXES)}", dn.company_core(rng)))
        bin_ = b.new_bin()
        b.add(b.render(core, "LLP"), b.render(other, "LLP"), True, "same-bin", "company_core",
              bin_left=bin_, bin_right=bin_)
    for _ in range(20):  # same name, same region given on both sides
        core, form = dn.company_core(rng), rng.choice(COMPANY_FORMS)
        region = rng.choice(dn.REGIONS)[0]
        b.add(b.render(core, form), b.render(core, form), True, "org-same-region", "company_core",
              region_left=region, region_right=region)

    # ---- positives: persons (individual entrepreneurs and public persons) ---------------------
    for _ in range(150):
        p = person(rng)
        left, right = person_text(p, rng), person_text(p, rng)
        if rng.random() < 0.3:  # as an individual entrepreneur in one source
            left = rng.choice((f'ИП "{left}"', f'"{left}" ЖК', f"ИП {left}", f"IE {left}"))
        b.add(left, right, True, "person-variant", "person_names")

    # ---- positives: state bodies, Russian vs Kazakh, and variants ----------------------------
    bodies = institution_pairs(rng)
    for ru, kk, origin in rng.sample(bodies, 120):
        b.add(ru, kk, True, "institution-kk-ru", origin)
    numbered = []
    for _ in range(40):
        city = rng.randrange(len(dn.CITIES))
        maker = rng.choice((lambda: dn.school_names(rng, city), lambda: dn.hospital_names(rng, city),
                            lambda: dn.kindergarten_names(rng)))
        ru, kk = maker()
        numbered.append((ru, kk, city))
        b.add(ru, kk, True, "institution-kk-ru", "school/hospital/kindergarten_names")
    for ru, kk, origin in rng.sample(bodies, 40):
        variant = (ru.replace("ГУ ", "Государственное учреждение ", 1) if ru.startswith("ГУ ")
                   else b.restyle(ru))
        if rng.random() < 0.5:
            variant = variant.replace('"', "«", 1).replace('"', "»", 1)
        b.add(ru, variant if variant != ru else ru.upper(), True, "institution-variant", origin)

    # ---- negatives ---------------------------------------------------------------------------
    b.add('ТОО "Алтын Дала"', 'ТОО "Алтын Дән"', False, "hard-near-name", "curated")
    b.add('"Алтын Дала" ЖШС', 'ТОО «Алтын Дән»', False, "hard-near-name", "curated")
    for _ in range(100):
        core = dn.company_core(rng)
        words = core.replace("-", " ").split()
        i = rng.randrange(len(words))
        w = words[i]
        pool = (dn.KZ_WORDS if w in dn.KZ_WORDS else dn.RU_WORDS if w in dn.RU_WORDS else
                dn.LATIN_WORDS if w in dn.LATIN_WORDS else dn.LATIN_SUFFIXES if w in dn.LATIN_SUFFIXES else None)
        if pool is None:
            continue
        other = core.replace(w, nearest_other(w, pool, rng), 1)
        form = rng.choice(COMPANY_FORMS)
        b.add(b.render(core, form), b.render(other, form), False, "hard-near-name", "company_core")
    for _ in range(50):
        a, z = rng.choice(NEAR_WORDS)
        w2 = rng.choice(dn.KZ_WORDS + dn.RU_WORDS)
        core_a, core_b = (f"{a} {w2}", f"{z} {w2}") if rng.random() < 0.5 else (f"{w2} {a}", f"{w2} {z}")
        form = rng.choice(COMPANY_FORMS)
        b.add(b.render(core_a, form), b.render(core_b, form), False, "hard-near-name", "curated-near-words")
    for _ in range(80):
        core, form = dn.company_core(rng), rng.choice(COMPANY_FORMS)
        b.add(b.render(core, form), b.render(core, form), False, "same-name-diff-bin", "company_core",
              bin_left=b.new_bin(), bin_right=b.new_bin())
    for _ in range(30):
        core, form = dn.company_core(rng), rng.choice(COMPANY_FORMS)
        r1, r2 = rng.sample([r[0] for r in dn.REGIONS], 2)
        b.add(b.render(core, form), b.render(core, form), False, "same-name-diff-region", "company_core",
              region_left=r1, region_right=r2)
    for _ in range(50):
        core = dn.company_core(rng)
        f1, f2 = rng.sample(("LLP", "JSC", "PA", "PF", "RSE"), 2)
        b.add(b.render(core, f1), b.render(core, f2), False, "legal-form-differs", "company_core")
    for _ in range(30):
        core = dn.company_core(rng)
        city_kz, city_ru, _ = rng.choice(dn.CITIES)
        branch = rng.choice((f'Филиал ТОО "{core}" в городе {city_ru}', f'"{core}" ЖШС {city_kz} қаласындағы филиалы'))
        b.add(branch, b.render(core, "LLP"), False, "branch-vs-head", "company_names")
    for _ in range(40):
        core = dn.company_core(rng)
        longer = f"{core} {rng.choice(dn.LATIN_SUFFIXES + ('Строй', 'Сервис', 'Плюс', 'KZ', 'Групп'))}"
        form = rng.choice(COMPANY_FORMS)
        b.add(b.render(core, form), b.render(longer, form), False, "extra-word", "company_core")
    for _ in range(60):
        c1, c2 = dn.company_core(rng), dn.company_core(rng)
        if c1 != c2:
            b.add(b.render(c1, "LLP"), b.render(c2, "LLP"), False, "random", "company_core")
    # numbered institutions: same kind and city, another number
    for ru, kk, city in numbered:
        n = int(re.search(r"№(\d+)", ru).group(1))
        other = n + rng.choice((1, 2, 10, -1)) if n > 1 else n + 1
        kk_other = kk.replace(f"№{n}", f"№{other}")
        b.add(ru, kk_other, False, "number-differs", "school/hospital/kindergarten_names")
        b.add(ru, ru.replace(f"№{n}", f"№{other}"), False, "number-differs", "school/hospital/kindergarten_names")
    for _ in range(60):  # same department, another region (ru vs kk or same language)
        d = rng.randrange(len(dn.REGIONAL_DEPARTMENTS))
        r1, r2 = rng.sample(range(dn.REGION_COUNT), 2)
        a_ru, a_kk = dn.region_department_names(r1, d)
        b_ru, b_kk = dn.region_department_names(r2, d)
        b.add(rng.choice((a_ru, a_kk)), rng.choice((b_ru, b_kk)), False, "institution-other-place",
              "region_department_names")
    for _ in range(20):
        c1, c2 = rng.sample(range(len(dn.CITIES)), 2)
        a_ru, a_kk = dn.akimat_names(c1)
        b_ru, b_kk = dn.akimat_names(c2)
        b.add(rng.choice((a_ru, a_kk)), rng.choice((b_ru, b_kk)), False, "institution-other-place", "akimat_names")
    for _ in range(40):  # same place, another subject
        r = rng.randrange(dn.REGION_COUNT)
        d1, d2 = rng.sample(range(len(dn.REGIONAL_DEPARTMENTS)), 2)
        a_ru, a_kk = dn.region_department_names(r, d1)
        b_ru, b_kk = dn.region_department_names(r, d2)
        b.add(rng.choice((a_ru, a_kk)), rng.choice((b_ru, b_kk)), False, "institution-other-subject",
              "region_department_names")
    for _ in range(20):
        i, j = rng.sample(range(len(dn.MINISTRIES)), 2)
        b.add(rng.choice(dn.ministry_names(i)), rng.choice(dn.ministry_names(j)), False,
              "institution-other-subject", "ministry_names")
    # persons: another given name, another surname (the nearest one), another patronymic, sex
    for _ in range(120):
        p = person(rng)
        q = dict(p)
        change = rng.choice(("given", "surname", "father", "sex"))
        if change == "given":
            pool = dn.FIRST_NAMES_M if p["male"] else dn.FIRST_NAMES_F
            q["given"] = nearest_other(p["given"], pool, rng)
            kind = "person-other-given"
        elif change == "surname":
            base = p["surname"][:-1] if (not p["male"] and p["surname"].endswith("а")) else p["surname"]
            other = nearest_other(base, dn.SURNAMES_M, rng)
            q["surname"] = other + ("а" if not p["male"] and not other.endswith(("Ким", "Пак", "Шевченко")) else "")
            kind = "person-other-surname"
        elif change == "father":
            q["father"] = nearest_other(p["father"], dn.FIRST_NAMES_M, rng)
            kind = "person-other-patronymic"
        else:
            q = person(rng)
            q["surname"] = p["surname"]
            kind = "person-same-surname"
            if q["given"] == p["given"]:
                continue
        both_patronymic = change == "father"
        b.add(person_text(p, rng, with_patronymic=both_patronymic or None),
              person_text(q, rng, with_patronymic=both_patronymic or None), False, kind, "person_names")
    return b.rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rows = build(args.seed)
    seen, unique = set(), []
    for row in rows:  # drop exact duplicates (same pair, either order)
        key = (min(row["left"], row["right"]), max(row["left"], row["right"]), row["bin_left"], row["bin_right"],
               row["region_left"], row["region_right"])
        if key not in seen:
            seen.add(key)
            unique.append(row)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(unique)
    positives = sum(r["same"] for r in unique)
    print(f"wrote {len(unique)} pairs ({positives} same, {len(unique) - positives} different) to {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

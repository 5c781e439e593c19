"""The regions of Kazakhstan as grant lists and registers spell them, folded to one code each.

Published files name a region in Kazakh («Алматы облысы»), in Russian («Алматинская область»,
«г. Алматы»), under an old name («Нур-Султан», «Южно-Казахстанская область») or not at all.
A region that cannot be recognised is kept exactly as published with an empty code: the record
is still counted, it only falls outside the region filter. Codes are our own slugs (not KATO
codes, which we could not verify for the regions created in 2022).
"""
from __future__ import annotations

from opentenge.ids.search import search_key

# code, Kazakh, Russian, English, extra spellings (any script)
REGIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("abai", "Абай облысы", "Область Абай", "Abai Region", ("Абайская область",)),
    ("akmola", "Ақмола облысы", "Акмолинская область", "Akmola Region", ()),
    ("aktobe", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", ()),
    ("almaty-region", "Алматы облысы", "Алматинская область", "Almaty Region", ()),
    ("atyrau", "Атырау облысы", "Атырауская область", "Atyrau Region", ()),
    ("west-kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region",
     ("ЗКО",)),
    ("zhambyl", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", ()),
    ("zhetysu", "Жетісу облысы", "Область Жетісу", "Zhetysu Region", ("Область Жетысу",)),
    ("karaganda", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", ()),
    ("kostanay", "Қостанай облысы", "Костанайская область", "Kostanay Region", ()),
    ("kyzylorda", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", ()),
    ("mangystau", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", ()),
    ("pavlodar", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", ()),
    ("north-kazakhstan", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region",
     ("СКО",)),
    ("turkistan", "Түркістан облысы", "Туркестанская область", "Turkistan Region",
     ("Южно-Казахстанская область", "Оңтүстік Қазақстан облысы", "ЮКО")),
    ("ulytau", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region", ("Область Улытау", "Улытауская область")),
    ("east-kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region",
     ("ВКО",)),
    ("astana", "Астана қаласы", "город Астана", "Astana", ("Астана", "г. Астана", "Нур-Султан", "г. Нур-Султан",
                                                             "Нұр-Сұлтан қаласы")),
    ("almaty", "Алматы қаласы", "город Алматы", "Almaty", ("Алматы", "г. Алматы")),
    ("shymkent", "Шымкент қаласы", "город Шымкент", "Shymkent", ("Шымкент", "г. Шымкент")),
    ("republic", "Республикалық", "Республиканский уровень", "Nationwide",
     ("Республиканский", "Республика Казахстан", "Қазақстан Республикасы", "РК", "ҚР")),
)
CODES = tuple(r[0] for r in REGIONS)
_NAMES = {code: {"kk": kk, "ru": ru, "en": en} for code, kk, ru, en, _ in REGIONS}
# Words that only say "region"/"city": «обл.», «г.», «қаласы», «city» — dropped before the lookup,
# except where they are the only thing that tells the city of Almaty from the Almaty region.
_CITY_WORDS = {"g", "gorod", "kalasi", "city"}


def _key(text: str) -> str:
    tokens = search_key(text).replace("oblast", "obl").replace("oblisi", "obl").replace("region", "obl").split()
    return " ".join(sorted(t for t in tokens if t not in _CITY_WORDS))  # word order varies: «область Абай»


_LOOKUP: dict[str, str] = {}
for _code, _kk, _ru, _en, _extra in REGIONS:
    for _spelling in (_kk, _ru, _en, *_extra):
        _LOOKUP.setdefault(_key(_spelling), _code)


def region_code(published: str) -> str:
    """Our code for a published region name, or ``""`` when it is not recognised."""
    if not published or not published.strip():
        return ""
    return _LOOKUP.get(_key(published), "")


def region_name(code: str, language: str) -> str:
    names = _NAMES.get(code)
    return names.get(language) or names["ru"] if names else ""


def region_names(code: str) -> dict | None:
    return dict(_NAMES[code]) if code in _NAMES else None

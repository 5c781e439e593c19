"""Donor countries as the foreign-funding register may spell them, folded to ISO 3166 codes.

The register's country column is free text in Russian or Kazakh (its real spelling is not known,
see docs/formats/foreign_funding.md). A country we do not recognise is kept exactly as published
with an empty code. ``EU`` (the European Union, an ISO-reserved code) and ``INTL`` (an
international organisation with no single country, e.g. a UN agency) are the two codes that are
not countries.
"""
from __future__ import annotations

from opentenge.ids.search import search_key

# code, Kazakh, Russian, English, extra spellings
COUNTRIES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("US", "АҚШ", "США", "United States", ("Соединённые Штаты Америки", "Соединенные Штаты", "Америка Құрама Штаттары",
                                           "USA", "United States of America")),
    ("GB", "Ұлыбритания", "Великобритания", "United Kingdom", ("Соединённое Королевство", "UK", "Англия")),
    ("DE", "Германия", "Германия", "Germany", ("ФРГ",)),
    ("NL", "Нидерланды", "Нидерланды", "Netherlands", ("Голландия", "Niderlandy")),
    ("NO", "Норвегия", "Норвегия", "Norway", ()),
    ("SE", "Швеция", "Швеция", "Sweden", ()),
    ("CH", "Швейцария", "Швейцария", "Switzerland", ()),
    ("FR", "Франция", "Франция", "France", ()),
    ("IT", "Италия", "Италия", "Italy", ()),
    ("ES", "Испания", "Испания", "Spain", ()),
    ("DK", "Дания", "Дания", "Denmark", ()),
    ("FI", "Финляндия", "Финляндия", "Finland", ()),
    ("AT", "Австрия", "Австрия", "Austria", ()),
    ("BE", "Бельгия", "Бельгия", "Belgium", ()),
    ("IE", "Ирландия", "Ирландия", "Ireland", ()),
    ("LU", "Люксембург", "Люксембург", "Luxembourg", ()),
    ("CZ", "Чехия", "Чехия", "Czechia", ("Чешская Республика", "Czech Republic")),
    ("PL", "Польша", "Польша", "Poland", ()),
    ("LV", "Латвия", "Латвия", "Latvia", ()),
    ("LT", "Литва", "Литва", "Lithuania", ()),
    ("EE", "Эстония", "Эстония", "Estonia", ()),
    ("CA", "Канада", "Канада", "Canada", ()),
    ("AU", "Аустралия", "Австралия", "Australia", ()),
    ("JP", "Жапония", "Япония", "Japan", ()),
    ("KR", "Корея Республикасы", "Республика Корея", "South Korea", ("Южная Корея", "Корея")),
    ("CN", "Қытай", "Китай", "China", ("КНР", "Китайская Народная Республика")),
    ("IN", "Үндістан", "Индия", "India", ()),
    ("TR", "Түркия", "Турция", "Türkiye", ("Turkey",)),
    ("RU", "Ресей", "Россия", "Russia", ("Российская Федерация", "РФ", "Ресей Федерациясы")),
    ("UA", "Украина", "Украина", "Ukraine", ()),
    ("BY", "Беларусь", "Беларусь", "Belarus", ("Белоруссия",)),
    ("UZ", "Өзбекстан", "Узбекистан", "Uzbekistan", ()),
    ("KG", "Қырғызстан", "Кыргызстан", "Kyrgyzstan", ("Киргизия", "Кыргызская Республика")),
    ("TJ", "Тәжікстан", "Таджикистан", "Tajikistan", ()),
    ("GE", "Грузия", "Грузия", "Georgia", ()),
    ("AZ", "Әзірбайжан", "Азербайджан", "Azerbaijan", ()),
    ("MN", "Моңғолия", "Монголия", "Mongolia", ()),
    ("IL", "Израиль", "Израиль", "Israel", ()),
    ("AE", "БАӘ", "ОАЭ", "United Arab Emirates", ("Объединённые Арабские Эмираты", "UAE")),
    ("SA", "Сауд Арабиясы", "Саудовская Аравия", "Saudi Arabia", ()),
    ("QA", "Катар", "Катар", "Qatar", ()),
    ("EU", "Еуропалық Одақ", "Европейский союз", "European Union", ("ЕС", "ЕО", "EU")),
    ("INTL", "Халықаралық ұйым", "Международная организация", "International organisation",
     ("Международные организации", "Халықаралық ұйымдар")),
)
_NAMES = {code: {"kk": kk, "ru": ru, "en": en} for code, kk, ru, en, _ in COUNTRIES}
_LOOKUP: dict[str, str] = {}
for _code, _kk, _ru, _en, _extra in COUNTRIES:
    for _spelling in (_kk, _ru, _en, *_extra):  # not the codes: «ЕС» (EU) folds like «ES»
        _LOOKUP.setdefault(search_key(_spelling), _code)


def country_code(published: str) -> str:
    """ISO 3166 alpha-2 (or ``EU``/``INTL``) for a published country name, ``""`` if unknown."""
    if not published or not published.strip():
        return ""
    return _LOOKUP.get(search_key(published), "")


def country_names(code: str) -> dict | None:
    return dict(_NAMES[code]) if code in _NAMES else None

"""Kazakh Cyrillic <-> the improved Kazakh Latin alphabet of 2021.

The table is ``shared/data/translit/kazakh_latin_2021.csv`` (42 Cyrillic letters -> 31 Latin
letters plus digraphs for the 9 letters used only in loanwords). Sources, as recorded in
``shared/data/translit/PROVENANCE.md``: Kazinform 28.01.2021 "New version of Latin-based Kazakh
alphabet presented at Government" (ä = ә, ö = ө, ü = ү, ū = ұ, ğ = ғ, ş = ш); the draft
Presidential decree on the transition (legalacts.egov.kz, April 2021); the transliteration sample
of en.wikipedia.org/wiki/Kazakh_alphabets for і -> ı, ы -> y, й -> i, ң -> ñ, һ -> h; and the
April 2021 draft rules for ё ц ч щ ъ ь э ю я (first option of each: io, ts, tş, şş, -, -, e, iu,
ia). The 2021 alphabet was presented and put to public discussion; the final legal act adopting
it was not found, so this is "the 2021 alphabet as published", not a law.

Why a table of our own and not ``str.upper()``: the 2021 alphabet uses Turkish-style dotted and
dotless i. Upper case of ``i`` (и, й) is ``İ`` (U+0130) and of ``ı`` (і) is ``I``. Python's
``"i".upper()`` gives ``"I"``, which would turn и into і. So both cases are spelled out.

Latin -> Cyrillic (:func:`from_latin_2021`) is only nearly unique: ``i`` is и or й, ``h`` is х or
һ, ``e`` is е or э. We pick и, х and е, which are the common letters in names; matching never
relies on the way back (it compares folded keys, see :mod:`opentenge.ids.names`).
Only the standard library is used.
"""
from __future__ import annotations

import re

__all__ = ["KAZAKH_LATIN_2021", "to_latin_2021", "from_latin_2021"]

# Lower case, exactly kazakh_latin_2021.csv.
KAZAKH_LATIN_2021: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "tş", "щ": "şş", "ш": "ş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}

# Upper case with the dotted/dotless rule: И, Й -> İ; І -> I. Digraphs are title case here
# (Ц -> Ts); a word written all in capitals gets them in capitals (see to_latin_2021).
_UPPER_LATIN = {"i": "İ", "ı": "I"}


def _upper_latin(latin: str) -> str:
    return "".join(_UPPER_LATIN.get(ch, ch.upper()) for ch in latin)


_UPPER_2021: dict[str, str] = {}
for _cyr, _lat in KAZAKH_LATIN_2021.items():
    _UPPER_2021[_cyr.upper()] = (_upper_latin(_lat[:1]) + _lat[1:]) if _lat else ""
_TO_LATIN = str.maketrans({**KAZAKH_LATIN_2021, **_UPPER_2021})
# Cyrillic capitals whose Latin spelling has two letters: in an all-caps word the second letter
# must be a capital too (ЦЕНТР -> TSENTR, not TsENTR).
_CAPS_DIGRAPH_WORD = re.compile(r"\b(?=\w*[ЁЦЧЩЮЯ])[^\W\da-zа-яёәғқңөұүһі]{2,}\b")
_CAPS_FIX = str.maketrans({c: _upper_latin(KAZAKH_LATIN_2021[c.lower()]) for c in "ЁЦЧЩЮЯ"})
_HAS_CAPS_DIGRAPH = re.compile("[ЁЦЧЩЮЯ]")


def to_latin_2021(text: str) -> str:
    """Spell Kazakh (or Russian) Cyrillic in the 2021 Kazakh Latin alphabet, keeping case.

    Characters that are not Cyrillic letters pass through unchanged, so Latin, digits and
    punctuation survive. ``to_latin_2021("Нұрлан Әбішев") == "Nūrlan Äbışev"``.
    """
    if _HAS_CAPS_DIGRAPH.search(text):
        text = _CAPS_DIGRAPH_WORD.sub(lambda m: m.group(0).translate(_CAPS_FIX), text)
    return text.translate(_TO_LATIN)


# Latin 2021 -> Cyrillic. Digraphs first (tş = ч, şş = щ), then single letters.
_FROM_LATIN_PAIRS = {"tş": "ч", "şş": "щ", "Tş": "Ч", "TŞ": "Ч", "Şş": "Щ", "ŞŞ": "Щ"}
_FROM_LATIN_PAIR_RE = re.compile("|".join(_FROM_LATIN_PAIRS))
_FROM_LATIN: dict[str, str] = {
    "a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ",
    "h": "х", "i": "и", "ı": "і", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н",
    "ñ": "ң", "ŋ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с",
    "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "v": "в", "y": "ы", "z": "з",
}
_FROM_LATIN_UPPER = {"A": "А", "Ä": "Ә", "B": "Б", "D": "Д", "E": "Е", "F": "Ф", "G": "Г",
                     "Ğ": "Ғ", "H": "Х", "İ": "И", "I": "І", "J": "Ж", "K": "К", "L": "Л",
                     "M": "М", "N": "Н", "Ñ": "Ң", "Ŋ": "Ң", "O": "О", "Ö": "Ө", "P": "П",
                     "Q": "Қ", "R": "Р", "S": "С", "Ş": "Ш", "T": "Т", "U": "У", "Ū": "Ұ",
                     "Ü": "Ү", "V": "В", "Y": "Ы", "Z": "З"}
_TO_CYRILLIC = str.maketrans({**_FROM_LATIN, **_FROM_LATIN_UPPER})


def from_latin_2021(text: str) -> str:
    """Spell 2021 Kazakh Latin in Kazakh Cyrillic (i -> и, h -> х, e -> е where ambiguous)."""
    text = _FROM_LATIN_PAIR_RE.sub(lambda m: _FROM_LATIN_PAIRS[m.group(0)], text)
    return text.translate(_TO_CYRILLIC)

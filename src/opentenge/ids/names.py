"""Normalise an organisation or person name for linking across Kazakh, Russian and Latin spellings.

Kazakh data names one supplier as ``ЖШС "Алтын Дала"``, ``ТОО «Алтын Дала»``, ``Altyn Dala LLP``
and ``TOO ALTYN DALA``; one person as ``Нұрлан Әбішев``, ``Нурлан Абишев``, ``Nurlan Abishev`` and
``ABISHEV NURLAN``. :func:`normalize` turns each into a :class:`NameForm`:

``input``
    the text as given.
``legal_form``
    the code of the legal form found at the edge of the name (``LLP`` for ТОО/ЖШС/LLP/TOO, ``JSC``
    for АО/АҚ/JSC, ``SI`` for ГУ/ММ, …; table in :mod:`opentenge.ids.legal_forms`), or None.
``latin``
    the rest of the name, quotes removed and spaces collapsed, spelled in the 2021 Kazakh Latin
    alphabet with case kept (:func:`opentenge.ids.translit.to_latin_2021`): ``Altyn Dala``,
    ``Nūrlan Äbışev``. For display and for people who read Latin; not for matching.
``folded``
    the matching key: :func:`opentenge.ids.search.search_key` of the same text, i.e. lower-case
    ASCII in which Kazakh letters, their Russian spellings and the Latin systems in
    ``shared/data/translit`` fall together (ә/а/ä → a, қ/к/q/kh/х/h → k, ж/zh/j → j, ң/ñ → n,
    ұ/ү/у/ū/ü → u, і/и/ı → i, ы/y → i, ш/ş/sh → sh). Linking uses one folding, the same as search,
    so that a name found by search is also a name the linker can match.
``tokens``
    the words of ``folded``.

Steps, in order (each is cheap; the whole runs at well over 50,000 names a second, see
docs/linking.md):

1. NFKC, and homoglyph repair inside a word that mixes scripts (``Hалог`` with a Latin H is
   ``Налог``; ``TOO`` typed in Latin stays Latin and is still a legal form).
2. The quoted part is found: from the first to the last quote character of ``" « » “ ” „ ‟``.
   Nested and unbalanced quotes (``"ЕЛАМАН" Фирмасы" ЖШС``, ``ТОО "Фирма "ЕЛАМАН"``) are common.
3. A legal form is cut at the edges of the unquoted part (before and after the quotes), or at
   the start/end of an unquoted name. Several forms may be cut (``ГУ "…" ММ``); the first one
   found is reported.
4. Quotes go; the words outside the quotes that are not a legal form (``Филиал``, ``в городе
   Алматы``) stay in the name, in their place.

Person-name order is not decided here (``ABISHEV NURLAN`` and ``Нұрлан Әбішев`` have the same
tokens in another order); :mod:`opentenge.linking.compare` matches tokens in any order.
Only the standard library is used.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from opentenge.ids.legal_forms import find_edge_form
from opentenge.ids.search import search_key
from opentenge.ids.translit import to_latin_2021

__all__ = ["NameForm", "normalize", "fold", "PATRONYMIC_SUFFIXES", "split_patronymic"]


@dataclass(frozen=True)
class NameForm:
    """A name taken apart for linking (see the module docstring for each field)."""

    input: str
    latin: str
    folded: str
    legal_form: str | None
    tokens: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"input": self.input, "latin": self.latin, "folded": self.folded,
                "legal_form": self.legal_form, "tokens": list(self.tokens)}


fold = search_key  # one folding for search and linking

_QUOTES = "\"«»“”„‟″〝〞＂"
_QUOTE_RE = re.compile(f"[{_QUOTES}]")
_SPACES = re.compile(r"\s+")
_NUMBER_SIGN = "\ue000"  # a private-use character NFKC leaves alone
# "No 5", "No.5", "N5", "Nr. 5" in Latin data = "№5": the word goes, the number stays.
_HAS_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"\b(?:no|n|nr) ?(?=\d)")

# Step 1: homoglyphs. Latin letters that look like Cyrillic ones and the reverse.
_LAT_TO_CYR = str.maketrans("AaBCcEeHKMOoPpTXxYy", "АаВСсЕеНКМОоРрТХхУу")
_CYR_TO_LAT = str.maketrans("АаВСсЕеНКМОоРрТХхУу", "AaBCcEeHKMOoPpTXxYy")
_HAS_LATIN = re.compile("[A-Za-z]")
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")
_CYR_LETTER = re.compile("[\u0400-\u04ff]")
_LAT_LETTER = re.compile("[A-Za-z]")


def _repair_word(m: re.Match) -> str:
    word = m.group(0)
    if not (_HAS_LATIN.search(word) and _HAS_CYRILLIC.search(word)):
        return word
    cyr, lat = len(_CYR_LETTER.findall(word)), len(_LAT_LETTER.findall(word))
    fixed = word.translate(_LAT_TO_CYR) if cyr >= lat else word.translate(_CYR_TO_LAT)
    # Only a full repair is a repair: "SHEBERҚұрылыс" is two words glued, not a typo.
    return fixed if not (_HAS_LATIN.search(fixed) and _HAS_CYRILLIC.search(fixed)) else word


def _repair_homoglyphs(text: str) -> str:
    if _HAS_LATIN.search(text) and _HAS_CYRILLIC.search(text):
        return _WORD.sub(_repair_word, text)
    return text


@lru_cache(maxsize=500_000)
def _fold_chunk(chunk: str) -> str:
    return search_key(chunk)


@lru_cache(maxsize=500_000)
def _latin_chunk(chunk: str) -> str:
    return to_latin_2021(chunk).replace(_NUMBER_SIGN, "№")


def _fold(core: str) -> str:
    """``search_key(core)``, computed word by word with a cache: names share most of their words.

    search_key works within a space-separated chunk (all its steps look at one word at a time),
    so folding chunk by chunk gives the same key; tests/test_names.py checks this.
    """
    return " ".join(f for f in map(_fold_chunk, core.split()) if f)


def _cut_forms(part: str, *, quoted: bool) -> tuple[str, list[str]]:
    """Cut legal forms at the start and end of ``part``; return the rest and the codes."""
    codes: list[str] = []
    if not part or part.isspace():
        return part, codes
    for _ in range(2):  # "ГУ КГУ …" or "… ЖШС LLP" happen; two is enough
        changed = False
        for at_start in (True, False):
            found = find_edge_form(part, at_start=at_start, quoted=quoted)
            if found:
                code, cut_start, cut_end, part = found
                codes.append(code)
                part = part[cut_end:] if at_start else part[:cut_start]
                changed = True
                if not part.strip():
                    return part, codes
        if not changed:
            break
    return part, codes


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" .,;:-–—")


@lru_cache(maxsize=200_000)
def normalize(text: str) -> NameForm:
    """Take a name apart into legal form, 2021 Latin spelling and folded matching key."""
    # "№" would become "No" under NFKC; keep it as a mark that folds to a space.
    s = unicodedata.normalize("NFKC", (text or "").replace("№", _NUMBER_SIGN))
    s = _repair_homoglyphs(s)
    quotes = [m.start() for m in _QUOTE_RE.finditer(s)]
    codes: list[str] = []
    if quotes:
        first, last = quotes[0], quotes[-1]
        inside = s[first + 1:last] if last > first else s[first + 1:]
        before, after = s[:first], (s[last + 1:] if last > first else "")
        before, c1 = _cut_forms(before, quoted=True)
        after, c2 = _cut_forms(after, quoted=True)
        codes = c1 + c2
        core = f"{before} {_QUOTE_RE.sub(' ', inside)} {after}"
        if not _clean(inside) and not codes:  # only quote marks inside: treat as unquoted
            core, codes = _cut_forms(_QUOTE_RE.sub(" ", s), quoted=False)
    else:
        core, codes = _cut_forms(s, quoted=False)
    core = _clean(core)
    if not core and codes:  # the name was only a legal form ("ТОО"): keep it as the name
        core, codes = _clean(_QUOTE_RE.sub(" ", s)), []
    folded = _fold(core)
    if _HAS_DIGIT.search(folded):
        folded = _NUMBER_WORD.sub("", folded)
    latin = " ".join(map(_latin_chunk, core.split(" ")))
    return NameForm(input=text, latin=latin, folded=folded,
                    legal_form=codes[0] if codes else None, tokens=tuple(folded.split()))


# Patronymics, on folded tokens: Russian -ович/-евич/-овна/-евна (also -ич, -ична), Kazakh
# -ұлы/-қызы (folded -uli/-kizi; Latin -uly/-kyzy fold the same way).
PATRONYMIC_SUFFIXES: tuple[str, ...] = ("ovich", "evich", "ovna", "evna", "ichna", "inichna",
                                        "uli", "kizi")
_PATRONYMIC_RE = re.compile(r"^(?P<stem>\w{2,}?)(?:ovich|evich|ovna|evna|ichna|uli|kizi)$")


def split_patronymic(token: str) -> str | None:
    """The stem of a folded patronymic (``majitovich`` and ``majituli`` -> ``majit``), or None."""
    m = _PATRONYMIC_RE.match(token)
    return m.group("stem") if m else None

"""A search key that folds Kazakh Cyrillic, Russian Cyrillic and Latin spellings.

``search_key("Қазақстан") == search_key("Казахстан") == search_key("Kazakhstan")
== search_key("Qazaqstan") == "kazakstan"``.

This key is for search boxes and nothing else. It gives up precision to find
more matches, for example Latin ``h`` and ``k`` fall together. The full
normaliser for linking records comes later and will be stricter.

Steps, in order:

1. NFKC, then ``casefold()``.
2. ``_PRE``: two-letter spellings from the 2021 Kazakh Latin alphabet (``tş`` = ч,
   ``şş`` = щ) and the 2017 apostrophe alphabet (``s'`` = ш, ``c'`` = ч,
   ``y'`` = у). Other apostrophes are then deleted (``a'`` = ә becomes ``a``).
3. ``_CHARS``: one letter at a time. Cyrillic goes straight to key letters.
   Kazakh letters become their Russian-style base letter (ә→a, ғ→g, қ→k, ң→n,
   ө→o, ұ/ү→u, і→i, as in the 2011 rules for Russian spelling of Kazakh names).
   The special letters of the Latin alphabets become ASCII (ä→a, ö→o, ü/ū→u,
   ý→u as у in the 2018 acute alphabet, ı/ï→i, ğ→g, ñ/ŋ→n, ş→sh, ç→ch,
   ə→a). Any accents left are removed
   (NFKD without combining marks, for á ǵ ń ó ú ī ė), and the table runs once
   more for Cyrillic letters that had an accent (ї ѓ ќ ў). Anything that is not
   a letter or digit becomes a space.
4. ``_Y_AS_E``: Russian-style ``ye`` becomes ``e`` at the start of a word and
   after a vowel (Yerlan = Ерлан, Bazarbayev = Базарбаев). ``yo`` becomes
   ``e`` after a consonant (Fyodorovna = Федоровна, since Russian usually
   writes ё as е).
5. ``_FOLD`` replaces the longest match, left to right:
   shch→sh, dzh/zh/dj→j (Ж is Zh in ICAO and J in the Kazakh Latin
   alphabets, Дж is J on parlam.kz), kh/gh/h→k and q→k, x→ks, y→i.
   ``sh`` and ``ch`` stay. All of h, kh, х, һ, қ, q and k become ``k``. That
   is forced by the cases we need: Ахметов = Ahmetov means х = h, and
   Қазақстан = Казахстан means қ = х.
6. Doubled letters become one (digits are left alone), and runs of spaces
   become one space.

The output of step 3 for Cyrillic is already in key form: it has no y, q, x,
and no h outside ``sh``/``ch``. So steps 4-5 only change Latin input. The
tests check this.

Sources for the letter tables are in ``shared/data/translit/PROVENANCE.md``:
the 2021 Latin alphabet (kazakh_latin_2021.csv), and the 2017, 2018, ICAO
9303, BGN/PCGN and ODNI systems and Kazakh-to-Russian name rules
(translit_variants.csv).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["search_key", "search_tokens"]

# Step 2: spellings that need the next character, applied before single letters.
_APOSTROPHES = "'’ʼ‘`´ʹ"
_PRE = {
    "tş": "ch",  # ч, 2021 alphabet
    "şş": "sh",  # щ, 2021 alphabet
    "s'": "sh",  # ш, 2017 apostrophe alphabet
    "c'": "ch",  # ч, 2017
    "y'": "u",  # у, 2017
}
_PRE_RE = re.compile(f"tş|şş|[scy][{_APOSTROPHES}]")


def _pre_sub(m: re.Match) -> str:
    text = m.group(0)
    return _PRE.get(text) or _PRE[text[0] + "'"]


# Step 3: one character -> key letters.
_CHARS = {
    # Cyrillic (Russian + Kazakh), already in key form.
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d",
    "е": "e", "ё": "e", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k",
    "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u",
    "ф": "f", "х": "k", "һ": "k", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "i", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Latin letters of the Kazakh alphabets that NFKD cannot strip correctly.
    "ä": "a", "ə": "a", "ö": "o", "ü": "u", "ū": "u", "ý": "u", "ı": "i",
    "ï": "i", "ğ": "g", "ñ": "n", "ŋ": "n", "ş": "sh", "ç": "ch",
}
_CHARS.update({ch: "" for ch in _APOSTROPHES})
_TRANS = str.maketrans(_CHARS)

# Step 4.
_Y_AS_E = re.compile(r"(?:(?<![a-z0-9])|(?<=[aeiouy]))ye|(?<=[b-df-hj-np-tv-xz])yo")

# Step 5: longest match first.
_FOLD = {
    "shch": "sh", "dzh": "j", "zh": "j", "dj": "j",
    "kh": "k", "gh": "g", "sh": "sh", "ch": "ch",
    "h": "k", "q": "k", "x": "ks", "y": "i",
}
_FOLD_RE = re.compile("|".join(sorted(_FOLD, key=len, reverse=True)))

_NON_WORD = re.compile(r"[\W_]+")
_DOUBLE = re.compile(r"([a-z])\1+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(text: str) -> str:
    """Fold a name into a key that is the same across Cyrillic and Latin spellings.

    See the module docstring for the steps. The key is lower-case ASCII a-z,
    digits and single spaces, plus any letters from other scripts unchanged.
    """
    s = unicodedata.normalize("NFKC", text).casefold()
    s = _PRE_RE.sub(_pre_sub, s)
    # Translate, strip accents, translate again: the second pass maps Cyrillic
    # base letters that were hidden under an accent (ї→і, ѓ→г, ќ→к, ў→у).
    s = _strip_marks(s.translate(_TRANS)).translate(_TRANS)
    s = _NON_WORD.sub(" ", s)
    s = _Y_AS_E.sub("e", s)
    s = _FOLD_RE.sub(lambda m: _FOLD[m.group(0)], s)
    s = _DOUBLE.sub(r"\1", s)
    return " ".join(s.split())


def search_tokens(text: str) -> list[str]:
    """Return the words of :func:`search_key`."""
    return search_key(text).split()

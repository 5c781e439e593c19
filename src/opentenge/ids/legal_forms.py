"""Legal forms of Kazakhstan organisations in Kazakh, Russian and Latin spellings.

A name in the data carries its legal form in front (Russian style: ``ТОО "Алтын Дала"``), behind
(Kazakh style, as goszakup prints it: ``"Алтын Дала" ЖШС``), spelled out (``Государственное
учреждение "…"``, ``"…" мемлекеттік мекемесі``), in Latin (``Altyn Dala LLP``, ``TOO ALTYN
DALA``), or not at all. Linking compares the name without its form and the form separately, so
that ``ЖШС`` = ``ТОО`` = ``LLP`` = ``TOO``.

Each form has a stable code (English abbreviations as used in English-language documents of
Kazakhstan; the codes are part of the ``names normalize`` output):

=====  ==============================  ==========================================
code   Russian                         Kazakh
=====  ==============================  ==========================================
LLP    ТОО                             ЖШС
LLC    ООО (foreign, Russian-style)    —
JSC    АО (also ОАО, ЗАО, ПАО)         АҚ
NJSC   НАО                             КЕАҚ
IE     ИП                              ЖК
FARM   КХ, ФХ                          ШҚ
RSE    РГП (на ПХВ)                    РМК (ШЖҚ РМК)
RSTE   РГКП, РКП                       РМҚК
SCE    ГКП, КГП (на ПХВ)               МКК (ШЖҚ МКК)
SCTE   ГККП, КГКП                      МКҚК
SI     ГУ                              ММ
MSI    КГУ                             КММ
RSI    РГУ                             РММ
PA     ОО                              ҚБ
PF     ОФ                              ҚҚ
CF     КФ                              —
PI     ЧУ                              ЖМ
PC     ПК                              ӨК
=====  ==============================  ==========================================

The spelled-out forms are the ones of the Civil Code and the goszakup registers, with Kazakh case
endings (``мекемесі``, ``серіктестігі``, ``қоғамы``, ``қоры``). A branch (``филиал``) is not a
legal form: a branch has its own BIN, so the word stays in the name.

Position rules (why): short abbreviations are also words. ``Ақ`` means "white" (``ТОО "Ақ
Жол"``), ``ЖК`` is also a residential complex, ``of`` is English. So a form is only looked for at
the edges of the part of the name that is outside the quotes (or of the whole name when there are
no quotes), and the ambiguous ones in :data:`WEAK` only when the name has quotes or when they
end an unquoted name of at least two other words.
Only the standard library is used.
"""
from __future__ import annotations

import re

__all__ = ["FORMS", "COMPATIBLE", "WEAK", "find_edge_form", "forms_compatible"]

# code -> spellings, casefolded. A spelling is a regex fragment over words; words are joined by
# any run of spaces or hyphens. Longer spellings first within a code.
FORMS: dict[str, tuple[str, ...]] = {
    "LLP": (
        "товарищество с ограниченной ответственностью",
        "жауапкершілігі шектеулі серіктестігі", "жауапкершілігі шектеулі серіктестік",
        "limited liability partnership",
        "тоо", "жшс", "too", "llp", "jşs", "jss", "zhshs", r"t\.o\.o\.?", r"l\.l\.p\.?",
    ),
    "LLC": (
        "общество с ограниченной ответственностью", "limited liability company",
        "ооо", "llc", r"ltd\.?", "limited", "gmbh",
    ),
    "NJSC": (
        "некоммерческое акционерное общество",
        "коммерциялық емес акционерлік қоғамы", "коммерциялық емес акционерлік қоғам",
        "non commercial joint stock company", "non profit joint stock company",
        "нао", "кеақ", "кеак", "njsc", "nao",
    ),
    "JSC": (
        "акционерное общество", "акционерлік қоғамы", "акционерлік қоғам",
        "joint stock company", "public joint stock company",
        "ао", "ақ", "ак", "оао", "зао", "пао", "jsc", "ojsc", "cjsc", "pjsc", "ao", "aq", "ak",
    ),
    "IE": (
        "индивидуальный предприниматель", "жеке кәсіпкер", "individual entrepreneur",
        "ип", "жк", "ip", "ie", "jk", "zhk",
    ),
    "FARM": (
        r"крестьянское \(?фермерское\)? хозяйство", "крестьянское хозяйство", "фермерское хозяйство",
        "шаруа қожалығы", "шаруа қожалық", "peasant farm", "farm enterprise",
        "кх", "фх", "шқ", "шк", "kh",
    ),
    "RSE": (
        "республиканское государственное предприятие на праве хозяйственного ведения",
        "шаруашылық жүргізу құқығындағы республикалық мемлекеттік кәсіпорны",
        "шаруашылық жүргізу құқығындағы республикалық мемлекеттік кәсіпорын",
        "республиканское государственное предприятие",
        "республикалық мемлекеттік кәсіпорны", "республикалық мемлекеттік кәсіпорын",
        "republican state enterprise on the right of economic management",
        "republican state enterprise",
        "ргп на пхв", "шжқ рмк", "шжк рмк", "ргп", "рмк", "rse on rem", "rse", "rgp", "rmk",
    ),
    "RSTE": (
        "республиканское государственное казенное предприятие",
        "республикалық мемлекеттік қазыналық кәсіпорны", "республикалық мемлекеттік қазыналық кәсіпорын",
        "republican state treasury enterprise",
        "ргкп", "ркп", "рмқк", "рмкк", "rgkp", "rmqk",
    ),
    "SCE": (
        "государственное коммунальное предприятие на праве хозяйственного ведения",
        "коммунальное государственное предприятие на праве хозяйственного ведения",
        "шаруашылық жүргізу құқығындағы мемлекеттік коммуналдық кәсіпорны",
        "шаруашылық жүргізу құқығындағы мемлекеттік коммуналдық кәсіпорын",
        "государственное коммунальное предприятие", "коммунальное государственное предприятие",
        "мемлекеттік коммуналдық кәсіпорны", "мемлекеттік коммуналдық кәсіпорын",
        "state communal enterprise on the right of economic management", "state communal enterprise",
        "гкп на пхв", "кгп на пхв", "шжқ мкк", "шжк мкк", "гкп", "кгп", "мкк", "gkp", "kgp",
    ),
    "SCTE": (
        "государственное коммунальное казенное предприятие",
        "коммунальное государственное казенное предприятие",
        "мемлекеттік коммуналдық қазыналық кәсіпорны", "мемлекеттік коммуналдық қазыналық кәсіпорын",
        "коммуналдық мемлекеттік қазыналық кәсіпорны", "коммуналдық мемлекеттік қазыналық кәсіпорын",
        "state communal treasury enterprise", "state municipal treasury enterprise",
        "гккп", "кгкп", "мкқк", "мккк", "gkkp", "kgkp", "mkqk",
    ),
    "MSI": (
        "коммунальное государственное учреждение",
        "коммуналдық мемлекеттік мекемесі", "коммуналдық мемлекеттік мекеме",
        "municipal state institution", "communal state institution",
        "кгу", "кмм", "kgu", "kmm",
    ),
    "RSI": (
        "республиканское государственное учреждение",
        "республикалық мемлекеттік мекемесі", "республикалық мемлекеттік мекеме",
        "republican state institution",
        "ргу", "рмм", "rgu", "rmm",
    ),
    "SI": (
        "государственное учреждение", "мемлекеттік мекемесі", "мемлекеттік мекеме",
        "state institution", "public institution", "government institution",
        "гу", "мм", "gu", "mm",
    ),
    "PA": (
        "общественное объединение", "қоғамдық бірлестігі", "қоғамдық бірлестік",
        "public association",
        "оо", "қб", "кб", "oo", "qb", "kb",
    ),
    "PF": (
        "общественный фонд", "қоғамдық қоры", "қоғамдық қор", "public foundation", "public fund",
        "оф", "ққ", "кк", "of", "qq", "kk",
    ),
    "CF": (
        "корпоративный фонд", "корпоративтік қоры", "корпоративтік қор", "corporate foundation",
        "corporate fund", "кф", "kf",
    ),
    "PI": (
        "частное учреждение", "жеке мекемесі", "жеке мекеме", "private institution",
        "чу", "жм",
    ),
    "PC": (
        "производственный кооператив", "өндірістік кооперативі", "өндірістік кооператив",
        "production cooperative", "пк", "өк",
    ),
}

# Spellings that are also ordinary words (see the module docstring).
WEAK: frozenset[str] = frozenset({"ақ", "ак", "ak", "aq", "жк", "jk", "zhk", "of", "kk", "кк", "ққ",
                                  "qq", "кб", "kb", "kh", "шк", "limited", "пк", "жм", "mm"})

# Forms that sources use for one another, so a difference is not evidence of two entities:
# LLP/LLC (ТОО is often translated "LLC"), the three kinds of state institution (КГУ and РГУ
# are often written just ГУ), JSC/NJSC, and the two kinds of communal enterprise.
COMPATIBLE: tuple[frozenset[str], ...] = (
    frozenset({"LLP", "LLC"}),
    frozenset({"SI", "MSI", "RSI"}),
    frozenset({"JSC", "NJSC"}),
    frozenset({"SCE", "SCTE"}),
)


def forms_compatible(a: str | None, b: str | None) -> bool:
    """True unless both forms are known and are not the same kind of legal person."""
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in COMPATIBLE)


def _fragment(spelling: str) -> str:
    # Words may be joined by spaces or hyphens ("жауапкершілігі-шектеулі" does not occur, but
    # "joint-stock" does).
    return r"[\s\-]+".join(spelling.split(" "))


# One named group per (code, strength) so ``lastgroup`` says which form matched.
_GROUPS: list[tuple[str, str, bool]] = []  # (group name, code, weak)
_ALTERNATIVES: list[str] = []
for _code, _spellings in FORMS.items():
    for _weak in (False, True):
        chosen = [s for s in _spellings if (s in WEAK) == _weak]
        if chosen:
            name = f"{_code}_{'w' if _weak else 's'}"
            _GROUPS.append((name, _code, _weak))
            _ALTERNATIVES.append(f"(?P<{name}>{'|'.join(_fragment(s) for s in chosen)})")
_ALT = "|".join(_ALTERNATIVES)
_GROUP_INFO = {name: (code, weak) for name, code, weak in _GROUPS}
_B_BEFORE = r"(?<![\w])"
_B_AFTER = r"(?![\w])"
_START_RE = re.compile(rf"^\s*{_B_BEFORE}(?:{_ALT}){_B_AFTER}[\s.,:;\-]*")
_END_RE = re.compile(rf"[\s,\-(]*{_B_BEFORE}(?:{_ALT}){_B_AFTER}[\s.)]*$")


# A quick filter before the regexes: the first (last) word of a name must be the first (last)
# word of some spelling, compared without dots, brackets and regex marks.
_PLAIN = re.compile(r"[\\.?()]")
_FIRST_WORDS = frozenset(_PLAIN.sub("", s.split(" ")[0]) for v in FORMS.values() for s in v)
_LAST_WORDS = frozenset(_PLAIN.sub("", s.split(" ")[-1]) for v in FORMS.values() for s in v)


_EDGE_PUNCT = " \t\n-,.()"


def _edge_word(part: str, at_start: bool) -> str:
    if at_start:
        words = part.lstrip(_EDGE_PUNCT).split(None, 1)
        word = words[0] if words else ""
    else:
        words = part.rstrip(_EDGE_PUNCT).rsplit(None, 1)
        word = words[-1] if words else ""
    if "-" in word:  # "Акционерное общество-…" is rare; "joint-stock": the edge part of it
        word = word.split("-")[0 if at_start else -1]
    return _PLAIN.sub("", word) if ("." in word or "(" in word or ")" in word) else word


def find_edge_form(part: str, *, at_start: bool, quoted: bool) -> tuple[str, int, int, str] | None:
    """Find a legal form at the start (or end) of ``part``, a piece of a name.

    Returns ``(code, start, end, part)``: the span to cut from ``part`` (returned unchanged), or
    None. ``quoted`` says the name has a quoted part, which makes the weak abbreviations safe to
    recognise.
    """
    if _edge_word(part, at_start).casefold() not in (_FIRST_WORDS if at_start else _LAST_WORDS):
        return None
    low = part.casefold()
    if len(low) != len(part):  # İ -> i̇, ß -> ss: fold letter by letter, one letter each
        low = "".join(ch.casefold() if len(ch.casefold()) == 1 else ch.lower()[:1] for ch in part)
    m = (_START_RE if at_start else _END_RE).search(low)
    if not m:
        return None
    code, weak = _GROUP_INFO[m.lastgroup]
    if weak and not quoted:
        # An unquoted name: "Ак" at the start is the word "white"; at the end it is a form only
        # when at least two other words stay ("Береке Строй АК").
        if at_start or len(low[: m.start()].split()) < 2:
            return None
    return code, m.start(), m.end(), part

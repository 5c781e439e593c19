"""What kind of state body an organisation is, read from its name (Russian, then Kazakh) and budget level.

Bodies are compared only with bodies of the same kind: a ministry's procurement and a rural
district akim's office's procurement differ in size and purpose, so ranking them together says
nothing. The kinds:

* ``ministry`` — «Министерство …» / «… министрлігі»;
* ``agency`` — agencies, committees (often of a ministry), their territorial departments and
  services: «Агентство», «Комитет», «Департамент», «Служба» / «агенттігі», «комитеті», «департаменті»;
* ``akimat`` — a regional, city or district akimat or akim's office: «Акимат», «Аппарат акима» /
  «әкімдігі», «әкімінің аппараты»;
* ``rural`` — the akim's office of a rural district, village or settlement (the fourth budget
  level): «Аппарат акима сельского округа / села / поселка» / «ауылдық округі әкімінің аппараты»;
* ``other`` — any other state body we know to be one (it administers a budget, develops draft
  acts, has a public council or is named in the lobbying register) but whose name fits no pattern.

The *head noun* decides: a Russian name puts it first («Комитет … Министерства финансов» is a
committee), a Kazakh name puts it last («Қаржы министрлігінің Мемлекеттік кірістер комитеті» is
a committee too). So in Russian the earliest keyword wins and in Kazakh the latest. Rural
patterns are tried before akimat ones, since «аппарат акима сельского округа» contains «аппарат акима».
A budget line of the ``rural`` level makes a body rural whatever its name says.
"""
from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

MINISTRY, AGENCY, AKIMAT, RURAL, OTHER = "ministry", "agency", "akimat", "rural", "other"
KINDS = {
    MINISTRY: _("Ministries"),
    AGENCY: _("Agencies and committees"),
    AKIMAT: _("Akimats (regional, city, district)"),
    RURAL: _("Rural district akims' offices"),
    OTHER: _("Other state bodies"),
}
# Kinds whose budget is the republican one; akimats and rural offices administer local budgets.
REPUBLICAN_KINDS = (MINISTRY, AGENCY, OTHER)

_RURAL = re.compile(
    r"аппарат\w* акима (?:сельск\w+ округ\w*|сел[аео]?\w*|поселк\w*|посёлк\w*|аула)"
    r"|ауылдық округ\w* әкім\w* аппарат\w*|ауыл\w* әкім\w* аппарат\w*|кент\w* әкім\w* аппарат\w*",
    re.IGNORECASE)
_HEADS = {
    AKIMAT: r"акимат\w*|аппарат\w* акима|әкімдіг\w*|әкім\w* аппарат\w*",
    MINISTRY: r"министерств\w*|министрліг\w*",
    AGENCY: r"агентств\w*|комитет\w*|департамент\w*|служб\w*|агенттіг\w*|қызмет\w*",
}
_HEAD = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _HEADS.items()), re.IGNORECASE)


def _head_kind(name: str, last: bool) -> str | None:
    matches = list(_HEAD.finditer(name or ""))
    if not matches:
        return None
    match = matches[-1] if last else matches[0]
    return match.lastgroup


# Commercial legal forms: a «ТОО Служба доставки» is a company, whatever its name contains.
_COMMERCIAL = re.compile(r"^\W*(?:ТОО|АО|ИП|ЖШС|АҚ|ЖК|ПК|ОО|ОФ|КФ|товарищество|акционерное|частн)\b", re.IGNORECASE)


def classify(name_ru: str = "", name_kk: str = "", levels: tuple[str, ...] | set[str] = ()) -> str | None:
    """The body's kind, or ``None`` when neither name nor budget level says it is a state body."""
    if not levels and (_COMMERCIAL.search(name_ru or "") or _COMMERCIAL.search(name_kk or "")):
        return None
    if "rural" in levels or _RURAL.search(name_ru or "") or _RURAL.search(name_kk or ""):
        return RURAL
    return _head_kind(name_ru, last=False) or _head_kind(name_kk, last=True)


def label(kind: str) -> str:
    return str(KINDS.get(kind, kind))

"""Personal data in what residents wrote: masked before it is stored, or the record refused.

Proposals are published by akimats as residents wrote them, sometimes signed with a phone number,
an e-mail or a home address so the akimat can answer. We publish what was proposed and what the
body answered, not who proposed it (docs/hearings.md):

* a **full IIN** (12 digits whose 5th digit says "person") refuses the proposal: it is quarantined
  with the number already masked, so it is not stored even in the quarantine;
* **phone numbers** (+7 / 8 and 10 digits, with any spaces, dashes or brackets), **e-mail
  addresses** and **street addresses** (ул./көшесі/пр./мкр. … with a house number, and кв./пәтер)
  are replaced by ``[phone]``, ``[e-mail]``, ``[address]``;
* a resident author's **name** is never read: only the kind of author is kept.

Patterns are deliberately wide: masking a sum that looks like a phone costs less than publishing
a phone. What they miss (a name inside the text) is listed under "Limits" in docs/hearings.md.
"""
from __future__ import annotations

import re

from opentenge.ids.kz import check_id, mask_iin

_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")
_PHONE = re.compile(r"(?<![\d\w])(?:\+\s?7|8)[\s\-(]*\d{3}[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_STREET = (r"(?:ул\.|улица|көш\.|көшесі|пр\.|пр-т|проспект|даңғылы|мкр\.?|микрорайон|шағын\s+аудан[ы]?)")
_ADDRESS = re.compile(
    rf"{_STREET}\s*[^\n,;]{{0,60}}?,?\s*(?:д\.|дом|үй)?\s*\d+[а-яa-z]?(?:\s*,?\s*(?:кв\.|квартира|пәтер)\s*\d+)?"
    rf"|(?:кв\.|квартира|пәтер)\s*\d+",
    re.IGNORECASE)


def full_iins(text: str) -> list[str]:
    """IIN-shaped numbers in ``text``, masked (``********1234``): a typo'd IIN is still most of one."""
    return [mask_iin(v) for v in _TWELVE_DIGITS.findall(text) if check_id(v).kind == "IIN"]


def mask_personal(text: str) -> tuple[str, list[str]]:
    """``text`` with phones, e-mails and street addresses replaced; and what was masked."""
    found = []
    for label, pattern, mark in (("e-mail", _EMAIL, "[e-mail]"), ("phone", _PHONE, "[phone]"),
                                 ("address", _ADDRESS, "[address]")):
        text, n = pattern.subn(mark, text)
        if n:
            found.append(label)
    return text, found


def mask_all_iins(text: str) -> str:
    """For quarantine ``raw``: every IIN-shaped number masked, so the refused text holds none."""
    return _TWELVE_DIGITS.sub(lambda m: mask_iin(m.group(0)) if check_id(m.group(0)).kind == "IIN" else m.group(0),
                              text)


# Fields a publisher may send about a resident author; never read, and dropped from quarantine copies.
AUTHOR_FIELDS = ("author", "author_name", "name", "phone", "email", "address", "iin")


def without_authors(value, *, in_proposal: bool = False):
    """A copy of a record for the quarantine: authors' identity fields dropped from every proposal."""
    if isinstance(value, dict):
        return {k: without_authors(v, in_proposal=in_proposal or k == "proposals") for k, v in value.items()
                if not (in_proposal and k in AUTHOR_FIELDS)}
    if isinstance(value, list):
        return [without_authors(v, in_proposal=in_proposal) for v in value]
    return value


def quarantine_copy(text: str) -> str:
    """Raw text kept in the quarantine: IINs, phones, e-mails and addresses masked like published text."""
    return mask_personal(mask_all_iins(text))[0]

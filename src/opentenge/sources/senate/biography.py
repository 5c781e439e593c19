"""A senator's birth date from the saved biography page ``/ru-RU/blog/<id>/biography``.

What is known of that page (STRUCTURE.md §1, **single source**: the OpenSanctions Senate crawler)
is only its wording, not its markup: the birth date follows "родился", "родилась" or "дата рождения"
within a short window, written ``<d> <month in the genitive> <yyyy>`` or ``dd.mm.yyyy``. So the whole
visible text is searched; no element is assumed. A page without any of these words is not a
biography we understand (the layout or the wording changed, or a wrong page was saved): the import
stops naming the missing words. A marker without a readable date is quarantined.

Only the Russian wording is documented; Kazakh and English biographies are refused rather than
guessed at.
"""
from __future__ import annotations

import re
from datetime import date

from opentenge.sources.senate.htmltree import Node

RU_MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
             "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
BIRTH_MARKER = re.compile(r"родил(?:ся|ась)|дата рождения", re.IGNORECASE)
MARKER_WORDS = "'родился', 'родилась' or 'дата рождения'"
TEXT_DATE = re.compile(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})", re.IGNORECASE)
NUM_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
WINDOW = 80  # characters after the marker: a birthplace may stand between the word and the date
FILE_NAME = re.compile(r"biography[^/]*?\.(\d+)\.(ru-RU|kk-KZ|en-US)\.html$")
INVISIBLE = {"script", "style", "template", "noscript"}


class NoBirthMarker(ValueError):
    """The page text has none of the words that introduce the birth date."""


def visible_text(node: Node) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag not in INVISIBLE:
            parts.append(" " + visible_text(child) + " ")
    return " ".join("".join(parts).split())


def birth_date(text: str) -> date | None:
    """The first date within ``WINDOW`` characters after the birth marker; ``None`` if unreadable.

    Raises ``NoBirthMarker`` when the text has no marker at all.
    """
    marker = BIRTH_MARKER.search(text)
    if marker is None:
        raise NoBirthMarker(MARKER_WORDS)
    window = text[marker.start():marker.start() + WINDOW]
    found = NUM_DATE.search(window)
    if found:
        day, month, year = (int(g) for g in found.groups())
    else:
        found = TEXT_DATE.search(window)
        if not found or found.group(2).lower() not in RU_MONTHS:
            return None
        day, month, year = int(found.group(1)), RU_MONTHS[found.group(2).lower()], int(found.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None

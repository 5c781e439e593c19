"""KATO territory codes and the budget level they name (docs/budget.md, "Local budgets").

The classifier of administrative-territorial objects (КАТО) gives every territory a 9-digit code
``AABBCCDDD``: region ``AA`` (an oblast or a city of republican significance), district ``BB``
(a district or a city of regional significance), rural district ``CC`` (a rural district, a town
or village of district significance) and settlement ``DDD``. Kazakhstan has four budget levels
(Budget Code, art. 3): republican, regional, district and — since 2018 for every rural district —
rural. A budget belongs to a territory down to the rural district; settlements have no budget.

So the level is read from the zero groups: ``AA0000000`` regional, ``AABB00000`` district,
``AABBCC000`` rural. A code with a non-zero settlement group, a zero region, or a non-zero lower
group under a zero higher group (``AA00CC000``) names no budget and is refused. The republican
budget has no code (empty). This is the classifier's structure, not a lookup: a code that follows
it but does not exist in the real classifier is accepted (we hold no official copy to check against).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from opentenge.budget.models import Level

KATO_DIGITS = 9
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


class KatoError(ValueError):
    """A code that names no budget territory; the message says why."""


@dataclass(frozen=True)
class Territory:
    """Whose budget: level, KATO code (empty for the republic) and the name as published."""

    level: str
    kato: str
    name: str = ""

    @property
    def region(self) -> str:
        return self.kato[:2] + "0" * 7 if self.kato else ""

    @property
    def district(self) -> str:
        return self.kato[:4] + "0" * 5 if self.level in (Level.DISTRICT, Level.RURAL) else ""


REPUBLIC = Territory(Level.REPUBLICAN, "", "")


def normalise(code) -> str:
    """The code as 9 digits; spaces are dropped, nothing else (a spreadsheet's ``751000000.0`` is refused)."""
    text = re.sub(r"\s", "", str(code if code is not None else ""))
    if not text.isdigit():
        raise KatoError(f"not a KATO code: {code!r} (9 digits AABBCCDDD expected)")
    if len(text) != KATO_DIGITS:
        raise KatoError(f"not a KATO code: {code!r} has {len(text)} digits, 9 expected (AABBCCDDD)")
    return text


def level_of(code) -> str:
    """The budget level a KATO code names, from its zero groups (module docstring)."""
    kato = normalise(code)
    region, district, rural, settlement = kato[:2], kato[2:4], kato[4:6], kato[6:]
    if region == "00":
        raise KatoError(f"KATO {kato}: region group 00 names no territory (the republican budget has no code)")
    if settlement != "000":
        raise KatoError(f"KATO {kato}: settlement {settlement} has no budget of its own; "
                        "budgets stop at the rural district (AABBCC000)")
    if district == "00":
        if rural != "00":
            raise KatoError(f"KATO {kato}: a rural district ({rural}) without a district (00)")
        return Level.REGIONAL
    return Level.DISTRICT if rural == "00" else Level.RURAL


def territory(code, name: str = "", level: str | None = None) -> Territory:
    """A checked territory; a stated ``level`` must agree with the code's."""
    kato = normalise(code)
    derived = level_of(kato)
    if level and str(level).strip().lower() != derived:
        raise KatoError(f"level {level!r} disagrees with KATO {kato}, which names a {derived} budget")
    return Territory(derived, kato, " ".join(str(name or "").split()))


def code_in_name(filename: str) -> str | None:
    """The one 9-digit number in a file name (``departmental_751000000.csv``), if exactly one."""
    found = _NINE_DIGITS.findall(filename)
    return found[0] if len(found) == 1 else None


def parents(kato: str) -> list[str]:
    """Codes of the enclosing budgets, top first: a rural district's region and district."""
    level = level_of(kato)
    out = []
    if level in (Level.DISTRICT, Level.RURAL):
        out.append(kato[:2] + "0" * 7)
    if level == Level.RURAL:
        out.append(kato[:4] + "0" * 5)
    return out

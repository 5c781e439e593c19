"""Transparency of state grant awarding: four indicators per programme (methodology: docs/civil-society.md).

Each indicator is a module with a docstring stating the rule, the data it needs, its threshold
and its known false positives, and a pure function over plain rows (so a tiny hand-made fixture
with a known answer tests it). Every result is one of three statuses, never confused:

* ``ok`` — computed, nothing above the threshold;
* ``attention`` — computed, above the threshold (a question to ask, not a finding of wrongdoing);
* ``insufficient_data`` — a field the rule needs is not published; ``reason`` says which.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

OK, ATTENTION, INSUFFICIENT = "ok", "attention", "insufficient_data"


@dataclass(frozen=True)
class Award:
    """One winner line, reduced to what the indicators read."""

    programme: str  # programme identity: operator and programme, folded
    year: int
    recipient: int | str
    amount: Decimal
    award_date: date | None = None
    registered_on: date | None = None


@dataclass(frozen=True)
class Competition:
    programme: str
    year: int
    applications: int | None
    winners: int | None


def result(code: str, status: str, value=None, *, reason: str = "", reason_code: str = "", **detail) -> dict:
    """One indicator's answer; ``reason`` (English) and ``reason_code`` say why data is insufficient."""
    return {"code": code, "status": status, "value": value, "reason": reason, "reason_code": reason_code, **detail}

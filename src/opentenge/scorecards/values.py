"""What a measure answers for one body and year: a value with its parts, or insufficient data and why.

``Value.insufficient`` is a result in its own right, as red flags' "insufficient data" is: a body
whose data cannot answer is listed apart and never ranked, because a 0 would rank it as the best
(or the worst) body for a reason that has nothing to do with the body.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# Minimum data before a measure is computed (docs/scorecards.md says why each).
MIN_CONTRACTS = 3
MIN_SNAPSHOTS = 3
MIN_DRAFTS = 3
MIN_PROPOSALS = 3


@dataclass(frozen=True)
class Value:
    value: Decimal | int | None = None
    numerator: Decimal | int | None = None
    denominator: Decimal | int | None = None
    reason_code: str = ""
    reason: str = ""

    @property
    def insufficient(self) -> bool:
        return self.value is None


def percent(part, whole) -> Decimal | None:
    """``part / whole`` in percent to 0.01, or ``None`` without a positive whole."""
    if part is None or whole is None or whole <= 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT)


def share_value(part, whole) -> Value:
    return Value(percent(part, whole), part, whole)


def lacking(code: str, reason) -> Value:
    return Value(reason_code=code, reason=str(reason))

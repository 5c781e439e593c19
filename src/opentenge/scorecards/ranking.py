"""Ranking bodies of one kind on one measure, and the optional weighted composite.

Ranks are competition ranks (1, 2, 2, 4): equal values share a rank. A body with insufficient
data is never ranked; it is listed apart with its reason.

The composite is off unless the reader gives weights. It is built from *percentile ranks*, not
raw values, because the measures have different units (percent, counts, an index up to 10 000)
and a weighted sum of raw values would be decided by whichever unit is largest. For one measure
among the n bodies that have it, a body's percentile is

    100 × (bodies worse than it + ½ × other bodies equal to it) ÷ (n − 1)

so the best body gets 100, the worst 0, ties share the midpoint; with n = 1 there is nobody to
compare with and the measure does not count for that body. The composite is Σ wᵢ·pᵢ ÷ Σ wᵢ over
the measures the body has; a body that has less than half of the total weight is insufficient.
"""
from __future__ import annotations

from decimal import Decimal

from opentenge.scorecards.values import CENT, HUNDRED, Value

MAX_WEIGHT = 10
HALF = Decimal("0.5")


def _better_first(value, better: str | None):
    return -value if better in ("higher", None) else value


def rank(values: dict[int, Value], better: str | None) -> tuple[list[tuple[int | None, int, Value]], list[tuple[int, Value]]]:
    """``(ranked, insufficient)``: ranked is ``[(rank, body id, value)]``, best first.

    A measure that does not judge (``better`` None) is ordered by value, highest first, without ranks.
    """
    have = [(body, v) for body, v in values.items() if not v.insufficient]
    have.sort(key=lambda item: (_better_first(item[1].value, better), item[0]))
    ranked, previous, position = [], None, 0
    for index, (body, v) in enumerate(have, start=1):
        if v.value != previous:
            position, previous = index, v.value
        ranked.append((position if better else None, body, v))
    lacking = sorted(((body, v) for body, v in values.items() if v.insufficient), key=lambda item: item[0])
    return ranked, lacking


def percentiles(values: dict[int, Value], better: str) -> dict[int, Decimal]:
    """Each body's percentile rank among the bodies that have the measure (see the module docstring)."""
    have = {body: v.value for body, v in values.items() if not v.insufficient}
    n = len(have)
    if n < 2:
        return {}
    out = {}
    for body, value in have.items():
        worse = sum(1 for other in have.values() if (other < value if better == "higher" else other > value))
        equal = sum(1 for other in have.values() if other == value) - 1
        out[body] = ((worse + HALF * equal) * HUNDRED / (n - 1)).quantize(CENT)
    return out


def parse_weights(params, allowed) -> dict[str, int]:
    """``w_<measure>=<0…10>`` from the query string; anything else is ignored, zero weights dropped."""
    weights = {}
    for code in allowed:
        raw = (params.get(f"w_{code}") or "").strip()
        if raw.isdigit() and 0 < int(raw) <= MAX_WEIGHT:
            weights[code] = int(raw)
    return weights


def composite(per_measure: dict[str, dict[int, Value]], weights: dict[str, int], better: dict[str, str],
              bodies: list[int]) -> tuple[list[dict], list[dict]]:
    """``(ranked, insufficient)`` composite rows: ``{"body", "score", "coverage", "percentiles", "rank"}``."""
    total = sum(weights.values())
    pct = {code: percentiles(per_measure[code], better[code]) for code in weights}
    rows, lacking = [], []
    for body in bodies:
        mine = {code: pct[code][body] for code in weights if body in pct[code]}
        covered = sum(weights[code] for code in mine)
        coverage = (Decimal(covered) * HUNDRED / total).quantize(CENT) if total else Decimal(0)
        row = {"body": body, "percentiles": mine, "coverage": coverage, "score": None, "rank": None}
        if total and covered * 2 >= total and mine:
            row["score"] = (sum(weights[c] * p for c, p in mine.items()) / covered).quantize(CENT)
            rows.append(row)
        else:
            lacking.append(row)
    rows.sort(key=lambda r: (-r["score"], r["body"]))
    previous, position = None, 0
    for index, row in enumerate(rows, start=1):
        if row["score"] != previous:
            position, previous = index, row["score"]
        row["rank"] = position
    return rows, lacking

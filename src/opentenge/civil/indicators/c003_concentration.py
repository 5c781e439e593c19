"""C003 — concentration of a programme's money among its winners (Herfindahl–Hirschman index).

Rule: for each year, HHI = Σ (100 × share of the year's money won by each recipient)², from
0 (money spread thinly) to 10 000 (one winner took everything). The programme's value is the
HHI of its latest year; every year's figure is listed.

Data: the winners' lists (year, recipient, amount); recipients identified as in C002.
Threshold: above 2 500 is ``attention`` (the "highly concentrated" level of the 2010 US
Horizontal Merger Guidelines, a common convention; 1 500–2 500 is "moderately concentrated").
Insufficient data: fewer than three awards in a year — with one or two winners the index says
only how many winners there were.
Known false positives: programmes that by design fund one large operator and a few small
projects; an index computed on a partial list (a region missing) overstates concentration.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from opentenge.civil.indicators import ATTENTION, INSUFFICIENT, OK, Award, result

CODE = "C003"
THRESHOLD = 2500
MODERATE = 1500
MIN_AWARDS = 3


def hhi(amounts: list[Decimal]) -> int:
    total = sum(amounts, Decimal(0))
    if not total:
        return 0
    value = sum(((100 * a / total) ** 2 for a in amounts), Decimal(0))
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def concentration(awards: list[Award]) -> dict:
    by_year: dict[int, dict] = defaultdict(lambda: defaultdict(Decimal))
    counts: dict[int, int] = defaultdict(int)
    for award in awards:
        by_year[award.year][award.recipient] += award.amount
        counts[award.year] += 1
    per_year = []
    for year in sorted(by_year):
        enough = counts[year] >= MIN_AWARDS
        per_year.append({"year": year, "awards": counts[year], "recipients": len(by_year[year]),
                         "hhi": hhi(list(by_year[year].values())) if enough else None})
    measured = [y for y in per_year if y["hhi"] is not None]
    if not measured:
        return result(CODE, INSUFFICIENT, reason=f"fewer than {MIN_AWARDS} awards in every year",
                      reason_code="too_few_awards", per_year=per_year)
    latest = measured[-1]
    return result(CODE, ATTENTION if latest["hhi"] > THRESHOLD else OK, latest["hhi"], year=latest["year"],
                  level="high" if latest["hhi"] > THRESHOLD else "moderate" if latest["hhi"] >= MODERATE else "low",
                  per_year=per_year)

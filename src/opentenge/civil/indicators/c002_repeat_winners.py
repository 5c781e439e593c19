"""C002 — repeat winners: share of a programme's money to organisations that won three years running.

Rule: within one programme, an organisation is a repeat winner when it won in at least three
consecutive calendar years. The value is the share of the programme's money (all years) that went
to repeat winners.

Data: the winners' lists (year, recipient, amount). Recipients are organisations as OpenTenge
identifies them: by BIN, or — for a list without BINs — by name and region (the linking layer
may later join them), so a repeat winner published once without its BIN can be missed.
Threshold: 50 % or more of the money to repeat winners is ``attention``.
Insufficient data: the programme did not make awards in three consecutive years, so nobody could
have won three years running.
Known false positives: multi-year projects funded year by year are legitimately won by the same
organisation; a programme designed for one national network has one natural winner.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from opentenge.civil.indicators import ATTENTION, INSUFFICIENT, OK, Award, result

CODE = "C002"
RUN = 3
THRESHOLD = Decimal("0.5")


def longest_run(years: set[int]) -> int:
    """The longest stretch of consecutive calendar years."""
    best = run = 0
    previous = None
    for year in sorted(years):
        run = run + 1 if previous is not None and year == previous + 1 else 1
        best, previous = max(best, run), year
    return best


def repeat_winner_share(awards: list[Award]) -> dict:
    years = sorted({a.year for a in awards})
    if longest_run(set(years)) < RUN:
        return result(CODE, INSUFFICIENT, years=years, reason_code="no_consecutive_years",
                      reason=f"the programme made awards in no {RUN} consecutive years ({', '.join(map(str, years))})")
    won: dict = defaultdict(set)
    money: dict = defaultdict(Decimal)
    for award in awards:
        won[award.recipient].add(award.year)
        money[award.recipient] += award.amount
    repeaters = [recipient for recipient, their_years in won.items() if longest_run(their_years) >= RUN]
    total = sum(money.values(), Decimal(0))
    share = (sum((money[r] for r in repeaters), Decimal(0)) / total) if total else Decimal(0)
    share = share.quantize(Decimal("0.001"), ROUND_HALF_UP)
    return result(CODE, ATTENTION if share >= THRESHOLD else OK, share, repeaters=sorted(repeaters, key=str),
                  years=years)

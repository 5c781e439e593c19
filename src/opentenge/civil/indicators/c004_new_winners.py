"""C004 — winners registered shortly before the award.

Rule: an award is counted when its recipient was registered (state registration of the legal
entity) no more than 180 days before the date of the award decision. The value is the share of
the programme's money that such awards received; a registration *after* the decision is counted
apart as a data inconsistency.

Data: the decision date (``Дата решения`` column of the winners' list) and the recipient's
registration date (the NGO database, else the goszakup participant register).
Threshold: any such award is ``attention`` — an organisation created for one competition is a
known pattern, and a reader should be able to check it.
Insufficient data: no award of the programme has both dates (the list publishes no decision date,
or the winners have no BIN and so no registration date).
Known false positives: re-registration after a reorganisation gives a new date to an old NGO;
new NGOs founded by experienced teams for a new field.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from opentenge.civil.indicators import ATTENTION, INSUFFICIENT, OK, Award, result

CODE = "C004"
WINDOW_DAYS = 180


def recently_registered(awards: list[Award]) -> dict:
    dated = [a for a in awards if a.award_date and a.registered_on]
    unknown = len(awards) - len(dated)
    if not dated:
        return result(CODE, INSUFFICIENT, reason="no award has both a decision date and a registration date",
                      reason_code="no_dates",
                      awards_without_dates=unknown)
    recent = [a for a in dated if 0 <= (a.award_date - a.registered_on).days <= WINDOW_DAYS]
    after = [a for a in dated if a.registered_on > a.award_date]
    total = sum((a.amount for a in dated), Decimal(0))
    share = (sum((a.amount for a in recent), Decimal(0)) / total if total else Decimal(0))
    return result(CODE, ATTENTION if recent else OK, share.quantize(Decimal("0.001"), ROUND_HALF_UP),
                  awards=len(recent), recipients=sorted({a.recipient for a in recent}, key=str),
                  registered_after_award=len(after), awards_without_dates=unknown, awards_checked=len(dated))

"""C001 — applications per winner.

Rule: for each year of a programme, the applications the competition received divided by its
winners (the published number of winners, else the number of distinct recipients in the winners'
list). The programme's value is the sum of applications over the sum of winners, over the years
where applications were published.

Data: the competition summary (``GrantCompetition.applications``); the winners' lists.
Threshold: fewer than 2 applications per winner is ``attention`` — most applicants won, so there
was little competition.
Insufficient data: no year of the programme has a published number of applications.
Known false positives: a programme for a narrow field (few NGOs work on it) attracts few
applicants without anything being wrong; a competition re-announced after a failed round may
publish only the second round's applications.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from opentenge.civil.indicators import ATTENTION, INSUFFICIENT, OK, Award, Competition, result

CODE = "C001"
THRESHOLD = Decimal(2)


def applications_per_winner(awards: list[Award], competitions: list[Competition]) -> dict:
    years = sorted({a.year for a in awards} | {c.year for c in competitions})
    published = {c.year: c for c in competitions}
    applications = winners = 0
    per_year, missing = [], []
    for year in years:
        competition = published.get(year)
        recipients = len({a.recipient for a in awards if a.year == year})
        if competition is None or competition.applications is None:
            missing.append(year)
            per_year.append({"year": year, "applications": None, "winners": recipients})
            continue
        won = competition.winners if competition.winners is not None else recipients
        per_year.append({"year": year, "applications": competition.applications, "winners": won})
        if won:
            applications += competition.applications
            winners += won
    if not winners:
        return result(CODE, INSUFFICIENT, reason="the number of applications is not published for any year",
                      reason_code="no_applications",
                      per_year=per_year, years_missing=missing)
    ratio = (Decimal(applications) / Decimal(winners)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return result(CODE, ATTENTION if ratio < THRESHOLD else OK, ratio, applications=applications, winners=winners,
                  per_year=per_year, years_missing=missing)

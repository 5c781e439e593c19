"""The transparency page: the four awarding indicators for every state grant programme.

A programme is one operator's competition line: the same priority area run by two akimats is two
programmes (their money, applicants and winners are separate). Awards (премии) are a programme of
their own. The indicators themselves live in :mod:`opentenge.civil.indicators`; this module only
feeds them rows from the store and names the organisations they point at.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from opentenge.civil import models as cm
from opentenge.civil.indicators import Award, Competition
from opentenge.civil.indicators.c001_applications import applications_per_winner
from opentenge.civil.indicators.c002_repeat_winners import repeat_winner_share
from opentenge.civil.indicators.c003_concentration import concentration
from opentenge.civil.indicators.c004_new_winners import recently_registered
from opentenge.ids.search import search_key
from opentenge.store import models as m
from opentenge.store import queries as sq

INDICATORS = ("C001", "C002", "C003", "C004")


def programme_id(operator: str, programme_key: str) -> str:
    return f"{search_key(operator)}|{programme_key}"


def _registration_dates() -> dict[int, object]:
    """Registration date per organisation: the NGO database first, else the organisation's own."""
    dates = dict(cm.NgoRegistration.objects.exclude(registered_on=None).values_list("organisation_id", "registered_on"))
    return dates


def programmes() -> dict:
    registered = _registration_dates()
    rows = (cm.GrantAward.objects.values("operator", "programme", "programme_key", "year", "recipient_id", "amount",
                                         "award_date", "recipient__registered_on")
            .order_by("year", "id"))
    awards: dict[str, list[Award]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for row in rows:
        key = programme_id(row["operator"], row["programme_key"])
        names.setdefault(key, (row["programme"], row["operator"]))
        awards[key].append(Award(
            programme=key, year=row["year"], recipient=row["recipient_id"], amount=row["amount"],
            award_date=row["award_date"],
            registered_on=registered.get(row["recipient_id"]) or row["recipient__registered_on"]))
    competitions: dict[str, list[Competition]] = defaultdict(list)
    for c in cm.GrantCompetition.objects.order_by("year", "id"):
        key = programme_id(c.operator, c.programme_key)
        names.setdefault(key, (c.programme, c.operator))
        competitions[key].append(Competition(key, c.year, c.applications, c.winners))
    mentioned: set[int] = set()
    out = []
    for key in sorted(names, key=lambda k: (names[k][1], names[k][0])):
        these = awards.get(key, [])
        results = {
            "C001": applications_per_winner(these, competitions.get(key, [])),
            "C002": repeat_winner_share(these),
            "C003": concentration(these),
            "C004": recently_registered(these),
        }
        for r in results.values():  # ratios and shares keep their own precision (JSON prints money with 2 places)
            if isinstance(r["value"], Decimal):
                r["value"] = str(r["value"])
        mentioned.update(results["C002"].get("repeaters", []))
        mentioned.update(results["C004"].get("recipients", []))
        out.append({"key": key, "programme": names[key][0], "operator": names[key][1],
                    "years": sorted({a.year for a in these}), "awards": len(these),
                    "recipients": len({a.recipient for a in these}),
                    "value": sum((a.amount for a in these), Decimal("0.00")), **results})
    orgs = m.Organisation.objects.in_bulk(list(mentioned))
    for row in out:
        for code, field in (("C002", "repeaters"), ("C004", "recipients")):
            if field in row[code]:
                row[code][field] = [sq.organisation_summary(orgs[i]) for i in row[code][field] if i in orgs]
    summary = {code: {status: sum(1 for r in out if r[code]["status"] == status)
                      for status in ("ok", "attention", "insufficient_data")} for code in INDICATORS}
    return {"programmes": out, "summary": summary, "indicators": list(INDICATORS)}

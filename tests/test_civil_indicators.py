"""The four awarding indicators on tiny hand-made programmes whose answers are worked out by hand."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from opentenge.civil.indicators import Award, Competition
from opentenge.civil.indicators.c001_applications import applications_per_winner
from opentenge.civil.indicators.c002_repeat_winners import repeat_winner_share
from opentenge.civil.indicators.c003_concentration import concentration, hhi
from opentenge.civil.indicators.c004_new_winners import recently_registered

D = Decimal


def award(year, recipient, amount, award_date=None, registered_on=None):
    return Award("p", year, recipient, D(amount), award_date, registered_on)


def test_c001_applications_per_winner_over_the_years_that_publish_them():
    awards = [award(2021, "a", 10), award(2021, "b", 10), award(2022, "a", 10), award(2022, "c", 10),
              award(2023, "d", 10)]
    competitions = [Competition("p", 2021, 3, None), Competition("p", 2022, 9, 3), Competition("p", 2023, None, 1)]
    r = applications_per_winner(awards, competitions)
    # 2021: 3 applications, 2 recipients in the list; 2022: 9 applications, 3 published winners; 2023 unknown
    assert r["value"] == D("2.4") and r["status"] == "ok"
    assert r["applications"] == 12 and r["winners"] == 5 and r["years_missing"] == [2023]
    low = applications_per_winner(awards[:2], [Competition("p", 2021, 3, 2)])
    assert low["value"] == D("1.5") and low["status"] == "attention"


def test_c001_is_insufficient_when_no_applications_are_published():
    r = applications_per_winner([award(2021, "a", 10)], [Competition("p", 2021, None, 1)])
    assert r["status"] == "insufficient_data" and r["value"] is None and "not published" in r["reason"]
    assert applications_per_winner([award(2021, "a", 10)], [])["status"] == "insufficient_data"


def test_c002_share_of_money_to_three_years_running():
    awards = [award(2019, "a", 100), award(2020, "a", 100), award(2021, "a", 100),  # a: three running
              award(2019, "b", 100), award(2021, "b", 100), award(2022, "b", 100),  # b: a gap in 2020
              award(2020, "c", 200)]
    r = repeat_winner_share(awards)
    # a's 300 of 800
    assert r["value"] == D("0.375") and r["status"] == "ok" and r["repeaters"] == ["a"]
    dominated = repeat_winner_share(awards + [award(2022, "a", 600)])  # a's 900 of 1400
    assert dominated["value"] == D("0.643") and dominated["status"] == "attention"


def test_c002_needs_three_consecutive_years_of_awards():
    r = repeat_winner_share([award(2019, "a", 1), award(2020, "a", 1), award(2022, "a", 1)])
    assert r["status"] == "insufficient_data" and "no 3 consecutive years" in r["reason"]


def test_c003_hhi_of_the_latest_year():
    assert hhi([D(50), D(50)]) == 5000
    assert hhi([D(1)] * 4) == 2500
    awards = [award(2021, "a", 70), award(2021, "b", 20), award(2021, "c", 10),  # 4900+400+100
              award(2022, "a", 25), award(2022, "b", 25), award(2022, "c", 25), award(2022, "d", 25),
              award(2023, "a", 100)]  # one award: not measured
    r = concentration(awards)
    assert [y["hhi"] for y in r["per_year"]] == [5400, 2500, None]
    assert r["value"] == 2500 and r["year"] == 2022 and r["status"] == "ok" and r["level"] == "moderate"
    assert concentration(awards[:3])["status"] == "attention"


def test_c003_insufficient_with_fewer_than_three_awards_a_year():
    r = concentration([award(2021, "a", 1), award(2021, "b", 1), award(2022, "a", 5)])
    assert r["status"] == "insufficient_data" and r["value"] is None


def test_c004_winners_registered_shortly_before_the_decision():
    decision = dt.date(2023, 3, 15)
    awards = [award(2023, "new", 300, decision, decision - dt.timedelta(days=180)),   # counted (edge)
              award(2023, "old", 600, decision, dt.date(2010, 5, 1)),
              award(2023, "late", 100, decision, decision + dt.timedelta(days=3)),     # after: inconsistent
              award(2023, "nodate", 500, None, dt.date(2010, 1, 1))]
    r = recently_registered(awards)
    assert r["status"] == "attention" and r["value"] == D("0.300")  # 300 of the 1000 with both dates
    assert r["recipients"] == ["new"] and r["registered_after_award"] == 1 and r["awards_without_dates"] == 1
    assert recently_registered(awards[1:2])["status"] == "ok"
    just_outside = [award(2023, "x", 1, decision, decision - dt.timedelta(days=181))]
    assert recently_registered(just_outside)["value"] == D("0.000")


def test_c004_insufficient_without_decision_dates():
    r = recently_registered([award(2023, "a", 1, None, dt.date(2020, 1, 1)), award(2023, "b", 1)])
    assert r["status"] == "insufficient_data" and r["awards_without_dates"] == 2

"""When a quarterly report is due, and whether it was filed late.

The US Lobbying Disclosure Act gives 20 days after the end of each quarter for the LD-2 report
(2 U.S.C. § 1604(a)); we use the same grace period, so "late" means the same thing a reader of
US filings expects. One constant to change if a Kazakh law ever sets another.
"""
from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta

from django.utils import timezone

GRACE_DAYS = 20


def quarter_end(year: int, quarter: int) -> date:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1–4, not {quarter!r}")
    month = quarter * 3
    return date(year, month, monthrange(year, month)[1])


def due_date(year: int, quarter: int) -> date:
    return quarter_end(year, quarter) + timedelta(days=GRACE_DAYS)


def is_late(year: int, quarter: int, submitted_at: datetime) -> bool:
    """Late when first submitted after the due day, counted in Almaty time."""
    return timezone.localtime(submitted_at).date() > due_date(year, quarter)

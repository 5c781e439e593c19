"""Budget amounts: published in thousand tenge with three decimals, stored as whole tenge.

The portal's figures are Python float text (``331109995.90000004``). The importer parses the
text with ``Decimal`` and rounds to 0.001 thousand tenge (one tenge, ROUND_HALF_UP), the precision
the portal itself reports; the rounding only ever removes binary-float noise far below a tenge.
Stored as an integer number of tenge, sums are exact on SQLite and PostgreSQL.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import models

from opentenge.store.fields import ScaledAmountField

THOUSAND = Decimal(1000)
TENGE_IN_THOUSANDS = Decimal("0.001")


def round_published(value: Decimal) -> Decimal:
    """Round a published thousand-tenge figure to one tenge (0.001), half up."""
    return value.quantize(TENGE_IN_THOUSANDS, rounding=ROUND_HALF_UP)


class KiloTengeField(ScaledAmountField):
    description = "An amount in thousand tenge (3 decimals), stored as integer tenge"
    SCALE, QUANTUM, ROUNDING = THOUSAND, TENGE_IN_THOUSANDS, ROUND_HALF_UP

    def __init__(self, *args, **kwargs):
        # A nullable amount (a derived monthly flow) means "unknown" when absent, never zero.
        if not kwargs.get("null"):
            kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)


PERCENT_PLACES = Decimal("1e-10")
PERCENT_LIMIT = Decimal("1e13")  # 14 integer digits fit in max_digits=24 with 10 decimals


def round_percent(value: Decimal) -> Decimal | None:
    """A published percentage rounded to 10 decimals; ``None`` when it cannot be stored.

    The portal divides by tiny plans and can publish percentages beyond any sense; the figure
    is derived (``sumrg / plgp * 100``) and can be recomputed from the amounts, so an absurd
    value is dropped rather than the whole row.
    """
    if not value.is_finite() or abs(value) >= PERCENT_LIMIT:
        return None
    return value.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


class PercentField(models.DecimalField):
    """A published percentage (may arrive as ``5.27e-06``), kept to 10 decimals; not money."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 24)
        kwargs.setdefault("decimal_places", 10)
        super().__init__(*args, **kwargs)

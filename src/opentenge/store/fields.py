"""Money columns stored as whole tiyn (1 tenge = 100 tiyn) in a 64-bit integer.

SQLite has no decimal type: a ``DecimalField`` there is stored as a float, and ``SUM`` over a
million contracts drifts by tiyn. Integers add up exactly on every engine, so money is stored as
tiyn and handed to Python as ``Decimal`` tenge with two places, in rows and in aggregates alike.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from django.core.exceptions import ValidationError
from django.db import models

TIYN = Decimal(100)
CENT = Decimal("0.01")


class ScaledAmountField(models.BigIntegerField):
    """A decimal amount kept as a whole number of its smallest published unit.

    Subclasses say how many stored units make one displayed unit (``SCALE``), the precision of
    the displayed value (``QUANTUM``) and how a finer value is rounded (``ROUNDING``).
    """

    SCALE: Decimal
    QUANTUM: Decimal
    ROUNDING: str

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"{type(self).__name__} takes Decimal, int or str, never float")
        amount = value if isinstance(value, Decimal) else Decimal(value)
        return int((amount.quantize(self.QUANTUM, rounding=self.ROUNDING) * self.SCALE)
                   .to_integral_value(rounding=self.ROUNDING))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return (Decimal(value) / self.SCALE).quantize(self.QUANTUM)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value)).quantize(self.QUANTUM, rounding=self.ROUNDING)
        except ArithmeticError as exc:
            raise ValidationError(f"not an amount: {value!r}") from exc


class TengeField(ScaledAmountField):
    description = "An amount in tenge, stored as integer tiyn"
    SCALE, QUANTUM, ROUNDING = TIYN, CENT, ROUND_HALF_EVEN

    def formfield(self, **kwargs):
        from django import forms

        return forms.DecimalField(decimal_places=2, **kwargs)

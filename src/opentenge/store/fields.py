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


class TengeField(models.BigIntegerField):
    description = "An amount in tenge, stored as integer tiyn"

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("TengeField takes Decimal, int or str tenge, never float")
        amount = Decimal(value) if not isinstance(value, Decimal) else value
        return int((amount * TIYN).to_integral_value(rounding=ROUND_HALF_EVEN))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return (Decimal(value) / TIYN).quantize(CENT)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value)).quantize(CENT)
        except ArithmeticError as exc:
            raise ValidationError(f"not an amount: {value!r}") from exc

    def formfield(self, **kwargs):
        from django import forms

        return forms.DecimalField(decimal_places=2, **kwargs)

"""Template helpers of the scorecard pages: a measure's value in its unit, in the page's language."""
from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import get_language

register = template.Library()
THIN = "\u202f"


@register.filter
def measure_value(value, unit: str = "percent") -> str:
    """``Decimal('12.50')`` → ``12,5 %`` (kk/ru) or ``12.5 %`` (en); counts as whole numbers; none as —."""
    if value is None or value == "":
        return "—"
    number = Decimal(value)
    places = 0 if unit == "count" or number == number.to_integral_value() else 2
    text = f"{number:,.{places}f}".rstrip("0").rstrip(".") if places else f"{number:,.0f}"
    text = text.replace(",", THIN)
    if get_language() in {"kk", "ru"}:
        text = text.replace(".", ",")
    return f"{text}{THIN}%" if unit == "percent" else text


@register.filter
def plain_number(value) -> str:
    """A numerator or denominator as published: grouped digits, no trailing zeros, — for none."""
    if value is None or value == "":
        return "—"
    return measure_value(value, "number")


@register.filter
def weight_of(weights: dict, code: str):
    return (weights or {}).get(code, "")

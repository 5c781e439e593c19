"""``{% correction_notices kind key data as notices %}``: the notices an entity page shows under its heading.

Pages whose query function applies corrections (organisation, contract, person, party) already
carry them in ``data["corrections"]``; for the other kinds the tag reads the active corrections.
"""
from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def correction_notices(kind, key, data=None) -> list[dict]:
    if isinstance(data, dict) and isinstance(data.get("corrections"), list):
        return data["corrections"]
    if not kind or key in (None, ""):
        return []
    from opentenge.corrections.fields import KINDS
    from opentenge.corrections.overrides import active_corrections, notice

    if kind not in KINDS:
        return []
    return [notice(c) for c in active_corrections(kind, str(key))]


@register.filter
def is_web_address(value) -> bool:
    return str(value or "").lower().startswith(("http://", "https://"))


@register.simple_tag
def report_error_url(kind, key) -> str:
    """The report form's address, or "" when the key cannot be in one (the page must never break over it)."""
    from django.urls import NoReverseMatch, reverse

    if not kind or key in (None, ""):
        return ""
    try:
        return reverse("corrections-report", args=[kind, key])
    except NoReverseMatch:
        return ""

"""Budget figures for people: thousand tenge shown as tenge, percentages, periods, view names.

The source publishes thousand tenge; pages show tenge (``9,6 трлн ₸``) with the exact figure in a
tooltip, while JSON, CSV and the API keep the source unit and say so.
"""
from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

from opentenge.web.templatetags.opentenge import _group, tenge, tenge_short

register = template.Library()
THOUSAND = Decimal(1000)

VIEW_LABELS = {
    "departmental": _("By administrator"),
    "functional": _("By function"),
    "economic": _("By economic category"),
    "programme": _("Full report"),
    "investments": _("Priority investments"),
}
VIEW_DESCRIPTIONS = {
    "departmental": _("Every budget administrator (ministry, agency, court) with its whole budget."),
    "functional": _("Spending by functional group: education, health, defence and so on."),
    "economic": _("Spending by economic category: wages, goods and services, transfers, capital."),
    "programme": _("The full execution report: revenue, spending by functional group and administrator, "
                   "lending, financial assets and financing."),
    "investments": _("Priority investment projects by administrator, budget programme and sub-programme "
                     "or source of financing."),
}
MEASURE_LABELS = {
    "plg": _("adjusted plan"),
    "sumrg": _("executed"),
    "utv": _("approved"),
}
RELATION_LABELS = {  # opentenge.budget.models.Relation
    "self": _("the administrator itself"),
    "subordinate": _("subordinate body"),
}
UNIT_KIND_LABELS = {
    "administrator": _("Administrator"),
    "group": _("Functional group"),
    "category": _("Economic category"),
}
NOTE_LABELS = {  # month notes of opentenge.budget.flows that the ranking flags
    "reattributed": _("figures moved away to other administrators during the year"),
    "new-line": _("a new administrator: its first month carries figures moved from others"),
}


def _kilo(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(value) * THOUSAND


@register.filter
def ktenge_short(value) -> str:
    """Thousand tenge → ``1,2 млрд ₸``."""
    amount = _kilo(value)
    return "—" if amount is None else tenge_short(amount)


@register.filter
def ktenge(value) -> str:
    """Thousand tenge → the exact figure in tenge: ``9 580 073 281 653 ₸``."""
    amount = _kilo(value)
    return "—" if amount is None else tenge(amount)


@register.filter
def pct(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{_group(Decimal(value), 1)}\u202f%"


@register.filter
def share_pct(value) -> str:
    """A small share stays visible: ``0.0042`` → ``0,0042 %``; zero is ``0 %``."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    if value == 0:
        return "0\u202f%"
    places = 1 if abs(value) >= 1 else (2 if abs(value) >= Decimal("0.01") else 4)
    return f"{_group(value, places)}\u202f%"


@register.filter
def period_label(value) -> str:
    """``2023-12`` → ``12.2023`` (the portal's own notation, the same in every language)."""
    if not value:
        return "—"
    text = str(value)
    return f"{text[5:7]}.{text[:4]}" if len(text) >= 7 else text


@register.filter
def view_label(view) -> str:
    return str(VIEW_LABELS.get(view, view))


@register.filter
def view_description(view) -> str:
    return str(VIEW_DESCRIPTIONS.get(view, ""))


@register.filter
def measure_label(measure) -> str:
    return str(MEASURE_LABELS.get(measure, measure))


@register.filter
def relation_label(relation) -> str:
    return str(RELATION_LABELS.get(relation, relation or ""))


@register.filter
def unit_kind_label(kind) -> str:
    return str(UNIT_KIND_LABELS.get(kind, kind))


@register.filter
def note_label(note) -> str:
    return str(NOTE_LABELS.get(note, note or ""))


@register.filter
def bar_width(value) -> str:
    """A percentage as a CSS width, clamped to 0–100 (over-execution still fills the bar)."""
    if value is None or value == "":
        return "0"
    return f"{max(Decimal(0), min(Decimal(100), Decimal(value))):.1f}"

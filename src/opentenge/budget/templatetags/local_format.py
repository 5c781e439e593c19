"""Labels of the local-budget pages: levels, hearing answers and kinds of author, in the page's language."""
from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

LEVELS = {"regional": _("Regional budget"), "district": _("District budget"), "rural": _("Rural district budget")}
ANSWERS = {"accepted": _("Accepted"), "partly": _("Partly accepted"), "rejected": _("Rejected")}
AUTHORS = {"resident": _("Resident"), "ngo": _("NGO"), "business": _("Business"), "deputy": _("Maslikhat deputy"),
           "other": _("Other")}
MASKED = {"phone": _("phone"), "e-mail": _("e-mail"), "address": _("address")}


@register.filter
def level_label(value) -> str:
    return LEVELS.get(value, value)


@register.filter
def answer_label(value) -> str:
    return ANSWERS.get(value, value)


@register.filter
def author_label(value) -> str:
    return AUTHORS.get(value, value)


@register.filter
def masked_label(value) -> str:
    return ", ".join(str(MASKED.get(v, v)) for v in str(value or "").split(",") if v)


"""Template helpers of the civil-society pages: labels of kinds, regions, countries, indicator results."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.translation import get_language, gettext, gettext_lazy as _, pgettext_lazy

register = template.Library()

KIND_LABELS = {
    "social_order": _("State social order"),
    "state_grants": _("State grants and awards"),
    "foreign": _("Foreign sources"),
    "procurement": _("Other procurement contracts"),
}
TYPE_LABELS = {"grant": _("State grant"), "award": pgettext_lazy("NGO award", "Award"), "foreign": _("Foreign source")}
STATUS_LABELS = {"ok": _("below the threshold"), "attention": _("for attention"),
                 "insufficient_data": _("insufficient data")}
KIND_COLOURS = {"social_order": "#0f6e7a", "state_grants": "#c27c0e", "foreign": "#6b4fa1", "procurement": "#8a9aa6"}


@register.filter
def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@register.filter
def type_label(kind: str) -> str:
    return str(TYPE_LABELS.get(kind, kind))


@register.filter
def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@register.filter
def reason_label(result: dict) -> str:
    """Why an indicator has insufficient data, in the page's language."""
    code = result.get("reason_code")
    if code == "no_applications":
        return gettext("the number of applications is not published for any year")
    if code == "no_consecutive_years":
        years = ", ".join(str(y) for y in result.get("years", []))
        return gettext("no awards in three consecutive years (awards in: %(years)s)") % {"years": years}
    if code == "too_few_awards":
        return gettext("fewer than three awards in every year")
    if code == "no_dates":
        return gettext("no award has both a decision date and a registration date")
    return result.get("reason", "")


@register.filter
def names_label(names: dict | None, fallback: str = "") -> str:
    """A region's or country's name in the page's language, else the text as published."""
    if not names:
        return fallback or "—"
    return names.get(get_language()) or names.get("ru") or fallback


@register.filter
def percent(value) -> str:
    """``0.4567`` → ``45.7 %`` (a share), with the page's decimal mark."""
    if value is None or value == "":
        return "—"
    number = (Decimal(value) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = f"{number}"
    return (text.replace(".", ",") if get_language() in {"kk", "ru"} else text) + "\u202f%"


@register.filter
def decimal_mark(value) -> str:
    if value is None or value == "":
        return "—"
    text = str(value)
    return text.replace(".", ",") if get_language() in {"kk", "ru"} else text


@register.simple_tag
def chart_series() -> list[dict]:
    """The stacked chart's series, in order, with translated names and fixed colours."""
    return [{"key": k, "name": str(KIND_LABELS[k]), "colour": KIND_COLOURS[k]} for k in KIND_LABELS]


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (sort, page)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def sort_toggle(context, column: str) -> str:
    """The query string that sorts by ``column``: descending first, then ascending; back to page 1."""
    request = context["request"]
    params = request.GET.copy()
    params.pop("page", None)
    current = params.get("sort", "-amount")
    params["sort"] = column if current == f"-{column}" else f"-{column}"
    return params.urlencode()

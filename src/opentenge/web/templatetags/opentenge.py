"""Template helpers: money in tenge, names in the page's language, language-switch links."""
from __future__ import annotations

from decimal import Decimal

from django import template
from django.urls import translate_url
from django.utils.translation import get_language, gettext as _

register = template.Library()
THIN = "\u202f"


def _group(value: Decimal, places: int = 0) -> str:
    text = f"{value:,.{places}f}"
    return text.replace(",", THIN).replace(".", "," if get_language() in {"kk", "ru"} else ".")


@register.filter
def tenge(value) -> str:
    """``830112512.00`` → ``830 112 512 ₸`` (tiyn shown only when there are any)."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return f"{_group(value, places)}{THIN}₸"


@register.filter
def tenge_short(value) -> str:
    """Large sums for cards and charts: ``1,2 млрд ₸`` / ``1.2 bn ₸``."""
    if value is None:
        return "—"
    value = Decimal(value)
    for size, unit in ((Decimal(10) ** 12, _("trn")), (Decimal(10) ** 9, _("bn")), (Decimal(10) ** 6, _("m")),
                       (Decimal(10) ** 3, _("k"))):
        if abs(value) >= size:
            return f"{_group(value / size, 1)}{THIN}{unit}{THIN}₸"
    return tenge(value)


@register.filter
def name_in_language(entity: dict | None, field: str = "name") -> str:
    """The value in the page's language when the source has it, else the other one."""
    if not entity:
        return ""
    kk, ru = entity.get(f"{field}_kk") or "", entity.get(f"{field}_ru") or ""
    return (kk or ru) if get_language() == "kk" else (ru or kk)


@register.filter
def method_label(method: dict | None) -> str:
    if not method:
        return "—"
    return method.get(get_language()) or method.get("ru") or "—"


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    request = context["request"]
    return translate_url(request.get_full_path(), code)


@register.simple_tag(takes_context=True)
def sort_link(context, column: str) -> str:
    """The sort value a column header toggles to."""
    current = context.get("table", {}).get("sort", "-date")
    return column if current == f"-{column}" else f"-{column}"


@register.simple_tag(takes_context=True)
def json_twin(context) -> str:
    """``?…&format=json`` for this page: the page's own query kept (a bare ``?format=json`` would
    drop it, and a page like an official's meeting log needs its ``name``)."""
    request = context.get("request")
    if request is None:
        return "?format=json"
    query = request.GET.copy()
    query["format"] = "json"
    return "?" + query.urlencode()

"""``{% watch_of kind key as w %}``: the signed-in user's watch of a thing (or None); ``{% watch_feed_url %}``."""
from __future__ import annotations

from django import template
from django.urls import NoReverseMatch

from opentenge.watch import views, watching

register = template.Library()


@register.simple_tag(takes_context=True)
def watch_of(context, kind, key):
    request = context.get("request")
    user = getattr(request, "user", None)
    return watching.watch_of(user, str(kind or ""), str(key or "")) if user is not None else None


@register.simple_tag
def watch_feed_url(kind, key) -> str:
    try:
        return views.feed_url(str(kind), key)
    except NoReverseMatch:
        return ""

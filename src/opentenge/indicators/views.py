"""Thin views over ``opentenge.indicators.queries``: each page has a ``.json`` twin."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from opentenge.indicators import queries as iq
from opentenge.store.queries import NotFound
from opentenge.web.views import respond


def _year(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def flags(request: HttpRequest, format: str | None = None) -> HttpResponse:
    try:
        data = iq.explorer(request.GET.get("code", ""), _year(request.GET.get("year")))
    except NotFound as exc:
        raise Http404(str(exc))
    data["methods"] = [{"code": i["code"], "title": i["title"]} for i in iq.indicator_list()]
    return respond(request, "indicators/flags.html", data, format)


def flag_method(request: HttpRequest, code: str, format: str | None = None) -> HttpResponse:
    try:
        data = iq.indicator_method(code)
    except NotFound as exc:
        raise Http404(str(exc))
    return respond(request, "indicators/method.html", data, format)

"""Thin views: each calls one function in ``opentenge.store.queries`` and renders it twice.

``?format=json`` or the ``.json`` address returns exactly the data the template received
(the Datasette rule: every page has a JSON twin from the same query).
"""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from opentenge.store import queries as q
from opentenge.web import panels
from opentenge.web.jsonencoder import OpenTengeJSONEncoder


def _wants_json(request: HttpRequest, format: str | None) -> bool:
    return format == "json" or request.GET.get("format") == "json"


def respond(request: HttpRequest, template: str, data: dict, format: str | None = None, status: int = 200,
             **context) -> HttpResponse:
    """Render ``template`` with ``data``, or ``data`` itself as JSON; every app's pages use this."""
    if _wants_json(request, format):
        return JsonResponse(data, encoder=OpenTengeJSONEncoder, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return render(request, template, {"data": data, **context}, status=status)


def home(request: HttpRequest, format: str | None = None) -> HttpResponse:
    return respond(request, "opentenge/home.html", q.overview(), format)


def search(request: HttpRequest, format: str | None = None) -> HttpResponse:
    query = request.GET.get("q", "")
    try:
        data = q.search_organisations(query, cursor=request.GET.get("cursor"), limit=request.GET.get("limit"))
    except q.BadCursor as exc:
        return respond(request, "opentenge/search.html", {"query": query, "items": [], "error": str(exc)},
                        format, status=400)
    if request.headers.get("HX-Request") and not _wants_json(request, format):
        return render(request, "opentenge/_search_results.html", {"data": data})
    return respond(request, "opentenge/search.html", data, format)


def organisation(request: HttpRequest, slug: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.organisation_detail(slug)
        tables = {role: q.organisation_contracts(slug, role, sort=request.GET.get("sort", "-date"),
                                                 page=_int(request.GET.get("page")))
                  for role in ("buyer", "supplier")}
    except q.NotFound:
        raise Http404(slug)
    data["contracts"] = tables
    shown = panels.collect(data)
    for panel in shown:
        data[panel["key"]] = panel["data"]
    return respond(request, "opentenge/organisation.html", data, format, panels=shown)


def organisation_contracts(request: HttpRequest, slug: str, role: str) -> HttpResponse:
    """The contracts table alone, for htmx sorting and paging without a page reload."""
    try:
        table = q.organisation_contracts(slug, role, sort=request.GET.get("sort", "-date"),
                                         page=_int(request.GET.get("page")))
    except (q.NotFound, ValueError):
        raise Http404(slug)
    if _wants_json(request, None):
        return JsonResponse(table, encoder=OpenTengeJSONEncoder, json_dumps_params={"ensure_ascii": False})
    return render(request, "opentenge/_contracts_table.html", {"table": table, "slug": slug})


def contract(request: HttpRequest, gz_id: int, format: str | None = None) -> HttpResponse:
    try:
        data = q.contract_detail(gz_id)
    except q.NotFound:
        raise Http404(str(gz_id))
    from opentenge.indicators.queries import contract_flags  # red flags, with their method links

    data["flags"] = contract_flags(gz_id)
    return respond(request, "opentenge/contract.html", data, format)


def quarantine(request: HttpRequest, format: str | None = None) -> HttpResponse:
    try:
        data = q.quarantine_list(cursor=request.GET.get("cursor"), limit=request.GET.get("limit"))
    except q.BadCursor as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return respond(request, "opentenge/quarantine.html", data, format)


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "opentenge/about.html", {"lang": get_language()})


def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if request.GET.get("format") == "json" or request.path.endswith(".json"):
        return JsonResponse({"error": "not found", "path": request.path}, status=404)
    return render(request, "opentenge/404.html", {}, status=404)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1

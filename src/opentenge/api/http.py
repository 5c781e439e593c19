"""HTTP conventions of ``/api/v1`` that hold for every router: ETags, CORS, rate limits, problem+json.

Applied once, as a middleware on the ``/api/v1/`` prefix and as the NinjaAPI's exception handlers,
so each app's router (budget, civil, politics, …) gets them without knowing they exist, and a new
router cannot forget them.

- ETag: a strong validator (a hash of the exact body); ``If-None-Match`` answers ``304`` with no body,
  so a client polling an unchanged list pays for headers only. ``Cache-Control: public, max-age=60``
  on successful reads: the data changes at ingest time, not by the second.
- CORS: the API is read-only and public, so any origin may read it (``*``) and no credentials are
  ever accepted; preflight ``OPTIONS`` is answered here, before any view runs.
- Rate limits: a fixed one-minute window per client address (or per API key), counted with
  ``cache.incr`` in Django's cache, which is Redis in production (``OPENTENGE_REDIS_URL``), so the
  limit holds across every gunicorn worker. Over the limit: ``429`` with ``Retry-After``.
- Errors: RFC 9457 ``application/problem+json`` bodies (type, title, status, detail, instance),
  including Django's own 404/405 for unknown paths under the prefix.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import time
from http import HTTPStatus

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from opentenge.web.counters import client_address, increment

PREFIX = "/api/v1/"
PROBLEM = "application/problem+json"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
WINDOW = 60  # seconds: limits are "per minute"
clock = time.time  # the rate-limit clock; tests pin it so a window cannot roll over mid-test
EXPOSED = "ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset"


def _titles() -> dict[int, str]:
    """Titles per status, looked up at call time so they follow the request's language."""
    return {
        400: _("Bad request"),
        401: _("Unknown API key"),
        404: _("Not found"),
        405: _("Method not allowed"),
        422: _("Invalid parameters"),
        429: _("Too many requests"),
        500: _("Server error"),
    }


def problem(request: HttpRequest, status: int, detail: str = "", **extra) -> HttpResponse:
    """An RFC 9457 problem document. ``type`` is ``about:blank``: the status code says it all."""
    title = _titles().get(status) or HTTPStatus(status).phrase
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail or title,
            "instance": request.get_full_path(), **extra}
    return HttpResponse(json.dumps(body, ensure_ascii=False, default=str), status=status, content_type=PROBLEM)


# ---- exception handlers, installed on the NinjaAPI by install_handlers() --------------------------

def install_handlers(api) -> None:
    """Replace django-ninja's ``{"detail": …}`` errors with problem+json for every router."""
    from django.http import Http404
    from ninja.errors import HttpError, ValidationError

    def http_error(request, exc: HttpError):
        return problem(request, exc.status_code, str(exc.message))

    def validation_error(request, exc: ValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors]
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return problem(request, 422, detail, errors=errors)

    def not_found(request, exc):
        return problem(request, 404, str(exc) if str(exc) else "")

    def server_error(request, exc):
        # Logged like any Django 500, but the client gets a problem document, never a traceback.
        import logging

        logging.getLogger("django.request").error("API error on %s", request.path, exc_info=exc)
        return problem(request, 500, _("Server error"))

    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Exception, server_error)


# ---- rate limiting -----------------------------------------------------------------------------

def api_keys() -> dict[str, int]:
    """``OPENTENGE_API_KEYS``: ``key:limit`` pairs, comma-separated; a key without a limit gets 10×."""
    raw = getattr(settings, "OPENTENGE_API_KEYS", "") or ""
    if isinstance(raw, dict):
        return {str(k): int(v) for k, v in raw.items()}
    keys: dict[str, int] = {}
    for pair in str(raw).split(","):
        key, _sep, limit = pair.strip().partition(":")
        if key:
            keys[key] = int(limit) if limit.strip().isdigit() else 10 * anonymous_limit()
    return keys


def anonymous_limit() -> int:
    return int(getattr(settings, "OPENTENGE_API_RATE_LIMIT", 120))


def _counter_key(ident: str, window: int) -> str:
    # Hash the identity: neither API keys nor addresses end up readable in Redis key names.
    return f"api-rate:{hashlib.sha256(ident.encode()).hexdigest()[:24]}:{window}"


def count_request(ident: str, now: float | None = None) -> tuple[int, int]:
    """Count one request for ``ident`` in the current window; return (count, seconds left)."""
    now = clock() if now is None else now
    window = int(now // WINDOW)
    key = _counter_key(ident, window)
    count = increment(key, WINDOW + 5, caches[getattr(settings, "OPENTENGE_API_CACHE", "default")])
    return count, max(1, math.ceil((window + 1) * WINDOW - now))


# ---- the middleware ----------------------------------------------------------------------------

def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED
    return response


def _etag(content: bytes) -> str:
    return f'"{hashlib.sha256(content).hexdigest()[:40]}"'


def _matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 weak comparison, as ``If-None-Match`` requires: ``W/`` prefixes are ignored."""
    if if_none_match.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in wanted


class ApiHttpMiddleware:
    """Everything under ``/api/v1/``; the rest of the site passes through untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return self._preflight()

        address = f"addr:{client_address(request)}"
        key = request.headers.get("X-API-Key", "").strip()
        keys = api_keys() if key else {}
        if key and key in keys:
            ident, limit = f"key:{key}", keys[key]
        else:  # anonymous, or a key we did not issue: the address pays, so keys cannot be guessed for free
            ident, limit = address, anonymous_limit()
        count, reset = count_request(ident)
        if key and key not in keys and count <= limit:
            response = problem(request, 401, _("The X-API-Key header names no key we issued. Leave it out "
                                               "to use the anonymous limit."))
            response["WWW-Authenticate"] = 'ApiKey header="X-API-Key"'
            return _cors(response)
        if count > limit:
            response = problem(request, 429, _("Rate limit of %(limit)s requests per minute exceeded; retry "
                                               "after %(seconds)s seconds.") % {"limit": limit, "seconds": reset})
            response["Retry-After"] = str(reset)
        else:
            response = self._view(request)
        response["RateLimit-Limit"] = str(limit)
        response["RateLimit-Remaining"] = str(max(0, limit - count))
        response["RateLimit-Reset"] = str(reset)
        return _cors(response) if request.method in READ_METHODS else response

    def _view(self, request: HttpRequest) -> HttpResponse:
        repeated = sorted(name for name, values in request.GET.lists() if len(values) > 1)
        if repeated:  # no operation takes a list; Django would silently keep the last value
            return problem(request, 422, _("The query parameter %(name)s is given more than once; give each "
                                           "parameter once.") % {"name": repeated[0]})
        allowed = query_parameters(request.path)
        unknown = sorted(set(request.GET) - allowed) if allowed is not None else []
        if unknown:  # a misspelt filter would otherwise be ignored and the answer look unfiltered
            return problem(request, 422, _("Unknown query parameter %(name)s; this address takes: %(allowed)s.")
                           % {"name": unknown[0], "allowed": ", ".join(sorted(allowed)) or "—"})
        head = request.method == "HEAD"
        if head:  # the API's operations are GETs; HEAD is a GET without the body
            request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            if head:
                request.method = "HEAD"
        response = self._problem_for_django_errors(request, response)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            etag = _etag(response.content)
            response["ETag"] = etag
            response["Cache-Control"] = "public, max-age=60"
            if _matches(request.headers.get("If-None-Match", ""), etag):
                not_modified = HttpResponse(status=304)
                for header in ("ETag", "Cache-Control", "Vary"):
                    if header in response:
                        not_modified[header] = response[header]
                return not_modified
            if head:
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        return response

    @staticmethod
    def _problem_for_django_errors(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Errors that bypassed the exception handlers become problems too.

        Django's own 404 (unknown path) is HTML, ninja's 405 is empty, and a router that returns
        ``404, {"detail": …}`` itself gives plain JSON: all are rewritten, keeping the detail.
        """
        content_type = response.get("Content-Type", "")
        if response.status_code < 400 or response.streaming or content_type.startswith(PROBLEM):
            return response
        detail = ""
        if content_type.startswith("application/json"):
            try:
                body = json.loads(response.content)
            except ValueError:
                body = None
            if isinstance(body, dict) and isinstance(body.get("detail"), str):
                detail = body["detail"]
        converted = problem(request, response.status_code, detail)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                converted[header] = response[header]
        return converted

    @staticmethod
    def _preflight() -> HttpResponse:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response["Access-Control-Allow-Headers"] = "If-None-Match, X-API-Key, Accept, Accept-Language"
        response["Access-Control-Max-Age"] = "86400"
        response["Allow"] = ", ".join(READ_METHODS)
        return _cors(response)


# ---- OpenAPI ------------------------------------------------------------------------------------

PROBLEM_SCHEMA = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"},
                   "description": "422 only: each invalid parameter, with its location and message"},
    },
}
ERROR_STATUSES = {
    "400": "Bad request (e.g. a cursor that is not ours)",
    "401": "Unknown X-API-Key",
    "404": "No such entity",
    "422": "Invalid parameters",
    "429": "Rate limit exceeded; see Retry-After",
    "500": "Server error",
}


_QUERY_PARAMETERS: list[tuple["re.Pattern", frozenset]] | None = None


def query_parameters(path: str) -> frozenset | None:
    """The query parameters the GET operation at ``path`` declares, from the OpenAPI document.

    ``None`` when no operation matches (Django answers 404 then). Read once per process, with paths
    relative to the API's root, so the table does not depend on the URL prefix the first request
    happened to be resolved under.
    """
    global _QUERY_PARAMETERS
    if _QUERY_PARAMETERS is None:
        from opentenge.api.routes import api

        table = []
        for template, item in api.get_openapi_schema(path_prefix="")["paths"].items():
            operation = item.get("get")
            if not operation:
                continue
            pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
            names = frozenset(p["name"] for p in operation.get("parameters", []) if p.get("in") == "query")
            table.append((pattern, names))
        # literal segments before parameters: /budget/administrators before /budget/{x}
        table.sort(key=lambda entry: entry[0].pattern.count("[^/]+"))
        _QUERY_PARAMETERS = table
    relative = path[len(PREFIX) - 1:] if path.startswith(PREFIX) else path
    for pattern, names in _QUERY_PARAMETERS:
        if pattern.match(relative):
            return names
    return None


def document_conventions(schema: dict) -> dict:
    """Declare, on every operation, the answers the middleware and handlers may give.

    The views' own decorators only know their 200 body; without this, the 304, 401, 404, 429 and
    problem+json bodies would be undocumented and a client generator (or schemathesis) would
    rightly call them violations.
    """
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem_ref = {"content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    rate_headers = {
        "RateLimit-Limit": {"schema": {"type": "integer"}, "description": "requests allowed per minute"},
        "RateLimit-Remaining": {"schema": {"type": "integer"}, "description": "requests left this minute"},
    }
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "head") or not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            for code in [c for c in responses if not isinstance(c, str)]:
                # a router's ``response={404: …}`` gives an int key; with our "404" the JSON would
                # carry the key twice, which Swagger UI's parser rejects (no operations shown)
                responses.setdefault(str(code), {}).update(responses.pop(code))
            for status, description in ERROR_STATUSES.items():
                # a router's own error declaration keeps its description; the body is always a problem
                responses.setdefault(status, {"description": description}).update(problem_ref)
            responses.setdefault("304", {"description": "Not modified (If-None-Match matched the ETag)"})
            ok = responses.get("200")
            if isinstance(ok, dict):
                ok.setdefault("headers", {}).update({"ETag": {"schema": {"type": "string"},
                                                              "description": "strong validator of the body"},
                                                     **rate_headers})
            responses["429"].setdefault("headers", {})["Retry-After"] = {
                "schema": {"type": "integer"}, "description": "seconds until the next window"}
    return schema

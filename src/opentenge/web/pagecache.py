"""Page caches for anonymous readers, made stale at once when the data changes.

Why a version number instead of deleting keys: an ingest runs in another process (``opentenge
ingest`` from cron) and may touch thousands of pages; nobody can list the keys it should delete.
Every cached page's key carries the current ``store.DataVersion`` number instead, and anything that
changes what the public sees calls ``data_changed(reason)``, which bumps the number after its
transaction commits. The next request reads the new number (one indexed row) and misses; the old
entries simply expire. With ``OPENTENGE_REDIS_URL`` the pages live in Redis, shared by every web
worker; otherwise in each process's memory.

Who calls ``data_changed``: the ingest runner (every run, even a failed one: files before the
failure landed), linking judgments and editor decisions, lobbying services (every audited change),
an indicators run, accepted or revoked corrections — and any POST to the admin that succeeds
(admin bulk actions write no per-object signal, so the middleware itself watches the admin).

What is cached: GET requests from visitors who are not signed in, answered 200, that set no cookie,
use no CSRF token, touch no session and carry no flash message — so a cached page never holds
anything personal. ``/api/`` (own ETag and rate limits), ``/admin/`` and ``/static/`` are left
alone. ``OPENTENGE_PAGE_CACHE_SECONDS`` (default 300; 0 turns the cache off) bounds how long an
entry lives. Answers carry ``X-Page-Cache: hit`` or ``miss``.
"""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SKIPPED_PREFIXES = ("/api/", "/admin/", "/static/")
HEADER = "X-Page-Cache"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Content-Disposition", "Link",
                 "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options")


def data_changed(reason: str) -> None:
    """Mark every cached page stale once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _bump(reason))


def _bump(reason: str) -> None:
    from opentenge.store.models import DataVersion

    now = timezone.now()
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now, reason=reason[:200]):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1, "changed_at": now, "reason": reason[:200]})


def current_version() -> int:
    from opentenge.store.models import DataVersion

    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def seconds() -> int:
    return int(getattr(settings, "OPENTENGE_PAGE_CACHE_SECONDS", 0) or 0)


def _eligible(request: HttpRequest) -> bool:
    if request.method != "GET" or request.path.startswith(SKIPPED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # a signed-in visitor, or one with something personal pending
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it belongs to this visitor only
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage.used or getattr(storage, "added_new", False)):
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _key(request: HttpRequest, version: int) -> str:
    parts = "\n".join((request.get_full_path(), request.headers.get("HX-Request", ""),
                       request.headers.get("HX-Target", ""), request.headers.get("Accept", "")[:200]))
    return f"opentenge:page:{version}:{hashlib.sha256(parts.encode()).hexdigest()}"


class PageCacheMiddleware:
    """Serve a stored copy of a public page while the data version has not moved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = seconds()
        if request.method == "POST" and request.path.startswith("/admin/"):
            response = self.get_response(request)
            if response.status_code < 400:
                data_changed("admin")
            return response
        if timeout <= 0 or not _eligible(request):
            return self.get_response(request)
        key = _key(request, current_version())
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=stored["status"])
            for name, value in stored["headers"]:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = [(name, value) for name, value in response.items() if name in _KEPT_HEADERS]
            cache.set(key, {"status": response.status_code, "content": response.content, "headers": headers},
                      timeout)
            response[HEADER] = "miss"
        return response

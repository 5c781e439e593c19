"""Counting requests per client in Django's cache: shared by sign-in throttling and API limits.

Both count in fixed windows in the cache (Redis in production via ``OPENTENGE_REDIS_URL``, so
every gunicorn worker sees the same counts; local memory counts per process).
"""
from __future__ import annotations

from django.core.cache import BaseCache, cache as default_cache


def increment(key: str, seconds: int, cache: BaseCache | None = None) -> int:
    """Add one to the counter ``key``; the first increment starts a window of ``seconds``.

    ``add()`` creates the key only when it is missing and ``incr()`` keeps its expiry, so the
    window is fixed from the first count rather than sliding with every new one.
    """
    cache = cache or default_cache
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr(): the first count of a new window
        cache.add(key, 1, timeout=seconds)
        return 1


def client_address(request) -> str:
    """``REMOTE_ADDR`` only: trusting X-Forwarded-For would let anyone pick a fresh address per try.

    Behind a reverse proxy, have the proxy and gunicorn set REMOTE_ADDR to the real client.
    """
    return request.META.get("REMOTE_ADDR", "") or "unknown"

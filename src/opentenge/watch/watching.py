"""Start and stop watching: the signed-in half (anyone can read the Atom feeds).

Pressing Watch records every event the thing has at that moment as already known — the user
has just seen the page — so the first digest brings only what appears afterwards, never the
whole history. Bills are delegated to ``legislation.alerts.follow``: one mechanism per thing.
"""
from __future__ import annotations

from django.db import IntegrityError, transaction

from opentenge.watch import events as ev
from opentenge.watch.models import Watch
from opentenge.web.language import stored_language


def normalise_key(kind: str, key: str) -> str:
    return ev.normalise_query(key) if kind == "search" else (key or "").strip()


def watch(user, kind: str, key: str, lang: str) -> Watch:
    """Start watching (or refresh the language of an existing watch). Raises NotFound for unknown things."""
    if kind not in ev.KINDS:
        raise ev.NotFound(f"nothing to watch of kind {kind!r}")
    lang, key = stored_language(lang), normalise_key(kind, key)
    if not key:
        raise ev.NotFound("empty key")
    existing = Watch.objects.filter(user=user, kind=kind, key=key).first()
    if existing is not None:
        if existing.lang != lang:
            Watch.objects.filter(pk=existing.pk).update(lang=lang)
        return existing
    label = ev.label(kind, key, lang)
    known = sorted({e.identity for e in ev.events(kind, key, lang)})
    try:
        with transaction.atomic():
            return Watch.objects.create(user=user, kind=kind, key=key, label=label, lang=lang, sent_items=known)
    except IntegrityError:  # a double click: the other request created it
        return Watch.objects.get(user=user, kind=kind, key=key)


def unwatch(user, watch_id: int) -> bool:
    """Remove one of *this user's* watches; someone else's watch is left alone (and reported absent)."""
    deleted, _ = Watch.objects.filter(user=user, pk=watch_id).delete()
    return bool(deleted)


def watch_of(user, kind: str, key: str) -> Watch | None:
    if not getattr(user, "is_authenticated", False) or kind not in ev.KINDS:
        return None
    return Watch.objects.filter(user=user, kind=kind, key=normalise_key(kind, str(key))).first()

"""The watch digest: one e-mail per user per run with what is new about everything they watch.

Run by ``opentenge alerts send`` next to the bill alerts (``legislation.alerts``) and with the
same rules:

* an item is new when its identity is not in the watch's ``sent_items``; nothing is compared by
  date, so an item an importer brings late (with an old date) is still announced, once;
* a watch made with the Watch button starts with everything it showed then as known; a watch made
  another way (``sent_items`` is None) treats items dated before its day as known — no history spam;
* each user's e-mail is sent on its own; if it fails, that user's watches are left untouched and
  the same items are tried again at the next run; the others still get theirs.

The e-mail is written in the language of the user's most recent watch, with absolute links built
from ``OPENTENGE_SITE_URL``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opentenge.legislation.alerts import site_url
from opentenge.store.queries import NotFound
from opentenge.watch import events as ev
from opentenge.web.delivery import close, deliver
from opentenge.watch.models import Watch
from opentenge.watch.watching import language

SUMMARY_LIMIT = 300  # characters of an item's summary in the e-mail; the page has the rest


@dataclass
class DigestSummary:
    watches: int = 0
    users: int = 0
    digests_sent: int = 0
    items_sent: int = 0
    failed: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Keys as they appear in ``opentenge alerts send --json`` (next to the bill alerts' keys)."""
        return {"watches": self.watches, "watch_users": self.users, "digests_sent": self.digests_sent,
                "digest_items_sent": self.items_sent, "digest_failed": self.failed}


def new_events(w: Watch, lang: str) -> tuple[list[ev.Event], list[str]]:
    """The events of ``w`` the user has not been told about, and every identity the thing has now."""
    try:
        found = ev.events(w.kind, w.key, lang)
    except NotFound:  # the organisation or person disappeared from the data: nothing to say
        return [], []
    identities = [e.identity for e in found]
    if w.sent_items is None:
        since = ev.moment(timezone.localdate(w.created_at))
        known = {e.identity for e in found if e.when < since}
    else:
        known = set(w.sent_items)
    return [e for e in found if e.identity not in known], identities


def _render(user, lang: str, sections: list[dict]) -> EmailMessage:
    base = site_url()
    with translation.override(lang):
        for s in sections:
            s["url"] = base + ev.page_path(s["watch"].kind, s["watch"].key)
            s["items"] = [{"title": e.title, "url": base + e.path, "date": e.when, "summary": e.summary[:SUMMARY_LIMIT]}
                          for e in s["events"]]
        context = {"user": user, "sections": sections, "count": sum(len(s["events"]) for s in sections),
                   "watchlist_url": base + reverse("watch-list"), "site_url": base}
        subject = settings.EMAIL_SUBJECT_PREFIX + _("What is new on your watchlist")
        body = render_to_string("watch/mail/digest.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_digests(now: datetime | None = None, connection=None) -> dict:
    """Mail every watcher what appeared since they were last told; return a summary."""
    now = now or timezone.now()
    summary = DigestSummary()
    by_user: dict[int, list[Watch]] = defaultdict(list)
    for w in Watch.objects.select_related("user").filter(user__is_active=True).order_by("user_id", "created_at", "id"):
        by_user[w.user_id].append(w)
        summary.watches += 1
    summary.users = len(by_user)
    connection = connection or get_connection()
    for watches in by_user.values():
        user = watches[0].user
        if not user.email:
            continue
        lang = language(max(watches, key=lambda w: (w.created_at, w.id)).lang)
        sections, updates = [], []
        with translation.override(lang):  # titles are translated as they are built
            for w in watches:
                fresh, identities = new_events(w, lang)
                updates.append((w, identities))
                if fresh:
                    sections.append({"watch": w, "events": fresh})
        if not sections:
            _remember(updates, now, sent=False)
            continue
        error = deliver(_render(user, lang, sections), connection)
        if error is not None:
            summary.failed.append({"user_id": user.pk, "error": error})
            continue
        _remember(updates, now, sent=True)
        summary.digests_sent += 1
        summary.items_sent += sum(len(s["events"]) for s in sections)
    close(connection)
    return summary.as_dict()


def _remember(updates: list[tuple[Watch, list[str]]], now: datetime, sent: bool) -> None:
    """Record the announced (or, with nothing new, the baselined) identities of each watch.

    Written with ``update()`` so a watch removed while the run was sending is simply skipped.
    Identities only accumulate: an item that vanishes and comes back is not news again.
    """
    with transaction.atomic():
        for w, identities in updates:
            known = set(w.sent_items or [])
            if not sent and w.sent_items is not None and known.issuperset(identities):
                continue
            changes = {"sent_items": sorted(known | set(identities))}
            if sent:
                changes["last_sent_at"] = now
            Watch.objects.filter(pk=w.pk).update(**changes)

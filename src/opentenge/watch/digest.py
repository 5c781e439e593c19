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

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opentenge.legislation.alerts import site_url
from opentenge.store.queries import NotFound
from opentenge.watch import events as ev
from opentenge.web.delivery import mail_what_is_new
from opentenge.watch.models import Watch

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


def _render(user, lang: str, groups: list[tuple[Watch, list[ev.Event]]]) -> EmailMessage:
    base = site_url()
    with translation.override(lang):
        sections = [{"watch": w, "events": events, "url": base + ev.page_path(w.kind, w.key),
                     "items": [{"title": e.title, "url": base + e.path, "date": e.when,
                                "summary": e.summary[:SUMMARY_LIMIT]} for e in events]}
                    for w, events in groups]
        context = {"user": user, "sections": sections, "count": sum(len(events) for _w, events in groups),
                   "watchlist_url": base + reverse("watch-list"), "site_url": base}
        subject = settings.EMAIL_SUBJECT_PREFIX + _("What is new on your watchlist")
        body = render_to_string("watch/mail/digest.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_digests(now: datetime | None = None, connection=None) -> dict:
    """Mail every watcher what appeared since they were last told; return a summary."""
    watches = list(Watch.objects.select_related("user").filter(user__is_active=True)
                   .order_by("user_id", "created_at", "id"))
    sent, items, failed = mail_what_is_new(watches, fresh=new_events, render=_render, seen_field="sent_items",
                                           now=now or timezone.now(), connection=connection)
    return DigestSummary(watches=len(watches), users=len({w.user_id for w in watches}), digests_sent=sent,
                         items_sent=items, failed=failed).as_dict()

"""Send one message per user, each on its own: a failure for one user never stops the others.

The rule both e-mail runs follow (bill alerts and watch digests): the caller records what was
announced only after ``deliver`` says the message went out, so an undelivered message is simply
built again, with the same items, at the next run.
"""
from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import translation

from opentenge.web.language import stored_language

log = logging.getLogger(__name__)


def deliver(message: EmailMessage, connection) -> str | None:
    """Send ``message``; return ``None`` on success, or the error (and reset the broken connection)."""
    message.connection = connection
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        log.warning("mail to %s not delivered: %s", ", ".join(message.to), exc)
        close(connection)  # a refused or broken session is reopened for the next user
        return str(exc)[:200]
    return None


def close(connection) -> None:
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - closing a broken connection may fail too
        pass


def mail_what_is_new(subscriptions: Sequence, *, fresh: Callable, render: Callable, seen_field: str,
                     now: datetime, connection=None) -> tuple[int, int, list[dict]]:
    """One message per user with what is new in their subscriptions (bill follows, watches).

    ``subscriptions`` are model rows with ``user``, ``lang``, ``created_at`` and the list field
    ``seen_field`` (``None`` until first baselined), ordered by user. ``fresh(sub, lang)`` returns
    the new items of one subscription and every key it has now; ``render(user, lang, groups)``
    builds the message from ``[(sub, new items), …]``. The message is in the language of the user's
    latest subscription. Returns (messages sent, items sent, failures).
    """
    by_user: dict[int, list] = defaultdict(list)
    for sub in subscriptions:
        by_user[sub.user_id].append(sub)
    connection = connection or get_connection()
    sent = items = 0
    failed: list[dict] = []
    for subs in by_user.values():
        user = subs[0].user
        if not user.email:
            continue
        lang = stored_language(max(subs, key=lambda s: (s.created_at, s.id)).lang)
        groups, updates = [], []
        with translation.override(lang):  # labels are lazy translations: evaluate them in ``lang``
            for sub in subs:
                new, keys = fresh(sub, lang)
                updates.append((sub, keys))
                if new:
                    groups.append((sub, new))
        if not groups:
            remember_seen(updates, seen_field, now, sent=False)
            continue
        error = deliver(render(user, lang, groups), connection)
        if error is not None:
            failed.append({"user_id": user.pk, "error": error})
            continue
        remember_seen(updates, seen_field, now, sent=True)
        sent += 1
        items += sum(len(new) for _, new in groups)
    close(connection)
    return sent, items, failed


def remember_seen(updates: list[tuple], seen_field: str, now: datetime, sent: bool) -> None:
    """Record the announced (or, with nothing new, the baselined) keys of each subscription.

    Written with ``update()`` so a subscription removed while the run was sending is simply skipped.
    Keys only accumulate: an item that vanishes and comes back is not news again.
    """
    with transaction.atomic():
        for sub, keys in updates:
            seen = getattr(sub, seen_field)
            known = set(seen or [])
            if not sent and seen is not None and known.issuperset(keys):
                continue
            changes = {seen_field: sorted(known | set(keys))}
            if sent:
                changes["last_sent_at"] = now
            type(sub).objects.filter(pk=sub.pk).update(**changes)

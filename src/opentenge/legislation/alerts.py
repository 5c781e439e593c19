"""Follow a bill: e-mail alerts about new steps on the timelines of the acts a user follows.

How "new" is decided. Timeline steps carry a *date*, not a time, and they arrive whenever an
importer runs: a step dated today may be imported an hour after today's alert run. Comparing
step dates with the date of the last e-mail would lose such a step for ever (or, with ">=", send
it twice). So each ``BillFollow`` remembers the *identities* of the steps already announced
(``step_key``: a short hash of the act, the kind of step, its date, who gave it and its text) and
a run announces exactly the steps whose key is not remembered yet.

No spam of old history: pressing Follow (``follow``) records every step the timeline shows at
that moment as already known, so only steps that appear afterwards are mailed. A follow created
some other way (admin, shell) has no record yet; its first run treats steps dated before the
day of the follow as known and announces only those dated on or after it.

One e-mail per user per run lists the new steps of all the acts they follow, each with an absolute
link built from ``OPENTENGE_SITE_URL``, in the language of the user's most recent follow. Each
user's message is sent on its own: if delivery to one user fails, the others still get theirs,
and that user's follows are left untouched so the same steps are tried again at the next run.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opentenge.legislation import models as lm
from opentenge.legislation import queries as q
from opentenge.web.delivery import mail_what_is_new
from opentenge.web.language import stored_language


DEFAULT_SITE_URL = "http://127.0.0.1:8000"
TEXT_LIMIT = 400  # characters of a step's text in the e-mail; the bill page has the rest


def site_url() -> str:
    """Where the public site lives, for links in e-mail (``OPENTENGE_SITE_URL``, no trailing slash)."""
    return (os.environ.get("OPENTENGE_SITE_URL") or DEFAULT_SITE_URL).rstrip("/")


def step_key(step: dict) -> str:
    """A stable identity of a timeline step: same act, kind, date, author and text → same key.

    Labels are left out (they are translations) and so is the text of a ``discussion`` step (it is
    the act's title in the reader's language), so the key does not depend on the language.
    """
    text = "" if step.get("type") == "discussion" else (step.get("text") or "")
    who = [step.get(k) for k in ("stage", "outcome", "position", "council", "ngo", "registrant_id", "report_id",
                                  "official")]
    raw = json.dumps([step.get("act"), step.get("type"), str(step.get("date")), who, text],
                     ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def follow(user, act: lm.LegislativeAct, lang: str) -> lm.BillFollow:
    """Start following ``act`` (or refresh the language of an existing follow).

    The steps already on the timeline are recorded as known: the user has just seen them.
    """
    lang = stored_language(lang)
    existing = lm.BillFollow.objects.filter(user=user, act=act).first()
    if existing is not None:
        if existing.lang != lang:
            existing.lang = lang
            existing.save(update_fields=["lang"])
        return existing
    with translation.override(lang):
        known = [step_key(s) for s in q.timeline(act, lang)]
    return lm.BillFollow.objects.create(user=user, act=act, lang=lang, sent_steps=known)


def unfollow(user, act_id: int) -> bool:
    deleted, _ = lm.BillFollow.objects.filter(user=user, act_id=act_id).delete()
    return bool(deleted)


@dataclass
class Summary:
    follows: int = 0
    users: int = 0
    emails_sent: int = 0
    steps_sent: int = 0
    failed: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"follows": self.follows, "users": self.users, "emails_sent": self.emails_sent,
                "steps_sent": self.steps_sent, "failed": self.failed}


def _new_steps(f: lm.BillFollow, lang: str) -> tuple[list[dict], list[str]]:
    """The steps of ``f.act`` the user has not been told about, and every key the timeline has now."""
    steps = q.timeline(f.act, lang)
    keys = [step_key(s) for s in steps]
    if f.sent_steps is None:  # never baselined: what predates the follow counts as known
        since = timezone.localdate(f.created_at)
        known = {k for k, s in zip(keys, steps) if s["date"] < since}
    else:
        known = set(f.sent_steps)
    return [s for k, s in zip(keys, steps) if k not in known], keys


def _link(name: str, *args) -> str:
    try:
        return site_url() + reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _render(user, lang: str, groups: list[tuple[lm.BillFollow, list[dict]]]) -> EmailMessage:
    with translation.override(lang):
        bills = [{"act": f.act, "steps": steps, "url": _link("legislation-act", f.act.pk),
                  "title": q.title(f.act, lang) or f.act.key} for f, steps in groups]
        context = {"user": user, "bills": bills, "count": sum(len(steps) for _f, steps in groups),
                   "account_url": _link("account-home"), "site_url": site_url(), "text_limit": TEXT_LIMIT}
        subject = settings.EMAIL_SUBJECT_PREFIX + _("New steps on bills you follow")
        body = render_to_string("legislation/mail/alert.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_alerts(now: datetime | None = None, connection=None) -> dict:
    """Mail every follower the steps that appeared since they were last told; return a summary."""
    follows = list(lm.BillFollow.objects.select_related("user", "act", "act__draft").filter(user__is_active=True)
                   .order_by("user_id", "created_at", "id"))
    sent, steps, failed = mail_what_is_new(follows, fresh=_new_steps, render=_render, seen_field="sent_steps",
                                           now=now or timezone.now(), connection=connection)
    return Summary(follows=len(follows), users=len({f.user_id for f in follows}), emails_sent=sent,
                   steps_sent=steps, failed=failed).as_dict()

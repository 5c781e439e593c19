"""E-mail verification: a signed token in a link, and the message that carries it.

The token is ``django.core.signing`` over the user's id and e-mail, salted for this purpose and
valid for ``ACCOUNTS_VERIFY_MAX_AGE`` (3 days). Signing needs no table of pending tokens and
cannot be forged without ``SECRET_KEY``; binding the e-mail means a link stops working if the
address on the account changes. Following a link twice is harmless (the account is already
active), so a mail scanner that fetches the link early does no damage: it only proves what the
link proves, that someone reading that mailbox has it.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

SALT = "opentenge.accounts.verify-email"


def max_age() -> int:
    return int(getattr(settings, "ACCOUNTS_VERIFY_MAX_AGE", 3 * 24 * 60 * 60))


def make_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=SALT)


@dataclass(frozen=True)
class Outcome:
    user: object | None
    problem: str = ""  # "", "expired", "invalid"


def read_token(token: str) -> Outcome:
    """The user a token names, or why it names nobody."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        return Outcome(None, "expired")
    except signing.BadSignature:
        return Outcome(None, "invalid")
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None or user.email.lower() != data.get("e"):
        return Outcome(None, "invalid")
    return Outcome(user)


def send_verification(request, user) -> None:
    """Send the link to ``user``, in the request's language, with an absolute URL from the request."""
    link = request.build_absolute_uri(reverse("account-verify", args=[make_token(user)]))
    context = {"user": user, "link": link, "days": max_age() // 86400}
    subject = render_to_string("accounts/email/verify_subject.txt", context, request=request).strip()
    body = render_to_string("accounts/email/verify_body.txt", context, request=request)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email]).send()

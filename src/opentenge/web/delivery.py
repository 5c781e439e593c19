"""Send one message per user, each on its own: a failure for one user never stops the others.

The rule both e-mail runs follow (bill alerts and watch digests): the caller records what was
announced only after ``deliver`` says the message went out, so an undelivered message is simply
built again, with the same items, at the next run.
"""
from __future__ import annotations

import logging
import smtplib

from django.core.mail import EmailMessage

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

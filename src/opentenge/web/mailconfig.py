"""E-mail settings from one URL, the way the database is configured from one URL.

``smtp://user:password@host:port`` sends through SMTP (``smtps://`` for TLS on connect, ``?starttls=1``
for STARTTLS after connecting); an empty URL keeps every message as a file a developer can open
(``make demo`` prints the folder), so nothing is ever sent by accident from a laptop.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class MailConfigError(ValueError):
    pass


def email_settings(url: str, mail_dir: Path) -> dict:
    """Django ``EMAIL_*`` settings for ``url`` (see the module docstring)."""
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(mail_dir)}
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise MailConfigError(f"OPENTENGE_SMTP_URL must start with smtp:// or smtps://, not {parts.scheme!r}")
    if not parts.hostname:
        raise MailConfigError("OPENTENGE_SMTP_URL names no host")
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
        "EMAIL_TIMEOUT": 20,
    }

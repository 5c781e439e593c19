"""A real SMTP server on loopback for the e-mail tests (aiosmtpd), and a way to read it back.

    with smtp_server() as box:
        settings.EMAIL_BACKEND = ...  # or OPENTENGE_SMTP_URL=box.url for a subprocess
        ...
        message = box.wait_for(to="filer@example.org", subject_contains="Confirm")

Messages are parsed with the standard library, so a test reads exactly what a mail client would.
"""
from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from contextlib import contextmanager
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    def __init__(self, port: int):
        self.port = port
        self.url = f"smtp://127.0.0.1:{port}"
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address in str(m["To"])]

    def wait_for(self, to: str, subject_contains: str = "", timeout: float = 15) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for m in self.to(to):
                if subject_contains in str(m["Subject"]):
                    return m
            time.sleep(0.05)
        raise AssertionError(f"no message to {to!r} with {subject_contains!r} in the subject within {timeout}s; "
                             f"got {[str(m['Subject']) for m in self.messages]}")

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part else ""


@contextmanager
def smtp_server():
    port = _free_port()
    box = Mailbox(port)
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@contextmanager
def django_smtp(box: Mailbox, settings):
    """Point Django (pytest-django's ``settings`` fixture) at ``box`` for the duration."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = box.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield box

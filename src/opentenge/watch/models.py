"""A watch: a signed-in user's standing interest in an organisation, a person or a search.

Bills are not here: watching a bill *is* following it (``legislation.BillFollow``), so there is
one mechanism for bills and the watchlist page simply lists both.

How "new" is decided (the idea of ``legislation.alerts``): importers run late and items carry
dates, not arrival times, so comparing dates with the last e-mail would lose or repeat items.
Each watch remembers the *identities* of the items already announced (``sent_items``) and a
digest announces exactly the items whose identity is not remembered yet. ``None`` means "never
baselined" (a watch created in the admin or a shell): its first run treats items dated before the
day of the watch as known.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Watch(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation"
        PERSON = "person"
        SEARCH = "search"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=255, help_text="Organisation slug, person key, or the normalised search query.")
    label = models.TextField(blank=True, help_text="What the user saw when they pressed Watch (name or query).")
    lang = models.CharField(max_length=2, default="ru", help_text="Language of the page; the digest is written in it.")
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    sent_items = models.JSONField(null=True, blank=True, help_text="Identities of the items already announced.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="watch_once_per_user")]
        indexes = [models.Index(fields=["kind", "key"])]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.kind}:{self.key}"

"""Error reports from readers, and the corrections a moderator accepted from them.

A correction is an *override* stored beside the data, never an edit of it: source records
(``store`` tables, ``RecordVersion``) keep what the source published, and ``corrections.apply``
lays the accepted value over the page's data dict when the page is built. So a correction can be
revoked (the source value shows again) and every corrected value names its report, evidence,
moderator and date. Rows are never deleted: a revoked correction stays, inactive, with who revoked
it and why.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models

KEY_MAX = 200
VALUE_MAX = 500
TEXT_MAX = 3000
EVIDENCE_MAX = 1000


class NeverDeleted(models.QuerySet):
    def delete(self):
        raise PermissionError("reports and corrections are kept; revoke a correction instead")


class ErrorReport(models.Model):
    """What a reader says is wrong on a page, with the source that shows it; waits in the queue."""

    class Status(models.TextChoices):
        OPEN = "open", "open"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"

    kind = models.CharField(max_length=24)
    key = models.CharField(max_length=KEY_MAX, help_text="The id in the entity page's address.")
    field = models.CharField(max_length=48, help_text="A correctable field of this kind, or 'other'.")
    proposed_value = models.CharField(max_length=VALUE_MAX, blank=True)
    explanation = models.TextField(max_length=TEXT_MAX)
    evidence = models.CharField(max_length=EVIDENCE_MAX, help_text="Address or description of the source.")
    reporter_email = models.EmailField(blank=True, help_text="Shown to moderators only, never published.")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    language = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    moderator_comment = models.TextField(blank=True)

    objects = NeverDeleted.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind}/{self.key} {self.field} ({self.status})"

    def delete(self, *args, **kwargs):
        raise PermissionError("reports are kept")


class Correction(models.Model):
    """An accepted report, applied over the page's data while ``active``.

    ``new_value`` empty means a published note (a report about "something else"): nothing is
    replaced, the page shows the note. ``old_value`` is the value as the page showed it when the
    moderator accepted, so the notice can say "was … now …" even after the source changes.
    """

    kind = models.CharField(max_length=24)
    key = models.CharField(max_length=KEY_MAX)
    field = models.CharField(max_length=48)
    old_value = models.CharField(max_length=VALUE_MAX, blank=True)
    new_value = models.CharField(max_length=VALUE_MAX, blank=True)
    note = models.TextField(max_length=TEXT_MAX, blank=True, help_text="Published with the notice.")
    report = models.ForeignKey(ErrorReport, on_delete=models.PROTECT, related_name="corrections")
    evidence = models.CharField(max_length=EVIDENCE_MAX)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    active = models.BooleanField(default=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    revoke_reason = models.TextField(blank=True)

    objects = NeverDeleted.as_manager()

    class Meta:
        ordering = ["decided_at", "id"]
        indexes = [models.Index(fields=["kind", "key", "active"])]

    def __str__(self) -> str:
        return f"{self.kind}/{self.key} {self.field}: {self.old_value!r} → {self.new_value!r}"

    def delete(self, *args, **kwargs):
        raise PermissionError("corrections are kept; revoke instead")

"""Stored red-flag results: one row per indicator and subject, with the inputs that decided it.

A result is one of three outcomes. ``insufficient_data`` is a result in its own right: it says
that the data we hold cannot answer the question (no bid counts, no registration date …) and is
never to be read, shown or summed as "no risk".

``ResultContract`` lists the contracts a result concerns, so that the flags explorer can add up
*distinct* contract values across indicators (a contract flagged by three indicators counts once)
and a contract page can find its flags without scanning JSON.
"""
from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from opentenge.store.models import Organisation


class FlagResult(models.Model):
    class Subject(models.TextChoices):
        TENDER = "tender"
        CONTRACT = "contract"
        ORGANISATION = "organisation"
        GRANTOR = "grantor"  # a grant operator known only by its published name (R009)

    class Outcome(models.TextChoices):
        FLAGGED = "flagged"
        CLEAR = "clear"
        INSUFFICIENT = "insufficient_data"

    code = models.CharField(max_length=8, db_index=True)
    subject_kind = models.CharField(max_length=16, choices=Subject.choices)
    subject_key = models.CharField(max_length=128, help_text="Tender/contract gz_id or organisation slug.")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, db_index=True)
    value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    threshold = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    inputs = models.JSONField(encoder=DjangoJSONEncoder, default=dict,
                              help_text="The figures and record ids that decided the outcome.")
    buyer = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    supplier = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    computed_at = models.DateTimeField()
    method_version = models.CharField(max_length=16)

    class Meta:
        indexes = [
            models.Index(fields=["subject_kind", "subject_key"]),
            models.Index(fields=["code", "outcome"]),
        ]


class ResultContract(models.Model):
    """A contract (by goszakup id) that a result concerns."""

    result = models.ForeignKey(FlagResult, on_delete=models.CASCADE, related_name="contracts")
    contract_gz_id = models.BigIntegerField(db_index=True)

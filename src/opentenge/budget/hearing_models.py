"""Public hearings of local budgets: who held them, on which budget, what residents proposed, what came of it.

Since 2018 (Budget Code art. 3, 75; Law "On local state administration and self-government")
a local budget is adopted only after it is discussed with the public. Nothing consolidated is
published: akimats post announcements, minutes and summary tables (сводные таблицы) on their
own sites. The input format is ours (docs/hearings.md); rows arrive from files
(``sources/budget_hearings``) or are typed in through the admin — never without a source: a file
and the record inside it, or a public URL.

Personal data: residents are natural persons. Their names are never stored; phone numbers,
e-mail addresses and street addresses inside a proposal's text are masked on import; a text with
a full IIN is refused (quarantined) rather than stored even once.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from opentenge.store.models import SourceFile

LEVEL_CHOICES = [("regional", "regional"), ("district", "district"), ("rural", "rural district")]


class Sourced(models.Model):
    """Where a row comes from: a file and the record inside it, or a public URL (admin entry)."""

    source_file = models.ForeignKey(SourceFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    locator = models.CharField(max_length=128, blank=True, default="", help_text="Where in the file: 'hearings[0]'.")
    source_url = models.URLField(max_length=500, blank=True, default="",
                                 help_text="Public page the figures were read from (required when typed in).")

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.source_file_id is None and not self.source_url:
            raise ValidationError({"source_url": "A hearing typed in needs the public page it was read from."})


class Hearing(Sourced):
    """One public hearing of one local budget (level, KATO, year)."""

    key = models.CharField(max_length=64, unique=True, help_text="The publisher's identifier of the hearing.")
    date = models.DateField()
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES)
    kato = models.CharField(max_length=9, db_index=True)
    year = models.PositiveSmallIntegerField(help_text="Budget year discussed.")
    body_bin = models.CharField(max_length=12, blank=True, default="", help_text="BIN of the body that held it.")
    body_name = models.TextField(help_text="The akimat or maslikhat, as published.")
    subject = models.TextField(blank=True, default="", help_text="What was discussed: the draft, an amendment …")
    content_hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["kato", "year", "date", "key"]
        indexes = [models.Index(fields=["level", "kato", "year"])]

    def __str__(self) -> str:
        return f"{self.key} {self.kato} {self.year} ({self.date})"


class HearingDocument(Sourced):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="documents")
    title = models.TextField()
    url = models.URLField(max_length=500)

    class Meta:
        ordering = ["hearing_id", "id"]


class HearingProposal(Sourced):
    """A proposal made at or for the hearing and the body's answer to it."""

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", "accepted"
        PARTLY = "partly", "partly accepted"
        REJECTED = "rejected", "rejected"

    class AuthorKind(models.TextChoices):
        RESIDENT = "resident", "resident"
        NGO = "ngo", "non-governmental organisation"
        BUSINESS = "business", "business"
        DEPUTY = "deputy", "maslikhat deputy"
        OTHER = "other", "other"

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="proposals")
    number = models.PositiveIntegerField(help_text="Its order in the published table.")
    text = models.TextField(help_text="As published, with phones, e-mails and street addresses masked.")
    author_kind = models.CharField(max_length=16, choices=AuthorKind.choices)
    author_organisation = models.TextField(blank=True, default="",
                                           help_text="For an NGO or a business only; a resident's name is never kept.")
    answer = models.CharField(max_length=16, choices=Answer.choices)
    reason = models.TextField(blank=True, default="", help_text="Why, as the body answered.")
    masked = models.CharField(max_length=128, blank=True, default="",
                              help_text="What was masked in the text on import: 'phone', 'e-mail', 'address'.")

    class Meta:
        ordering = ["hearing_id", "number"]

    def clean(self) -> None:
        """Typed-in text obeys the importer's rules: no full IIN, phones/e-mails/addresses masked."""
        from opentenge.sources.budget_hearings.personal import full_iins, mask_personal

        super().clean()
        for name in ("text", "reason"):
            if full_iins(getattr(self, name)):
                raise ValidationError({name: "Contains a full IIN: a person's identity number is never published."})
        self.text, masked = mask_personal(self.text)
        self.reason, more = mask_personal(self.reason)
        self.masked = ",".join(dict.fromkeys(masked + more))

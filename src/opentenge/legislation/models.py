"""Draft legal acts and bills, their status history, public councils and NGO proposals.

One ``LegislativeAct`` model holds both a draft act published for public discussion on the
open-NPA portal (``kind=draft``) and a bill before Parliament (``kind=bill``): a bill often *is*
a draft act that moved on, and the tracker follows it through one timeline. Every row keeps the
file and line it came from; rows typed into the admin must carry a source URL instead.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from opentenge.store.models import Organisation, SourceFile


class Sourced(models.Model):
    """Where a row comes from: an ingested file and line, or (for admin entry) a public URL."""

    source_file = models.ForeignKey(SourceFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    locator = models.CharField(max_length=64, blank=True)
    source_url = models.URLField(max_length=500, blank=True,
                                 help_text="Public page the information was taken from (required when typed in).")

    class Meta:
        abstract = True

    def clean(self) -> None:
        """Collect every rule's complaint at once, so the admin form shows them all together."""
        super().clean()
        errors = self.row_errors()
        if self.source_file_id is None and not self.source_url:
            errors["source_url"] = "A source is required: the public page this was taken from."
        if errors:
            raise ValidationError(errors)

    def row_errors(self) -> dict[str, str]:
        return {}


class LegislativeAct(Sourced):
    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft legal act")
        BILL = "bill", _("Bill before Parliament")

    key = models.CharField(max_length=64, unique=True, help_text="npa:<portal id> or bill:<Mazhilis id>")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    title_ru = models.TextField(blank=True)
    title_kk = models.TextField(blank=True)
    developer_name = models.TextField(blank=True, help_text="Developing body as published.")
    developer = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    act_type = models.CharField(max_length=128, blank=True)
    discussion_start = models.DateField(null=True, blank=True)
    discussion_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=32)
    comments = models.IntegerField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    draft = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="bills",
                              help_text="The draft act this bill grew out of, when the source says so.")
    draft_key = models.CharField(max_length=64, blank=True, help_text="The draft's key as the source gave it.")

    class Meta:
        ordering = ["-discussion_start", "key"]

    def __str__(self) -> str:
        return f"{self.key} {self.title_ru or self.title_kk}"[:120]


class StatusEvent(Sourced):
    """One step of an act's life: publication, a reading, adoption, signature …"""

    act = models.ForeignKey(LegislativeAct, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=32)
    date = models.DateField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(fields=["act", "stage", "date"], name="legislation_event_once")]


class PublicCouncil(Sourced):
    key = models.CharField(max_length=64, unique=True)
    name_ru = models.TextField(blank=True)
    name_kk = models.TextField(blank=True)
    body_name = models.TextField(help_text="The state body the council advises, as published.")
    body = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return self.name_ru or self.name_kk or self.key


class CouncilMember(Sourced):
    """A member as the council publishes them: a public role, never private contact details."""

    council = models.ForeignKey(PublicCouncil, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=128, blank=True)
    affiliation = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="legislation_member_once")]


class CouncilMeeting(Sourced):
    council = models.ForeignKey(PublicCouncil, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    subject = models.TextField()

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["council", "date", "subject"], name="legislation_meeting_once")]


class CouncilOpinion(Sourced):
    class Position(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        REMARKS = "remarks", _("Supports with remarks")
        OPPOSES = "opposes", _("Opposes")

    council = models.ForeignKey(PublicCouncil, on_delete=models.CASCADE, related_name="opinions")
    act = models.ForeignKey(LegislativeAct, on_delete=models.CASCADE, related_name="opinions")
    date = models.DateField()
    position = models.CharField(max_length=16, choices=Position.choices)
    summary = models.TextField()

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["council", "act", "date"], name="legislation_opinion_once")]


class NgoProposal(Sourced):
    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")
        PENDING = "pending", _("No answer yet")

    act = models.ForeignKey(LegislativeAct, on_delete=models.CASCADE, related_name="proposals")
    ngo_name = models.TextField()
    ngo_bin = models.CharField(max_length=12, blank=True)
    ngo = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField()
    proposal = models.TextField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reply = models.TextField(blank=True, help_text="The developing body's answer, as published.")
    reply_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["act", "ngo_name", "date"], name="legislation_proposal_once")]

    def row_errors(self) -> dict[str, str]:
        errors = {}
        if self.outcome != self.Outcome.PENDING and not self.reply:
            errors["reply"] = "An accepted, partly accepted or rejected proposal needs the body's reply."
        if self.reply_date and self.date and self.reply_date < self.date:
            errors["reply_date"] = "The reply cannot come before the proposal."
        return errors


class BillFollowQuerySet(models.QuerySet):
    """Helpers callable from templates (no arguments), e.g. ``request.user.bill_follows.act_ids``."""

    def act_ids(self) -> list[int]:
        return list(self.values_list("act_id", flat=True))

    def listing(self):
        return self.select_related("act").order_by("-created_at", "-id")


class BillFollow(models.Model):
    """A signed-in user follows one act and gets e-mail when new steps appear on its timeline.

    ``sent_steps`` holds the identities (short hashes, see ``legislation.alerts.step_key``) of the
    timeline steps the user has already been told about — or already saw when they pressed Follow.
    Steps carry dates, not times, so "dated after the last e-mail" would miss a step dated today
    that is imported after today's run; remembering identities does not. ``lang`` is the language
    of the page where the user pressed Follow: the alerts are written in it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bill_follows")
    act = models.ForeignKey(LegislativeAct, on_delete=models.CASCADE, related_name="follows")
    lang = models.CharField(max_length=8, default="kk")
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    sent_steps = models.JSONField(null=True, blank=True, default=None,
                                  help_text="Keys of the steps already announced; empty until the first baseline.")

    objects = BillFollowQuerySet.as_manager()

    class Meta:
        ordering = ["user", "created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "act"], name="legislation_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.act_id}"

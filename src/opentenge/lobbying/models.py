"""The voluntary lobbying disclosure register.

Kazakhstan has no lobbying law, so this register is modelled on the best-kept voluntary and
statutory ones: the EU Transparency Register (registrant profile, interests, budget bands), the
US Lobbying Disclosure Act's quarterly LD-2 reports (issues, bills, bodies contacted, spending,
clients) and the European Commission's meeting logs (date, official, subject).

Nothing here is ever deleted or overwritten once it has been public:

- a ``Report`` (one registrant, one quarter) has numbered ``ReportVersion`` rows; an amendment is
  a new version, and the versions it supersedes stay public;
- a withdrawal is a state, with a reason, not a deletion;
- every step is an ``AuditEvent`` row, which the database itself refuses to update or delete
  (triggers created by migration 0002 on both SQLite and PostgreSQL).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opentenge.legislation.models import LegislativeAct
from opentenge.store.models import Organisation

TEXT_MAX = 4000  # any free-text field; the form says so rather than truncating
NAME_MAX = 300


class RegistrantKind(models.TextChoices):
    COMPANY = "company", _("Company lobbying for itself")
    CONSULTANCY = "consultancy", _("Consultancy or law firm lobbying for clients")
    ASSOCIATION = "association", _("Business or professional association")
    UNION = "union", _("Trade union")
    NGO = "ngo", _("Non-governmental organisation")
    THINK_TANK = "think_tank", _("Think tank or research institute")
    OTHER = "other", _("Other")


class BudgetBand(models.TextChoices):
    """Yearly lobbying budget in tenge, in bands (as the EU register does, for comparability)."""

    B0 = "lt1m", _("under 1 million ₸")
    B1 = "1m-5m", _("1–5 million ₸")
    B2 = "5m-20m", _("5–20 million ₸")
    B3 = "20m-100m", _("20–100 million ₸")
    B4 = "gt100m", _("over 100 million ₸")


class Registrant(models.Model):
    """An organisation that lobbies, as it describes itself; linked by BIN to what we know of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        ACTIVE = "active", _("Registered")
        RETURNED = "returned", _("Returned to the filer")
        WITHDRAWN = "withdrawn", _("Withdrawn from the register")

    bin = models.CharField(max_length=12, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=NAME_MAX)
    kind = models.CharField(max_length=16, choices=RegistrantKind.choices)
    interests = models.TextField(blank=True, help_text="Fields of interest, one per line.")
    budget_band = models.CharField(max_length=16, choices=BudgetBand.choices)
    website = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    moderator_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def interest_list(self) -> list[str]:
        return [line.strip() for line in self.interests.splitlines() if line.strip()]


class RegistrantMember(models.Model):
    """A user who may file for this registrant (the *filer* role)."""

    registrant = models.ForeignKey(Registrant, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registrant_memberships")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registrant", "user"], name="lobbying_member_once")]


class Lobbyist(models.Model):
    """A person who lobbies for the registrant. Public: name and former public positions only."""

    registrant = models.ForeignKey(Registrant, on_delete=models.PROTECT, related_name="lobbyists")
    name = models.CharField(max_length=NAME_MAX)
    active = models.BooleanField(default=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FormerPosition(models.Model):
    """A public office a lobbyist held before: the revolving door, with dates."""

    lobbyist = models.ForeignKey(Lobbyist, on_delete=models.PROTECT, related_name="former_positions")
    position = models.CharField(max_length=NAME_MAX)
    body_name = models.CharField(max_length=NAME_MAX)
    body = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start"]


class Client(models.Model):
    """Someone the registrant lobbies for (consultancies), or itself for in-house lobbyists."""

    registrant = models.ForeignKey(Registrant, on_delete=models.PROTECT, related_name="clients")
    name = models.CharField(max_length=NAME_MAX)
    bin = models.CharField(max_length=12, blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """One registrant's report for one calendar quarter; its content lives in versions."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, waiting for moderation")
        RETURNED = "returned", _("Returned to the filer")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    registrant = models.ForeignKey(Registrant, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    due = models.DateField(help_text="Last day to file on time (see lobbying.deadlines).")
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False, help_text="First submitted after the due date.")
    published_at = models.DateTimeField(null=True, blank=True, help_text="When a version was first published.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-quarter", "registrant__name"]
        constraints = [
            models.UniqueConstraint(fields=["registrant", "year", "quarter"], name="lobbying_report_once"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="lobbying_quarter_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.registrant} {self.year} Q{self.quarter}"

    @property
    def period(self) -> str:
        return f"{self.year}-Q{self.quarter}"


class ReportVersion(models.Model):
    """The content of a report as filed at one time. Version 1 is the first filing; amendments follow.

    ``state`` of a version: draft (the filer is editing) → submitted → published or returned
    (with the moderator's comment; the filer edits and submits again). When a later version is
    published the earlier published one becomes ``superseded`` and stays public.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded by a later version")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    issues = models.TextField(help_text="Issues lobbied on, in the filer's words.")
    bills = models.ManyToManyField(LegislativeAct, blank=True, related_name="lobbying_versions")
    spending_exact = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True,
                                         help_text="Lobbying spending in the quarter, tenge (or give a band).")
    spending_band = models.CharField(max_length=16, choices=BudgetBand.choices, blank=True)
    amendment_note = models.TextField(blank=True, help_text="What this version changes, for amendments.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    moderator_comment = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="lobbying_version_once")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class ContactedBody(models.Model):
    """A state body contacted in the quarter (named as the filer gave it, linked when known)."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="bodies")
    name = models.CharField(max_length=NAME_MAX)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]


class Meeting(models.Model):
    """One meeting with an official: the EU Commission meeting-log fields, plus the bill if any."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    official_name = models.CharField(max_length=NAME_MAX)
    official_position = models.CharField(max_length=NAME_MAX, blank=True)
    body_name = models.CharField(max_length=NAME_MAX)
    body = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject = models.TextField()
    bill = models.ForeignKey(LegislativeAct, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="lobbying_meetings")

    class Meta:
        ordering = ["date", "id"]


class ClientPayment(models.Model):
    """A client who paid for lobbying in the quarter, with the amount or its band."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="payments")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    band = models.CharField(max_length=16, choices=BudgetBand.choices, blank=True)


class AppendOnly(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the audit log is append-only")

    def delete(self):
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    """One step in the register, by whom and when. Written once; the database refuses changes."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_label = models.CharField(max_length=NAME_MAX, blank=True,
                                   help_text="How the actor is shown publicly (a role, never an e-mail address).")
    action = models.CharField(max_length=48)
    registrant = models.ForeignKey(Registrant, null=True, blank=True, on_delete=models.PROTECT, related_name="audit")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.PROTECT, related_name="audit")
    version = models.ForeignKey(ReportVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="audit")
    detail = models.JSONField(default=dict, blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")

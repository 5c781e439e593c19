"""Civil-society money as published: the NGO database, state grants and awards, foreign funding.

Every row is one published record, with its file and line (``Provenance``), pointing at the
``Organisation`` it names: by BIN when the record has one (the same NGO as in procurement), by
the keyed IIN fingerprint for a natural person (the IIN itself is never stored), and otherwise by
a *name key* (``NAME:<hash of the folded name and region>``) — an organisation row without an
identifier that the linking layer can later judge to be the same as a BIN-keyed one. The state
social order needs no table: it is the goszakup contracts whose method is 52 (see
``opentenge.civil.queries.SOCIAL_ORDER_METHOD``).

Amounts are tenge as integer tiyn (``TengeField``), exact on SQLite and PostgreSQL alike; the text
of the amount cell as published is kept beside it so a reader can check the conversion (spaces,
decimal commas, «тыс.»).
"""
from __future__ import annotations

from django.db import models

from opentenge.store.fields import TengeField
from opentenge.store.models import Organisation, Provenance


class NgoRegistration(Provenance):
    """An NGO as the NGO database lists it: names, legal form, registration, region, activities."""

    key = models.CharField(max_length=64, unique=True, help_text="BIN:<bin>")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="ngo_registrations")
    bin = models.CharField(max_length=12, db_index=True)
    name_ru = models.TextField(blank=True)
    name_kk = models.TextField(blank=True)
    legal_form = models.TextField(help_text="As published, e.g. «Общественное объединение».")
    legal_form_code = models.CharField(max_length=8, blank=True, help_text="PA, PF, PI … (opentenge.ids.legal_forms).")
    registered_on = models.DateField(null=True, blank=True)
    region = models.TextField(blank=True, help_text="As published.")
    region_code = models.CharField(max_length=32, blank=True, db_index=True)
    activities = models.JSONField(default=list, help_text="Areas of activity, as published, one per item.")


class GrantAward(Provenance):
    """One winner line of a state grant or award list (the grant operator's or an akimat's)."""

    class Kind(models.TextChoices):
        GRANT = "grant", "state grant"
        AWARD = "award", "award (премия) to an NGO"

    key = models.CharField(max_length=64, unique=True, help_text="Hash of year, operator, programme, recipient, project.")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.GRANT)
    year = models.IntegerField(db_index=True)
    award_date = models.DateField(null=True, blank=True, help_text="Date of the award decision, when published.")
    operator = models.TextField(help_text="Who awarded it (grant operator, ministry, akimat), as published.")
    programme = models.TextField(help_text="Programme or priority area, as published.")
    programme_key = models.CharField(max_length=255, db_index=True, help_text="Folded programme name, for grouping.")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="grant_awards")
    recipient_name = models.TextField()
    recipient_bin = models.CharField(max_length=12, blank=True, db_index=True)
    region = models.TextField(blank=True)
    region_code = models.CharField(max_length=32, blank=True, db_index=True)
    project_title = models.TextField(blank=True)
    amount = TengeField()
    amount_published = models.CharField(max_length=64, blank=True, help_text="The amount cell as published.")

    class Meta:
        indexes = [models.Index(fields=["programme_key", "year"]), models.Index(fields=["recipient", "year"])]


class GrantCompetition(Provenance):
    """A competition's published summary: how many applied, how many won, how much was offered."""

    key = models.CharField(max_length=64, unique=True)
    year = models.IntegerField()
    operator = models.TextField()
    programme = models.TextField()
    programme_key = models.CharField(max_length=255, db_index=True)
    applications = models.IntegerField(null=True, blank=True)
    winners = models.IntegerField(null=True, blank=True)
    budget = TengeField(null=True, blank=True)


class ForeignFunding(Provenance):
    """One line of the register of persons receiving money from foreign sources (State Revenue Committee).

    ``recipient_name`` is what the register published; for a natural person it is shown only
    because the register published it, and the IIN is kept only masked (``iin_masked``) and as
    the keyed fingerprint in the organisation key.
    """

    class RecipientKind(models.TextChoices):
        LEGAL_ENTITY = "legal_entity", "legal entity"
        PERSON = "person", "natural person (incl. individual entrepreneur)"

    key = models.CharField(max_length=64, unique=True)
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="foreign_funding")
    recipient_kind = models.CharField(max_length=16, choices=RecipientKind.choices)
    recipient_name = models.TextField(blank=True)
    recipient_bin = models.CharField(max_length=12, blank=True, db_index=True)
    iin_masked = models.CharField(max_length=12, blank=True)
    region = models.TextField(blank=True)
    region_code = models.CharField(max_length=32, blank=True, db_index=True)
    donor_name = models.TextField()
    donor_key = models.CharField(max_length=255, db_index=True, help_text="Folded donor name, for grouping.")
    donor_country = models.TextField(blank=True, help_text="As published.")
    donor_country_code = models.CharField(max_length=4, blank=True, db_index=True, help_text="ISO 3166, EU or INTL.")
    amount = TengeField()
    amount_published = models.CharField(max_length=64, blank=True)
    purpose = models.TextField(blank=True)
    period = models.CharField(max_length=64, help_text="The reporting period as published.")
    period_start = models.DateField()
    period_end = models.DateField()
    year = models.IntegerField(db_index=True, help_text="Year of the period's last day.")

    class Meta:
        indexes = [models.Index(fields=["recipient", "year"])]

"""Money in politics: people in public office, parties, their money, and company roles.

Every row read from a source carries the store's provenance (source, file with SHA-256,
locator). Figures typed in by editors from PDFs (election funds) carry a source document URL and
page instead, and become public only after a second editor confirms them.

A ``Person`` never holds an IIN: the parliament sources do not publish one, and a person is
identified by the official source's own id (``mazhilis:<id>``, ``senate:<blog id>`` …).
"""
from __future__ import annotations

from django.db import models

from opentenge.store.fields import TengeField
from opentenge.store.models import Provenance


class Party(Provenance):
    """A registered political party (or a parliamentary faction named after one)."""

    key = models.CharField(max_length=64, unique=True, help_text="Our slug, e.g. amanat, ak-zhol.")
    name_kk = models.TextField(blank=True)
    name_ru = models.TextField(blank=True)
    name_en = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_kk or self.key


class Person(Provenance):
    """A deputy or official as the official source names them, in each language it publishes."""

    key = models.CharField(max_length=64, unique=True, help_text="<source>:<the source's own id>")
    name_kk = models.TextField(blank=True)
    name_ru = models.TextField(blank=True)
    name_en = models.TextField(blank=True)
    search_text = models.TextField(blank=True, help_text="Folded kk/ru/Latin names for search and matching.")
    photo_url = models.TextField(blank=True, help_text="Address of the official photo; never downloaded.")
    profile_url = models.TextField(blank=True)
    birth_date = models.DateField(null=True, blank=True,
                                  help_text="Only as the official biography states it (Senate blog/<id>/biography).")

    def __str__(self) -> str:
        return self.name_ru or self.name_kk or self.name_en or self.key


class Position(Provenance):
    """One office held by a person: chamber, party or faction, constituency, committee, term."""

    class Chamber(models.TextChoices):
        MAZHILIS = "mazhilis", "Mazhilis"
        SENATE = "senate", "Senate"
        MASLIKHAT = "maslikhat", "Maslikhat"
        EXECUTIVE = "executive", "Executive (minister, akim, agency head)"

    class Constituency(models.TextChoices):
        SINGLE_MANDATE = "single_mandate", "single-mandate district"
        PARTY_LIST = "party_list", "party list"
        APPOINTED = "appointed", "appointed"
        ELECTED_BY_MASLIKHATS = "elected_by_maslikhats", "elected by maslikhats"
        UNKNOWN = "", "not published"

    key = models.CharField(max_length=128, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions")
    chamber = models.CharField(max_length=16, choices=Chamber.choices)
    role_kk = models.TextField(blank=True)
    role_ru = models.TextField(blank=True)
    role_en = models.TextField(blank=True)
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT, related_name="positions")
    faction_kk = models.TextField(blank=True)
    faction_ru = models.TextField(blank=True)
    constituency_kind = models.CharField(max_length=32, choices=Constituency.choices, blank=True)
    region_kk = models.TextField(blank=True)
    region_ru = models.TextField(blank=True)
    committee_kk = models.TextField(blank=True)
    committee_ru = models.TextField(blank=True)
    committee_en = models.TextField(blank=True)
    organisation_name = models.TextField(blank=True, help_text="Officials: the body (ministry, akimat).")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    is_current = models.BooleanField(default=True)
    source_url = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date", "key"]


class PartyFunding(Provenance):
    """State budget money paid to a party for one year (law: in proportion to votes received)."""

    key = models.CharField(max_length=64, unique=True, help_text="<party key>:<year>")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="funding")
    year = models.IntegerField()
    amount = TengeField()
    votes = models.BigIntegerField(null=True, blank=True)
    source_url = models.TextField()

    class Meta:
        ordering = ["party", "year"]


class CompanyRole(Provenance):
    """A natural person named as head or founder of a legal entity in the company register.

    The person is only a *name* here: the register row says nothing more, so any link to a
    deputy or official of the same name is a *possible* link (see docs/possible-links.md).
    """

    key = models.CharField(max_length=128, unique=True, help_text="<BIN>:<role>:<folded name>")
    organisation_bin = models.CharField(max_length=12, db_index=True)
    organisation_name_ru = models.TextField(blank=True)
    organisation_name_kk = models.TextField(blank=True)
    role = models.CharField(max_length=16, help_text="director | founder")
    person_name = models.TextField()
    name_key = models.TextField(db_index=True, help_text="Folded name used to find namesakes.")
    since = models.DateField(null=True, blank=True)
    source_url = models.TextField(blank=True)


class ElectionFundFigure(models.Model):
    """One figure of an election fund report, typed in by an editor from the published document.

    Double entry: the editor who enters (or changes) a figure cannot confirm it; a second editor
    confirms, and only confirmed figures are published. Any change after confirmation sends the
    figure back to *awaiting confirmation*. Every save appends an ``ElectionFundFigureVersion``.
    """

    class Line(models.TextChoices):
        RECEIVED_TOTAL = "1", "1 total received"
        OWN_FUNDS = "1.1", "1.1 own funds of the party/candidate"
        DONATIONS = "1.2", "1.2 voluntary donations of citizens and organisations"
        BUDGET = "1.3", "1.3 allocated from the state budget"
        SPENT_TOTAL = "2", "2 total spent"
        SPENT_MEDIA = "2.1", "2.1 mass media"
        SPENT_PRINT = "2.2", "2.2 printed materials"
        SPENT_EVENTS = "2.3", "2.3 meetings and events"
        SPENT_OTHER = "2.4", "2.4 other"
        DONOR = "donor", "a named donor (where published)"

    class Status(models.TextChoices):
        AWAITING = "awaiting", "awaiting confirmation"
        PUBLISHED = "published", "published (confirmed by a second editor)"

    election = models.CharField(max_length=128, help_text="e.g. mazhilis-2023, maslikhat-ulytau-2023")
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT, related_name="fund_figures")
    candidate_name = models.TextField(blank=True, help_text="A candidate (when the report is a candidate's).")
    line = models.CharField(max_length=8, choices=Line.choices)
    donor_name = models.TextField(blank=True, help_text="Only for line 'donor' and only as published.")
    amount = TengeField()
    source_url = models.URLField(max_length=500, help_text="The published report (required).")
    source_page = models.CharField(max_length=32, help_text="Page or table in the document (required).")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.AWAITING)
    entered_by = models.CharField(max_length=150)
    confirmed_by = models.CharField(max_length=150, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    imported_from = models.TextField(blank=True, help_text="CSV file and line, when imported.")

    class Meta:
        ordering = ["election", "party", "line"]

    def __str__(self) -> str:
        who = self.party or self.candidate_name
        return f"{self.election} · {who} · {self.line}: {self.amount}"


class ElectionFundFigureVersion(models.Model):
    """History: the figure as it was after each save, with who saved it and why."""

    figure = models.ForeignKey(ElectionFundFigure, on_delete=models.CASCADE, related_name="versions")
    saved_by = models.CharField(max_length=150)
    saved_at = models.DateTimeField()
    action = models.CharField(max_length=16, help_text="enter | edit | confirm")
    amount = TengeField()
    source_url = models.TextField()
    source_page = models.CharField(max_length=32)
    status = models.CharField(max_length=16)

    class Meta:
        ordering = ["id"]


class Declaration(Provenance):
    """A published summary of an official's income and asset declaration for one year.

    Only what the publication states: the year, the office held, declared income and the number
    (and short description) of property items. Never an address or an IIN.
    """

    key = models.CharField(max_length=96, unique=True, help_text="<person key>:<year>")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    year = models.IntegerField()
    position = models.TextField(blank=True)
    income = TengeField(null=True, blank=True)
    property_items = models.IntegerField(null=True, blank=True)
    property_description = models.TextField(blank=True)
    source_url = models.TextField()

    class Meta:
        ordering = ["person", "-year"]


class PartyReportLine(Provenance):
    """One line of a party's published annual financial report: income or spending by kind."""

    class Direction(models.TextChoices):
        INCOME = "income", "income"
        SPENDING = "spending", "spending"

    key = models.CharField(max_length=128, unique=True, help_text="<party>:<year>:<direction>:<kind>")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="report_lines")
    year = models.IntegerField()
    direction = models.CharField(max_length=8, choices=Direction.choices)
    kind = models.CharField(max_length=32)
    amount = TengeField()
    source_url = models.TextField()

    class Meta:
        ordering = ["party", "year", "direction", "kind"]

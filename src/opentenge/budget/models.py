"""Budget execution as published by budget.egov.kz, one *snapshot* per view, territory and month.

The portal answers "execution as of the end of month M" for one view (departmental by
administrator, functional, economic, the full hierarchical report, priority investments) of
one budget (republican, a region's, a district's). That answer is a snapshot: its figures are
cumulative from January, and the portal revises them. So:

* ``BudgetSnapshot`` is one (view, level, region, period) answer read from one file. Ingesting a
  corrected file for the same month makes a new current snapshot and keeps the old one
  (``is_current=False``, ``replaced_by`` set): history is never overwritten.
* ``BudgetLine`` is a published row that is a real line of the budget (an administrator, a
  programme, a functional group …), with every amount as published (cumulative, thousand tenge).
* ``CheckFigure`` is a published total or subtotal row («Итого», section and group sums). It is
  *not* a line: summing lines and check figures together would count money twice. On import the
  lines are added up and compared with the check figure; ``Discrepancy`` keeps any difference,
  column by column, for the data-quality page.

Amounts are stored as whole tenge in 64-bit integers (``KiloTengeField``): the source publishes
thousand tenge with three decimals, i.e. one tenge, so integers are exact on SQLite and
PostgreSQL alike and sums never drift.
"""
from __future__ import annotations

from django.db import models

from opentenge.budget.fields import KiloTengeField, PercentField
from opentenge.store.models import Organisation, SourceFile

# Amount columns of every report, in the portal's order (see sources/budget_egov/README.md).
AMOUNT_COLUMNS = ("utv", "utch", "plg", "plgp", "plgo", "sumrg", "obz", "obzsumrg")
# Columns whose figures accumulate from January (the others are annual plans).
CUMULATIVE_COLUMNS = ("plgp", "sumrg", "obz", "obzsumrg")
PERCENT_COLUMNS = ("plgpsumrg", "plgsumrg")


class View(models.TextChoices):
    DEPARTMENTAL = "departmental", "by administrator (ABP)"
    FUNCTIONAL = "functional", "functional classification"
    ECONOMIC = "economic", "economic classification"
    PROGRAMME = "programme", "full hierarchical report"
    INVESTMENTS = "investments", "priority investments"


class Level(models.TextChoices):
    REPUBLICAN = "republican", "republican"
    REGIONAL = "regional", "regional"
    DISTRICT = "district", "district"
    RURAL = "rural", "rural district"


class AmountsMixin(models.Model):
    """The published columns, thousand tenge (cumulative year-to-date where the portal says so)."""

    utv = KiloTengeField(help_text="Approved budget for the year (утверждённый бюджет).")
    utch = KiloTengeField(help_text="Revised budget (уточнённый бюджет).")
    plg = KiloTengeField(help_text="Adjusted annual plan (скорректированный бюджет).")
    plgp = KiloTengeField(help_text="Plan to date (план на отчётный период), cumulative.")
    plgo = KiloTengeField(help_text="Financing plan for obligations.")
    sumrg = KiloTengeField(help_text="Cash executed (исполнение), cumulative.")
    obz = KiloTengeField(help_text="Obligations accepted (принятые обязательства), cumulative.")
    obzsumrg = KiloTengeField(help_text="Unpaid obligations = obz − sumrg.")
    plgpsumrg = PercentField(null=True, blank=True, help_text="% of the period plan executed, as published.")
    plgsumrg = PercentField(null=True, blank=True, help_text="% of the annual plan executed, as published.")

    class Meta:
        abstract = True


class BudgetSnapshot(models.Model):
    """One view of one budget for one month, as read from one file."""

    view = models.CharField(max_length=16, choices=View.choices)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.REPUBLICAN)
    region = models.CharField(max_length=16, blank=True, default="",
                              help_text="KATO code of the territory; empty for the republican budget.")
    region_name = models.TextField(blank=True, default="")
    period = models.DateField(help_text="First day of the reporting month; figures are as of its end.")
    source_file = models.ForeignKey(SourceFile, on_delete=models.PROTECT, related_name="budget_snapshots")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of this month's rows as published.")
    is_current = models.BooleanField(default=True)
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces")
    lines = models.IntegerField(default=0)
    check_rows = models.IntegerField(default=0, help_text="Published total/placeholder rows kept as check figures.")
    plan_missing = models.BooleanField(
        default=False, help_text="The period plan (plgp) is published as 0 for the whole snapshot: unknown, not zero.")
    ingested_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["view", "level", "region", "period"], condition=models.Q(is_current=True),
                                    name="budgetsnapshot_one_current"),
        ]
        indexes = [models.Index(fields=["view", "period"])]

    def __str__(self) -> str:
        return f"{self.view} {self.level} {self.region or 'RK'} {self.period:%Y-%m}"


class BudgetLine(AmountsMixin):
    """A published row that is a line of the budget (never a total)."""

    class Kind(models.TextChoices):
        ADMINISTRATOR = "administrator", "administrator (ABP)"
        PROGRAMME = "programme", "budget programme"
        SUBPROGRAMME = "subprogramme", "sub-programme or financing source"
        GROUP = "group", "functional group or subgroup"
        CATEGORY = "category", "economic category"
        REVENUE = "revenue", "revenue classification"
        SECTION = "section", "report section"
        MEMO = "memo", "memo row"

    snapshot = models.ForeignKey(BudgetSnapshot, on_delete=models.CASCADE, related_name="budget_lines")
    # Denormalised from the snapshot so explorer queries need no join.
    view = models.CharField(max_length=16, choices=View.choices)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.REPUBLICAN)
    region = models.CharField(max_length=16, blank=True, default="")
    period = models.DateField()
    is_current = models.BooleanField(default=True)

    kind = models.CharField(max_length=16, choices=Kind.choices)
    depth = models.SmallIntegerField(default=0, help_text="The portal's tree level (0 at the top).")
    section = models.CharField(max_length=8, blank=True, default="",
                               help_text="Report section of the hierarchical report: I … VII.")
    code = models.CharField(max_length=32, help_text="Normalised code: digits, leading zeros restored.")
    code_published = models.CharField(max_length=64, help_text="The code exactly as published, e.g. '101.0'.")
    name = models.TextField(help_text="Cleaned name (homoglyphs, whitespace).")
    name_published = models.TextField(help_text="The name exactly as published.")
    abp_code = models.CharField(max_length=8, blank=True, default="", db_index=True,
                                help_text="Administrator code of this line or of its ancestor.")
    programme_code = models.CharField(max_length=8, blank=True, default="")
    subprogramme_code = models.CharField(max_length=8, blank=True, default="")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    path = models.TextField(blank=True, default="", help_text="Codes from the top, e.g. 'II/1/101'.")
    is_transfer = models.BooleanField(default=False, help_text="A transfer to another budget (counted twice in a sum).")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="budget_lines", db_constraint=False)
    published_id = models.IntegerField(null=True, blank=True, help_text="The row's id inside the month's answer.")
    locator = models.CharField(max_length=64, help_text="Where in the file: 'line 17'.")
    # Flows of the month, derived from consecutive cumulative snapshots (see docs/budget.md).
    sumrg_month = KiloTengeField(null=True, blank=True)
    obz_month = KiloTengeField(null=True, blank=True)
    plgp_month = KiloTengeField(null=True, blank=True)
    month_note = models.CharField(max_length=32, blank=True, default="",
                                  help_text="Why a derived monthly flow is unusual, e.g. 'reattributed'.")

    class Meta:
        indexes = [
            models.Index(fields=["view", "is_current", "period", "kind"]),
            models.Index(fields=["view", "is_current", "abp_code", "period"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CheckFigure(AmountsMixin):
    """A published total or subtotal row; the lines beneath it must add up to it."""

    snapshot = models.ForeignKey(BudgetSnapshot, on_delete=models.CASCADE, related_name="check_figures")
    scope = models.CharField(max_length=255, help_text="What it totals: 'total', 'section:II', 'placeholder:<path>'.")
    code_published = models.CharField(max_length=64)
    name_published = models.TextField()
    locator = models.CharField(max_length=64)


class Discrepancy(models.Model):
    """A published check figure that the published lines do not add up to, one column each.

    Compared at the stored precision (one tenge). ``severity`` is ``rounding`` when the
    difference is within ``tolerance`` (each published figure is rounded on its own, so a sum of
    n rounded figures may miss its rounded total by a few tenge) and ``mismatch`` otherwise.
    """

    class Severity(models.TextChoices):
        ROUNDING = "rounding", "within rounding tolerance"
        MISMATCH = "mismatch", "lines do not add up"

    snapshot = models.ForeignKey(BudgetSnapshot, on_delete=models.CASCADE, related_name="discrepancies")
    check_figure = models.ForeignKey(CheckFigure, null=True, blank=True, on_delete=models.CASCADE)
    scope = models.CharField(max_length=255, help_text="'total', 'section:II', 'placeholder:<path>' or 'line:<path>'.")
    column = models.CharField(max_length=16)
    published = KiloTengeField()
    computed = KiloTengeField()
    difference = KiloTengeField(help_text="computed − published, thousand tenge.")
    tolerance = KiloTengeField(help_text="Largest difference explained by per-figure rounding.")
    severity = models.CharField(max_length=16, choices=Severity.choices, default=Severity.MISMATCH)
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["snapshot_id", "scope", "column"]


class Relation(models.TextChoices):
    SELF = "self", "the administrator itself"
    SUBORDINATE = "subordinate", "a body subordinate to the administrator"


class AdministratorMapping(models.Model):
    """One row of an operator's mapping file ``abp_code,bin,relation`` (docs/formats/budget_abp_organisations.md).

    Kept as data, not applied once: organisations often arrive after the budget (goszakup
    ingested later), so every re-link reads these rows again.
    """

    abp_code = models.CharField(max_length=8, db_index=True)
    bin = models.CharField(max_length=12)
    relation = models.CharField(max_length=16, choices=Relation.choices)
    source_file = models.ForeignKey(SourceFile, on_delete=models.PROTECT, related_name="+")
    locator = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["abp_code", "bin"], name="administratormapping_unique")]


class AdministratorLink(models.Model):
    """A judgment "this ABP is (or oversees) this organisation", with how it was made.

    Rebuilt by ``opentenge.budget.administrators.relink`` from the mapping rows (by BIN) and,
    for ABPs without a mapping, from names (only an unambiguous match links).
    """

    class MatchedBy(models.TextChoices):
        BIN = "bin", "BIN from the operator's mapping file"
        NAME = "name", "unambiguous name match"

    abp_code = models.CharField(max_length=8, db_index=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="budget_administrator_links",
                                     db_constraint=False)
    relation = models.CharField(max_length=16, choices=Relation.choices)
    matched_by = models.CharField(max_length=8, choices=MatchedBy.choices)
    detail = models.TextField(blank=True, default="", help_text="The name or mapping row the link rests on.")
    linked_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["abp_code", "organisation"], name="administratorlink_unique")]
        ordering = ["abp_code", "relation", "organisation_id"]


# Public hearings of local budgets live in their own module (issue 11); imported here so Django sees them.
from opentenge.budget.hearing_models import Hearing, HearingDocument, HearingProposal  # noqa: E402,F401

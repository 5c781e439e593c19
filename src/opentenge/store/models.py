"""The store: what OpenTenge keeps, and where every value came from.

Three layers, each a table family:

* **Runs and files** (``IngestRun``, ``SourceFile``): a source file's records become visible in
  the same transaction that records the file, so a killed ingest never leaves half a file behind
  and a re-run knows, by SHA-256, which files are done.
* **Versions and quarantine** (``RecordVersion``, ``QuarantinedRecord``): every distinct version
  of every source record is kept (nothing is overwritten silently); records that fail
  validation are kept too, with the file, locator, field and a human reason.
* **Entities** (``Organisation``, ``Reference``, ``Tender``, ``Lot``, ``Contract``): the current
  version of each record, typed (``Decimal`` tenge, real dates), each row pointing at the file and
  locator it was read from.

Cross-references inside a source (a contract's announcement, a lot's announcement) are stored as
the *source's own id* with a foreign key that has no database constraint: files arrive in any
order, and a contract whose announcement we have not seen yet must still land.
"""
from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from opentenge.store.fields import TengeField


class IngestRun(models.Model):
    """One invocation of ``opentenge ingest``; a run left ``running`` was interrupted."""

    class Status(models.TextChoices):
        RUNNING = "running"
        COMPLETED = "completed"
        FAILED = "failed"

    source = models.CharField(max_length=64, db_index=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    files = models.IntegerField(default=0)
    records = models.IntegerField(default=0)
    inserted = models.IntegerField(default=0)
    updated = models.IntegerField(default=0)
    unchanged = models.IntegerField(default=0)
    quarantined = models.IntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]


class SourceFile(models.Model):
    """A published file (a saved API page, a CSV …) that has been ingested completely."""

    source = models.CharField(max_length=64)
    name = models.CharField(max_length=255)
    path = models.TextField(help_text="Path as given to the ingest command.")
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    kind = models.CharField(max_length=64, help_text="What the file holds, e.g. contract pages.")
    url = models.TextField(blank=True, help_text="Where the file was downloaded from, when known.")
    retrieved_at = models.DateTimeField(null=True, blank=True)
    ingested_at = models.DateTimeField()
    run = models.ForeignKey(IngestRun, null=True, blank=True, on_delete=models.SET_NULL)
    records = models.IntegerField(default=0)
    inserted = models.IntegerField(default=0)
    updated = models.IntegerField(default=0)
    unchanged = models.IntegerField(default=0)
    quarantined = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "sha256"], name="sourcefile_unique_content")]

    def __str__(self) -> str:
        return f"{self.source}:{self.name}"


class Provenance(models.Model):
    """Where the current value of a row was read: source, file (with its SHA-256), locator."""

    source = models.CharField(max_length=64, default="goszakup")
    source_file = models.ForeignKey(SourceFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    locator = models.CharField(max_length=255, blank=True, help_text="Where in the file, e.g. items[3].")
    content_hash = models.CharField(max_length=64, blank=True)
    source_updated_at = models.DateTimeField(null=True, blank=True, help_text="The record's own lastUpdateDate.")

    class Meta:
        abstract = True


class RecordVersion(models.Model):
    """Every distinct version of a source record, as read (natural persons' IINs masked)."""

    source = models.CharField(max_length=64)
    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=128)
    content_hash = models.CharField(max_length=64)
    payload = models.JSONField(encoder=DjangoJSONEncoder, help_text="Numbers as exact decimal strings.")
    source_file = models.ForeignKey(SourceFile, on_delete=models.PROTECT, related_name="versions")
    locator = models.CharField(max_length=255)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "key", "content_hash"], name="recordversion_unique")
        ]
        indexes = [models.Index(fields=["source", "kind", "key"])]


class QuarantinedRecord(models.Model):
    """A record (or a whole file) that could not be trusted, kept with the reason."""

    source = models.CharField(max_length=64, db_index=True)
    source_file = models.ForeignKey(SourceFile, on_delete=models.PROTECT, related_name="quarantine")
    locator = models.CharField(max_length=255)
    record_key = models.CharField(max_length=128, blank=True)
    field = models.CharField(max_length=128, blank=True)
    reason = models.TextField()
    raw = models.TextField(blank=True, help_text="The offending record, truncated, IINs masked.")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]


class Organisation(Provenance):
    """A legal entity, a state body or an individual entrepreneur met in any source.

    ``key`` is the identity we can prove: ``BIN:<12 digits>`` for legal entities; for an
    individual entrepreneur (a natural person) ``IIN:<fingerprint>`` — the IIN itself is never
    stored, only a keyed fingerprint and a masked form for display.
    """

    key = models.CharField(max_length=64, unique=True)
    bin = models.CharField(max_length=12, null=True, blank=True, unique=True)
    iin_masked = models.CharField(max_length=12, blank=True)
    is_person = models.BooleanField(default=False, help_text="A natural person (individual entrepreneur).")
    name_ru = models.TextField(blank=True)
    name_kk = models.TextField(blank=True)
    search_text = models.TextField(blank=True, help_text="Folded kk/ru/Latin search key.")
    registered_on = models.DateField(null=True, blank=True)
    is_customer = models.BooleanField(default=False)
    is_supplier = models.BooleanField(default=False)
    is_organizer = models.BooleanField(default=False)
    is_resident = models.BooleanField(null=True)
    gz_pid = models.BigIntegerField(null=True, blank=True, help_text="goszakup participant id.")

    def __str__(self) -> str:
        return self.name_ru or self.name_kk or self.key


class Reference(Provenance):
    """An entry of a source's reference dictionary (procurement methods, statuses …)."""

    key = models.CharField(max_length=128, unique=True, help_text="<ref_name>:<id>")
    ref_name = models.CharField(max_length=64)
    ref_id = models.BigIntegerField()
    code = models.CharField(max_length=128, blank=True)
    name_ru = models.TextField(blank=True)
    name_kk = models.TextField(blank=True)
    name_en = models.TextField(blank=True, help_text="Our translation; the source publishes kk and ru.")

    class Meta:
        indexes = [models.Index(fields=["ref_name", "ref_id"])]


class Tender(Provenance):
    """A procurement announcement (goszakup ``TrdBuy``)."""

    gz_id = models.BigIntegerField(unique=True)
    number_anno = models.CharField(max_length=64, blank=True, db_index=True)
    name_ru = models.TextField(blank=True)
    name_kk = models.TextField(blank=True)
    total_sum = TengeField(null=True)
    count_lots = models.IntegerField(null=True)
    method_id = models.IntegerField(null=True, help_text="Planned method (refTradeMethodsId).")
    status_id = models.IntegerField(null=True)
    subject_type_id = models.IntegerField(null=True)
    publish_date = models.DateTimeField(null=True)
    start_date = models.DateTimeField(null=True)
    end_date = models.DateTimeField(null=True)
    customer = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="tenders_as_customer")
    organizer = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="tenders_as_organizer")


class Lot(Provenance):
    """A lot of an announcement (goszakup ``Lots``)."""

    gz_id = models.BigIntegerField(unique=True)
    lot_number = models.CharField(max_length=64, blank=True, db_index=True)
    tender = models.ForeignKey(
        Tender, to_field="gz_id", db_column="tender_gz_id", db_constraint=False, null=True,
        on_delete=models.DO_NOTHING, related_name="lots",
    )
    name_ru = models.TextField(blank=True)
    name_kk = models.TextField(blank=True)
    description_ru = models.TextField(blank=True)
    description_kk = models.TextField(blank=True)
    amount = TengeField(null=True)
    count = models.DecimalField(max_digits=20, decimal_places=3, null=True)
    method_id = models.IntegerField(null=True)
    status_id = models.IntegerField(null=True)
    customer = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="lots_as_customer")


class Contract(Provenance):
    """A signed contract (goszakup ``Contract``).

    Amounts are tenge as published: ``contract_sum`` without VAT and ``contract_sum_wnds`` with
    VAT are kept apart. ``method_id`` is the method *actually* used (``faktTradeMethodsId``),
    which is what every total by method uses.
    """

    gz_id = models.BigIntegerField(unique=True)
    parent_gz_id = models.BigIntegerField(null=True, blank=True)
    root_gz_id = models.BigIntegerField(null=True, blank=True)
    tender = models.ForeignKey(
        Tender, to_field="gz_id", db_column="tender_gz_id", db_constraint=False, null=True,
        on_delete=models.DO_NOTHING, related_name="contracts",
    )
    lot = models.ForeignKey(
        Lot, to_field="gz_id", db_column="lot_gz_id", db_constraint=False, null=True,
        on_delete=models.DO_NOTHING, related_name="contracts",
    )
    number_anno = models.CharField(max_length=64, blank=True)
    contract_number = models.CharField(max_length=128, blank=True)
    contract_number_sys = models.CharField(max_length=128, blank=True, db_index=True)
    status_id = models.IntegerField(null=True)
    deleted = models.BooleanField(default=False)
    customer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts_as_customer")
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts_as_supplier")
    sign_date = models.DateField(null=True, db_index=True)
    ec_end_date = models.DateField(null=True)
    plan_exec_date = models.DateField(null=True)
    fakt_exec_date = models.DateField(null=True)
    contract_sum = TengeField(null=True)
    contract_sum_wnds = TengeField()
    fakt_sum = TengeField(null=True)
    fakt_sum_wnds = TengeField(null=True)
    currency = models.CharField(max_length=3, default="KZT")
    exchange_rate = models.DecimalField(max_digits=20, decimal_places=6, null=True)
    fin_year = models.IntegerField(null=True, db_index=True)
    method_id = models.IntegerField(db_index=True)
    subject_type_id = models.IntegerField(null=True)
    description_ru = models.TextField(blank=True)
    description_kk = models.TextField(blank=True)
    is_gu = models.BooleanField(null=True, help_text="The buyer is a state institution.")

    class Meta:
        # Covering indexes for an organisation's page: the party, then the sign date (its contracts
        # table is ordered by date, newest first: read in index order, no sort of a large buyer's
        # contracts), then the filter, the summed value and the counterpart, so the live figures
        # and their refresh (store.aggregates) read the index without touching the table.
        # (contract_sum_wnds, id) serves lists sorted by value, e.g. /api/v1/contracts?sort=-value.
        indexes = [
            models.Index(fields=["customer", "sign_date", "deleted", "currency", "contract_sum_wnds", "supplier"],
                         name="contract_buyer_date_cover"),
            models.Index(fields=["supplier", "sign_date", "deleted", "currency", "contract_sum_wnds", "customer"],
                         name="contract_supplier_date_cover"),
            models.Index(fields=["contract_sum_wnds", "id"], name="contract_value"),
        ]


class DataVersion(models.Model):
    """One row whose number goes up whenever published data changes (``opentenge.web.pagecache``).

    Cached pages are keyed by this number, so one UPDATE makes every cached page stale at once, in
    every process — the web server's cache is told by the database, not by the ingest process
    reaching into it.
    """

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)
    reason = models.CharField(max_length=200, blank=True)


# -- pre-computed figures (opentenge.store.aggregates) ------------------------------------------
# Foreign keys without a database constraint: these tables are rebuilt wholesale by SQL and must
# never block deleting or merging an organisation (a stale row is marked, then recomputed).

def _organisation_ref(**extra):
    return models.ForeignKey(Organisation, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False,
                             related_name="+", **extra)


class OrganisationYearTotal(models.Model):
    """Counted contracts (``queries.COUNTED``) and their value per organisation, role and sign year.

    The organisation page reads a few of these rows instead of aggregating every contract of a
    large buyer on each view. ``role`` is ``buyer`` or ``supplier``; ``year`` is null for contracts
    without a sign date, exactly as the live query groups them.
    """

    organisation = _organisation_ref()
    role = models.CharField(max_length=8)
    year = models.IntegerField(null=True)
    contracts = models.IntegerField()
    value = TengeField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "role", "year"], name="orgyeartotal_lookup")]


class CounterpartTotal(models.Model):
    """The top counterparts of an organisation in one role (rank 1 = largest value, ties by id)."""

    organisation = _organisation_ref()
    role = models.CharField(max_length=8)
    rank = models.IntegerField()
    counterpart = _organisation_ref()
    contracts = models.IntegerField()
    value = TengeField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "role", "rank"], name="counterparttotal_lookup")]


class AggregateDirty(models.Model):
    """Organisations whose contracts changed after the last refresh of the tables above.

    Filled by database triggers on ``store_contract`` (any writer, ORM or raw SQL or COPY), emptied by
    ``aggregates.refresh_aggregates``. An organisation listed here is shown from the live query.
    """

    organisation = models.OneToOneField(Organisation, primary_key=True, on_delete=models.DO_NOTHING,
                                        db_constraint=False, related_name="+")


class AggregateState(models.Model):
    """One row once a full refresh has run; without it no pre-computed figure is trusted."""

    computed_at = models.DateTimeField()

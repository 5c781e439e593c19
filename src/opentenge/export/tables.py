"""The public tables of a bulk export: which rows, which columns, of which type.

One list (``catalogue.TABLES``: the procurement tables here, the other apps' in their own
modules) drives every tabular format (CSV, Parquet, SQLite) and the Frictionless
schema, so the four can never disagree about a column. Each column names its Frictionless type;
money is ``number`` held as exact ``Decimal`` tenge (stored as tiyn, see ``store.fields``).

Personal data: an individual entrepreneur is a natural person. Only ``iin_masked`` is exported;
the organisation's public id is its BIN or, for a person, the keyed fingerprint already used in
page addresses — never the IIN.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from opentenge.store import models as m

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless field type: string, integer, number, boolean, date, datetime, object (JSON)
    source: str  # a ``values()`` lookup (or an annotation of the table's queryset)
    description: str = ""
    transform: Callable[[object], object] | None = None
    scale: int = 3  # decimal places of a ``number`` column in Parquet (``decimal128(20 + scale - 3, scale)``)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    queryset: Callable[[], object]
    columns: tuple[Column, ...]
    primary_key: str = "id"
    sources: tuple[str, ...] = ("goszakup",)  # names in ``export.provenance.SOURCES``

    def rows(self, chunk_size: int | None = None) -> Iterator[tuple]:
        """Rows as tuples in column order, streamed from the database in chunks of ``CHUNK``."""
        lookups = [c.source for c in self.columns]
        transforms = [c.transform for c in self.columns]
        chunk_size = chunk_size or CHUNK  # read at call time, so a test can shrink it
        for values in self.queryset().values_list(*lookups).iterator(chunk_size=chunk_size):
            yield tuple(t(v) if t else v for t, v in zip(transforms, values))

    def count(self) -> int:
        return self.queryset().count()


def org_id(key_or_bin):
    """The public id of an organisation (see ``store.queries.org_slug``) from its key."""
    if not key_or_bin:
        return None
    kind, _, value = key_or_bin.partition(":")
    return value if kind == "BIN" else key_or_bin.replace(":", "-", 1)


def org_column(prefix: str, role: str) -> Column:
    return Column(f"{prefix}_id", "string", f"{prefix}__key", f"The {role}: BIN, or a person's fingerprint id.",
                  org_id)


def provenance_columns() -> tuple[Column, ...]:
    return (
        Column("source", "string", "source", "Source the row was read from."),
        Column("source_file_sha256", "string", "source_file__sha256", "SHA-256 of the source file."),
        Column("locator", "string", "locator", "Where in the source file."),
    )


def sourced_columns() -> tuple[Column, ...]:
    """Provenance of rows that are either ingested (file + locator) or typed in (a public URL)."""
    return (
        Column("source_file_sha256", "string", "source_file__sha256", "SHA-256 of the source file, when ingested."),
        Column("locator", "string", "locator", "Where in the source file."),
        Column("source_url", "string", "source_url", "Public page the row was taken from, when typed in."),
    )


ORGANISATIONS = Table(
    "organisations", "Organisations",
    "Legal entities, state bodies and individual entrepreneurs; a person's IIN appears masked only.",
    lambda: m.Organisation.objects.order_by("id"),
    (
        Column("id", "string", "key", "BIN, or for a natural person a keyed fingerprint id.", org_id),
        Column("bin", "string", "bin", "Business identification number (legal entities)."),
        Column("iin_masked", "string", "iin_masked", "Masked IIN of an individual entrepreneur."),
        Column("is_person", "boolean", "is_person", "A natural person (individual entrepreneur)."),
        Column("name_ru", "string", "name_ru"),
        Column("name_kk", "string", "name_kk"),
        Column("registered_on", "date", "registered_on"),
        Column("is_customer", "boolean", "is_customer"),
        Column("is_supplier", "boolean", "is_supplier"),
        Column("is_organizer", "boolean", "is_organizer"),
        Column("is_resident", "boolean", "is_resident"),
        *provenance_columns(),
    ),
    sources=("goszakup", "ngo_register", "state_grants", "foreign_funding"),
)

REFERENCES = Table(
    "references", "Reference lists", "Code lists of the source (procurement methods, statuses …).",
    lambda: m.Reference.objects.order_by("id"),
    (
        Column("id", "string", "key", "<ref_name>:<id>"),
        Column("ref_name", "string", "ref_name"),
        Column("ref_id", "integer", "ref_id"),
        Column("code", "string", "code"),
        Column("name_ru", "string", "name_ru"),
        Column("name_kk", "string", "name_kk"),
        Column("name_en", "string", "name_en"),
        *provenance_columns(),
    ),
)

TENDERS = Table(
    "tenders", "Tenders", "Procurement announcements (goszakup TrdBuy).",
    lambda: m.Tender.objects.order_by("gz_id"),
    (
        Column("id", "integer", "gz_id", "goszakup announcement id."),
        Column("number_anno", "string", "number_anno"),
        Column("name_ru", "string", "name_ru"),
        Column("name_kk", "string", "name_kk"),
        Column("total_sum", "number", "total_sum", "Planned total, tenge."),
        Column("count_lots", "integer", "count_lots"),
        Column("method_id", "integer", "method_id", "Planned method (references ref_trade_methods)."),
        Column("status_id", "integer", "status_id"),
        Column("subject_type_id", "integer", "subject_type_id"),
        Column("publish_date", "datetime", "publish_date"),
        Column("start_date", "datetime", "start_date"),
        Column("end_date", "datetime", "end_date"),
        org_column("customer", "buyer"),
        org_column("organizer", "organiser"),
        *provenance_columns(),
    ),
)

LOTS = Table(
    "lots", "Lots", "Lots of announcements (goszakup Lots).",
    lambda: m.Lot.objects.order_by("gz_id"),
    (
        Column("id", "integer", "gz_id", "goszakup lot id."),
        Column("lot_number", "string", "lot_number"),
        Column("tender_id", "integer", "tender_id", "goszakup announcement id."),
        Column("name_ru", "string", "name_ru"),
        Column("name_kk", "string", "name_kk"),
        Column("description_ru", "string", "description_ru"),
        Column("description_kk", "string", "description_kk"),
        Column("amount", "number", "amount", "Planned amount, tenge."),
        Column("count", "number", "count"),
        Column("method_id", "integer", "method_id"),
        Column("status_id", "integer", "status_id"),
        org_column("customer", "buyer"),
        *provenance_columns(),
    ),
)

CONTRACTS = Table(
    "contracts", "Contracts",
    "Signed contracts (goszakup Contract); contract_sum_wnds (with VAT, tenge) is the value every total uses.",
    lambda: m.Contract.objects.order_by("gz_id"),
    (
        Column("id", "integer", "gz_id", "goszakup contract id."),
        Column("parent_id", "integer", "parent_gz_id"),
        Column("root_id", "integer", "root_gz_id"),
        Column("tender_id", "integer", "tender_id"),
        Column("lot_id", "integer", "lot_id"),
        Column("number_anno", "string", "number_anno"),
        Column("contract_number", "string", "contract_number"),
        Column("contract_number_sys", "string", "contract_number_sys"),
        Column("status_id", "integer", "status_id"),
        Column("deleted", "boolean", "deleted", "Marked deleted in the source; not counted in totals."),
        org_column("customer", "buyer"),
        org_column("supplier", "supplier"),
        Column("sign_date", "date", "sign_date"),
        Column("ec_end_date", "date", "ec_end_date"),
        Column("plan_exec_date", "date", "plan_exec_date"),
        Column("fakt_exec_date", "date", "fakt_exec_date"),
        Column("contract_sum", "number", "contract_sum", "Tenge without VAT."),
        Column("contract_sum_wnds", "number", "contract_sum_wnds", "Tenge with VAT."),
        Column("fakt_sum", "number", "fakt_sum", "Paid, tenge without VAT."),
        Column("fakt_sum_wnds", "number", "fakt_sum_wnds", "Paid, tenge with VAT."),
        Column("currency", "string", "currency"),
        Column("exchange_rate", "number", "exchange_rate", scale=6),
        Column("fin_year", "integer", "fin_year"),
        Column("method_id", "integer", "method_id", "Method actually used (references ref_trade_methods)."),
        Column("subject_type_id", "integer", "subject_type_id"),
        Column("description_ru", "string", "description_ru"),
        Column("description_kk", "string", "description_kk"),
        Column("is_gu", "boolean", "is_gu", "The buyer is a state institution."),
        *provenance_columns(),
    ),
)



def _budget_lines():
    from opentenge.budget.models import BudgetLine

    return BudgetLine.objects.filter(is_current=True).order_by("id")


_KT = "Thousand tenge, as published."
BUDGET_LINES = Table(
    "budget_lines", "Budget lines",
    "Lines of the budget execution reports, republican and local (level and region say which budget: "
    "region is the KATO code of a regional, district or rural-district budget); current version of each "
    "month; amounts in THOUSAND tenge, cumulative from the start of the year. Totals rows are not lines.",
    _budget_lines,
    (
        Column("id", "integer", "id"),
        Column("view", "string", "view", "departmental, economic, programme or investments."),
        Column("level", "string", "level"),
        Column("region", "string", "region"),
        Column("period", "date", "period", "First day of the reporting month."),
        Column("kind", "string", "kind"),
        Column("depth", "integer", "depth"),
        Column("section", "string", "section"),
        Column("code", "string", "code"),
        Column("code_published", "string", "code_published"),
        Column("name", "string", "name"),
        Column("abp_code", "string", "abp_code", "Budget administrator code."),
        Column("programme_code", "string", "programme_code"),
        Column("subprogramme_code", "string", "subprogramme_code"),
        Column("parent_id", "integer", "parent_id"),
        Column("path", "string", "path"),
        Column("is_transfer", "boolean", "is_transfer", "A transfer to another budget (counted twice in a sum)."),
        Column("organisation_id", "string", "organisation__key", "The administrator's BIN when known.", org_id),
        *(Column(f, "number", f, _KT) for f in ("utv", "utch", "plg", "plgp", "plgo", "sumrg", "obz", "obzsumrg")),
        Column("source_file_sha256", "string", "snapshot__source_file__sha256"),
        Column("locator", "string", "locator"),
    ),
    sources=("budget_egov", "budget_local"),
)

PROCUREMENT_TABLES: tuple[Table, ...] = (ORGANISATIONS, REFERENCES, TENDERS, LOTS, CONTRACTS, BUDGET_LINES)

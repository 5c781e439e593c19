"""Response shapes of ``/api/v1`` (they are the OpenAPI document)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
import re
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator

from opentenge.api.paging import MAX_PAGE, sort_keys
from opentenge.corrections.schemas import CorrectionNotice

# Sort keys each list offers (API name → model field); ``-key`` sorts descending, ties broken by id.
ORGANISATION_SORTS = {"id": "id", "name": "name_ru", "registered": "registered_on"}
CONTRACT_SORTS = {"id": "id", "date": "sign_date", "value": "contract_sum_wnds", "year": "fin_year"}
QUARANTINE_SORTS = {"id": "id", "created": "created_at"}

CURSOR_HELP = "next_cursor of the previous page; opaque, valid only with the same sort"
LIMIT_HELP = f"rows per page, 1–{MAX_PAGE}; more is refused with 422"


def _iso_date_only(value):
    """Query dates as YYYY-MM-DD only: pydantic alone would read ``0`` as a Unix timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


def Cursor():  # noqa: N802 - reads like a type in the filter schemas below
    return Field(None, description=CURSOR_HELP)


def Limit():  # noqa: N802
    return Field(50, ge=1, le=MAX_PAGE, description=LIMIT_HELP)


class Organisation(Schema):
    id: str = Field(description="BIN for legal entities; an opaque id for natural persons")
    bin: str | None
    iin_masked: str | None = Field(description="Natural persons' IIN, masked: only the last 4 digits")
    is_person: bool
    name_ru: str
    name_kk: str
    is_customer: bool
    is_supplier: bool


class RankedOrganisation(Organisation):
    contracts: int
    value: Decimal


class YearTotal(Schema):
    year: int | None
    contracts: int
    value: Decimal


class MethodName(Schema):
    ru: str
    kk: str
    en: str


class MethodTotal(Schema):
    method_id: int
    method: MethodName | None
    contracts: int
    value: Decimal


class Overview(Schema):
    contracts: int
    value: Decimal
    buyers: int
    suppliers: int
    first_date: date | None
    last_date: date | None
    by_year: list[YearTotal]
    by_method: list[MethodTotal]
    top_buyers: list[RankedOrganisation]
    top_suppliers: list[RankedOrganisation]


class Provenance(Schema):
    source: str
    file: str
    path: str
    sha256: str
    url: str | None
    retrieved_at: datetime | None
    ingested_at: datetime
    locator: str


class BuyerSide(Schema):
    contracts: int
    value: Decimal
    by_year: list[YearTotal]
    top_suppliers: list[RankedOrganisation]


class SupplierSide(Schema):
    contracts: int
    value: Decimal
    by_year: list[YearTotal]
    top_buyers: list[RankedOrganisation]


class OrganisationDetail(Organisation):
    registered_on: date | None
    provenance: Provenance | None
    as_buyer: BuyerSide
    as_supplier: SupplierSide
    corrections: list[CorrectionNotice] = []


class OrganisationPage(Schema):
    items: list[Organisation]
    next_cursor: str | None
    sort: str = "id"


class OrganisationFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(ORGANISATION_SORTS)] = Field("id", description="name sorts by the Russian name")
    role: Literal["buyer", "supplier"] | None = Field(None, description="only buyers or only suppliers")
    is_person: bool | None = Field(None, description="natural persons (individual entrepreneurs) or not")


class SearchPage(OrganisationPage):
    query: str


class Contract(Schema):
    id: int
    number: str
    sign_date: date | None
    fin_year: int | None
    customer: Organisation
    supplier: Organisation
    method_id: int
    value: Decimal = Field(description="Value with VAT, tenge")
    currency: str
    deleted: bool
    description_ru: str
    description_kk: str


class ContractPage(Schema):
    items: list[Contract]
    next_cursor: str | None
    sort: str


class ContractTable(Schema):
    role: str
    sort: str
    page: int
    pages: int
    total: int
    items: list[Contract]


class TenderRef(Schema):
    id: int
    number: str
    name_ru: str | None = None
    name_kk: str | None = None
    publish_date: datetime | None = None


class LotRef(Schema):
    id: int
    number: str
    name_ru: str
    name_kk: str
    amount: Decimal | None


MAX_ID = 2**63 - 1  # the largest id a database column holds: anything larger is refused, never a 500
TENDER_SORTS = {"id": "id", "published": "publish_date", "value": "total_sum"}
LOT_SORTS = {"id": "id", "value": "amount"}


class Tender(Schema):
    id: int = Field(description="goszakup id of the announcement (TrdBuy)")
    number: str
    name_ru: str
    name_kk: str
    customer: Organisation | None
    organizer: Organisation | None
    method_id: int | None = Field(description="Planned method (refTradeMethodsId)")
    status_id: int | None
    total_sum: Decimal | None
    count_lots: int | None
    publish_date: datetime | None
    start_date: datetime | None
    end_date: datetime | None


class TenderFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(TENDER_SORTS)] = Field("id", description="published = publication date, "
                                                                     "value = planned total")
    year: int | None = Field(None, ge=1991, le=2100, description="Year of publication")
    method_id: int | None = Field(None, ge=0, le=MAX_ID)
    customer: str | None = Field(None, description="Buyer's BIN or id")
    status_id: int | None = Field(None, ge=0, le=MAX_ID)


class TenderPage(Schema):
    items: list[Tender]
    next_cursor: str | None
    sort: str


class Lot(Schema):
    id: int = Field(description="goszakup id of the lot")
    number: str
    tender_id: int | None
    name_ru: str
    name_kk: str
    description_ru: str
    description_kk: str
    amount: Decimal | None
    count: Decimal | None
    method_id: int | None
    status_id: int | None
    customer: Organisation | None


class LotFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(LOT_SORTS)] = "id"
    tender: int | None = Field(None, ge=0, le=MAX_ID, description="goszakup id of the announcement")
    method_id: int | None = Field(None, ge=0, le=MAX_ID)
    customer: str | None = Field(None, description="Buyer's BIN or id")


class LotPage(Schema):
    items: list[Lot]
    next_cursor: str | None
    sort: str


class LotDetail(Lot):
    contracts: list[Contract]
    provenance: Provenance | None


class TenderDetail(Tender):
    method: MethodName | None
    lots: list[Lot]
    contracts: list[Contract]
    provenance: Provenance | None


class ContractDetail(Contract):
    contract_number: str
    contract_number_sys: str
    method: MethodName | None
    planned_method_id: int | None
    planned_method: MethodName | None
    value_without_vat: Decimal | None
    value_with_vat: Decimal
    paid: Decimal | None
    ec_end_date: date | None
    plan_exec_date: date | None
    fakt_exec_date: date | None
    status_id: int | None
    tender: TenderRef | None
    lot: LotRef | None
    versions: int
    corrections: list[CorrectionNotice] = []
    provenance: Provenance | None


class ContractFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(CONTRACT_SORTS)] = Field("id", description="date = signed, value = with VAT, "
                                                                       "year = financial year")
    year: int | None = Field(None, ge=1991, le=2100, description="Year signed")
    method_id: int | None = Field(None, ge=0, le=MAX_ID)
    customer: str | None = Field(None, description="Buyer's BIN or id")
    supplier: str | None = Field(None, description="Supplier's BIN or id")


class QuarantineItem(Schema):
    id: int
    source: str
    file: str
    path: str
    sha256: str
    locator: str
    record_key: str | None
    field: str | None
    reason: str
    raw: str
    created_at: datetime


class QuarantinePage(Schema):
    items: list[QuarantineItem]
    next_cursor: str | None
    sort: str
    total: int = Field(description="rows matching the filters")


class QuarantineFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(QUARANTINE_SORTS)] = "id"
    source: str | None = Field(None, description="e.g. goszakup, budget_egov")
    field: str | None = Field(None, description="the offending field")


class SourceCounts(Schema):
    files: int
    records: int
    organisations: int = 0
    tenders: int = 0
    lots: int = 0
    contracts: int = 0
    references: int = 0
    quarantined: int = 0


class Stats(Schema):
    organisations: int
    persons: int
    tenders: int
    lots: int
    contracts: int
    references: int
    quarantined: int
    record_versions: int
    source_files: int
    by_source: dict[str, SourceCounts]

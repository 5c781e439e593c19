"""Response shapes of ``/api/v1`` (they are the OpenAPI document)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema


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


class OrganisationPage(Schema):
    items: list[Organisation]
    next_cursor: str | None


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
    provenance: Provenance | None


class ContractFilters(Schema):
    cursor: str | None = None
    limit: int = Field(50, ge=1, le=500)
    year: int | None = None
    method_id: int | None = None
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
    total: int


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

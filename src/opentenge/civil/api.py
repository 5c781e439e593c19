"""``/api/v1/civil``: the civil-society pages' data, from the same query functions.

Amounts are exact decimal strings in tenge; natural persons appear only with a masked IIN.

``/grants`` is the grants explorer's twin (numbered pages, totals, rankings, filter options, as the
page shows them). The entity lists ``/ngos``, ``/grant-awards`` and ``/foreign-funding`` page with
cursors (``opentenge.api.paging``) and take the same filters, so a client can walk every row.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opentenge.api.guard import guarded
from opentenge.api.paging import keyset_page, sort_keys
from opentenge.api.schemas import Cursor, Limit
from opentenge.civil import explore, transparency
from opentenge.civil import models as cm
from opentenge.civil import queries as cq
from opentenge.civil.regions import CODES as REGION_CODES
from opentenge.civil.regions import region_names
from opentenge.store import queries as sq

router = Router(tags=["civil society"])

Region = Literal[REGION_CODES]
AMOUNT = r"^\d{1,15}(\.\d{1,2})?$"  # tenge, at most two decimals: what the registers publish
AMOUNT_HELP = "tenge, e.g. 1000000 or 2500.50"
Year = Field(None, ge=2000, le=2035)

NGO_SORTS = {"id": "id", "name": "name_ru", "registered": "registered_on"}
GRANT_SORTS = {"id": "id", "amount": "amount", "year": "year", "date": "award_date"}
FOREIGN_SORTS = {"id": "id", "amount": "amount", "year": "year", "period_end": "period_end"}


def _guard(call, *args, **kwargs):
    return guarded(call, *args, bad_request=(explore.BadFilter,), **kwargs)


def _amount(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


# -- the grants explorer ---------------------------------------------------------------------------

class GrantFilters(Schema):
    year: int | None = Year
    region: Region | None = Field(None, description="region code, e.g. KZ-ALA")
    programme: str = Field("", description="programme key (options.programmes[].key)")
    country: str = Field("", description="donor country code (ISO 3166, EU or INTL)")
    kind: Literal["grant", "award", "foreign"] | None = None
    amount_min: str | None = Field(None, pattern=AMOUNT, description=AMOUNT_HELP)
    amount_max: str | None = Field(None, pattern=AMOUNT, description=AMOUNT_HELP)
    sort: Literal[tuple(explore.SORTS)] = "-amount"
    page: int = Field(1, ge=1, le=100_000, description="numbered page of 50 rows, as on the site")


@router.get("/ngo/{org_id}", summary="An organisation's income by year and kind, grant projects, foreign sources, "
                                     "state social order contracts, each with provenance")
def ngo(request: HttpRequest, org_id: str):
    return _guard(cq.ngo_profile, org_id)


@router.get("/grants", summary="The grants explorer: state grants, awards and foreign funding, filtered, with totals "
                               "and rankings (numbered pages; walk every row with /grant-awards and /foreign-funding)")
def grants(request: HttpRequest, filters: GrantFilters = Query(...)):
    params = {k: ("" if v is None else str(v)) for k, v in filters.dict().items()}
    parsed = _guard(explore.Filters.from_params, params)
    return explore.explorer(parsed, sort=filters.sort, page=filters.page)


@router.get("/transparency", summary="Transparency indicators C001–C004 for every state grant programme")
def transparency_indicators(request: HttpRequest):
    return transparency.programmes()


# -- NGOs --------------------------------------------------------------------------------------------

class NgoFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(NGO_SORTS)] = Field("id", description="name sorts by the Russian name")
    region: Region | None = None
    legal_form: str | None = Field(None, description="legal form code: PA, PF, PI …")
    q: str | None = Field(None, description="name (Russian or Kazakh) contains, or the BIN", max_length=200)


def ngo_item(row: cm.NgoRegistration) -> dict:
    """A registered NGO; ``id`` is the organisation's id, as in /civil/ngo/{id} and /organisations/{id}."""
    return {**sq.organisation_summary(row.organisation), "registered_name_ru": row.name_ru,
            "registered_name_kk": row.name_kk, "legal_form": row.legal_form, "legal_form_code": row.legal_form_code,
            "registered_on": row.registered_on, "region": row.region, "region_code": row.region_code,
            "region_names": region_names(row.region_code), "activities": row.activities}


@router.get("/ngos", summary="Registered NGOs (non-commercial organisations), filtered, sorted, cursor-paged")
def ngos(request: HttpRequest, filters: NgoFilters = Query(...)):
    qs = cm.NgoRegistration.objects.select_related("organisation")
    if filters.region:
        qs = qs.filter(region_code=filters.region)
    if filters.legal_form:
        qs = qs.filter(legal_form_code=filters.legal_form)
    if filters.q:
        text = filters.q.strip()
        qs = qs.filter(bin=text) if text.isdigit() else (qs.filter(name_ru__icontains=text)
                                                         | qs.filter(name_kk__icontains=text))
    return _guard(keyset_page, qs, sort=filters.sort, fields=NGO_SORTS, cursor=filters.cursor,
                  limit=filters.limit, serialise=ngo_item)


# -- grant awards and foreign funding ------------------------------------------------------------------

class MoneyFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    year: int | None = Year
    region: Region | None = None
    recipient: str | None = Field(None, description="the recipient organisation's id (BIN)")
    amount_min: str | None = Field(None, pattern=AMOUNT, description=AMOUNT_HELP)
    amount_max: str | None = Field(None, pattern=AMOUNT, description=AMOUNT_HELP)

    def explore_filters(self, **extra) -> explore.Filters:
        return explore.Filters(year=self.year, region=self.region or "", amount_min=_amount(self.amount_min),
                               amount_max=_amount(self.amount_max), **extra)


class GrantAwardFilters(MoneyFilters):
    sort: Literal[sort_keys(GRANT_SORTS)] = Field("id", description="date = award decision date (nulls last)")
    kind: Literal["grant", "award"] | None = None
    programme: str | None = Field(None, description="programme key, as in the explorer's options")


class ForeignFundingFilters(MoneyFilters):
    sort: Literal[sort_keys(FOREIGN_SORTS)] = "id"
    country: str | None = Field(None, description="donor country code (ISO 3166, EU or INTL)")


def _recipient(qs, slug: str | None):
    return qs.filter(recipient=sq.get_organisation(slug)) if slug else qs


def grant_award_item(g: cm.GrantAward) -> dict:
    return {"id": g.key, **cq.grant_item(g)}


def foreign_funding_item(f: cm.ForeignFunding) -> dict:
    return {"id": f.key, "type": "foreign", **cq.foreign_item(f)}


@router.get("/grant-awards", summary="State grants and awards to NGOs, filtered like the explorer, cursor-paged")
def grant_awards(request: HttpRequest, filters: GrantAwardFilters = Query(...)):
    wanted = filters.explore_filters(kind=filters.kind or "", programme=filters.programme or "")
    qs = _guard(_recipient, explore.grants_queryset(wanted).select_related("recipient", "source_file"),
                filters.recipient)
    return _guard(keyset_page, qs, sort=filters.sort, fields=GRANT_SORTS, cursor=filters.cursor,
                  limit=filters.limit, serialise=grant_award_item)


@router.get("/grant-awards/{award_id}", summary="One grant or award, with provenance")
def grant_award(request: HttpRequest, award_id: str):
    row = cm.GrantAward.objects.select_related("recipient", "source_file").filter(key=award_id).first()
    if row is None:
        raise HttpError(404, f"no grant award {award_id!r}")
    return grant_award_item(row)


@router.get("/foreign-funding", summary="Money from foreign sources (State Revenue Committee register), cursor-paged")
def foreign_funding(request: HttpRequest, filters: ForeignFundingFilters = Query(...)):
    wanted = filters.explore_filters(country=filters.country or "")
    qs = _guard(_recipient, explore.foreign_queryset(wanted).select_related("recipient", "source_file"),
                filters.recipient)
    return _guard(keyset_page, qs, sort=filters.sort, fields=FOREIGN_SORTS, cursor=filters.cursor,
                  limit=filters.limit, serialise=foreign_funding_item)


@router.get("/foreign-funding/{funding_id}", summary="One foreign-funding record, with provenance")
def foreign_funding_record(request: HttpRequest, funding_id: str):
    row = cm.ForeignFunding.objects.select_related("recipient", "source_file").filter(key=funding_id).first()
    if row is None:
        raise HttpError(404, f"no foreign-funding record {funding_id!r}")
    return foreign_funding_item(row)

"""``/api/v1``: the same query functions as the website, as a documented JSON API.

Lists use opaque cursors (``next_cursor``) with no cap on how far a client may page; page size
is ``limit`` (1–500, default 50). Amounts are decimal strings in tenge, so no client loses a tiyn
to floating point. OpenAPI: ``/api/v1/openapi.json``; interactive docs: ``/api/v1/docs``.
"""
from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Path, Query

from ninja.renderers import JSONRenderer

from opentenge.api.guard import guarded
from opentenge.api.http import document_conventions, install_handlers
from opentenge.api.paging import keyset_page
from opentenge.api.schemas import (
    CONTRACT_SORTS, LOT_SORTS, MAX_ID, ORGANISATION_SORTS, QUARANTINE_SORTS, TENDER_SORTS, ContractDetail, ContractFilters,
    ContractPage, ContractTable, LotDetail, LotFilters, LotPage, OrganisationDetail, OrganisationFilters,
    OrganisationPage, Overview, QuarantineFilters, QuarantinePage, SearchPage, Stats, TenderDetail, TenderFilters,
    TenderPage,
)
from opentenge.store import models as m
from opentenge.store import queries as q
from opentenge.web.jsonencoder import OpenTengeJSONEncoder


class Renderer(JSONRenderer):
    encoder_class = OpenTengeJSONEncoder
    json_dumps_params = {"ensure_ascii": False}


class OpenTengeAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document also declares the conventions of ``opentenge.api.http``."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return document_conventions(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = OpenTengeAPI(
    title="OpenTenge API", version="1", renderer=Renderer(),
    description="Public procurement and other public money in Kazakhstan. Read-only. Conventions (cursors, "
                "decimal strings, ETags, CORS, problem+json errors, rate limits, API keys): docs/api.md.")
install_handlers(api)  # problem+json for every router mounted below


def _guard(call, *args, **kwargs):
    return guarded(call, *args, bad_request=(ValueError,), **kwargs)


def _as_built(request: HttpRequest, page: dict):
    """The page as JSON without ninja re-validating it against the response schema.

    For the long lists only (contracts, organisations, search): their dicts are built by
    ``store.queries`` in exactly the schema's shape (tests/test_search_fast.py compares the bytes
    with the validated rendering), and validating 50–500 nested rows per request cost as much as
    the query. The schema still documents the response in the OpenAPI document.
    """
    return api.create_response(request, page, status=200)


@api.get("/stats", response=Stats, summary="Counts per entity kind and per source")
def stats(request: HttpRequest):
    return q.stats()


@api.get("/overview", response=Overview, summary="Headline totals, by year and method, top buyers and suppliers")
def overview(request: HttpRequest):
    return q.overview()


@api.get("/search", response=SearchPage, summary="Organisations by name (Kazakh, Russian or Latin) or BIN")
def search(request: HttpRequest, q_: str = Query(..., alias="q", min_length=1), cursor: str | None = None,
           limit: int = Query(50, ge=1, le=500)):
    page = _guard(q.search_organisations, q_, cursor=cursor, limit=limit)
    return _as_built(request, {"items": page["items"], "next_cursor": page["next_cursor"], "sort": "id",
                               "query": page["query"]})  # SearchPage's fields, in its order


@api.get("/organisations", response=OrganisationPage,
         summary="All organisations, filtered by role and kind, sorted by id or name, cursor-paged")
def organisations(request: HttpRequest, filters: OrganisationFilters = Query(...)):
    qs = m.Organisation.objects.all()
    if filters.role == "buyer":
        qs = qs.filter(is_customer=True)
    elif filters.role == "supplier":
        qs = qs.filter(is_supplier=True)
    if filters.is_person is not None:
        qs = qs.filter(is_person=filters.is_person)
    return _as_built(request, _guard(keyset_page, qs, sort=filters.sort, fields=ORGANISATION_SORTS,
                                     cursor=filters.cursor, limit=filters.limit, serialise=q.organisation_summary_row,
                                     values=q.ORGANISATION_COLUMNS))


@api.get("/organisations/{org_id}", response=OrganisationDetail, summary="One organisation as buyer and supplier")
def organisation(request: HttpRequest, org_id: str):
    return _guard(q.organisation_detail, org_id)


@api.get("/organisations/{org_id}/contracts", response=ContractTable,
         summary="An organisation's contracts as buyer or supplier, sorted and paged")
def organisation_contracts(request: HttpRequest, org_id: str, role: str = Query("buyer", pattern="^(buyer|supplier)$"),
                           sort: str = Query("-date", pattern="^-?(date|value)$"), page: int = Query(1, ge=1),
                           per_page: int = Query(50, ge=1, le=500)):
    return _guard(q.organisation_contracts, org_id, role, sort=sort, page=page, per_page=per_page)


@api.get("/contracts", response=ContractPage, summary="All contracts with filters, sorted by id, date or value, "
                                                      "cursor-paged")
def contracts(request: HttpRequest, filters: ContractFilters = Query(...)):
    wanted = filters.dict(include={"year", "method_id", "customer", "supplier"})
    qs = _guard(q.filtered_contracts, **wanted)
    return _as_built(request, _guard(keyset_page, qs, sort=filters.sort, fields=CONTRACT_SORTS,
                                     cursor=filters.cursor, limit=filters.limit, serialise=q.contract_summary_row,
                                     values=q.CONTRACT_COLUMNS))


@api.get("/contracts/{contract_id}", response=ContractDetail, summary="One contract with parties, method, lot and provenance")
def contract(request: HttpRequest, contract_id: int = Path(..., ge=0, le=MAX_ID)):
    return _guard(q.contract_detail, contract_id)


@api.get("/tenders", response=TenderPage, summary="Procurement announcements with filters, sorted and cursor-paged")
def tenders(request: HttpRequest, filters: TenderFilters = Query(...)):
    qs = _guard(q.filtered_tenders, **filters.dict(include={"year", "method_id", "customer", "status_id"}))
    return _guard(keyset_page, qs, sort=filters.sort, fields=TENDER_SORTS, cursor=filters.cursor,
                  limit=filters.limit, serialise=q.tender_summary)


@api.get("/tenders/{tender_id}", response=TenderDetail, summary="One announcement with its lots, contracts and provenance")
def tender(request: HttpRequest, tender_id: int = Path(..., ge=0, le=MAX_ID)):
    return _guard(q.tender_detail, tender_id)


@api.get("/lots", response=LotPage, summary="Lots of announcements with filters, sorted and cursor-paged")
def lots(request: HttpRequest, filters: LotFilters = Query(...)):
    qs = _guard(q.filtered_lots, **filters.dict(include={"tender", "method_id", "customer"}))
    return _guard(keyset_page, qs, sort=filters.sort, fields=LOT_SORTS, cursor=filters.cursor,
                  limit=filters.limit, serialise=q.lot_summary)


@api.get("/lots/{lot_id}", response=LotDetail, summary="One lot with the contracts signed on it and provenance")
def lot(request: HttpRequest, lot_id: int = Path(..., ge=0, le=MAX_ID)):
    return _guard(q.lot_detail, lot_id)


@api.get("/quarantine", response=QuarantinePage, summary="Records set aside, with file, locator, field and reason")
def quarantine(request: HttpRequest, filters: QuarantineFilters = Query(...)):
    qs = m.QuarantinedRecord.objects.select_related("source_file")
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.field:
        qs = qs.filter(field=filters.field)
    page = _guard(keyset_page, qs, sort=filters.sort, fields=QUARANTINE_SORTS, cursor=filters.cursor,
                  limit=filters.limit, serialise=q.quarantine_item)
    page["total"] = qs.count()
    return page


# Each app mounts its own part of the API.
from opentenge.budget.api import router as budget_router  # noqa: E402
from opentenge.civil.api import router as civil_router  # noqa: E402
from opentenge.legislation.api import router as legislation_router  # noqa: E402
from opentenge.lobbying.api import router as lobbying_router  # noqa: E402
from opentenge.indicators.api import router as indicators_router  # noqa: E402
from opentenge.linking.api import router as linking_router  # noqa: E402
from opentenge.politics.api import router as politics_router  # noqa: E402

api.add_router("/budget", budget_router)
api.add_router("/linking", linking_router)
api.add_router("/civil", civil_router)
api.add_router("/politics", politics_router)
api.add_router("/legislation", legislation_router)
api.add_router("/lobbying", lobbying_router)
api.add_router("/indicators", indicators_router)
api.add_router("/scorecards", __import__("opentenge.scorecards.api", fromlist=["router"]).router)

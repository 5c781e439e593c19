"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the pages.

``/results`` walks every stored result (flagged, clear and insufficient data alike, each said as
such) with cursors; ``/results/{id}`` is one result by its stable id.
"""
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opentenge.api.paging import BadCursor, keyset_page, sort_keys
from opentenge.api.schemas import Cursor, Limit
from opentenge.indicators import queries as iq
from opentenge.indicators.models import FlagResult
from opentenge.store.queries import NotFound, get_organisation

router = Router(tags=["red flags"])

RESULT_SORTS = {"id": "id", "value": "value", "computed": "computed_at", "code": "code"}


def result_item(result: FlagResult) -> dict:
    return {"id": result.pk, **iq.serialise(result),
            "buyer": result.buyer.bin or result.buyer.key if result.buyer_id else None,
            "supplier": result.supplier.bin or result.supplier.key if result.supplier_id else None}


class ResultFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(RESULT_SORTS)] = Field("id", description="value = the indicator's measured value "
                                                                   "(nulls last)")
    code: str | None = Field(None, pattern=r"^[Rr]\d{3}$", description="indicator code, e.g. R001")
    outcome: Literal[tuple(FlagResult.Outcome.values)] | None = Field(
        None, description="insufficient_data means the data cannot answer: never read it as no risk")
    subject_kind: Literal[tuple(FlagResult.Subject.values)] | None = None
    buyer: str | None = Field(None, description="the buyer's organisation id (BIN)")
    supplier: str | None = Field(None, description="the supplier's organisation id (BIN)")


@router.get("/", summary="Every indicator: rule, data needed, thresholds, false positives, outcome counts")
def indicators(request):
    items = iq.indicator_list()
    return {"count": len(items), "items": items}


@router.get("/explorer", summary="Buyers ranked by flagged contract value (filters: code, year)")
def explorer(request, code: str = "", year: int | None = Query(None, ge=2000, le=2100)):
    try:
        return iq.explorer(code, year)
    except NotFound:
        raise Http404(code)


@router.get("/results", summary="Every stored result, filtered by indicator, outcome, subject, buyer, supplier; "
                                "cursor-paged")
def results_list(request, filters: ResultFilters = Query(...)):
    qs = FlagResult.objects.select_related("buyer", "supplier").prefetch_related("contracts")
    for name in ("outcome", "subject_kind"):
        if getattr(filters, name):
            qs = qs.filter(**{name: getattr(filters, name)})
    if filters.code:
        qs = qs.filter(code=filters.code.upper())
    try:
        if filters.buyer:
            qs = qs.filter(buyer=get_organisation(filters.buyer))
        if filters.supplier:
            qs = qs.filter(supplier=get_organisation(filters.supplier))
        return keyset_page(qs, sort=filters.sort, fields=RESULT_SORTS, cursor=filters.cursor, limit=filters.limit,
                           serialise=result_item)
    except NotFound as exc:
        raise HttpError(404, str(exc)) from None
    except BadCursor as exc:
        raise HttpError(400, str(exc)) from None


@router.get("/results/{result_id}", summary="One stored result by id, with the inputs that decided it")
def result(request, result_id: int):
    row = (FlagResult.objects.select_related("buyer", "supplier").prefetch_related("contracts")
           .filter(pk=result_id).first() if 0 < result_id < 2**63 else None)
    if row is None:
        raise HttpError(404, f"no result {result_id}")
    return result_item(row)


@router.get("/results/{kind}/{key}", summary="Stored results about one tender, contract or organisation")
def results(request, kind: Literal[tuple(FlagResult.Subject.values)], key: str):
    items = iq.contract_flags(int(key)) if kind == "contract" and key.isdigit() else iq.results_for_subject(kind, key)
    return {"count": len(items), "items": items}


@router.get("/{code}", summary="One indicator's method and outcome counts")
def indicator(request, code: str):
    try:
        return iq.indicator_method(code)
    except NotFound:
        raise Http404(code)

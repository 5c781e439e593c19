"""``/api/v1/civil``: the civil-society pages' data, from the same query functions.

Amounts are exact decimal strings in tenge; natural persons appear only with a masked IIN.
"""
from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opentenge.civil import explore, transparency
from opentenge.civil import queries as cq
from opentenge.store import queries as sq

router = Router(tags=["civil society"])


class GrantFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2035)
    region: str = ""
    programme: str = ""
    country: str = ""
    kind: str = ""
    amount_min: str = ""
    amount_max: str = ""
    sort: str = "-amount"
    page: int = 1


@router.get("/ngo/{org_id}", summary="An organisation's income by year and kind, grant projects, foreign sources, "
                                     "state social order contracts, each with provenance")
def ngo(request: HttpRequest, org_id: str):
    try:
        return cq.ngo_profile(org_id)
    except sq.NotFound as exc:
        raise HttpError(404, str(exc)) from None


@router.get("/grants", summary="State grants, awards and foreign funding: filtered list, totals and rankings")
def grants(request: HttpRequest, filters: GrantFilters = Query(...)):
    params = {k: ("" if v is None else str(v)) for k, v in filters.dict().items()}
    try:
        parsed = explore.Filters.from_params(params)
    except explore.BadFilter as exc:
        raise HttpError(400, str(exc)) from None
    return explore.explorer(parsed, sort=filters.sort, page=filters.page)


@router.get("/transparency", summary="Transparency indicators C001–C004 for every state grant programme")
def transparency_indicators(request: HttpRequest):
    return transparency.programmes()

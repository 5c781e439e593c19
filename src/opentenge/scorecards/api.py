"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes at ``/scorecards``): the same data as the pages.

``/`` lists one row per state body with the year's measures (filters ``kind``, ``measure``,
``year``), cursor-paged; ``/{body}`` is one body's scorecard with its trend over years.
"""
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opentenge.api.paging import BadCursor, keyset_list, sort_keys
from opentenge.api.schemas import Cursor, Limit
from opentenge.scorecards import queries as sq
from opentenge.scorecards.kinds import KINDS
from opentenge.scorecards.measures import MEASURES

router = Router(tags=["scorecards"])
SORTS = {"id": "id", "value": "value"}


class ScorecardFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(SORTS)] = Field("id", description="id = the body's BIN; value = the chosen measure's "
                                                              "value (insufficient data last; without a measure "
                                                              "every value is null, so the order is by id)")
    kind: Literal[tuple(KINDS)] | None = Field(None, description="kind of state body")
    measure: Literal[tuple(MEASURES)] | None = Field(None, description="only this measure (and its value as `value`)")
    year: int | None = Field(None, ge=2000, le=2100, description="calendar year; default the latest complete year")


@router.get("", summary="State bodies with the year's scorecard measures, filtered by kind and measure, "
                        "cursor-paged")
def scorecards(request: HttpRequest, filters: ScorecardFilters = Query(...)):
    try:
        year, rows = sq.api_rows(filters.kind, filters.measure, filters.year)
        page = keyset_list(rows, sort=filters.sort, fields=SORTS, cursor=filters.cursor, limit=filters.limit)
    except BadCursor as exc:
        raise HttpError(400, str(exc)) from None
    except sq.BadRequest as exc:
        raise HttpError(400, str(exc)) from None
    return {**page, "year": year, "kind": filters.kind, "measure": filters.measure}


@router.get("/{body}", summary="One state body's scorecard: every measure with formula, source and period, "
                               "and the trend over years")
def scorecard(request: HttpRequest, body: str, year: int | None = Query(None, ge=2000, le=2100)):
    try:
        return sq.scorecard(body, year)
    except sq.NotFound as exc:
        raise HttpError(404, str(exc)) from None

"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the pages.

``/acts`` takes the list page's filters and pages with cursors over *every* matching act (the page
shows the first ones only); ``/councils`` is the public-council register's twin.
"""
from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opentenge.api.paging import BadCursor, keyset_list, sort_keys
from opentenge.api.schemas import Cursor, Limit
from opentenge.legislation import queries as q
from opentenge.store.queries import NotFound
from opentenge.web.language import api_language

router = Router(tags=["legislation"])

ACT_SORTS = {"id": "id", "discussion_start": "discussion_start", "discussion_end": "discussion_end",
             "comments": "comments", "discussion_days": "discussion_days"}
Lang = Literal["kk", "ru", "en"]


class ActFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(ACT_SORTS)] = Field("-discussion_start", description="nulls last in both directions")
    status: str = Field("", description="stage code, e.g. discussion, adopted (see the list page's statuses)")
    body: str = Field("", max_length=200, description="developing body's name contains")
    open: bool = Field(False, description="only acts whose public discussion is open today")
    short: bool = Field(False, description="only discussions shorter than the legal minimum")
    kind: Literal["draft", "bill"] | None = None
    lang: Lang | None = Field(None, description="language of the title field (default: the request's)")


@router.get("/acts", summary="Draft acts and bills, filtered like /legislation/, sorted, cursor-paged")
def acts(request, filters: ActFilters = Query(...)):
    wanted = {"status": filters.status, "body": filters.body, "open": "1" if filters.open else "",
              "short": "1" if filters.short else "", "kind": filters.kind or ""}
    rows = q.act_rows(wanted, api_language(filters.lang), timezone.localdate())
    try:
        page = keyset_list(rows, sort=filters.sort, fields=ACT_SORTS, cursor=filters.cursor, limit=filters.limit)
    except BadCursor as exc:
        raise HttpError(400, str(exc)) from None
    return {"count": page["total"], **page}  # count: acts matching the filters, as before cursors


@router.get("/acts/{act_id}", summary="One act with its timeline")
def act(request, act_id: int, lang: Lang | None = None):
    try:
        return q.act_detail(act_id, api_language(lang))
    except NotFound:
        raise Http404(act_id)


@router.get("/councils", summary="Public councils: members as published, meetings, opinions on acts")
def councils(request, lang: Lang | None = None):
    return q.councils(api_language(lang))

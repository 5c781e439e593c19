"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes at ``/api/v1/budget``).

The same query functions as the budget pages (``opentenge.budget.explore``). Amounts are decimal
strings in the source unit, thousand tenge (``"unit": "thousand KZT"``) with three decimals, i.e.
exact to the tenge; percentages are decimal strings too. Procurement values are tenge (``KZT``).
"""
from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opentenge.api.paging import BadCursor, keyset_list, sort_keys
from opentenge.api.schemas import CURSOR_HELP, LIMIT_HELP, MAX_PAGE
from opentenge.budget import explore

router = Router(tags=["budget"])

Amount = str
AMOUNT_HELP = "thousand tenge, exact decimal string"


class Amounts(Schema):
    utv: Amount = Field(description="approved budget for the year, " + AMOUNT_HELP)
    utch: Amount = Field(description="revised budget, " + AMOUNT_HELP)
    plg: Amount = Field(description="adjusted annual plan, " + AMOUNT_HELP)
    plgp: Amount | None = Field(description="plan to date (cumulative); null when the source did not publish it")
    plgo: Amount = Field(description="financing plan for obligations, " + AMOUNT_HELP)
    sumrg: Amount = Field(description="cash executed, cumulative from January, " + AMOUNT_HELP)
    obz: Amount = Field(description="obligations accepted, cumulative, " + AMOUNT_HELP)
    obzsumrg: Amount = Field(description="unpaid obligations = obz - sumrg, " + AMOUNT_HELP)


class ViewPeriods(Schema):
    view: str
    periods: list[str] = Field(description="YYYY-MM, oldest first")
    years: list[int]
    latest: str


class Periods(Schema):
    unit: str
    views: list[ViewPeriods]


class UnitRow(Amounts):
    code: str = Field(description="ABP code (administrator views) or group/category code")
    name: str
    execution_pct: str | None = Field(description="sumrg / plg × 100")
    period_execution_pct: str | None = Field(description="sumrg / plgp × 100")
    transfers_plg: Amount
    transfers_sumrg: Amount
    has_transfers: bool


class Totals(Schema):
    utv: Amount | None = None
    plg: Amount | None = None
    plgp: Amount | None = None
    sumrg: Amount | None = None
    obz: Amount | None = None
    execution_pct: str | None
    transfers_plg: Amount
    transfers_sumrg: Amount
    net_plg: Amount = Field(description="plg without transfers to other budgets")
    net_sumrg: Amount = Field(description="sumrg without transfers to other budgets")
    units: int
    published: dict | None = Field(description="the published total row («Итого»), when the report has one")
    difference: dict | None = Field(description="lines added up − published, per column")


class SeriesPoint(Schema):
    period: str
    plg: Amount
    plgp: Amount | None
    sumrg: Amount
    sumrg_month: Amount | None = Field(description="the month's flow, derived from consecutive cumulative figures")
    execution_pct: str | None
    period_execution_pct: str | None
    note: str


class AbpSeries(Schema):
    code: str
    name: str
    points: list[SeriesPoint]


class Series(Schema):
    year: int
    total: list[SeriesPoint]
    abp: AbpSeries | None
    plan_gaps: bool = Field(description="some month's plan to date was not published (null, not zero)")


class RankingRow(Schema):
    code: str
    name: str
    plg: Amount
    sumrg: Amount
    unspent: Amount
    execution_pct: str | None
    december: Amount | None = Field(description="paid in December alone")
    december_share_pct: str | None = Field(description="December's payments / the year's payments × 100")
    note: str


class Ranking(Schema):
    year: int
    period: str | None
    complete_year: bool
    rows: list[RankingRow] = Field(description="lowest execution first")
    december_rush: list[str] = Field(default=[], description="codes, largest December share first")


class Explorer(Schema):
    unit: str
    empty: bool
    view: str
    views: list[str]
    period: str | None
    mode: str | None = None
    year: int | None = None
    note: str | None = None
    periods: list[str]
    years: list[int]
    measure: str
    unit_kind: str | None = None
    period_plan_missing: bool | None = None
    totals: Totals | None = None
    units: list[UnitRow] = []
    programmes: list[dict] = Field(default=[], description="programmes with their sub-programmes")
    treemap: dict | None = Field(default=None, description="measure, depth, source_view and nested nodes: code, "
                                                           "name, value, plg, sumrg, transfer, rest, children")
    series: Series | None = None
    ranking: Ranking | None = None


class AdministratorItem(Schema):
    code: str
    name: str
    first_period: str
    last_period: str
    view: str | None
    latest: dict | None = Field(description="utv, plg, sumrg and execution_pct at the latest month")


class AdministratorList(Schema):
    unit: str
    items: list[AdministratorItem]
    next_cursor: str | None
    sort: str
    total: int


ADMINISTRATOR_SORTS = {"code": "code", "name": "name", "last_period": "last_period"}


class Administrator(Schema):
    unit: str
    code: str
    name: str
    organisation: dict | None
    view: str
    views: list[str]
    period: str
    mode: str
    note: str | None
    periods: list[str]
    figures: dict
    transfers: dict | None
    names: list[dict] = Field(description="every published name with the months it was used")
    by_function: dict = Field(description="period and rows: the administrator's lines in the full report, by section and functional group")
    programmes: list[dict]
    programmes_view: str | None
    programmes_period: str | None
    series: list[dict]
    procurement: dict = Field(description="contracts of the body and its subordinate bodies; values in tenge (KZT)")


class Discrepancy(Schema):
    period: str
    view: str
    level: str
    current: bool
    scope: str
    column: str
    published: Amount
    computed: Amount
    difference: Amount = Field(description="computed − published, thousand tenge")
    tolerance: Amount = Field(description="largest difference explained by rounding each published figure")
    severity: str = Field(description="mismatch, or rounding when within the tolerance")
    note: str
    file: str


class Quality(Schema):
    unit: str
    discrepancies: list[Discrepancy] = Field(description="current snapshots first")
    counts: dict[str, int] = Field(description="mismatch and rounding (current snapshots), replaced")
    history: list[dict] = Field(description="snapshots replaced by a corrected file")
    snapshots: list[dict]
    quarantined: int


def _guard(call, *args, **kwargs):
    try:
        return explore.jsonable(call(*args, **kwargs))
    except explore.NotFound as exc:
        raise HttpError(404, str(exc)) from None
    except explore.BadRequest as exc:
        raise HttpError(400, str(exc)) from None


@router.get("/periods", response=Periods, summary="Published views and months of the republican budget")
def periods(request: HttpRequest):
    return _guard(explore.periods)


View = Literal["departmental", "programme", "investments", "functional", "economic"]
Measure = Literal["plg", "sumrg", "utv"]

@router.get("/explorer", response=Explorer,
            summary="Approved, adjusted and executed by administrator, treemap, execution curve and ranking")
def explorer(request: HttpRequest, view: View | None = Query(None, description="departmental (default), programme, "
                                                                               "investments, functional, economic"),
             period: str | None = Query(None, description="YYYY (latest month of the year), YYYY-MM or MM.YYYY",
                                        pattern=r"^(\d{4}|\d{4}-\d{2}|\d{2}\.\d{4})$"),
             abp: str | None = Query(None, description="an ABP code whose execution curve to add"),
             measure: Measure | None = Query(None, description="treemap size: plg (default), sumrg or utv")):
    return _guard(explore.explorer, view=view, period=period, abp=abp, measure=measure)


@router.get("/administrators", response=AdministratorList,
            summary="Every budget administrator (ABP) with its latest figures; sorted, cursor-paged")
def administrators(request: HttpRequest, cursor: str | None = Query(None, description=CURSOR_HELP),
                   limit: int = Query(50, ge=1, le=MAX_PAGE, description=LIMIT_HELP),
                   sort: Literal[sort_keys(ADMINISTRATOR_SORTS)] = "code"):
    data = _guard(explore.administrators)
    rows = [{**row, "id": row["code"]} for row in data["items"]]
    try:
        page = keyset_list(rows, sort=sort, fields=ADMINISTRATOR_SORTS, cursor=cursor, limit=limit)
    except BadCursor as exc:
        raise HttpError(400, str(exc)) from None
    return {"unit": data["unit"], **page}


@router.get("/administrators/{code}", response=Administrator,
            summary="One administrator: figures, names over time, programmes, execution and procurement")
def administrator(request: HttpRequest, code: str, period: str | None = None):
    return _guard(explore.administrator, code, period=period)


@router.get("/quality", response=Quality, summary="Published totals the lines do not add up to; replaced snapshots")
def quality(request: HttpRequest):
    return _guard(explore.quality)


LocalLevel = Literal["regional", "district", "rural"]


class LocalIndex(Schema):
    regions: list[dict] = Field(description="regions (KATO AA0000000), each with its districts and their rural "
                                            "districts under 'children'; years held and hearings counted")
    counts: dict[str, int] = Field(description="budgets held per level")
    hearings: int


class LocalBudget(Schema):
    level: str
    kato: str = Field(description="9-digit KATO code of the territory")
    year: int
    name: str
    unit: str
    view: str | None
    period: str | None = Field(description="the latest month shown (YYYY-MM)")
    lines: list[dict] = Field(description="administrators: utv, utch, plg, sumrg (" + AMOUNT_HELP + ")")
    totals: dict
    hearings: list[dict] = Field(description="hearings with documents, proposals (answers and reasons) and 'change': "
                                             "approved/revised amounts before the hearing vs the latest month")
    answer_counts: dict[str, int]


@router.get("/local", response=LocalIndex, summary="Local budgets held: region → district → rural district")
def local_index(request: HttpRequest):
    return _guard(explore.local_index)


@router.get("/local/{level}/{kato}/{year}", response=LocalBudget,
            summary="One local budget: its figures, its public hearings and how it changed after each")
def local_budget(request: HttpRequest, level: LocalLevel, kato: str, year: int):
    return _guard(explore.local_budget, level, kato, year)

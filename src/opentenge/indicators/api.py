"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the pages."""
from django.http import Http404
from ninja import Query, Router

from opentenge.indicators import queries as iq
from opentenge.store.queries import NotFound

router = Router()


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


@router.get("/results/{kind}/{key}", summary="Stored results about one tender, contract or organisation")
def results(request, kind: str, key: str):
    if kind not in ("tender", "contract", "organisation"):
        raise Http404(kind)
    items = iq.contract_flags(int(key)) if kind == "contract" and key.isdigit() else iq.results_for_subject(kind, key)
    return {"count": len(items), "items": items}


@router.get("/{code}", summary="One indicator's method and outcome counts")
def indicator(request, code: str):
    try:
        return iq.indicator_method(code)
    except NotFound:
        raise Http404(code)

"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the pages."""
from django.http import Http404
from ninja import Router

from opentenge.legislation import queries as q
from opentenge.store.queries import NotFound
from opentenge.web.language import api_language

router = Router()


@router.get("/acts", summary="Draft acts and bills, filtered like /legislation/")
def acts(request, status: str = "", body: str = "", open: str = "", short: str = "", kind: str = "",
         lang: str | None = None):
    return q.act_list({"status": status, "body": body, "open": open, "short": short, "kind": kind}, api_language(lang))


@router.get("/acts/{act_id}", summary="One act with its timeline")
def act(request, act_id: int, lang: str | None = None):
    try:
        return q.act_detail(act_id, api_language(lang))
    except NotFound:
        raise Http404(act_id)

"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the same data as the pages."""
from django.http import Http404
from django.utils.translation import get_language
from ninja import Router

from opentenge.legislation import queries as q
from opentenge.store.queries import NotFound

router = Router()


def _lang(lang: str | None) -> str:
    return lang if lang in ("kk", "ru", "en") else (get_language() or "ru")[:2]


@router.get("/acts", summary="Draft acts and bills, filtered like /legislation/")
def acts(request, status: str = "", body: str = "", open: str = "", short: str = "", kind: str = "",
         lang: str | None = None):
    return q.act_list({"status": status, "body": body, "open": open, "short": short, "kind": kind}, _lang(lang))


@router.get("/acts/{act_id}", summary="One act with its timeline")
def act(request, act_id: int, lang: str | None = None):
    try:
        return q.act_detail(act_id, _lang(lang))
    except NotFound:
        raise Http404(act_id)

"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the politics pages' data.

Each endpoint returns exactly what the matching page's JSON twin returns (same query function).
``lang`` (kk, ru, en; default ru) picks which published name is the ``name`` field.
"""
from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Router
from ninja.errors import HttpError

from opentenge.politics import network, queries
from opentenge.politics.revolving import revolving_door
from opentenge.store.queries import NotFound

router = Router(tags=["politics"])
LANGS = ("kk", "ru", "en")


Lang = Literal["kk", "ru", "en"]  # in the schema, so a bad value is a 422 like every other parameter

def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise HttpError(400, f"lang must be one of {', '.join(LANGS)}")
    return lang


def _guard(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except NotFound as exc:
        raise HttpError(404, str(exc)) from None


def _in_language(lang: str, call, *args):
    """Labels (report lines, kinds) in ``lang``, as the page in that language shows them."""
    with translation.override(_lang(lang)):
        return _guard(call, *args, lang)


@router.get("/overview", summary="Parties with seats and funding; people in office by chamber")
def overview(request: HttpRequest, lang: Lang = "ru"):
    return queries.overview(_lang(lang))


@router.get("/people/{key}", summary="A deputy or official: positions, declarations, possible company links")
def person(request: HttpRequest, key: str, lang: Lang = "ru"):
    return _guard(queries.person_detail, key, _lang(lang))


@router.get("/parties/{key}", summary="A party: state funding by year, election funds (confirmed), deputies")
def party(request: HttpRequest, key: str, lang: Lang = "ru"):
    return _in_language(lang, queries.party_detail, key)


@router.get("/elections/{election}", summary="An election: confirmed fund figures per party and candidate, totals")
def election(request: HttpRequest, election: str, lang: Lang = "ru"):
    return _in_language(lang, queries.election_detail, election)


@router.get("/revolving-door", summary="People in office possibly linked to companies that hold contracts")
def revolving(request: HttpRequest, lang: Lang = "ru"):
    return revolving_door(_lang(lang))


@router.get("/network/organisations/{slug}", summary="An organisation's summarised neighbourhood + one table page")
def organisation_network(request: HttpRequest, slug: str, page: int = 1):
    data = _guard(network.organisation_network, slug)
    data["table"] = network.neighbour_table(slug, page)
    return data


@router.get("/network/people/{key}", summary="A person's neighbourhood: party, possible company links")
def person_network(request: HttpRequest, key: str):
    return _guard(network.person_network, key)

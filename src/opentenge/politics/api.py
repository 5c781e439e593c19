"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes): the politics pages' data.

Each endpoint returns exactly what the matching page's JSON twin returns (same query function).
``lang`` (kk, ru, en; default ru) picks which published name is the ``name`` field.
"""
from __future__ import annotations

from typing import Literal

from django.db.models import Count, Q, Sum
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opentenge.api.guard import guarded
from opentenge.api.paging import keyset_list, keyset_page, sort_keys
from opentenge.api.schemas import Cursor, Limit
from opentenge.ids.search import search_key
from opentenge.politics import models as pm
from opentenge.politics import network, queries
from opentenge.politics.revolving import revolving_door

router = Router(tags=["politics"])
LANGS = ("kk", "ru", "en")


Lang = Literal["kk", "ru", "en"]  # in the schema, so a bad value is a 422 like every other parameter

def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise HttpError(400, f"lang must be one of {', '.join(LANGS)}")
    return lang


_guard = guarded


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


# -- lists of every entity kind, cursor-paged (opentenge.api.paging) ---------------------------------

PEOPLE_SORTS = {"key": "key", "name": "name_ru", "born": "birth_date"}
PARTY_SORTS = {"key": "key", "name": "name_ru", "seats": "seats", "funding": "funding_total"}
ELECTION_SORTS = {"election": "election", "figures": "figures"}


class PeopleFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(PEOPLE_SORTS)] = Field("key", description="name sorts by the Russian name")
    lang: Lang = "ru"
    chamber: Literal[tuple(pm.Position.Chamber.values)] | None = Field(None, description="holds or held a position here")
    party: str | None = Field(None, description="party key: a position for this party")
    current: bool | None = Field(None, description="true: only people in office now")
    q: str | None = Field(None, max_length=200, description="name in Kazakh, Russian or Latin letters")


def person_item(person: pm.Person, lang: str) -> dict:
    current = [p for p in person.positions.all() if p.is_current]
    return {**queries.person_ref(person, lang), "id": person.key,
            "names": {"kk": person.name_kk, "ru": person.name_ru, "en": person.name_en},
            "birth_date": person.birth_date, "profile_url": person.profile_url,
            "chambers": sorted({p.chamber for p in current}),
            "parties": sorted({p.party.key for p in current if p.party_id}),
            "in_office": bool(current)}


@router.get("/people", summary="Deputies and officials, filtered by chamber, party, office, name; cursor-paged")
def people(request: HttpRequest, filters: PeopleFilters = Query(...)):
    qs = pm.Person.objects.prefetch_related("positions__party")
    position = Q()
    if filters.chamber:
        position &= Q(positions__chamber=filters.chamber)
    if filters.party:
        position &= Q(positions__party__key=filters.party)
    if filters.current is not None:
        position &= Q(positions__is_current=True) if filters.current else ~Q(positions__is_current=True)
    if position:
        qs = qs.filter(pk__in=pm.Person.objects.filter(position).values("pk"))
    for token in search_key(filters.q or "").split():
        qs = qs.filter(search_text__contains=token)
    return _guard(keyset_page, qs, sort=filters.sort, fields=PEOPLE_SORTS, cursor=filters.cursor,
                  limit=filters.limit, serialise=lambda p: person_item(p, filters.lang))


class PartyFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(PARTY_SORTS)] = Field("key", description="seats = current seats; funding = state funding, "
                                                                    "all years")
    lang: Lang = "ru"


@router.get("/parties", summary="Parties with current seats and total state funding; cursor-paged")
def parties(request: HttpRequest, filters: PartyFilters = Query(...)):
    funding = dict(pm.PartyFunding.objects.values("party_id").annotate(total=Sum("amount"))
                   .values_list("party_id", "total"))
    rows = [{"id": p.key, "key": p.key, "name": queries._lang_value(p, "name", filters.lang), "name_ru": p.name_ru,
             "names": {"kk": p.name_kk, "ru": p.name_ru, "en": p.name_en}, "seats": p.seats,
             "funding_total": funding.get(p.id)}
            for p in pm.Party.objects.annotate(seats=Count("positions", filter=Q(positions__is_current=True),
                                                           distinct=True))]
    page = _guard(keyset_list, rows, sort=filters.sort, fields=PARTY_SORTS, cursor=filters.cursor,
                  limit=filters.limit)
    for row in page["items"]:
        row.pop("name_ru")
    return page


class ElectionFilters(Schema):
    cursor: str | None = Cursor()
    limit: int = Limit()
    sort: Literal[sort_keys(ELECTION_SORTS)] = "election"


@router.get("/elections", summary="Elections with published (second-editor confirmed) fund figures; cursor-paged")
def elections(request: HttpRequest, filters: ElectionFilters = Query(...)):
    published = pm.ElectionFundFigure.Status.PUBLISHED
    rows = [{"id": r["election"], "election": r["election"], "figures": r["figures"], "awaiting": r["awaiting"],
             "parties": r["parties"]}
            for r in pm.ElectionFundFigure.objects.values("election").annotate(
                figures=Count("id", filter=Q(status=published)),
                awaiting=Count("id", filter=~Q(status=published)),
                parties=Count("party", filter=Q(status=published), distinct=True))]
    return _guard(keyset_list, rows, sort=filters.sort, fields=ELECTION_SORTS, cursor=filters.cursor,
                  limit=filters.limit)

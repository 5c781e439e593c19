"""FollowTheMoney entities for people in office, parties and company roles.

Mapping (ours, documented in docs/downloads.md):

* politics person → ``Person`` (``ot-pol-person-<source>-<id>``): names, birth date as the official
  biography states it, profile page. No identifier: the sources publish none, and none is guessed.
* party → ``Organization`` (``ot-party-<slug>``); the Mazhilis and the Senate → ``PublicBody``
  (``ot-body-mazhilis``, ``ot-body-senate``); an official's body → ``PublicBody`` keyed by a hash
  of its published name (``ot-body-<hash>``).
* office → ``Membership`` of the chamber or body (role, start, end); an office with a party →
  ``Membership`` of the party as well.
* company register role → ``Directorship`` (director) or ``Ownership`` (founder) between a
  ``Person`` and the company ``kz-bin-<BIN>``. The register gives only a name, so each name is a
  person *of that company* (``ot-register-person-<hash of BIN and folded name>``): a namesake in
  office, or the same name in another company, is never merged into one entity — that would
  assert an identity the data does not prove. A company the procurement data does not hold is
  emitted here from the register's name. A founder of a state body (not an ``Asset`` in FtM) is
  left out of ``Ownership``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat
from followthemoney import model

from opentenge.export.tables import CHUNK
from opentenge.politics import models as pm
from opentenge.store import models as m

CHAMBERS = {pm.Position.Chamber.MAZHILIS: ("ot-body-mazhilis", "Мажилис Парламента Республики Казахстан"),
            pm.Position.Chamber.SENATE: ("ot-body-senate", "Сенат Парламента Республики Казахстан")}
SCHEMATA = ("Organization", "Membership", "Directorship", "Ownership")


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def person_id(key: str) -> str:
    return "ot-pol-person-" + key.replace(":", "-")


def party_id(key: str) -> str:
    return f"ot-party-{key}"


def body_id(name: str) -> str:
    return f"ot-body-{_hash(' '.join(name.casefold().split()))}"


def _named(schema: str, entity_id: str, names: list[str], source_url: str | None = None):
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    names = [n for n in names if n]
    proxy.add("name", names[:1] or [entity_id])
    proxy.add("alias", names[1:])
    proxy.add("country", "kz")
    proxy.add("sourceUrl", source_url)
    return proxy


def party_entities() -> Iterator:
    for p in pm.Party.objects.order_by("key").values("key", "name_ru", "name_kk", "name_en").iterator(CHUNK):
        yield _named("Organization", party_id(p["key"]), [p["name_ru"], p["name_kk"], p["name_en"]])


def body_entities() -> Iterator:
    chambers = set(pm.Position.objects.filter(chamber__in=list(CHAMBERS)).values_list("chamber", flat=True)
                   .distinct())
    for chamber in sorted(chambers):
        entity_id, name = CHAMBERS[chamber]
        yield _named("PublicBody", entity_id, [name])
    seen: set[str] = set()  # one per distinct body name: a few hundred at most
    names = (pm.Position.objects.exclude(chamber__in=list(CHAMBERS)).exclude(organisation_name="")
             .values_list("organisation_name", flat=True).distinct().order_by("organisation_name"))
    for name in names.iterator(CHUNK):
        if body_id(name) not in seen:
            seen.add(body_id(name))
            yield _named("PublicBody", body_id(name), [name])


def person_entities() -> Iterator:
    fields = ("key", "name_ru", "name_kk", "name_en", "birth_date", "profile_url")
    for p in pm.Person.objects.order_by("key").values(*fields).iterator(CHUNK):
        proxy = _named("Person", person_id(p["key"]), [p["name_ru"], p["name_kk"], p["name_en"]], p["profile_url"])
        proxy.add("birthDate", p["birth_date"])
        yield proxy


def membership_entities() -> Iterator:
    fields = ("key", "person__key", "chamber", "role_en", "role_ru", "party__key", "faction_ru", "organisation_name",
              "start_date", "end_date", "source_url")
    for p in pm.Position.objects.order_by("key").values(*fields).iterator(CHUNK):
        body = CHAMBERS[p["chamber"]][0] if p["chamber"] in CHAMBERS else (
            body_id(p["organisation_name"]) if p["organisation_name"] else None)
        for organisation, suffix, role in ((body, "", p["role_en"] or p["role_ru"]),
                                           (party_id(p["party__key"]) if p["party__key"] else None, "-party",
                                            p["faction_ru"] or "member")):
            if organisation is None:
                continue
            membership = model.make_entity("Membership")
            membership.id = f"ot-membership-{_hash(p['key'])}{suffix}"
            membership.add("member", person_id(p["person__key"]))
            membership.add("organization", organisation)
            membership.add("role", role)
            membership.add("startDate", p["start_date"])
            membership.add("endDate", p["end_date"])
            membership.add("sourceUrl", p["source_url"] or None)
            yield membership


def _roles():
    holds = m.Organisation.objects.filter(key=Concat(Value("BIN:"), OuterRef("organisation_bin")))
    return pm.CompanyRole.objects.annotate(known=Exists(holds)).order_by("organisation_bin", "key")


def company_role_entities(public_body_bins: set[str]) -> Iterator:
    """Companies missing from procurement, register persons, and their Directorship/Ownership."""
    fields = ("key", "organisation_bin", "organisation_name_ru", "organisation_name_kk", "role", "person_name",
              "name_key", "since", "source_url", "known")
    current_bin, people = None, set()  # people of the current company only: bounded by one company
    for r in _roles().values(*fields).iterator(CHUNK):
        company = f"kz-bin-{r['organisation_bin']}"
        if r["organisation_bin"] != current_bin:
            current_bin, people = r["organisation_bin"], set()
            if not r["known"]:
                proxy = _named("Company", company, [r["organisation_name_ru"], r["organisation_name_kk"]],
                               r["source_url"] or None)
                proxy.add("registrationNumber", r["organisation_bin"])
                yield proxy
        person = f"ot-register-person-{_hash(r['organisation_bin'], r['name_key'])}"
        if person not in people:
            people.add(person)
            yield _named("Person", person, [r["person_name"]], r["source_url"] or None)
        if r["role"] == "director":
            link = model.make_entity("Directorship")
            link.add("director", person)
            link.add("organization", company)
        elif r["role"] == "founder" and r["organisation_bin"] not in public_body_bins:
            link = model.make_entity("Ownership")
            link.add("owner", person)
            link.add("asset", company)
        else:
            continue
        link.id = f"ot-role-{_hash(r['key'])}"
        link.add("role", r["role"])
        link.add("startDate", r["since"])
        link.add("sourceUrl", r["source_url"] or None)
        yield link


def politics_entities(public_body_bins: set[str]) -> Iterator:
    yield from party_entities()
    yield from body_entities()
    yield from person_entities()
    yield from membership_entities()
    yield from company_role_entities(public_body_bins)


def expected_total() -> int:
    """About how many entities ``politics_entities`` yields (for the progress bar)."""
    positions = pm.Position.objects
    return (pm.Party.objects.count() + pm.Person.objects.count() + positions.count()
            + positions.exclude(party=None).count() + 2 * pm.CompanyRole.objects.count())

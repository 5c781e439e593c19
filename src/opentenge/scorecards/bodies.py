"""Which organisations are state bodies, and what ties each to its budget.

Identity is the store's ``Organisation`` (its BIN, the slug every page uses): procurement names a
buyer by BIN, the budget administrator (ABP) is linked to its organisation by
``opentenge.budget.administrators`` (``AdministratorLink``, relation ``self``), draft acts name
their developer, public councils the body they advise, and the lobbying register the bodies met.
An organisation is a state body when its name says so (``kinds.classify``) or when one of those
sources treats it as one (it is then of kind ``other`` if its name fits no pattern).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from opentenge.budget.models import AdministratorLink, BudgetLine, Relation
from opentenge.scorecards.kinds import KINDS, OTHER, classify
from opentenge.store import models as sm
from opentenge.store.queries import NotFound, get_organisation, org_slug


@dataclass(frozen=True)
class Body:
    id: int
    slug: str
    name_ru: str
    name_kk: str
    kind: str
    abp_codes: tuple[str, ...] = ()
    levels: tuple[str, ...] = field(default=())

    def summary(self) -> dict:
        return {"id": self.slug, "name_ru": self.name_ru, "name_kk": self.name_kk, "kind": self.kind,
                "abp_codes": list(self.abp_codes)}


def _known_state_bodies() -> set[int]:
    """Organisations another source treats as a state body (budget, legislation, lobbying)."""
    from opentenge.legislation.models import LegislativeAct, PublicCouncil
    from opentenge.lobbying.models import ContactedBody, Meeting

    ids: set[int] = set(AdministratorLink.objects.filter(relation=Relation.SELF).values_list("organisation_id", flat=True))
    for qs, column in ((LegislativeAct.objects, "developer_id"), (PublicCouncil.objects, "body_id"),
                       (Meeting.objects, "body_id"), (ContactedBody.objects, "organisation_id")):
        ids.update(qs.exclude(**{f"{column}__isnull": True}).values_list(column, flat=True).distinct())
    return ids


def _budget_ties(ids: set[int] | None = None) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """``(abp codes, budget levels)`` per organisation, from the links and the administrator lines."""
    codes: dict[int, set[str]] = defaultdict(set)
    links = AdministratorLink.objects.filter(relation=Relation.SELF)
    lines = BudgetLine.objects.filter(kind=BudgetLine.Kind.ADMINISTRATOR, organisation__isnull=False)
    if ids is not None:
        links, lines = links.filter(organisation_id__in=ids), lines.filter(organisation_id__in=ids)
    for org_id, code in links.values_list("organisation_id", "abp_code"):
        codes[org_id].add(code)
    levels: dict[int, set[str]] = defaultdict(set)
    for org_id, code, level in lines.values_list("organisation_id", "abp_code", "level").distinct():
        codes[org_id].add(code)
        levels[org_id].add(level)
    return codes, levels


def _body(org, codes: set[str], levels: set[str], known: bool) -> Body | None:
    kind = classify(org.name_ru, org.name_kk, levels) or (OTHER if known or codes else None)
    if kind is None or org.is_person:
        return None
    return Body(org.id, org_slug(org), org.name_ru, org.name_kk, kind, tuple(sorted(codes)), tuple(sorted(levels)))


def all_bodies(kind: str | None = None) -> list[Body]:
    """Every state body we can identify (of one kind, when asked), ordered by id."""
    known = _known_state_bodies()
    codes, levels = _budget_ties()
    candidates = sm.Organisation.objects.filter(is_person=False).filter(
        id__in=known | set(codes)) | sm.Organisation.objects.filter(is_person=False, is_customer=True)
    found = []
    for org in candidates.order_by("id").only("id", "bin", "key", "name_ru", "name_kk", "is_person"):
        body = _body(org, codes.get(org.id, set()), levels.get(org.id, set()), org.id in known)
        if body is not None and (kind is None or body.kind == kind):
            found.append(body)
    return found


def get_body(slug: str) -> Body:
    """One state body by its organisation slug (BIN); ``NotFound`` when it is not one."""
    org = get_organisation(slug)
    known = org.id in _known_state_bodies()
    codes, levels = _budget_ties({org.id})
    body = _body(org, codes.get(org.id, set()), levels.get(org.id, set()), known)
    if body is None:
        raise NotFound(f"{slug} is not a state body we can identify")
    return body


def kind_choices() -> list[dict]:
    return [{"code": code, "label": str(label)} for code, label in KINDS.items()]

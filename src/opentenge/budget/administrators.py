"""Administrators (ABP) are organisations: link each budget administrator to its state body.

Two ways, in this order (docs/formats/budget_abp_organisations.md):

1. **By BIN** from the operator's mapping file (``abp_code,bin,relation``; ``relation`` is
   ``self`` for the body itself or ``subordinate`` for a body under it, e.g. a committee). The
   rows are stored (``AdministratorMapping``) and applied at every re-link, so a BIN whose
   organisation is not in the store yet links as soon as it arrives.
2. **By name**, for an ABP without a ``self`` link from step 1: the ABP's cleaned name (the most
   recent first, quirk 3: one code has had several names) against organisation names with the
   legal form (ГУ, РГУ, ММ …) and quotes removed, both folded with ``search_key``. Only an
   unambiguous match links: a name that fits two organisations, or an organisation that fits two
   ABPs, links nothing.

``relink()`` rebuilds every link from scratch and is cheap (a few queries per ABP code, none per
line); it runs after every ``budget_egov`` ingest, and the lead calls it after a goszakup ingest.
"""
from __future__ import annotations

import re
from collections import defaultdict

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from opentenge.budget.models import AdministratorLink, AdministratorMapping, BudgetLine, Relation
from opentenge.budget.parse import clean_name
from opentenge.budget.records import MAPPING_RECORD
from opentenge.ids.search import search_key
from opentenge.store.models import Organisation

LEGAL_FORMS = (
    "республиканское государственное учреждение", "государственное учреждение",
    "республикалық мемлекеттік мекеме", "мемлекеттік мекеме", "РГУ", "ГУ", "РММ", "ММ",
)
_LEGAL = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")(?!\w)", re.IGNORECASE)
_QUOTES = re.compile(r"[«»\"“”„‟'`’]")
CHUNK = 50


def body_key(name: str) -> str:
    """The comparable core of a state body's name: no legal form, no quotes, folded."""
    text = _QUOTES.sub(" ", clean_name(name))
    return search_key(_LEGAL.sub(" ", text))


# -- the operator's mapping file -------------------------------------------------------------

def store_mapping(ctx, source_file, counts) -> None:
    """Keep the mapping rows of a file; a file replaces the earlier rows of the ABP codes it names."""
    rows = [r.fields["row"] for r in ctx.records if r.kind == MAPPING_RECORD]
    if not rows:
        return
    codes = {row.abp_code for row in rows}
    before = {(m.abp_code, m.bin): m.relation for m in AdministratorMapping.objects.filter(abp_code__in=codes)}
    for row in rows:
        previous = before.get((row.abp_code, row.bin))
        if previous is None:
            counts.inserted += 1
        elif previous == row.relation:
            counts.unchanged += 1
        else:
            counts.updated += 1
    AdministratorMapping.objects.filter(abp_code__in=codes).delete()
    AdministratorMapping.objects.bulk_create([
        AdministratorMapping(abp_code=row.abp_code, bin=row.bin, relation=row.relation, source_file=source_file,
                             locator=row.locator)
        for row in rows
    ])


# -- linking ---------------------------------------------------------------------------------

def administrator_names() -> dict[str, list[str]]:
    """Each ABP code's cleaned names as published, the most recently used first."""
    rows = (BudgetLine.objects.filter(kind=BudgetLine.Kind.ADMINISTRATOR).exclude(abp_code="")
            .values("abp_code", "name").annotate(latest=Max("period")).order_by("abp_code", "-latest", "name"))
    names: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["name"] not in names[row["abp_code"]]:
            names[row["abp_code"]].append(row["name"])
    return dict(names)


def _links_by_bin() -> dict[tuple[str, int], tuple[str, str, str]]:
    mappings = list(AdministratorMapping.objects.select_related("source_file").order_by("abp_code", "id"))
    organisations = dict(Organisation.objects.filter(bin__in={m.bin for m in mappings}).values_list("bin", "id"))
    links = {}
    for mapping in mappings:
        if mapping.bin in organisations:
            detail = f"BIN {mapping.bin}, {mapping.source_file.name} {mapping.locator}"
            links[(mapping.abp_code, organisations[mapping.bin])] = (mapping.relation, AdministratorLink.MatchedBy.BIN,
                                                                     detail)
    return links


def _candidates(keys: set[str]) -> dict[str, set[int]]:
    """Organisations whose name (legal form and quotes removed) folds to one of ``keys``."""
    index: dict[str, set[int]] = defaultdict(set)
    ordered = sorted(k for k in keys if k)
    for start in range(0, len(ordered), CHUNK):
        query = Q()
        for key in ordered[start:start + CHUNK]:
            query |= Q(search_text__contains=key)
        for org_id, name_ru, name_kk in Organisation.objects.filter(query, is_person=False).values_list(
                "id", "name_ru", "name_kk").iterator():
            for name in (name_ru, name_kk):
                key = body_key(name or "")
                if key in keys:
                    index[key].add(org_id)
    return index


def _links_by_name(names: dict[str, list[str]], linked_self: set[str]) -> dict[tuple[str, int], tuple[str, str, str]]:
    wanted = {code: [(name, body_key(name)) for name in code_names]
              for code, code_names in names.items() if code not in linked_self}
    index = _candidates({key for pairs in wanted.values() for _, key in pairs})
    chosen: dict[str, tuple[int, str]] = {}
    for code, pairs in wanted.items():
        for name, key in pairs:
            matches = index.get(key, set())
            if len(matches) == 1:
                chosen[code] = (next(iter(matches)), name)
            if matches:
                break  # the most recent name that matches anything decides; two matches link nothing
    per_org = defaultdict(set)
    for code, (org_id, _) in chosen.items():
        per_org[org_id].add(code)
    return {(code, org_id): (Relation.SELF, AdministratorLink.MatchedBy.NAME, f"name «{name}»")
            for code, (org_id, name) in chosen.items() if len(per_org[org_id]) == 1}


@transaction.atomic
def relink() -> dict[str, int]:
    """Rebuild every ABP → organisation link and the ``organisation`` of administrator lines (atomically)."""
    names = administrator_names()
    links = _links_by_bin()
    linked_self = {code for (code, _), (relation, _, _) in links.items() if relation == Relation.SELF}
    links.update(_links_by_name(names, linked_self))
    existing = {(link.abp_code, link.organisation_id): link for link in AdministratorLink.objects.all()}
    now = timezone.now()
    stale = [link.id for key, link in existing.items() if key not in links]
    AdministratorLink.objects.filter(id__in=stale).delete()
    changed, created = [], []
    for (code, org_id), (relation, matched_by, detail) in links.items():
        link = existing.get((code, org_id))
        if link is None:
            created.append(AdministratorLink(abp_code=code, organisation_id=org_id, relation=relation,
                                             matched_by=matched_by, detail=detail, linked_at=now))
        elif (link.relation, link.matched_by, link.detail) != (relation, matched_by, detail):
            link.relation, link.matched_by, link.detail, link.linked_at = relation, matched_by, detail, now
            changed.append(link)
    AdministratorLink.objects.bulk_create(created)
    AdministratorLink.objects.bulk_update(changed, ["relation", "matched_by", "detail", "linked_at"])
    _update_lines(names, links)
    return {"links": len(links), "created": len(created), "changed": len(changed), "removed": len(stale)}


def _self_organisations(links) -> dict[str, int]:
    result: dict[str, int] = {}
    for (code, org_id), (relation, _, _) in sorted(links.items(), key=lambda item: (item[0][0], item[1][1] != "bin")):
        if relation == Relation.SELF:
            result.setdefault(code, org_id)
    return result


def _update_lines(names: dict[str, list[str]], links) -> None:
    body = _self_organisations(links)
    administrators = BudgetLine.objects.filter(kind=BudgetLine.Kind.ADMINISTRATOR)
    for code in names:
        org_id = body.get(code)
        lines = administrators.filter(abp_code=code)
        if org_id is None:
            lines.filter(organisation__isnull=False).update(organisation=None)
        else:
            lines.exclude(organisation_id=org_id).update(organisation_id=org_id)


# -- what the web pages ask ------------------------------------------------------------------

def bodies_for(abp_code: str) -> list[tuple[int, str, str]]:
    """``(organisation_id, relation, matched_by)`` of an ABP: the body itself first, then subordinates."""
    links = AdministratorLink.objects.filter(abp_code=abp_code).order_by("relation", "organisation_id")
    ordered = sorted(links.values_list("organisation_id", "relation", "matched_by"),
                     key=lambda row: (row[1] != Relation.SELF, row[0]))
    return [(org_id, relation, matched_by) for org_id, relation, matched_by in ordered]


def administrator_for(organisation_id: int) -> str | None:
    """The ABP code an organisation is (``self``) or belongs to (``subordinate``), if linked."""
    rows = AdministratorLink.objects.filter(organisation_id=organisation_id).values_list("abp_code", "relation")
    ranked = sorted(rows, key=lambda row: (row[1] != Relation.SELF, row[0]))
    return ranked[0][0] if ranked else None

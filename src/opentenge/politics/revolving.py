"""The "revolving door": people in public office who are possibly linked to companies that hold contracts.

A row is a person with a public position (Mazhilis, Senate, maslikhat, executive) and a company
role held by someone of the same name (``opentenge.politics.links``) in an organisation that is a
party to at least one counted contract. Unless an editor has confirmed the pair, the row says
*possible*; pairs an editor rejected are left out. Dates are shown side by side (office start/end,
role since) so a reader sees which came first; we do not infer a move from a name.
"""
from __future__ import annotations

from django.db.models import Q, Sum

from opentenge.ids.search import search_key
from opentenge.politics import models as pm
from opentenge.politics.links import possible_links
from opentenge.store import models as sm
from opentenge.store.queries import COUNTED


def _contract_value(bins: set[str]) -> dict[str, object]:
    values = {}
    for org in sm.Organisation.objects.filter(bin__in=list(bins)):
        total = sm.Contract.objects.filter(COUNTED).filter(Q(supplier=org) | Q(customer=org)) \
            .aggregate(v=Sum("contract_sum_wnds"))["v"]
        if total:
            values[org.bin] = total
    return values


def revolving_door(lang: str) -> dict:
    surnames = {key.split(" ", 1)[0] for key in pm.CompanyRole.objects.values_list("name_key", flat=True).distinct()}
    rows = []
    people = pm.Person.objects.filter(positions__isnull=False).distinct().order_by("key")
    for person in people:
        names = [n for n in (person.name_ru, person.name_kk, person.name_en) if n]
        if not any(search_key(n).split(" ")[0] in surnames for n in names if search_key(n)):
            continue
        links = [link for link in possible_links(person) if link["state"] != "rejected"]
        if not links:
            continue
        values = _contract_value({link["organisation_bin"] for link in links})
        positions = list(person.positions.order_by("-is_current", "-start_date")[:3])
        for link in links:
            if link["organisation_bin"] not in values:
                continue
            rows.append({
                "person": {"key": person.key, "name": getattr(person, f"name_{lang}", "") or person.name_ru
                           or person.name_kk},
                "offices": [{"chamber": p.chamber, "role": getattr(p, f"role_{lang}", "") or p.role_ru or p.role_kk,
                             "start_date": p.start_date, "end_date": p.end_date, "is_current": p.is_current}
                            for p in positions],
                "organisation_bin": link["organisation_bin"], "organisation_name": link["organisation_name"],
                "role": link["role"], "role_since": None, "score": link["score"], "state": link["state"],
                "contract_value": values[link["organisation_bin"]], "source_url": link["source_url"],
            })
    since = {(r.organisation_bin, r.role, r.name_key): r.since for r in pm.CompanyRole.objects.exclude(since=None)}
    for row in rows:
        for (bin_, role, _), value in since.items():
            if bin_ == row["organisation_bin"] and role == row["role"]:
                row["role_since"] = value
    rows.sort(key=lambda r: (r["state"] != "confirmed", -r["contract_value"], r["person"]["key"]))
    return {"rows": rows, "count": len(rows)}

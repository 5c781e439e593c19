"""A person's or an organisation's neighbourhood, summarised so that a hub never becomes a hairball.

The graph shows the centre and its ``TOP_N`` neighbours with the most money between them (contracts
in both directions, tenge with VAT), plus non-money ties (party membership, company roles, possible
links) up to the same limit, and one "others" node that stands for everything not drawn (how many,
how much). Every neighbour — all 10,000 of a hub — is in the paged table (``neighbour_table``),
ordered by money, which is also the JSON twin's way to walk them.

Aggregations run in the database (GROUP BY counterpart), so the cost depends on the number of
neighbours, not on the number of contracts, and only one page of rows ever leaves the database.
"""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum

from opentenge.politics import models as pm
from opentenge.store import models as sm
from opentenge.store.queries import COUNTED, NotFound, get_organisation, org_slug

TOP_N = 25
PAGE_SIZE = 50


def _counterparts(org: sm.Organisation):
    """``(as buyer → suppliers, as supplier → buyers)`` aggregated querysets, largest first."""
    bought = (sm.Contract.objects.filter(COUNTED, customer=org).values("supplier_id")
              .annotate(contracts=Count("id"), value=Sum("contract_sum_wnds")).order_by("-value", "supplier_id"))
    sold = (sm.Contract.objects.filter(COUNTED, supplier=org).values("customer_id")
            .annotate(contracts=Count("id"), value=Sum("contract_sum_wnds")).order_by("-value", "customer_id"))
    return bought, sold


def _org_node(org: sm.Organisation, **extra) -> dict:
    return {"id": f"org:{org_slug(org)}", "kind": "organisation", "name": org.name_ru or org.name_kk or org.key,
            "url_key": org_slug(org), **extra}


def organisation_network(slug: str, *, top: int = TOP_N) -> dict:
    org = get_organisation(slug)
    bought, sold = _counterparts(org)
    n_bought, n_sold = bought.count(), sold.count()
    total_value = sum((r["value"] or Decimal(0) for r in
                       (sm.Contract.objects.filter(COUNTED, customer=org).aggregate(value=Sum("contract_sum_wnds")),
                        sm.Contract.objects.filter(COUNTED, supplier=org).aggregate(value=Sum("contract_sum_wnds")))),
                      Decimal(0))
    rows = ([("supplier", r["supplier_id"], r) for r in bought[:top]] +
            [("buyer", r["customer_id"], r) for r in sold[:top]])
    rows.sort(key=lambda t: (-(t[2]["value"] or 0), t[1]))
    rows = rows[:top]
    orgs = sm.Organisation.objects.in_bulk([r[1] for r in rows])
    nodes, links = [], []
    center = _org_node(org, center=True)
    shown_value = Decimal(0)
    for relation, org_id, row in rows:
        node = _org_node(orgs[org_id], value=row["value"], contracts=row["contracts"])
        if node["id"] in {n["id"] for n in nodes}:
            continue
        nodes.append(node)
        links.append({"source": center["id"], "target": node["id"], "relation": relation, "value": row["value"]})
        shown_value += row["value"] or 0
    roles = list(pm.CompanyRole.objects.filter(organisation_bin=org.bin or "-").order_by("role", "person_name")[:top])
    for role in roles:
        node = {"id": f"role:{role.key}", "kind": "person-in-register", "name": role.person_name, "value": None}
        nodes.append(node)
        links.append({"source": node["id"], "target": center["id"], "relation": role.role, "value": None})
    total = n_bought + n_sold
    return {
        "center": center, "nodes": [center] + nodes, "links": links,
        "neighbours": {"total": total + len(roles), "with_money": total, "shown": len(nodes)},
        "others": {"count": max(0, total - len(rows)), "value": total_value - shown_value},
        "total_value": total_value, "top_n": top,
    }


def neighbour_table(slug: str, page: int = 1) -> dict:
    """All money neighbours of an organisation, one page at a time, largest first."""
    org = get_organisation(slug)
    bought, sold = _counterparts(org)
    # One ordered list over both directions: page through each side and merge is not exact, so the
    # table pages the two sides one after the other (suppliers first, then buyers), each by value.
    n_bought, n_sold = bought.count(), sold.count()
    total = n_bought + n_sold
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    start, stop = (page - 1) * PAGE_SIZE, page * PAGE_SIZE
    rows = []
    if start < n_bought:
        rows += [("supplier", r["supplier_id"], r) for r in bought[start:min(stop, n_bought)]]
    if stop > n_bought:
        rows += [("buyer", r["customer_id"], r)
                 for r in sold[max(0, start - n_bought):stop - n_bought]]
    orgs = sm.Organisation.objects.in_bulk([r[1] for r in rows])
    return {
        "center": _org_node(org), "page": page, "pages": pages, "per_page": PAGE_SIZE, "total": total,
        "rows": [{**_org_node(orgs[i]), "relation": rel, "contracts": r["contracts"], "value": r["value"]}
                 for rel, i, r in rows],
    }


def person_network(key: str, *, top: int = TOP_N) -> dict:
    try:
        person = pm.Person.objects.get(key=key)
    except pm.Person.DoesNotExist:
        raise NotFound(f"no person {key!r}") from None
    from opentenge.politics.links import possible_links

    center = {"id": f"person:{person.key}", "kind": "person", "name": person.name_ru or person.name_kk or person.name_en,
              "url_key": person.key, "center": True}
    nodes, links = [center], []
    for party in pm.Party.objects.filter(positions__person=person).distinct():
        node = {"id": f"party:{party.key}", "kind": "party", "name": party.name_ru or party.name_en, "url_key": party.key}
        nodes.append(node)
        links.append({"source": center["id"], "target": node["id"], "relation": "member", "value": None})
    candidates = [link for link in possible_links(person) if link["state"] != "rejected"]
    bins = [link["organisation_bin"] for link in candidates]
    money = {}
    for org in sm.Organisation.objects.filter(bin__in=bins):
        value = (sm.Contract.objects.filter(COUNTED, supplier=org).aggregate(v=Sum("contract_sum_wnds"))["v"] or 0) + \
                (sm.Contract.objects.filter(COUNTED, customer=org).aggregate(v=Sum("contract_sum_wnds"))["v"] or 0)
        money[org.bin] = (org, value)
    candidates.sort(key=lambda link: -(money.get(link["organisation_bin"], (None, 0))[1]))
    for link in candidates[:top]:
        org, value = money.get(link["organisation_bin"], (None, None))
        node = {"id": f"org:{link['organisation_bin']}", "kind": "organisation",
                "name": link["organisation_name"] or link["organisation_bin"], "url_key": link["organisation_bin"],
                "value": value}
        if node["id"] not in {n["id"] for n in nodes}:
            nodes.append(node)
        links.append({"source": center["id"], "target": node["id"], "relation": f"possible {link['role']}",
                      "score": link["score"], "state": link["state"], "value": value})
    return {"center": center, "nodes": nodes, "links": links,
            "neighbours": {"total": len(nodes) - 1 + max(0, len(candidates) - top), "shown": len(nodes) - 1},
            "others": {"count": max(0, len(candidates) - top), "value": None}, "top_n": top}

"""Civil-society figures for the pages, their JSON/CSV twins and ``/api/v1/civil``: one query layer.

Four kinds of income of an organisation, each a fact with its source, never a judgement:

* ``social_order`` — goszakup contracts it supplies under the state social order: the method the
  contract was *actually* concluded by (``Contract.method_id``, goszakup ``faktTradeMethodsId``)
  is 52 in the ``ref_trade_methods`` dictionary. Tagged here, at query time; the goszakup data
  is not changed.
* ``state_grants`` — state grants and awards from the grant lists (``GrantAward``).
* ``foreign`` — money from foreign sources, from the State Revenue Committee's register.
* ``procurement`` — every other goszakup contract it supplies.

Contracts count by the store's money rule (not deleted, in tenge, value with VAT, year of signing);
grants by the year of the award; foreign money by the year in which the reporting period ends.
An organisation's figures include the organisations the linking layer judged to be the same one
(``linking.CanonicalMembership``), e.g. a grant list that named the NGO without its BIN.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from opentenge.civil import models as cm
from opentenge.civil.countries import country_names
from opentenge.civil.regions import region_names
from opentenge.store import models as m
from opentenge.store import queries as sq

SOCIAL_ORDER_METHOD = 52
KINDS = ("social_order", "state_grants", "foreign", "procurement")
ZERO = Decimal("0.00")
ITEMS_SHOWN = 200


def cluster(org: m.Organisation) -> list[m.Organisation]:
    """The organisation and those the linking layer judged to be the same (accepted judgments only)."""
    from opentenge.linking.models import CanonicalMembership

    canonical = CanonicalMembership.objects.filter(org_key=org.key).values_list("canonical_key", flat=True).first()
    if not canonical:
        return [org]
    keys = list(CanonicalMembership.objects.filter(canonical_key=canonical).values_list("org_key", flat=True))
    members = list(m.Organisation.objects.filter(key__in=keys).order_by("id"))
    return members if any(o.id == org.id for o in members) else [org, *members]


def social_order_contracts(ids: list[int]):
    return m.Contract.objects.filter(sq.COUNTED, supplier_id__in=ids, method_id=SOCIAL_ORDER_METHOD)


def income(ids: list[int]) -> dict:
    """Income by year and kind: ``{"years", "rows": [{year, <kind>…, total}], "totals", "counts"}``."""
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: {k: ZERO for k in KINDS})
    counts = {}
    contracts = m.Contract.objects.filter(sq.COUNTED, supplier_id__in=ids)
    for kind, qs in (("social_order", contracts.filter(method_id=SOCIAL_ORDER_METHOD)),
                     ("procurement", contracts.exclude(method_id=SOCIAL_ORDER_METHOD))):
        rows = qs.annotate(year=ExtractYear("sign_date")).values("year").annotate(n=Count("id"), value=Sum("contract_sum_wnds"))
        counts[kind] = 0
        for row in rows:
            by_year[row["year"]][kind] += row["value"] or ZERO
            counts[kind] += row["n"]
    for kind, qs in (("state_grants", cm.GrantAward.objects.filter(recipient_id__in=ids)),
                     ("foreign", cm.ForeignFunding.objects.filter(recipient_id__in=ids))):
        counts[kind] = 0
        for row in qs.values("year").annotate(n=Count("id"), value=Sum("amount")):
            by_year[row["year"]][kind] += row["value"] or ZERO
            counts[kind] += row["n"]
    years = sorted(y for y in by_year if y is not None)
    rows = [{"year": y, **by_year[y], "total": sum(by_year[y].values(), ZERO)} for y in years]
    totals = {k: sum((r[k] for r in rows), ZERO) for k in KINDS}
    return {"years": years, "rows": rows, "totals": totals, "total": sum(totals.values(), ZERO), "counts": counts,
            "by_kind": [{"kind": k, "value": totals[k], "count": counts[k]} for k in KINDS]}


def _provenance(row) -> dict | None:
    return sq.provenance(row)


def grant_item(g: cm.GrantAward) -> dict:
    return {"kind": g.kind, "year": g.year, "award_date": g.award_date, "operator": g.operator,
            "programme": g.programme, "project_title": g.project_title, "amount": g.amount,
            "amount_published": g.amount_published, "recipient_name": g.recipient_name,
            "recipient": sq.organisation_summary(g.recipient), "region": g.region, "region_code": g.region_code,
            "region_names": region_names(g.region_code), "provenance": _provenance(g)}


def foreign_item(f: cm.ForeignFunding) -> dict:
    return {"year": f.year, "period": f.period, "period_start": f.period_start, "period_end": f.period_end,
            "donor": f.donor_name, "country": f.donor_country, "country_code": f.donor_country_code,
            "country_names": country_names(f.donor_country_code), "amount": f.amount,
            "amount_published": f.amount_published, "purpose": f.purpose, "recipient_name": f.recipient_name,
            "recipient_kind": f.recipient_kind, "recipient": sq.organisation_summary(f.recipient),
            "region": f.region, "region_code": f.region_code, "region_names": region_names(f.region_code),
            "provenance": _provenance(f)}


def registration(ids: list[int]) -> dict | None:
    row = cm.NgoRegistration.objects.filter(organisation_id__in=ids).select_related("source_file").first()
    if row is None:
        return None
    return {"bin": row.bin, "name_ru": row.name_ru, "name_kk": row.name_kk, "legal_form": row.legal_form,
            "legal_form_code": row.legal_form_code, "registered_on": row.registered_on, "region": row.region,
            "region_code": row.region_code, "region_names": region_names(row.region_code),
            "activities": row.activities, "provenance": _provenance(row)}


def ngo_profile(slug: str) -> dict:
    """Everything civil-society about one organisation: income by year and kind, each item with provenance."""
    org = sq.get_organisation(slug)
    members = cluster(org)
    ids = [o.id for o in members]
    grants = (cm.GrantAward.objects.filter(recipient_id__in=ids).select_related("recipient", "source_file")
              .order_by("-year", "-amount", "id"))
    foreign = (cm.ForeignFunding.objects.filter(recipient_id__in=ids).select_related("recipient", "source_file")
               .order_by("-year", "-amount", "id"))
    social = (social_order_contracts(ids).select_related("customer", "supplier", "source_file")
              .order_by("-sign_date", "-id"))
    return {
        **sq.organisation_summary(org),
        "registered_on": org.registered_on,
        "linked": [sq.organisation_summary(o) for o in members if o.id != org.id],
        "registration": registration(ids),
        "income": income(ids),
        "grants": [grant_item(g) for g in grants[:ITEMS_SHOWN]],
        "foreign": [foreign_item(f) for f in foreign[:ITEMS_SHOWN]],
        "social_order": [{**sq.contract_summary(c), "provenance": _provenance(c)} for c in social[:ITEMS_SHOWN]],
        "social_order_method": SOCIAL_ORDER_METHOD,
        "items_shown": ITEMS_SHOWN,
    }


def organisation_panel(detail: dict) -> dict | None:
    """The "NGO income" section of an organisation page; ``None`` when there is nothing civil to show."""
    try:
        org = sq.get_organisation(detail["id"])
    except sq.NotFound:
        return None
    ids = [o.id for o in cluster(org)]
    figures = income(ids)
    registered = cm.NgoRegistration.objects.filter(organisation_id__in=ids).exists()
    if not (figures["counts"]["social_order"] or figures["counts"]["state_grants"] or figures["counts"]["foreign"]
            or registered):
        return None
    return {"slug": sq.org_slug(org), "income": figures, "in_ngo_register": registered}


__all__ = ["KINDS", "SOCIAL_ORDER_METHOD", "cluster", "foreign_item", "grant_item", "income", "ngo_profile",
           "organisation_panel"]

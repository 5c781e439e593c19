"""Plain reads of the procurement store shared by the indicators (one place for the money rule).

A contract counts when it is not deleted and is in tenge (``store.queries.COUNTED``); its value is
``contract_sum_wnds``, what the buyer pays including VAT, as on every other page.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from opentenge.store import models as m
from opentenge.store.queries import COUNTED, org_slug

ZERO = Decimal("0")


def counted_contracts():
    return m.Contract.objects.filter(COUNTED).order_by("id")


def contracts_by_buyer() -> dict[int, list]:
    """``{buyer id: [(gz_id, supplier_id, method_id, value, sign_date)]}`` for counted contracts."""
    out: dict[int, list] = defaultdict(list)
    for row in counted_contracts().values_list("customer_id", "gz_id", "supplier_id", "method_id",
                                               "contract_sum_wnds", "sign_date"):
        out[row[0]].append(row[1:])
    return out


def slugs(ids) -> dict[int, str]:
    return {o.id: org_slug(o) for o in m.Organisation.objects.filter(id__in=set(ids))}


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole).quantize(Decimal("0.000001")) if whole else None

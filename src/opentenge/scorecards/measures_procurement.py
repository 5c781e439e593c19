"""Procurement measures of a body as a buyer: single source, flagged value, supplier concentration.

One aggregate query per measure over the year's counted contracts (not deleted, in tenge: the
site's money rule, ``store.queries.COUNTED``) grouped by buyer; the year is the year of signing.
Value is ``contract_sum_wnds``, what the buyer pays including VAT, as on every other page.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from opentenge.indicators.models import FlagResult, ResultContract
from opentenge.indicators.r001_single_source_share import SingleSourceShare
from opentenge.scorecards.values import CENT, HUNDRED, MIN_CONTRACTS, Value, lacking, percent, share_value
from opentenge.store import models as sm
from opentenge.store.queries import COUNTED

# faktTradeMethodsId of single-source awards, as red flag R001 reads them (one list for the site).
SINGLE_SOURCE_METHODS = tuple(SingleSourceShare.defaults["single_source_methods"])
ZERO = Decimal("0")


def year_contracts(year: int, bodies):
    return sm.Contract.objects.filter(COUNTED, customer_id__in=[b.id for b in bodies], sign_date__year=year)


def _few(year: int) -> Value:
    return lacking("few_contracts", _("fewer than %(n)s contracts signed in %(year)s") % {"n": MIN_CONTRACTS,
                                                                                          "year": year})


def _per_buyer(year: int, bodies, **extra) -> dict[int, dict]:
    rows = (year_contracts(year, bodies).values("customer_id")
            .annotate(n=Count("id"), value=Sum("contract_sum_wnds"), **extra))
    return {r["customer_id"]: r for r in rows}


def _single(year: int, bodies) -> dict[int, dict]:
    single = Q(method_id__in=SINGLE_SOURCE_METHODS)
    return _per_buyer(year, bodies, single_n=Count("id", filter=single),
                      single_value=Sum("contract_sum_wnds", filter=single))


def single_source_count(year: int, bodies) -> dict[int, Value]:
    rows = _single(year, bodies)
    out = {}
    for body in bodies:
        r = rows.get(body.id)
        out[body.id] = _few(year) if not r or r["n"] < MIN_CONTRACTS else share_value(r["single_n"], r["n"])
    return out


def single_source_value(year: int, bodies) -> dict[int, Value]:
    return _value_shares(year, bodies, _single(year, bodies), "single_value")


def flagged_value(year: int, bodies) -> dict[int, Value]:
    """Value of the body's contracts concerned by at least one red flag, over all its contracts."""
    if not FlagResult.objects.exists():
        reason = lacking("flags_not_computed", _("red flags have not been computed (opentenge indicators run)"))
        return {b.id: reason for b in bodies}
    flagged_ids = ResultContract.objects.filter(result__outcome=FlagResult.Outcome.FLAGGED).values("contract_gz_id")
    rows = _per_buyer(year, bodies, flagged=Sum("contract_sum_wnds", filter=Q(gz_id__in=flagged_ids)))
    return _value_shares(year, bodies, rows, "flagged")


def _value_shares(year: int, bodies, rows: dict, part: str) -> dict[int, Value]:
    """``rows[body][part]`` as a share of the body's contract value, with the shared minimum-data rules."""
    out = {}
    for body in bodies:
        r = rows.get(body.id)
        if not r or r["n"] < MIN_CONTRACTS:
            out[body.id] = _few(year)
        elif not r["value"] or r["value"] <= 0:
            out[body.id] = lacking("no_value", _("the contracts have no value"))
        else:
            out[body.id] = share_value(r[part] or ZERO, r["value"])
    return out


def _by_supplier(year: int, bodies) -> dict[int, tuple[int, list[Decimal]]]:
    """Per buyer: number of contracts and the value bought from each supplier."""
    rows = (year_contracts(year, bodies).values("customer_id", "supplier_id")
            .annotate(n=Count("id"), value=Sum("contract_sum_wnds")))
    found: dict[int, list] = defaultdict(lambda: [0, []])
    for r in rows:
        found[r["customer_id"]][0] += r["n"]
        found[r["customer_id"]][1].append(r["value"] or ZERO)
    return found


def _concentration(year: int, bodies, compute) -> dict[int, Value]:
    found = _by_supplier(year, bodies)
    out = {}
    for body in bodies:
        n, values = found.get(body.id, (0, []))
        total = sum(values, ZERO)
        if n < MIN_CONTRACTS:
            out[body.id] = _few(year)
        elif total <= 0:
            out[body.id] = lacking("no_value", _("the contracts have no value"))
        else:
            out[body.id] = compute(values, total)
    return out


def supplier_hhi(year: int, bodies) -> dict[int, Value]:
    """Herfindahl–Hirschman index of the body's suppliers: Σ (supplier's share in %)², 0 … 10 000."""
    def hhi(values, total):
        index = sum(((v * HUNDRED / total) ** 2 for v in values), ZERO).quantize(CENT)
        return Value(index, len(values), total)
    return _concentration(year, bodies, hhi)


def top_supplier_share(year: int, bodies) -> dict[int, Value]:
    return _concentration(year, bodies, lambda values, total: Value(percent(max(values), total), max(values), total))


def late_publications(year: int, bodies) -> dict[int, Value]:
    """Not measurable from what goszakup publishes: a contract carries its signing date and the date of
    its last update, never the date it was first published, so "published long after signing"
    cannot be told apart from "corrected later". Insufficient data for every body, said as such."""
    reason = lacking("no_publication_date", _("goszakup publishes no first-publication date for contracts"))
    return {b.id: reason for b in bodies}

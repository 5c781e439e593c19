"""R008 — the same supplier winning repeatedly from one buyer.

Many separate awards from one buyer to one supplier in a year can be a split purchase or a
standing arrangement outside competition. Counted per buyer–supplier pair and calendar year of
signing; the subject is the pair (``<buyer slug>/<supplier slug>/<year>``).
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import ZERO, contracts_by_buyer, slugs


@register
class RepeatWinner(Indicator):
    code = "R008"
    title = _("The same supplier winning repeatedly from one buyer")
    rule = _("For each buyer and supplier, the number of contracts signed between them in one calendar year. "
             "The pair is flagged when the count reaches the threshold; contracts without a signing date are "
             "reported as insufficient data for the pair.")
    data_needed = _("Contracts: buyer, supplier, signing date, value with VAT.")
    false_positives = _("Framework agreements and regular supplies (fuel, food, utilities) signed as monthly "
                        "contracts with the only local supplier.")
    subject_kind = "organisation"
    defaults = {"min_contracts": 5}

    def compute(self):
        limit = int(self.threshold("min_contracts"))
        by_buyer = contracts_by_buyer()
        names = slugs(set(by_buyer) | {r[1] for rows in by_buyer.values() for r in rows})
        for buyer_id, rows in sorted(by_buyer.items()):
            pairs: dict[tuple, list] = defaultdict(list)
            for gz_id, supplier_id, _method, value, signed in rows:
                pairs[(supplier_id, signed.year if signed else None)].append((gz_id, value or ZERO))
            for (supplier_id, year), items in sorted(pairs.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
                ids = [gz for gz, _v in items]
                inputs = {"buyer": names[buyer_id], "supplier": names[supplier_id], "year": year,
                          "contracts": len(items), "value": sum((v for _g, v in items), ZERO), "contract_ids": ids}
                key = f"{names[buyer_id]}/{names[supplier_id]}/{year or 'unknown'}"
                if year is None:
                    outcome, value = INSUFFICIENT, None
                else:
                    outcome, value = (FLAGGED if len(items) >= limit else CLEAR), Decimal(len(items))
                yield Result("organisation", key, outcome, value, Decimal(limit), inputs, buyer_id=buyer_id,
                             supplier_id=supplier_id, contracts=ids if outcome != CLEAR else [])

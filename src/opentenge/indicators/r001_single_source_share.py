"""R001 — single-source share per buyer.

Single-source awards skip competition by law's leave; a buyer that places most of its money that
way deserves a look. Computed per buyer over all its counted contracts.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import ZERO, contracts_by_buyer, share, slugs


@register
class SingleSourceShare(Indicator):
    code = "R001"
    title = _("Single-source share of a buyer's spending")
    rule = _("For each buyer, the value of its contracts awarded from a single source divided by the value of "
             "all its contracts. The buyer is flagged when the share reaches the threshold; a buyer with fewer "
             "contracts than the minimum gets insufficient data.")
    data_needed = _("Contracts: buyer, value with VAT, procurement method actually used.")
    false_positives = _("Single-source awards after a failed tender, natural monopolies and utilities, and "
                        "small buyers with one large legitimate direct contract.")
    subject_kind = "organisation"
    defaults = {"share": Decimal("0.5"), "min_contracts": 3, "single_source_methods": [6, 23]}

    def compute(self):
        methods = {int(x) for x in self.threshold("single_source_methods")}
        limit = Decimal(str(self.threshold("share")))
        by_buyer = contracts_by_buyer()
        names = slugs(by_buyer)
        for buyer_id, rows in sorted(by_buyer.items()):
            total = sum((r[3] or ZERO for r in rows), ZERO)
            single = [r for r in rows if r[2] in methods]
            single_value = sum((r[3] or ZERO for r in single), ZERO)
            inputs = {"contracts": len(rows), "total_value": total, "single_source_contracts": len(single),
                      "single_source_value": single_value, "single_source_ids": [r[0] for r in single]}
            value = share(single_value, total)
            if len(rows) < int(self.threshold("min_contracts")) or value is None:
                outcome = INSUFFICIENT
            else:
                outcome = FLAGGED if value >= limit else CLEAR
            yield Result("organisation", names[buyer_id], outcome, value, limit, inputs, buyer_id=buyer_id,
                         contracts=[r[0] for r in single])

"""R007 — one supplier concentrating a buyer's spending (share and HHI).

A buyer whose money goes mostly to one supplier, or to very few, is a classic capture pattern.
Computed per buyer: the top supplier's share of value and the Herfindahl–Hirschman index (sum of
squared supplier shares, 0–1) over all its counted contracts.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import ZERO, contracts_by_buyer, slugs

Q = Decimal("0.000001")


@register
class PairConcentration(Indicator):
    code = "R007"
    title = _("One supplier concentrating a buyer's spending")
    rule = _("For each buyer, the share of its contract value that goes to its largest supplier, and the "
             "Herfindahl-Hirschman index of supplier shares. The buyer is flagged when the top share or the "
             "index reaches its threshold; a buyer with fewer contracts than the minimum, or none with a "
             "value, gets insufficient data.")
    data_needed = _("Contracts: buyer, supplier, value with VAT.")
    false_positives = _("Buyers with one legitimate main contractor (a utility, a single construction "
                        "project), and small buyers with few purchases.")
    subject_kind = "organisation"
    defaults = {"share": Decimal("0.5"), "hhi": Decimal("0.5"), "min_contracts": 3}

    def compute(self):
        share_limit = Decimal(str(self.threshold("share")))
        hhi_limit = Decimal(str(self.threshold("hhi")))
        by_buyer = contracts_by_buyer()
        names = slugs(set(by_buyer) | {r[1] for rows in by_buyer.values() for r in rows})
        for buyer_id, rows in sorted(by_buyer.items()):
            per_supplier: dict[int, Decimal] = defaultdict(lambda: ZERO)
            for _gz, supplier_id, _method, value, _date in rows:
                per_supplier[supplier_id] += value or ZERO
            total = sum(per_supplier.values(), ZERO)
            if len(rows) < int(self.threshold("min_contracts")) or not total:
                yield Result("organisation", names[buyer_id], INSUFFICIENT, None, share_limit,
                             {"contracts": len(rows), "total_value": total}, buyer_id=buyer_id)
                continue
            top_id, top_value = max(per_supplier.items(), key=lambda kv: (kv[1], -kv[0]))
            top_share = (top_value / total).quantize(Q)
            hhi = sum(((v / total) ** 2 for v in per_supplier.values()), ZERO).quantize(Q)
            flagged = top_share >= share_limit or hhi >= hhi_limit
            top_ids = [r[0] for r in rows if r[1] == top_id]
            inputs = {"contracts": len(rows), "total_value": total, "suppliers": len(per_supplier),
                      "top_supplier": names[top_id], "top_supplier_value": top_value, "top_share": top_share,
                      "hhi": hhi, "hhi_threshold": hhi_limit, "top_supplier_contract_ids": top_ids}
            yield Result("organisation", names[buyer_id], FLAGGED if flagged else CLEAR, top_share, share_limit,
                         inputs, buyer_id=buyer_id, supplier_id=top_id, contracts=top_ids if flagged else [])

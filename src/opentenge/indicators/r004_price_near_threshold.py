"""R004 — award price at or just below a method's value ceiling.

Some methods (price quotations, simplified procedures) may only be used below a value set by law;
awards piling up just under that ceiling suggest a purchase split or priced to avoid a tender.
The ceilings change with the law and the monthly calculation index, so there is no default: until
an operator configures them *with their legal basis*, every contract of a ceiling method gets
insufficient data. Configure as::

    OPENTENGE_INDICATORS = {"R004": {"method_thresholds": {"3": {"limit": "17300000",
                                     "basis": "Law … art. …, 4 000 MCI in 2025"}}}}
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import counted_contracts

Q = Decimal("0.000001")


@register
class PriceNearThreshold(Indicator):
    code = "R004"
    title = _("Award price at or just below a method threshold")
    rule = _("For each contract awarded by a method that the law limits by value, the contract value "
             "without VAT divided by that method's ceiling. The contract is flagged when the ratio lies within "
             "the band just below the ceiling, or exactly on it. Without a configured ceiling, or without a "
             "value without VAT, the contract gets insufficient data.")
    data_needed = _("Contracts: method actually used, value without VAT; the legal ceiling of each method.")
    false_positives = _("Budgets that are set at the ceiling in good faith, and standard prices that happen to "
                        "sit just below it.")
    subject_kind = "contract"
    defaults = {"ceiling_methods": [3], "method_thresholds": {}, "band": Decimal("0.05")}

    def compute(self):
        methods = [int(x) for x in self.threshold("ceiling_methods")]
        ceilings = {int(k): v for k, v in self.threshold("method_thresholds").items()}
        band = Decimal(str(self.threshold("band")))
        for c in counted_contracts().filter(method_id__in=methods):
            ceiling = ceilings.get(c.method_id)
            inputs = {"method_id": c.method_id, "value_without_vat": c.contract_sum, "band": band}
            if not ceiling or c.contract_sum is None:
                inputs["reason"] = ("no legal ceiling configured for this method" if not ceiling
                                    else "no value without VAT")
                yield Result("contract", str(c.gz_id), INSUFFICIENT, None, None, inputs, buyer_id=c.customer_id,
                             supplier_id=c.supplier_id, contracts=[c.gz_id])
                continue
            limit = Decimal(str(ceiling["limit"]))
            inputs.update(ceiling=limit, basis=ceiling.get("basis", ""))
            ratio = (c.contract_sum / limit).quantize(Q)
            outcome = FLAGGED if 1 - band <= ratio <= 1 else CLEAR
            yield Result("contract", str(c.gz_id), outcome, ratio, 1 - band, inputs, buyer_id=c.customer_id,
                         supplier_id=c.supplier_id, contracts=[c.gz_id])

"""R006 — supplier registered shortly before the award.

A company founded weeks before it wins a public contract may have been set up for that contract.
Compares the supplier's registration date (``Organisation.registered_on``) with the signing date.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import counted_contracts


@register
class NewSupplier(Indicator):
    code = "R006"
    title = _("Supplier registered shortly before the award")
    rule = _("For each contract, the days from the supplier's registration to the signing of the contract. "
             "The contract is flagged when there are fewer days than the threshold (or the contract was signed "
             "before the registration date); a contract without either date gets insufficient data.")
    data_needed = _("Contracts: signing date, supplier; suppliers: registration date.")
    false_positives = _("Re-registered companies (a change of legal form gives a new date), new branches of "
                        "old firms, and individual entrepreneurs who register to take up a contract.")
    subject_kind = "contract"
    defaults = {"max_days": 180}

    def compute(self):
        limit = int(self.threshold("max_days"))
        for c in counted_contracts().select_related("supplier"):
            registered = c.supplier.registered_on
            inputs = {"sign_date": c.sign_date, "registered_on": registered}
            if registered is None or c.sign_date is None:
                outcome, value = INSUFFICIENT, None
            else:
                days = (c.sign_date - registered).days
                outcome, value = (FLAGGED if days < limit else CLEAR), Decimal(days)
            yield Result("contract", str(c.gz_id), outcome, value, Decimal(limit), inputs, buyer_id=c.customer_id,
                         supplier_id=c.supplier_id, contracts=[c.gz_id])

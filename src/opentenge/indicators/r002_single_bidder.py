"""R002 — a single bidder in a competitive tender.

A competitive method that draws one bid is competition in name only. The rule needs the number
of bids per lot, which the goszakup files we ingest do not carry yet: until they do, every
competitive tender gets *insufficient data*, never "clear".
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.store import models as m
from opentenge.store.queries import COUNTED


def bid_counts() -> dict[int, int]:
    """Bids per tender (goszakup id), when a source provides them; none does yet."""
    return {}


@register
class SingleBidder(Indicator):
    code = "R002"
    title = _("Single bidder in a competitive tender")
    rule = _("A tender run by a competitive method (open tender, price quotations, tender with "
             "pre-qualification) that received no more than the threshold number of bids is flagged. "
             "Without bid counts the tender gets insufficient data.")
    data_needed = _("Tenders: procurement method; the number of bids submitted per tender or lot.")
    false_positives = _("Very specialised goods with one maker, and markets with one supplier in the region.")
    subject_kind = "tender"
    defaults = {"max_bids": 1, "competitive_methods": [2, 3, 32, 188]}

    def compute(self):
        methods = {int(x) for x in self.threshold("competitive_methods")}
        max_bids = int(self.threshold("max_bids"))
        bids = bid_counts()
        contracts: dict[int, list[int]] = {}
        for tender_id, gz_id in m.Contract.objects.filter(COUNTED, tender_id__isnull=False).values_list(
                "tender_id", "gz_id"):
            contracts.setdefault(tender_id, []).append(gz_id)
        for t in m.Tender.objects.filter(method_id__in=methods).order_by("gz_id"):
            count = bids.get(t.gz_id)
            inputs = {"method_id": t.method_id, "bids": count, "contracts": contracts.get(t.gz_id, [])}
            if count is None:
                outcome, value = INSUFFICIENT, None
                inputs["reason"] = "bid counts are not in the data we hold"
            else:
                outcome, value = (FLAGGED if count <= max_bids else CLEAR), Decimal(count)
            yield Result("tender", str(t.gz_id), outcome, value, Decimal(max_bids), inputs,
                         buyer_id=t.customer_id, contracts=contracts.get(t.gz_id, []))

"""R003 — short submission period.

Few days between the announcement opening and the bid deadline favour a bidder who knew in
advance. Measured in calendar days from ``start_date`` (or ``publish_date``) to ``end_date``.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.store import models as m
from opentenge.store.queries import COUNTED

DAY = Decimal(86400)


@register
class ShortSubmissionPeriod(Indicator):
    code = "R003"
    title = _("Short submission period")
    rule = _("For each tender run by a competitive method, the calendar days between the start of bid "
             "submission (or publication) and the bid deadline. The tender is flagged when the period is "
             "shorter than the minimum for its method; a tender without both dates gets insufficient data.")
    data_needed = _("Tenders: method, publication or submission start date, submission end date.")
    false_positives = _("Repeated tenders after a failed one, urgent needs allowed by law, and deadlines "
                        "extended later when only the first deadline was published.")
    subject_kind = "tender"
    # Indicative minimums, not the statutory ones: set the legal periods for your reading of the law.
    defaults = {"min_days": {"2": 15, "3": 5, "32": 15, "188": 7}}

    def compute(self):
        minimum = {int(k): Decimal(str(v)) for k, v in self.threshold("min_days").items()}
        contracts: dict[int, list[int]] = {}
        for tender_id, gz_id in m.Contract.objects.filter(COUNTED, tender_id__isnull=False).values_list(
                "tender_id", "gz_id"):
            contracts.setdefault(tender_id, []).append(gz_id)
        for t in m.Tender.objects.filter(method_id__in=minimum).order_by("gz_id"):
            start = t.start_date or t.publish_date
            limit = minimum[t.method_id]
            inputs = {"method_id": t.method_id, "start": start, "end": t.end_date,
                      "contracts": contracts.get(t.gz_id, [])}
            if start is None or t.end_date is None:
                outcome, value = INSUFFICIENT, None
            else:
                value = (Decimal((t.end_date - start).total_seconds()) / DAY).quantize(Decimal("0.01"))
                outcome = FLAGGED if value < limit else CLEAR
            yield Result("tender", str(t.gz_id), outcome, value, limit, inputs, buyer_id=t.customer_id,
                         contracts=contracts.get(t.gz_id, []))

"""R005 — contract value increased by amendments.

A contract won at one price and raised afterwards defeats the competition that set the price.
goszakup republishes a contract when it changes; the store keeps every distinct version in
``RecordVersion``, so the first value we saw can be compared with the current one. A contract
seen in one version only gets insufficient data: we cannot tell whether it was ever amended.

Memory stays bounded: contracts are read in chunks of ``CHUNK`` and only the versions of one
chunk's contracts are loaded at a time, so the run never holds every version of every contract.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from opentenge.indicators.base import CLEAR, FLAGGED, INSUFFICIENT, Indicator, Result, register
from opentenge.indicators.data import counted_contracts
from opentenge.store import models as m

Q = Decimal("0.000001")
CHUNK = 900  # contracts per query: under SQLite's oldest limit of 999 parameters per statement


def _amount(payload: dict) -> Decimal | None:
    value = payload.get("contractSumWnds", payload.get("contract_sum_wnds"))
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _when(payload: dict) -> str:
    return str(payload.get("lastUpdateDate") or payload.get("last_update_date") or "")


def _contract_chunks() -> Iterator[list]:
    """Counted contracts in id order, ``CHUNK`` at a time (a server-side cursor where there is one)."""
    chunk = []
    for contract in counted_contracts().iterator(chunk_size=CHUNK):
        chunk.append(contract)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _versions_of(contracts: list) -> dict[str, list]:
    """``{str(gz_id): [(update date, version id, value)]}`` for these contracts only."""
    versions: dict[str, list] = defaultdict(list)
    keys = [str(c.gz_id) for c in contracts]
    rows = m.RecordVersion.objects.filter(kind="contract", key__in=keys).values_list("key", "payload", "id")
    for key, payload, vid in rows.iterator(chunk_size=CHUNK):
        versions[key].append((_when(payload), vid, _amount(payload)))
    return versions


@register
class AmendmentIncrease(Indicator):
    code = "R005"
    title = _("Contract value increased by amendments")
    rule = _("For each contract seen in more than one published version, the increase of its value with VAT "
             "from the earliest version to the current one, as a share of the earliest value. The contract is "
             "flagged when the increase exceeds the threshold; a contract seen in one version only gets "
             "insufficient data.")
    data_needed = _("Every published version of each contract, with its value and update date.")
    false_positives = _("Increases allowed by law (price indexation, extra volume within the legal limit) and "
                        "corrections of a typing error in the first version.")
    subject_kind = "contract"
    defaults = {"increase": Decimal("0.1")}

    def compute(self):
        limit = Decimal(str(self.threshold("increase")))
        for chunk in _contract_chunks():
            yield from self._judge(chunk, _versions_of(chunk), limit)

    def _judge(self, contracts: list, versions: dict[str, list], limit: Decimal):
        for c in contracts:
            seen = sorted(versions.get(str(c.gz_id), []))
            amounts = [a for _w, _id, a in seen if a is not None]
            inputs = {"versions": len(seen), "current_value": c.contract_sum_wnds,
                      "version_ids": [vid for _w, vid, _a in seen]}
            if len(seen) < 2 or not amounts or not amounts[0]:
                yield Result("contract", str(c.gz_id), INSUFFICIENT, None, limit, inputs, buyer_id=c.customer_id,
                             supplier_id=c.supplier_id, contracts=[c.gz_id])
                continue
            first = amounts[0]
            increase = ((c.contract_sum_wnds - first) / first).quantize(Q)
            inputs["first_value"] = first
            yield Result("contract", str(c.gz_id), FLAGGED if increase > limit else CLEAR, increase, limit, inputs,
                         buyer_id=c.customer_id, supplier_id=c.supplier_id, contracts=[c.gz_id])

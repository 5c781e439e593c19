"""Red-flag tables of a bulk export: every stored indicator result, with the inputs that decided it.

``outcome`` is one of ``flagged``, ``clear`` and ``insufficient_data``; the last means the data
cannot answer the question and must never be read or summed as "no risk". ``inputs`` is the JSON
object of figures and record ids the rule used, so a reader can recompute the result.
"""
from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder

from opentenge.export.tables import Column, Table, org_column
from opentenge.indicators import models as im

SOURCES = ("indicators",)


def _json(value) -> str:
    return json.dumps(value if value is not None else {}, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


FLAG_RESULTS = Table(
    "flag_results", "Red-flag results",
    "One row per indicator (R001 …) and subject (tender, contract or organisation); see the site's "
    "methodology pages for each rule and its thresholds.",
    lambda: im.FlagResult.objects.order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("code", "string", "code", "Indicator code, e.g. R001."),
        Column("subject_kind", "string", "subject_kind", "tender, contract or organisation."),
        Column("subject_key", "string", "subject_key", "Tender/contract id, or the organisation's public id."),
        Column("outcome", "string", "outcome", "flagged, clear or insufficient_data (never 'no risk')."),
        Column("value", "number", "value", "The measured value.", scale=6),
        Column("threshold", "number", "threshold", "The threshold it was compared with.", scale=6),
        Column("inputs", "object", "inputs", "JSON object: the figures and record ids that decided the outcome.",
               _json),
        org_column("buyer", "buyer"),
        org_column("supplier", "supplier"),
        Column("computed_at", "datetime", "computed_at"),
        Column("method_version", "string", "method_version"),
    ),
    sources=SOURCES,
)

FLAG_CONTRACTS = Table(
    "flag_result_contracts", "Contracts of red-flag results",
    "The contracts each result concerns (flag_results.id → contracts.id), to add up distinct values.",
    lambda: im.ResultContract.objects.order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("result_id", "integer", "result_id", "flag_results.id"),
        Column("contract_id", "integer", "contract_gz_id", "contracts.id"),
    ),
    sources=SOURCES,
)

FLAG_TABLES: tuple[Table, ...] = (FLAG_RESULTS, FLAG_CONTRACTS)

"""The API's shape of a correction notice, for detail schemas that carry ``corrections``.

``api.schemas.OrganisationDetail`` / ``ContractDetail`` (owned by the API) declare
``corrections: list[CorrectionNotice] = []`` so the API shows the same notice as the page.
"""
from __future__ import annotations

from datetime import datetime

from ninja import Schema


class CorrectionNotice(Schema):
    field: str  # a correctable field of the entity, or "other" for a published note
    label: str
    old: str  # the value as the page showed it when the correction was accepted
    new: str  # empty for a note
    note: str
    source: str  # the evidence: a web address or a document
    decided_at: datetime
    report: int

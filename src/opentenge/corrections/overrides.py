"""Laying accepted corrections over a page's data dict.

Called by the detail query functions (``store.queries.organisation_detail`` and
``contract_detail``, ``politics.queries.person_detail`` and ``party_detail``), so the page, its
JSON twin and the API all show the corrected value and the same ``corrections`` list, while the
stored rows keep what the source published.
"""
from __future__ import annotations

from opentenge.corrections.fields import KINDS, OTHER, field_label
from opentenge.corrections.models import Correction


def active_corrections(kind: str, key: str) -> list[Correction]:
    return list(Correction.objects.filter(kind=kind, key=str(key), active=True).order_by("decided_at", "id"))


def notice(correction: Correction) -> dict:
    """What the public sees of a correction: the field, the values, the source and the date (no people)."""
    return {"field": correction.field, "label": str(field_label(correction.kind, correction.field)),
            "old": correction.old_value, "new": correction.new_value, "note": correction.note,
            "source": correction.evidence, "decided_at": correction.decided_at, "report": correction.report_id}


def apply(kind: str, key: str, data: dict) -> dict:
    """Replace the corrected fields in ``data`` and add ``data["corrections"]`` (possibly empty)."""
    spec = KINDS[kind]
    notices = []
    for correction in active_corrections(kind, key):
        field = spec.field(correction.field) if correction.field != OTHER else None
        if field is not None and correction.new_value:
            try:
                data[field.name] = field.parse(correction.new_value)
            except ValueError:  # stored values are checked on acceptance; never break a page over one
                continue
        notices.append(notice(correction))
    data["corrections"] = notices
    return data

"""The organisation page's "Red flags" section: its flags, insufficient-data results, method links."""
from __future__ import annotations

from opentenge.indicators.queries import organisation_flags
from opentenge.store.queries import NotFound


def organisation_panel(detail: dict):
    try:
        data = organisation_flags(detail["id"])
    except (KeyError, NotFound):
        return None
    if not (data["flagged_count"] or data["insufficient_count"] or data["clear_count"]):
        return None
    return data

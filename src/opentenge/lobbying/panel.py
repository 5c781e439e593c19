"""The organisation page's "Lobbying register" section: its own register entry, meetings held with it."""
from __future__ import annotations

from django.utils.translation import get_language

from opentenge.lobbying.queries import organisation_entry
from opentenge.store.queries import NotFound, get_organisation


def organisation_panel(detail: dict):
    try:
        org = get_organisation(detail["id"])
    except (KeyError, NotFound):
        return None
    return organisation_entry(org, (get_language() or "en")[:2])

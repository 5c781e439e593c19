"""The organisation page's "Lobbying register" section: its own register entry, meetings held with it."""
from __future__ import annotations


from opentenge.lobbying.queries import organisation_entry
from opentenge.store.queries import NotFound, get_organisation
from opentenge.web.language import page_language


def organisation_panel(detail: dict):
    try:
        org = get_organisation(detail["id"])
    except (KeyError, NotFound):
        return None
    return organisation_entry(org, page_language())

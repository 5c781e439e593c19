"""The politics section of an organisation's page: people the register names as its heads or founders.

Shown only when the company register has a role for the organisation's BIN. Each role holder is a
name as published; persons in office with a similar name are listed as *possible* links with their
score and editor state (never asserted), next to a link to the organisation's network view.
"""
from __future__ import annotations


def build_organisation_panel(detail: dict):
    from opentenge.politics.links import people_for_role
    from opentenge.politics.models import CompanyRole

    bin_ = detail.get("bin")
    if not bin_:
        return None
    roles = list(CompanyRole.objects.filter(organisation_bin=bin_).order_by("role", "person_name"))
    if not roles:
        return None
    return {
        "network_slug": detail.get("id") or bin_,
        "roles": [{"role": r.role, "person_name": r.person_name, "since": r.since, "source_url": r.source_url,
                   "possible_people": people_for_role(r)} for r in roles],
    }

"""Civil-society tables of a bulk export: the NGO register, state grants and awards, foreign funding.

The state social order is not a table of its own: it is the procurement ``contracts`` whose
``method_id`` is 52 (see ``opentenge.civil.queries.SOCIAL_ORDER_METHOD``). A natural person who
received foreign money appears with the name the register published and a *masked* IIN; the
recipient id is the keyed fingerprint used in page addresses, never the IIN.
"""
from __future__ import annotations

from opentenge.civil import models as cm
from opentenge.export.tables import Column, Table, org_column, provenance_columns


def _joined(values) -> str:
    return "; ".join(str(v) for v in values or [])


NGO_REGISTRATIONS = Table(
    "ngo_registrations", "NGO register",
    "NGOs as the NGO database lists them: names, legal form, registration, region, activities.",
    lambda: cm.NgoRegistration.objects.order_by("key"),
    (
        Column("id", "string", "key", "BIN:<bin>."),
        org_column("organisation", "NGO"),
        Column("bin", "string", "bin"),
        Column("name_ru", "string", "name_ru"),
        Column("name_kk", "string", "name_kk"),
        Column("legal_form", "string", "legal_form", "As published."),
        Column("legal_form_code", "string", "legal_form_code"),
        Column("registered_on", "date", "registered_on"),
        Column("region", "string", "region", "As published."),
        Column("region_code", "string", "region_code"),
        Column("activities", "string", "activities", "Areas of activity as published, separated by '; '.", _joined),
        *provenance_columns(),
    ),
    sources=("ngo_register",),
)

GRANT_AWARDS = Table(
    "grant_awards", "State grants and awards",
    "Winner lines of state grant and award lists (grant operator, ministries, akimats), tenge.",
    lambda: cm.GrantAward.objects.order_by("key"),
    (
        Column("id", "string", "key"),
        Column("kind", "string", "kind", "grant or award."),
        Column("year", "integer", "year"),
        Column("award_date", "date", "award_date"),
        Column("operator", "string", "operator", "Who awarded it, as published."),
        Column("programme", "string", "programme"),
        org_column("recipient", "recipient"),
        Column("recipient_name", "string", "recipient_name"),
        Column("recipient_bin", "string", "recipient_bin"),
        Column("region", "string", "region"),
        Column("region_code", "string", "region_code"),
        Column("project_title", "string", "project_title"),
        Column("amount", "number", "amount", "Tenge."),
        Column("amount_published", "string", "amount_published", "The amount cell as published."),
        *provenance_columns(),
    ),
    sources=("state_grants",),
)

GRANT_COMPETITIONS = Table(
    "grant_competitions", "Grant competitions",
    "Published summaries of grant competitions: applications, winners, budget offered (tenge).",
    lambda: cm.GrantCompetition.objects.order_by("key"),
    (
        Column("id", "string", "key"),
        Column("year", "integer", "year"),
        Column("operator", "string", "operator"),
        Column("programme", "string", "programme"),
        Column("applications", "integer", "applications"),
        Column("winners", "integer", "winners"),
        Column("budget", "number", "budget", "Tenge."),
        *provenance_columns(),
    ),
    sources=("state_grants",),
)

FOREIGN_FUNDING = Table(
    "foreign_funding", "Foreign funding",
    "Lines of the State Revenue Committee's register of persons receiving money from foreign "
    "sources, tenge. A natural person's IIN appears masked only.",
    lambda: cm.ForeignFunding.objects.order_by("key"),
    (
        Column("id", "string", "key"),
        org_column("recipient", "recipient"),
        Column("recipient_kind", "string", "recipient_kind", "legal_entity or person."),
        Column("recipient_name", "string", "recipient_name", "As the register published it."),
        Column("recipient_bin", "string", "recipient_bin"),
        Column("iin_masked", "string", "iin_masked", "Masked IIN of a natural person."),
        Column("region", "string", "region"),
        Column("region_code", "string", "region_code"),
        Column("donor_name", "string", "donor_name"),
        Column("donor_country", "string", "donor_country", "As published."),
        Column("donor_country_code", "string", "donor_country_code", "ISO 3166, EU or INTL."),
        Column("amount", "number", "amount", "Tenge."),
        Column("amount_published", "string", "amount_published"),
        Column("purpose", "string", "purpose"),
        Column("period", "string", "period", "The reporting period as published."),
        Column("period_start", "date", "period_start"),
        Column("period_end", "date", "period_end"),
        Column("year", "integer", "year"),
        *provenance_columns(),
    ),
    sources=("foreign_funding",),
)

CIVIL_TABLES: tuple[Table, ...] = (NGO_REGISTRATIONS, GRANT_AWARDS, GRANT_COMPETITIONS, FOREIGN_FUNDING)

"""Money-in-politics tables of a bulk export: people, offices, parties and their money, company roles.

What a journalist needs to follow a person from office to company to party money, and nothing
more. A politics ``Person`` holds no IIN at all (the parliament sources publish none); no table
here carries an address or a phone. Company roles are a *name* in the register, never a person
id: joining them to ``people`` by name is a possible link, not a fact (docs/possible-links.md).
Election fund figures are exported only once a second editor confirmed them (``published``),
exactly as on the site; the editors' account names are not exported.
"""
from __future__ import annotations

from opentenge.export.tables import Column, Table, provenance_columns
from opentenge.politics import models as pm


def _names(prefix: str = "name", languages=("kk", "ru", "en")) -> tuple[Column, ...]:
    return tuple(Column(f"{prefix}_{lang}", "string", f"{prefix}_{lang}") for lang in languages)


PARTIES = Table(
    "parties", "Political parties", "Registered political parties (and factions named after one).",
    lambda: pm.Party.objects.order_by("key"),
    (Column("id", "string", "key", "Our slug, e.g. amanat."), *_names(), *provenance_columns()),
    sources=("mazhilis", "party_funding"),
)

PEOPLE = Table(
    "people", "People in public office",
    "Deputies and officials as the official source names them. No IIN is held or exported; the id "
    "is the source's own id.",
    lambda: pm.Person.objects.order_by("key"),
    (
        Column("id", "string", "key", "<source>:<the source's own id>, e.g. mazhilis:123."),
        *_names(),
        Column("birth_date", "date", "birth_date", "Only as the official biography states it."),
        Column("profile_url", "string", "profile_url", "The official profile page."),
        *provenance_columns(),
    ),
    sources=("mazhilis", "senate", "officials"),
)

POSITIONS = Table(
    "positions", "Offices held",
    "One office held by a person: chamber, party or faction, constituency, committee, term.",
    lambda: pm.Position.objects.order_by("key"),
    (
        Column("id", "string", "key"),
        Column("person_id", "string", "person__key", "The person (people.id)."),
        Column("chamber", "string", "chamber", "mazhilis, senate, maslikhat or executive."),
        *_names("role"),
        Column("party_id", "string", "party__key", "The party (parties.id), when published."),
        *_names("faction", ("kk", "ru")),
        Column("constituency_kind", "string", "constituency_kind",
               "single_mandate, party_list, appointed, elected_by_maslikhats; empty when not published."),
        *_names("region", ("kk", "ru")),
        *_names("committee"),
        Column("organisation_name", "string", "organisation_name", "Officials: the body (ministry, akimat)."),
        Column("start_date", "date", "start_date"),
        Column("end_date", "date", "end_date"),
        Column("is_current", "boolean", "is_current"),
        Column("source_url", "string", "source_url"),
        *provenance_columns(),
    ),
    sources=("mazhilis", "senate", "officials"),
)

COMPANY_ROLES = Table(
    "company_roles", "Company heads and founders",
    "A natural person named as head (director) or founder of a legal entity in the register. The "
    "person is a name only: a namesake in office is a possible link, never an identity.",
    lambda: pm.CompanyRole.objects.order_by("key"),
    (
        Column("id", "string", "key", "<BIN>:<role>:<folded name>."),
        Column("organisation_bin", "string", "organisation_bin", "The legal entity's BIN (organisations.id)."),
        Column("organisation_name_ru", "string", "organisation_name_ru"),
        Column("organisation_name_kk", "string", "organisation_name_kk"),
        Column("role", "string", "role", "director or founder."),
        Column("person_name", "string", "person_name", "As the register publishes it."),
        Column("since", "date", "since"),
        Column("source_url", "string", "source_url"),
        *provenance_columns(),
    ),
    sources=("company_roles",),
)

PARTY_FUNDING = Table(
    "party_funding", "State funding of parties",
    "State budget money paid to a party for one year (in proportion to the votes received), tenge.",
    lambda: pm.PartyFunding.objects.order_by("key"),
    (
        Column("id", "string", "key", "<party>:<year>."),
        Column("party_id", "string", "party__key"),
        Column("year", "integer", "year"),
        Column("amount", "number", "amount", "Tenge."),
        Column("votes", "integer", "votes"),
        Column("source_url", "string", "source_url"),
        *provenance_columns(),
    ),
    sources=("party_funding",),
)

PARTY_REPORT_LINES = Table(
    "party_report_lines", "Party financial reports",
    "Lines of parties' published annual financial reports: income or spending by kind, tenge.",
    lambda: pm.PartyReportLine.objects.order_by("key"),
    (
        Column("id", "string", "key", "<party>:<year>:<direction>:<kind>."),
        Column("party_id", "string", "party__key"),
        Column("year", "integer", "year"),
        Column("direction", "string", "direction", "income or spending."),
        Column("kind", "string", "kind"),
        Column("amount", "number", "amount", "Tenge."),
        Column("source_url", "string", "source_url"),
        *provenance_columns(),
    ),
    sources=("party_funding",),
)


def published_fund_figures():
    """Only figures a second editor confirmed: the site's rule, applied again here."""
    return pm.ElectionFundFigure.objects.filter(status=pm.ElectionFundFigure.Status.PUBLISHED).order_by("id")


ELECTION_FUNDS = Table(
    "election_funds", "Election funds",
    "Figures of election fund reports, typed in from the published documents and confirmed by a "
    "second editor (figures awaiting confirmation are not exported), tenge.",
    published_fund_figures,
    (
        Column("id", "integer", "id"),
        Column("election", "string", "election", "e.g. mazhilis-2023."),
        Column("party_id", "string", "party__key"),
        Column("candidate_name", "string", "candidate_name", "A candidate, when the report is a candidate's."),
        Column("line", "string", "line", "1 received, 1.1 own funds, 1.2 donations, 1.3 budget, 2 spent, "
                                         "2.1–2.4 spending by kind, donor a named donor."),
        Column("donor_name", "string", "donor_name", "Only for line 'donor' and only as published."),
        Column("amount", "number", "amount", "Tenge."),
        Column("source_url", "string", "source_url", "The published report."),
        Column("source_page", "string", "source_page", "Page or table in the document."),
        Column("confirmed_at", "datetime", "confirmed_at"),
    ),
    sources=("election_funds",),
)

DECLARATIONS = Table(
    "declarations", "Declarations (summaries)",
    "Published summaries of officials' income and asset declarations: year, office, income, number "
    "of property items. Never an address or an IIN.",
    lambda: pm.Declaration.objects.order_by("key"),
    (
        Column("id", "string", "key", "<person>:<year>."),
        Column("person_id", "string", "person__key"),
        Column("year", "integer", "year"),
        Column("position", "string", "position"),
        Column("income", "number", "income", "Declared income, tenge."),
        Column("property_items", "integer", "property_items"),
        Column("property_description", "string", "property_description"),
        Column("source_url", "string", "source_url"),
        *provenance_columns(),
    ),
    sources=("declarations",),
)

POLITICS_TABLES: tuple[Table, ...] = (PARTIES, PEOPLE, POSITIONS, COMPANY_ROLES, PARTY_FUNDING, PARTY_REPORT_LINES,
                                      ELECTION_FUNDS, DECLARATIONS)

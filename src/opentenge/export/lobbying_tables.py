"""Lobbying-register tables of a bulk export: public registrants, published report versions, meetings.

Public means published, the register's own rule: every queryset here starts from
``lobbying.queries.public_registrants()`` / ``public_versions()``, so a pending registrant or a
draft, submitted or returned version can never reach a file. Superseded versions stay public (an
amendment never hides what was published), so ``lobbying_reports`` has one row per public version
and ``is_current`` marks the one the site counts. Filers' and moderators' accounts, moderator
comments and the audit log's actors are not exported.
"""
from __future__ import annotations

from django.db.models import BooleanField, Case, Q, Value, When

from opentenge.export.tables import Column, Table, org_column, org_id
from opentenge.lobbying import models as lob
from opentenge.lobbying.queries import PUBLIC_REGISTRANT, public_registrants, public_versions

SOURCES = ("lobbying_register",)
WITHDRAWN = lob.Report.State.WITHDRAWN


def _lines(text: str | None) -> str:
    return "; ".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _current(prefix: str = ""):
    """True for the published (not superseded) version of a report that was not withdrawn."""
    live = Q(**{f"{prefix}state": lob.ReportVersion.State.PUBLISHED}) & ~Q(**{f"{prefix}report__state": WITHDRAWN})
    return Case(When(live, then=Value(True)), default=Value(False), output_field=BooleanField())


def _if_withdrawn(field: str):
    """A report's withdrawal details, only once it is withdrawn (as the site shows them)."""
    return Case(When(report__state=WITHDRAWN, then=f"report__{field}"), default=None)


REGISTRANTS = Table(
    "lobbying_registrants", "Lobbying registrants",
    "Organisations in the voluntary lobbying register that a moderator accepted (active) or that "
    "left it (withdrawn). Pending and returned applications are not public.",
    lambda: public_registrants().order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("name", "string", "name"),
        Column("bin", "string", "bin"),
        org_column("organisation", "organisation"),
        Column("kind", "string", "kind", "company, consultancy, association, union, ngo, think_tank or other."),
        Column("status", "string", "status", "active or withdrawn."),
        Column("interests", "string", "interests", "Fields of interest, separated by '; '.", _lines),
        Column("budget_band", "string", "budget_band", "Yearly lobbying budget band (lt1m, 1m-5m, 5m-20m, "
                                                       "20m-100m, gt100m tenge)."),
        Column("website", "string", "website"),
        Column("registered_at", "datetime", "registered_at"),
    ),
    sources=SOURCES,
)

LOBBYISTS = Table(
    "lobbying_former_positions", "Lobbyists' former public offices",
    "Public offices lobbyists of public registrants held before (the revolving door).",
    lambda: lob.FormerPosition.objects.filter(lobbyist__registrant__status__in=PUBLIC_REGISTRANT).order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("registrant_id", "integer", "lobbyist__registrant_id", "lobbying_registrants.id"),
        Column("lobbyist", "string", "lobbyist__name"),
        Column("lobbyist_active", "boolean", "lobbyist__active"),
        Column("position", "string", "position"),
        Column("body_name", "string", "body_name"),
        org_column("body", "state body"),
        Column("start", "date", "start"),
        Column("end", "date", "end"),
    ),
    sources=SOURCES,
)

REPORTS = Table(
    "lobbying_reports", "Lobbying reports",
    "Quarterly reports, one row per public version (published, or superseded by an amendment). "
    "Drafts and versions submitted or returned by a moderator are not public.",
    lambda: public_versions().annotate(is_current=_current(), withdrawn=Case(
        When(report__state=WITHDRAWN, then=Value(True)), default=Value(False), output_field=BooleanField()),
        withdrawn_at=_if_withdrawn("withdrawn_at"), withdrawal_reason=_if_withdrawn("withdrawal_reason"),
    ).order_by("id"),
    (
        Column("id", "integer", "id", "The version's id."),
        Column("report_id", "integer", "report_id"),
        Column("registrant_id", "integer", "report__registrant_id", "lobbying_registrants.id"),
        Column("year", "integer", "report__year"),
        Column("quarter", "integer", "report__quarter"),
        Column("version", "integer", "number", "1 is the first filing; amendments follow."),
        Column("version_state", "string", "state", "published or superseded."),
        Column("is_current", "boolean", "is_current", "The version the site counts."),
        Column("published_at", "datetime", "published_at"),
        Column("due", "date", "report__due"),
        Column("late", "boolean", "report__late", "First submitted after the due date."),
        Column("withdrawn", "boolean", "withdrawn"),
        Column("withdrawn_at", "datetime", "withdrawn_at"),
        Column("withdrawal_reason", "string", "withdrawal_reason"),
        Column("issues", "string", "issues", "Issues lobbied on, in the filer's words."),
        Column("spending_exact", "number", "spending_exact", "Lobbying spending in the quarter, tenge."),
        Column("spending_band", "string", "spending_band", "Or its band."),
        Column("amendment_note", "string", "amendment_note"),
    ),
    sources=SOURCES,
)

REPORT_BILLS = Table(
    "lobbying_report_bills", "Bills named in lobbying reports",
    "Which acts each public report version names (lobbying_reports.id → legislative_acts.id).",
    lambda: lob.ReportVersion.bills.through.objects.filter(reportversion__in=public_versions()).order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("report_version_id", "integer", "reportversion_id", "lobbying_reports.id"),
        Column("act_id", "string", "legislativeact__key", "legislative_acts.id"),
    ),
    sources=SOURCES,
)

BODIES = Table(
    "lobbying_contacted_bodies", "State bodies contacted",
    "State bodies contacted in the quarter, as each public report version names them.",
    lambda: lob.ContactedBody.objects.filter(version__in=public_versions()).annotate(
        is_current=_current("version__")).order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("report_version_id", "integer", "version_id", "lobbying_reports.id"),
        Column("is_current", "boolean", "is_current", "Named in the version the site counts."),
        Column("name", "string", "name"),
        org_column("organisation", "state body"),
    ),
    sources=SOURCES,
)

MEETINGS = Table(
    "lobbying_meetings", "Lobbying meetings",
    "Meetings with officials reported in public report versions; is_current marks those of the "
    "version the site's meeting log counts.",
    lambda: lob.Meeting.objects.filter(version__in=public_versions()).annotate(
        is_current=_current("version__")).order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("report_version_id", "integer", "version_id", "lobbying_reports.id"),
        Column("report_id", "integer", "version__report_id"),
        Column("registrant_id", "integer", "version__report__registrant_id", "lobbying_registrants.id"),
        Column("is_current", "boolean", "is_current"),
        Column("date", "date", "date"),
        Column("official_name", "string", "official_name"),
        Column("official_position", "string", "official_position"),
        Column("body_name", "string", "body_name"),
        org_column("body", "state body"),
        Column("subject", "string", "subject"),
        Column("bill_id", "string", "bill__key", "legislative_acts.id"),
    ),
    sources=SOURCES,
)

PAYMENTS = Table(
    "lobbying_client_payments", "Clients paying for lobbying",
    "Clients who paid for lobbying in the quarter, per public report version, with amount (tenge) or band.",
    lambda: lob.ClientPayment.objects.filter(version__in=public_versions()).annotate(
        is_current=_current("version__")).order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("report_version_id", "integer", "version_id", "lobbying_reports.id"),
        Column("is_current", "boolean", "is_current"),
        Column("client_name", "string", "client__name"),
        Column("client_id", "string", "client__organisation__key",
               "The client's BIN when linked (organisations.id); the typed-in number is not exported.", org_id),
        Column("amount", "number", "amount", "Tenge."),
        Column("band", "string", "band"),
    ),
    sources=SOURCES,
)

LOBBYING_TABLES: tuple[Table, ...] = (REGISTRANTS, LOBBYISTS, REPORTS, REPORT_BILLS, BODIES, MEETINGS, PAYMENTS)

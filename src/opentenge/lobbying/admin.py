"""The register in the admin: read-only. Changes go through the filing and moderation pages
(``services``), which validate and write the audit log; an admin form would bypass both."""
from __future__ import annotations

from django.contrib import admin

from opentenge.lobbying import models as lm
from opentenge.web.admin_base import ReadOnlyAdmin, ReadOnlyInline


class MemberInline(ReadOnlyInline):
    model = lm.RegistrantMember
    fields = ("user", "added_at")


class FormerPositionInline(ReadOnlyInline):
    model = lm.FormerPosition
    fields = ("position", "body_name", "body", "start", "end")


class MeetingInline(ReadOnlyInline):
    model = lm.Meeting
    fields = ("date", "official_name", "official_position", "body_name", "subject", "bill")


class BodyInline(ReadOnlyInline):
    model = lm.ContactedBody
    fields = ("name", "organisation")


class PaymentInline(ReadOnlyInline):
    model = lm.ClientPayment
    fields = ("client", "amount", "band")


@admin.register(lm.Registrant)
class RegistrantAdmin(ReadOnlyAdmin):
    list_display = ("name", "bin", "kind", "status", "created_at", "registered_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "bin")
    inlines = [MemberInline]


@admin.register(lm.Lobbyist)
class LobbyistAdmin(ReadOnlyAdmin):
    list_display = ("name", "registrant", "active")
    search_fields = ("name",)
    inlines = [FormerPositionInline]


@admin.register(lm.Client)
class ClientAdmin(ReadOnlyAdmin):
    list_display = ("name", "bin", "registrant", "active")
    search_fields = ("name", "bin")


@admin.register(lm.Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("registrant", "year", "quarter", "state", "due", "late", "published_at", "withdrawn_at")
    list_filter = ("state", "late", "year", "quarter")


@admin.register(lm.ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ("report", "number", "state", "submitted_at", "published_at")
    list_filter = ("state",)
    inlines = [BodyInline, MeetingInline, PaymentInline]


@admin.register(lm.AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Append-only: never added, changed or deleted here (the database refuses too)."""

    list_display = ("at", "actor_label", "action", "registrant", "report", "version")
    list_filter = ("action",)
    search_fields = ("action", "actor_label")

    def get_actions(self, request):
        return {}

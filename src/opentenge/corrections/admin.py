"""Reports and corrections in the admin, read-only: decisions go through the moderation queue."""
from django.contrib import admin

from opentenge.corrections.models import Correction, ErrorReport
from opentenge.web.admin_base import ReadOnlyAdmin


@admin.register(ErrorReport)
class ErrorReportAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "key", "field", "status", "created_at", "decided_at")
    list_filter = ("status", "kind")
    search_fields = ("key", "explanation", "evidence")


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "key", "field", "old_value", "new_value", "active", "decided_at", "revoked_at")
    list_filter = ("active", "kind")
    search_fields = ("key", "new_value", "old_value")

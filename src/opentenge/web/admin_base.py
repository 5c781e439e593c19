"""Admin building blocks shared by every app."""
from __future__ import annotations

from django.contrib import admin


class ReadOnly:
    """Never added, edited or deleted in the admin: for rows that are append-only or read from sources."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    """Rows that are append-only or read from sources: shown in the admin, never added, edited or deleted there."""


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    """The same rows shown inside their parent's admin page."""

    extra = 0
    can_delete = False
    show_change_link = False

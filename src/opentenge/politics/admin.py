"""Election-fund figures in the Django admin: enter, change, confirm by a second editor; history read-only.

Every save goes through ``opentenge.politics.funds`` so the double-entry rules hold whatever the
form does: entering or changing a figure makes it *awaiting confirmation* under the current
editor's name; the "confirm" action publishes figures entered by someone else and refuses one's own.
"""
from __future__ import annotations

from django.contrib import admin, messages
from django.db import models

from opentenge.politics import funds
from opentenge.politics.models import (CompanyRole, ElectionFundFigure, ElectionFundFigureVersion, Party,
                                       PartyFunding, Person, Position)
from opentenge.web.admin_base import ReadOnlyAdmin


class VersionInline(admin.TabularInline):
    model = ElectionFundFigureVersion
    extra = 0
    can_delete = False
    fields = readonly_fields = ("saved_at", "saved_by", "action", "amount", "source_url", "source_page", "status")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ElectionFundFigure)
class ElectionFundFigureAdmin(admin.ModelAdmin):
    list_display = ("election", "party", "candidate_name", "line", "amount", "status", "entered_by", "confirmed_by")
    list_filter = ("status", "election", "line")
    search_fields = ("election", "candidate_name", "donor_name", "party__name_ru")
    fields = ("election", "party", "candidate_name", "line", "donor_name", "amount", "source_url", "source_page",
              "status", "entered_by", "confirmed_by", "confirmed_at", "imported_from")
    readonly_fields = ("status", "entered_by", "confirmed_by", "confirmed_at", "imported_from")
    inlines = [VersionInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["confirm_figures"]

    def save_model(self, request, obj, form, change) -> None:
        user = request.user.get_username()
        if change:
            funds.edit(obj, user)
        else:
            funds.enter(obj, user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # history stays: a wrong figure is corrected, not deleted

    @admin.action(description="Confirm selected figures (second editor)")
    def confirm_figures(self, request, queryset) -> None:
        user = request.user.get_username()
        done, refused = 0, []
        for figure in queryset:
            try:
                funds.confirm(figure, user)
                done += 1
            except funds.SameEditor:
                refused.append(str(figure.pk))
        if done:
            self.message_user(request, f"{done} figure(s) confirmed and published.", messages.SUCCESS)
        if refused:
            self.message_user(request, f"You entered figure(s) {', '.join(refused)}: a second editor must confirm "
                              "them.", messages.ERROR)


# Rows read from sources: corrected at the source and re-imported, never edited here.
for model, columns in ((Person, ("key", "name_kk", "name_ru", "name_en")),
                       (Position, ("key", "chamber", "party", "is_current")),
                       (Party, ("key", "name_kk", "name_ru", "name_en")),
                       (PartyFunding, ("party", "year", "amount")),
                       (CompanyRole, ("organisation_bin", "role", "person_name"))):
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": columns,
                                                                            "search_fields": ("key",) if hasattr(model, "key") else ()}))

"""Public councils, their opinions and NGO proposals typed in by an editor: a source is required.

Model ``clean()`` refuses a row without a source (an ingested file or a public URL), and the
admin forms make ``source_url`` required so the editor sees the rule before saving. Rows that
came from a file keep their file and line read-only.
"""
from __future__ import annotations

from django.contrib import admin
from django.db import models

from opentenge.legislation import models as lm

READ_ONLY = ("source_file", "locator")
URL = {models.URLField: {"assume_scheme": "https"}}


class SourcedAdmin(admin.ModelAdmin):
    readonly_fields = READ_ONLY
    formfield_overrides = URL

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or obj.source_file_id is None:
            form.base_fields["source_url"].required = True
        return form


@admin.register(lm.LegislativeAct)
class LegislativeActAdmin(SourcedAdmin):
    list_display = ("key", "kind", "title_ru", "developer_name", "status", "discussion_start", "discussion_end")
    list_filter = ("kind", "status")
    search_fields = ("key", "title_ru", "title_kk", "developer_name")
    raw_id_fields = ("developer", "draft")


@admin.register(lm.StatusEvent)
class StatusEventAdmin(SourcedAdmin):
    list_display = ("act", "stage", "date")
    raw_id_fields = ("act",)


class MemberInline(admin.TabularInline):
    model = lm.CouncilMember
    extra = 0
    fields = ("name", "role", "affiliation", "source_url")
    formfield_overrides = URL


@admin.register(lm.PublicCouncil)
class PublicCouncilAdmin(SourcedAdmin):
    list_display = ("key", "name_ru", "body_name")
    search_fields = ("key", "name_ru", "name_kk", "body_name")
    raw_id_fields = ("body",)
    inlines = [MemberInline]


@admin.register(lm.CouncilMeeting)
class CouncilMeetingAdmin(SourcedAdmin):
    list_display = ("council", "date", "subject")
    list_filter = ("council",)


@admin.register(lm.CouncilOpinion)
class CouncilOpinionAdmin(SourcedAdmin):
    list_display = ("council", "act", "date", "position")
    list_filter = ("position",)
    raw_id_fields = ("act",)


@admin.register(lm.NgoProposal)
class NgoProposalAdmin(SourcedAdmin):
    list_display = ("act", "ngo_name", "date", "outcome", "reply_date")
    list_filter = ("outcome",)
    search_fields = ("ngo_name", "ngo_bin", "proposal")
    raw_id_fields = ("act", "ngo")

"""Hearings of local budgets typed in by an editor: a public source URL is required.

``Sourced.clean()`` refuses a row with neither a file nor a URL, and the forms make
``source_url`` required for rows not read from a file, so the editor sees the rule before saving.
Rows that came from a file keep their file and record read-only.
"""
from __future__ import annotations

from django.contrib import admin
from django.db import models

from opentenge.budget.hearing_models import Hearing, HearingDocument, HearingProposal

READ_ONLY = ("source_file", "locator")
URL = {models.URLField: {"assume_scheme": "https"}}


class SourcedInline(admin.StackedInline):
    extra = 0
    readonly_fields = READ_ONLY
    formfield_overrides = URL

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["source_url"].required = obj is None or obj.source_file_id is None
        return formset


class DocumentInline(SourcedInline):
    model = HearingDocument
    fields = ("title", "url", "source_url", *READ_ONLY)


class ProposalInline(SourcedInline):
    model = HearingProposal
    fields = ("number", "text", "author_kind", "author_organisation", "answer", "reason", "source_url", *READ_ONLY)


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    list_display = ("key", "date", "level", "kato", "year", "body_name")
    list_filter = ("level", "year")
    search_fields = ("key", "kato", "body_name", "body_bin")
    readonly_fields = (*READ_ONLY, "content_hash")
    formfield_overrides = URL
    inlines = [DocumentInline, ProposalInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or obj.source_file_id is None:
            form.base_fields["source_url"].required = True
        return form


@admin.register(HearingProposal)
class HearingProposalAdmin(admin.ModelAdmin):
    list_display = ("hearing", "number", "author_kind", "answer")
    list_filter = ("answer", "author_kind")
    readonly_fields = READ_ONLY
    raw_id_fields = ("hearing",)
    formfield_overrides = URL

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or obj.source_file_id is None:
            form.base_fields["source_url"].required = True
        return form

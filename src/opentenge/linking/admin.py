"""The review queue in the Django admin: pairs side by side, accept / reject, split a cluster.

Nothing here edits a row: every button calls ``opentenge.linking.review``, which appends an
audit-log entry and editor judgments. The judgments and the audit log are shown read-only.
"""
from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Subquery
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opentenge.linking import review
from opentenge.linking.canonical import cluster_members
from opentenge.linking.judgments import is_current, review_queue
from opentenge.linking.models import Cluster, Judgment, ReviewAction, ReviewPair
from opentenge.store.models import Organisation
from opentenge.web.admin_base import ReadOnlyAdmin


def _name(key_field: str) -> Subquery:
    return Subquery(Organisation.objects.filter(key=OuterRef(key_field)).values("name_ru")[:1])


def _org_link(name: str | None, key: str) -> str:
    slug = key[4:] if key.startswith("BIN:") else key.replace(":", "-", 1)
    return format_html('<a href="{}" target="_blank">{}</a><br><span class="quiet">{}</span>',
                       reverse("organisation", kwargs={"slug": slug}), name or key, key)


@admin.register(ReviewPair)
class ReviewPairAdmin(ReadOnlyAdmin):
    list_display = ("review_link", "left", "right", "score_display", "reason", "created_at")
    list_display_links = None
    ordering = ("-score", "id")
    actions = ("accept_selected", "reject_selected")
    search_fields = ("left_key", "right_key")

    def get_queryset(self, request: HttpRequest):
        return review_queue().annotate(left_name=_name("left_key"), right_name=_name("right_key"))

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("linking.change_judgment") or super().has_view_permission(request, obj)

    def _may_decide(self, request) -> bool:
        return request.user.has_perm("linking.change_judgment")

    @admin.display(description=_("review"))
    def review_link(self, obj):
        return format_html('<a class="button" href="{}">{}</a>',
                           reverse("admin:linking_reviewpair_change", args=[obj.pk]), gettext("Review"))

    @admin.display(description=_("record A"))
    def left(self, obj):
        return _org_link(obj.left_name, obj.left_key)

    @admin.display(description=_("record B"))
    def right(self, obj):
        return _org_link(obj.right_name, obj.right_key)

    @admin.display(description=_("score"), ordering="score")
    def score_display(self, obj):
        return "—" if obj.score is None else f"{obj.score:.3f}"

    def _decide_many(self, request, queryset, decide, reason: str) -> None:
        if not self._may_decide(request):
            self.message_user(request, gettext("You may not decide pairs."), messages.ERROR)
            return
        done = 0
        for pair in queryset:
            decide(pair.left_key, pair.right_key, user=request.user.get_username(), reason=reason)
            done += 1
        self.message_user(request, gettext("%(count)d pair(s) decided.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Accept selected pairs: same entity"))
    def accept_selected(self, request, queryset):
        self._decide_many(request, queryset, review.accept, "accepted in bulk from the review queue")

    @admin.action(description=_("Reject selected pairs: different entities"))
    def reject_selected(self, request, queryset):
        self._decide_many(request, queryset, review.reject, "rejected in bulk from the review queue")

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        """Both records side by side with Accept / Reject and a reason (the audit log's "why")."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        pair = get_object_or_404(Judgment, pk=object_id)
        changelist = reverse("admin:linking_reviewpair_changelist")
        if request.method == "POST":
            if not self._may_decide(request):
                self.message_user(request, gettext("You may not decide pairs."), messages.ERROR)
                return HttpResponseRedirect(changelist)
            if not is_current(pair):
                self.message_user(request, gettext("This pair was decided meanwhile; nothing was changed."),
                                  messages.WARNING)
                return HttpResponseRedirect(changelist)
            decision = request.POST.get("decision")
            reason = request.POST.get("reason", "").strip()
            try:
                if decision == "accept":
                    review.accept(pair.left_key, pair.right_key, user=request.user.get_username(), reason=reason)
                elif decision == "reject":
                    review.reject(pair.left_key, pair.right_key, user=request.user.get_username(), reason=reason)
                else:
                    raise review.ReviewError(gettext("choose Accept or Reject"))
            except review.ReviewError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(request, gettext("Decision saved: %(left)s ~ %(right)s") %
                              {"left": pair.left_key, "right": pair.right_key}, messages.SUCCESS)
            return HttpResponseRedirect(changelist)
        cards = review.organisation_cards([pair.left_key, pair.right_key])
        history = Judgment.objects.filter(left_key=pair.left_key, right_key=pair.right_key).order_by("-id")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "title": gettext("Review a pair"), "pair": pair, "current": is_current(pair),
            "cards": [cards[pair.left_key], cards[pair.right_key]], "history": history,
            "may_decide": self._may_decide(request), "changelist_url": changelist,
        }
        return TemplateResponse(request, "admin/linking/review_pair.html", context)


@admin.register(Cluster)
class ClusterAdmin(ReadOnlyAdmin):
    list_display = ("name", "canonical_key", "size")
    search_fields = ("canonical_key",)
    ordering = ("-size", "canonical_key")

    def get_queryset(self, request: HttpRequest):
        return (Cluster.objects.filter(org_key=F("canonical_key"), size__gt=1)
                .annotate(canonical_name=_name("canonical_key")))

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("linking.change_judgment") or super().has_view_permission(request, obj)

    @admin.display(description=_("name"))
    def name(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:linking_cluster_change", args=[obj.pk]),
                           obj.canonical_name or obj.canonical_key)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        """Split: tick the records that are a different entity; they become the second side."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        row = get_object_or_404(Cluster, pk=object_id)
        members = cluster_members(row.org_key)
        if request.method == "POST":
            if not request.user.has_perm("linking.change_judgment"):
                self.message_user(request, gettext("You may not split clusters."), messages.ERROR)
                return HttpResponseRedirect(request.path)
            moved = [k for k in request.POST.getlist("move") if k in members]
            kept = [k for k in members if k not in moved]
            try:
                review.split(kept, moved, user=request.user.get_username(),
                             reason=request.POST.get("reason", "").strip())
            except review.ReviewError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(request,
                              gettext("Cluster split: %(moved)d record(s) moved apart.") % {"moved": len(moved)},
                              messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:linking_cluster_changelist"))
        cards = review.organisation_cards(members)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "title": gettext("Split a cluster"), "cluster": row,
            "cards": [cards[k] for k in members],
            "may_decide": request.user.has_perm("linking.change_judgment"),
        }
        return TemplateResponse(request, "admin/linking/split_cluster.html", context)


@admin.register(ReviewAction)
class ReviewActionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "kind", "left_key", "right_key", "reason")
    list_filter = ("kind",)
    search_fields = ("user", "left_key", "right_key", "reason")


@admin.register(Judgment)
class JudgmentAdmin(ReadOnlyAdmin):
    list_display = ("left_key", "right_key", "decision", "score", "source", "user", "created_at", "current")
    list_filter = ("decision", "source")
    search_fields = ("left_key", "right_key", "user")

    @admin.display(description=_("current"), boolean=True)
    def current(self, obj) -> bool:
        return obj.is_current

    def get_queryset(self, request):
        newer = Judgment.objects.filter(left_key=OuterRef("left_key"), right_key=OuterRef("right_key"),
                                        id__gt=OuterRef("id"))
        return super().get_queryset(request).annotate(is_current=~Exists(newer))

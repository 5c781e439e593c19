"""Moderation: approve registrants, accept or return submitted report versions.

Only verified moderators (``roles.moderator_required``; others get 403). The review page shows what
changed against the version the public sees now, so an amendment is judged on its difference. A
moderator who belongs to the registrant, or who wrote or submitted the version, is refused by
``services`` and the page says so (403).
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from opentenge.accounts.roles import moderator_required
from opentenge.lobbying import forms as f
from opentenge.lobbying import services
from opentenge.lobbying.filing_views import error_summary
from opentenge.lobbying.models import Registrant, ReportVersion


@moderator_required
def home(request):
    registrants = Registrant.objects.filter(status=Registrant.Status.PENDING).order_by("created_at", "id")
    versions = (ReportVersion.objects.filter(state=ReportVersion.State.SUBMITTED)
                .select_related("report__registrant").order_by("submitted_at", "id"))
    return render(request, "lobbying/moderation/home.html", {"registrants": registrants, "versions": versions})


def diff(before: dict | None, after: dict) -> list[dict]:
    """Field by field: what the public sees now, what the version would show, and whether it differs."""
    labels = {"issues": _("Issues"), "bills": _("Bills"), "spending_exact": _("Spending, tenge"),
              "spending_band": _("Spending band"), "bodies": _("State bodies contacted"),
              "meetings": _("Meetings"), "payments": _("Clients paying"),
              "amendment_note": _("What this version changes")}
    rows = []
    for key, label in labels.items():
        old = (before or {}).get(key, "" if isinstance(after[key], str) else [])
        rows.append({"label": label, "before": old, "after": after[key], "changed": old != after[key],
                     "is_list": isinstance(after[key], list)})
    return rows


def _decide(request, comment, accept_action: str, accept, accepted_message, give_back):
    """One moderation decision from a POST: ``accept_action`` or "return" (with the comment).

    Returns the response to send, or ``None`` to show the page again with the form's errors.
    Both decisions of both kinds of filing (a registrant, a report version) go through here, so a
    refusal (e.g. a moderator's own filing) is answered the same way everywhere.
    """
    if request.method != "POST":
        return None
    action = request.POST.get("action")
    try:
        if action == accept_action:
            accept(request.user)
            messages.success(request, accepted_message)
            return redirect("lobbying-moderation")
        if action == "return" and comment.is_valid():
            give_back(request.user, comment.cleaned_data["comment"])
            messages.success(request, _("Returned to the filer with your comment."))
            return redirect("lobbying-moderation")
    except services.Refused as exc:
        return render(request, "lobbying/filing/refused.html", {"message": exc.message}, status=403)
    except ValidationError as exc:
        f.apply_errors(exc, comment)
    return None


@moderator_required
def version(request, pk):
    v = get_object_or_404(ReportVersion.objects.select_related("report__registrant"), pk=pk)
    comment = f.CommentForm(request.POST if request.POST.get("action") == "return" else None)
    done = _decide(request, comment, "publish", lambda user: services.publish(user, v), _("Published."),
                   lambda user, text: services.return_for_changes(user, v, text))
    if done is not None:
        return done
    previous = v.report.versions.filter(state=ReportVersion.State.PUBLISHED).exclude(pk=v.pk).first()
    summary = error_summary(comment)
    context = {"v": v, "report": v.report, "r": v.report.registrant, "previous": previous,
               "rows": diff(services.content_of(previous) if previous else None, services.content_of(v)),
               "comment": comment, "summary": summary}
    return render(request, "lobbying/moderation/version.html", context, status=400 if summary else 200)


@moderator_required
def registrant(request, pk):
    r = get_object_or_404(Registrant, pk=pk)
    comment = f.CommentForm(request.POST if request.POST.get("action") == "return" else None)
    done = _decide(request, comment, "approve", lambda user: services.approve_registrant(user, r),
                   _("Registrant approved."), lambda user, text: services.return_registrant(user, r, text))
    if done is not None:
        return done
    summary = error_summary(comment)
    context = {"r": r, "comment": comment, "summary": summary,
               "lobbyists": r.lobbyists.prefetch_related("former_positions"), "clients": r.clients.all()}
    return render(request, "lobbying/moderation/registrant.html", context, status=400 if summary else 200)

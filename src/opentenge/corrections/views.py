"""Report an error (anyone) and the moderation queue (verified moderators).

The report form lives on its own page, not on the entity page: entity pages then carry no CSRF
token and stay in the page cache. The form is open to anonymous readers, so it has a honeypot
input (a filled one is thanked and dropped) and a per-address limit counted in the cache
(``web.counters``). Moderation is guarded like the lobbying register's (``moderator_required``:
a second factor, then the moderator role); every decision goes through ``services``.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opentenge.accounts.roles import moderator_required
from opentenge.corrections import services
from opentenge.corrections.fields import KINDS, Kind, field_label
from opentenge.corrections.forms import AcceptForm, ReportForm, RejectForm, apply_errors
from opentenge.corrections.models import Correction, ErrorReport
from opentenge.web.counters import client_address, increment

WINDOW_SECONDS = 3600


def reports_per_hour() -> int:
    return int(getattr(settings, "OPENTENGE_CORRECTION_REPORTS_PER_HOUR", 10))


def _entity(kind: str, key: str) -> tuple[Kind, str, str]:
    """The kind, the canonical key and the entity page's address; 404 for anything not published here."""
    spec = KINDS.get(kind)
    if spec is None or spec.page_url(key) is None or (spec.exists is not None and not spec.exists(key)):
        raise Http404(f"{kind}/{key}")
    key = spec.canonical(key)
    return spec, key, spec.page_url(key)


def _errors(form) -> list[str]:
    return [f"{form.fields[name].label}: {e}" if name in form.fields else str(e)
            for name, errors in form.errors.items() for e in errors]


@never_cache
def report(request, kind: str, key: str):
    spec, key, page_url = _entity(kind, key)
    form = ReportForm(request.POST or None, choices=spec.choices(), initial={"field": request.GET.get("field")})
    status = 200
    if request.method == "POST":
        if increment(f"corrections:report:{client_address(request)}", WINDOW_SECONDS) > reports_per_hour():
            return render(request, "corrections/too_many.html", {"page_url": page_url}, status=429)
        if form.is_bot():  # counted above too, so a bot's flood is refused like anyone's
            return redirect("corrections-report-thanks", kind=kind, key=key)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.submit_report(kind=kind, key=key, field=data["field"], proposed_value=data["proposed_value"],
                                       explanation=data["explanation"], evidence=data["evidence"],
                                       reporter_email=data["reporter_email"], reporter=request.user,
                                       language=get_language() or "")
            except ValidationError as exc:
                apply_errors(exc, form)
            else:
                return redirect("corrections-report-thanks", kind=kind, key=key)
        status = 400
    context = {"kind": kind, "key": key, "kind_label": spec.label, "page_url": page_url, "form": form,
               "summary": _errors(form) if form.is_bound else []}
    return render(request, "corrections/report.html", context, status=status)


def report_thanks(request, kind: str, key: str):
    spec = KINDS.get(kind)
    if spec is None or spec.page_url(key) is None:
        raise Http404(kind)
    return render(request, "corrections/thanks.html", {"page_url": spec.page_url(key)})


@never_cache
@moderator_required
def moderation(request):
    reports = ErrorReport.objects.filter(status=ErrorReport.Status.OPEN).order_by("created_at", "id")
    active = Correction.objects.filter(active=True).order_by("-decided_at", "-id")[:200]
    decided = ErrorReport.objects.exclude(status=ErrorReport.Status.OPEN).order_by("-decided_at", "-id")[:50]
    return render(request, "corrections/moderation/home.html",
                  {"reports": [_described(r) for r in reports], "corrections": [_described(c) for c in active],
                   "decided": [_described(r) for r in decided]})


def _described(row):
    """Attach the field's label and the entity page's address for the templates."""
    row.label = field_label(row.kind, row.field)
    row.page_url = KINDS[row.kind].page_url(row.key) if row.kind in KINDS else None
    return row


@never_cache
@moderator_required
def review(request, pk: int):
    report = _described(get_object_or_404(ErrorReport, pk=pk))
    action = request.POST.get("action") if request.method == "POST" else None
    accept_form = AcceptForm(request.POST if action == "accept" else None,
                             initial={"new_value": report.proposed_value})
    reject_form = RejectForm(request.POST if action == "reject" else None)
    if action in ("accept", "reject"):
        form = accept_form if action == "accept" else reject_form
        try:
            if form.is_valid():
                if action == "accept":
                    services.accept(request.user, report, **form.cleaned_data)
                    messages.success(request, _("Correction published."))
                else:
                    services.reject(request.user, report, form.cleaned_data["comment"])
                    messages.success(request, _("Report rejected."))
                return redirect("corrections-moderation")
        except services.Refused as exc:
            return render(request, "corrections/refused.html", {"message": exc.message}, status=403)
        except ValidationError as exc:
            apply_errors(exc, form)
    summary = _errors(accept_form) + _errors(reject_form)
    context = {"report": report, "shown": services.shown_value(report.kind, report.key, report.field),
               "is_note": KINDS.get(report.kind) is None or KINDS[report.kind].field(report.field) is None,
               "accept_form": accept_form, "reject_form": reject_form, "summary": summary,
               "corrections": report.corrections.all()}
    return render(request, "corrections/moderation/review.html", context, status=400 if summary else 200)


@require_POST
@moderator_required
def revoke(request, pk: int):
    correction = get_object_or_404(Correction, pk=pk)
    try:
        services.revoke(request.user, correction, request.POST.get("reason", ""))
    except services.Refused as exc:
        return render(request, "corrections/refused.html", {"message": exc.message}, status=403)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("Correction revoked; the page shows the source's value again."))
    return redirect("corrections-moderation")

"""Pages where a filer registers an organisation and files its quarterly reports.

Every view needs a signed-in user with a verified second factor (``roles.two_factor_required``).
A filer sees only registrants they are a member of: anything else answers 404, the same as a page
that does not exist, so the addresses of other organisations' drafts reveal nothing. All changes
go through ``services``; a refused step is shown on a 403 page with the reason.
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opentenge.accounts.roles import two_factor_required
from opentenge.legislation.models import LegislativeAct
from opentenge.lobbying import forms as f
from opentenge.lobbying import services
from opentenge.lobbying.models import Registrant, Report, ReportVersion

EDITABLE = (ReportVersion.State.DRAFT, ReportVersion.State.RETURNED)


def error_summary(*forms) -> list[str]:
    """Every message of these forms and formsets, for the list at the top of the page."""
    out = []
    for form in forms:
        for sub in getattr(form, "forms", [form]):
            for field, errors in sub.errors.items():
                label = sub.fields[field].label if field in sub.fields else ""
                out.extend(f"{label}: {e}" if label else str(e) for e in errors)
        out.extend(str(e) for e in getattr(form, "non_form_errors", lambda: [])())
    return out


def refused(request, exc: services.Refused):
    return render(request, "lobbying/filing/refused.html", {"message": exc.message}, status=403)


def _my_registrant(request, pk) -> Registrant:
    return get_object_or_404(Registrant.objects.filter(members__user=request.user).distinct(), pk=pk)


def _my_version(request, pk) -> ReportVersion:
    qs = ReportVersion.objects.filter(report__registrant__members__user=request.user).distinct()
    return get_object_or_404(qs.select_related("report__registrant"), pk=pk)


def _my_report(request, pk) -> Report:
    return get_object_or_404(Report.objects.filter(registrant__members__user=request.user).distinct(), pk=pk)


@two_factor_required
def home(request):
    registrants = (Registrant.objects.filter(members__user=request.user).distinct()
                   .prefetch_related("reports__versions"))
    return render(request, "lobbying/filing/home.html", {"registrants": registrants})


@two_factor_required
def register(request):
    form = f.RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registrant = services.register(request.user, **form.cleaned_data)
        except ValidationError as exc:
            f.apply_errors(exc, form)
        else:
            messages.success(request, _("Registration sent: a moderator will review it."))
            return redirect("lobbying-file-registrant", registrant.pk)
    summary = error_summary(form)
    return render(request, "lobbying/filing/register.html", {"form": form, "summary": summary},
                  status=400 if summary else 200)


@two_factor_required
def registrant(request, pk):
    """The profile, its lobbyists (with former public positions) and its clients: three forms."""
    r = _my_registrant(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    profile = f.ProfileForm(request.POST if action == "profile" else None,
                            initial={k: getattr(r, k) for k in services.PROFILE_FIELDS})
    lobbyist = f.LobbyistForm(request.POST if action == "lobbyist" else None)
    positions = f.PositionFormSet(request.POST if action == "lobbyist" else None, prefix="positions")
    client = f.ClientForm(request.POST if action == "client" else None, prefix="client")
    try:
        if action == "profile" and profile.is_valid():
            services.update_profile(request.user, r, **profile.cleaned_data)
            messages.success(request, _("Profile saved."))
            return redirect("lobbying-file-registrant", r.pk)
        if action == "lobbyist" and lobbyist.is_valid() and positions.is_valid():
            rows = f.filled_rows(positions)
            try:
                services.add_lobbyist(request.user, r, lobbyist.cleaned_data["name"], [d for _i, d in rows])
            except ValidationError as exc:
                f.apply_errors(exc, lobbyist, {"positions": positions},
                               {"positions": {n: i for n, (i, _d) in enumerate(rows)}})
            else:
                messages.success(request, _("Lobbyist added."))
                return redirect("lobbying-file-registrant", r.pk)
        if action == "client" and client.is_valid():
            try:
                services.add_client(request.user, r, client.cleaned_data["name"], client.cleaned_data["bin"])
            except ValidationError as exc:
                f.apply_errors(exc, client)
            else:
                messages.success(request, _("Client added."))
                return redirect("lobbying-file-registrant", r.pk)
    except ValidationError as exc:  # the profile form
        f.apply_errors(exc, profile)
    except services.Refused as exc:
        return refused(request, exc)
    context = {"r": r, "profile": profile, "lobbyist": lobbyist, "positions": positions, "client": client,
               "lobbyists": r.lobbyists.prefetch_related("former_positions"), "clients": r.clients.all(),
               "summary": error_summary(profile, lobbyist, positions, client)}
    return render(request, "lobbying/filing/registrant.html", context, status=400 if context["summary"] else 200)


@two_factor_required
def report_new(request, registrant_id):
    r = _my_registrant(request, registrant_id)
    form = f.ReportStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _report, version = services.start_report(request.user, r, form.cleaned_data["year"],
                                                     form.cleaned_data["quarter"])
        except ValidationError as exc:
            f.apply_errors(exc, form)
        except services.Refused as exc:
            return refused(request, exc)
        else:
            return redirect("lobbying-file-version", version.pk)
    summary = error_summary(form)
    return render(request, "lobbying/filing/report_new.html", {"r": r, "form": form, "summary": summary},
                  status=400 if summary else 200)


def _bill_ids(text: str) -> tuple[list[int], list[str]]:
    keys = [line.strip() for line in (text or "").splitlines() if line.strip()]
    found = dict(LegislativeAct.objects.filter(key__in=keys).values_list("key", "pk"))
    return [found[k] for k in keys if k in found], [k for k in keys if k not in found]


def _version_forms(request, version: ReportVersion):
    clients = list(version.report.registrant.clients.all())
    # On POST the typed rows are the whole truth: no ``initial``, or a row left as it was would
    # count as "unchanged" and be dropped from a formset that declares no initial forms.
    data = request.POST if request.method == "POST" else None
    initial = {"issues": version.issues, "bills": "\n".join(version.bills.values_list("key", flat=True)),
               "spending_exact": "" if version.spending_exact is None else str(version.spending_exact),
               "spending_band": version.spending_band, "amendment_note": version.amendment_note}
    return {
        "form": f.VersionForm(data, initial=initial),
        "bodies": f.BodyFormSet(data, prefix="bodies", initial=None if data else [
            {"name": b.name} for b in version.bodies.all()]),
        "meetings": f.MeetingFormSet(data, prefix="meetings", initial=None if data else [
            {"date": m.date.isoformat(), "official_name": m.official_name, "official_position": m.official_position,
             "body_name": m.body_name, "subject": m.subject, "bill": m.bill.key if m.bill_id else ""}
            for m in version.meetings.select_related("bill")]),
        "payments": f.PaymentFormSet(data, prefix="payments", form_kwargs={"clients": clients}, initial=None if data else [
            {"client": p.client_id, "amount": "" if p.amount is None else str(p.amount), "band": p.band}
            for p in version.payments.all()]),
    }


def _save_version(request, version: ReportVersion, forms: dict, submit: bool) -> bool:
    form, bodies, meetings, payments = forms["form"], forms["bodies"], forms["meetings"], forms["payments"]
    if not all(x.is_valid() for x in (form, bodies, meetings, payments)):
        return False
    bill_ids, unknown = _bill_ids(form.cleaned_data["bills"])
    body_rows, meeting_rows, payment_rows = f.filled_rows(bodies), f.filled_rows(meetings), f.filled_rows(payments)
    meeting_data = []
    for i, d in meeting_rows:
        bill_key = d["bill"].strip()
        bill_id = LegislativeAct.objects.filter(key=bill_key).values_list("pk", flat=True).first() if bill_key else None
        if bill_key and bill_id is None:
            meetings.forms[i].add_error("bill", _("Unknown bill %(key)s: use a key from the tracker.") % {"key": bill_key})
        meeting_data.append({**d, "bill_id": bill_id})
    if unknown:
        form.add_error("bills", _("Unknown bills: %(keys)s. Use keys from the tracker.") % {"keys": ", ".join(unknown)})
    if form.errors or any(m.errors for m in meetings.forms):
        return False
    try:
        with transaction.atomic():
            services.save_draft(request.user, version, issues=form.cleaned_data["issues"], bill_ids=bill_ids,
                                spending_exact=form.cleaned_data["spending_exact"],
                                spending_band=form.cleaned_data["spending_band"],
                                bodies=[d["name"] for _i, d in body_rows], meetings=meeting_data,
                                payments=[{"client_id": d["client"], "amount": d["amount"], "band": d["band"]}
                                          for _i, d in payment_rows],
                                amendment_note=form.cleaned_data["amendment_note"])
            if submit:
                services.submit(request.user, version)
    except ValidationError as exc:
        maps = {name: {n: i for n, (i, _d) in enumerate(rows)}
                for name, rows in (("bodies", body_rows), ("meetings", meeting_rows), ("payments", payment_rows))}
        f.apply_errors(exc, form, {"bodies": bodies, "meetings": meetings, "payments": payments}, maps)
        return False
    return True


@two_factor_required
def version(request, pk):
    """Edit a draft (or returned) version with Save / Submit; other states are shown read-only."""
    v = _my_version(request, pk)
    editable = v.state in EDITABLE and v.report.state != Report.State.WITHDRAWN
    forms = _version_forms(request, v) if editable else {}
    if request.method == "POST":
        if not editable:
            return refused(request, services.Refused(_("Only a draft or a returned version can be changed.")))
        submit = request.POST.get("action") == "submit"
        try:
            if _save_version(request, v, forms, submit):
                messages.success(request, _("Submitted for moderation.") if submit else _("Draft saved."))
                return redirect("lobbying-file-version", v.pk)
        except services.Refused as exc:
            return refused(request, exc)
    summary = error_summary(*forms.values()) if forms else []
    context = {"v": v, "report": v.report, "r": v.report.registrant, "editable": editable, **forms,
               "summary": summary, "content": services.content_of(v), "reason": f.ReasonForm(),
               "versions": v.report.versions.all(),
               "can_amend": v.report.state == Report.State.PUBLISHED
               and not v.report.versions.filter(state__in=services.OPEN_VERSION_STATES).exists()}
    return render(request, "lobbying/filing/version.html", context, status=400 if summary else 200)


@require_POST
@two_factor_required
def amend(request, report_id):
    report = _my_report(request, report_id)
    try:
        v = services.amend(request.user, report)
    except services.Refused as exc:
        return refused(request, exc)
    return redirect("lobbying-file-version", v.pk)


@require_POST
@two_factor_required
def withdraw(request, report_id):
    report = _my_report(request, report_id)
    form = f.ReasonForm(request.POST)
    form.is_valid()
    try:
        services.withdraw(request.user, report, form.cleaned_data.get("reason", ""))
    except services.Refused as exc:
        return refused(request, exc)
    except ValidationError as exc:
        f.apply_errors(exc, form)
        return render(request, "lobbying/filing/withdraw.html",
                      {"report": report, "reason": form, "summary": error_summary(form)}, status=400)
    messages.success(request, _("Report withdrawn. The withdrawal and its reason are public."))
    return redirect("lobbying-file")

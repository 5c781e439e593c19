"""The only code that writes reports and corrections: the form, the moderation views and the admin call these.

Each function validates all of its input first and raises ``ValidationError({field: message})``
naming the field and the limit, runs in one transaction, and calls
``pagecache.data_changed("correction")`` when what a public page shows changes (an accepted or
revoked correction), so no cached page keeps the old value. A step that is not allowed (a report
already decided, a moderator deciding their own report) raises ``Refused``.

Text is stored exactly as typed and escaped by the templates on output.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opentenge.corrections.fields import KINDS, OTHER
from opentenge.corrections.models import (EVIDENCE_MAX, KEY_MAX, TEXT_MAX, VALUE_MAX, Correction,
                                          ErrorReport)
from opentenge.web.pagecache import data_changed
from opentenge.web.validation import Errors, Refused  # noqa: F401 - Refused is part of this module's API


_Errors = Errors


def _text(errors: _Errors, key: str, label: str, value, limit: int, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        errors.add(key, _("%(field)s is required.") % {"field": label})
    elif len(text) > limit:
        errors.add(key, _("%(field)s is too long: at most %(limit)d characters, this has %(n)d.")
                   % {"field": label, "limit": limit, "n": len(text)})
    return text


def _value(errors: _Errors, key: str, kind: str, field: str, value: str, required: bool) -> str:
    """A proposed or accepted value, checked against the field's type (a date must be a real date)."""
    text = _text(errors, key, _("Correct value"), value, VALUE_MAX, required=required)
    spec = KINDS[kind].field(field)
    if text and spec is not None:
        try:
            parsed = spec.parse(text)
        except ValueError:
            errors.add(key, _("%(field)s is not a real date: write it as YYYY-MM-DD.") % {"field": _("Correct value")})
        else:
            text = parsed.isoformat() if isinstance(parsed, dt.date) else text
    return text


def _evidence(errors: _Errors, value) -> str:
    text = _text(errors, "evidence", _("Source"), value, EVIDENCE_MAX, required=True)
    if text.lower().startswith(("http://", "https://")):
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            errors.add("evidence", _("Source: this address is not a valid web address."))
    return text


def submit_report(*, kind: str, key: str, field: str, proposed_value: str = "", explanation: str,
                  evidence: str, reporter_email: str = "", reporter=None, language: str = "") -> ErrorReport:
    """Store a reader's report as open. ``kind``/``key`` are checked by the caller (the page exists)."""
    if kind not in KINDS:
        raise Refused(_("Reports can only be made about the entities of this site."))
    spec = KINDS[kind]
    errors = _Errors()
    if len(key) > KEY_MAX:
        raise Refused(_("Reports can only be made about the entities of this site."))
    if field != OTHER and spec.field(field) is None:
        errors.add("field", _("%(field)s: choose one of the listed values.") % {"field": _("What is wrong")})
    proposed = _value(errors, "proposed_value", kind, field, proposed_value, required=False) if field != OTHER else \
        _text(errors, "proposed_value", _("Correct value"), proposed_value, VALUE_MAX)
    explanation = _text(errors, "explanation", _("Explanation"), explanation, TEXT_MAX, required=True)
    evidence = _evidence(errors, evidence)
    email = _text(errors, "reporter_email", _("Your e-mail"), reporter_email, 254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("reporter_email", _("Your e-mail: this is not an e-mail address."))
    errors.raise_if_any()
    user = reporter if reporter is not None and reporter.is_authenticated else None
    if user is not None and not email:
        email = user.email
    return ErrorReport.objects.create(kind=kind, key=key, field=field, proposed_value=proposed,
                                      explanation=explanation, evidence=evidence, reporter_email=email,
                                      reporter=user, language=language[:8])


def _open(report: ErrorReport, moderator) -> ErrorReport:
    """The report, locked and still open, and not the moderator's own."""
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ErrorReport.Status.OPEN:
        raise Refused(_("This report has already been decided."))
    if report.reporter_id is not None and report.reporter_id == moderator.pk:
        raise Refused(_("You cannot decide your own report: another moderator must."))
    return report


def shown_value(kind: str, key: str, field: str) -> str:
    """The value the page shows now (corrections included), as text: the "was" of a new correction."""
    if field == OTHER or KINDS[kind].field(field) is None:
        return ""
    from opentenge.store import queries as store_q

    loaders = {"organisation": lambda: store_q.organisation_detail(key),
               "contract": lambda: store_q.contract_detail(key)}
    if kind in ("person", "party"):
        from opentenge.politics import queries as politics_q

        lang = translation.get_language() or "ru"
        loaders[kind] = lambda: getattr(politics_q, f"{kind}_detail")(key, lang)
    try:
        value = loaders[kind]().get(field)
    except (KeyError, store_q.NotFound):
        return ""
    if value is None:
        return ""
    return (value.isoformat() if isinstance(value, dt.date) else str(value))[:VALUE_MAX]


def accept(moderator, report: ErrorReport, *, new_value: str = "", note: str = "") -> Correction:
    """Accept a report: publish its correction (or, for "other", its note) over the page's data.

    A field holds at most one active correction: an earlier one for the same field is retired
    (inactive, "superseded"), so revoking the new one brings back the source's value.
    """
    with transaction.atomic():
        report = _open(report, moderator)
        errors = _Errors()
        is_note = report.field == OTHER or KINDS.get(report.kind) is None or KINDS[report.kind].field(report.field) is None
        value = "" if is_note else _value(errors, "new_value", report.kind, report.field, new_value, required=True)
        note = _text(errors, "note", _("Published note"), note, TEXT_MAX, required=is_note)
        errors.raise_if_any()
        now = timezone.now()
        old = shown_value(report.kind, report.key, report.field)
        if not is_note:
            for earlier in Correction.objects.select_for_update().filter(
                    kind=report.kind, key=report.key, field=report.field, active=True):
                earlier.active, earlier.revoked_at, earlier.revoked_by = False, now, moderator
                earlier.revoke_reason = f"superseded by the correction of report #{report.pk}"
                earlier.save()
        correction = Correction.objects.create(
            kind=report.kind, key=report.key, field=report.field, old_value=old, new_value=value, note=note,
            report=report, evidence=report.evidence, moderator=moderator, decided_at=now)
        report.status, report.moderator, report.decided_at = ErrorReport.Status.ACCEPTED, moderator, now
        report.save()
        data_changed("correction")
    return correction


def reject(moderator, report: ErrorReport, comment: str) -> ErrorReport:
    """Reject a report with a comment; nothing the public sees changes."""
    with transaction.atomic():
        report = _open(report, moderator)
        errors = _Errors()
        comment = _text(errors, "comment", _("Comment"), comment, TEXT_MAX, required=True)
        errors.raise_if_any()
        report.status, report.moderator, report.decided_at = ErrorReport.Status.REJECTED, moderator, timezone.now()
        report.moderator_comment = comment
        report.save()
    return report


def revoke(moderator, correction: Correction, reason: str) -> Correction:
    """Take a correction off the page; the row stays, inactive, with who revoked it, when and why."""
    with transaction.atomic():
        correction = Correction.objects.select_for_update().get(pk=correction.pk)
        if not correction.active:
            raise Refused(_("This correction is no longer active."))
        errors = _Errors()
        reason = _text(errors, "reason", _("Reason"), reason, TEXT_MAX, required=True)
        errors.raise_if_any()
        correction.active, correction.revoked_at, correction.revoked_by = False, timezone.now(), moderator
        correction.revoke_reason = reason
        correction.save()
        data_changed("correction")
    return correction

"""The only code that changes the register: every view, admin action and the demo loader call these.

Why one module: the register's promises (nothing half-stored, nothing deleted once public, every
step in the audit log, no moderator publishing their own filing) are kept in one place instead of
being re-checked by each caller. Each function

- runs in one ``transaction.atomic`` block, so a failed call stores nothing;
- validates *all* its input first and raises ``ValidationError({field: message})`` naming the
  field and the limit (field keys of rows in a list are ``<list>-<index>-<field>``, the names a
  Django formset with that prefix gives its inputs, so a view can put the message next to the input);
- raises ``Refused`` for a step that is not allowed (wrong state, wrong person);
- writes one ``AuditEvent`` whose ``actor_label`` is a role ("filer of …", "moderator"), never an
  e-mail address.

Text is stored exactly as typed (HTML included) and escaped by the templates on output: stripping
markup silently would change what the filer declared.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opentenge.accounts import roles
from opentenge.ids.kz import is_valid_bin
from opentenge.legislation.models import LegislativeAct
from opentenge.lobbying import deadlines
from opentenge.lobbying.models import (NAME_MAX, TEXT_MAX, AuditEvent, BudgetBand, Client, ClientPayment,
                                       ContactedBody, FormerPosition, Lobbyist, Meeting, Registrant,
                                       RegistrantKind, RegistrantMember, Report, ReportVersion)
from opentenge.store.models import Organisation
from opentenge.web.pagecache import data_changed
from opentenge.web.validation import Errors, Refused  # noqa: F401 - Refused is part of this module's API

FIRST_YEAR = 2015  # the register covers lobbying from 2015 on; earlier years are surely typos

LABELS = {
    "bin": gettext_lazy("BIN"), "name": gettext_lazy("Name"), "kind": gettext_lazy("Type"),
    "interests": gettext_lazy("Fields of interest"), "budget_band": gettext_lazy("Yearly lobbying budget"),
    "website": gettext_lazy("Website"), "comment": gettext_lazy("Comment"), "reason": gettext_lazy("Reason"),
    "position": gettext_lazy("Position"), "body_name": gettext_lazy("State body"),
    "start": gettext_lazy("Start"), "end": gettext_lazy("End"), "year": gettext_lazy("Year"),
    "quarter": gettext_lazy("Quarter"), "issues": gettext_lazy("Issues"), "bills": gettext_lazy("Bills"),
    "spending_exact": gettext_lazy("Spending, tenge"), "spending_band": gettext_lazy("Spending band"),
    "amendment_note": gettext_lazy("What this version changes"), "date": gettext_lazy("Date"),
    "official_name": gettext_lazy("Official"), "official_position": gettext_lazy("Official's position"),
    "subject": gettext_lazy("Subject"), "bill": gettext_lazy("Bill"), "client": gettext_lazy("Client"),
    "amount": gettext_lazy("Amount, tenge"), "band": gettext_lazy("Band"),
    "bodies-name": gettext_lazy("State body"), "positions-name": gettext_lazy("Name"),
}
PROFILE_FIELDS = ("name", "kind", "interests", "budget_band", "website")
OPEN_VERSION_STATES = (ReportVersion.State.DRAFT, ReportVersion.State.SUBMITTED, ReportVersion.State.RETURNED)


# ---------------------------------------------------------------- validation helpers

_Errors = Errors


def _label(key: str) -> str:
    parts = key.split("-")
    if len(parts) == 3 and f"{parts[0]}-{parts[2]}" in LABELS:
        return str(LABELS[f"{parts[0]}-{parts[2]}"])
    return str(LABELS.get(parts[-1], key))


def _text(errors: _Errors, key: str, value, limit: int, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        errors.add(key, _("%(field)s is required.") % {"field": _label(key)})
    elif len(text) > limit:
        errors.add(key, _("%(field)s is too long: at most %(limit)d characters, this has %(n)d.")
                   % {"field": _label(key), "limit": limit, "n": len(text)})
    return text


def _choice(errors: _Errors, key: str, value, choices, required: bool = True) -> str:
    value = (value or "").strip()
    if not value and not required:
        return ""
    if value not in choices:
        errors.add(key, _("%(field)s: choose one of the listed values.") % {"field": _label(key)})
    return value


def _date(errors: _Errors, key: str, value, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            errors.add(key, _("%(field)s is required.") % {"field": _label(key)})
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(key, _("%(field)s is not a real date: write it as YYYY-MM-DD.") % {"field": _label(key)})
        return None


def _money(errors: _Errors, key: str, value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        errors.add(key, _("%(field)s is not a number.") % {"field": _label(key)})
        return None
    if not amount.is_finite():
        errors.add(key, _("%(field)s is not a number.") % {"field": _label(key)})
        return None
    if amount < 0:
        errors.add(key, _("%(field)s cannot be negative.") % {"field": _label(key)})
        return None
    if amount >= Decimal(10) ** 14:
        errors.add(key, _("%(field)s is too large.") % {"field": _label(key)})
        return None
    return amount.quantize(Decimal("0.01"))


def _exact_or_band(errors: _Errors, exact_key: str, exact, band_key: str, band) -> tuple[Decimal | None, str]:
    amount = _money(errors, exact_key, exact)
    band = _choice(errors, band_key, band, BudgetBand.values, required=False)
    if amount is not None and band:
        errors.add(band_key, _("Give the exact amount or a band, not both."))
    return amount, band


def _today() -> dt.date:
    return timezone.localdate()


def _organisation_named(name: str) -> Organisation | None:
    """The organisation with exactly this BIN or this name (kk or ru), when there is exactly one."""
    name = name.strip()
    if not name:
        return None
    if is_valid_bin(name):
        return Organisation.objects.filter(bin=name).first()
    found = list(Organisation.objects.filter(Q(name_ru=name) | Q(name_kk=name))[:2])
    return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------- who may act

def can_edit(user, registrant: Registrant) -> bool:
    """A filer edits only registrants they are a member of."""
    return bool(user is not None and user.is_authenticated
                and RegistrantMember.objects.filter(registrant=registrant, user=user).exists())


def _filer(user, registrant: Registrant) -> str:
    if not can_edit(user, registrant):
        raise Refused(_("Only a filer of this registrant may do this."))
    return f"filer of {registrant.name}"[:NAME_MAX]


def _moderator(user, registrant: Registrant, version: ReportVersion | None = None) -> str:
    if not roles.is_moderator(user):
        raise Refused(_("Only a moderator may do this."))
    own = RegistrantMember.objects.filter(registrant=registrant, user=user).exists()
    if version is not None:
        own = own or user.pk in (version.created_by_id, version.submitted_by_id)
    if own:
        raise Refused(_("A moderator cannot publish their own filing."))
    return "moderator"


def _audit(actor, label: str, action: str, *, registrant=None, report=None, version=None, **detail) -> AuditEvent:
    if version is not None and report is None:
        report = version.report
    if report is not None and registrant is None:
        registrant = report.registrant
    data_changed(f"lobbying {action}")  # every change to the register is audited, so this sees them all
    return AuditEvent.objects.create(actor=actor, actor_label=label, action=action, registrant=registrant,
                                     report=report, version=version, detail=_jsonable(detail))


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, Decimal)):
        return str(value)
    return value


def _lock(model, pk):
    """Re-read a row under a lock so two moderators (or two tabs) cannot act on the same state."""
    return model.objects.select_for_update().get(pk=pk)


def _synced(original, changed):
    """Return ``original`` (the caller's object) refreshed from the row ``changed`` was saved to."""
    if original is not changed:
        original.refresh_from_db()
    return original


# ---------------------------------------------------------------- registrants

def _profile(errors: _Errors, fields: dict) -> dict:
    clean = {}
    if "name" in fields:
        clean["name"] = _text(errors, "name", fields["name"], NAME_MAX, required=True)
    if "kind" in fields:
        clean["kind"] = _choice(errors, "kind", fields["kind"], RegistrantKind.values)
    if "interests" in fields:
        clean["interests"] = _text(errors, "interests", fields["interests"], TEXT_MAX)
    if "budget_band" in fields:
        clean["budget_band"] = _choice(errors, "budget_band", fields["budget_band"], BudgetBand.values)
    if "website" in fields:
        website = _text(errors, "website", fields["website"], 500)
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                errors.add("website", _("Website is not a web address (https://…)."))
        clean["website"] = website
    return clean


@transaction.atomic
def register(user, *, bin, name, kind, interests="", budget_band, website="") -> Registrant:
    """A user registers an organisation they lobby for; it waits for a moderator."""
    errors = _Errors()
    bin = (bin or "").strip()
    organisation = None
    if not is_valid_bin(bin):
        errors.add("bin", _("BIN must be 12 digits with a valid check digit."))
    else:
        organisation = Organisation.objects.filter(bin=bin).first()
        if organisation is None:
            errors.add("bin", _("Unknown BIN %(bin)s: no organisation with this BIN is known to OpenTenge.")
                       % {"bin": bin})
        elif Registrant.objects.filter(bin=bin).exists():
            errors.add("bin", _("An organisation with BIN %(bin)s is already in the register.") % {"bin": bin})
    if not (name or "").strip() and organisation is not None:
        name = str(organisation)[:NAME_MAX]
    clean = _profile(errors, {"name": name, "kind": kind, "interests": interests,
                              "budget_band": budget_band, "website": website})
    errors.raise_if_any()
    registrant = Registrant.objects.create(bin=bin, organisation=organisation, created_by=user, **clean)
    RegistrantMember.objects.create(registrant=registrant, user=user)
    _audit(user, f"filer of {registrant.name}"[:NAME_MAX], "registrant.registered", registrant=registrant,
           bin=bin, **clean)
    return registrant


@transaction.atomic
def approve_registrant(moderator, original: Registrant) -> Registrant:
    registrant = _lock(Registrant, original.pk)
    label = _moderator(moderator, registrant)
    if registrant.status != Registrant.Status.PENDING:
        raise Refused(_("Only a registrant waiting for a moderator can be approved."))
    registrant.status = Registrant.Status.ACTIVE
    registrant.moderator_comment = ""
    registrant.registered_at = registrant.registered_at or timezone.now()
    registrant.save(update_fields=["status", "moderator_comment", "registered_at"])
    _audit(moderator, label, "registrant.approved", registrant=registrant)
    return _synced(original, registrant)


@transaction.atomic
def return_registrant(moderator, original: Registrant, comment: str) -> Registrant:
    errors = _Errors()
    comment = _text(errors, "comment", comment, TEXT_MAX, required=True)
    errors.raise_if_any()
    registrant = _lock(Registrant, original.pk)
    label = _moderator(moderator, registrant)
    if registrant.status != Registrant.Status.PENDING:
        raise Refused(_("Only a registrant waiting for a moderator can be returned."))
    registrant.status = Registrant.Status.RETURNED
    registrant.moderator_comment = comment
    registrant.save(update_fields=["status", "moderator_comment"])
    _audit(moderator, label, "registrant.returned", registrant=registrant, comment=comment)
    return _synced(original, registrant)


@transaction.atomic
def update_profile(user, original: Registrant, **fields) -> Registrant:
    """Change the profile; a returned registration goes back to the moderators."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    registrant = _lock(Registrant, original.pk)
    label = _filer(user, registrant)
    if registrant.status == Registrant.Status.WITHDRAWN:
        raise Refused(_("This registrant has withdrawn from the register."))
    errors = _Errors()
    clean = _profile(errors, fields)
    errors.raise_if_any()
    diff = {k: [getattr(registrant, k), v] for k, v in clean.items() if getattr(registrant, k) != v}
    for key, (_old, new) in diff.items():
        setattr(registrant, key, new)
    resubmitted = registrant.status == Registrant.Status.RETURNED
    if resubmitted:
        registrant.status = Registrant.Status.PENDING
    registrant.save()
    _audit(user, label, "registrant.updated", registrant=registrant, changed=diff, resubmitted=resubmitted)
    return _synced(original, registrant)


@transaction.atomic
def add_lobbyist(user, registrant: Registrant, name: str, positions=()) -> Lobbyist:
    """A person who lobbies, with the public offices they held before (the revolving door)."""
    label = _filer(user, registrant)
    errors = _Errors()
    name = _text(errors, "name", name, NAME_MAX, required=True)
    rows = []
    for i, p in enumerate(positions or ()):
        key = f"positions-{i}-"
        row = {"position": _text(errors, key + "position", p.get("position"), NAME_MAX, required=True),
               "body_name": _text(errors, key + "body_name", p.get("body_name"), NAME_MAX, required=True),
               "start": _date(errors, key + "start", p.get("start")),
               "end": _date(errors, key + "end", p.get("end"), required=False)}
        if row["start"] and row["start"] > _today():
            errors.add(key + "start", _("%(field)s cannot be in the future.") % {"field": _label("start")})
        if row["start"] and row["end"] and row["end"] < row["start"]:
            errors.add(key + "end", _("End is before start."))
        rows.append(row)
    errors.raise_if_any()
    lobbyist = Lobbyist.objects.create(registrant=registrant, name=name)
    for row in rows:
        FormerPosition.objects.create(lobbyist=lobbyist, body=_organisation_named(row["body_name"]), **row)
    _audit(user, label, "lobbyist.added", registrant=registrant, name=name, positions=rows)
    return lobbyist


@transaction.atomic
def add_client(user, registrant: Registrant, name: str, bin: str = "") -> Client:
    label = _filer(user, registrant)
    errors = _Errors()
    name = _text(errors, "name", name, NAME_MAX, required=True)
    bin = (bin or "").strip()
    organisation = None
    if bin:
        if not is_valid_bin(bin):
            errors.add("bin", _("BIN must be 12 digits with a valid check digit."))
        else:
            organisation = Organisation.objects.filter(bin=bin).first()
    errors.raise_if_any()
    client = Client.objects.create(registrant=registrant, name=name, bin=bin, organisation=organisation)
    _audit(user, label, "client.added", registrant=registrant, name=name, bin=bin)
    return client


# ---------------------------------------------------------------- reports

def _open_versions(report: Report):
    return report.versions.filter(state__in=OPEN_VERSION_STATES)


@transaction.atomic
def start_report(user, registrant: Registrant, year, quarter) -> tuple[Report, ReportVersion]:
    """Open the report of one quarter, with an empty first version to fill in."""
    label = _filer(user, registrant)
    registrant = _lock(Registrant, registrant.pk)
    if registrant.status != Registrant.Status.ACTIVE:
        raise Refused(_("Reports can be filed once a moderator has approved the registration."))
    errors = _Errors()
    today = _today()
    try:
        year, quarter = int(year), int(quarter)
    except (TypeError, ValueError):
        errors.add("year", _("Year and quarter must be numbers."))
        errors.raise_if_any()
    if not FIRST_YEAR <= year <= today.year:
        errors.add("year", _("Year must be between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": today.year})
    elif quarter not in (1, 2, 3, 4):
        errors.add("quarter", _("Quarter must be 1, 2, 3 or 4."))
    elif dt.date(year, quarter * 3 - 2, 1) > today:
        errors.add("quarter", _("This quarter has not started yet."))
    elif Report.objects.filter(registrant=registrant, year=year, quarter=quarter).exists():
        errors.add("quarter", _("There is already a report for %(year)d Q%(quarter)d: open it to amend it.")
                   % {"year": year, "quarter": quarter})
    errors.raise_if_any()
    report = Report.objects.create(registrant=registrant, year=year, quarter=quarter,
                                   due=deadlines.due_date(year, quarter))
    version = ReportVersion.objects.create(report=report, number=1, issues="", created_by=user)
    _audit(user, label, "report.started", version=version, year=year, quarter=quarter, due=report.due)
    return report, version


def _editable(user, version: ReportVersion) -> str:
    label = _filer(user, version.report.registrant)
    if version.report.state == Report.State.WITHDRAWN:
        raise Refused(_("This report has been withdrawn."))
    if version.state not in (ReportVersion.State.DRAFT, ReportVersion.State.RETURNED):
        raise Refused(_("Only a draft or a returned version can be changed."))
    return label


@transaction.atomic
def save_draft(user, original: ReportVersion, *, issues="", bill_ids=(), spending_exact=None, spending_band="",
               bodies=(), meetings=(), payments=(), amendment_note="") -> ReportVersion:
    """Replace the content of a draft (or returned) version with what the filer typed."""
    version = _lock(ReportVersion, original.pk)
    label = _editable(user, version)
    report = version.report
    errors = _Errors()
    issues = _text(errors, "issues", issues, TEXT_MAX)
    amendment_note = _text(errors, "amendment_note", amendment_note, TEXT_MAX)
    spending_exact, spending_band = _exact_or_band(errors, "spending_exact", spending_exact,
                                                   "spending_band", spending_band)
    try:
        bill_ids = [int(b) for b in bill_ids or ()]
    except (TypeError, ValueError):
        bill_ids = [-1]
    bills = list(LegislativeAct.objects.filter(pk__in=bill_ids))
    if len({b.pk for b in bills}) != len(set(bill_ids)):
        errors.add("bills", _("Some of these bills are not in the tracker."))
    body_names = []
    for i, body in enumerate(bodies or ()):
        text = _text(errors, f"bodies-{i}-name", body, NAME_MAX)
        if text:
            body_names.append(text)
    start, end = dt.date(report.year, report.quarter * 3 - 2, 1), deadlines.quarter_end(report.year, report.quarter)
    meeting_rows = []
    for i, m in enumerate(meetings or ()):
        key = f"meetings-{i}-"
        row = {"date": _date(errors, key + "date", m.get("date")),
               "official_name": _text(errors, key + "official_name", m.get("official_name"), NAME_MAX, required=True),
               "official_position": _text(errors, key + "official_position", m.get("official_position"), NAME_MAX),
               "body_name": _text(errors, key + "body_name", m.get("body_name"), NAME_MAX, required=True),
               "subject": _text(errors, key + "subject", m.get("subject"), TEXT_MAX, required=True),
               "bill_id": m.get("bill_id") or None}
        if row["date"] and not start <= row["date"] <= end:
            errors.add(key + "date", _("The meeting date must fall inside the report's quarter (%(start)s – %(end)s).")
                       % {"start": start.isoformat(), "end": end.isoformat()})
        if row["bill_id"] and not LegislativeAct.objects.filter(pk=row["bill_id"]).exists():
            errors.add(key + "bill", _("This bill is not in the tracker."))
        meeting_rows.append(row)
    payment_rows = []
    clients = set(report.registrant.clients.values_list("pk", flat=True))
    for i, p in enumerate(payments or ()):
        key = f"payments-{i}-"
        client_id = p.get("client_id")
        try:
            client_id = int(client_id)
        except (TypeError, ValueError):
            client_id = None
        if client_id not in clients:
            errors.add(key + "client", _("Choose one of this registrant's clients."))
        amount, band = _exact_or_band(errors, key + "amount", p.get("amount"), key + "band", p.get("band"))
        payment_rows.append({"client_id": client_id, "amount": amount, "band": band})
    errors.raise_if_any()

    before = _content(version)
    version.issues, version.amendment_note = issues, amendment_note
    version.spending_exact, version.spending_band = spending_exact, spending_band
    version.save()
    version.bills.set(bills)
    version.bodies.all().delete()
    version.meetings.all().delete()
    version.payments.all().delete()
    for name in body_names:
        ContactedBody.objects.create(version=version, name=name, organisation=_organisation_named(name))
    for row in meeting_rows:
        Meeting.objects.create(version=version, body=_organisation_named(row["body_name"]), **row)
    for row in payment_rows:
        ClientPayment.objects.create(version=version, **row)
    after = _content(version)
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    _audit(user, label, "version.saved", version=version, number=version.number, changed=changed)
    return _synced(original, version)


def _content(version: ReportVersion) -> dict:
    """A plain summary of a version's content: for audit diffs and the moderator's comparison."""
    return {
        "issues": version.issues,
        "bills": sorted(str(b) for b in version.bills.all()),
        "spending_exact": str(version.spending_exact) if version.spending_exact is not None else "",
        "spending_band": version.spending_band,
        "bodies": sorted(b.name for b in version.bodies.all()),
        "meetings": [f"{m.date} · {m.official_name} ({m.official_position}) · {m.body_name} · {m.subject}"
                     + (f" · {m.bill}" if m.bill_id else "") for m in version.meetings.all()],
        "payments": sorted(f"{p.client.name}: {p.amount if p.amount is not None else p.band}"
                           for p in version.payments.select_related("client")),
        "amendment_note": version.amendment_note,
    }


content_of = _content


@transaction.atomic
def submit(user, original: ReportVersion, *, at: dt.datetime | None = None) -> ReportVersion:
    """Send a version to the moderators; the report's first submission decides whether it was late.

    ``at`` back-dates the submission for the demo loader (and a future import of earlier filings);
    the filing pages never pass it. It cannot be in the future.
    """
    version = _lock(ReportVersion, original.pk)
    label = _editable(user, version)
    report = _lock(Report, version.report_id)
    errors = _Errors()
    if not version.issues.strip():
        errors.add("issues", _("Issues is required before submitting."))
    if version.spending_exact is None and not version.spending_band:
        errors.add("spending_exact", _("Give the spending (exact amount or band) before submitting."))
    if version.number > 1 and not version.amendment_note.strip():
        errors.add("amendment_note", _("Say what this amendment changes before submitting."))
    errors.raise_if_any()
    now = min(at, timezone.now()) if at else timezone.now()
    version.state, version.submitted_by, version.submitted_at = ReportVersion.State.SUBMITTED, user, now
    version.save(update_fields=["state", "submitted_by", "submitted_at"])
    first = report.first_submitted_at is None
    if first:
        report.first_submitted_at = now
        report.late = deadlines.is_late(report.year, report.quarter, now)
    if report.state != Report.State.PUBLISHED:
        report.state = Report.State.SUBMITTED
    report.save()
    _audit(user, label, "version.submitted", version=version, number=version.number,
           late=report.late if first else None)
    return _synced(original, version)


def _submitted(moderator, version: ReportVersion) -> tuple[ReportVersion, str]:
    version = _lock(ReportVersion, version.pk)
    label = _moderator(moderator, version.report.registrant, version)
    if version.state != ReportVersion.State.SUBMITTED:
        raise Refused(_("Only a submitted version can be moderated."))
    if version.report.state == Report.State.WITHDRAWN:
        raise Refused(_("This report has been withdrawn."))
    return version, label


@transaction.atomic
def publish(moderator, original: ReportVersion, *, at: dt.datetime | None = None) -> ReportVersion:
    """Accept a version: it becomes public; an earlier published version is superseded, not removed.

    ``at`` back-dates the decision, for the demo loader only (never before the submission).
    """
    version, label = _submitted(moderator, original)
    report = _lock(Report, version.report_id)
    now = min(max(at, version.submitted_at), timezone.now()) if at else timezone.now()
    superseded = list(report.versions.filter(state=ReportVersion.State.PUBLISHED).values_list("number", flat=True))
    report.versions.filter(state=ReportVersion.State.PUBLISHED).update(state=ReportVersion.State.SUPERSEDED)
    version.state, version.decided_by, version.decided_at = ReportVersion.State.PUBLISHED, moderator, now
    version.published_at, version.moderator_comment = now, ""
    version.save()
    report.state = Report.State.PUBLISHED
    report.published_at = report.published_at or now
    report.save(update_fields=["state", "published_at"])
    _audit(moderator, label, "version.published", version=version, number=version.number, superseded=superseded)
    return _synced(original, version)


@transaction.atomic
def return_for_changes(moderator, original: ReportVersion, comment: str) -> ReportVersion:
    errors = _Errors()
    comment = _text(errors, "comment", comment, TEXT_MAX, required=True)
    errors.raise_if_any()
    version, label = _submitted(moderator, original)
    report = _lock(Report, version.report_id)
    version.state, version.decided_by, version.decided_at = ReportVersion.State.RETURNED, moderator, timezone.now()
    version.moderator_comment = comment
    version.save()
    if report.state != Report.State.PUBLISHED:
        report.state = Report.State.RETURNED
        report.save(update_fields=["state"])
    _audit(moderator, label, "version.returned", version=version, number=version.number, comment=comment)
    return _synced(original, version)


@transaction.atomic
def amend(user, report: Report) -> ReportVersion:
    """Open version N+1 as a copy of the published one; the published one stays public meanwhile."""
    report = _lock(Report, report.pk)
    label = _filer(user, report.registrant)
    if report.state != Report.State.PUBLISHED:
        raise Refused(_("Only a published report can be amended."))
    if _open_versions(report).exists():
        raise Refused(_("An amendment of this report is already open."))
    current = report.versions.get(state=ReportVersion.State.PUBLISHED)
    number = report.versions.order_by("-number").values_list("number", flat=True).first() + 1
    version = ReportVersion.objects.create(report=report, number=number, issues=current.issues,
                                           spending_exact=current.spending_exact,
                                           spending_band=current.spending_band, created_by=user)
    version.bills.set(current.bills.all())
    for b in current.bodies.all():
        ContactedBody.objects.create(version=version, name=b.name, organisation_id=b.organisation_id)
    for m in current.meetings.all():
        Meeting.objects.create(version=version, date=m.date, official_name=m.official_name,
                               official_position=m.official_position, body_name=m.body_name, body_id=m.body_id,
                               subject=m.subject, bill_id=m.bill_id)
    for p in current.payments.all():
        ClientPayment.objects.create(version=version, client_id=p.client_id, amount=p.amount, band=p.band)
    _audit(user, label, "version.amendment_started", version=version, number=number, copied_from=current.number)
    return version


@transaction.atomic
def withdraw(user, original: Report, reason: str) -> Report:
    """Withdraw a report: recorded with the reason; its versions stay where they are."""
    errors = _Errors()
    reason = _text(errors, "reason", reason, TEXT_MAX, required=True)
    errors.raise_if_any()
    report = _lock(Report, original.pk)
    label = _filer(user, report.registrant)
    if report.state == Report.State.WITHDRAWN:
        raise Refused(_("This report has already been withdrawn."))
    previous = report.state
    report.state, report.withdrawn_at, report.withdrawal_reason = Report.State.WITHDRAWN, timezone.now(), reason
    report.save(update_fields=["state", "withdrawn_at", "withdrawal_reason"])
    _audit(user, label, "report.withdrawn", report=report, reason=reason, previous_state=previous)
    return _synced(original, report)

"""Forms of the filing and moderation pages.

The forms only collect what was typed; the rules (lengths, dates inside the quarter, spending not
negative, a known BIN) live in ``services`` so the demo loader and the admin obey the same ones.
Fields are therefore plain text where a stricter Django field would answer first with a vaguer
message ("Enter a valid date."): the service's message names the field and the limit.
``apply_errors`` puts the service's messages next to the inputs they concern.
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opentenge.lobbying.models import BudgetBand, RegistrantKind

BAND_CHOICES = [("", _("— no band —"))] + list(BudgetBand.choices)
QUARTERS = [(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]


def _text(label, **kw):
    return forms.CharField(label=label, required=False, strip=False, **kw)


def _area(label, rows=4):
    return _text(label, widget=forms.Textarea(attrs={"rows": rows}))


def _day(label):
    return _text(label, widget=forms.TextInput(attrs={"type": "date", "placeholder": "YYYY-MM-DD"}))


class ProfileForm(forms.Form):
    name = _text(_("Name"))
    kind = forms.ChoiceField(label=_("Type"), choices=RegistrantKind.choices)
    interests = _area(_("Fields of interest (one per line)"))
    budget_band = forms.ChoiceField(label=_("Yearly lobbying budget"), choices=BudgetBand.choices)
    website = _text(_("Website"))


class RegisterForm(ProfileForm):
    bin = _text(_("BIN"), help_text=_("The organisation's 12-digit business identification number."))
    field_order = ["bin", "name", "kind", "interests", "budget_band", "website"]


class LobbyistForm(forms.Form):
    name = _text(_("Lobbyist's name"))


class PositionForm(forms.Form):
    position = _text(_("Former public position"))
    body_name = _text(_("State body"))
    start = _day(_("Start"))
    end = _day(_("End"))


PositionFormSet = forms.formset_factory(PositionForm, extra=2)


class ClientForm(forms.Form):
    name = _text(_("Client's name"))
    bin = _text(_("Client's BIN (if any)"))


class ReportStartForm(forms.Form):
    year = _text(_("Year"))
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)


class VersionForm(forms.Form):
    issues = _area(_("Issues lobbied on"), rows=6)
    bills = _area(_("Bills (tracker keys such as bill:501, one per line)"), rows=3)
    spending_exact = _text(_("Spending in the quarter, tenge"))
    spending_band = forms.ChoiceField(label=_("or a spending band"), choices=BAND_CHOICES, required=False)
    amendment_note = _area(_("What this version changes (for amendments)"), rows=2)


class BodyForm(forms.Form):
    name = _text(_("State body contacted"))


class MeetingForm(forms.Form):
    date = _day(_("Date"))
    official_name = _text(_("Official"))
    official_position = _text(_("Official's position"))
    body_name = _text(_("State body"))
    subject = _area(_("Subject"), rows=2)
    bill = _text(_("Bill (tracker key)"))


class PaymentForm(forms.Form):
    client = forms.TypedChoiceField(label=_("Client"), choices=[], coerce=int, required=False, empty_value=None)
    amount = _text(_("Amount, tenge"))
    band = forms.ChoiceField(label=_("or a band"), choices=BAND_CHOICES, required=False)

    def __init__(self, *args, clients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", "—")] + [(c.pk, c.name) for c in clients]


BodyFormSet = forms.formset_factory(BodyForm, extra=2)
MeetingFormSet = forms.formset_factory(MeetingForm, extra=2)
PaymentFormSet = forms.formset_factory(PaymentForm, extra=1)


class CommentForm(forms.Form):
    comment = _area(_("Comment for the filer"), rows=3)


class ReasonForm(forms.Form):
    reason = _area(_("Reason for withdrawal"), rows=2)


def filled_rows(formset) -> list[tuple[int, dict]]:
    """(index in the formset, cleaned data) of the rows the filer typed something into."""
    rows = []
    for i, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None) or {}
        if any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in data.values()):
            rows.append((i, data))
    return rows


def apply_errors(error, form, formsets: dict | None = None, index_maps: dict | None = None) -> None:
    """Attach a service's ``ValidationError`` to the inputs it names.

    Keys are field names of ``form`` or ``<prefix>-<n>-<field>`` for the n-th row the service was
    given; ``index_maps[prefix][n]`` is that row's index in the formset (blank rows are not sent).
    """
    formsets, index_maps = formsets or {}, index_maps or {}
    for key, messages in error.message_dict.items():
        target, field = form, key
        parts = key.split("-")
        if len(parts) == 3 and parts[0] in formsets and parts[1].isdigit():
            prefix, n, field = parts[0], int(parts[1]), parts[2]
            index = index_maps.get(prefix, {}).get(n, n)
            if index < len(formsets[prefix].forms):
                target = formsets[prefix].forms[index]
        for message in messages:
            target.add_error(field if field in target.fields else None, message)

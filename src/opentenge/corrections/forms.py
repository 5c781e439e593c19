"""The report form and the moderators' forms: HTML inputs and their limits; ``services`` validates again.

The limits are repeated as ``maxlength`` so a browser stops the typing early; the service is the
rule. ``website`` is a honeypot: hidden from people, filled by bots, and a filled one is dropped.
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opentenge.corrections.models import EVIDENCE_MAX, TEXT_MAX, VALUE_MAX

HONEYPOT = "website"


class ReportForm(forms.Form):
    field = forms.ChoiceField(label=_("What is wrong"))
    proposed_value = forms.CharField(label=_("Correct value"), max_length=VALUE_MAX, required=False,
                                     help_text=_("What the page should say. Dates as YYYY-MM-DD."))
    explanation = forms.CharField(label=_("Explanation"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(label=_("Source"), max_length=EVIDENCE_MAX,
                               help_text=_("A web address or a document (title, number, date) that shows the correct value."))
    reporter_email = forms.EmailField(label=_("Your e-mail"), required=False,
                                      help_text=_("Optional; only moderators see it, to ask you a question."))
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = choices
        self.fields[HONEYPOT].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class AcceptForm(forms.Form):
    new_value = forms.CharField(label=_("Value to publish"), max_length=VALUE_MAX, required=False)
    note = forms.CharField(label=_("Published note"), max_length=TEXT_MAX, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


def apply_errors(error, form) -> None:
    """Put a service's ``ValidationError`` next to the input it names (else at the top of the form)."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)

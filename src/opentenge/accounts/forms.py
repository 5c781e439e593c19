"""Forms of the account pages. Every check that matters runs here, on the server.

The e-mail, lower-cased, is also the username: one address, one account, and sign-in needs no
second identifier. Passwords go through ``AUTH_PASSWORD_VALIDATORS`` (settings) so the messages are
Django's own, translated.
"""
from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EMAIL_MAX = 150  # auth.User.username is 150 characters
NAME_MAX = 150


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


class EmailField(forms.EmailField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-mail"))
        kwargs.setdefault("max_length", EMAIL_MAX)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "email", "autocapitalize": "none"})

    def clean(self, value):
        return normalise_email(super().clean(value))


class Form(forms.Form):
    """Labels without Django's trailing colon: they sit above their fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupForm(Form):
    email = EmailField()
    display_name = forms.CharField(label=_("Display name"), max_length=NAME_MAX,
                                   help_text=_("Shown on pages you file or moderate. Your e-mail is never shown."))
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("At least 10 characters; not a common password, not only digits, "
                                            "not close to your name or e-mail."))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(username__iexact=email).exists():
            # neutral: it says the address cannot be used here, and where to go, whoever owns it
            raise ValidationError(_("This e-mail cannot be used to sign up. If it is yours, sign in, "
                                    "or ask for the confirmation link again."), code="taken")
        return email

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise ValidationError(_("Display name: please enter a name."), code="required")
        return name

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", ValidationError(_("The two passwords differ."), code="mismatch"))
        elif first:
            probe = get_user_model()(username=data.get("email", ""), email=data.get("email", ""),
                                     first_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ResendForm(Form):
    email = EmailField()


class LoginForm(Form):
    email = EmailField()
    password = forms.CharField(label=_("Password"), strip=False, max_length=4096,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CodeForm(Form):
    code = forms.RegexField(label=_("6-digit code from your authenticator app"), regex=r"^\s*\d{3}\s?\d{3}\s*$",
                            max_length=8, error_messages={"invalid": _("The code is six digits.")},
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                          "pattern": r"[0-9 ]*", "size": 8}))

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").strip()

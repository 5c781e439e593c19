"""Forgotten password: Django's own reset views, with our templates and two changes.

Django's ``PasswordResetView`` already answers the same whether or not the address has an account,
and its tokens (``default_token_generator``) die when the password changes or after
``PASSWORD_RESET_TIMEOUT`` (3 days). Our changes:

- accounts created by ``opentenge accounts create`` without a password (an unusable password) can
  use the form to set their first one; Django skips them by default because elsewhere an unusable
  password means "signs in some other way", which is never the case here;
- at most one reset mail a minute per address, so the form cannot flood an inbox;
- setting a new password lifts a sign-in lockout on that address: whoever did it reads its mailbox.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.cache import cache
from django.urls import reverse_lazy

from opentenge.accounts import throttle
from opentenge.accounts.forms import EmailField, normalise_email

COOLDOWN = 60


class ResetForm(PasswordResetForm):
    email = EmailField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def get_users(self, email):
        email = normalise_email(email)
        if not cache.add(f"accounts:reset:{throttle.account_key(email)}", 1, timeout=COOLDOWN):
            return []
        return list(get_user_model().objects.filter(username__iexact=email, is_active=True))


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def save(self, commit=True):
        user = super().save(commit)
        throttle.unlock(email=user.email)
        return user


request_reset = auth_views.PasswordResetView.as_view(
    form_class=ResetForm,
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/reset_body.txt",
    subject_template_name="accounts/email/reset_subject.txt",
    success_url=reverse_lazy("account-password-reset-done"),
)
reset_requested = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
choose_password = auth_views.PasswordResetConfirmView.as_view(
    form_class=NewPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("account-password-reset-complete"),
)
password_changed = auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")

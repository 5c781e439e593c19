"""Account pages: sign up, confirm the e-mail, sign in (password, then TOTP code), 2FA enrolment.

Sign-in is two steps for anyone with a confirmed TOTP device: the password step only remembers
*who* is pending (user id and time, in the session, for at most ``PENDING_SECONDS``); the user is
logged in by the code step, never before. Both steps go through ``throttle``, so wrong codes count
towards the lockout like wrong passwords. Messages never say whether an e-mail has an account,
except to someone who has just typed that account's correct password.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone as dt_timezone

import django_otp
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opentenge.accounts import throttle, twofactor, verification
from opentenge.accounts.forms import CodeForm, LoginForm, ResendForm, SignupForm
from opentenge.accounts.roles import roles_of
from opentenge.web.counters import client_address

PENDING = "accounts.pending"
PENDING_SECONDS = 5 * 60
RESEND_COOLDOWN = 60
SIGNUPS_PER_ADDRESS = 10  # an hour; a class signing up together from one school network fits


def _next_url(request, value: str | None = None) -> str:
    """``next`` if it points at this site, the account page otherwise (no open redirects)."""
    value = value if value is not None else request.POST.get("next") or request.GET.get("next", "")
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return reverse("account-home")


def _locked_message(lock: throttle.Lock) -> str:
    until = timezone.localtime(datetime.fromtimestamp(lock.until, tz=dt_timezone.utc))
    return _("Too many failed attempts. Sign-in is paused; try again after %(time)s (in about %(minutes)s min).") % {
        "time": formats.time_format(until, "H:i"), "minutes": max(1, round(lock.seconds_left / 60))}


def _posted(request):
    return request.POST if request.method == "POST" else None


# ---- sign-up and e-mail confirmation ----

def signup(request):
    if request.user.is_authenticated:
        return redirect("account-home")
    form = SignupForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if not throttle.allow("signup", throttle.address_key(client_address(request)),
                              SIGNUPS_PER_ADDRESS, 60 * 60):
            form.add_error(None, _("Too many new accounts from your network in the last hour. Try again later."))
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        data = form.cleaned_data
        user = get_user_model().objects.create_user(username=data["email"], email=data["email"],
                                                    password=data["password1"], first_name=data["display_name"],
                                                    is_active=False)
        verification.send_verification(request, user)
        cache.add(f"accounts:resend:{throttle.account_key(user.email)}", 1, timeout=RESEND_COOLDOWN)
        return redirect("account-signup-done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    return render(request, "accounts/check_mail.html", {"resend": ResendForm()})


def verify(request, token: str):
    outcome = verification.read_token(token)
    user = outcome.user
    if user is not None and not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return render(request, "accounts/verified.html", {"ok": user is not None, "problem": outcome.problem,
                                                      "resend": ResendForm()},
                  status=200 if user is not None else 400)


def resend(request):
    """Send the link again. The answer is the same whether or not an unconfirmed account exists."""
    form = ResendForm(_posted(request), initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        # one mail a minute per address at most, so the form cannot be used to flood someone's inbox
        if cache.add(f"accounts:resend:{throttle.account_key(email)}", 1, timeout=RESEND_COOLDOWN):
            user = get_user_model().objects.filter(username__iexact=email, is_active=False).first()
            if user is not None:
                verification.send_verification(request, user)
        messages.info(request, _("If an unconfirmed account uses this address, a new confirmation link is on its way."))
        return redirect("account-signup-done")
    return render(request, "accounts/resend.html", {"form": form})


# ---- sign-in ----

def login(request):
    form = LoginForm(_posted(request))
    context = {"form": form, "next": _next_url(request)}
    if request.method != "POST" or not form.is_valid():
        return render(request, "accounts/login.html", context)
    email, password = form.cleaned_data["email"], form.cleaned_data["password"]
    address = client_address(request)
    lock = throttle.locked(email, address)
    if lock:
        context["error"], context["locked"] = _locked_message(lock), True
        return render(request, "accounts/login.html", context, status=429)
    user = auth.authenticate(request, username=email, password=password)
    if user is None:
        candidate = get_user_model().objects.filter(username__iexact=email).first()
        if candidate is not None and not candidate.is_active and candidate.check_password(password):
            context["inactive"] = True
            return render(request, "accounts/login.html", context)
        lock = throttle.record_failure(email, address)
        if lock:
            context["error"], context["locked"] = _locked_message(lock), True
            return render(request, "accounts/login.html", context, status=429)
        context["error"] = _("The e-mail or the password is wrong.")
        return render(request, "accounts/login.html", context)
    if twofactor.confirmed_devices(user):
        request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time(),
                                    "next": context["next"]}
        return redirect("account-login-code")
    throttle.record_success(email)
    auth.login(request, user)
    return redirect(context["next"])


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def login_code(request):
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Sign in with your password first; the code step lasts five minutes."))
        return redirect("account-login")
    form = CodeForm(_posted(request))
    context = {"form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "accounts/login_code.html", context)
    address = client_address(request)
    lock = throttle.locked(user.email, address)
    if lock is None:
        device = twofactor.check_code(twofactor.confirmed_devices(user), form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            throttle.record_success(user.email)
            auth.login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            return redirect(_next_url(request, pending.get("next", "")))
        lock = throttle.record_failure(user.email, address)
    if lock:
        request.session.pop(PENDING, None)
        context["error"], context["locked"] = _locked_message(lock), True
        return render(request, "accounts/login_code.html", context, status=429)
    context["error"] = _("That code is not right. Check the time on your phone and type the newest code.")
    return render(request, "accounts/login_code.html", context)


@require_POST
def logout(request):
    auth.logout(request)
    return redirect("home")


# ---- the signed-in user's pages ----

def _link(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_required
def home(request):
    user = request.user
    roles = roles_of(user)
    context = {
        "account": user,
        "roles": [r for r in ("public", "filer", "moderator", "admin") if r in roles],
        "has_device": bool(twofactor.confirmed_devices(user)),
        "verified": user.is_verified(),
        "file_url": _link("lobbying-file"),
        "moderation_url": _link("lobbying-moderation") if {"moderator", "admin"} & roles else None,
    }
    return render(request, "accounts/home.html", context)


@login_required
def two_factor_setup(request):
    """Enrol an authenticator app: QR code + secret, then one current code confirms it."""
    user = request.user
    if twofactor.confirmed_devices(user):
        return render(request, "accounts/two_factor_setup.html", {"enrolled": True, "next": _next_url(request)})
    device = twofactor.pending_device(user)
    form = CodeForm(_posted(request))
    context = {"form": form, "qr": twofactor.qr_svg(device), "secret": twofactor.secret_base32(device),
               "next": _next_url(request)}
    if request.method == "POST" and form.is_valid():
        if twofactor.check_code([device], form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            messages.success(request, _("Two-factor sign-in is on. You will be asked for a code at every sign-in."))
            return redirect(context["next"])
        context["error"] = _("That code is not right. Check the time on your phone and type the newest code.")
    return render(request, "accounts/two_factor_setup.html", context)

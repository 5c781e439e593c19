"""Who may do what: the four roles of the register and the decorators that guard views.

- **public**: anyone, signed in or not; reads published pages, follows bills by feed.
- **filer**: a signed-in user who files for an organisation (a ``lobbying.RegistrantMember``).
- **moderator**: member of the ``moderator`` group; accepts or returns filings, never their own.
- **admin**: a Django superuser; runs the site and grants roles (``opentenge accounts grant``).

Filers, moderators and admins hold power over what the public reads, so their views need a
second factor: a confirmed TOTP device *and* a session verified with it (django-otp's
``request.user.is_verified()``). A signed-in user without a device is sent to enrol one first.
"""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

MODERATOR = "moderator"
ROLES = ("public", "filer", "moderator", "admin")


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def is_moderator(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.groups.filter(name=MODERATOR).exists()))


def is_filer(user) -> bool:
    if not user.is_authenticated:
        return False
    from opentenge.lobbying.models import RegistrantMember

    return RegistrantMember.objects.filter(user=user).exists()


def roles_of(user) -> set[str]:
    roles = {"public"}
    if is_filer(user):
        roles.add("filer")
    if is_moderator(user):
        roles.add(MODERATOR)
    if is_admin(user):
        roles.add("admin")
    return roles


def has_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


def _to(name: str, request) -> object:
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def two_factor_required(view):
    """Signed in, with a confirmed TOTP device, in a session verified by it."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return _to("account-login", request)
        if not has_device(user):
            return _to("account-2fa-setup", request)
        if not user.is_verified():
            return _to("account-login", request)
        return view(request, *args, **kwargs)

    return guarded


def moderator_required(view):
    """A verified moderator (or admin); anyone else gets 403."""

    @two_factor_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied("moderators only")
        return view(request, *args, **kwargs)

    return guarded

"""Users in every role, for tests: created directly, signed in with a verified second factor.

``person(role)`` makes a user; ``signed_in(client, user)`` logs the test client in *and* marks the
session as verified by the user's TOTP device, the way django-otp's login does, so tests of the
register's views need not type codes (the browser tests of accounts do type real codes).
``totp_now(device)`` computes the current code from the device's key, as an authenticator app would.
"""
from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct horse battery staple 7"
_serial = itertools.count(1)


def person(role: str = "public", email: str | None = None, device: bool = True):
    """A verified (active) user; ``role`` in public|filer|moderator|admin.

    A *filer* here has no registrant yet: add a ``lobbying.RegistrantMember`` to make them one
    (``opentenge.accounts.roles.is_filer`` reads memberships).
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    n = next(_serial)
    email = email or f"{role}{n}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD,
                                                first_name=f"{role.title()} {n}")
    if role == "moderator":
        user.groups.add(Group.objects.get_or_create(name="moderator")[0])
    if role == "admin":
        user.is_superuser = user.is_staff = True
        user.save()
    if device:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def signed_in(client, user, verified: bool = True):
    """Log ``client`` in as ``user``; with ``verified`` the session counts as two-factor verified."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def totp_now(device, offset: int = 0) -> str:
    """The code an authenticator app shows now (``offset`` steps later or earlier)."""
    import time

    from django_otp.oath import TOTP

    t = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    t.time = time.time() + offset * device.step
    return f"{t.token():0{device.digits}d}"

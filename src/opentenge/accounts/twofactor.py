"""TOTP second factor: the device being enrolled, its QR code, and checking a typed code.

The QR code is drawn on the server as inline SVG (``qrcode``'s SvgPathImage): the secret never
leaves the page for a third-party QR service, and the page needs no JavaScript. The same secret is
shown in base32 for people who type it into their app.
"""
from __future__ import annotations

import re
from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"
CODE = re.compile(r"^\d{6}$")


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device, created once so that reloading the page keeps the QR code."""
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id"))
    if devices:
        TOTPDevice.objects.filter(pk__in=[d.pk for d in devices[1:]]).delete()
        return devices[0]
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirmed_devices(user) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"))


def secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline ``<svg>`` element (no XML declaration)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    # the secret is also printed as text next to it, so screen readers skip the picture
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def check_code(devices, code: str) -> TOTPDevice | None:
    """The device that accepts ``code`` (6 digits), or None. Each device throttles and refuses replays."""
    code = (code or "").strip().replace(" ", "")
    if not CODE.match(code):
        return None
    for device in devices:
        if device.verify_token(code):
            return device
    return None

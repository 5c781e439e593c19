"""Content-Security-Policy and Permissions-Policy on every answer.

Why a policy this strict works here: every page loads its scripts and styles from our own static
files (htmx, ECharts and the page scripts are vendored, no CDN), charts are drawn by scripts, and
htmx is told not to inject its indicator ``<style>`` (``<meta name="htmx-config">`` in base.html).
So an injected ``<script>`` or ``style="…"`` in a page — the usual payload of a cross-site-scripting
bug — is refused by the browser even if it slips past template escaping.

One path gets a documented relaxation, of styles only (scripts stay ``'self'`` everywhere):
``/admin/``, whose Django templates and our linking review screens put small ``<style>`` blocks and
``style`` attributes in the page. Swagger UI at ``/api/v1/docs`` needs none: ninja serves it from
its bundled static files with the settings in a ``<script type="application/json">`` (data, not
code), and React sets styles through the CSSOM, which the policy allows (tests/test_security.py
expands and runs an operation under the strict policy).

Django 5.2 has no CSP of its own (6.0 does). This middleware sits above the page cache in
``MIDDLEWARE``, so an answer served from the cache carries the same headers as a fresh one.
Cross-Origin-Opener-Policy, X-Frame-Options, Referrer-Policy and nosniff come from Django's own
SecurityMiddleware and XFrameOptionsMiddleware (see settings).
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse

BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# path prefix -> directives replaced there (see the module docstring for why each one is needed)
RELAXED_PATHS = {
    "/admin/": {"style-src": "'self' 'unsafe-inline'"},
}
# Features the site never uses: a page (or anything injected into it) may not ask for them.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"))


def policy_for(path: str) -> str:
    """The Content-Security-Policy header value for a request path."""
    directives = dict(BASE_POLICY)
    for prefix, overrides in RELAXED_PATHS.items():
        if path.startswith(prefix):
            directives.update(overrides)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    """Add CSP and Permissions-Policy unless a view has set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy_for(request.path))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

"""Django settings, read from the environment so one code base runs a laptop and a cluster.

Environment variables (all optional):
- ``OPENTENGE_DATABASE_URL``: see ``opentenge.store.db`` (default ``sqlite:///var/opentenge.sqlite3``).
- ``OPENTENGE_SECRET_KEY``: required when ``OPENTENGE_DEBUG`` is off in production.
- ``OPENTENGE_DEBUG``: ``1`` to show Django's debug pages.
- ``OPENTENGE_ALLOWED_HOSTS``: comma-separated host names (default: loopback names).
- ``OPENTENGE_ID_PEPPER``: secret mixed into the fingerprint that joins an entrepreneur's records
  without storing the IIN (see ``opentenge.ids.kz.iin_fingerprint``).
- ``OPENTENGE_PAGE_CACHE_SECONDS``: how long a public page stays in the cache (default 300; ``0``
  turns the page cache off). Pages go stale at once when the data changes (``opentenge.web.pagecache``).
- ``OPENTENGE_REDIS_URL``: cache for pages, sessions, rate limits and login throttling, e.g. ``redis://127.0.0.1:6379/0``
  (production). Unset: local memory, good for one process only (the embedded default).
- ``OPENTENGE_SMTP_URL``: ``smtp://user:password@host:port`` (``smtps://`` for TLS on connect,
  ``?starttls=1`` for STARTTLS). Unset: messages are written as files under ``var/mail/``.
- ``OPENTENGE_MAIL_DIR``: the folder of that file backend (default ``var/mail``).
- ``OPENTENGE_MAIL_FROM``: sender address (default ``OpenTenge <noreply@opentenge.localhost>``).
- ``OPENTENGE_SITE_URL``: public address used for links in e-mails (default ``http://127.0.0.1:8000``).
- ``OPENTENGE_SECURE_COOKIES``: ``1`` (default) sends session and CSRF cookies over HTTPS only;
  ``opentenge serve`` on a loopback address turns it off unless it is set, so the demo works on
  http://127.0.0.1.
- ``OPENTENGE_SSL_REDIRECT``: ``1`` redirects http to https. Default: on when cookies are secure and
  ``OPENTENGE_ALLOWED_HOSTS`` names a host other than the loopback names (a real deployment); off
  for the demo on 127.0.0.1. ``/healthz`` is never redirected.
- ``OPENTENGE_HSTS_SECONDS``: ``Strict-Transport-Security`` max-age; default 31536000 (a year) under
  the same condition, else 0 (no header). ``OPENTENGE_HSTS_SUBDOMAINS`` and ``OPENTENGE_HSTS_PRELOAD``
  (both default ``1``) add ``includeSubDomains`` and ``preload``.
- ``OPENTENGE_PROXY_SSL_HEADER``: behind a TLS-terminating proxy, the header it sets to ``https``
  (e.g. ``X-Forwarded-Proto``); without it a redirecting site behind a proxy loops. Only set it when
  the proxy overwrites that header on every request.
Content-Security-Policy and Permissions-Policy: ``opentenge.web.security``.
"""
from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from opentenge.store.db import database_settings
from opentenge.web.mailconfig import email_settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path.cwd()

DEBUG = os.environ.get("OPENTENGE_DEBUG", "") == "1"
SECRET_KEY = os.environ.get("OPENTENGE_SECRET_KEY") or "opentenge-development-key-not-for-production"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("OPENTENGE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",") if h.strip()]
ID_PEPPER = os.environ.get("OPENTENGE_ID_PEPPER", "opentenge-default-pepper")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",  # in INSTALLED_APPS so Swagger UI is served from its bundled static files, not a CDN
    "opentenge.store",
    "opentenge.web",
    "opentenge.budget",
    "opentenge.linking",
    "opentenge.civil",
    "opentenge.politics",
    "opentenge.legislation",
    "opentenge.accounts",
    "opentenge.lobbying",
    "opentenge.indicators",
    "opentenge.watch",
    "opentenge.corrections",
    "opentenge.scorecards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "opentenge.web.security.SecurityHeadersMiddleware",  # CSP, Permissions-Policy: above the page cache
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "opentenge.api.http.ApiHttpMiddleware",  # /api/v1 only: ETag, CORS, rate limits, problem+json
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "opentenge.web.pagecache.PageCacheMiddleware",  # anonymous GET pages, stale when the data changes
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "opentenge.web.urls"
WSGI_APPLICATION = "opentenge.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Kazakh first: it is the state language; Russian and English follow.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
# api and export are packages, not Django apps: their catalogues are listed here.
LOCALE_PATHS = [PACKAGE_DIR / "web" / "locale", PACKAGE_DIR / "api" / "locale", PACKAGE_DIR / "export" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("OPENTENGE_STATIC_ROOT", BASE_DIR / "var" / "static"))
try:  # WhiteNoise serves from the package (finders); it only wants the folder to exist
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step needed
WHITENOISE_AUTOREFRESH = DEBUG

# Cache: Redis in production, local memory in the embedded default. Sessions live in the cache
# backed by the database (``cached_db``), so a Redis restart logs nobody out and loses nothing.
REDIS_URL = os.environ.get("OPENTENGE_REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": os.environ.get("OPENTENGE_CACHE_PREFIX", "opentenge")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "opentenge"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
OPENTENGE_PAGE_CACHE_SECONDS = int(os.environ.get("OPENTENGE_PAGE_CACHE_SECONDS", "300"))

# E-mail: SMTP when OPENTENGE_SMTP_URL is set, otherwise files a developer can open.
EMAIL_SUBJECT_PREFIX = "[OpenTenge] "
DEFAULT_FROM_EMAIL = os.environ.get("OPENTENGE_MAIL_FROM", "OpenTenge <noreply@opentenge.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
globals().update(email_settings(os.environ.get("OPENTENGE_SMTP_URL", ""),
                                Path(os.environ.get("OPENTENGE_MAIL_DIR", BASE_DIR / "var" / "mail"))))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account-login"
LOGIN_REDIRECT_URL = "account-home"
OTP_TOTP_ISSUER = "OpenTenge"

SECURE_COOKIES = os.environ.get("OPENTENGE_SECURE_COOKIES", "1") != "0"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day; filers sign in again after that
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS: redirect and HSTS only where the site is really served over HTTPS under a public name,
# i.e. cookies are secure and a host other than the loopback names is configured. The demo
# (``opentenge serve`` on 127.0.0.1) and the test client stay on plain http.
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}
_SERVED_OVER_HTTPS = SECURE_COOKIES and any(h not in _LOOPBACK_HOSTS for h in ALLOWED_HOSTS)
SECURE_SSL_REDIRECT = os.environ.get("OPENTENGE_SSL_REDIRECT", "1" if _SERVED_OVER_HTTPS else "0") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # load balancers probe over plain http
SECURE_HSTS_SECONDS = int(os.environ.get("OPENTENGE_HSTS_SECONDS", "31536000" if _SERVED_OVER_HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("OPENTENGE_HSTS_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("OPENTENGE_HSTS_PRELOAD", "1") == "1"
if os.environ.get("OPENTENGE_PROXY_SSL_HEADER"):  # e.g. X-Forwarded-Proto, set (never passed through) by the proxy
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + os.environ["OPENTENGE_PROXY_SSL_HEADER"].upper().replace("-", "_"), "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENTENGE_LOG_LEVEL", "WARNING")},
}

# API (/api/v1, see docs/api.md and opentenge.api.http): requests per minute per client address,
# and optional keys with higher limits as comma-separated ``key:limit`` pairs. Counted in the
# "default" cache, i.e. Redis when OPENTENGE_REDIS_URL is set.
OPENTENGE_API_RATE_LIMIT = int(os.environ.get("OPENTENGE_API_RATE_LIMIT", "120"))
OPENTENGE_API_KEYS = os.environ.get("OPENTENGE_API_KEYS", "")
OPENTENGE_API_CACHE = "default"

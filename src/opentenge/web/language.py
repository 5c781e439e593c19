"""The language a page or an API answer is in, decided the same way everywhere.

Pages follow the URL prefix (LocaleMiddleware has already activated it); API operations take an
optional ``lang`` parameter and fall back to the active language, Russian when there is none
(the language most of the published sources use).
"""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

LANGS = ("kk", "ru", "en")


def page_language() -> str:
    return (get_language() or "en")[:2]


def api_language(lang: str | None) -> str:
    return lang if lang in LANGS else (get_language() or "ru")[:2]


def stored_language(lang: str | None) -> str:
    """The language saved with a follow or a watch (``"ru"``, ``"kk-KZ"`` …), as one of :data:`LANGS`.

    Mail goes out long after the click, with no request: an unknown value falls back to the site's
    default language."""
    lang = (lang or "")[:2]
    return lang if lang in LANGS else settings.LANGUAGE_CODE[:2]

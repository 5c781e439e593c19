"""Three languages from day one: every UI string translated, compiled catalogues up to date."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "opentenge"
LOCALE = PACKAGE / "web" / "locale"
# Every Django app carries its own catalogue next to its templates.
APP_LOCALES = sorted(PACKAGE.glob("*/locale"))


def _catalog(lang: str, kind: str, locale: Path = LOCALE):
    path = locale / lang / "LC_MESSAGES" / f"django.{kind}"
    with path.open("rb") as fh:
        return read_po(fh) if kind == "po" else read_mo(fh)


def _app_ids(locale: Path) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog("kk", "po", locale) if m.id}


@pytest.mark.parametrize("locale", APP_LOCALES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang, locale):
    catalog = _catalog(lang, "po", locale)
    missing = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"untranslated in {lang}: {missing}"
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"
    if locale == LOCALE:
        assert len(catalog) > 80


@pytest.mark.parametrize("locale", APP_LOCALES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_compiled_catalogue_matches_the_po_file(lang, locale):
    def norm(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    po, mo = _catalog(lang, "po", locale), _catalog(lang, "mo", locale)
    translated = {norm(m.id): norm(m.string) for m in po
                  if m.id and m.string and (not isinstance(m.string, tuple) or all(m.string))}
    # Babel writes an untranslated plural entry as its own msgids: that is the English fallback.
    compiled = {norm(m.id): norm(m.string) for m in mo if m.id and norm(m.string) != norm(m.id)}
    assert compiled == translated, "run: .venv/bin/python scripts/compile_messages.py"


def test_templates_have_no_string_missing_from_the_catalogue():
    """A string added to a template but not to the catalogue would show in English everywhere."""
    import re

    # Django merges every app's catalogue, so a template may use a string from any of them.
    ids = set().union(*(_app_ids(locale) for locale in APP_LOCALES))
    templates = [t for app in PACKAGE.iterdir() if (app / "templates").is_dir() for t in (app / "templates").rglob("*.html")]
    pattern = re.compile(r"{%\s*translate\s+\"([^\"]+)\"|{%\s*translate\s+'([^']+)'")
    for template in templates:
        for match in pattern.finditer(template.read_text(encoding="utf-8")):
            text = match.group(1) or match.group(2)
            assert text in ids, f"{template.name}: {text!r} is not in the catalogue (run make messages)"


@pytest.mark.parametrize("locale", APP_LOCALES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_compiled_catalogue_loads_with_gettext(lang, locale):
    """What Django itself does at run time: a malformed header (e.g. a broken Plural-Forms line)
    would make every page in that language fail, so read each .mo exactly as gettext does."""
    import gettext

    with (locale / lang / "LC_MESSAGES" / "django.mo").open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    assert catalogue.info().get("language", lang) == lang

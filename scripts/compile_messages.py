#!/usr/bin/env python3
"""Compile the site's translation catalogues (.po → .mo) with Babel.

No GNU gettext binary is needed: every ``src/opentenge/<app>/locale/*/LC_MESSAGES/django.po``
is read with ``babel.messages.pofile.read_po`` and written next to itself as ``django.mo``
with ``babel.messages.mofile.write_mo``.

Kazakh and Russian must be complete: an untranslated entry (or a plural form left empty),
a fuzzy entry or header, a wrong number of plural forms, or a ``%(name)s`` placeholder that
does not match the msgid fails the run (exit 1) and names the file and msgid. English needs
no translations: its msgstr stay empty and Django falls back to the msgid.

Run from anywhere:  .venv/bin/python scripts/compile_messages.py
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "opentenge" / "web" / "locale"
# Every Django app of the package may carry its own catalogue (src/opentenge/<app>/locale).
APP_DIR = ROOT / "src" / "opentenge"
# Catalogues that must be fully translated; any other language may leave msgstr empty.
REQUIRED = {"kk": 2, "ru": 3}  # language → expected nplurals
PLACEHOLDER = re.compile(r"%\(([^)]+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _display(path: Path) -> Path:
    try:
        return path.relative_to(ROOT)
    except ValueError:
        return path


def _msgid(message) -> str:
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


def _is_translated(message) -> bool:
    if isinstance(message.string, (list, tuple)):
        return bool(message.string) and all(message.string)
    return bool(message.string)


def check(po_path: Path, catalog, lang: str) -> list[str]:
    """Problems that block compiling a required catalogue, one line each."""
    rel = _display(po_path)
    problems = []
    expected = REQUIRED[lang]
    if catalog.fuzzy:
        problems.append(f'{rel}: header (msgid "") is marked fuzzy')
    if catalog.num_plurals != expected:
        problems.append(f"{rel}: header Plural-Forms has nplurals={catalog.num_plurals}, expected {expected}")
    for message in catalog:
        if not message.id:
            continue
        msgid = _msgid(message)
        if message.fuzzy:
            problems.append(f"{rel}: fuzzy: {msgid!r}")
        if not _is_translated(message):
            problems.append(f"{rel}: untranslated: {msgid!r}")
            continue
        if message.pluralizable and len(message.string) != expected:
            problems.append(f"{rel}: {len(message.string)} plural forms instead of {expected}: {msgid!r}")
        # Babel's checkers: python-format placeholders and plural-form count.
        for error in message.check(catalog):
            problems.append(f"{rel}: {error}: {msgid!r}")
        # Babel lets a translation drop a named placeholder; here every form must keep all of them.
        if message.python_format:
            ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
            wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
            forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            for index, text in enumerate(forms):
                missing = wanted - set(PLACEHOLDER.findall(text))
                if missing:
                    where = f"msgstr[{index}]" if message.pluralizable else "msgstr"
                    problems.append(f"{rel}: {where} lacks placeholder(s) "
                                    f"{', '.join(sorted(missing))}: {msgid!r}")
    return problems


def compile_catalogue(po_path: Path) -> tuple[int, int, int]:
    """Write django.mo next to po_path; return (entries, translated, fuzzy)."""
    lang = po_path.parent.parent.name
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=None, abort_invalid=True)
    messages = [m for m in catalog if m.id]
    translated = sum(1 for m in messages if _is_translated(m) and not m.fuzzy)
    fuzzy = sum(1 for m in messages if m.fuzzy)
    if lang in REQUIRED:
        problems = check(po_path, catalog, lang)
        if problems:
            raise CatalogueError(problems)
    mo_path = po_path.with_suffix(".mo")
    # Write atomically so a running server never reads a half-written catalogue.
    fd, tmp = tempfile.mkstemp(dir=mo_path.parent, prefix=".django.", suffix=".mo.tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        os.chmod(tmp, 0o644)
        os.replace(tmp, mo_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(messages), translated, fuzzy


class CatalogueError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def main() -> int:
    po_files = sorted(APP_DIR.glob("*/locale/*/LC_MESSAGES/django.po"))
    if not po_files:
        print(f"no catalogues found under {LOCALE_DIR}", file=sys.stderr)
        return 1
    failed = False
    seen = set()
    for po_path in po_files:
        lang = po_path.parent.parent.name
        seen.add(lang)
        rel = _display(po_path)
        try:
            entries, translated, fuzzy = compile_catalogue(po_path)
        except CatalogueError as exc:
            failed = True
            for line in exc.problems:
                print(f"ERROR {line}", file=sys.stderr)
            print(f"{lang}: {rel}: NOT compiled ({len(exc.problems)} problem(s))", file=sys.stderr)
            continue
        except Exception as exc:  # unreadable or malformed .po
            failed = True
            print(f"ERROR {rel}: {exc}", file=sys.stderr)
            continue
        untranslated = entries - translated - fuzzy
        print(f"{lang}: {entries} entries, {translated} translated, {fuzzy} fuzzy, "
              f"{untranslated} untranslated -> {rel.with_suffix('.mo')}")
    for lang in sorted(set(REQUIRED) - seen):
        failed = True
        print(f"ERROR {_display(LOCALE_DIR)}/{lang}/LC_MESSAGES/django.po is missing", file=sys.stderr)
    for locale_dir in sorted(APP_DIR.glob("*/locale")):
        for lang in sorted(REQUIRED):
            if not (locale_dir / lang / "LC_MESSAGES" / "django.po").exists():
                failed = True
                print(f"ERROR {_display(locale_dir)}/{lang}/LC_MESSAGES/django.po is missing", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

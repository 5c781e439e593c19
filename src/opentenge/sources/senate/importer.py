"""Senators from the published list pages (ru-RU, kk-KZ, en-US), joined on the blog id.

Each senator is an ``a.person-card`` whose ``href`` holds ``/<lang>/blog/<id>/``, with the name in
``.person-card--full-name`` and the office in ``.person-card--position``. The language is read from
those links (the same id appears in every language). The parser relies on exactly these elements,
so when the site changes its markup the import stops with a message naming the element that is
gone, instead of quietly importing nothing.

Saved biography pages (``biography.<blog id>.ru-RU.html``, see ``biography.py``) add the birth date
the biography states to the same person ``senate:<id>``.
"""
from __future__ import annotations

import re
from pathlib import Path

from opentenge.ingest.context import FileContext
from opentenge.ingest.files import files_under
from opentenge.politics.writer import write_own
from opentenge.ingest.records import EntityRecord
from opentenge.ingest.runner import IngestError
from opentenge.sources.mazhilis.importer import LayoutChanged, read_page
from opentenge.sources.senate import biography
from opentenge.sources.senate.htmltree import parse_html

SITE = "https://senate.parlam.kz"
LANG_CODES = {"ru-RU": "ru", "kk-KZ": "kk", "en-US": "en"}
BLOG_LINK = re.compile(r"/(ru-RU|kk-KZ|en-US)/blog/(\d+)(?:/|$)")


class Importer:
    name = "senate"
    write = staticmethod(write_own)  # politics kinds go to opentenge.politics tables

    def discover(self, paths: list[Path]) -> list[Path]:
        return files_under(paths, "*.html")

    def read_file(self, ctx: FileContext) -> None:
        if biography.FILE_NAME.search(ctx.file.path.name):
            return self.read_biography(ctx)
        where = ctx.file.display_path
        root = parse_html(read_page(ctx))
        cards = root.find_all("a", "person-card")
        if not cards:
            raise LayoutChanged(f"{where}: no a.person-card element — the Senate list layout changed "
                                "(or this is not https://senate.parlam.kz/<lang>/about/deputies)")
        languages = set()
        for index, card in enumerate(cards):
            locator = f"a.person-card[{index}]"
            match = BLOG_LINK.search(card.attrs.get("href", ""))
            if not match:
                raise LayoutChanged(f"{where}:{locator}: href {card.attrs.get('href')!r} has no /<lang>/blog/<id>/")
            name_el = card.find(cls="person-card--full-name")
            position_el = card.find(cls="person-card--position")
            for element, css in ((name_el, ".person-card--full-name"), (position_el, ".person-card--position")):
                if element is None:
                    raise LayoutChanged(f"{where}:{locator}: missing element {css} — the Senate list layout changed")
            lang = LANG_CODES[match.group(1)]
            languages.add(lang)
            blog_id = int(match.group(2))
            name, position = name_el.clean_text(), position_el.clean_text()
            if not name:
                ctx.quarantine(locator, "empty .person-card--full-name", field=".person-card--full-name",
                               record_key=str(blog_id))
                continue
            key = f"senate:{blog_id}"
            payload = {"blog_id": blog_id, "lang": lang, "name": name, "position": position,
                       "href": card.attrs.get("href", "")}
            ctx.emit(EntityRecord(kind="politics.person", key=key, locator=locator, payload=payload, fields={
                f"name_{lang}": name, "profile_url": f"{SITE}/{match.group(1)}/blog/{blog_id}/biography"}))
            ctx.emit(EntityRecord(kind="politics.position", key=f"{key}:current", locator=locator, payload=payload,
                                  fields={"person": key, "chamber": "senate", f"role_{lang}": position,
                                          "is_current": True,
                                          "source_url": ctx.file.url or f"{SITE}/{match.group(1)}/about/deputies"}))
        if len(languages) > 1:
            raise LayoutChanged(f"{where}: cards link to several languages {sorted(languages)}; expected one per page")
        ctx.kind = f"senators:{languages.pop()}"

    def read_biography(self, ctx: FileContext) -> None:
        """One senator's biography page: the birth date, into the person ``senate:<id>``."""
        where = ctx.file.display_path
        blog_id, lang_code = biography.FILE_NAME.search(ctx.file.path.name).groups()
        if lang_code != "ru-RU":
            raise IngestError(f"{where}: only the Russian biography (ru-RU) is read; the wording of the "
                              f"{lang_code} page is not documented (STRUCTURE.md §1)")
        ctx.kind = "senator-biography:ru"
        text = biography.visible_text(parse_html(read_page(ctx)))
        try:
            born = biography.birth_date(text)
        except biography.NoBirthMarker as missing:
            raise LayoutChanged(f"{where}: no {missing} in the page text — the biography layout or wording "
                                f"changed, or this is not {SITE}/ru-RU/blog/{blog_id}/biography") from None
        key = f"senate:{int(blog_id)}"
        if born is None:
            start = biography.BIRTH_MARKER.search(text).start()
            ctx.quarantine("biography", "no date (d month yyyy or dd.mm.yyyy) after the birth marker: "
                           f"{text[start:start + biography.WINDOW]!r}", field="birth_date", record_key=key)
            return
        url = f"{SITE}/ru-RU/blog/{int(blog_id)}/biography"
        ctx.emit(EntityRecord(kind="politics.person", key=key, locator="biography",
                              payload={"blog_id": int(blog_id), "birth_date": born.isoformat(), "url": url},
                              fields={"birth_date": born, "profile_url": url}))

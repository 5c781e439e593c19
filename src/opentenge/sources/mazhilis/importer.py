"""Mazhilis deputies: the JSON API (kk and ru answers, joined on ``id``) and archived parlam.kz pages.

The API answers in Kazakh by default and in Russian with ``Accept-Language: ru``; the ids are the
same. The runner reads one file at a time, so the join happens in the store: the kk file fills
``name_kk``/``role_kk``…, the ru file fills ``name_ru``/``role_ru``…, both under the key
``mazhilis:<id>``. The language is read from the file name (``deputies.kk.json``), because the
answer itself does not say which language it is in.

Archived pages of the old site (2016–2018, sixth convocation) give history: English list
fragments (``div.persons`` cards, key ``parlam-en:<person id>``) and Russian/Kazakh "blog" pages
(``div.bio > h2``, key ``parlam-blog:<slug>``). See README.md for every quirk.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from opentenge.ingest.context import FileContext
from opentenge.politics.writer import write_own
from opentenge.ingest.records import EntityRecord, canonical_json
from opentenge.ingest.runner import IngestError
from opentenge.sources.mazhilis.parties import party_for, party_record
from opentenge.sources.senate.htmltree import parse_html

API_URL = "https://mazhilis.parlam.kz/api/core/deputies/"
ARCHIVE_URL = "http://www.parlam.kz"
LANGUAGES = ("kk", "ru", "en")
CONSTITUENCY = {1: "single_mandate", 2: "party_list"}
# Personal contact fields the API carries; we never keep them.
DROPPED_FIELDS = ("email", "phone", "telegram_link", "twitter_link", "youtube_link", "instagram_link",
                  "facebook_link")
BLOG_CHAMBER_ALT = {"Мажилис Парламента Республики Казахстан": "ru", "Қазақстан Республикасы Парламенті Мәжілісі": "kk"}


class LayoutChanged(IngestError):
    """A page no longer has the element the parser relies on: stop, do not guess."""


def language_of(path: Path) -> str | None:
    """``deputies.kk.json`` → ``kk``."""
    parts = path.name.lower().split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in LANGUAGES else None


def clean(value) -> str:
    """Text as published, whitespace folded; the literal ``None`` some exports print for null is empty."""
    text = " ".join(str(value or "").split())
    return "" if text in ("None", "null") else text


def full_name(deputy: dict) -> str:
    return " ".join(p for p in (clean(deputy.get("last_name")), clean(deputy.get("first_name")),
                                clean(deputy.get("patronymic"))) if p)


def nested_name(deputy: dict, field: str) -> str:
    value = deputy.get(field)
    if value is None:
        return ""
    if not isinstance(value, dict):
        raise ValueError(f"{field}: expected an object with 'name', got {type(value).__name__}")
    return clean(value.get("name"))


def read_page(ctx: FileContext) -> str:
    """A saved page as text: UTF-8 (a BOM tolerated), or the import stops naming the file."""
    try:
        return ctx.file.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{ctx.file.display_path}: not UTF-8 ({exc.reason} at byte {exc.start}); "
                          "save the page as UTF-8") from None


class Importer:
    name = "mazhilis"
    write = staticmethod(write_own)  # politics kinds go to opentenge.politics tables

    def discover(self, paths: list[Path]) -> list[Path]:
        found: set[Path] = set()
        for path in paths:
            if path.is_dir():
                found.update(f for f in path.rglob("*") if f.suffix in (".json", ".html")
                             and not f.name.endswith(".meta.json"))
            else:
                found.add(path)
        return sorted(found)

    def read_file(self, ctx: FileContext) -> None:
        if ctx.file.path.suffix == ".html":
            self._read_archive_page(ctx)
        else:
            self._read_api_answer(ctx)

    # -- the JSON API -----------------------------------------------------------------------

    def _read_api_answer(self, ctx: FileContext) -> None:
        lang = language_of(ctx.file.path)
        if lang not in ("kk", "ru"):
            raise IngestError(f"{ctx.file.display_path}: cannot tell the answer's language; name the file "
                              "<name>.kk.json or <name>.ru.json (the Accept-Language it was fetched with)")
        try:
            document = json.loads(ctx.file.path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IngestError(f"{ctx.file.display_path}: not a JSON answer ({exc})") from exc
        deputies = self.deputies_of(document, ctx.file.display_path)
        ctx.kind = f"deputies:{lang}"
        emitted_parties: set[str] = set()
        for locator, deputy in deputies:
            if not isinstance(deputy, dict):
                ctx.quarantine(locator, f"deputy is not a JSON object but {type(deputy).__name__}")
                continue
            payload = {k: v for k, v in deputy.items() if k not in DROPPED_FIELDS}
            try:
                records = self._deputy_records(deputy, lang, locator, ctx.file.url or API_URL, payload)
            except ValueError as exc:
                field = str(exc).split(":", 1)[0]
                ctx.quarantine(locator, str(exc), field=field, record_key=str(deputy.get("id") or ""),
                               raw=canonical_json(payload))
                continue
            party_key = records[1].fields.get("party")
            if party_key and party_key not in emitted_parties:
                from opentenge.sources.mazhilis.parties import BY_KEY

                ctx.emit(party_record(BY_KEY[party_key], locator))
                emitted_parties.add(party_key)
            for record in records:
                ctx.emit(record)

    @staticmethod
    def deputies_of(document, where: str) -> list[tuple[str, object]]:
        """Both answer shapes: a list of deputies, or a list of letter groups with ``deputies``."""
        if not isinstance(document, list):
            raise LayoutChanged(f"{where}: expected a JSON list of deputies (or of letter groups), "
                                f"got {type(document).__name__}")
        found = []
        for index, item in enumerate(document):
            if isinstance(item, dict) and "deputies" in item and "id" not in item:
                if not isinstance(item["deputies"], list):
                    raise LayoutChanged(f"{where}: [{index}].deputies is not a list")
                found.extend((f"[{index}].deputies[{i}]", d) for i, d in enumerate(item["deputies"]))
            else:
                found.append((f"[{index}]", item))
        return found

    @staticmethod
    def _deputy_records(deputy: dict, lang: str, locator: str, url: str, payload: dict) -> list[EntityRecord]:
        dep_id = deputy.get("id")
        if not isinstance(dep_id, int) or isinstance(dep_id, bool):
            raise ValueError(f"id: missing or not a whole number ({dep_id!r})")
        name = full_name(deputy)
        if not clean(deputy.get("last_name")) or not clean(deputy.get("first_name")):
            raise ValueError("last_name: a deputy needs at least last_name and first_name")
        faction = nested_name(deputy, "party")
        party = party_for(faction)
        deputy_type = deputy.get("deputy_type")
        if deputy_type is not None and (isinstance(deputy_type, bool) or not isinstance(deputy_type, (int, str))):
            raise ValueError(f"deputy_type: expected 1 (single mandate) or 2 (party list), got {deputy_type!r}")
        person_key = f"mazhilis:{dep_id}"
        person = {f"name_{lang}": name, "photo_url": clean(deputy.get("avatar_url"))}
        position = {
            "person": person_key, "chamber": "mazhilis",
            f"role_{lang}": clean(deputy.get("position")),
            "party": party.key if party else None,
            f"faction_{lang}": faction,
            "constituency_kind": CONSTITUENCY.get(deputy_type, ""),
            f"region_{lang}": nested_name(deputy, "region"),
            f"committee_{lang}": nested_name(deputy, "committee"),
            "is_current": deputy.get("is_active") is not False,
            "source_url": url,
        }
        return [EntityRecord(kind="politics.person", key=person_key, fields=person, locator=locator, payload=payload),
                EntityRecord(kind="politics.position", key=f"{person_key}:current", fields=position,
                             locator=locator, payload=payload)]

    # -- archived www.parlam.kz pages ---------------------------------------------------------

    def _read_archive_page(self, ctx: FileContext) -> None:
        html = read_page(ctx)
        root = parse_html(html)
        if root.find("div", "persons-list") is not None:
            self._read_archive_list(ctx, root)
        elif root.find("div", "bio") is not None:
            self._read_archive_blog(ctx, root, html)
        else:
            raise LayoutChanged(f"{ctx.file.display_path}: neither a deputy list (div.persons-list) nor a "
                                "deputy page (div.bio) — the page layout changed or this is not a parlam.kz page")

    def _read_archive_list(self, ctx: FileContext, root) -> None:
        """English list fragment: ``div.persons > div.caption > a[href=/en/mazhilis/person/<id>]`` + span."""
        ctx.kind = "archive:deputy-list:en"
        for index, card in enumerate(root.find_all("div", "persons")):
            locator = f"div.persons[{index}]"
            caption = card.find("div", "caption")
            link = caption.find("a") if caption else None
            match = re.search(r"/mazhilis/person/(\d+)", link.attrs.get("href", "")) if link else None
            if not match:
                ctx.quarantine(locator, "no div.caption > a[href=/en/mazhilis/person/<id>] in this card",
                               field="div.caption a")
                continue
            person_key = f"parlam-en:{match.group(1)}"
            span = caption.find("span")
            name = link.clean_text()
            payload = {"id": int(match.group(1)), "name": name, "committee": span.clean_text() if span else ""}
            ctx.emit(EntityRecord(kind="politics.person", key=person_key, locator=locator, payload=payload, fields={
                "name_en": name, "profile_url": f"{ARCHIVE_URL}/en/mazhilis/person/{match.group(1)}",
                "photo_url": f"{ARCHIVE_URL}/en/mazhilis/People/PersonImage/{match.group(1)}?size=big"}))
            ctx.emit(EntityRecord(kind="politics.position", key=f"{person_key}:6", locator=locator, payload=payload,
                                  fields={"person": person_key, "chamber": "mazhilis", "is_current": False,
                                          "committee_en": payload["committee"],
                                          "source_url": f"{ARCHIVE_URL}/en/mazhilis/People/DeputyList"}))

    def _read_archive_blog(self, ctx: FileContext, root, html: str) -> None:
        """ru/kk deputy page: ``div.bio > h2`` (name parts split by <br/>) and the first ``p`` (office)."""
        lang = next((BLOG_CHAMBER_ALT[img.attrs.get("alt", "")] for img in root.find_all("img")
                     if img.attrs.get("alt", "") in BLOG_CHAMBER_ALT), None)
        if lang is None:
            raise LayoutChanged(f"{ctx.file.display_path}: no Mazhilis logo (img alt) to tell the page's language")
        slugs = Counter(re.findall(rf"/{lang}/blogs/([A-Za-z][\w-]*)", html))
        if not slugs:
            raise LayoutChanged(f"{ctx.file.display_path}: no /{lang}/blogs/<slug> link to identify the deputy")
        slug = max(slugs, key=lambda s: (s[0].isupper(), slugs[s]))
        bio = root.find("div", "bio")
        heading = bio.find("h2")
        if heading is None:
            raise LayoutChanged(f"{ctx.file.display_path}: div.bio has no h2 (the deputy's name)")
        parts = [p.strip() for p in heading.text("\n").split("\n") if p.strip()]
        office = bio.find("p")
        ctx.kind = f"archive:blog:{lang}"
        person_key = f"parlam-blog:{slug.lower()}"
        payload = {"slug": slug, "name_parts": parts, "office": office.clean_text() if office else ""}
        ctx.emit(EntityRecord(kind="politics.person", key=person_key, locator="div.bio", payload=payload, fields={
            f"name_{lang}": " ".join(parts), "profile_url": f"{ARCHIVE_URL}/{lang}/blogs/{slug}"}))
        ctx.emit(EntityRecord(kind="politics.position", key=f"{person_key}:6", locator="div.bio > p",
                              payload=payload, fields={"person": person_key, "chamber": "mazhilis",
                                                       f"role_{lang}": payload["office"], "is_current": False,
                                                       "source_url": f"{ARCHIVE_URL}/{lang}/blogs/{slug}"}))

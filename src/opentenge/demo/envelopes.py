"""How the demo corpus looks on disk: the OWS v3 page envelopes, sidecars and the output folder.

Kept apart from the content generators because it is the one part that must match what the
goszakup importer reads (``tests/fixtures/goszakup_synthetic/``): REST pages ``{total, limit,
next_page, items}`` in snake_case, GraphQL responses ``{data: {Entity: [...]}, extensions:
{pageInfo}}`` in camelCase, one ``<file>.meta.json`` sidecar ``{"url", "retrieved_at"}`` per page.
The generators only hand items to a writer; page size, page numbering, ``next_page`` links and
timestamps are decided here, once.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

PAGE_SIZE = 200  # GraphQL's maximum; REST pages use the same size
OWS = "https://ows.goszakup.gov.kz"
GRAPHQL_URL = f"{OWS}/v3/graphql"
ALMATY_TZ = dt.timezone(dt.timedelta(hours=5))
RETRIEVED_BASE = dt.datetime(2026, 2, 2, 3, 0, 0, tzinfo=ALMATY_TZ)

SUBFOLDERS = ("refs", "subject", "trd-buy", "lots", "contract", "broken")
# Only files we could have written are ever deleted from a reused output folder.
_OUR_FILE = re.compile(
    r"^(?:(?:graphql-)?(?:subject|trd-buy|lots|contract)\.(?:\d{5}|broken-\d{2})|ref_[a-z_]+)\.json(?:\.meta\.json)?$"
)


def dumps(document) -> bytes:
    """Compact UTF-8 JSON, Cyrillic unescaped, as the portal sends it."""
    return json.dumps(document, ensure_ascii=False, indent=None).encode("utf-8")


def prepare_folders(root: Path) -> set[Path]:
    """Create the subfolders of ``root``; return the files a previous run left there.

    Stale files are removed only after the new run (:meth:`Output.remove_stale`), so a rerun with a
    smaller scale leaves no extra pages behind and files of other origin are never touched.
    """
    for folder in SUBFOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    return {f for folder in SUBFOLDERS for f in (root / folder).iterdir()
            if f.is_file() and _OUR_FILE.match(f.name)}


class Dates:
    """Cached ``YYYY-MM-DD`` strings for day ordinals; REST uses a space, GraphQL a ``T``."""

    def __init__(self) -> None:
        self._cache: dict[int, str] = {}

    def day(self, ordinal: int) -> str:
        text = self._cache.get(ordinal)
        if text is None:
            text = self._cache[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def _stamp(self, ordinal: int, seconds: int, separator: str) -> str:
        return f"{self.day(ordinal)}{separator}{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

    def rest(self, ordinal: int, seconds: int = 0) -> str:
        return self._stamp(ordinal, seconds, " ")

    def gql(self, ordinal: int, seconds: int = 0) -> str:
        return self._stamp(ordinal, seconds, "T")


class Output:
    """Writes pages and their ``.meta.json`` sidecars; counts files; reports progress."""

    def __init__(self, root: Path, retrieved_base: dt.datetime, total_pages: int,
                 progress: Callable[[str, int, int], None] | None) -> None:
        self.root = root
        self.retrieved_base = retrieved_base
        self.total_pages = total_pages
        self.progress = progress
        self.pages = 0
        self.files = 0
        self.written: set[Path] = set()

    def write(self, relative: str, payload: bytes, url: str) -> None:
        path = self.root / relative
        path.write_bytes(payload)
        # one page every 3 seconds, as a polite harvester would have fetched them
        retrieved = (self.retrieved_base + dt.timedelta(seconds=3 * self.pages)).isoformat()
        meta = path.with_name(path.name + ".meta.json")
        meta.write_bytes(dumps({"url": url, "retrieved_at": retrieved}))
        self.written.update((path, meta))
        self.pages += 1
        self.files += 2
        if self.progress is not None:
            self.progress(relative, self.pages, self.total_pages)

    def remove_stale(self, stale: Iterable[Path]) -> None:
        """Delete what :func:`prepare_folders` found and this run did not write again."""
        for path in set(stale) - self.written:
            path.unlink()


class Pages:
    """Page numbers shared by the writers of one folder (``contract.00001``, ``graphql-contract.00002``)."""

    def __init__(self) -> None:
        self.number = 0

    def next(self) -> int:
        self.number += 1
        return self.number


class _PageWriter:
    """Buffers items and writes one page of :data:`PAGE_SIZE` each; subclasses shape the envelope."""

    def __init__(self, out: Output, folder: str, stem: str, total: int, pages: Pages) -> None:
        self.out, self.folder, self.stem = out, folder, stem
        self.total, self.pages = total, pages
        self.buffer: list[dict] = []
        self.done = 0

    def add(self, item: dict) -> None:
        self.buffer.append(item)
        if len(self.buffer) >= PAGE_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        self.done += len(self.buffer)
        page, url = self._envelope()
        self.out.write(f"{self.folder}/{self.stem}.{self.pages.next():05d}.json", dumps(page), url)
        self.buffer = []

    def _envelope(self) -> tuple[dict, str]:
        """The page document around ``self.buffer`` and the URL it was fetched from."""
        raise NotImplementedError


class RestWriter(_PageWriter):
    """REST pages ``{total, limit, next_page, items}``; each page's URL is the previous ``next_page``."""

    def __init__(self, out: Output, folder: str, endpoint: str, path: str, total: int, pages: Pages) -> None:
        super().__init__(out, folder, endpoint, total, pages)
        self.path = path
        self.query = f"{path}?limit={PAGE_SIZE}"

    def _envelope(self) -> tuple[dict, str]:
        last_id = self.buffer[-1].get("id", self.buffer[-1].get("pid"))
        next_page = f"{self.path}?page=next&search_after={last_id}" if self.done < self.total else ""
        page = {"total": self.total, "limit": PAGE_SIZE, "next_page": next_page, "items": self.buffer}
        url, self.query = OWS + self.query, next_page
        return page, url


class GraphqlWriter(_PageWriter):
    """GraphQL responses ``{data: {Entity: [...]}, extensions: {pageInfo}}`` in ``graphql-*`` files."""

    def __init__(self, out: Output, folder: str, endpoint: str, entity: str, total: int, pages: Pages) -> None:
        super().__init__(out, folder, f"graphql-{endpoint}", total, pages)
        self.entity = entity

    def _envelope(self) -> tuple[dict, str]:
        page = {"data": {self.entity: self.buffer},
                "extensions": {"pageInfo": {"totalCount": self.total, "hasNextPage": self.done < self.total,
                                            "lastId": self.buffer[-1]["id"], "limitPage": PAGE_SIZE}}}
        return page, GRAPHQL_URL


def ref_page(entries: Iterable[tuple[int, str, str, str]]) -> dict:
    """A reference dictionary ``(id, code, ru, kz)`` as the single REST page ``/v3/refs/*`` returns."""
    items = [{"id": i, "code": code, "nameRu": ru, "nameKz": kz} for i, code, ru, kz in entries]
    return {"total": len(items), "limit": 50, "next_page": "", "items": items}


_CONTRACT_DATES = frozenset({"crdate", "last_update_date", "sign_date", "ec_end_date"})
_CONTRACT_BOOLS = frozenset({"deleted", "is_gu"})
_CAMEL = re.compile(r"_([a-z0-9])")
_CAMEL_KEYS: dict[str, str] = {}


def _camel(key: str) -> str:
    return _CAMEL.sub(lambda m: m.group(1).upper(), key)


def contract_to_graphql(item: dict) -> dict:
    """A REST (snake_case) contract as the GraphQL ``Contract`` entity shows it."""
    out = {}
    for key, value in item.items():
        if key == "contract_units":
            out["ContractUnits"] = [{"id": u["id"], "lotId": u["lot_id"]} for u in value]
            continue
        camel = _CAMEL_KEYS.get(key)
        if camel is None:
            camel = _CAMEL_KEYS[key] = _camel(key)
        if key in _CONTRACT_DATES and value:
            value = value.replace(" ", "T", 1)
        elif key in _CONTRACT_BOOLS:
            value = bool(value)
        out[camel] = value
    return out

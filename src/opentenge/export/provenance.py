"""Licence and source of each exported table, for ``datapackage.json``.

Read from the same ``sources/<name>/source.yml`` files the importers declare (publisher, address,
licence as the publisher states it), so the export never restates them by hand. Two tables are
OpenTenge's own: the lobbying register (filed on this site) and the red-flag results (computed
here from procurement data).
"""
from __future__ import annotations

from functools import lru_cache

OWN = {
    "lobbying_register": (
        {"title": "OpenTenge voluntary lobbying disclosure register (filings published after moderation)",
         "path": "https://opentenge.kz/lobbying/"},
        {"name": "opentenge-register", "title": "Filed for publication in the OpenTenge register; published "
                                                "versions are public by the register's terms",
         "path": "https://opentenge.kz/lobbying/"}),
    "indicators": (
        {"title": "Red-flag indicators computed by OpenTenge from goszakup.gov.kz procurement data",
         "path": "https://opentenge.kz/flags/"},
        {"name": "opentenge-indicators", "title": "Computed by OpenTenge from open government data of "
                                                  "goszakup.gov.kz", "path": "https://goszakup.gov.kz/"}),
}


def _text(value) -> str:
    if isinstance(value, dict):
        return str(value.get("en") or next(iter(value.values()), ""))
    return " ".join(str(value or "").split())


@lru_cache(maxsize=None)
def source_and_licence(name: str) -> tuple[dict, dict]:
    """(Frictionless source, Frictionless licence) of one source named in ``Table.sources``."""
    if name in OWN:
        return OWN[name]
    from opentenge.ingest.runner import source_metadata

    meta = source_metadata(name)
    publisher = meta.get("publisher") or {}
    url = publisher.get("url") or "https://opentenge.kz/sources/"
    title = _text(meta.get("title")) or name
    source = {"title": f"{title} — {publisher.get('name', '')}".rstrip(" —"), "path": url}
    licence = {"name": f"{name.replace('_', '-')}-terms", "title": _text(meta.get("licence")) or "No licence attached by the publisher",
               "path": url}
    return source, licence


def sources_of(names) -> list[dict]:
    return [source_and_licence(n)[0] for n in names]


def licences_of(names) -> list[dict]:
    return [source_and_licence(n)[1] for n in names]

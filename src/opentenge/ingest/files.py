"""Which files an ingest reads: the paths a user names, folders searched recursively."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def files_under(paths: Iterable[Path], pattern: str) -> list[Path]:
    """Named files as given, plus every file matching ``pattern`` inside named folders; sorted, once each."""
    found: set[Path] = set()
    for path in paths:
        found.update(path.rglob(pattern) if path.is_dir() else [path])
    return sorted(found)

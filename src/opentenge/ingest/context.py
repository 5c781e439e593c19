"""The object an importer works with while it reads one file (the zavod ``context`` shape).

An importer calls ``emit`` for every good record and ``quarantine`` for every bad one; it never
touches the database. Everything collected here is written in one transaction by
``opentenge.ingest.writer`` so that a file is either fully visible or not at all.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from opentenge.ingest.records import EntityRecord, QuarantineEntry

log = logging.getLogger("opentenge.ingest")


@dataclass
class FileInfo:
    source: str
    path: Path
    display_path: str
    sha256: str
    size: int
    url: str = ""
    retrieved_at: datetime | None = None


@dataclass
class FileContext:
    file: FileInfo
    known_references: Callable[[str], set[int]]
    kind: str = ""
    records: list[EntityRecord] = field(default_factory=list)
    quarantined: list[QuarantineEntry] = field(default_factory=list)
    record_count: int = 0  # records seen in the file, good or bad

    def emit(self, record: EntityRecord) -> None:
        self.record_count += 1
        self.records.append(record)

    def quarantine(self, locator: str, reason: str, *, field: str = "", record_key: str = "", raw: str = "",
                   counts_as_record: bool = True) -> None:
        """Keep a bad record (or a whole unreadable file) with a reason a person can act on."""
        if counts_as_record:
            self.record_count += 1
        self.quarantined.append(QuarantineEntry(locator=locator, reason=reason, field=field,
                                                record_key=str(record_key or ""), raw=raw[:2000]))
        log.info("quarantined %s %s: %s", self.file.display_path, locator, reason)

    def where(self, locator: str) -> str:
        """``file:locator`` — how messages name a record."""
        return f"{self.file.display_path}:{locator}"

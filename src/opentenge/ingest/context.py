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


def _printable(text: str) -> str:
    """Quarantine text without NUL characters: a UTF-16 file read as UTF-8 is full of them."""
    return text.replace("\x00", "\\0")


def nul_field(value, name: str = "") -> str:
    """The name of the first field whose text holds a NUL character (``""`` when none does)."""
    if isinstance(value, str):
        return (name or "value") if "\x00" in value else ""
    if isinstance(value, dict):
        for key, item in value.items():
            found = nul_field(item, str(key)) or ("\x00" in str(key) and str(key))
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for item in value:
            found = nul_field(item, name)
            if found:
                return found
    return ""


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
        culprit = ""
        if record.payload_has_nul or any(isinstance(v, str) and "\x00" in v for v in record.fields.values()):
            # the flag is a cheap pre-check (a literal "\\u0000" sets it too); the walk names the field
            culprit = nul_field(record.payload) or nul_field(record.fields)
        if culprit:  # PostgreSQL text cannot hold U+0000: the record is refused here, not by the database
            self.quarantine(record.locator, f"{culprit}: contains a NUL character (U+0000), which no text column "
                            "can store", field=culprit, record_key=str(record.key))
            return
        self.record_count += 1
        self.records.append(record)

    def quarantine(self, locator: str, reason: str, *, field: str = "", record_key: str = "", raw: str = "",
                   counts_as_record: bool = True) -> None:
        """Keep a bad record (or a whole unreadable file) with a reason a person can act on."""
        if counts_as_record:
            self.record_count += 1
        locator, reason, field, raw = (_printable(t) for t in (locator, reason, field, raw[:2000]))
        self.quarantined.append(QuarantineEntry(locator=locator, reason=reason, field=field,
                                                record_key=_printable(str(record_key or "")), raw=raw))
        log.info("quarantined %s %s: %s", self.file.display_path, locator, reason)

    def where(self, locator: str) -> str:
        """``file:locator`` — how messages name a record."""
        return f"{self.file.display_path}:{locator}"

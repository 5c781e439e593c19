"""Write one file's records in one transaction: all of the file becomes visible, or none of it.

For each entity kind the writer loads the rows the file names (by natural key), compares content
hashes and then inserts, updates or leaves them; every distinct version is appended to
``RecordVersion``. A record older than the stored one (by the source's own ``lastUpdateDate``)
is kept as a version but does not replace the newer current row.

Rows go to the database as plain tuples through ``opentenge.ingest.bulk`` (``executemany`` on
SQLite, ``COPY`` on PostgreSQL), not as model instances: at a hundred thousand records building and
preparing ORM objects was most of an ingest's time. The rules above are unchanged, and
``tests/test_ingest_fast_path.py`` holds the rows and counts to what the ORM writer produced.

Kinds outside ``KIND_ORDER`` belong to the importer: a source whose records are not store
entities (budget snapshots, say) gives ``write_file`` its own ``write(ctx, source_file, counts)``,
called inside the same transaction, so its rows land with the file or not at all.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from opentenge.ids.search import search_key
from opentenge.ingest import bulk
from opentenge.ingest.context import FileContext
from opentenge.ingest.records import KIND_ORDER, EntityRecord, OrgRef
from opentenge.store import models as m

# kind -> (model, natural-key field)
KIND_MODELS: dict[str, tuple[type, str]] = {
    "reference": (m.Reference, "key"),
    "organisation": (m.Organisation, "key"),
    "tender": (m.Tender, "gz_id"),
    "lot": (m.Lot, "gz_id"),
    "contract": (m.Contract, "gz_id"),
}
CHUNK = 500


class FileAlreadyIngested(Exception):
    """Another process recorded the same file first (same source and SHA-256)."""


@dataclass
class FileCounts:
    records: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0


def organisation_search_text(name_ru: str, name_kk: str, bin_: str | None) -> str:
    parts = [search_key(name_ru or ""), search_key(name_kk or ""), bin_ or ""]
    return " ".join(p for p in parts if p)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _columns(model) -> dict[str, bulk.Column]:
    return _columns_for(model, connection.vendor)


@lru_cache(maxsize=None)
def _columns_for(model, vendor: str) -> dict[str, bulk.Column]:
    return bulk.columns_of(model)


_ORG_FLAGS = ("is_customer", "is_supplier", "is_organizer")
_ORG_FILLED = ("name_ru", "name_kk", "search_text", *_ORG_FLAGS)  # what a reference may fill in


def ensure_organisations(refs: Iterable[OrgRef], ctx: FileContext) -> dict[str, int]:
    """Make sure every referenced organisation has a row; return ``key -> id``.

    A reference creates a *stub* (identifier and whatever name the referring record carried);
    the organisation's own register record fills it in later. Names are only ever filled, never
    overwritten, from a reference.
    """
    wanted: dict[str, OrgRef] = {}
    roles: dict[str, set[str]] = defaultdict(set)
    for ref in refs:
        current = wanted.get(ref.key)
        if current is None or (not (current.name_ru or current.name_kk) and (ref.name_ru or ref.name_kk)):
            wanted[ref.key] = ref
        if ref.role:
            roles[ref.key].add(ref.role)
    if not wanted:
        return {}
    ids: dict[str, int] = {}
    to_update = []
    rows = bulk.select_by_keys(m.Organisation, "key", list(wanted),
                               ["id", "key", "bin", "name_ru", "name_kk", *_ORG_FLAGS])
    for org_id, key, bin_, name_ru, name_kk, *flags in rows:
        ids[key] = org_id
        ref = wanted[key]
        flags = dict(zip(_ORG_FLAGS, map(bool, flags)))
        changed = False
        if not name_ru and ref.name_ru:
            name_ru, changed = ref.name_ru, True
        if not name_kk and ref.name_kk:
            name_kk, changed = ref.name_kk, True
        for role in roles.get(key, ()):
            if not flags[f"is_{role}"]:
                flags[f"is_{role}"] = changed = True
        if changed:
            to_update.append((name_ru, name_kk, organisation_search_text(name_ru, name_kk, bin_),
                              *(flags[f] for f in _ORG_FLAGS), org_id))
    columns = _columns(m.Organisation)
    if to_update:
        bulk.update_rows(m.Organisation, [columns[f] for f in _ORG_FILLED], to_update)
    missing = [wanted[k] for k in wanted if k not in ids]
    if missing:
        names = ("key", "bin", "iin_masked", "is_person", "name_ru", "name_kk", "search_text", "source",
                 *_ORG_FLAGS)
        plan = [columns[n] for n in names] + [c for n, c in columns.items() if n not in names]
        defaults = [c.default for c in plan[len(names):]]
        stubs = []
        for ref in missing:
            held = roles.get(ref.key, ())
            stubs.append(bulk.prepared_row(plan, (
                ref.key, ref.bin, ref.iin_masked, ref.is_person, ref.name_ru, ref.name_kk,
                organisation_search_text(ref.name_ru, ref.name_kk, ref.bin), ctx.file.source,
                *(role in held for role in ("customer", "supplier", "organizer")),
                *defaults)))
        bulk.insert_rows(m.Organisation, plan, stubs)
        ids.update(bulk.select_by_keys(m.Organisation, "key", [r.key for r in missing], ["key", "id"]))
    return ids


def _resolved_fields(record: EntityRecord, org_ids: dict[str, int]) -> dict:
    fields = {}
    for name, value in record.fields.items():
        if isinstance(value, OrgRef):
            fields[f"{name}_id"] = org_ids[value.key]
        else:
            fields[name] = value
    return fields


def append_versions(kind: str, records: list[EntityRecord], ctx: FileContext, source_file: m.SourceFile) -> None:
    """Every distinct version is kept once (``source, kind, key, content_hash`` is unique)."""
    columns = _columns(m.RecordVersion)
    plan = [columns[n] for n in ("source", "kind", "key", "content_hash", "payload", "source_file_id",
                                 "locator", "seen_at")]
    seen_at, = bulk.prepared_row(plan[-1:], [timezone.now()])
    source, file_id = ctx.file.source, source_file.id
    bulk.insert_rows(m.RecordVersion, plan, (
        (source, kind, str(r.key), r.content_hash, r.payload_json, file_id, r.locator, seen_at) for r in records
    ), ignore_conflicts=True)


def _write_kind(kind: str, records: list[EntityRecord], ctx: FileContext, source_file: m.SourceFile,
                counts: FileCounts) -> None:
    model, key_field = KIND_MODELS[kind]
    org_ids = ensure_organisations((v for r in records for v in r.fields.values() if isinstance(v, OrgRef)), ctx)
    append_versions(kind, records, ctx, source_file)

    # Within one file the last occurrence of a key is its current state.
    latest: dict = {}
    for record in records:
        latest[record.key] = record
    existing = {key: (row_id, content_hash, bulk.as_datetime(updated_at)) for key, row_id, content_hash, updated_at
                in bulk.select_by_keys(model, key_field, list(latest),
                                       [key_field, "id", "content_hash", "source_updated_at"])}
    counts.unchanged += len(records) - len(latest)  # earlier duplicates inside the file

    columns = _columns(model)
    to_create: dict[tuple, list] = defaultdict(list)  # column names -> rows
    to_update: dict[tuple, list] = defaultdict(list)
    for key, record in latest.items():
        fields = _resolved_fields(record, org_ids)
        fields.update(source=ctx.file.source, source_file_id=source_file.id, locator=record.locator,
                      content_hash=record.content_hash, source_updated_at=record.updated_at)
        if kind == "organisation":
            fields["search_text"] = organisation_search_text(fields.get("name_ru", ""), fields.get("name_kk", ""),
                                                             fields.get("bin"))
        row = existing.get(key)
        if row is None:
            fields[key_field] = key
            to_create[tuple(fields)].append(tuple(fields.values()))
            counts.inserted += 1
            continue
        row_id, content_hash, source_updated_at = row
        if content_hash == record.content_hash:
            counts.unchanged += 1
            continue
        if source_updated_at and record.updated_at and record.updated_at < source_updated_at:
            counts.unchanged += 1  # an older version: kept in RecordVersion, not made current
            continue
        to_update[tuple(fields)].append((*fields.values(), row_id))
        if kind == "organisation" and not content_hash:  # a stub filled by its own register record
            counts.inserted += 1
        else:
            counts.updated += 1
    for names, rows in to_create.items():
        plan = [columns[n] for n in names]
        rest = [c for n, c in columns.items() if n not in names]  # what the record leaves to the defaults
        defaults = tuple(c.default for c in rest)
        bulk.insert_rows(model, plan + rest, (bulk.prepared_row(plan, r) + defaults for r in rows))
    for names, rows in to_update.items():
        plan = [columns[n] for n in names]
        bulk.update_rows(model, plan, (bulk.prepared_row(plan, r) + (r[-1],) for r in rows))


def write_file(ctx: FileContext, run: m.IngestRun | None, write_own=None) -> FileCounts:
    """Record the file and everything read from it, atomically.

    ``write_own(ctx, source_file, counts)``, when given, writes the importer's own kinds and adds
    to ``counts`` (inserted / updated / unchanged) inside the transaction.
    """
    counts = FileCounts(records=ctx.record_count, quarantined=len(ctx.quarantined))
    now = timezone.now()
    try:
        with transaction.atomic():
            source_file = m.SourceFile.objects.create(
                source=ctx.file.source, name=ctx.file.path.name, path=ctx.file.display_path,
                sha256=ctx.file.sha256, size=ctx.file.size, kind=ctx.kind or "unknown", url=ctx.file.url,
                retrieved_at=ctx.file.retrieved_at, ingested_at=now, run=run,
            )
            by_kind: dict[str, list[EntityRecord]] = defaultdict(list)
            for record in ctx.records:
                by_kind[record.kind].append(record)
            for kind in KIND_ORDER:
                if by_kind.get(kind):
                    _write_kind(kind, by_kind[kind], ctx, source_file, counts)
            if write_own is not None:
                write_own(ctx, source_file, counts)
            m.QuarantinedRecord.objects.bulk_create([
                m.QuarantinedRecord(source=ctx.file.source, source_file=source_file, locator=q.locator,
                                    record_key=q.record_key, field=q.field, reason=q.reason, raw=q.raw,
                                    created_at=now)
                for q in ctx.quarantined
            ], batch_size=CHUNK)
            for name in ("records", "inserted", "updated", "unchanged", "quarantined"):
                setattr(source_file, name, getattr(counts, name))
            source_file.save(update_fields=["records", "inserted", "updated", "unchanged", "quarantined"])
    except IntegrityError as exc:
        if m.SourceFile.objects.filter(source=ctx.file.source, sha256=ctx.file.sha256).exists():
            raise FileAlreadyIngested(ctx.file.display_path) from exc
        raise
    return counts

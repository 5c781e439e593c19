"""Write one file's records in one transaction: all of the file becomes visible, or none of it.

For each entity kind the writer loads the rows the file names (by natural key), compares content
hashes and then inserts, updates or leaves them; every distinct version is appended to
``RecordVersion``. A record older than the stored one (by the source's own ``lastUpdateDate``)
is kept as a version but does not replace the newer current row.

Kinds outside ``KIND_ORDER`` belong to the importer: a source whose records are not store
entities (budget snapshots, say) gives ``write_file`` its own ``write(ctx, source_file, counts)``,
called inside the same transaction, so its rows land with the file or not at all.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from opentenge.ids.search import search_key
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
    ids: dict[str, int] = {}
    to_update = []
    for chunk in _chunks(list(wanted)):
        for org in m.Organisation.objects.filter(key__in=chunk):
            ids[org.key] = org.id
            ref = wanted[org.key]
            changed = False
            if not org.name_ru and ref.name_ru:
                org.name_ru, changed = ref.name_ru, True
            if not org.name_kk and ref.name_kk:
                org.name_kk, changed = ref.name_kk, True
            for role in roles.get(org.key, ()):
                if not getattr(org, f"is_{role}"):
                    setattr(org, f"is_{role}", True)
                    changed = True
            if changed:
                org.search_text = organisation_search_text(org.name_ru, org.name_kk, org.bin)
                to_update.append(org)
    if to_update:
        m.Organisation.objects.bulk_update(
            to_update, ["name_ru", "name_kk", "search_text", "is_customer", "is_supplier", "is_organizer"],
            batch_size=CHUNK)
    missing = [wanted[k] for k in wanted if k not in ids]
    if missing:
        stubs = []
        for ref in missing:
            flags = {f"is_{role}": True for role in roles.get(ref.key, ())}
            stubs.append(m.Organisation(
                key=ref.key, bin=ref.bin, iin_masked=ref.iin_masked, is_person=ref.is_person,
                name_ru=ref.name_ru, name_kk=ref.name_kk,
                search_text=organisation_search_text(ref.name_ru, ref.name_kk, ref.bin),
                source=ctx.file.source, **flags,
            ))
        m.Organisation.objects.bulk_create(stubs, batch_size=CHUNK)
        for chunk in _chunks([r.key for r in missing]):
            ids.update(m.Organisation.objects.filter(key__in=chunk).values_list("key", "id"))
    return ids


def _resolved_fields(record: EntityRecord, org_ids: dict[str, int]) -> dict:
    fields = {}
    for name, value in record.fields.items():
        if isinstance(value, OrgRef):
            fields[f"{name}_id"] = org_ids[value.key]
        else:
            fields[name] = value
    return fields


def _write_kind(kind: str, records: list[EntityRecord], ctx: FileContext, source_file: m.SourceFile,
                counts: FileCounts) -> None:
    model, key_field = KIND_MODELS[kind]
    org_ids = ensure_organisations((v for r in records for v in r.fields.values() if isinstance(v, OrgRef)), ctx)
    now = timezone.now()
    versions = [
        m.RecordVersion(source=ctx.file.source, kind=kind, key=str(r.key), content_hash=r.content_hash,
                        payload=r.payload, source_file=source_file, locator=r.locator, seen_at=now)
        for r in records
    ]
    m.RecordVersion.objects.bulk_create(versions, batch_size=CHUNK, ignore_conflicts=True)

    # Within one file the last occurrence of a key is its current state.
    latest: dict = {}
    for record in records:
        latest[record.key] = record
    existing: dict = {}
    for chunk in _chunks(list(latest)):
        for row in model.objects.filter(**{f"{key_field}__in": chunk}):
            existing[getattr(row, key_field)] = row
    counts.unchanged += len(records) - len(latest)  # earlier duplicates inside the file

    to_create, to_update, update_fields = [], [], set()
    for key, record in latest.items():
        fields = _resolved_fields(record, org_ids)
        provenance = dict(source=ctx.file.source, source_file=source_file, locator=record.locator,
                          content_hash=record.content_hash, source_updated_at=record.updated_at)
        if kind == "organisation":
            fields["search_text"] = organisation_search_text(fields.get("name_ru", ""), fields.get("name_kk", ""),
                                                             fields.get("bin"))
        row = existing.get(key)
        if row is None:
            to_create.append(model(**{key_field: key}, **fields, **provenance))
            counts.inserted += 1
            continue
        if row.content_hash == record.content_hash:
            counts.unchanged += 1
            continue
        if row.source_updated_at and record.updated_at and record.updated_at < row.source_updated_at:
            counts.unchanged += 1  # an older version: kept in RecordVersion, not made current
            continue
        was_stub = kind == "organisation" and not row.content_hash
        for name, value in {**fields, **provenance}.items():
            setattr(row, name, value)
            update_fields.add(name)
        to_update.append(row)
        if was_stub:
            counts.inserted += 1
        else:
            counts.updated += 1
    if to_create:
        model.objects.bulk_create(to_create, batch_size=CHUNK)
    if to_update:
        model.objects.bulk_update(to_update, sorted(update_fields), batch_size=CHUNK)


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

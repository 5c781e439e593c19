"""Store the civil-society records of one file, inside the ingest writer's transaction.

The importers' ``write(ctx, source_file, counts)`` hook (``opentenge.ingest.writer.write_file``)
lands here. The rules are the store's: organisations named by a record are made sure to exist
(``ensure_organisations``: a stub that the organisation's own register record fills later), every
distinct version of a record is appended to ``RecordVersion``, and the current row is inserted,
updated or left alone by content hash. The NGO database also *fills* an organisation's empty
registration date — never overwrites one that procurement published.
"""
from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from opentenge.ingest.context import FileContext
from opentenge.ingest.records import EntityRecord, OrgRef
from opentenge.ingest.writer import CHUNK, FileCounts, ensure_organisations
from opentenge.store import models as sm

KIND_GRANT = "civil.grant"
KIND_COMPETITION = "civil.competition"
KIND_FOREIGN = "civil.foreign"
KIND_NGO = "civil.ngo"
KINDS = (KIND_NGO, KIND_COMPETITION, KIND_GRANT, KIND_FOREIGN)


def _models() -> dict:
    from opentenge.civil import models as cm

    return {KIND_NGO: cm.NgoRegistration, KIND_COMPETITION: cm.GrantCompetition, KIND_GRANT: cm.GrantAward,
            KIND_FOREIGN: cm.ForeignFunding}


def write_civil_records(ctx: FileContext, source_file: sm.SourceFile, counts: FileCounts) -> None:
    by_kind: dict[str, list[EntityRecord]] = defaultdict(list)
    for record in ctx.records:
        if record.kind in KINDS:
            by_kind[record.kind].append(record)
    models = _models()
    for kind in KINDS:
        if by_kind.get(kind):
            _write_kind(kind, models[kind], by_kind[kind], ctx, source_file, counts)


def _write_kind(kind: str, model, records: list[EntityRecord], ctx: FileContext, source_file: sm.SourceFile,
                counts: FileCounts) -> None:
    org_ids = ensure_organisations((v for r in records for v in r.fields.values() if isinstance(v, OrgRef)), ctx)
    now = timezone.now()
    sm.RecordVersion.objects.bulk_create([
        sm.RecordVersion(source=ctx.file.source, kind=kind, key=str(r.key), content_hash=r.content_hash,
                         payload=r.payload, source_file=source_file, locator=r.locator, seen_at=now)
        for r in records], batch_size=CHUNK, ignore_conflicts=True)
    latest = {r.key: r for r in records}
    counts.unchanged += len(records) - len(latest)
    existing = {}
    keys = list(latest)
    for start in range(0, len(keys), CHUNK):
        existing.update({row.key: row for row in model.objects.filter(key__in=keys[start:start + CHUNK])})
    to_create, to_update, update_fields = [], [], set()
    for key, record in latest.items():
        fields = {(f"{name}_id" if isinstance(value, OrgRef) else name):
                  (org_ids[value.key] if isinstance(value, OrgRef) else value)
                  for name, value in record.fields.items()}
        provenance = dict(source=ctx.file.source, source_file=source_file, locator=record.locator,
                          content_hash=record.content_hash, source_updated_at=record.updated_at)
        row = existing.get(key)
        if row is None:
            to_create.append(model(key=key, **fields, **provenance))
            counts.inserted += 1
        elif row.content_hash == record.content_hash:
            counts.unchanged += 1
        else:
            for name, value in {**fields, **provenance}.items():
                setattr(row, name, value)
                update_fields.add(name)
            to_update.append(row)
            counts.updated += 1
    model.objects.bulk_create(to_create, batch_size=CHUNK)
    if to_update:
        model.objects.bulk_update(to_update, sorted(update_fields), batch_size=CHUNK)
    if kind == KIND_NGO:
        _fill_registration_dates(latest.values(), org_ids)


def _fill_registration_dates(records, org_ids: dict[str, int]) -> None:
    """The NGO database knows when an NGO was registered; procurement may not have said."""
    dates = {org_ids[r.fields["organisation"].key]: r.fields["registered_on"] for r in records
             if r.fields.get("registered_on")}
    empty = sm.Organisation.objects.filter(id__in=list(dates), registered_on__isnull=True)
    rows = []
    for org in empty:
        org.registered_on = dates[org.id]
        rows.append(org)
    sm.Organisation.objects.bulk_update(rows, ["registered_on"], batch_size=CHUNK)

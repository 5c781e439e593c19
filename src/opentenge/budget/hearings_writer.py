"""Store hearing records read by ``sources/budget_hearings`` (inside the file's transaction).

A hearing is keyed by the publisher's id. The same content again changes nothing; a changed
hearing is rewritten whole (its documents and proposals replaced), and the file that last
described it becomes its source — each document and proposal keeps the file and the record
inside it (``hearings[0].proposals[2]``) it was read from.
"""
from __future__ import annotations

from opentenge.budget.hearing_models import Hearing, HearingDocument, HearingProposal

HEARING_RECORD = "budget.hearing"
HEARING_FIELDS = ("date", "level", "kato", "year", "body_bin", "body_name", "subject", "source_url")


def write_hearings(ctx, source_file, counts) -> None:
    records = [r for r in ctx.records if r.kind == HEARING_RECORD]
    existing = {h.key: h for h in Hearing.objects.filter(key__in=[r.key for r in records])}
    for record in records:
        fields = record.fields
        hearing = existing.get(record.key)
        if hearing is not None and hearing.content_hash == record.content_hash:
            counts.unchanged += 1
            continue
        values = {name: fields[name] for name in HEARING_FIELDS}
        provenance = dict(source_file=source_file, locator=record.locator, content_hash=record.content_hash)
        if hearing is None:
            hearing = Hearing.objects.create(key=record.key, **values, **provenance)
            counts.inserted += 1
        else:
            for name, value in {**values, **provenance}.items():
                setattr(hearing, name, value)
            hearing.save()
            hearing.documents.all().delete()
            hearing.proposals.all().delete()
            counts.updated += 1
        HearingDocument.objects.bulk_create([
            HearingDocument(hearing=hearing, title=d["title"], url=d["url"], source_file=source_file,
                            locator=d["locator"]) for d in fields["documents"]])
        HearingProposal.objects.bulk_create([
            HearingProposal(hearing=hearing, number=p["number"], text=p["text"], reason=p["reason"],
                            author_kind=p["author_kind"], author_organisation=p["author_organisation"],
                            answer=p["answer"], masked=p["masked"], source_file=source_file, locator=p["locator"])
            for p in fields["proposals"]])

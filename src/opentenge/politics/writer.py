"""Write politics records (people, positions, parties, funding, company roles) to their tables.

Called by the ingest writer inside the file's transaction. Unlike procurement records, one person
is published in several files — the Kazakh answer names them in Kazakh, the Russian answer in
Russian — so a record *fills* the fields it carries and leaves the others as they are: reading the
ru file after the kk file adds ``name_ru`` without blanking ``name_kk``.
"""
from __future__ import annotations

from django.utils import timezone

from opentenge.ids.search import search_key
from opentenge.store import models as sm

CHUNK = 500


def _models():
    from opentenge.politics import models as pm

    # kind -> (model, natural key field); written in this order (parties before what points at them)
    return {
        "politics.party": (pm.Party, "key"),
        "politics.person": (pm.Person, "key"),
        "politics.position": (pm.Position, "key"),
        "politics.party_funding": (pm.PartyFunding, "key"),
        "politics.company_role": (pm.CompanyRole, "key"),
        "politics.declaration": (pm.Declaration, "key"),
        "politics.party_report": (pm.PartyReportLine, "key"),
    }


KINDS = ("politics.party", "politics.person", "politics.position", "politics.party_funding",
         "politics.company_role", "politics.declaration", "politics.party_report")
# fields that hold another record's natural key: (field, kind it points at)
REFERENCES = {"party": "politics.party", "person": "politics.person"}


def person_search_text(row) -> str:
    names = {search_key(n) for n in (row.name_kk, row.name_ru, row.name_en) if n}
    return " ".join(sorted(n for n in names if n))


def write_records(kind: str, records: list, ctx, source_file, counts) -> None:
    """Insert or fill the rows of one politics kind, appending every distinct version."""
    model, key_field = _models()[kind]
    now = timezone.now()
    sm.RecordVersion.objects.bulk_create([
        sm.RecordVersion(source=ctx.file.source, kind=kind, key=str(r.key), content_hash=r.content_hash,
                         payload=r.payload, source_file=source_file, locator=r.locator, seen_at=now)
        for r in records], batch_size=CHUNK, ignore_conflicts=True)
    latest: dict = {}
    for record in records:
        latest[record.key] = record
    counts.unchanged += len(records) - len(latest)
    keys = list(latest)
    existing = {}
    for start in range(0, len(keys), CHUNK):
        for row in model.objects.filter(**{f"{key_field}__in": keys[start:start + CHUNK]}):
            existing[getattr(row, key_field)] = row
    ref_ids = _resolve_references(records, ctx if kind == "politics.declaration" else None)
    for key, record in latest.items():
        if any(name in REFERENCES and value is not None and (REFERENCES[name], value) not in ref_ids
               for name, value in record.fields.items()):
            ctx.quarantine(record.locator, f"person {record.fields.get('person')!r} is not loaded: ingest the "
                           "parliament or officials source that publishes them first", field="person_key",
                           record_key=str(key), counts_as_record=False)
            counts.quarantined += 1
            continue
        fields = {}
        for name, value in record.fields.items():
            if name in REFERENCES and value is not None:
                fields[f"{name}_id"] = ref_ids[(REFERENCES[name], value)]
            else:
                fields[name] = value
        provenance = dict(source=ctx.file.source, source_file=source_file, locator=record.locator,
                          content_hash=record.content_hash, source_updated_at=record.updated_at)
        row = existing.get(key)
        if row is None:
            row = model(**{key_field: key}, **fields, **provenance)
            counts.inserted += 1
        elif row.content_hash == record.content_hash:
            counts.unchanged += 1
            continue
        else:
            for name, value in {**fields, **provenance}.items():
                if value in ("", None) and name in fields:
                    continue  # fill, never blank: the other language's file supplied it
                setattr(row, name, value)
            counts.updated += 1
        if kind == "politics.person":
            row.search_text = person_search_text(row)
        row.save()


def _resolve_references(records, tolerant_ctx=None) -> dict:
    """``(kind, natural key) -> id`` for the parties and persons the records point at."""
    models = _models()
    wanted: dict[str, set] = {}
    for record in records:
        for name, kind in REFERENCES.items():
            value = record.fields.get(name)
            if value is not None:
                wanted.setdefault(kind, set()).add(value)
    ids = {}
    for kind, keys in wanted.items():
        model, key_field = models[kind]
        found = dict(model.objects.filter(**{f"{key_field}__in": list(keys)}).values_list(key_field, "id"))
        missing = keys - set(found)
        if missing and tolerant_ctx is None:
            raise LookupError(f"{kind} not found for keys {sorted(missing)[:5]}: the file must name them first")
        ids.update({(kind, k): v for k, v in found.items()})
    return ids


def write_own(ctx, source_file, counts) -> None:
    """The ingest writer's hook (``Importer.write``): every politics kind of the file, parties first."""
    by_kind: dict[str, list] = {}
    for record in ctx.records:
        if record.kind.startswith("politics."):
            by_kind.setdefault(record.kind, []).append(record)
    unknown = set(by_kind) - set(KINDS) - {"politics.election_fund", "politics.election_fund_confirmation"}
    if unknown:
        raise ValueError(f"{ctx.file.display_path}: no table for record kind(s) {sorted(unknown)}")
    for kind in KINDS:
        if by_kind.get(kind):
            write_records(kind, by_kind[kind], ctx, source_file, counts)
    if by_kind.get("politics.election_fund"):
        write_fund_figures(by_kind["politics.election_fund"], counts)
    if by_kind.get("politics.election_fund_confirmation"):
        write_fund_confirmations(by_kind["politics.election_fund_confirmation"], ctx, counts)


def write_fund_figures(records: list, counts) -> None:
    """Imported figures enter the double-entry workflow: new → entered, changed → edited, else left."""
    from opentenge.politics import funds
    from opentenge.politics.models import ElectionFundFigure, Party

    parties = dict(Party.objects.values_list("key", "id"))
    for record in records:
        f = dict(record.fields)
        entered_by = f.pop("entered_by")
        party_id = parties[f.pop("party")] if record.fields["party"] else None
        lookup = {"election": f["election"], "party_id": party_id, "candidate_name": f["candidate_name"],
                  "line": f["line"], "donor_name": f["donor_name"]}
        figure = ElectionFundFigure.objects.filter(**lookup).order_by("id").first()
        if figure is None:
            funds.enter(ElectionFundFigure(**{**f, "party_id": party_id}), entered_by)
            counts.inserted += 1
            continue
        for name in ("amount", "source_url", "source_page"):
            setattr(figure, name, f[name])
        before = ElectionFundFigure.objects.get(pk=figure.pk)
        if funds.changed_fields(before, figure):
            figure.imported_from = f["imported_from"]
            funds.edit(figure, entered_by)
            counts.updated += 1
        else:
            counts.unchanged += 1


def write_fund_confirmations(records: list, ctx, counts) -> None:
    """A second editor's independent re-entry: confirms each figure whose amount it matches.

    Refused (quarantined, the figure stays awaiting): no such figure entered, a different amount,
    or the editor who entered the figure confirming it themself.
    """
    from opentenge.politics import funds
    from opentenge.politics.models import ElectionFundFigure, Party

    parties = dict(Party.objects.values_list("key", "id"))
    for record in records:
        f = record.fields
        lookup = {"election": f["election"], "party_id": parties.get(f["party"]) if f["party"] else None,
                  "candidate_name": f["candidate_name"], "line": f["line"], "donor_name": f["donor_name"]}
        figure = (ElectionFundFigure.objects.filter(**lookup).order_by("id").first()
                  if not f["party"] or lookup["party_id"] else None)
        problem = None
        if figure is None:
            problem = ("line", "no such figure has been entered: import the figures file first")
        elif figure.amount != f["amount"]:
            problem = ("amount_tenge", f"{f['amount']} differs from the entered figure {figure.amount}: "
                       "not confirmed; check the document and correct one of the two entries")
        elif figure.status != ElectionFundFigure.Status.PUBLISHED and figure.entered_by == f["confirmed_by"]:
            problem = ("confirmed_by", f"{f['confirmed_by']} entered this figure; a second editor must confirm it")
        if problem:
            ctx.quarantine(record.locator, problem[1], field=problem[0], record_key=str(record.key),
                           raw=repr(record.payload), counts_as_record=False)
            counts.quarantined += 1
            continue
        if figure.status == ElectionFundFigure.Status.PUBLISHED:
            counts.unchanged += 1
        else:
            funds.confirm(figure, f["confirmed_by"])
            counts.updated += 1

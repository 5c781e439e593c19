"""Store the tracker's records inside the ingest transaction (the importers' ``write`` hook).

Acts and councils are upserted by key; events, members, meetings, opinions and proposals by
their natural keys. A record that names an act or council the tracker does not hold is
quarantined here — the quarantine list is written after this hook in the same transaction.
``relink`` joins developing bodies, councils' bodies and NGOs to organisations by name or BIN.
"""
from __future__ import annotations

from django.db.models import Q

from opentenge.ids.search import search_key
from opentenge.ingest.context import FileContext
from opentenge.legislation import models as lm
from opentenge.store.models import Organisation

ORDER = ("act", "event", "council", "member", "meeting", "opinion", "proposal")
LOOKUPS = {"act": ("key",), "council": ("key",), "event": ("act", "stage", "date"), "member": ("council", "name"),
           "meeting": ("council", "date", "subject"), "opinion": ("council", "act", "date"),
           "proposal": ("act", "ngo_name", "date")}
MODELS = {"act": lm.LegislativeAct, "event": lm.StatusEvent, "council": lm.PublicCouncil, "member": lm.CouncilMember,
          "meeting": lm.CouncilMeeting, "opinion": lm.CouncilOpinion, "proposal": lm.NgoProposal}


def write_records(ctx: FileContext, source_file, counts) -> None:
    acts: dict[str, lm.LegislativeAct] = {}
    councils: dict[str, lm.PublicCouncil] = {}
    for kind in ORDER:
        for record in (r for r in ctx.records if r.kind == f"legislation.{kind}"):
            fields = dict(record.fields)
            try:
                _resolve(kind, fields, acts, councils)
            except LookupError as missing:
                ctx.quarantine(record.locator, str(missing.args[0]), field=missing.args[1], counts_as_record=False)
                counts.quarantined += 1
                continue
            if kind == "act":
                fields["key"] = record.key
            lookup = {name: fields.pop(name) for name in LOOKUPS[kind]}
            fields.update(source_file=source_file, locator=record.locator)
            row, created = MODELS[kind].objects.get_or_create(**lookup, defaults=fields)
            changed = not created and any(getattr(row, k) != v for k, v in fields.items()
                                          if k not in ("source_file", "locator"))
            if changed:
                for k, v in fields.items():
                    setattr(row, k, v)
                row.save()
            if kind != "event":  # an event is part of its act's line: the line is counted once
                counts.inserted += created
                counts.updated += changed
                counts.unchanged += not (created or changed)
            if kind == "act":
                acts[row.key] = row
            elif kind == "council":
                councils[row.key] = row


def _resolve(kind: str, fields: dict, acts: dict, councils: dict) -> None:
    """Turn keys into rows; raise ``LookupError(reason, field)`` when the tracker has no such row."""
    if kind == "act":
        draft = fields.pop("draft", "")
        fields["draft_key"] = draft
        fields["draft"] = _act(draft, acts) if draft else None  # a draft arriving later: relink() joins it
        return
    if "act" in fields:
        act = _act(fields["act"], acts)
        if act is None:
            raise LookupError(f"act_id: no act {fields['act']!r} in the tracker (ingest draft_acts / bills first)",
                              "act_id")
        fields["act"] = act
    if "council" in fields:
        council = councils.get(fields["council"]) or lm.PublicCouncil.objects.filter(key=fields["council"]).first()
        if council is None:
            raise LookupError(f"council_id: no council {fields['council']!r} (ingest the councils file first)",
                              "council_id")
        councils[council.key] = council
        fields["council"] = council


def _act(key: str, acts: dict):
    if key not in acts:
        found = lm.LegislativeAct.objects.filter(key=key).first()
        if found is None:
            return None
        acts[key] = found
    return acts[key]


def _organisations_by_name(names: set[str]) -> dict[str, int]:
    """Exact name (Russian or Kazakh, folded) -> organisation id, when exactly one organisation has it."""
    wanted = {search_key(n): n for n in names if n}
    found: dict[str, set[int]] = {}
    if not wanted:
        return {}
    query = Q(name_ru__in=list(names)) | Q(name_kk__in=list(names))
    for org in Organisation.objects.filter(query).only("id", "name_ru", "name_kk"):
        for name in (org.name_ru, org.name_kk):
            if search_key(name or "") in wanted:
                found.setdefault(wanted[search_key(name)], set()).add(org.id)
    return {name: next(iter(ids)) for name, ids in found.items() if len(ids) == 1}


def relink() -> None:
    """Join developing bodies and councils' bodies to organisations by published name, NGOs by BIN."""
    acts = lm.LegislativeAct.objects.filter(developer__isnull=True).exclude(developer_name="")
    ids = _organisations_by_name(set(acts.values_list("developer_name", flat=True)))
    for name, org_id in ids.items():
        lm.LegislativeAct.objects.filter(developer__isnull=True, developer_name=name).update(developer_id=org_id)
    councils = lm.PublicCouncil.objects.filter(body__isnull=True)
    ids = _organisations_by_name(set(councils.values_list("body_name", flat=True)))
    for name, org_id in ids.items():
        lm.PublicCouncil.objects.filter(body__isnull=True, body_name=name).update(body_id=org_id)
    for proposal in lm.NgoProposal.objects.filter(ngo__isnull=True).exclude(ngo_bin=""):
        org = Organisation.objects.filter(bin=proposal.ngo_bin).only("id").first()
        if org:
            lm.NgoProposal.objects.filter(pk=proposal.pk).update(ngo=org)
    # bills whose draft act arrived after them
    for bill in lm.LegislativeAct.objects.filter(kind="bill", draft__isnull=True).exclude(draft_key=""):
        draft = lm.LegislativeAct.objects.filter(key=bill.draft_key).first()
        if draft:
            lm.LegislativeAct.objects.filter(pk=bill.pk).update(draft=draft)

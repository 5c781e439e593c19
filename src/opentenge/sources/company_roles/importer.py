"""Company roles: who heads (``director``) or founded a legal entity, by BIN.

Two shapes (docs/formats/company_roles.md): the data.egov.kz ``gbd_ul`` rows (JSON; the only person
field is ``director``) and a CSV for roles the register publishes elsewhere (founders). We keep the
BIN, the organisation's names, the role and the person's name *as published* — nothing else about
the person (addresses in the register are dropped). A name here identifies no one: see
docs/possible-links.md for how a deputy of the same name is shown.
"""
from __future__ import annotations

import json
from pathlib import Path

from opentenge.ids.kz import is_valid_bin
from opentenge.ids.search import search_key
from opentenge.ingest import parse as p
from opentenge.ingest.context import FileContext
from opentenge.politics.writer import write_own
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord
from opentenge.ingest.runner import IngestError
from opentenge.sources.party_funding import csvrows

ROLES = ("director", "founder")
PORTAL_URL = "https://data.egov.kz/datasets/view?index=gbd_ul"
KEPT_FIELDS = ("id", "bin", "namekz", "nameru", "datereg", "statusru", "director")


def role_record(locator: str, bin_: str, role: str, person: str, *, name_ru: str = "", name_kk: str = "",
                since=None, url: str, payload: dict) -> EntityRecord:
    if not is_valid_bin(bin_):
        raise RecordError("bin", f"not a valid BIN (12 digits with a correct check digit): {bin_!r}")
    if role not in ROLES:
        raise RecordError("role", f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    person = " ".join(person.split())
    if not person:
        raise RecordError("person_name", "missing: a role needs the person's name")
    name_key = search_key(person)
    return EntityRecord(kind="politics.company_role", key=f"{bin_}:{role}:{name_key}"[:128], locator=locator,
                        payload=payload, fields={
                            "organisation_bin": bin_, "organisation_name_ru": name_ru, "organisation_name_kk": name_kk,
                            "role": role, "person_name": person, "name_key": name_key, "since": since,
                            "source_url": url})


class Importer:
    name = "company_roles"
    write = staticmethod(write_own)  # politics kinds go to opentenge.politics tables

    def discover(self, paths: list[Path]) -> list[Path]:
        found: set[Path] = set()
        for path in paths:
            found.update(f for f in (path.rglob("*") if path.is_dir() else [path])
                         if f.suffix in (".json", ".csv") and not f.name.endswith(".meta.json"))
        return sorted(found)

    def read_file(self, ctx: FileContext) -> None:
        if ctx.file.path.suffix == ".csv":
            self._read_csv(ctx)
        else:
            self._read_gbd_ul(ctx)

    def _read_gbd_ul(self, ctx: FileContext) -> None:
        ctx.kind = "gbd_ul"
        try:
            document = json.loads(ctx.file.path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IngestError(f"{ctx.file.display_path}: not a JSON page of gbd_ul ({exc})") from exc
        if isinstance(document, dict) and isinstance(document.get("elements"), list):
            rows, prefix = document["elements"], "elements"
        elif isinstance(document, list):
            rows, prefix = document, ""
        else:
            raise IngestError(f"{ctx.file.display_path}: expected {{\"elements\": [...]}} or a list of gbd_ul rows")
        for index, row in enumerate(rows):
            locator = f"{prefix}[{index}]"
            if not isinstance(row, dict):
                ctx.quarantine(locator, f"row is not a JSON object but {type(row).__name__}")
                continue
            payload = {k: row.get(k) for k in KEPT_FIELDS if k in row}
            if not str(row.get("director") or "").strip():
                ctx.quarantine(locator, "no director published for this entity", field="director",
                               record_key=str(row.get("bin") or ""), raw=json.dumps(payload, ensure_ascii=False))
                continue
            try:
                registered = p.day({"datereg": str(row.get("datereg") or "").split("+")[0] or None}, "datereg",
                                   earliest=p.EARLIEST_REGISTRATION)
                record = role_record(locator, str(row.get("bin") or "").strip(), "director", str(row["director"]),
                                     name_ru=p.text(row, "nameru"), name_kk=p.text(row, "namekz"), since=None,
                                     url=ctx.file.url or PORTAL_URL, payload={**payload, "datereg": str(registered or "")})
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, record_key=str(row.get("bin") or ""),
                               raw=json.dumps(payload, ensure_ascii=False))
                continue
            ctx.emit(record)

    def _read_csv(self, ctx: FileContext) -> None:
        ctx.kind = "company_roles_csv"
        for locator, row in csvrows.rows(ctx, ("bin", "role", "person_name", "source_url")):
            try:
                record = role_record(locator, row["bin"], row["role"], row["person_name"],
                                     name_ru=row.get("organisation_name_ru", ""),
                                     name_kk=row.get("organisation_name_kk", ""),
                                     since=p.day(row, "since", earliest=p.EARLIEST_REGISTRATION),
                                     url=csvrows.source_url(row), payload=row)
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, record_key=row.get("bin", ""), raw=repr(row))
                continue
            ctx.emit(record)

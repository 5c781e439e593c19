"""Public councils and what they (and NGOs) said about drafts: five CSV layouts, told apart by header.

Councils publish their composition, meetings and opinions on their state body's own site, and
NGO proposals with the body's replies appear in the discussion summaries (сводные таблицы) of the
open-NPA portal; nothing consolidated exists, so the layouts are ours (docs/formats/public_councils.md).
Members are public persons in a public role; only their name, role and affiliation as published
are kept — never contact details. Opinions and proposals name an act by its tracker key
(``npa:<id>`` or ``bill:<id>``); one naming an act the tracker does not hold is quarantined when
written.
"""
from __future__ import annotations

import re
from pathlib import Path

from opentenge.ids.kz import is_valid_bin
from opentenge.ingest.context import FileContext
from opentenge.ingest.files import files_under
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord
from opentenge.legislation import reading as r

LAYOUTS = {
    "councils": ("council_id", "name_ru", "name_kk", "state_body", "url"),
    "members": ("council_id", "name", "role", "affiliation", "url"),
    "meetings": ("council_id", "date", "subject", "url"),
    "opinions": ("council_id", "act_id", "date", "position", "summary", "url"),
    "proposals": ("act_id", "ngo_name", "ngo_bin", "date", "proposal", "outcome", "reply", "reply_date", "url"),
}
POSITIONS = {"supports": "supports", "поддерживает": "supports", "қолдайды": "supports",
             "remarks": "remarks", "поддерживает с замечаниями": "remarks", "ескертулермен қолдайды": "remarks",
             "opposes": "opposes", "не поддерживает": "opposes", "қолдамайды": "opposes"}
OUTCOMES = {"accepted": "accepted", "принято": "accepted", "қабылданды": "accepted",
            "partly": "partly", "принято частично": "partly", "ішінара қабылданды": "partly",
            "rejected": "rejected", "не принято": "rejected", "қабылданбады": "rejected",
            "pending": "pending", "на рассмотрении": "pending", "қаралуда": "pending"}


def council_key(values: dict) -> str:
    value = r.text(values, "council_id", limit=48)
    if not re.fullmatch(r"[\w.-]+", value):
        raise RecordError("council_id", f"only letters, digits, '.', '-' and '_' are allowed: {value!r}")
    return value


def act_key(values: dict) -> str:
    value = r.text(values, "act_id", limit=48)
    if not re.fullmatch(r"(npa|bill):\d+", value):
        raise RecordError("act_id", f"not a tracker key: {value!r} (expected npa:<portal id> or bill:<Mazhilis id>)")
    return value


def parse_line(layout: str, values: dict) -> tuple[str, tuple, dict]:
    source = dict(source_url=r.link(values, "url"))
    if layout == "councils":
        key = council_key(values)
        name_ru, name_kk = r.text(values, "name_ru", required=False), r.text(values, "name_kk", required=False)
        if not (name_ru or name_kk):
            raise RecordError("name_ru", "missing: a council needs a name in Russian or Kazakh")
        return "council", (key,), dict(key=key, name_ru=name_ru, name_kk=name_kk,
                                       body_name=r.text(values, "state_body"), **source)
    if layout == "members":
        key, name = council_key(values), r.text(values, "name", limit=255)
        if any(ch.isdigit() for ch in name) or "@" in name:
            raise RecordError("name", "a member's name only: no numbers, identifiers or e-mail addresses")
        return "member", (key, name), dict(council=key, name=name, role=r.text(values, "role", required=False, limit=128),
                                           affiliation=r.text(values, "affiliation", required=False), **source)
    if layout == "meetings":
        key, when, subject = council_key(values), r.day(values, "date"), r.text(values, "subject")
        return "meeting", (key, when, subject), dict(council=key, date=when, subject=subject, **source)
    if layout == "opinions":
        key, act, when = council_key(values), act_key(values), r.day(values, "date")
        return "opinion", (key, act, when), dict(council=key, act=act, date=when,
                                                 position=r.choice(values, "position", POSITIONS),
                                                 summary=r.text(values, "summary"), **source)
    act, name, when = act_key(values), r.text(values, "ngo_name"), r.day(values, "date")
    bin_ = r.text(values, "ngo_bin", required=False, limit=12)
    if bin_ and not is_valid_bin(bin_):
        raise RecordError("ngo_bin", f"not a valid BIN: {bin_!r}")
    outcome = r.choice(values, "outcome", OUTCOMES)
    reply, reply_date = r.text(values, "reply", required=False), r.day(values, "reply_date", required=False)
    if outcome != "pending" and not reply:
        raise RecordError("reply", f"missing: an outcome of {outcome!r} needs the body's reply")
    if reply_date and reply_date < when:
        raise RecordError("reply_date", f"reply ({reply_date}) before the proposal ({when})")
    return "proposal", (act, name, when), dict(act=act, ngo_name=name, ngo_bin=bin_, date=when,
                                               proposal=r.text(values, "proposal"), outcome=outcome, reply=reply,
                                               reply_date=reply_date, **source)


class Importer:
    name = "public_councils"

    def discover(self, paths: list[Path]) -> list[Path]:
        found = files_under(paths, "*.csv")
        # councils before what points at them, whatever the file names
        order = {"councils": 0, "members": 1, "meetings": 2, "opinions": 3, "proposals": 4}
        return sorted(found, key=lambda f: (min((n for k, n in order.items() if k in f.name), default=5), f.name))

    def read_file(self, ctx: FileContext) -> None:
        for layout, locator, values in r.read_layout(ctx, LAYOUTS):
            try:
                kind, key, fields = parse_line(layout, values)
            except RecordError as err:
                ctx.quarantine(locator, f"{err.field}: {err.reason}", field=err.field,
                               raw=",".join(values.values()))
                continue
            ctx.emit(EntityRecord(f"legislation.{kind}", key, fields, locator, payload=values))

    def write(self, ctx: FileContext, source_file, counts) -> None:
        from opentenge.legislation.writer import write_records

        write_records(ctx, source_file, counts)

    def finish(self, summary) -> None:
        from opentenge.legislation.writer import relink

        relink()

"""One hearing record of the input format (docs/hearings.md), parsed strictly into typed values.

``parse_hearing`` raises ``RecordError`` naming the field (``date``, ``budget.kato`` …) for a
hearing that cannot be trusted as a whole; a bad document or proposal is reported back on its own
(``Refused``) so the rest of the hearing still lands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from opentenge.budget.kato import KatoError, territory
from opentenge.budget.models import Level
from opentenge.ids.kz import is_valid_bin
from opentenge.ingest.parse import RecordError
from opentenge.sources.budget_hearings.personal import (
    AUTHOR_FIELDS, full_iins, mask_personal, quarantine_copy, without_authors,
)

MAX_TEXT = 8000
ANSWERS = {"accepted": "accepted", "принято": "accepted", "принят": "accepted", "қабылданды": "accepted",
           "partly": "partly", "принято частично": "partly", "частично": "partly", "ішінара қабылданды": "partly",
           "rejected": "rejected", "не принято": "rejected", "отклонено": "rejected", "қабылданбады": "rejected"}
AUTHOR_KINDS = {"resident": "resident", "житель": "resident", "тұрғын": "resident",
                "ngo": "ngo", "нко": "ngo", "нпо": "ngo", "үеұ": "ngo",
                "business": "business", "бизнес": "business", "предприниматель": "business", "кәсіпкер": "business",
                "deputy": "deputy", "депутат": "deputy", "other": "other", "другое": "other", "басқа": "other"}
DROPPED_AUTHOR_FIELDS = AUTHOR_FIELDS  # never read (a resident's identity); docs/hearings.md lists them


@dataclass
class Refused:
    locator: str
    field: str
    reason: str
    raw: str


@dataclass
class ParsedHearing:
    fields: dict
    documents: list[dict] = field(default_factory=list)
    proposals: list[dict] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def _text(item: dict, name: str, *, required: bool = True, limit: int = MAX_TEXT, prefix: str = "") -> str:
    value = item.get(name)
    if isinstance(value, (dict, list)):
        raise RecordError(prefix + name, f"expected text, got {type(value).__name__}")
    value = " ".join(str(value).split()) if value is not None else ""
    if required and not value:
        raise RecordError(prefix + name, "missing: this field may not be empty")
    if len(value) > limit:
        raise RecordError(prefix + name, f"too long: {len(value)} characters, at most {limit}")
    return value


def _day(item: dict, name: str) -> date:
    value = _text(item, name, limit=32)
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RecordError(name, f"not a date: {value!r} (expected YYYY-MM-DD or DD.MM.YYYY)")


def _link(item: dict, name: str, *, required: bool, prefix: str = "") -> str:
    value = _text(item, name, required=required, limit=500, prefix=prefix)
    if value and not re.match(r"^https?://[^\s<>\"]+$", value):
        raise RecordError(prefix + name, f"not an http(s) link: {value!r}")
    return value


def _object(item: dict, name: str) -> dict:
    value = item.get(name)
    if not isinstance(value, dict):
        raise RecordError(name, f"missing or not an object: expected {{...}}, got {type(value).__name__}")
    return value


def parse_hearing(item: dict, locator: str) -> ParsedHearing:
    key = _text(item, "id", limit=64)
    if not re.fullmatch(r"[\w.-]+", key):
        raise RecordError("id", f"only letters, digits, '.', '-' and '_' are allowed: {key!r}")
    when = _day(item, "date")
    body = _object(item, "body")
    body_name = _text(body, "name", prefix="body.", limit=500)
    body_bin = _text(body, "bin", required=False, prefix="body.", limit=12)
    if body_bin and not is_valid_bin(body_bin):
        raise RecordError("body.bin", f"not a valid BIN: {body_bin!r}")
    budget = _object(item, "budget")
    try:
        place = territory(_text(budget, "kato", prefix="budget.", limit=16), level=_text(budget, "level",
                                                                                          prefix="budget."))
    except KatoError as err:
        raise RecordError("budget.kato", str(err)) from err
    if place.level == Level.REPUBLICAN:
        raise RecordError("budget.level", "hearings are of local budgets: regional, district or rural")
    year_text = _text(budget, "year", prefix="budget.", limit=8)
    if not (year_text.isascii() and year_text.isdigit() and 2000 <= int(year_text) <= 2100):
        raise RecordError("budget.year", f"not a budget year: {year_text!r}")
    year = int(year_text)
    if not year - 1 <= when.year <= year:
        raise RecordError("date", f"a hearing on {when} cannot discuss the {year} budget "
                                  f"(held in the year before it or during it)")
    parsed = ParsedHearing(fields=dict(
        key=key, date=when, level=place.level, kato=place.kato, year=year, body_bin=body_bin, body_name=body_name,
        subject=_text(item, "subject", required=False, limit=2000),
        source_url=_link(item, "source_url", required=False)))
    documents = item.get("documents") or []
    proposals = item.get("proposals") or []
    if not isinstance(documents, list):
        raise RecordError("documents", "not a list of {title, url}")
    if not isinstance(proposals, list):
        raise RecordError("proposals", "not a list of proposals")
    for i, doc in enumerate(documents):
        where = f"{locator}.documents[{i}]"
        try:
            if not isinstance(doc, dict):
                raise RecordError("documents", f"not an object but {type(doc).__name__}")
            parsed.documents.append(dict(title=_text(doc, "title", limit=1000, prefix="documents."),
                                         url=_link(doc, "url", required=True, prefix="documents."), locator=where))
        except RecordError as err:
            parsed.refused.append(Refused(where, err.field, err.reason, repr(doc)[:500]))
    for i, proposal in enumerate(proposals):
        where = f"{locator}.proposals[{i}]"
        try:
            parsed.proposals.append(parse_proposal(proposal, i + 1, where))
        except RecordError as err:
            raw = quarantine_copy(repr(without_authors(proposal, in_proposal=True)))
            parsed.refused.append(Refused(where, err.field, err.reason, raw[:1000]))
    return parsed


def parse_proposal(item, number: int, locator: str) -> dict:
    if not isinstance(item, dict):
        raise RecordError("proposals", f"not an object but {type(item).__name__}")
    text = _text(item, "text", prefix="proposals.")
    reason = _text(item, "reason", required=False, prefix="proposals.")
    for name, value in (("text", text), ("reason", reason)):
        iins = full_iins(value)
        if iins:
            raise RecordError(f"proposals.{name}", f"contains a full IIN ({', '.join(iins)}): a person's identity "
                                                   "number is never published; remove it and send the record again")
    kind_text = _text(item, "author_kind", prefix="proposals.").lower()
    if kind_text not in AUTHOR_KINDS:
        raise RecordError("proposals.author_kind", f"unknown value {kind_text!r}: expected one of "
                                                    f"{', '.join(sorted(set(AUTHOR_KINDS.values())))}")
    kind = AUTHOR_KINDS[kind_text]
    answer_text = _text(item, "answer", prefix="proposals.").lower()
    if answer_text not in ANSWERS:
        raise RecordError("proposals.answer", f"unknown value {answer_text!r}: expected accepted, partly or rejected")
    answer = ANSWERS[answer_text]
    if answer != "accepted" and not reason:
        raise RecordError("proposals.reason", f"missing: an answer of {answer!r} needs the body's reason")
    organisation = _text(item, "author_organisation", required=False, limit=500, prefix="proposals.")
    if organisation and kind not in ("ngo", "business"):
        organisation = ""  # a resident's or deputy's name is not an organisation: never kept
    text, masked = mask_personal(text)
    reason, masked_reason = mask_personal(reason)
    return dict(number=number, text=text, reason=reason, author_kind=kind, author_organisation=organisation,
                answer=answer, masked=",".join(dict.fromkeys(masked + masked_reason)), locator=locator)

"""State grants and awards to NGOs: the winners' lists and competition summaries (CSV or XLSX).

Grant operators (the Civil Society Development Centre for republican grants, ministries,
akimats for local ones) publish winners as spreadsheets or tables in orders; no per-NGO list was
found in any stored source, so the layouts are defined by us (docs/formats/state_grants.md) and
enforced strictly by :mod:`opentenge.civil.tables`. Two layouts are recognised by their headers:

* ``awards`` — one winner per row: year, operator, programme, NGO name and BIN, region, project
  title, amount (tenge, or thousand tenge when the header or the cell says so);
* ``competitions`` — one competition per row: applications received, winners, money offered.

A winner published without a BIN is kept under a name key (the linking layer may join it to the
BIN later); a winner whose "BIN" is a natural person's IIN is refused — grants go to legal
entities — and the IIN never leaves the importer unmasked.
"""
from __future__ import annotations

from opentenge.civil.importing import (TableImporter, cell_text, identifier_text, names_by_language, organisation_ref,
                                       payload_of, short_hash)
from opentenge.civil.layouts import STATE_GRANTS
from opentenge.civil.regions import region_code
from opentenge.civil.values import parse_amount, parse_count, parse_date, parse_year
from opentenge.civil.writer import KIND_COMPETITION, KIND_GRANT
from opentenge.ids.search import search_key
from opentenge.ingest.parse import RecordError

KINDS = {"грант": "grant", "гранты": "grant", "государственный грант": "grant", "мемлекеттік грант": "grant",
         "grant": "grant", "премия": "award", "премии": "award", "премия для нпо": "award",
         "сыйлықақы": "award", "үеұ сыйлықақысы": "award", "award": "award"}


def required_text(values: dict, field: str) -> str:
    text = cell_text(values.get(field))
    if not text:
        raise RecordError(field, "missing: this column may not be empty")
    return text


def programme_key(text: str) -> str:
    return search_key(text)[:255]


class Importer(TableImporter):
    name = "state_grants"
    layouts = STATE_GRANTS

    def parse_row(self, table, values: dict, row):
        if table.layout.name == "state_grants.competitions":
            return competition_record(table, values, row)
        return award_record(table, values, row)


def award_record(table, values: dict, row) -> tuple:
    year = parse_year(values.get("year"), "year")
    operator = required_text(values, "operator")
    programme = required_text(values, "programme")
    name = required_text(values, "recipient_name")
    title = required_text(values, "project_title")
    region = cell_text(values.get("region"))
    code = region_code(region)
    kind_text = cell_text(values.get("kind")).lower()
    kind = KINDS.get(kind_text or "грант")
    if kind is None:
        raise RecordError("kind", f"unknown kind {values.get('kind')!r}: expected «грант» or «премия»")
    award_date = parse_date(values.get("award_date"), "award_date")
    if award_date and award_date.year not in (year, year - 1):
        raise RecordError("award_date", f"decision date {award_date} does not belong to the year {year}")
    amount = parse_amount(values.get("amount"), "amount", unit=table.units.get("amount", "tenge"))
    bin_ = identifier_text(values.get("recipient_bin"))
    name_ru, name_kk = names_by_language(table, "recipient_name", name)
    recipient = organisation_ref(bin_, name, code, field="recipient_bin", persons_allowed=False, name_ru=name_ru,
                                 name_kk=name_kk)
    key = short_hash("grant", year, search_key(operator), programme_key(programme), recipient.key,
                     search_key(title), kind)
    fields = dict(kind=kind, year=year, award_date=award_date, operator=operator, programme=programme,
                  programme_key=programme_key(programme), recipient=recipient, recipient_name=name,
                  recipient_bin=recipient.bin or "", region=region, region_code=code, project_title=title,
                  amount=amount, amount_published=cell_text(values.get("amount"))[:64])
    return KIND_GRANT, key, fields, payload_of(table, values, row)


def competition_record(table, values: dict, row) -> tuple:
    year = parse_year(values.get("year"), "year")
    operator = required_text(values, "operator")
    programme = required_text(values, "programme")
    applications = parse_count(values.get("applications"), "applications")
    winners = parse_count(values.get("winners"), "winners")
    if applications is not None and winners is not None and winners > applications:
        raise RecordError("winners", f"{winners} winners out of {applications} applications")
    budget = parse_amount(values.get("budget"), "budget", unit=table.units.get("budget", "tenge"), required=False)
    key = short_hash("competition", year, search_key(operator), programme_key(programme))
    fields = dict(year=year, operator=operator, programme=programme, programme_key=programme_key(programme),
                  applications=applications, winners=winners, budget=budget)
    return KIND_COMPETITION, key, fields, payload_of(table, values, row)


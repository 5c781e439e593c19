"""The State Revenue Committee's register of persons receiving money from foreign sources (XLSX).

Published 21 September 2023 as a spreadsheet of about 240 rows: NGOs, media, and journalists and
bloggers registered as individual entrepreneurs — with their IINs. The register's columns were not
found (REGISTERS.md §2), so the layout is ours (docs/formats/foreign_funding.md): recipient
BIN/IIN and name, region, and per report the foreign source, its country, the amount, purpose and
period. A real register that differs stops the ingest naming the column; a mapping file loads it.

Natural persons: the IIN is replaced, on read, by a keyed fingerprint (to join the same
entrepreneur's procurement contracts) and a masked form; it is never stored, shown, versioned
or quarantined in full. The person's name is kept because the register itself publishes it.
"""
from __future__ import annotations

from opentenge.civil.countries import country_code
from opentenge.civil.importing import (TableImporter, cell_text, identifier_text, names_by_language, organisation_ref,
                                       payload_of, short_hash)
from opentenge.civil.layouts import FOREIGN
from opentenge.civil.regions import region_code
from opentenge.civil.values import parse_amount, parse_period
from opentenge.civil.writer import KIND_FOREIGN
from opentenge.ids.search import search_key
from opentenge.ingest.parse import RecordError


class Importer(TableImporter):
    name = "foreign_funding"
    layouts = FOREIGN

    def parse_row(self, table, values: dict, row):
        return foreign_record(table, values, row)


def foreign_record(table, values: dict, row) -> tuple:
    identifier = identifier_text(values.get("recipient_id"))
    name = cell_text(values.get("recipient_name"))
    region = cell_text(values.get("region"))
    code = region_code(region)
    name_ru, name_kk = names_by_language(table, "recipient_name", name)
    recipient = organisation_ref(identifier, name, code, field="recipient_id", persons_allowed=True, name_ru=name_ru,
                                 name_kk=name_kk)
    donor = cell_text(values.get("donor_name"))
    if not donor:
        raise RecordError("donor_name", "missing: the foreign source is not named")
    country = cell_text(values.get("donor_country"))
    amount = parse_amount(values.get("amount"), "amount", unit=table.units.get("amount", "tenge"))
    period_text = cell_text(values.get("period"))
    start, end = parse_period(values.get("period"), "period")
    purpose = cell_text(values.get("purpose"))
    key = short_hash("foreign", recipient.key, search_key(donor), search_key(country), start, end,
                     search_key(purpose))
    fields = dict(
        recipient=recipient, recipient_kind="person" if recipient.is_person else "legal_entity",
        recipient_name=name, recipient_bin=recipient.bin or "", iin_masked=recipient.iin_masked,
        region=region, region_code=code, donor_name=donor, donor_key=search_key(donor)[:255],
        donor_country=country, donor_country_code=country_code(country), amount=amount,
        amount_published=cell_text(values.get("amount"))[:64], purpose=purpose, period=period_text[:64],
        period_start=start, period_end=end, year=end.year,
    )
    return KIND_FOREIGN, key, fields, payload_of(table, values, row)

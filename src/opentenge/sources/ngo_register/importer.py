"""The database of non-governmental organisations: names kk/ru, BIN, legal form, registration, region.

Enriches organisation profiles: an NGO met in procurement or a grant list gets its Kazakh and
Russian names (filled where empty, never overwritten), its registration date (which indicator
C004, "winners registered shortly before the award", needs) and its areas of activity. The
publication's real columns were not found; the layout is ours (docs/formats/ngo_register.md).
"""
from __future__ import annotations

import re

from opentenge.civil.importing import TableImporter, cell_text, identifier_text, organisation_ref, payload_of
from opentenge.civil.layouts import NGOS
from opentenge.civil.regions import region_code
from opentenge.civil.values import parse_date
from opentenge.civil.writer import KIND_NGO
from opentenge.ids.legal_forms import FORMS
from opentenge.ingest.parse import RecordError

# Non-commercial forms the Civil Code knows but opentenge.ids.legal_forms does not (it covers the
# forms that appear in organisation names).
EXTRA_FORMS = {
    "ALE": ("объединение юридических лиц в форме ассоциации", "объединение юридических лиц",
            "заңды тұлғалар бірлестігі", "ассоциация", "ojl", "оюл"),
    "RA": ("религиозное объединение", "діни бірлестік"),
    "CC": ("потребительский кооператив", "тұтыну кооперативі"),
}
_FORM_PATTERNS = [(code, re.compile(r"[\s\-]+".join(s.split(" ")) + r"$"))
                  for code, spellings in {**FORMS, **EXTRA_FORMS}.items() for s in spellings]


def legal_form_code(text: str) -> str:
    """``Общественное объединение`` / ``ҚБ`` / ``ОО`` → ``PA``; ``""`` when not recognised."""
    folded = " ".join(text.casefold().replace("ё", "е").replace('"', " ").split()).strip(" .")
    for code, pattern in _FORM_PATTERNS:
        if pattern.match(folded):
            return code
    return ""


class Importer(TableImporter):
    name = "ngo_register"
    layouts = NGOS

    def parse_row(self, table, values: dict, row):
        return ngo_record(table, values, row)


def ngo_record(table, values: dict, row) -> tuple:
    bin_ = identifier_text(values.get("bin"))
    if not bin_:
        raise RecordError("bin", "missing: every registered NGO has a BIN")
    name_ru, name_kk = cell_text(values.get("name_ru")), cell_text(values.get("name_kk"))
    if not (name_ru or name_kk):
        raise RecordError("name_ru", "missing: no name in Russian or Kazakh")
    region = cell_text(values.get("region"))
    organisation = organisation_ref(bin_, name_ru, region_code(region), field="bin", persons_allowed=False,
                                    name_ru=name_ru, name_kk=name_kk)
    legal_form = cell_text(values.get("legal_form"))
    if not legal_form:
        raise RecordError("legal_form", "missing: the legal form may not be empty")
    registered_on = parse_date(values.get("registered_on"), "registered_on", required=True)
    activities = [" ".join(a.split()) for a in re.split(r"[;\n]", str(values.get("activities") or "")) if a.strip()]
    fields = dict(organisation=organisation, bin=bin_, name_ru=name_ru, name_kk=name_kk, legal_form=legal_form,
                  legal_form_code=legal_form_code(legal_form), registered_on=registered_on, region=region,
                  region_code=region_code(region), activities=activities)
    return KIND_NGO, organisation.key, fields, payload_of(table, values, row)

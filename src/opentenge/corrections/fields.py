"""What a reader may ask us to correct, per kind of entity page.

Only fields that the page's data dict really holds and that say nothing private: names, a
registration date, a contract's subject and sign date. Addresses, IINs, phones and amounts are not
correctable here (amounts come from the source and are reconciled against published totals; an
error there is reported as "other" and published as a note). Every kind also accepts ``other``: a
report that, once accepted, is shown as a published note with no value replaced.

``exists`` answers whether an entity of that kind and key is published (the report form 404s
otherwise); ``canonical`` turns the address key into the one the data is stored under (an
organisation's page answers to its BIN or its source key).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field as dc_field
from typing import Callable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

OTHER = "other"
TEXT, DATE = "text", "date"


@dataclass(frozen=True)
class Field:
    name: str  # the key in the page's data dict
    label: object  # lazy translation
    type: str = TEXT

    def parse(self, value: str):
        """The stored text as the data dict holds it (dates as dates); ``ValueError`` if it is not one."""
        value = (value or "").strip()
        if self.type == DATE:
            return dt.date.fromisoformat(value)
        return value


def _organisation_exists(key: str) -> bool:
    from opentenge.store.queries import NotFound, get_organisation

    try:
        get_organisation(key)
    except NotFound:
        return False
    return True


def _organisation_canonical(key: str) -> str:
    from opentenge.store.queries import get_organisation, org_slug

    return org_slug(get_organisation(key))


def _contract_exists(key: str) -> bool:
    from opentenge.store.models import Contract

    return key.isdigit() and Contract.objects.filter(gz_id=int(key)).exists()


def _person_exists(key: str) -> bool:
    from opentenge.politics.models import Person

    return Person.objects.filter(key=key).exists()


def _party_exists(key: str) -> bool:
    from opentenge.politics.models import Party

    return Party.objects.filter(key=key).exists()


@dataclass(frozen=True)
class Kind:
    name: str
    label: object
    page: str  # URL name of the entity page; its one argument is the key
    fields: tuple[Field, ...] = ()
    exists: Callable[[str], bool] | None = None  # None: only the address is checked
    canonical: Callable[[str], str] = dc_field(default=lambda key: key)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def choices(self) -> list[tuple[str, object]]:
        return [(f.name, f.label) for f in self.fields] + [(OTHER, _("Something else (explain below)"))]

    def page_url(self, key: str) -> str | None:
        try:
            return reverse(self.page, args=[key])
        except NoReverseMatch:
            return None


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("organisation", _("Organisation"), "organisation",
         (Field("name_ru", _("Name in Russian")), Field("name_kk", _("Name in Kazakh")),
          Field("registered_on", _("Registration date"), DATE)),
         _organisation_exists, _organisation_canonical),
    Kind("contract", _("Contract"), "contract",
         (Field("description_ru", _("Subject in Russian")), Field("description_kk", _("Subject in Kazakh")),
          Field("sign_date", _("Date signed"), DATE)),
         _contract_exists),
    Kind("person", _("Person"), "politics-person", (Field("name", _("Name")),), _person_exists),
    Kind("party", _("Party"), "politics-party", (Field("name", _("Name")),), _party_exists),
    Kind("election", _("Election"), "politics-election"),
    Kind("bill", _("Bill or draft act"), "legislation-act"),
    Kind("ngo", _("NGO"), "civil-ngo"),
    Kind("administrator", _("Budget administrator"), "budget-administrator"),
    Kind("registrant", _("Lobbying registrant"), "lobbying-registrant"),
    Kind("report", _("Lobbying report"), "lobbying-report"),
)}


def field_label(kind: str, name: str) -> object:
    """The field's name for people; ``other`` and unknown names read as a note."""
    spec = KINDS[kind].field(name) if kind in KINDS else None
    return spec.label if spec else _("Note")

"""Which party a published faction or party name means: one table for every politics source.

Sources name parties in many ways (``«AMANAT» партиясының фракциясы``, ``""Ақ жол"" Қазақстан
демократиялық партиясының фракциясы``, ``Партия «AMANAT»``). We match on a folded fragment that
only that party's names contain and keep our own names in three languages. A name no pattern
matches is kept as published, with no party (``None``), never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass

from opentenge.ids.search import search_key


@dataclass(frozen=True)
class KnownParty:
    key: str
    name_kk: str
    name_ru: str
    name_en: str
    fragments: tuple[str, ...]  # folded (search_key) fragments that identify the party


PARTIES = (
    KnownParty("amanat", "«AMANAT» партиясы", "Партия «AMANAT»", "AMANAT party",
               ("amanat", "nur otan")),
    KnownParty("ak-zhol", "«Ақ жол» Қазақстан демократиялық партиясы", "Демократическая партия Казахстана «Ак жол»",
               "Ak Zhol Democratic Party of Kazakhstan", ("ak jol", "aq jol", "ak zhol")),
    KnownParty("respublica", "«Respublica» партиясы", "Партия «Respublica»", "Respublica party", ("respublica",)),
    KnownParty("people-party", "Қазақстан Халық партиясы", "Народная партия Казахстана", "People's Party of Kazakhstan",
               ("kazakstan kalik", "narodnaia partia", "narodnoi partii", "peoples parti", "kommunisticheskaia narodnaia")),
    KnownParty("osdp", "Жалпыұлттық социал-демократиялық партия", "Общенациональная социал-демократическая партия",
               "Nationwide Social Democratic Party", ("sotsial demokratialik", "sotsial demokraticheskaia", "sotsial demokraticheskoi",
                                                       "social democratic")),
    KnownParty("auyl", "«Ауыл» халықтық-демократиялық патриоттық партиясы",
               "Народно-демократическая патриотическая партия «Ауыл»", "Auyl People's Democratic Patriotic Party",
               ("auil", "auyl")),
)
BY_KEY = {p.key: p for p in PARTIES}


def party_for(name: str) -> KnownParty | None:
    """The party a published faction/party name refers to, or ``None`` when none matches."""
    folded = f" {search_key(name or '')} "
    for party in PARTIES:
        if any(f" {search_key(fragment)} " in folded for fragment in party.fragments):
            return party
    return None


def party_record(party: KnownParty, locator: str):
    """The party as a record, emitted by every file that names it (so it exists before positions)."""
    from opentenge.ingest.records import EntityRecord

    fields = {"name_kk": party.name_kk, "name_ru": party.name_ru, "name_en": party.name_en}
    return EntityRecord(kind="politics.party", key=party.key, fields=fields, locator=locator,
                        payload={"key": party.key, **fields})

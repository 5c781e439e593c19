"""FollowTheMoney entities (JSON lines) for the procurement data.

Mapping (ours, documented in docs/downloads.md):

* organisation → ``PublicBody`` when it buys as a state institution (a contract with ``is_gu``),
  ``Person`` for an individual entrepreneur, ``Company`` otherwise; BIN as ``registrationNumber``.
  A person carries **no identifier**: the masked IIN goes to ``description`` as text, because a
  masked number in an identifier property would make matching tools merge different people.
* contract → ``Contract`` (authority = buyer) and ``ContractAward`` (supplier, amount with VAT);
  a paid amount (``fakt_sum_wnds`` > 0) → ``Payment`` from buyer to supplier.

People in office, parties, memberships and company roles (Directorship, Ownership) come from
``export.ftm_politics``.

Entity ids are stable and readable: ``kz-bin-<BIN>``, ``ot-person-<fingerprint>``,
``ot-gz-contract-<id>`` …, so re-exports can be diffed and linked.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from followthemoney import model

from opentenge.export import ftm_politics
from opentenge.export.tables import CHUNK, org_id
from opentenge.store import models as m

SCHEMATA = ("PublicBody", "Company", "Person", "Contract", "ContractAward", "Payment", *ftm_politics.SCHEMATA)


def entity_id(org_key: str) -> str:
    kind, _, value = org_key.partition(":")
    return f"kz-bin-{value}" if kind == "BIN" else f"ot-person-{value}"


def _public_body_ids() -> set[int]:
    """Organisations that buy as a state institution; a small set (buyers only)."""
    return set(m.Contract.objects.filter(is_gu=True).values_list("customer_id", flat=True).distinct())


def organisation_entities(public_bodies: set[int]) -> Iterator:
    fields = ("id", "key", "bin", "iin_masked", "is_person", "name_ru", "name_kk", "registered_on")
    for row in m.Organisation.objects.order_by("id").values(*fields).iterator(chunk_size=CHUNK):
        if row["is_person"]:
            schema = "Person"
        elif row["id"] in public_bodies:
            schema = "PublicBody"
        else:
            schema = "Company"
        proxy = model.make_entity(schema)
        proxy.id = entity_id(row["key"])
        names = [n for n in (row["name_ru"], row["name_kk"]) if n]
        proxy.add("name", names[:1] or [org_id(row["key"])])
        proxy.add("alias", names[1:])
        proxy.add("country", "kz")
        proxy.add("sourceUrl", "https://goszakup.gov.kz/")
        if row["is_person"]:
            if row["iin_masked"]:
                proxy.add("description", f"IIN (masked): {row['iin_masked']}")
        else:
            proxy.add("registrationNumber", row["bin"])
            proxy.add("incorporationDate", row["registered_on"])
        yield proxy


def contract_entities() -> Iterator:
    fields = ("gz_id", "number_anno", "contract_number_sys", "contract_number", "description_ru", "description_kk",
              "sign_date", "contract_sum_wnds", "fakt_sum_wnds", "currency", "deleted", "customer__key",
              "supplier__key", "tender_id", "lot_id")
    for row in m.Contract.objects.order_by("gz_id").values(*fields).iterator(chunk_size=CHUNK):
        buyer, supplier = entity_id(row["customer__key"]), entity_id(row["supplier__key"])
        contract = model.make_entity("Contract")
        contract.id = f"ot-gz-contract-{row['gz_id']}"
        contract.add("title", row["description_ru"] or row["description_kk"]
                     or row["contract_number_sys"] or str(row["gz_id"]))
        contract.add("authority", buyer)
        contract.add("amount", str(row["contract_sum_wnds"]))
        contract.add("currency", row["currency"])
        contract.add("contractDate", row["sign_date"])
        contract.add("procedureNumber", row["number_anno"])
        contract.add("cancelled", row["deleted"])
        contract.add("sourceUrl", "https://goszakup.gov.kz/")
        yield contract
        award = model.make_entity("ContractAward")
        award.id = f"ot-gz-award-{row['gz_id']}"
        award.add("contract", contract.id)
        award.add("supplier", supplier)
        award.add("amount", str(row["contract_sum_wnds"]))
        award.add("currency", row["currency"])
        award.add("date", row["sign_date"])
        award.add("documentNumber", row["contract_number_sys"] or row["contract_number"])
        yield award
        if row["fakt_sum_wnds"] and row["fakt_sum_wnds"] > 0:
            payment = model.make_entity("Payment")
            payment.id = f"ot-gz-payment-{row['gz_id']}"
            payment.add("payer", buyer)
            payment.add("beneficiary", supplier)
            payment.add("contract", contract.id)
            payment.add("amount", str(row["fakt_sum_wnds"]))
            payment.add("currency", row["currency"])
            yield payment


def expected_total() -> int:
    """How many entities ``write_ftm`` will write (for the progress bar)."""
    return (m.Organisation.objects.count() + 2 * m.Contract.objects.count()
            + m.Contract.objects.filter(fakt_sum_wnds__gt=0).count() + ftm_politics.expected_total())


def write_ftm(path: Path, tick: Callable[[int], None]) -> dict[str, int]:
    """Write every entity as one JSON line; return counts per schema."""
    counts = {s: 0 for s in SCHEMATA}
    public_bodies = _public_body_ids()
    public_body_bins = set(m.Organisation.objects.filter(id__in=public_bodies).exclude(bin="")
                           .values_list("bin", flat=True))
    with path.open("w", encoding="utf-8") as handle:
        for source in (organisation_entities(public_bodies), contract_entities(),
                       ftm_politics.politics_entities(public_body_bins)):
            for proxy in source:
                handle.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
                counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
                tick(1)
    return counts

"""goszakup.gov.kz OWS v3: saved API responses → organisations, announcements, lots, contracts.

goszakup publishes no bulk download; every call needs a personal token. What an operator has is
therefore a folder of *saved responses*: REST pages (``{total, limit, next_page, items}``) and
GraphQL responses (``{data: {Entity: [...]}, extensions: {pageInfo}}``, or ``{errors: [...]}``).
This importer reads both shapes. REST pages spell fields in snake_case and GraphQL in camelCase;
both are folded to camelCase first. See ``README.md`` beside this file for the quirks.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import yaml
from django.conf import settings

from opentenge.ids import kz
from opentenge.ids.kz import mask_iin
from opentenge.ingest import parse as p
from opentenge.ingest.context import FileContext
from opentenge.ingest.parse import RecordError
from opentenge.ingest.records import EntityRecord, OrgRef, canonical_json, float_free_canonical_json

HERE = Path(__file__).resolve().parent
METHODS_REF = "ref_trade_methods"

# endpoint (REST path segment or file-name stem) -> entity kind
ENDPOINT_KINDS = {
    "subject": "organisation", "subjects": "organisation",
    "trd-buy": "tender", "trdbuy": "tender",
    "lots": "lot", "lot": "lot",
    "contract": "contract", "contracts": "contract",
}
GRAPHQL_KINDS = {"Subjects": "organisation", "TrdBuy": "tender", "Lots": "lot", "Contract": "contract"}
KIND_RANK = {"reference": 0, "organisation": 1, "tender": 2, "lot": 3, "contract": 4}
# Fields that may hold a natural person's IIN, and contact fields we never keep for persons.
ID_FIELDS = ("iin", "bin", "supplierBiin", "biinSupplier", "supplierBinIin", "customerBin", "orgBin")
PERSONAL_FIELDS = ("phone", "email", "website", "supplierLegalAddress", "address")


def english_names() -> dict[str, dict[int, str]]:
    """Our English names for reference entries (the source publishes Kazakh and Russian only)."""
    return yaml.safe_load((HERE / "names_en.yml").read_text(encoding="utf-8"))


def kind_from_name(name: str) -> tuple[str | None, str]:
    """``contract.0003.json`` → contract; ``ref_trade_methods.json`` → reference of that dictionary."""
    stem = name.split(".", 1)[0].lower()
    if stem.startswith("graphql-"):
        stem = stem[len("graphql-"):]
    if stem.startswith("ref_"):
        return "reference", stem
    return ENDPOINT_KINDS.get(stem), ""


def kind_from_url(url: str) -> tuple[str | None, str]:
    segments = [s for s in urlparse(url).path.split("/") if s]
    if "refs" in segments and segments.index("refs") + 1 < len(segments):
        return "reference", segments[segments.index("refs") + 1]
    for segment in reversed(segments):
        if segment in ENDPOINT_KINDS:
            return ENDPOINT_KINDS[segment], ""
    return None, ""


class Importer:
    name = "goszakup"

    def discover(self, paths: list[Path]) -> list[Path]:
        """Every ``*.json`` (not ``*.meta.json``) under the paths, references and registers first."""
        found: set[Path] = set()
        for path in paths:
            if path.is_dir():
                found.update(f for f in path.rglob("*.json") if not f.name.endswith(".meta.json"))
            else:
                found.add(path)
        return sorted(found, key=lambda f: (KIND_RANK.get(kind_from_name(f.name)[0] or "", 9), str(f)))

    def finish(self, summary) -> None:
        """State bodies that arrive after the budget still get linked to their budget administrator."""
        if summary.inserted or summary.updated:
            from opentenge.budget.administrators import relink

            relink()

    def read_file(self, ctx: FileContext) -> None:
        document, float_free = self._load(ctx)
        if document is None:
            return
        items, kind, ref_name, prefix = self._unwrap(ctx, document)
        if items is None:
            return
        ctx.kind = f"{kind}:{ref_name}" if ref_name else kind
        known_methods = ctx.known_references(METHODS_REF) if kind in {"tender", "lot", "contract"} else set()
        en = english_names().get(ref_name, {}) if kind == "reference" else {}
        for index, raw in enumerate(items):
            locator = f"{prefix}[{index}]"
            if not isinstance(raw, dict):
                ctx.quarantine(locator, f"record is not a JSON object but {type(raw).__name__}", raw=repr(raw)[:500])
                continue
            item = p.camel_case_keys(raw)
            payload = masked_payload(item)
            try:
                if kind == "reference":
                    key, fields, updated_at = reference_fields(item, ref_name, en)
                elif kind == "organisation":
                    key, fields, updated_at = organisation_fields(item)
                elif kind == "tender":
                    key, fields, updated_at = tender_fields(item, known_methods)
                elif kind == "lot":
                    key, fields, updated_at = lot_fields(item, known_methods)
                else:
                    key, fields, updated_at = contract_fields(item, known_methods)
            except RecordError as err:
                ctx.quarantine(locator, err.reason, field=err.field, record_key=str(item.get("id") or ""),
                               raw=canonical_json(payload))
                continue
            ctx.emit(EntityRecord(kind=kind, key=key, fields=fields, locator=locator, payload=payload,
                                  updated_at=updated_at,
                                  payload_json=float_free_canonical_json(payload) if float_free else ""))

    # -- envelopes ---------------------------------------------------------------------------

    def _load(self, ctx: FileContext):
        data = ctx.file.path.read_bytes()
        try:
            body = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            ctx.quarantine("file", f"encoding: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                           raw=data[:300].decode("utf-8", "replace"))
            return None, False
        constants = []  # NaN / Infinity: still read as floats, as json does, but then hashed by json

        def constant(name: str) -> float:
            constants.append(name)
            return float(name)

        try:
            return json.loads(body, parse_float=Decimal, parse_constant=constant), not constants
        except json.JSONDecodeError as exc:
            ctx.quarantine("file", f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                           raw=body[max(0, exc.pos - 200):exc.pos + 100])
            return None, False

    def _unwrap(self, ctx: FileContext, document):
        """Return ``(items, kind, ref_name, locator_prefix)`` or quarantine the file."""
        if isinstance(document, dict) and document.get("errors"):
            errors = document["errors"] if isinstance(document["errors"], list) else [document["errors"]]
            messages = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors)
            ctx.quarantine("errors", f"API error page (a failed request, not empty data): {messages}",
                           raw=canonical_json(document)[:2000])
            return None, "", "", ""
        if isinstance(document, dict) and isinstance(document.get("data"), dict):
            entities = document["data"]
            if len(entities) != 1:
                ctx.quarantine("data", f"GraphQL response must hold one entity list, found {sorted(entities)}")
                return None, "", "", ""
            (entity, items), = entities.items()
            kind = GRAPHQL_KINDS.get(entity)
            if kind is None:
                ctx.quarantine("data", f"unknown GraphQL entity {entity!r}; expected one of {sorted(GRAPHQL_KINDS)}")
                return None, "", "", ""
            if items is None:
                items = []
            if not isinstance(items, list):
                ctx.quarantine(f"data.{entity}", f"expected a list of records, got {type(items).__name__}")
                return None, "", "", ""
            return items, kind, "", f"data.{entity}"
        if isinstance(document, dict) and "items" in document:
            kind, ref_name = kind_from_url(ctx.file.url) if ctx.file.url else (None, "")
            if kind is None:
                kind, ref_name = kind_from_name(ctx.file.path.name)
            if kind is None and document.get("next_page"):
                kind, ref_name = kind_from_url(str(document["next_page"]))
            if kind is None:
                ctx.quarantine("file", "cannot tell which endpoint this REST page is from: name the file "
                                       "<endpoint>.<page>.json (e.g. contract.0001.json) or add a .meta.json with its url")
                return None, "", "", ""
            if not isinstance(document["items"], list):
                ctx.quarantine("items", f"expected a list of records, got {type(document['items']).__name__}")
                return None, "", "", ""
            return document["items"], kind, ref_name, "items"
        ctx.quarantine("file", "unrecognised layout: expected a REST page {total, limit, next_page, items} "
                               "or a GraphQL response {data, extensions}")
        return None, "", "", ""


# -- records ---------------------------------------------------------------------------------

# The same BINs and IINs come back on every page (a buyer signs thousands of contracts): their
# check and fingerprint are computed once per process, not once per mention.
check_id = lru_cache(maxsize=1 << 16)(kz.check_id)


@lru_cache(maxsize=1 << 16)
def iin_fingerprint(identifier: str, pepper: str) -> str:
    return kz.iin_fingerprint(identifier, pepper)


def masked_payload(item: dict) -> dict:
    """The record as kept in version history: a natural person's IIN masked, contacts dropped."""
    payload = dict(item)
    person = False
    for field in ID_FIELDS:
        value = payload.get(field)
        if isinstance(value, (str, int)) and str(value).strip():
            check = check_id(str(value).strip().zfill(12) if isinstance(value, int) else str(value))
            if check.kind == "IIN":
                payload[field] = mask_iin(str(value).strip())
                person = person or field in {"iin", "supplierBiin"}
    if person:
        for field in PERSONAL_FIELDS:
            payload.pop(field, None)
    return payload


def org_ref(identifier: str, *, pid: int | None, field: str, role: str, name_ru: str = "", name_kk: str = "") -> OrgRef:
    """An organisation named by its BIN, an entrepreneur by IIN, a foreigner by goszakup id."""
    identifier = (identifier or "").strip()
    if not identifier:
        if pid is None:
            raise RecordError(field, "missing: no BIN/IIN and no participant id")
        return OrgRef(key=f"GZPID:{pid}", name_ru=name_ru, name_kk=name_kk, role=role)
    check = check_id(identifier)
    if not check.valid:
        raise RecordError(field, f"invalid BIN/IIN {identifier!r}: {check.reason}")
    if check.kind == "IIN":
        return OrgRef(key=f"IIN:{iin_fingerprint(identifier, settings.ID_PEPPER)}", iin_masked=mask_iin(identifier),
                      is_person=True, name_ru=name_ru, name_kk=name_kk, role=role)
    return OrgRef(key=f"BIN:{identifier}", bin=identifier, name_ru=name_ru, name_kk=name_kk, role=role)


def _method(item: dict, field: str, known: set[int], *, required: bool) -> int | None:
    method = p.integer(item, field, required=required)
    if method is not None and method not in known:
        hint = "" if known else " (no procurement-method dictionary is loaded: ingest refs/ref_trade_methods first)"
        raise RecordError(field, f"unknown procurement method id {method}{hint}")
    return method


def reference_fields(item: dict, ref_name: str, en: dict[int, str]) -> tuple:
    ref_id = p.integer(item, "id", required=True)
    fields = dict(ref_name=ref_name, ref_id=ref_id, code=p.text(item, "code"), name_ru=p.text(item, "nameRu"),
                  name_kk=p.text(item, "nameKz"), name_en=en.get(ref_id, ""))
    return f"{ref_name}:{ref_id}", fields, None


def organisation_fields(item: dict) -> tuple:
    pid = p.integer(item, "pid")
    bin_, iin = p.text(item, "bin"), p.text(item, "iin")
    ref = org_ref(bin_ or iin, pid=pid, field="bin" if bin_ or not iin else "iin", role="")
    if bin_ and ref.is_person:
        raise RecordError("bin", f"the bin field holds an individual's IIN ({mask_iin(bin_)})")
    fields = dict(
        bin=ref.bin, iin_masked=ref.iin_masked, is_person=ref.is_person, name_ru=p.text(item, "nameRu"),
        name_kk=p.text(item, "nameKz"), registered_on=p.day(item, "regdate", earliest=p.EARLIEST_REGISTRATION), gz_pid=pid,
        is_customer=bool(p.boolean(item, "customer")), is_supplier=bool(p.boolean(item, "supplier")),
        is_organizer=bool(p.boolean(item, "organizer")), is_resident=p.boolean(item, "markResident"),
    )
    if not (fields["name_ru"] or fields["name_kk"]):
        raise RecordError("nameRu", "missing: a participant needs a name in Russian or Kazakh")
    return ref.key, fields, p.timestamp(item, "lastUpdateDate")


def tender_fields(item: dict, known_methods: set[int]) -> tuple:
    gz_id = p.integer(item, "id", required=True)
    customer = org_ref(p.text(item, "customerBin"), pid=p.integer(item, "customerPid"), field="customerBin",
                       role="customer", name_ru=p.text(item, "customerNameRu"), name_kk=p.text(item, "customerNameKz"))
    org_bin, org_pid = p.text(item, "orgBin"), p.integer(item, "orgPid")
    organizer = org_ref(org_bin, pid=org_pid, field="orgBin", role="organizer", name_ru=p.text(item, "orgNameRu"),
                        name_kk=p.text(item, "orgNameKz")) if (org_bin or org_pid) else None
    fields = dict(
        number_anno=p.text(item, "numberAnno"), name_ru=p.text(item, "nameRu"), name_kk=p.text(item, "nameKz"),
        total_sum=p.amount(item, "totalSum"), count_lots=p.integer(item, "countLots", bits=32),
        method_id=_method(item, "refTradeMethodsId", known_methods, required=True),
        status_id=p.integer(item, "refBuyStatusId", bits=32), subject_type_id=p.integer(item, "refSubjectTypeId", bits=32),
        publish_date=p.timestamp(item, "publishDate"), start_date=p.timestamp(item, "startDate"),
        end_date=p.timestamp(item, "endDate"), customer=customer, organizer=organizer,
    )
    if fields["organizer"] is None:
        fields.pop("organizer")
    return gz_id, fields, p.timestamp(item, "lastUpdateDate")


def lot_fields(item: dict, known_methods: set[int]) -> tuple:
    gz_id = p.integer(item, "id", required=True)
    customer = org_ref(p.text(item, "customerBin"), pid=p.integer(item, "customerId"), field="customerBin",
                       role="customer", name_ru=p.text(item, "customerNameRu"), name_kk=p.text(item, "customerNameKz"))
    fields = dict(
        lot_number=p.text(item, "lotNumber"), tender_id=p.integer(item, "trdBuyId"),
        name_ru=p.text(item, "nameRu"), name_kk=p.text(item, "nameKz"),
        description_ru=p.text(item, "descriptionRu"), description_kk=p.text(item, "descriptionKz"),
        amount=p.amount(item, "amount"), count=p.amount(item, "count"),
        method_id=_method(item, "refTradeMethodsId", known_methods, required=False),
        status_id=p.integer(item, "refLotStatusId", bits=32), customer=customer,
    )
    return gz_id, fields, p.timestamp(item, "lastUpdateDate")


def contract_fields(item: dict, known_methods: set[int]) -> tuple:
    gz_id = p.integer(item, "id", required=True)
    customer = org_ref(p.text(item, "customerBin"), pid=p.integer(item, "customerId"), field="customerBin",
                       role="customer")
    supplier = org_ref(p.text(item, "supplierBiin"), pid=p.integer(item, "supplierId"), field="supplierBiin",
                       role="supplier")
    with_vat = p.amount(item, "contractSumWnds")
    without_vat = p.amount(item, "contractSum")
    if with_vat is None and without_vat is None:
        raise RecordError("contractSumWnds", "missing: neither contractSumWnds nor contractSum is given")
    units = item.get("contractUnits") or item.get("ContractUnits") or []
    lot_ids = [p.integer(u, "lotId") for u in (p.camel_case_keys(u) for u in units if isinstance(u, dict))]
    currency = p.text(item, "refCurrencyCode") or "KZT"
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise RecordError("refCurrencyCode", f"not an ISO 4217 code: {currency!r}")
    fields = dict(
        parent_gz_id=p.integer(item, "parentId"), root_gz_id=p.integer(item, "rootId"),
        tender_id=p.integer(item, "trdBuyId"), lot_id=next((i for i in lot_ids if i), None),
        number_anno=p.text(item, "trdBuyNumberAnno"), contract_number=p.text(item, "contractNumber"),
        contract_number_sys=p.text(item, "contractNumberSys"), status_id=p.integer(item, "refContractStatusId", bits=32),
        deleted=bool(p.boolean(item, "deleted")), customer=customer, supplier=supplier,
        sign_date=p.day(item, "signDate"), ec_end_date=p.day(item, "ecEndDate"),
        plan_exec_date=p.day(item, "planExecDate"), fakt_exec_date=p.day(item, "faktExecDate"),
        contract_sum=without_vat, contract_sum_wnds=with_vat if with_vat is not None else without_vat,
        fakt_sum=p.amount(item, "faktSum"), fakt_sum_wnds=p.amount(item, "faktSumWnds"), currency=currency,
        exchange_rate=p.amount(item, "exchangeRate"), fin_year=p.integer(item, "finYear"),
        method_id=_method(item, "faktTradeMethodsId", known_methods, required=True),
        subject_type_id=p.integer(item, "refSubjectTypeId", bits=32), description_ru=p.text(item, "descriptionRu"),
        description_kk=p.text(item, "descriptionKz"), is_gu=p.boolean(item, "isGu"),
    )
    if fields["fin_year"] is not None and not 2000 <= fields["fin_year"] <= 2035:
        raise RecordError("finYear", f"date out of range: financial year {fields['fin_year']}")
    return gz_id, fields, p.timestamp(item, "lastUpdateDate")

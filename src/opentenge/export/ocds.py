"""OCDS 1.1 release packages and compiled records for procurement.

Kazakhstan publishes no OCDS; this mapping from goszakup is ours (docs/downloads.md):

* one contracting process (``ocid``) per announcement: ``<prefix>-gz-<announcement id>``; a
  contract whose announcement we do not hold gets its own process ``<prefix>-gzc-<contract id>``.
  The prefix is ``OPENTENGE_OCID_PREFIX`` (default ``ocds-otenge``, *not* registered with OCP).
* releases: a ``tender`` release per announcement, then an ``award``+``contract`` release per
  contract, dated by the source's own update date when known;
* a record per ocid, compiled with ``ocdsmerge`` from those releases, using merge rules derived
  from the vendored OCDS 1.1.5 release schema (no network).

Amounts are with VAT in KZT (what every OpenTenge total uses).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef

from opentenge.export.tables import CHUNK, org_id
from opentenge.store import models as m

SCHEMA = Path(__file__).with_name("schema") / "release-schema.json"
PUBLISHER = {"name": "OpenTenge"}
PACKAGE_URI = "https://opentenge.kz/downloads/"
TENDER_BATCH = 500  # announcements whose contracts are fetched in one query


def ocid_prefix() -> str:
    return getattr(settings, "OPENTENGE_OCID_PREFIX", None) or "ocds-otenge"


@lru_cache(maxsize=1)
def merger():
    import ocdsmerge

    return ocdsmerge.Merger(schema=json.loads(SCHEMA.read_text(encoding="utf-8")))


def _method(code: str | None) -> str | None:
    """goszakup method code → OCDS ``method`` codelist (open/selective/limited/direct)."""
    if not code:
        return None
    code = code.upper()
    if code.startswith("IOI"):
        return "direct"
    if code.startswith("KPKO"):
        return "selective"
    if code in {"OK", "ZCP", "AUC", "OK_ETAP"} or code.startswith(("OK", "ZCP", "AUC")):
        return "open"
    return None


def _when(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    return dt.datetime.combine(value, dt.time(), dt.timezone.utc).isoformat().replace("+00:00", "Z")


def _amount(value: Decimal | None, currency: str = "KZT") -> dict | None:
    if value is None:
        return None
    number = int(value) if value == value.to_integral_value() else float(value)
    return {"amount": number, "currency": currency or "KZT"}


def _party(key: str, name_ru: str, name_kk: str, bin_: str | None, role: str) -> dict:
    party = {"id": org_id(key), "name": name_ru or name_kk or org_id(key), "roles": [role]}
    if bin_:
        party["identifier"] = {"scheme": "KZ-BIN", "id": bin_, "legalName": name_ru or name_kk}
    return party


def _clean(value):
    """Drop ``None`` and empty values: OCDS fields are optional, but never null-typed."""
    if isinstance(value, dict):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [c for c in (_clean(v) for v in value) if c not in (None, "", [], {})]
    return value


def tender_release(ocid: str, t: dict, methods: dict) -> dict:
    buyer = _party(t["customer__key"], t["customer__name_ru"], t["customer__name_kk"], t["customer__bin"], "buyer") \
        if t["customer__key"] else None
    return _clean({
        "ocid": ocid, "id": f"{ocid}-tender", "date": _when(t["source_updated_at"] or t["publish_date"])
        or "1970-01-01T00:00:00Z",
        "tag": ["tender"], "initiationType": "tender", "language": "ru",
        "parties": [buyer] if buyer else [],
        "buyer": {"id": buyer["id"], "name": buyer["name"]} if buyer else None,
        "tender": {
            "id": str(t["gz_id"]), "title": t["name_ru"] or t["name_kk"], "value": _amount(t["total_sum"]),
            "procurementMethod": _method(methods.get(t["method_id"], {}).get("code")),
            "procurementMethodDetails": methods.get(t["method_id"], {}).get("name_ru"),
            "numberOfTenderers": None,
            "tenderPeriod": {"startDate": _when(t["start_date"]), "endDate": _when(t["end_date"])},
        },
    })


def contract_release(ocid: str, c: dict, methods: dict) -> dict:
    buyer = _party(c["customer__key"], c["customer__name_ru"], c["customer__name_kk"], c["customer__bin"], "buyer")
    supplier = _party(c["supplier__key"], c["supplier__name_ru"], c["supplier__name_kk"], c["supplier__bin"],
                      "supplier")
    award_id = f"gz-award-{c['gz_id']}"
    value = _amount(c["contract_sum_wnds"], c["currency"])
    return _clean({
        "ocid": ocid, "id": f"{ocid}-contract-{c['gz_id']}",
        "date": _when(c["source_updated_at"] or c["sign_date"]) or "1970-01-01T00:00:00Z",
        "tag": ["award", "contract"], "initiationType": "tender", "language": "ru",
        "parties": [buyer, supplier] if buyer["id"] != supplier["id"] else [buyer],
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
        "awards": [{"id": award_id, "status": "active", "date": _when(c["sign_date"]), "value": value,
                    "suppliers": [{"id": supplier["id"], "name": supplier["name"]}]}],
        "contracts": [{
            "id": f"gz-contract-{c['gz_id']}", "awardID": award_id,
            "title": c["description_ru"] or c["description_kk"], "value": value,
            "status": "cancelled" if c["deleted"] else None,
            "dateSigned": _when(c["sign_date"]),
            "period": {"startDate": _when(c["sign_date"]), "endDate": _when(c["ec_end_date"])},
            "implementation": {"transactions": [{"id": f"gz-paid-{c['gz_id']}",
                                                 "value": _amount(c["fakt_sum_wnds"], c["currency"]),
                                                 "payer": {"id": buyer["id"], "name": buyer["name"]},
                                                 "payee": {"id": supplier["id"], "name": supplier["name"]}}]}
            if c["fakt_sum_wnds"] and c["fakt_sum_wnds"] > 0 else None,
        }],
        "tender": {"id": str(c["tender_id"]) if c["tender_id"] else f"gzc-{c['gz_id']}",
                   "procurementMethod": _method(methods.get(c["method_id"], {}).get("code")),
                   "procurementMethodDetails": methods.get(c["method_id"], {}).get("name_ru")},
    })


TENDER_FIELDS = ("gz_id", "name_ru", "name_kk", "total_sum", "method_id", "publish_date", "start_date", "end_date",
                 "source_updated_at", "customer__key", "customer__name_ru", "customer__name_kk", "customer__bin")
CONTRACT_FIELDS = ("gz_id", "tender_id", "description_ru", "description_kk", "contract_sum_wnds", "fakt_sum_wnds",
                   "currency", "deleted", "sign_date", "ec_end_date", "method_id", "source_updated_at",
                   *(f"{role}__{f}" for role in ("customer", "supplier") for f in ("key", "name_ru", "name_kk", "bin")))


def _orphan_contracts():
    """Contracts whose announcement we do not hold: each is a contracting process of its own."""
    return m.Contract.objects.filter(~Exists(m.Tender.objects.filter(gz_id=OuterRef("tender_id"))))


def expected_processes() -> int:
    return m.Tender.objects.count() + _orphan_contracts().count()


def processes() -> Iterator[tuple[str, list[dict]]]:
    """(ocid, releases in date order), one contracting process at a time, streamed."""
    methods = {r["ref_id"]: r for r in m.Reference.objects.filter(ref_name="ref_trade_methods")
               .values("ref_id", "code", "name_ru")}
    prefix = ocid_prefix()
    tenders = m.Tender.objects.order_by("gz_id").values(*TENDER_FIELDS).iterator(chunk_size=CHUNK)
    batch: list[dict] = []

    def emit(batch):
        contracts: dict[int, list[dict]] = {}
        for c in (m.Contract.objects.filter(tender_id__in=[t["gz_id"] for t in batch]).order_by("gz_id")
                  .values(*CONTRACT_FIELDS)):
            contracts.setdefault(c["tender_id"], []).append(c)
        for t in batch:
            ocid = f"{prefix}-gz-{t['gz_id']}"
            releases = [tender_release(ocid, t, methods)]
            releases += [contract_release(ocid, c, methods) for c in contracts.get(t["gz_id"], [])]
            yield ocid, sorted(releases, key=lambda r: r["date"])

    for t in tenders:
        batch.append(t)
        if len(batch) >= TENDER_BATCH:
            yield from emit(batch)
            batch = []
    yield from emit(batch)
    orphans = (_orphan_contracts().order_by("gz_id").values(*CONTRACT_FIELDS).iterator(chunk_size=CHUNK))
    for c in orphans:
        ocid = f"{prefix}-gzc-{c['gz_id']}"
        yield ocid, [contract_release(ocid, c, methods)]


def _package(kind: str, items: list[dict], published: str) -> dict:
    package = {"uri": f"{PACKAGE_URI}ocds/{kind}/{items[0]['ocid']}.json", "version": "1.1",
               "publishedDate": published, "publisher": PUBLISHER,
               "publicationPolicy": "https://opentenge.kz/about/"}
    package[kind] = items
    return package


def write_ocds(folder: Path, tick: Callable[[int], None]) -> dict[str, int]:
    """``release-packages.jsonl`` (one package per ocid) and ``records.jsonl`` (compiled records)."""
    published = _when(dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    counts = {"ocids": 0, "releases": 0}
    with (folder / "release-packages.jsonl").open("w", encoding="utf-8") as releases_out, \
            (folder / "record-packages.jsonl").open("w", encoding="utf-8") as records_out:
        for ocid, releases in processes():
            releases_out.write(json.dumps(_package("releases", releases, published), ensure_ascii=False) + "\n")
            record = {"ocid": ocid, "releases": [
                {"url": f"{PACKAGE_URI}ocds/releases/{ocid}.json#{r['id']}", "date": r["date"], "tag": r["tag"]}
                for r in releases],
                "compiledRelease": merger().create_compiled_release(releases)}
            records_out.write(json.dumps(_package("records", [record], published), ensure_ascii=False) + "\n")
            counts["ocids"] += 1
            counts["releases"] += len(releases)
            tick(1)
    return counts

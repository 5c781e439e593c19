"""One query layer for the website, its JSON twins and the API.

Every figure a person sees on a page and every figure a client reads from ``/api/v1`` comes from
a function here, so the two cannot drift apart. Functions return plain dicts and lists (amounts
as ``Decimal``); the callers decide how to render them.

Money rule (see docs/methodology.md): a contract's value is ``contract_sum_wnds`` (with VAT, what
the buyer pays), counted when the contract is not deleted and is in tenge (KZT).
"""
from __future__ import annotations

import base64
import binascii
from decimal import Decimal

from django.db.models import CharField, Count, IntegerField, Max, Min, Q, Sum
from django.db.models.functions import Cast, Substr

from opentenge import corrections
from opentenge.ids.search import search_key
from opentenge.store import aggregates, search
from opentenge.store import models as m

COUNTED = Q(deleted=False, currency="KZT")
MAX_PAGE = 500
DEFAULT_PAGE = 50


class NotFound(LookupError):
    pass


class BadCursor(ValueError):
    pass


# -- cursors -------------------------------------------------------------------------------

def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, value = text.split(":", 1)
        if prefix != "id":
            raise ValueError
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadCursor(f"invalid cursor {cursor!r}: pass back the next_cursor value exactly") from None


def _limit(limit: int | None) -> int:
    return max(1, min(int(limit or DEFAULT_PAGE), MAX_PAGE))


def _page(queryset, cursor: str | None, limit: int | None, serialise) -> dict:
    """Keyset pagination by id: stable under inserts, no offset, no cap on how far one can page."""
    size = _limit(limit)
    rows = list(queryset.filter(id__gt=decode_cursor(cursor)).order_by("id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return {
        "items": [serialise(r) for r in rows],
        "next_cursor": encode_cursor(rows[-1].id) if more and rows else None,
    }


# -- organisations ---------------------------------------------------------------------------

def org_slug(org: m.Organisation) -> str:
    return org.bin or org.key.replace(":", "-", 1)


def organisation_summary(org: m.Organisation) -> dict:
    """What may be published about an organisation: never a natural person's full IIN."""
    return {
        "id": org_slug(org),
        "bin": org.bin,
        "iin_masked": org.iin_masked or None,
        "is_person": org.is_person,
        "name_ru": org.name_ru,
        "name_kk": org.name_kk,
        "is_customer": org.is_customer,
        "is_supplier": org.is_supplier,
    }


# Columns of ``organisation_summary``, for lists read with ``.values()``: building model instances
# (30 columns, provenance and all) cost more than the query on long lists.
ORGANISATION_COLUMNS = ("id", "key", "bin", "iin_masked", "is_person", "name_ru", "name_kk", "is_customer",
                        "is_supplier")


def organisation_summary_row(row: dict, prefix: str = "") -> dict:
    """``organisation_summary`` of a ``.values()`` row (``prefix``: ``customer__`` for a related one)."""
    bin_, key = row[prefix + "bin"], row[prefix + "key"]
    return {
        "id": bin_ or key.replace(":", "-", 1),
        "bin": bin_,
        "iin_masked": row[prefix + "iin_masked"] or None,
        "is_person": row[prefix + "is_person"],
        "name_ru": row[prefix + "name_ru"],
        "name_kk": row[prefix + "name_kk"],
        "is_customer": row[prefix + "is_customer"],
        "is_supplier": row[prefix + "is_supplier"],
    }


def get_organisation(slug: str) -> m.Organisation:
    slug = (slug or "").strip()
    lookup = {"bin": slug} if slug.isdigit() and len(slug) == 12 else {"key": slug.replace("-", ":", 1)}
    try:
        return m.Organisation.objects.get(**lookup)
    except m.Organisation.DoesNotExist:
        raise NotFound(f"no organisation {slug!r}") from None


def _totals(queryset) -> dict:
    agg = queryset.aggregate(contracts=Count("id"), value=Sum("contract_sum_wnds"))
    return {"contracts": agg["contracts"] or 0, "value": agg["value"] or Decimal("0")}


def _sign_year():
    """The year of ``sign_date`` in SQL on both engines: the first four characters of the ISO date.

    Django's ``ExtractYear`` on SQLite calls a Python function per row (``django_date_extract``),
    which dominated the organisation page of a large buyer; ``substr`` runs inside SQLite.
    """
    return Cast(Substr(Cast("sign_date", CharField()), 1, 4), IntegerField())


def _by_year(queryset) -> list[dict]:
    rows = (queryset.annotate(year=_sign_year()).values("year")
            .annotate(contracts=Count("id"), value=Sum("contract_sum_wnds")).order_by("year"))
    return [{"year": r["year"], "contracts": r["contracts"], "value": r["value"] or Decimal("0")} for r in rows]


def _top_counterparts(queryset, role: str, limit: int = 10) -> list[dict]:
    rows = (queryset.values(f"{role}_id").annotate(contracts=Count("id"), value=Sum("contract_sum_wnds"))
            .order_by("-value", f"{role}_id")[:limit])
    orgs = m.Organisation.objects.in_bulk([r[f"{role}_id"] for r in rows])
    return [{**organisation_summary(orgs[r[f"{role}_id"]]), "contracts": r["contracts"], "value": r["value"]}
            for r in rows]


def _role_figures(org: m.Organisation, role: str, stored: dict | None) -> dict:
    """Totals, years and top counterparts of ``org`` as buyer or supplier.

    From the pre-computed tables when they are current for this organisation (``stored``), else
    from the live aggregate query; both give the same figures (tests/test_search_fast.py).
    """
    counterpart, top_key = ("supplier", "top_suppliers") if role == "buyer" else ("customer", "top_buyers")
    if stored is not None:
        side = stored[role]
        orgs = m.Organisation.objects.in_bulk([r["counterpart_id"] for r in side["top"]])
        if all(r["counterpart_id"] in orgs for r in side["top"]):
            by_year = [{**r, "value": r["value"] or Decimal("0")} for r in side["by_year"]]
            top = [{**organisation_summary(orgs[r["counterpart_id"]]), "contracts": r["contracts"],
                    "value": r["value"]} for r in side["top"]]
            return {**aggregates.totals(side["by_year"]), "by_year": by_year, top_key: top}
    contracts = m.Contract.objects.filter(COUNTED, **{"customer" if role == "buyer" else "supplier": org})
    return {**_totals(contracts), "by_year": _by_year(contracts), top_key: _top_counterparts(contracts, counterpart)}


def organisation_detail(slug: str, *, live: bool = False) -> dict:
    """An organisation with its figures as buyer and supplier (``live=True``: never the stored sums)."""
    org = get_organisation(slug)
    stored = None if live else aggregates.stored_figures(org.id)
    return corrections.apply("organisation", org_slug(org), {
        **organisation_summary(org),
        "registered_on": org.registered_on,
        "provenance": provenance(org),
        "as_buyer": _role_figures(org, "buyer", stored),
        "as_supplier": _role_figures(org, "supplier", stored),
    })  # accepted corrections laid over the source's values, which stay as published


CONTRACT_SORTS = {
    "date": ("sign_date", "id"), "-date": ("-sign_date", "-id"),
    "value": ("contract_sum_wnds", "id"), "-value": ("-contract_sum_wnds", "-id"),
}


def organisation_contracts(slug: str, role: str, *, sort: str = "-date", page: int = 1,
                           per_page: int = DEFAULT_PAGE) -> dict:
    """One page of an organisation's contracts as buyer or supplier (numbered pages for tables)."""
    org = get_organisation(slug)
    if role not in {"buyer", "supplier"}:
        raise ValueError(f"role must be buyer or supplier, not {role!r}")
    order = CONTRACT_SORTS.get(sort, CONTRACT_SORTS["-date"])
    field = "customer_id" if role == "buyer" else "supplier_id"
    qs = m.Contract.objects.filter(**{field: org.id})
    total = qs.count()
    per_page = _limit(per_page)
    pages = max(1, -(-total // per_page))
    page = max(1, min(int(page or 1), pages))
    rows = qs.order_by(*order).values(*CONTRACT_COLUMNS)[(page - 1) * per_page: page * per_page]
    return {"role": role, "sort": sort if sort in CONTRACT_SORTS else "-date", "page": page, "pages": pages,
            "total": total, "items": [contract_summary_row(r) for r in rows]}


def search_organisations(query: str, *, cursor: str | None = None, limit: int | None = None) -> dict:
    """Organisations whose name (any script) or BIN matches every word of the query.

    Words are found through an index (``store.search``: FTS5 trigrams on SQLite, pg_trgm on
    PostgreSQL); the rule and the id order are the same as a scan of ``search_text`` would give.
    """
    query = (query or "").strip()
    size, after = _limit(limit), decode_cursor(cursor)
    qs = m.Organisation.objects.all()
    digits = query.replace(" ", "")
    if digits.isdigit():
        # A range on the unique BIN index finds the prefix; startswith keeps the exact rule.
        qs = qs.filter(bin__gte=digits, bin__lte=digits + "9" * max(0, 12 - len(digits)), bin__startswith=digits)
    else:
        tokens = search_key(query).split()
        if not tokens:
            return {"query": query, "items": [], "next_cursor": None}
        ids = search.page_of_ids(tokens, after, size + 1)
        if ids is not None:
            qs = qs.filter(id__in=ids)
        else:
            for token in tokens:
                qs = qs.filter(search_text__contains=token)
    rows = list(qs.filter(id__gt=after).order_by("id").values(*ORGANISATION_COLUMNS)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return {"query": query, "items": [organisation_summary_row(r) for r in rows],
            "next_cursor": encode_cursor(rows[-1]["id"]) if more and rows else None}


def list_organisations(*, cursor: str | None = None, limit: int | None = None) -> dict:
    return _page(m.Organisation.objects.all(), cursor, limit, organisation_summary)


# -- contracts -------------------------------------------------------------------------------

def method_names() -> dict[int, dict]:
    return {r.ref_id: {"ru": r.name_ru, "kk": r.name_kk, "en": r.name_en}
            for r in m.Reference.objects.filter(ref_name="ref_trade_methods")}


def contract_summary(c: m.Contract) -> dict:
    return {
        "id": c.gz_id,
        "number": c.contract_number_sys or c.contract_number,
        "sign_date": c.sign_date,
        "fin_year": c.fin_year,
        "customer": organisation_summary(c.customer),
        "supplier": organisation_summary(c.supplier),
        "method_id": c.method_id,
        "value": c.contract_sum_wnds,
        "currency": c.currency,
        "deleted": c.deleted,
        "description_ru": c.description_ru,
        "description_kk": c.description_kk,
    }


CONTRACT_COLUMNS = ("id", "gz_id", "contract_number_sys", "contract_number", "sign_date", "fin_year", "method_id",
                    "contract_sum_wnds", "currency", "deleted", "description_ru", "description_kk",
                    *(f"{party}__{c}" for party in ("customer", "supplier") for c in ORGANISATION_COLUMNS if c != "id"))


def contract_summary_row(row: dict) -> dict:
    """``contract_summary`` of a ``.values(*CONTRACT_COLUMNS)`` row: the same dict, no model instances."""
    return {
        "id": row["gz_id"],
        "number": row["contract_number_sys"] or row["contract_number"],
        "sign_date": row["sign_date"],
        "fin_year": row["fin_year"],
        "customer": organisation_summary_row(row, "customer__"),
        "supplier": organisation_summary_row(row, "supplier__"),
        "method_id": row["method_id"],
        "value": row["contract_sum_wnds"],
        "currency": row["currency"],
        "deleted": row["deleted"],
        "description_ru": row["description_ru"],
        "description_kk": row["description_kk"],
    }


def provenance(row) -> dict | None:
    sf = row.source_file
    if sf is None:
        return None
    return {"source": row.source, "file": sf.name, "path": sf.path, "sha256": sf.sha256, "url": sf.url or None,
            "retrieved_at": sf.retrieved_at, "ingested_at": sf.ingested_at, "locator": row.locator}


def contract_detail(gz_id: int) -> dict:
    try:
        c = (m.Contract.objects.select_related("customer", "supplier", "source_file").get(gz_id=int(gz_id)))
    except (m.Contract.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"no contract {gz_id!r}") from None
    tender = m.Tender.objects.filter(gz_id=c.tender_id).first() if c.tender_id else None
    lot = m.Lot.objects.filter(gz_id=c.lot_id).first() if c.lot_id else None
    methods = method_names()
    versions = m.RecordVersion.objects.filter(source=c.source, kind="contract", key=str(c.gz_id)).count()
    return corrections.apply("contract", str(c.gz_id), {
        **contract_summary(c),
        "contract_number": c.contract_number,
        "contract_number_sys": c.contract_number_sys,
        "method": methods.get(c.method_id),
        "planned_method_id": tender.method_id if tender else None,
        "planned_method": methods.get(tender.method_id) if tender else None,
        "value_without_vat": c.contract_sum,
        "value_with_vat": c.contract_sum_wnds,
        "paid": c.fakt_sum_wnds,
        "ec_end_date": c.ec_end_date,
        "plan_exec_date": c.plan_exec_date,
        "fakt_exec_date": c.fakt_exec_date,
        "status_id": c.status_id,
        "tender": ({"id": tender.gz_id, "number": tender.number_anno, "name_ru": tender.name_ru,
                    "name_kk": tender.name_kk, "publish_date": tender.publish_date} if tender else
                   ({"id": c.tender_id, "number": c.number_anno} if c.tender_id else None)),
        "lot": ({"id": lot.gz_id, "number": lot.lot_number, "name_ru": lot.name_ru, "name_kk": lot.name_kk,
                 "amount": lot.amount} if lot else None),
        "versions": versions,
        "provenance": provenance(c),
    })


def list_contracts(*, cursor: str | None = None, limit: int | None = None, year: int | None = None,
                   method_id: int | None = None, customer: str | None = None, supplier: str | None = None) -> dict:
    qs = filtered_contracts(year=year, method_id=method_id, customer=customer, supplier=supplier)
    return _page(qs, cursor, limit, contract_summary)


def filtered_contracts(*, year: int | None = None, method_id: int | None = None, customer: str | None = None,
                       supplier: str | None = None):
    """Contracts matching the explorer's filters (year signed, method used, buyer, supplier), unordered."""
    qs = m.Contract.objects.select_related("customer", "supplier")
    if year:
        qs = qs.filter(sign_date__year=year)
    if method_id is not None:
        qs = qs.filter(method_id=method_id)
    if customer:
        qs = qs.filter(customer=get_organisation(customer))
    if supplier:
        qs = qs.filter(supplier=get_organisation(supplier))
    return qs


# -- tenders and lots ------------------------------------------------------------------------

def tender_summary(t: m.Tender) -> dict:
    return {"id": t.gz_id, "number": t.number_anno, "name_ru": t.name_ru, "name_kk": t.name_kk,
            "customer": organisation_summary(t.customer) if t.customer_id else None,
            "organizer": organisation_summary(t.organizer) if t.organizer_id else None,
            "method_id": t.method_id, "status_id": t.status_id, "total_sum": t.total_sum, "count_lots": t.count_lots,
            "publish_date": t.publish_date, "start_date": t.start_date, "end_date": t.end_date}


def filtered_tenders(*, year: int | None = None, method_id: int | None = None, customer: str | None = None,
                     status_id: int | None = None):
    """Announcements matching the filters (year published, planned method, buyer, status), unordered."""
    qs = m.Tender.objects.select_related("customer", "organizer")
    if year:
        qs = qs.filter(publish_date__year=year)
    if method_id is not None:
        qs = qs.filter(method_id=method_id)
    if customer:
        qs = qs.filter(customer=get_organisation(customer))
    if status_id is not None:
        qs = qs.filter(status_id=status_id)
    return qs


def tender_detail(gz_id: int) -> dict:
    """An announcement with its lots and the contracts signed on it (by the source's own ids)."""
    try:
        t = m.Tender.objects.select_related("customer", "organizer", "source_file").get(gz_id=int(gz_id))
    except (m.Tender.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"no tender {gz_id!r}") from None
    lots = m.Lot.objects.select_related("customer").filter(tender_id=t.gz_id).order_by("gz_id")
    contracts = m.Contract.objects.select_related("customer", "supplier").filter(tender_id=t.gz_id).order_by("gz_id")
    return {**tender_summary(t), "method": method_names().get(t.method_id),
            "lots": [lot_summary(lot) for lot in lots], "contracts": [contract_summary(c) for c in contracts],
            "provenance": provenance(t)}


def lot_summary(lot: m.Lot) -> dict:
    return {"id": lot.gz_id, "number": lot.lot_number, "tender_id": lot.tender_id, "name_ru": lot.name_ru,
            "name_kk": lot.name_kk, "description_ru": lot.description_ru, "description_kk": lot.description_kk,
            "amount": lot.amount, "count": lot.count, "method_id": lot.method_id, "status_id": lot.status_id,
            "customer": organisation_summary(lot.customer) if lot.customer_id else None}


def filtered_lots(*, tender: int | None = None, method_id: int | None = None, customer: str | None = None):
    qs = m.Lot.objects.select_related("customer")
    if tender is not None:
        qs = qs.filter(tender_id=tender)
    if method_id is not None:
        qs = qs.filter(method_id=method_id)
    if customer:
        qs = qs.filter(customer=get_organisation(customer))
    return qs


def lot_detail(gz_id: int) -> dict:
    try:
        lot = m.Lot.objects.select_related("customer", "source_file").get(gz_id=int(gz_id))
    except (m.Lot.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"no lot {gz_id!r}") from None
    contracts = m.Contract.objects.select_related("customer", "supplier").filter(lot_id=lot.gz_id).order_by("gz_id")
    return {**lot_summary(lot), "contracts": [contract_summary(c) for c in contracts], "provenance": provenance(lot)}


# -- overview -------------------------------------------------------------------------------

def top_organisations(role: str, limit: int = 10) -> list[dict]:
    return _top_counterparts(m.Contract.objects.filter(COUNTED), role, limit)


def overview() -> dict:
    counted = m.Contract.objects.filter(COUNTED)
    agg = counted.aggregate(first=Min("sign_date"), last=Max("sign_date"))
    by_method = (counted.values("method_id").annotate(contracts=Count("id"), value=Sum("contract_sum_wnds"))
                 .order_by("-value"))
    methods = method_names()
    return {
        **_totals(counted),
        "buyers": counted.values("customer_id").distinct().count(),
        "suppliers": counted.values("supplier_id").distinct().count(),
        "first_date": agg["first"],
        "last_date": agg["last"],
        "by_year": _by_year(counted),
        "by_method": [{"method_id": r["method_id"], "method": methods.get(r["method_id"]),
                       "contracts": r["contracts"], "value": r["value"]} for r in by_method],
        "top_buyers": top_organisations("customer"),
        "top_suppliers": top_organisations("supplier"),
    }


def quarantine_item(q: m.QuarantinedRecord) -> dict:
    return {"id": q.id, "source": q.source, "file": q.source_file.name, "path": q.source_file.path,
            "sha256": q.source_file.sha256, "locator": q.locator, "record_key": q.record_key or None,
            "field": q.field or None, "reason": q.reason, "raw": q.raw, "created_at": q.created_at}


def quarantine_list(*, cursor: str | None = None, limit: int | None = None) -> dict:
    page = _page(m.QuarantinedRecord.objects.select_related("source_file"), cursor, limit, quarantine_item)
    page["total"] = m.QuarantinedRecord.objects.count()
    return page


def stats() -> dict:
    """Counts per entity kind and per source (the ``opentenge stats`` contract)."""
    data = {
        "organisations": m.Organisation.objects.count(),
        "persons": m.Organisation.objects.filter(is_person=True).count(),
        "tenders": m.Tender.objects.count(),
        "lots": m.Lot.objects.count(),
        "contracts": m.Contract.objects.count(),
        "references": m.Reference.objects.count(),
        "quarantined": m.QuarantinedRecord.objects.count(),
        "record_versions": m.RecordVersion.objects.count(),
        "source_files": m.SourceFile.objects.count(),
    }
    by_source: dict[str, dict] = {}
    for row in m.SourceFile.objects.values("source").annotate(files=Count("id"), records=Sum("records")):
        by_source[row["source"]] = {"files": row["files"], "records": row["records"] or 0}
    for model, name in ((m.Organisation, "organisations"), (m.Tender, "tenders"), (m.Lot, "lots"),
                        (m.Contract, "contracts"), (m.Reference, "references"), (m.QuarantinedRecord, "quarantined")):
        for row in model.objects.values("source").annotate(n=Count("id")):
            by_source.setdefault(row["source"], {"files": 0, "records": 0})[name] = row["n"]
    data["by_source"] = by_source
    return data

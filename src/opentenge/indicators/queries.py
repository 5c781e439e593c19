"""Plain-data reads of stored flags, shared by the pages, their ``.json`` twins, the API and the panel.

Money: "flagged value" is the sum of *distinct* counted contracts that at least one flagged result
concerns, so a contract flagged by three indicators is counted once. Insufficient data is reported
in its own columns (results and the value of contracts concerned), never folded into "clear".
"""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum

from opentenge.indicators import base
from opentenge.indicators.models import FlagResult, ResultContract
from opentenge.store import models as m
from opentenge.store.queries import COUNTED, NotFound, get_organisation, organisation_summary

ZERO = Decimal("0")
PANEL_ROWS = 50


def indicator_list() -> list[dict]:
    """Every indicator with its method and stored outcome counts."""
    counts: dict = {}
    for row in FlagResult.objects.values("code", "outcome").annotate(n=Count("id")):
        counts.setdefault(row["code"], {})[row["outcome"]] = row["n"]
    out = []
    for code, cls in base.registry().items():
        c = counts.get(code, {})
        out.append({**cls().describe(), "flagged": c.get(base.FLAGGED, 0), "clear": c.get(base.CLEAR, 0),
                    "insufficient_data": c.get(base.INSUFFICIENT, 0)})
    return out


def indicator_method(code: str) -> dict:
    try:
        cls = base.get(code)
    except LookupError:
        raise NotFound(f"no indicator {code!r}") from None
    return next(i for i in indicator_list() if i["code"] == cls.code)


def serialise(result: FlagResult) -> dict:
    return {"code": result.code, "subject_kind": result.subject_kind, "subject_key": result.subject_key,
            "outcome": result.outcome, "value": result.value, "threshold": result.threshold,
            "inputs": result.inputs, "computed_at": result.computed_at, "method_version": result.method_version,
            "contracts": sorted(c.contract_gz_id for c in result.contracts.all())}


def _contract_values(results, year: int | None):
    ids = ResultContract.objects.filter(result__in=results).values("contract_gz_id")
    qs = m.Contract.objects.filter(COUNTED, gz_id__in=ids)
    if year:
        qs = qs.filter(sign_date__year=year)
    return qs.values("customer_id").annotate(contracts=Count("id"), value=Sum("contract_sum_wnds"))


def explorer(code: str = "", year: int | None = None) -> dict:
    """Buyers ranked by flagged contract value, filtered by indicator and year of signature."""
    if year is not None and not 1 <= year <= 9999:
        year = None  # not a calendar year: no filter rather than a database error
    results = FlagResult.objects.filter(buyer__isnull=False)
    codes = list(base.registry())
    if code:
        if code.upper() not in codes:
            raise NotFound(f"no indicator {code!r}")
        results = results.filter(code=code.upper())
    flagged = {r["customer_id"]: r for r in _contract_values(results.filter(outcome=base.FLAGGED), year)}
    unknown = {r["customer_id"]: r for r in _contract_values(results.filter(outcome=base.INSUFFICIENT), year)}
    per_buyer = {r["buyer_id"]: r for r in results.values("buyer_id").annotate(
        flagged_results=Count("id", filter=Q(outcome=base.FLAGGED)),
        clear_results=Count("id", filter=Q(outcome=base.CLEAR)),
        insufficient_results=Count("id", filter=Q(outcome=base.INSUFFICIENT)))}
    orgs = m.Organisation.objects.in_bulk(list(per_buyer))
    rows = []
    for buyer_id, counts in per_buyer.items():
        rows.append({"buyer": organisation_summary(orgs[buyer_id]),
                     "flagged_value": (flagged.get(buyer_id) or {}).get("value") or ZERO,
                     "flagged_contracts": (flagged.get(buyer_id) or {}).get("contracts") or 0,
                     "insufficient_value": (unknown.get(buyer_id) or {}).get("value") or ZERO,
                     "insufficient_contracts": (unknown.get(buyer_id) or {}).get("contracts") or 0,
                     "flagged_results": counts["flagged_results"], "clear_results": counts["clear_results"],
                     "insufficient_results": counts["insufficient_results"]})
    rows.sort(key=lambda r: (-r["flagged_value"], -r["flagged_results"], r["buyer"]["id"]))
    years = sorted({d.year for d in m.Contract.objects.filter(COUNTED, sign_date__isnull=False)
                    .dates("sign_date", "year")}, reverse=True)
    return {"code": code.upper(), "year": year, "indicators": codes, "years": years, "items": rows}


def results_for_subject(kind: str, key: str) -> list[dict]:
    qs = FlagResult.objects.filter(subject_kind=kind, subject_key=str(key)).prefetch_related("contracts")
    return [serialise(r) for r in qs.order_by("code", "id")]


def organisation_flags(slug: str) -> dict:
    """Results about an organisation: as the subject, as the buyer, or as the supplier concerned."""
    org = get_organisation(slug)
    qs = (FlagResult.objects.filter(Q(subject_kind="organisation", subject_key=slug) | Q(buyer=org) | Q(supplier=org))
          .prefetch_related("contracts").order_by("code", "id"))
    items = [serialise(r) for r in qs]
    titles = {code: str(cls.title) for code, cls in base.registry().items()}
    for item in items:
        item["title"] = titles.get(item["code"], item["code"])
    flagged = [i for i in items if i["outcome"] == base.FLAGGED]
    unknown = [i for i in items if i["outcome"] == base.INSUFFICIENT]
    return {"flagged_count": len(flagged), "insufficient_count": len(unknown),
            "clear_count": sum(1 for i in items if i["outcome"] == base.CLEAR),
            "flagged": flagged[:PANEL_ROWS], "insufficient_data": unknown[:PANEL_ROWS]}


def contract_flags(gz_id: int) -> list[dict]:
    """Every result that concerns a contract (for the contract page)."""
    if not 0 <= int(gz_id) < 2 ** 63:
        return []
    ids = ResultContract.objects.filter(contract_gz_id=int(gz_id)).values("result_id")
    qs = FlagResult.objects.filter(Q(id__in=ids) | Q(subject_kind="contract", subject_key=str(gz_id)))
    titles = {code: str(cls.title) for code, cls in base.registry().items()}
    return [{**serialise(r), "title": titles.get(r.code, r.code)}
            for r in qs.prefetch_related("contracts").order_by("code", "id")]

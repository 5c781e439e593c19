"""The grants explorer: state grants, awards and foreign funding in one filterable list, with rankings.

Filters: year, region, programme (state grants), donor country (foreign funding), kind and an
amount range. A programme filter can only match state grants and a donor-country filter only
foreign money, so choosing one leaves the other kind out — the totals say so rather than mixing.

Per-capita rankings are deliberately absent: they need a population table per region with a
citable source (the Bureau of National Statistics publishes one), and none is bundled with
OpenTenge yet. Dividing by numbers we cannot cite would be worse than not dividing.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from heapq import merge

from django.db.models import Count, Sum

from opentenge.civil import models as cm
from opentenge.civil.countries import country_names
from opentenge.civil.queries import ZERO, foreign_item, grant_item
from opentenge.civil.regions import CODES as REGION_CODES
from opentenge.civil.regions import region_names
from opentenge.store import models as m
from opentenge.store import queries as sq

KIND_CHOICES = ("", "grant", "award", "foreign")
SORTS = {"-amount": ("-amount", "-year", "-id"), "amount": ("amount", "year", "id"),
         "-year": ("-year", "-amount", "-id"), "year": ("year", "amount", "id")}
PER_PAGE = 50
CSV_LIMIT = 100_000
PER_CAPITA_NOTE = ("Per-capita figures need a population table per region with a citable source; "
                   "none is bundled yet, so rankings are in tenge only.")


class BadFilter(ValueError):
    """A filter value that cannot be used; the message names the parameter."""


@dataclass
class Filters:
    year: int | None = None
    region: str = ""
    programme: str = ""
    country: str = ""
    kind: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None

    @classmethod
    def from_params(cls, params) -> "Filters":
        def number(name: str) -> Decimal | None:
            raw = (params.get(name) or "").strip().replace(" ", "").replace(",", ".")
            if not raw:
                return None
            try:
                value = Decimal(raw)
            except InvalidOperation:
                raise BadFilter(f"{name}: not a number: {params.get(name)!r}") from None
            if not value.is_finite() or value < 0:
                raise BadFilter(f"{name}: must be a non-negative amount in tenge")
            return value

        year_text = (params.get("year") or "").strip()
        if year_text and not (year_text.isdigit() and 2000 <= int(year_text) <= 2035):
            raise BadFilter(f"year: not a year between 2000 and 2035: {year_text!r}")
        kind = (params.get("kind") or "").strip()
        if kind not in KIND_CHOICES:
            raise BadFilter(f"kind: one of grant, award, foreign (or empty), not {kind!r}")
        region = (params.get("region") or "").strip()
        if region and region not in REGION_CODES:
            raise BadFilter(f"region: unknown region code {region!r}")
        return cls(year=int(year_text) if year_text else None, region=region,
                   programme=(params.get("programme") or "").strip(), country=(params.get("country") or "").strip(),
                   kind=kind, amount_min=number("amount_min"), amount_max=number("amount_max"))

    def as_dict(self) -> dict:
        return {"year": self.year, "region": self.region, "programme": self.programme, "country": self.country,
                "kind": self.kind, "amount_min": self.amount_min, "amount_max": self.amount_max}


def _common(qs, f: Filters):
    if f.year:
        qs = qs.filter(year=f.year)
    if f.region:
        qs = qs.filter(region_code=f.region)
    if f.amount_min is not None:
        qs = qs.filter(amount__gte=f.amount_min)
    if f.amount_max is not None:
        qs = qs.filter(amount__lte=f.amount_max)
    return qs


def grants_queryset(f: Filters):
    if f.country or f.kind == "foreign":
        return cm.GrantAward.objects.none()
    qs = _common(cm.GrantAward.objects.all(), f)
    if f.programme:
        qs = qs.filter(programme_key=f.programme)
    if f.kind in ("grant", "award"):
        qs = qs.filter(kind=f.kind)
    return qs


def foreign_queryset(f: Filters):
    if f.programme or f.kind in ("grant", "award"):
        return cm.ForeignFunding.objects.none()
    qs = _common(cm.ForeignFunding.objects.all(), f)
    if f.country:
        qs = qs.filter(donor_country_code=f.country)
    return qs


def _item(row) -> dict:
    if isinstance(row, cm.GrantAward):
        return {"type": row.kind, **grant_item(row)}
    return {"type": "foreign", **foreign_item(row)}


def _sort_key(sort: str):
    fields = SORTS[sort]

    def key(row):
        values = []
        for name in fields:
            value = getattr(row, name.lstrip("-"))
            values.append(-value if name.startswith("-") else value)
        return values

    return key


def items(f: Filters, *, sort: str = "-amount", page: int = 1, per_page: int = PER_PAGE) -> dict:
    """One page of the merged list, sorted across both kinds."""
    sort = sort if sort in SORTS else "-amount"
    grants, foreign = grants_queryset(f), foreign_queryset(f)
    total = grants.count() + foreign.count()
    pages = max(1, -(-total // per_page))
    page = max(1, min(int(page or 1), pages))
    wanted = page * per_page
    order = SORTS[sort]
    related = ("recipient", "source_file")
    first = list(grants.select_related(*related).order_by(*order)[:wanted])
    second = list(foreign.select_related(*related).order_by(*order)[:wanted])
    merged = list(merge(first, second, key=_sort_key(sort)))[(page - 1) * per_page: wanted]
    return {"sort": sort, "page": page, "pages": pages, "total": total, "items": [_item(r) for r in merged]}


def all_items(f: Filters, limit: int = CSV_LIMIT) -> list[dict]:
    """Every row the filters select (for CSV), largest first."""
    related = ("recipient", "source_file")
    rows = list(grants_queryset(f).select_related(*related).order_by(*SORTS["-amount"])[:limit])
    rows += list(foreign_queryset(f).select_related(*related).order_by(*SORTS["-amount"])[:limit])
    rows.sort(key=_sort_key("-amount"))
    return [_item(r) for r in rows[:limit]]


def _totals(grants, foreign) -> dict:
    out = {}
    for kind in ("grant", "award"):
        agg = grants.filter(kind=kind).aggregate(n=Count("id"), value=Sum("amount"))
        out[kind] = {"count": agg["n"] or 0, "value": agg["value"] or ZERO}
    agg = foreign.aggregate(n=Count("id"), value=Sum("amount"))
    out["foreign"] = {"count": agg["n"] or 0, "value": agg["value"] or ZERO}
    out["all"] = {"count": sum(v["count"] for v in out.values()), "value": sum((v["value"] for v in out.values()), ZERO)}
    return out


def _programme_labels() -> dict[str, str]:
    """programme_key → its most frequent published spelling."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for row in cm.GrantAward.objects.values("programme_key", "programme").annotate(n=Count("id")):
        spellings[row["programme_key"]][row["programme"]] += row["n"]
    return {key: counter.most_common(1)[0][0] for key, counter in spellings.items()}


def rankings(f: Filters, limit: int = 10) -> dict:
    grants, foreign = grants_queryset(f), foreign_queryset(f)
    recipients: dict[int, Decimal] = defaultdict(lambda: ZERO)
    regions: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for qs in (grants, foreign):
        for row in qs.values("recipient_id").annotate(value=Sum("amount")):
            recipients[row["recipient_id"]] += row["value"] or ZERO
        for row in qs.values("region_code").annotate(value=Sum("amount")):
            regions[row["region_code"]] += row["value"] or ZERO
    top = sorted(recipients, key=lambda i: (-recipients[i], i))[:limit]
    orgs = m.Organisation.objects.in_bulk(top)
    labels = _programme_labels()
    programmes = (grants.values("programme_key").annotate(n=Count("id"), value=Sum("amount"))
                  .order_by("-value", "programme_key")[:limit])
    donors = (foreign.values("donor_key").annotate(n=Count("id"), value=Sum("amount"), name=_first("donor_name"),
                                                    country=_first("donor_country_code"))
              .order_by("-value", "donor_key")[:limit])
    countries = (foreign.values("donor_country_code").annotate(n=Count("id"), value=Sum("amount"))
                 .order_by("-value", "donor_country_code")[:limit])
    return {
        "recipients": [{**sq.organisation_summary(orgs[i]), "value": recipients[i]} for i in top],
        "programmes": [{"key": r["programme_key"], "name": labels.get(r["programme_key"], r["programme_key"]),
                        "count": r["n"], "value": r["value"]} for r in programmes],
        "donors": [{"key": r["donor_key"], "name": r["name"], "country_code": r["country"],
                    "country_names": country_names(r["country"]), "count": r["n"], "value": r["value"]} for r in donors],
        "countries": [{"code": r["donor_country_code"], "names": country_names(r["donor_country_code"]),
                       "count": r["n"], "value": r["value"]} for r in countries],
        "regions": [{"code": code, "names": region_names(code), "value": value}
                    for code, value in sorted(regions.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]],
        "per_capita": {"available": False, "reason": PER_CAPITA_NOTE},
    }


def _first(field: str):
    from django.db.models import Min

    return Min(field)


def options() -> dict:
    """What the filter controls offer: only values that occur in the data."""
    years = sorted(set(cm.GrantAward.objects.values_list("year", flat=True).distinct())
                   | set(cm.ForeignFunding.objects.values_list("year", flat=True).distinct()))
    regions = set(cm.GrantAward.objects.values_list("region_code", flat=True).distinct()) | \
        set(cm.ForeignFunding.objects.values_list("region_code", flat=True).distinct())
    countries = sorted(c for c in cm.ForeignFunding.objects.values_list("donor_country_code", flat=True).distinct() if c)
    labels = _programme_labels()
    return {
        "years": years,
        "regions": [{"code": c, "names": region_names(c)} for c in REGION_CODES if c in regions],
        "programmes": [{"key": k, "name": v} for k, v in sorted(labels.items(), key=lambda kv: kv[1])],
        "countries": [{"code": c, "names": country_names(c)} for c in countries],
        "kinds": [k for k in KIND_CHOICES if k],
    }


def explorer(f: Filters, *, sort: str = "-amount", page: int = 1) -> dict:
    return {
        "filters": f.as_dict(),
        "totals": _totals(grants_queryset(f), foreign_queryset(f)),
        "table": items(f, sort=sort, page=page),
        "rankings": rankings(f),
        "options": options(),
    }

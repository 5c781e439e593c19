"""The politics pages' data: one function per page, used by the HTML view and its JSON twin alike.

Every figure carries its provenance (source, file, SHA-256, locator, address of the document).
No function here returns an IIN: the models hold none.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from opentenge import corrections
from opentenge.politics import models as pm
from opentenge.store.queries import NotFound, provenance


def _lang_value(row, field: str, lang: str) -> str:
    """The field in the page's language, else the first published one (kk → ru → en)."""
    for code in (lang, "ru", "kk", "en") if lang == "en" else (lang, "kk", "ru", "en"):
        value = getattr(row, f"{field}_{code}", "")
        if value:
            return value
    return ""


def person_ref(person, lang: str) -> dict:
    return {"key": person.key, "name": _lang_value(person, "name", lang)}


def party_ref(party, lang: str) -> dict | None:
    if party is None:
        return None
    return {"key": party.key, "name": _lang_value(party, "name", lang)}


def position_dict(position, lang: str) -> dict:
    return {
        "key": position.key, "chamber": position.chamber, "role": _lang_value(position, "role", lang),
        "party": party_ref(position.party, lang),
        "faction": position.faction_kk if lang == "kk" else (position.faction_ru or position.faction_kk),
        "constituency_kind": position.constituency_kind,
        "region": position.region_kk if lang == "kk" else (position.region_ru or position.region_kk),
        "committee": _lang_value(position, "committee", lang), "organisation": position.organisation_name,
        "start_date": position.start_date, "end_date": position.end_date, "is_current": position.is_current,
        "source_url": position.source_url, "provenance": provenance(position),
    }


def overview(lang: str) -> dict:
    """Index page: parties with their current seats and funding, and the people by chamber."""
    # Funding is summed on its own: joined with positions in one query, each funding row would be
    # counted once per position of the party.
    funding = dict(pm.PartyFunding.objects.values_list("party_id").annotate(total=Sum("amount")).values_list("party_id", "total"))
    parties = pm.Party.objects.annotate(
        seats=Count("positions", filter=Q(positions__is_current=True), distinct=True)).order_by("-seats", "key")
    people = (pm.Position.objects.select_related("person", "party").filter(is_current=True)
              .order_by("chamber", "person__name_ru", "person__name_kk"))
    by_chamber: dict[str, list] = defaultdict(list)
    for pos in people:
        by_chamber[pos.chamber].append({**person_ref(pos.person, lang), "party": party_ref(pos.party, lang),
                                        "role": _lang_value(pos, "role", lang)})
    return {
        "parties": [{"key": p.key, "name": _lang_value(p, "name", lang), "seats": p.seats,
                     "funding_total": funding.get(p.id)} for p in parties],
        "chambers": [{"chamber": c, "people": rows} for c, rows in sorted(by_chamber.items())],
        "elections": elections(),
        "counts": {"people": pm.Person.objects.count(), "positions": pm.Position.objects.count(),
                   "company_roles": pm.CompanyRole.objects.count()},
    }


def person_detail(key: str, lang: str) -> dict:
    try:
        person = pm.Person.objects.select_related("source_file").get(key=key)
    except pm.Person.DoesNotExist:
        raise NotFound(f"no person {key!r}") from None
    from opentenge.politics.links import possible_links

    positions = person.positions.select_related("party", "source_file").order_by("-is_current", "-start_date")
    return corrections.apply("person", person.key, {
        "key": person.key, "name": _lang_value(person, "name", lang),
        "names": {"kk": person.name_kk, "ru": person.name_ru, "en": person.name_en},
        "photo_url": person.photo_url, "profile_url": person.profile_url, "birth_date": person.birth_date,
        "positions": [position_dict(p, lang) for p in positions],
        "declarations": declarations_of(person),
        "possible_links": possible_links(person),
        "provenance": provenance(person),
    })  # accepted corrections laid over the source's values


def declarations_of(person) -> list[dict]:
    """Declaration summaries by year, newest first."""
    return [{"year": d.year, "position": d.position, "income": d.income, "property_items": d.property_items,
             "property_description": d.property_description, "source_url": d.source_url, "provenance": provenance(d)}
            for d in pm.Declaration.objects.select_related("source_file").filter(person=person).order_by("-year")]


def party_detail(key: str, lang: str) -> dict:
    try:
        party = pm.Party.objects.select_related("source_file").get(key=key)
    except pm.Party.DoesNotExist:
        raise NotFound(f"no party {key!r}") from None
    funding = list(party.funding.select_related("source_file").order_by("year"))
    members = (pm.Position.objects.select_related("person").filter(party=party, is_current=True)
               .order_by("chamber", "person__name_ru"))
    # the party's own reports; its nominated candidates' reports are on the election page
    figures = (pm.ElectionFundFigure.objects.filter(party=party, candidate_name="",
                                                    status=pm.ElectionFundFigure.Status.PUBLISHED)
               .order_by("election", "line"))
    return corrections.apply("party", party.key, {
        "key": party.key, "name": _lang_value(party, "name", lang),
        "names": {"kk": party.name_kk, "ru": party.name_ru, "en": party.name_en},
        "funding": [{"year": f.year, "value": f.amount, "votes": f.votes, "source_url": f.source_url,
                     "provenance": provenance(f)} for f in funding],
        "funding_total": sum((f.amount for f in funding), Decimal("0")),
        "funding_rule": ("Law of the Republic of Kazakhstan No. 344-II \"On political parties\" (2002): parties "
                         "represented in Parliament receive annual state budget funding in proportion to the votes "
                         "their party list received."),
        "deputies": [{**person_ref(p.person, lang), "chamber": p.chamber, "role": _lang_value(p, "role", lang)}
                     for p in members],
        "reports": report_years(party),
        "election_funds": [{"election": f.election, "line": f.line, "line_label": f.get_line_display(),
                            "amount": f.amount, "donor_name": f.donor_name, "source_url": f.source_url,
                            "source_page": f.source_page, "confirmed_by_second_editor": True}
                           for f in figures],
        "provenance": provenance(party),
    })


def election_detail(election: str, lang: str) -> dict:
    """One election's published (second-editor confirmed) fund figures, per party and per candidate.

    A report is a candidate's when it names a candidate (``party`` is then the nominating party, if
    any), else the party's. ``received``/``spent`` are the published lines 1 and 2 (``None`` when
    that line is not confirmed yet); totals add only those. Figures awaiting a second editor are
    counted, never shown.
    """
    if not pm.ElectionFundFigure.objects.filter(election=election).exists():
        raise NotFound(f"no election {election!r}")
    figures = (pm.ElectionFundFigure.objects.select_related("party")
               .filter(election=election, status=pm.ElectionFundFigure.Status.PUBLISHED)
               .order_by("party__key", "candidate_name", "line", "donor_name"))
    rows: dict[str, dict] = {}
    for f in figures:
        kind = "candidate" if f.candidate_name else "party"
        who = f"candidate:{f.candidate_name}" if f.candidate_name else f"party:{f.party.key}"
        party = party_ref(f.party, lang)
        row = rows.setdefault(who, {"id": who, "kind": kind, "name": f.candidate_name or party["name"],
                                    "party": party, "candidate": f.candidate_name,
                                    "received": None, "spent": None, "lines": [], "donors": []})
        item = {"line": f.line, "label": line_label(f.line), "amount": f.amount, "source_url": f.source_url,
                "source_page": f.source_page, "confirmed_by_second_editor": True}
        if f.line == "donor":
            row["donors"].append({**item, "donor_name": f.donor_name})
        else:
            row["lines"].append(item)
        if f.line == "1":
            row["received"] = f.amount
        elif f.line == "2":
            row["spent"] = f.amount
    for row in rows.values():
        row["donors"].sort(key=lambda d: (-d["amount"], d["donor_name"]))
        row["figures"] = len(row["lines"]) + len(row["donors"])
    participants = sorted(rows.values(), key=lambda r: (-(r["received"] or 0), r["kind"], r["name"]))
    awaiting = pm.ElectionFundFigure.objects.filter(election=election,
                                                    status=pm.ElectionFundFigure.Status.AWAITING).count()
    return {"election": election, "participants": participants,
            "totals": {kind: _fund_totals([r for r in participants if kind in ("all", r["kind"])])
                       for kind in ("party", "candidate", "all")},
            "awaiting_confirmation": awaiting}


def _fund_totals(rows: list[dict]) -> dict:
    """Sums of the confirmed received/spent lines and named donations over ``rows``."""
    def add(values) -> Decimal:
        return sum((v for v in values if v is not None), Decimal(0))
    return {"count": len(rows), "received": add(r["received"] for r in rows), "spent": add(r["spent"] for r in rows),
            "named_donations": add(d["amount"] for r in rows for d in r["donors"])}


def line_label(line: str) -> str:
    """An election-fund report line in the page's language."""
    labels = {"1": _("total received"), "1.1": _("own funds"), "1.2": _("voluntary donations"),
              "1.3": _("from the state budget"), "2": _("total spent"), "2.1": _("mass media"),
              "2.2": _("printed materials"), "2.3": _("meetings and events"), "2.4": _("other"),
              "donor": _("named donor")}
    return f"{line} {labels[line]}" if line in labels and line != "donor" else labels.get(line, line)


def elections() -> list[str]:
    return list(pm.ElectionFundFigure.objects.order_by("election").values_list("election", flat=True).distinct())


def report_years(party) -> list[dict]:
    """The party's annual financial reports: per year, income and spending by kind, with totals."""
    years: dict[int, dict] = {}
    for line in party.report_lines.select_related("source_file").order_by("year", "direction", "kind"):
        year = years.setdefault(line.year, {"year": line.year, "income": [], "spending": [],
                                            "income_total": Decimal(0), "spending_total": Decimal(0)})
        years[line.year][line.direction].append({"kind": line.kind, "label": kind_label(line.kind), "amount": line.amount,
                                                  "source_url": line.source_url, "provenance": provenance(line)})
        year[f"{line.direction}_total"] += line.amount
    return [years[y] for y in sorted(years, reverse=True)]


def kind_label(kind: str) -> str:
    """The report line kind in the page's language."""
    labels = {"membership_fees": _("membership fees"), "donations": _("donations"),
              "state_funding": _("state funding"), "business_income": _("income from business activity"),
              "staff": _("staff"), "elections": _("election campaigns"), "media": _("mass media"),
              "events": _("events"), "rent": _("rent"), "other": _("other")}
    return labels.get(kind, kind)

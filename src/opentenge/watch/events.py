"""What a watcher of an organisation, a person or a search cares about: one list of events.

``events(kind, key, lang)`` returns, newest first, the items the Atom feeds publish and the digest
mails. Each ``Event`` has a stable ``identity`` (the digest remembers identities, so an item is
never announced twice, and an item an importer adds late — with an old date — is still new),
a title, a site-relative ``path`` (feeds make it absolute from the request, e-mails from
``OPENTENGE_SITE_URL``), a date and a one-line summary.

Each source of events is one small function over the apps' own query functions and models:

* organisation → contracts as buyer and as supplier, red flags that concern it (indicators),
  published lobbying report versions naming it (its own register entry, or meetings held with it);
* person → positions, company roles an editor confirmed as theirs, asset declarations,
  published election-fund figures of a candidate of that name;
* search → new organisations matching the query (``store.queries.search_organisations``) and the
  contracts of those organisations.

Nothing here shows a natural person's IIN, address or phone: organisations are described by
``organisation_summary`` (masked IIN) and people by their published names only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opentenge.store import models as sm
from opentenge.store.queries import COUNTED, NotFound, get_organisation, org_slug, search_organisations

SEARCH_ORGANISATIONS = 50  # organisations of a search whose contracts are followed
KINDS = ("organisation", "person", "search")


@dataclass(frozen=True)
class Event:
    identity: str
    title: str
    path: str
    when: datetime
    summary: str = ""


def moment(value) -> datetime:
    """Dates become midnight in the site's time zone, so dates and times sort together."""
    if value is None:
        return timezone.make_aware(datetime(1970, 1, 1))
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.combine(value, time(0, 0)), timezone.get_default_timezone())


def normalise_query(query: str) -> str:
    """The key of a search watch: the query as typed, trimmed, blanks collapsed, case folded."""
    return " ".join((query or "").split()).casefold()[:200]


def _name(entity, lang: str) -> str:
    first, second = ("name_kk", "name_ru") if lang == "kk" else ("name_ru", "name_kk")
    return getattr(entity, first, "") or getattr(entity, second, "") or ""


def _money(value) -> str:
    return f"{value:,.0f} ₸".replace(",", " ") if value is not None else ""


# -- organisation ------------------------------------------------------------------------------

def contract_events(orgs, lang: str) -> list[Event]:
    """Contracts signed by any of ``orgs``, as buyer or as supplier."""
    ids = [o.pk for o in orgs]
    rows = (sm.Contract.objects.filter(COUNTED).filter(Q(customer_id__in=ids) | Q(supplier_id__in=ids))
            .select_related("customer", "supplier").order_by("-sign_date", "-gz_id"))
    found = []
    for c in rows:
        description = (c.description_kk or c.description_ru) if lang == "kk" else (c.description_ru or c.description_kk)
        title = _("Contract %(number)s: %(buyer)s → %(supplier)s") % {
            "number": c.contract_number_sys or c.contract_number or c.gz_id,
            "buyer": _name(c.customer, lang), "supplier": _name(c.supplier, lang)}
        summary = " — ".join(p for p in (_money(c.contract_sum_wnds), description or "") if p)
        found.append(Event(f"contract:{c.gz_id}", title, reverse("contract", args=[c.gz_id]), moment(c.sign_date),
                           summary))
    return found


def flag_events(org, lang: str) -> list[Event]:
    """Red flags raised about the organisation (as subject, buyer or supplier); clear results are no news."""
    try:
        from opentenge.indicators import base
        from opentenge.indicators.models import FlagResult
    except ImportError:  # the indicators app is optional for a watcher
        return []
    slug = org_slug(org)
    titles = {code: str(cls.title) for code, cls in base.registry().items()}
    rows = (FlagResult.objects.filter(outcome=FlagResult.Outcome.FLAGGED)
            .filter(Q(subject_kind="organisation", subject_key=slug) | Q(buyer=org) | Q(supplier=org))
            .order_by("-computed_at", "code", "id"))
    return [Event(f"flag:{r.code}:{r.subject_kind}:{r.subject_key}",
                  _("Red flag %(code)s: %(title)s") % {"code": r.code, "title": titles.get(r.code, r.code)},
                  reverse("organisation", args=[slug]), moment(r.computed_at),
                  _("Subject: %(kind)s %(key)s") % {"kind": r.subject_kind, "key": r.subject_key})
            for r in rows]


def lobbying_events(org, lang: str) -> list[Event]:
    """Published versions of lobbying reports by the organisation's registrant or naming it as a body met."""
    from opentenge.lobbying import queries as lq

    versions = (lq.public_versions().filter(published_at__isnull=False)
                .filter(Q(report__registrant__organisation=org) | Q(meetings__body=org)
                        | Q(bodies__organisation=org))
                .select_related("report__registrant").distinct().order_by("-published_at", "-id"))
    return [Event(f"lobbying:{v.report_id}:v{v.number}",
                  _("Lobbying report: %(registrant)s — %(period)s") % {"registrant": v.report.registrant.name,
                                                                       "period": v.report.period},
                  reverse("lobbying-report", args=[v.report_id]) + f"?version={v.number}", moment(v.published_at),
                  (v.amendment_note or v.issues or "")[:lq.ISSUES_SHOWN])
            for v in versions]


def organisation_events(slug: str, lang: str) -> list[Event]:
    org = get_organisation(slug)
    return contract_events([org], lang) + flag_events(org, lang) + lobbying_events(org, lang)


# -- person -----------------------------------------------------------------------------------

def position_events(person, lang: str) -> list[Event]:
    from opentenge.politics.queries import _lang_value

    path = reverse("politics-person", args=[person.key])
    rows = person.positions.order_by("-start_date", "-id")
    return [Event(f"position:{p.key}", _("Position: %(role)s") % {"role": _lang_value(p, "role", lang) or p.chamber},
                  path, moment(p.start_date), " — ".join(x for x in (p.organisation_name, _lang_value(p, "committee", lang)) if x))
            for p in rows]


def company_role_events(person, lang: str) -> list[Event]:
    """Only roles an editor confirmed: a namesake in the company register is not news about this person."""
    from opentenge.politics.links import possible_links

    path = reverse("politics-person", args=[person.key])
    return [Event(f"company-role:{link['role_key']}",
                  _("Company role: %(role)s of %(organisation)s") % {"role": link["role"],
                                                                    "organisation": link["organisation_name"]},
                  path, moment(None), link["organisation_bin"])
            for link in possible_links(person) if link["state"] == "confirmed"]


def declaration_events(person, lang: str) -> list[Event]:
    from opentenge.politics import models as pm

    path = reverse("politics-person", args=[person.key])
    rows = pm.Declaration.objects.filter(person=person).order_by("-year")
    return [Event(f"declaration:{d.key}", _("Asset declaration for %(year)s") % {"year": d.year}, path,
                  moment(d.source_updated_at or date(d.year, 12, 31)),
                  " — ".join(x for x in (d.position, _money(d.income) if d.income is not None else "") if x))
            for d in rows]


def election_fund_events(person, lang: str) -> list[Event]:
    """Published (double-checked) election-fund figures of a candidate with one of the person's names."""
    from opentenge.politics import models as pm

    names = [n for n in (person.name_ru, person.name_kk, person.name_en) if n]
    if not names:
        return []
    rows = (pm.ElectionFundFigure.objects.filter(status=pm.ElectionFundFigure.Status.PUBLISHED, candidate_name__in=names)
            .order_by("-confirmed_at", "-id"))
    return [Event(f"election-fund:{f.pk}", _("Election fund %(election)s, line %(line)s") % {"election": f.election,
                                                                                           "line": f.line},
                  reverse("politics-election", args=[f.election]), moment(f.confirmed_at), _money(f.amount))
            for f in rows]


def person_events(key: str, lang: str) -> list[Event]:
    from opentenge.politics import models as pm

    person = pm.Person.objects.filter(key=key).first()
    if person is None:
        raise NotFound(f"no person {key!r}")
    return (position_events(person, lang) + company_role_events(person, lang) + declaration_events(person, lang)
            + election_fund_events(person, lang))


# -- search -----------------------------------------------------------------------------------

def search_matches(query: str) -> list:
    ids = [o["id"] for o in search_organisations(query, limit=SEARCH_ORGANISATIONS)["items"]]
    return [get_organisation(slug) for slug in ids]


def new_organisation_events(orgs, lang: str) -> list[Event]:
    return [Event(f"organisation:{org_slug(o)}", _("Organisation: %(name)s") % {"name": _name(o, lang)},
                  reverse("organisation", args=[org_slug(o)]), moment(o.registered_on or o.source_updated_at),
                  o.bin or o.iin_masked or "")
            for o in orgs]


def search_events(query: str, lang: str) -> list[Event]:
    orgs = search_matches(query)
    return new_organisation_events(orgs, lang) + contract_events(orgs, lang)


# -- all together -----------------------------------------------------------------------------

SOURCES = {"organisation": organisation_events, "person": person_events, "search": search_events}


def events(kind: str, key: str, lang: str, limit: int | None = None) -> list[Event]:
    """Every event of the watched thing, newest first (``limit`` for feeds; the digest wants them all)."""
    if kind not in SOURCES:
        raise NotFound(f"nothing to watch of kind {kind!r}")
    found = sorted(SOURCES[kind](key, lang), key=lambda e: (e.when, e.identity), reverse=True)
    return found[:limit] if limit else found


def label(kind: str, key: str, lang: str) -> str:
    """A human name for the watched thing (organisation or person name, or the query)."""
    if kind == "organisation":
        return _name(get_organisation(key), lang) or key
    if kind == "person":
        from opentenge.politics import models as pm
        from opentenge.politics.queries import _lang_value

        person = pm.Person.objects.filter(key=key).first()
        if person is None:
            raise NotFound(f"no person {key!r}")
        return _lang_value(person, "name", lang) or key
    return key


def page_path(kind: str, key: str) -> str:
    """Where the watched thing lives on the site."""
    if kind == "organisation":
        return reverse("organisation", args=[key])
    if kind == "person":
        return reverse("politics-person", args=[key])
    from urllib.parse import urlencode

    return reverse("search") + "?" + urlencode({"q": key})

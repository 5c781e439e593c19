"""Every scorecard measure: its code, formula, source, unit, direction and minimum data.

A measure is a function ``(year, bodies) -> {body id: Value}`` computed for all the bodies asked
about at once, with aggregate SQL grouped by body (never one query per body or a Python loop
over every contract). The functions live by source: ``measures_budget``, ``measures_procurement``,
``measures_openness``. docs/scorecards.md has each one's definition and known weaknesses.

``better`` says which way is better for ranking and for the optional composite: ``higher``,
``lower``, or ``None`` (not rankable: the value describes, it does not judge).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from django.utils.translation import gettext_lazy as _

from opentenge.scorecards import measures_budget as mb
from opentenge.scorecards import measures_openness as mo
from opentenge.scorecards import measures_procurement as mp
from opentenge.scorecards.values import MIN_CONTRACTS, MIN_DRAFTS, MIN_PROPOSALS, MIN_SNAPSHOTS, Value

BUDGET = _("budget.egov.kz execution reports (current snapshots), administrator lines linked to the body")
PROCUREMENT = _("goszakup.gov.kz contracts where the body is the buyer (not deleted, in tenge), by year of signing")


@dataclass(frozen=True)
class Measure:
    code: str
    title: object
    formula: object
    source: object
    unit: str  # percent | count | index
    better: str | None
    minimum: object
    compute: Callable[[int, list], dict[int, Value]]

    def describe(self) -> dict:
        return {"code": self.code, "title": str(self.title), "formula": str(self.formula), "source": str(self.source),
                "unit": self.unit, "better": self.better, "minimum": str(self.minimum)}


MEASURES: dict[str, Measure] = {m.code: m for m in (
    Measure("budget_execution", _("Budget executed against plan"),
            _("cash executed (sumrg) ÷ adjusted annual plan (plg) at December, × 100"), BUDGET, "percent", "higher",
            _("December of the year published for every budget of the body"), mb.budget_execution),
    Measure("december_rush", _("December rush"),
            _("cash executed in December ÷ cash executed in the whole year, × 100"), BUDGET, "percent", "lower",
            _("December and November published (the December flow is their difference)"), mb.december_rush),
    Measure("single_source_count", _("Single-source contracts, by count"),
            _("contracts awarded from a single source (method 6 or 23) ÷ all contracts, × 100"), PROCUREMENT,
            "percent", "lower", _("at least 3 contracts in the year"), mp.single_source_count),
    Measure("single_source_value", _("Single-source contracts, by value"),
            _("value of single-source contracts ÷ value of all contracts, × 100"), PROCUREMENT, "percent", "lower",
            _("at least 3 contracts in the year"), mp.single_source_value),
    Measure("flagged_value", _("Value of contracts with a red flag"),
            _("value of contracts with at least one red flag ÷ value of all contracts, × 100"),
            _("goszakup.gov.kz contracts and the stored red-flag results (opentenge indicators run)"), "percent",
            "lower", _("at least 3 contracts in the year; red flags computed"), mp.flagged_value),
    Measure("supplier_hhi", _("Supplier concentration (HHI)"),
            _("Σ over suppliers of (supplier's share of the body's contract value in %)²; 10 000 = one supplier"),
            PROCUREMENT, "index", "lower", _("at least 3 contracts in the year"), mp.supplier_hhi),
    Measure("top_supplier_share", _("Share of the largest supplier"),
            _("value bought from the largest supplier ÷ value of all contracts, × 100"), PROCUREMENT, "percent",
            "lower", _("at least 3 contracts in the year"), mp.top_supplier_share),
    Measure("budget_discrepancies", _("Budget figures that do not add up"),
            _("published snapshots (view × month) with a mismatch in the body's own lines ÷ snapshots with its lines, "
              "× 100"), _("budget.egov.kz data-quality checks (published totals against the lines beneath them)"),
            "percent", "lower", _("at least 3 published snapshots in the year"), mb.data_discrepancies),
    Measure("late_publications", _("Contracts published late"),
            _("not measurable: contracts carry no first-publication date"), PROCUREMENT, "percent", None,
            _("a publication date, which the source does not publish"), mp.late_publications),
    Measure("drafts_published", _("Draft acts put up for public discussion"),
            _("number of draft acts the body developed whose discussion opened in the year"),
            _("legalacts.egov.kz draft acts (developer linked to the body)"), "count", "higher",
            _("draft acts of any body in the data for the year"), mo.drafts_published),
    Measure("short_discussions", _("Discussions shorter than the legal minimum"),
            _("the body's drafts discussed fewer than 10 calendar days ÷ its drafts with both dates, × 100"),
            _("legalacts.egov.kz draft acts; minimum from the Law on legal acts (legislation/stages.py)"), "percent",
            "lower", _("at least 3 drafts with both discussion dates in the year"), mo.short_discussions),
    Measure("council_opinions", _("Public-council opinions received"),
            _("opinions of the body's public council, or of any council on the body's drafts, dated in the year"),
            _("public councils' published opinions"), "count", "higher",
            _("public-council opinions of any body in the data for the year"), mo.council_opinions),
    Measure("ngo_answered", _("NGO proposals answered"),
            _("NGO proposals on the body's drafts with an answer (accepted, partly, rejected) ÷ all its proposals, × 100"),
            _("NGO proposals on draft acts, with the developer's answer"), "percent", "higher",
            _("at least 3 proposals in the year"), mo.ngo_answered),
    Measure("ngo_accepted", _("NGO proposals accepted"),
            _("proposals accepted in full or in part ÷ proposals answered, × 100"),
            _("NGO proposals on draft acts, with the developer's answer"), "percent", "higher",
            _("at least 3 answered proposals in the year"), mo.ngo_accepted),
    Measure("lobbying_contacts", _("Lobbying meetings disclosed"),
            _("meetings with the body in current published lobbying reports, dated in the year"),
            _("the voluntary lobbying register (published reports only)"), "count", None,
            _("published lobbying reports for the year"), mo.lobbying_contacts),
)}
THRESHOLDS = {"contracts": MIN_CONTRACTS, "snapshots": MIN_SNAPSHOTS, "drafts": MIN_DRAFTS, "proposals": MIN_PROPOSALS}
RANKABLE = [code for code, m in MEASURES.items() if m.better]


def compute(codes, year: int, bodies) -> dict[str, dict[int, Value]]:
    """``{measure: {body id: Value}}`` for the measures named, in one pass per measure."""
    return {code: MEASURES[code].compute(year, bodies) for code in codes}

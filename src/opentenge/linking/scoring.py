"""Score a candidate pair of records: the name score of ``compare()`` plus record features.

A record may carry several names (goszakup gives a Russian and a Kazakh one); the pair's name
score is the best ``compare()`` over every name of one against every name of the other, with the
region of each record when a source gives one (same region adds a little, a different region
caps the score below ``match``). Then the record-level features:

* **same legal form** — ``compare()`` reads it from the names: ``legal-form-same`` or
  ``legal-form-differs`` (ТОО vs АО caps the pair below ``match``);
* **person vs organisation** — a record known to be a natural person (an individual
  entrepreneur with an IIN) and one whose name has an organisation's legal form are never an
  automatic match: the pair goes to review at most (``person-vs-organisation``);
* **overlapping roles** — both buy, or both sell (``roles-overlap``), or one only buys and the
  other only sells (``roles-disjoint``). Shown to editors as evidence; it never changes the
  decision, because a school that buys can also appear as a seller in another source.

The automatic decision is ``compare()``'s: a ``positive`` judgment only when it says ``match``
(score ≥ ``MATCH_THRESHOLD``), ``review`` between the thresholds, otherwise nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from opentenge.ids.names import normalize
from opentenge.linking.compare import MATCH_THRESHOLD, REVIEW_THRESHOLD, compare

ROLE_CUSTOMER, ROLE_SUPPLIER, ROLE_ORGANIZER = 1, 2, 4
BUYING = ROLE_CUSTOMER | ROLE_ORGANIZER
ORGANISATION_FORMS_ONLY = frozenset({"LLP", "LLC", "JSC", "NJSC", "RSE", "RSTE", "SCE", "SCTE", "SI", "MSI", "RSI",
                                     "PA", "PF", "CF", "PI", "PC"})


@dataclass(slots=True)
class LinkRecord:
    """What linking reads of one record (an ``Organisation`` row, or a benchmark record)."""

    key: str
    names: tuple[str, ...]
    identified: bool = False  # carries a BIN or IIN
    is_person: bool = False
    roles: int = 0  # ROLE_* bits
    region: str | None = None


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    decision: str  # "match" | "review" | "no-match"
    reasons: tuple[str, ...]


def _decide(score: float) -> str:
    return "match" if score >= MATCH_THRESHOLD else "review" if score >= REVIEW_THRESHOLD else "no-match"


def _roles_feature(a: int, b: int) -> str | None:
    if not a or not b:
        return None
    if a & b:
        return "roles-overlap"
    if (a & BUYING and not a & ROLE_SUPPLIER and b == ROLE_SUPPLIER) or \
            (b & BUYING and not b & ROLE_SUPPLIER and a == ROLE_SUPPLIER):
        return "roles-disjoint"
    return None


def _person_vs_organisation(a: LinkRecord, b: LinkRecord) -> bool:
    person, other = (a, b) if a.is_person else (b, a) if b.is_person else (None, None)
    if person is None or other.is_person:
        return False
    return any(normalize(n).legal_form in ORGANISATION_FORMS_ONLY for n in other.names)


def score_pair(a: LinkRecord, b: LinkRecord) -> Scored:
    """The best name comparison of the two records, adjusted by the features above."""
    person = True if (a.is_person and b.is_person) else None
    best = None
    for name_a in a.names:
        for name_b in b.names:
            c = compare(name_a, name_b, region_a=a.region, region_b=b.region, person=person)
            if best is None or c.score > best.score:
                best = c
    if best is None:
        return Scored(0.0, "no-match", ("empty-name",))
    score, reasons = best.score, list(best.reasons)
    if _person_vs_organisation(a, b):
        reasons.append("person-vs-organisation")
        score = min(score, MATCH_THRESHOLD - 0.01)
    roles = _roles_feature(a.roles, b.roles)
    if roles:
        reasons.append(roles)
    return Scored(score, _decide(score), tuple(reasons))

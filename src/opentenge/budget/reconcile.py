"""Published totals against the published lines: every difference becomes a ``Discrepancy``.

The portal publishes totals beside the lines they sum («Итого», section headers, tree parents).
We never trust one to stand for the other and never absorb a difference: each check is
recomputed from the lines, column by column, at the stored precision of one tenge, and any
difference is kept (see docs/budget.md):

* a check figure with a rule (``CheckRow.terms``): the signed sum of the named rows — «Итого» =
  the lines; a section = its rows, or the net rule of III, IV, V, VII; a placeholder = its programme;
* in tree views, every line that has line children: the parent = the sum of its children.

A difference within ``tolerance`` is marked ``rounding``: each figure is rounded to a tenge on
its own, so n figures may miss their rounded total by up to n/2 tenge; PROVENANCE observed
up to 0.011 thousand tenge (11 tenge) in the tree file. Anything larger is a ``mismatch``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from opentenge.budget.fields import TENGE_IN_THOUSANDS
from opentenge.budget.models import AMOUNT_COLUMNS
from opentenge.budget.records import CheckRow, LineRow

TOLERANCE_FLOOR = Decimal("0.011")
HALF_TENGE = Decimal("0.0005")


@dataclass
class Finding:
    scope: str
    column: str
    published: Decimal
    computed: Decimal
    tolerance: Decimal
    rule: str
    check_scope: str | None  # the CheckFigure it concerns, None for a tree parent line

    @property
    def difference(self) -> Decimal:
        return self.computed - self.published

    @property
    def severity(self) -> str:
        return "rounding" if abs(self.difference) <= self.tolerance else "mismatch"


def tolerance(terms: int) -> Decimal:
    """Largest difference per-figure rounding explains for a sum of ``terms`` rounded figures."""
    bound = (HALF_TENGE * (terms + 1)).quantize(TENGE_IN_THOUSANDS, rounding=ROUND_CEILING)
    return max(TOLERANCE_FLOOR, bound)


def _compare(findings: list, scope: str, published: dict, computed: dict, columns, terms: int, rule: str,
             check_scope: str | None) -> None:
    allowed = tolerance(terms)
    for column in columns:
        if computed[column] != published[column]:
            findings.append(Finding(scope=scope, column=column, published=published[column],
                                    computed=computed[column], tolerance=allowed, rule=rule, check_scope=check_scope))


def findings_for(lines: list[LineRow], checks: list[CheckRow]) -> list[Finding]:
    """Every column of every check that the published lines do not reproduce to the tenge."""
    values: dict[str, dict[str, Decimal]] = {line.path: line.amounts for line in lines}
    values.update({check.scope: check.amounts for check in checks})
    findings: list[Finding] = []
    for check in checks:
        if not check.terms:
            continue  # a balance line without a rule (section VI): kept, not reconciled
        computed = {column: sum((sign * values[key][column] for sign, key in check.terms if key in values),
                                Decimal("0.000")) for column in check.columns}
        _compare(findings, check.scope, check.amounts, computed, check.columns, len(check.terms), check.rule,
                 check.scope)
    children: dict[str, list[LineRow]] = defaultdict(list)
    for line in lines:
        if line.parent_path:
            children[line.parent_path].append(line)
    with_placeholder = {check.scope.split(":", 1)[1] for check in checks if check.scope.startswith("placeholder:")}
    by_path = {line.path: line for line in lines}
    for parent_path, kids in children.items():
        parent = by_path.get(parent_path)
        if parent is None or parent_path in with_placeholder:
            continue  # a section header (checked above) or a programme whose placeholder check covers it
        computed = {column: sum((kid.amounts[column] for kid in kids), Decimal("0.000")) for column in AMOUNT_COLUMNS}
        _compare(findings, f"line:{parent_path}", parent.amounts, computed, AMOUNT_COLUMNS, len(kids),
                 f"sum of the {len(kids)} rows beneath", None)
    return findings


def cross_view_findings(departmental: dict[str, dict[str, Decimal]],
                        programme: dict[str, tuple[dict[str, Decimal], int]]) -> list[Finding]:
    """The departmental row of each ABP against the sum of its rows in the hierarchical report.

    Both views publish the same administrators' figures, each rounded on its own, so a few
    tenge of difference are expected and *not* recorded; beyond the tolerance the views disagree
    (quirk 10: an ABP row lacking a functional line, mid-year drops) and the difference is kept,
    on the departmental snapshot, scope ``view:programme:<abp>``.
    """
    findings: list[Finding] = []
    zero = {column: Decimal("0.000") for column in AMOUNT_COLUMNS}
    for code in sorted(set(departmental) | set(programme)):
        published = departmental.get(code, zero)
        computed, rows = programme.get(code, (zero, 0))
        allowed = tolerance(rows)
        for column in AMOUNT_COLUMNS:
            if abs(computed[column] - published[column]) > allowed:
                findings.append(Finding(scope=f"view:programme:{code}", column=column, published=published[column],
                                        computed=computed[column], tolerance=allowed, check_scope=None,
                                        rule=f"departmental row vs the sum of its {rows} rows in the programme report"))
    return findings

"""Which report a file is, and what each row of a month means in it.

Recognised from the header and the rows, never from the file name (``README.md`` beside this file):

* 18 columns (flat): codes ≥ 100 → ``departmental`` (ABP codes); economic category names
  («Текущие затраты» …) → ``economic``; otherwise codes 1–16 → ``functional``. Code ``0`` is the
  published «Итого»: a check figure, not a line.
* 20 columns (tree, ``parentCode``/``parent_id``): a top row «… инвестиционные проекты …» →
  ``investments``; otherwise the full hierarchical report → ``programme``; each month is then
  classified by ``tree``.
"""
from __future__ import annotations

from collections.abc import Callable

from opentenge.budget import parse
from opentenge.budget.models import AMOUNT_COLUMNS, BudgetLine, View
from opentenge.budget.records import CheckRow, LineRow
from opentenge.ids.search import search_key
from opentenge.ingest.parse import RecordError
from opentenge.sources.budget_egov.rows import PublishedRow

Kind = BudgetLine.Kind
Quarantine = Callable[[PublishedRow, str, str], None]  # (row, field, reason)

ECONOMIC_CATEGORIES = {
    "1": "Текущие затраты", "2": "Капитальные затраты", "3": "Бюджетные кредиты",
    "4": "Приобретение финансовых активов", "5": "Погашение займов",
    "6": "Выполнение государственных обязательств по проектам государственно-частного партнерства",
}
_ECONOMIC_KEYS = {search_key(name) for name in ECONOMIC_CATEGORIES.values()}
FUNCTIONAL_GROUPS = range(1, 17)  # functional groups 01–16 of the budget classification
ABP_CODES = range(100, 1000)  # administrator (ABP) codes are three digits


class ViewVotes:
    """Which view a file is, from the code, name and level of its rows (read once, never stored).

    Flat: departmental when most codes are ABP codes (≥ 100); economic when most rows carry an
    economic category's name; functional otherwise. Tree: investments when a top row's name says
    «инвестиционные», the full hierarchical report otherwise. Malformed values are skipped here;
    the row is quarantined when it is parsed.
    """

    def __init__(self) -> None:
        self.abp = self.small = self.economic = 0
        self.investments = False

    def add(self, code_text, name_text, level_text) -> None:
        try:
            code = int(parse.code(code_text))
        except (RecordError, ValueError):
            code = None
        name = parse.clean_name(name_text)
        if code:
            if code >= 100:
                self.abp += 1
            else:
                self.small += 1
                self.economic += search_key(name) in _ECONOMIC_KEYS
        if str(level_text).strip() in ("0", "0.0") and "investitsion" in search_key(name):
            self.investments = True

    def view(self, tree: bool) -> str:
        if tree:
            return View.INVESTMENTS if self.investments else View.PROGRAMME
        if self.abp > self.small:
            return View.DEPARTMENTAL
        # «Погашение займов» is both economic category 5 and functional group 16: one name decides nothing.
        if self.economic * 2 > self.small:
            return View.ECONOMIC
        return View.FUNCTIONAL


def check_row(row: PublishedRow, scope: str, **extra) -> CheckRow:
    return CheckRow(scope=scope, code_published=row.code_published, name_published=row.name_published,
                    locator=row.locator, amounts=row.amounts, percents=row.percents, **extra)


def line_row(row: PublishedRow, **fields) -> LineRow:
    return LineRow(depth=row.depth, code_published=row.code_published, name=row.name,
                   name_published=row.name_published, locator=row.locator, amounts=row.amounts,
                   percents=row.percents, published_id=row.published_id, **fields)


# -- flat views ------------------------------------------------------------------------------

FLAT_RULES = {
    View.DEPARTMENTAL: (Kind.ADMINISTRATOR, ABP_CODES, "administrator (ABP) codes 100–999"),
    View.FUNCTIONAL: (Kind.GROUP, FUNCTIONAL_GROUPS, "functional groups 1–16"),
    View.ECONOMIC: (Kind.CATEGORY, range(1, len(ECONOMIC_CATEGORIES) + 1),
                    f"economic categories 1–{len(ECONOMIC_CATEGORIES)}"),
}


def flat_month(view: str, rows: list[PublishedRow], quarantine: Quarantine) -> tuple[list[LineRow], list[CheckRow]]:
    """Lines = the classified rows; the check figure = «Итого» (code 0), which they must add up to."""
    kind, allowed, described = FLAT_RULES[view]
    lines: list[LineRow] = []
    total: CheckRow | None = None
    seen: dict[str, str] = {}
    for row in rows:
        if not row.code:
            quarantine(row, "code", "missing code: a flat report row needs its classification code")
            continue
        if row.code == "0":
            if total is not None:
                quarantine(row, "code", f"a second «Итого» row (code 0) for {row.period:%m.%Y}; "
                                        f"the first is at {total.locator}")
                continue
            total = check_row(row, "total", columns=AMOUNT_COLUMNS)
            continue
        if int(row.code) not in allowed:
            quarantine(row, "code", f"unknown code {row.code_published!r}: the {view} report lists {described} "
                                    f"and 0 for «Итого»")
            continue
        if row.code in seen:
            quarantine(row, "code", f"duplicate code {row.code} in {row.period:%m.%Y}; the first is at {seen[row.code]}")
            continue
        seen[row.code] = row.locator
        lines.append(line_row(row, kind=kind, section="", code=row.code, path=row.code, parent_path="",
                              abp_code=row.code if view == View.DEPARTMENTAL else ""))
    checks = []
    if total is not None:
        total.terms = [(1, line.path) for line in lines]
        total.rule = f"sum of the {len(lines)} lines"
        checks.append(total)
    return lines, checks

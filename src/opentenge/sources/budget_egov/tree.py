"""The tree reports, one month at a time: rows linked by ``parent_id`` and classified from the top.

Row order is not trusted (quirk 9): the tree is rebuilt from ``parent_id`` within the month. Every
row becomes a line with its kind, depth, parent and path, except section headers (I. … VII.) and
the investments file's nameless placeholders, which become check figures; the arithmetic each
section must satisfy is attached to its check figure (``_section_rules``). A row whose place
cannot be known (bad level, missing or quarantined parent) is quarantined with its subtree.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from opentenge.budget.models import AMOUNT_COLUMNS, BudgetLine, View
from opentenge.budget.records import CheckRow, LineRow
from opentenge.ids.search import search_key
from opentenge.sources.budget_egov.layout import ABP_CODES, Quarantine, check_row, line_row
from opentenge.sources.budget_egov.rows import PublishedRow

Kind = BudgetLine.Kind
# Net and balance sections publish 0 for obligations (plgo, obz, obzsumrg): compare only these.
NET_COLUMNS = ("utv", "utch", "plg", "plgp", "sumrg")
# Parts of the hierarchical report classified by function down to the administrator:
# section II, III.1 budget credits, IV.1 acquisition of financial assets, VII.2 loan repayment.
SPENDING_PARTS = {("III", "1"), ("IV", "1"), ("VII", "2")}
TRANSFER_GROUP = "15"  # functional group 15 «Трансферты» (section II)
TRANSFER_REVENUE = "4"  # revenue category 4 «Поступления трансфертов» (section I)
USED_BALANCES = search_key("ИСПОЛЬЗУЕМЫЕ ОСТАТКИ")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_NUMERAL = re.compile(r"^\s*([IVX]+)\s*\.")


@dataclass
class Place:
    """Where a row sits: what its ancestors make of it."""

    path: str
    depth: int = 0
    section: str = ""
    spending: bool = False
    memo: bool = False
    abp: str = ""
    programme: str = ""
    transfer: bool = False


PLACEHOLDER = Place(path="")  # returned for a placeholder row: kept as a check figure, has no children


def _numeral(row: PublishedRow) -> str:
    match = _NUMERAL.match(row.name)
    if match and match.group(1) in ROMAN:
        return match.group(1)
    if row.code and 1 <= int(row.code) <= len(ROMAN):
        return ROMAN[int(row.code) - 1]
    return ""


class TreeMonth:
    """One month of a tree report: rows linked by ``parent_id`` and classified from the top."""

    def __init__(self, view: str, rows: list[PublishedRow], quarantine: Quarantine,
                 rejected: dict[int, str] | None = None) -> None:
        self.view = view
        self.rejected = rejected or {}  # ids of this month's rows quarantined while parsing → locator
        self.quarantine = quarantine
        self.lines: list[LineRow] = []
        self.checks: list[CheckRow] = []
        self.paths: set[str] = set()
        self.sections: dict[str, CheckRow] = {}
        self.section_children: dict[str, list[LineRow]] = defaultdict(list)
        self.memo_lines: list[LineRow] = []
        self.placeholders: dict[str, list[CheckRow]] = defaultdict(list)
        self.children_lines: dict[str, list[LineRow]] = defaultdict(list)
        self._rows = rows

    def build(self) -> tuple[list[LineRow], list[CheckRow]]:
        by_id: dict[int, PublishedRow] = {}
        for row in self._rows:
            if row.published_id in by_id:
                self.quarantine(row, "id", f"duplicate row id {row.published_id} in {row.period:%m.%Y}; "
                                           f"the first is at {by_id[row.published_id].locator}")
                continue
            by_id[row.published_id] = row
        children: dict[int, list[PublishedRow]] = defaultdict(list)
        roots = []
        for row in by_id.values():
            if row.parent_id is None:
                roots.append(row)
            else:
                children[row.parent_id].append(row)
        reached: set[int] = set()
        stack: list[tuple[PublishedRow, Place | None]] = [(row, None) for row in reversed(roots)]
        while stack:
            row, parent_place = stack.pop()
            reached.add(row.published_id)
            place = self._place(row, parent_place)
            kids = children.get(row.published_id, [])
            if place is None or place is PLACEHOLDER:  # its subtree cannot be placed either
                why = "was quarantined" if place is None else "is a nameless placeholder"
                self._quarantine_subtree(kids, children, reached, row, why)
                continue
            stack.extend((kid, place) for kid in reversed(kids))
        for row in by_id.values():
            if row.published_id in reached or row.parent_id in by_id:
                continue
            reached.add(row.published_id)
            if row.parent_id in self.rejected:
                reason = f"its parent row id {row.parent_id} ({self.rejected[row.parent_id]}) was quarantined"
            else:
                reason = f"parent_id {row.parent_id} names no row of {row.period:%m.%Y}"
            self.quarantine(row, "parent_id", f"{reason}, so its place in the tree is unknown")
            self._quarantine_subtree(children.get(row.published_id, []), children, reached, row, "was quarantined")
        for row in by_id.values():
            if row.published_id not in reached:  # a cycle of parent ids
                self.quarantine(row, "parent_id", f"parent row id {row.parent_id} is not connected to a top row")
        self._section_rules()
        return self.lines, self.checks

    def _quarantine_subtree(self, kids, children, reached, parent: PublishedRow, why: str) -> None:
        stack = list(kids)
        while stack:
            row = stack.pop()
            reached.add(row.published_id)
            self.quarantine(row, "parent_id", f"its parent row id {parent.published_id} ({parent.locator}) "
                                              f"{why}, so its place in the tree is unknown")
            stack.extend(children.get(row.published_id, []))

    def _unique(self, path: str) -> str:
        candidate, n = path, 1
        while candidate in self.paths:
            n += 1
            candidate = f"{path}~{n}"
        self.paths.add(candidate)
        return candidate

    def _add_line(self, row: PublishedRow, parent: Place | None, place: Place, kind: str, code: str) -> Place:
        place.path = self._unique(place.path)
        under_line = parent is not None and parent.path != parent.section  # a section header is no line
        line = line_row(row, kind=kind, section=place.section, code=code, path=place.path,
                        parent_path=parent.path if under_line else "", abp_code=place.abp,
                        programme_code=place.programme if kind in (Kind.PROGRAMME, Kind.SUBPROGRAMME) else "",
                        subprogramme_code=code if kind == Kind.SUBPROGRAMME else "", is_transfer=place.transfer)
        self.lines.append(line)
        if parent is None:
            self.memo_lines.append(line)
        elif parent.path in self.sections:
            self.section_children[parent.section].append(line)
        else:
            self.children_lines[parent.path].append(line)
        return place

    def _place(self, row: PublishedRow, parent: Place | None) -> Place | None:
        expected = 0 if parent is None else parent.depth + 1
        if row.depth != expected:
            self.quarantine(row, "level", f"tree level {row.depth} does not fit: its parent row is at level "
                                          f"{expected - 1}" if parent else f"a top row must be at level 0, not {row.depth}")
            return None
        if self.view == View.INVESTMENTS:
            return self._investments(row, parent)
        return self._programme(row, parent)

    # The full hierarchical report («Республиканский бюджет»).
    def _programme(self, row: PublishedRow, parent: Place | None) -> Place | None:
        if parent is None:
            if not row.code:  # memo rows: «ИСПОЛЬЗУЕМЫЕ ОСТАТКИ …», «Справочно: …»
                return self._add_line(row, None, Place(path=f"memo/{row.name}", memo=True), Kind.MEMO, "")
            return self._section(row)
        if parent.memo:
            return self._add_line(row, parent, Place(path=f"{parent.path}/{row.code or row.name}",
                                                     depth=row.depth, memo=True), Kind.MEMO, row.code)
        if not row.code:
            self.quarantine(row, "code", "missing code: only memo rows at the top of the report have none")
            return None
        place = Place(path=f"{parent.path}/{row.code}", depth=row.depth, section=parent.section,
                      spending=parent.spending, abp=parent.abp, programme=parent.programme, transfer=parent.transfer)
        if parent.path == parent.section:  # a child of the section header
            if parent.section == "I":
                place.transfer = row.code == TRANSFER_REVENUE
                return self._add_line(row, parent, place, Kind.REVENUE, row.code)
            if parent.section == "II":
                place.spending = True
                place.transfer = row.code == TRANSFER_GROUP
                return self._add_line(row, parent, place, Kind.GROUP, row.code)
            place.spending = (parent.section, row.code) in SPENDING_PARTS
            return self._add_line(row, parent, place, Kind.SECTION, row.code)
        if not place.spending:
            return self._add_line(row, parent, place, Kind.REVENUE, row.code)
        if not place.abp and int(row.code) in ABP_CODES:
            place.abp = row.code
            return self._add_line(row, parent, place, Kind.ADMINISTRATOR, row.code)
        if place.abp and not place.programme:
            place.programme = row.code.zfill(3)
            place.path = f"{parent.path}/{place.programme}"
            return self._add_line(row, parent, place, Kind.PROGRAMME, place.programme)
        if place.programme:
            code = row.code.zfill(3)
            place.path = f"{parent.path}/{code}"
            return self._add_line(row, parent, place, Kind.SUBPROGRAMME, code)
        return self._add_line(row, parent, place, Kind.GROUP, row.code)

    def _section(self, row: PublishedRow) -> Place | None:
        numeral = _numeral(row)
        if not numeral:
            self.quarantine(row, "name", f"a top row with code {row.code_published!r} is neither a memo row "
                                         "nor a numbered section (I. … VII.)")
            return None
        if numeral in self.sections:
            self.quarantine(row, "name", f"a second section {numeral} in {row.period:%m.%Y}; "
                                         f"the first is at {self.sections[numeral].locator}")
            return None
        check = check_row(row, f"section:{numeral}")
        self.sections[numeral] = check
        self.checks.append(check)
        self.paths.add(numeral)
        return Place(path=numeral, section=numeral)

    # «Республиканские инвестиционные проекты»: group → ABP → programme → sub-programme.
    def _investments(self, row: PublishedRow, parent: Place | None) -> Place | None:
        if parent is None:
            return self._section(row)
        depth = row.depth
        if depth >= 4 and row.code == "0" and not row.name:
            # A nameless placeholder repeats a programme that has no sub-programmes (quirk: 0 with an
            # empty name at level 4). Kept as a check figure: a line would count the money twice.
            check = check_row(row, f"placeholder:{parent.path}")
            self.placeholders[parent.path].append(check)
            self.checks.append(check)
            return PLACEHOLDER
        if not row.code:
            self.quarantine(row, "code", "missing code: every row below the section header has one")
            return None
        place = Place(path=f"{parent.path}/{row.code}", depth=depth, section=parent.section, spending=True,
                      abp=parent.abp, programme=parent.programme)
        if depth == 1:
            return self._add_line(row, parent, place, Kind.GROUP, row.code)
        if depth == 2:
            if int(row.code) not in ABP_CODES:
                self.quarantine(row, "code", f"unknown code {row.code_published!r}: the third level of the "
                                             "investments report holds administrator (ABP) codes 100–999")
                return None
            place.abp = row.code
            return self._add_line(row, parent, place, Kind.ADMINISTRATOR, row.code)
        code = row.code.zfill(3)  # programme codes lost their leading zeros (28 → 028)
        place.path = f"{parent.path}/{code}"
        if depth == 3:
            place.programme = code
            return self._add_line(row, parent, place, Kind.PROGRAMME, code)
        return self._add_line(row, parent, place, Kind.SUBPROGRAMME, code)

    # -- the arithmetic the published totals must satisfy -------------------------------------

    def _section_rules(self) -> None:
        def part(numeral: str, code: str) -> str | None:
            for line in self.section_children.get(numeral, []):
                if line.code == code:
                    return line.path
            return None

        for numeral, check in self.sections.items():
            kids = self.section_children.get(numeral, [])
            if self.view == View.INVESTMENTS or numeral in ("I", "II"):
                check.terms = [(1, line.path) for line in kids]
                check.columns = AMOUNT_COLUMNS
                check.rule = f"sum of the {len(kids)} rows beneath"
            elif numeral in ("III", "IV"):
                first, second = part(numeral, "1"), part(numeral, "2")
                check.terms = [(sign, path) for sign, path in ((1, first), (-1, second)) if path]
                check.columns = NET_COLUMNS
                check.rule = f"{numeral}.1 − {numeral}.2 (a net section)"
            elif numeral == "V" and all(n in self.sections for n in ("I", "II", "III", "IV")):
                check.terms = [(1, "section:I"), (-1, "section:II"), (-1, "section:III"), (-1, "section:IV")]
                check.columns = NET_COLUMNS
                check.rule = "I − II − III − IV (the balance)"
            elif numeral == "VII":
                first, second = part(numeral, "1"), part(numeral, "2")
                terms = [(sign, path) for sign, path in ((1, first), (-1, second)) if path]
                used = [line.path for line in self.memo_lines if search_key(line.name).startswith(USED_BALANCES)]
                terms += [(1, path) for path in used[:1]]
                check.terms, check.columns = terms, NET_COLUMNS
                check.rule = "VII.1 − VII.2 + used balances (memo row)"
            # VI (a balance line whose label varies) has no rule: it is kept, not reconciled.
        for parent_path, placeholders in self.placeholders.items():
            siblings = self.children_lines.get(parent_path, [])
            for check in placeholders:
                check.terms = [(1, parent_path)] + [(-1, line.path) for line in siblings]
                check.columns = AMOUNT_COLUMNS
                check.rule = "the programme, less its named sub-programmes"


def tree_month(view: str, rows: list[PublishedRow], quarantine: Quarantine,
               rejected: dict[int, str] | None = None) -> tuple[list[LineRow], list[CheckRow]]:
    return TreeMonth(view, rows, quarantine, rejected).build()

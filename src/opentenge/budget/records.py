"""What a budget importer hands the budget writer: typed rows of one snapshot, never database rows.

An importer (``sources/budget_egov``) emits one ``EntityRecord`` per month of a report, ``kind``
``budget_month``, ``fields = {"month": MonthSource}``. ``MonthSource.load()`` parses, classifies
and checks that month's published rows (quarantining the bad ones into the file's context) and
returns them as ``LineRow``/``CheckRow``; ``opentenge.budget.snapshots`` calls it month after
month inside the file's transaction (the ``write`` hook of the ingest writer), so a file of two
million rows is never held in memory at once.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

MONTH_RECORD = "budget_month"
MAPPING_RECORD = "budget_abp_mapping"


@dataclass(frozen=True)
class SnapshotKey:
    """One answer of the portal: a view of one budget (level, territory) as of the end of a month."""

    view: str
    level: str
    region: str
    region_name: str
    period: date


@dataclass
class LineRow:
    """A published row that is a line of the budget (it becomes a ``BudgetLine``)."""

    kind: str
    depth: int
    section: str
    code: str
    code_published: str
    name: str
    name_published: str
    path: str
    parent_path: str
    locator: str
    amounts: dict[str, Decimal]
    percents: dict[str, Decimal | None]
    published_id: int | None = None
    abp_code: str = ""
    programme_code: str = ""
    subprogramme_code: str = ""
    is_transfer: bool = False


@dataclass
class CheckRow:
    """A published total (it becomes a ``CheckFigure``) and the rule the lines must satisfy.

    ``terms`` are ``(sign, key)`` pairs: ``key`` is a line's ``path`` or another check figure's
    ``scope``; the computed figure is the signed sum of those rows, column by column, compared
    only in ``columns`` (net and balance sections publish 0 for obligations).
    """

    scope: str
    code_published: str
    name_published: str
    locator: str
    amounts: dict[str, Decimal]
    percents: dict[str, Decimal | None]
    terms: list[tuple[int, str]] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    rule: str = ""


@dataclass
class MappingRow:
    """One row of the operator's ABP → organisation mapping file."""

    abp_code: str
    bin: str
    relation: str
    locator: str


@dataclass
class MonthRows:
    """One month of a report, classified: lines, check figures and each accepted row's content hash."""

    lines: list[LineRow]
    checks: list[CheckRow]
    hashes: list[str]


@dataclass
class MonthSource:
    """One month of a report, read when the writer asks for it."""

    key: SnapshotKey
    load: Callable[[], MonthRows]

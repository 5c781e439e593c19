"""One published row of a budget.egov.kz execution report, parsed strictly.

The same fields arrive as CSV text (the opengov-kz files) or as JSON values (the portal's grid
answer). ``parse_row`` turns either into a ``PublishedRow`` or raises ``RecordError`` naming the
column; which view the row belongs to and where it sits in the tree is decided later, from all
the rows of the month (``layout``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from opentenge.budget import parse
from opentenge.budget.models import AMOUNT_COLUMNS, PERCENT_COLUMNS
from opentenge.ingest.parse import RecordError

FLAT_COLUMNS = ("id", "code", "name", *AMOUNT_COLUMNS, *PERCENT_COLUMNS, "level", "isLeaf", "loaded", "expanded",
                "month")
TREE_COLUMNS = (*FLAT_COLUMNS[:-1], "parentCode", "parent_id", "month")
# What a row must carry; the portal's display flags (isLeaf, loaded, expanded) are not data.
REQUIRED_FLAT = ("id", "code", "name", *AMOUNT_COLUMNS, *PERCENT_COLUMNS, "level", "month")
REQUIRED_TREE = (*REQUIRED_FLAT[:-1], "parent_id", "month")
JSON_ALIASES = {"parentId": "parent_id", "parent": "parent_id"}


@dataclass
class PublishedRow:
    locator: str
    raw: str
    published_id: int
    code: str  # normalised, leading zeros not yet restored (that depends on the view)
    code_published: str
    name: str
    name_published: str
    depth: int
    parent_id: int | None
    period: date
    amounts: dict[str, Decimal]
    percents: dict[str, Decimal | None]

    def payload(self) -> dict:
        """The row's content for hashing: normalised, so CSV text and JSON numbers hash alike."""
        return {
            "id": self.published_id, "code": self.code, "name": self.name_published, "level": self.depth,
            "parent_id": self.parent_id, "month": self.period.strftime("%m.%Y"),
            **{c: f"{v:f}" for c, v in self.amounts.items()},
            **{c: (None if v is None else f"{v:f}") for c, v in self.percents.items()},
        }


def _published_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def parse_row(item: dict, *, locator: str, raw: str, tree: bool) -> PublishedRow:
    """Typed values of one row, checked column by column in the published order."""
    published_id = parse.whole(item.get("id"), "id")
    code = parse.code(item.get("code"), "code")
    name_published = "" if item.get("name") is None else str(item.get("name"))
    amounts = {column: parse.amount(item.get(column), column) for column in AMOUNT_COLUMNS}
    percents = {}
    for column in PERCENT_COLUMNS:
        value = item.get(column)
        percents[column] = None if value is None or value == "" else parse.percent(value, column)
    depth = parse.whole(item.get("level"), "level")
    if depth > 20:
        raise RecordError("level", f"tree level {depth} is deeper than any report")
    parent_id = parse.whole(item.get("parent_id"), "parent_id", required=False) if tree else None
    if tree and parent_id is None and depth != 0:
        raise RecordError("parent_id", f"missing: a row at tree level {depth} must name its parent row")
    period = parse.period(item.get("month"), "month")
    return PublishedRow(
        locator=locator, raw=raw, published_id=published_id, code=code,
        code_published=_published_text(item.get("code")), name=parse.clean_name(name_published),
        name_published=name_published, depth=depth, parent_id=parent_id, period=period,
        amounts=amounts, percents=percents,
    )

"""Monthly flows from cumulative figures: what happened *in* a month, not since January.

The portal publishes ``plgp``, ``sumrg`` and ``obz`` cumulative from January, resetting every
year. The flow of month M for one line (same view and territory, same ``path``) is

* January: the cumulative figure itself (the series resets);
* otherwise: cumulative(M) − cumulative(M−1) of the same year;
* no snapshot for M−1: unknown (``None``), note ``no-previous-month`` — a gap is never read as 0;
* a line absent in M−1 (a new administrator, e.g. 228 in 10.2023): previous taken as 0, note
  ``new-line`` (its first figure may carry months re-attributed from elsewhere);
* a negative cash or obligations flow on a spending line: note ``reattributed`` — the figures of
  past months were moved away, as in the 10.2023 reorganisation (209, 240, 249 fall to 0, 207
  halves); on revenue and memo lines a negative flow is real (refunds): note ``negative``;
* ``plgp_month`` is unknown when the period plan of M or M−1 is missing (published 0 for the
  whole snapshot, quirk 5), note ``plan-missing`` if nothing else is worth saying.

One note per line, the first that applies in the order above.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

SPENDING_KINDS = {"administrator", "programme", "subprogramme", "group", "category"}


@dataclass
class Cumulative:
    kind: str
    sumrg: Decimal
    obz: Decimal
    plgp: Decimal


@dataclass
class Flow:
    sumrg_month: Decimal | None
    obz_month: Decimal | None
    plgp_month: Decimal | None
    month_note: str = ""


def previous_period(period: date) -> date | None:
    """The month before within the same year; ``None`` for January (the series resets)."""
    return None if period.month == 1 else period.replace(month=period.month - 1)


def next_period(period: date) -> date | None:
    return None if period.month == 12 else period.replace(month=period.month + 1)


def month_flows(current: dict[str, Cumulative], previous: dict[str, Cumulative] | None, *, january: bool,
                plan_missing: bool) -> dict[str, Flow]:
    """Flows for every line of one snapshot, keyed by path.

    ``previous`` is the month before (``None`` when there is no snapshot for it); ``plan_missing``
    is true when this month's or the previous month's period plan is unknown.
    """
    flows: dict[str, Flow] = {}
    for path, now in current.items():
        if january:
            flows[path] = Flow(now.sumrg, now.obz, None if plan_missing else now.plgp,
                               "plan-missing" if plan_missing else "")
            continue
        if previous is None:
            flows[path] = Flow(None, None, None, "no-previous-month")
            continue
        before = previous.get(path)
        zero = Decimal("0.000")
        base = before or Cumulative(now.kind, zero, zero, zero)
        flow = Flow(now.sumrg - base.sumrg, now.obz - base.obz, None if plan_missing else now.plgp - base.plgp)
        if before is None:
            flow.month_note = "new-line"
        elif flow.sumrg_month < 0 or flow.obz_month < 0:
            flow.month_note = "reattributed" if now.kind in SPENDING_KINDS else "negative"
        elif plan_missing:
            flow.month_note = "plan-missing"
        flows[path] = flow
    return flows

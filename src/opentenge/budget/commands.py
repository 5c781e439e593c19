"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge budget totals [--view departmental] [--period YYYY-MM] [--abp CODE] [--json]
    opentenge budget relink [--json]

``totals`` is a public contract used by checks: its name, flags and JSON shape stay as they are.
"""
from __future__ import annotations

import argparse
import json
import re
from datetime import date

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
_ABP = re.compile(r"^\d{1,3}$")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this app's sub-commands to the ``opentenge`` parser."""
    budget = sub.add_parser("budget", help="budget execution (budget.egov.kz): totals and links")
    commands = budget.add_subparsers(dest="budget_command", required=True, metavar="COMMAND")

    p = commands.add_parser("totals", help="sum the administrator lines of each period, as published")
    p.add_argument("--view", default="departmental",
                   help="departmental (default) | functional | economic | programme | investments")
    p.add_argument("--period", help="one month, YYYY-MM")
    p.add_argument("--abp", help="one administrator (ABP) code, e.g. 217")
    p.add_argument("--level", default="republican", help="budget level (default republican)")
    p.add_argument("--region", default="", help="KATO code of the territory (empty for the republican budget)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=cmd_totals)

    p = commands.add_parser("relink", help="link administrators (ABP) to organisations again")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_relink)


def _parse_period(text: str) -> date | None:
    match = _PERIOD.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)


def cmd_totals(args: argparse.Namespace) -> int:
    from opentenge.cli import EXIT_OK, _database_problem, _fail, _setup_django

    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.budget.models import Level, View
    from opentenge.budget.totals import UNIT, totals

    if args.view not in View.values:
        return _fail(f"unknown view {args.view!r}; choose one of {', '.join(View.values)}")
    if args.level not in Level.values:
        return _fail(f"unknown level {args.level!r}; choose one of {', '.join(Level.values)}")
    period = None
    if args.period is not None:
        period = _parse_period(args.period)
        if period is None:
            return _fail(f"--period {args.period!r} is not a month: write YYYY-MM, e.g. 2023-01")
    abp = None
    if args.abp is not None:
        if not _ABP.match(args.abp.strip()):
            return _fail(f"--abp {args.abp!r} is not an administrator code: write its digits, e.g. 217")
        abp = args.abp.strip()
    try:
        result = totals(args.view, period=period, abp=abp, level=args.level, region=args.region)
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return EXIT_OK
    _print_table(result, args.view, UNIT)
    return EXIT_OK


def _print_table(result: list[dict], view: str, unit: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from opentenge.budget.models import AMOUNT_COLUMNS

    console = Console(highlight=False)
    console = Console(highlight=False, width=max(console.width, 200))  # eleven columns of big numbers
    if not result:
        console.print(f"no current {view} snapshots match")
        return
    table = Table(title=f"budget totals · {view} · {unit}, cumulative from January")
    for column in ("period", "abp", "rows", "ABPs", *AMOUNT_COLUMNS):
        table.add_column(column, justify="left" if column in ("period", "abp") else "right", no_wrap=True)
    for entry in result:
        table.add_row(entry["period"], entry["abp"] or "all", f"{entry['rows']:,}", f"{entry['abp_count']:,}",
                      *(_grouped(entry["totals"][c]) for c in AMOUNT_COLUMNS))
    console.print(table)


def _grouped(value: str) -> str:
    whole, _, fraction = value.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{' '.join(groups) or '0'}.{fraction}"


def cmd_relink(args: argparse.Namespace) -> int:
    from opentenge.cli import EXIT_OK, _database_problem, _setup_django

    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.budget.administrators import relink

    try:
        outcome = relink()
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    print(json.dumps(outcome) if args.json else
          f"{outcome['links']} links ({outcome['created']} new, {outcome['changed']} changed, {outcome['removed']} removed)")
    return EXIT_OK

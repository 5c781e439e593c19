"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge indicators run [--code R001] [--json]    recompute red flags, replacing stored results
"""
from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    """Add this app's sub-commands to the ``opentenge`` parser."""
    indicators = sub.add_parser("indicators", help="integrity red flags (R001…)")
    commands = indicators.add_subparsers(dest="indicators_command", required=True, metavar="COMMAND")
    p = commands.add_parser("run", help="recompute indicators and store their results")
    p.add_argument("--code", action="append", help="only this indicator (repeatable); default all")
    p.add_argument("--json", action="store_true", help="print the summary as JSON lines")
    p.set_defaults(func=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    from opentenge.cli import EXIT_OK, _database_problem, _fail, _progress_callback, _setup_django, err

    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError
    from rich.table import Table

    from opentenge.indicators import base

    try:
        codes = [base.get(c).code for c in args.code] if args.code else list(base.registry())
    except LookupError as exc:
        return _fail(str(exc))
    summaries = []
    try:
        with _progress_callback("indicators") as progress:
            for code in codes:
                summaries.append(base.run(code, progress=None if args.json else progress))
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    if args.json:
        print(json.dumps({"indicators": summaries}, ensure_ascii=False))
        return EXIT_OK
    table = Table(title="indicators run")
    for column in ("code", "flagged", "clear", "insufficient_data", "total"):
        table.add_column(column, justify="right")
    for s in summaries:
        table.add_row(s["code"], *(f"{s[c]:,}" for c in ("flagged", "clear", "insufficient_data", "total")))
    err.print(table)
    return EXIT_OK

"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge link [--full] [--json]              link the store's organisations (incremental by default)
    opentenge link evaluate --pairs FILE.csv [--json]
    opentenge names normalize TEXT [--json]        (opentenge.linking.commands_names)
    opentenge names compare A B [--json]

``opentenge link`` with no sub-command runs linking: the ``link`` parser has an *optional*
sub-command, so ``opentenge link --json`` and ``opentenge link evaluate …`` both parse.
"""
from __future__ import annotations

import argparse
import json


def _missing(feature: str, exc: ImportError):
    def run(args: argparse.Namespace) -> int:
        from opentenge.cli import _fail

        return _fail(f"{feature} is not available: opentenge.linking.commands_names could not be imported ({exc})")
    return run


def cmd_link(args: argparse.Namespace) -> int:
    from opentenge.cli import _database_problem, _fail, _progress_callback, _setup_django

    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.linking.batch import LinkingError
    from opentenge.linking.incremental import run_linking

    try:
        with _progress_callback("link") as progress:
            summary = run_linking(full=args.full, progress=None if args.json else progress)
    except LinkingError as exc:
        return _fail(str(exc))
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"opentenge link ({'full' if summary['full'] else 'incremental'})")
    columns = ("records", "changed", "candidates", "auto_match", "review", "no_match", "clusters", "seconds")
    headers = ("records", "changed", "pairs", "match", "review", "no match", "clusters", "s")
    for header in headers:
        table.add_column(header, justify="right")
    table.add_row(*(f"{summary[c]:,}" if isinstance(summary[c], int) else f"{summary[c]:.1f}" for c in columns))
    Console(highlight=False).print(table)
    if summary["review"]:
        Console(stderr=True, highlight=False).print(
            f"{summary['review']:,} pair(s) await review: /admin/linking/reviewpair/")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``opentenge link …`` and ``opentenge names …`` to the ``opentenge`` parser."""
    link = sub.add_parser("link", help="link organisations across sources and scripts (judgments, clusters)",
                          description="Without a sub-command: run linking over the store.")
    link.add_argument("--full", action="store_true",
                      help="re-link every organisation, not only those changed since the last run")
    link.add_argument("--json", action="store_true", help="print one JSON summary object")
    link.set_defaults(func=cmd_link)
    link_sub = link.add_subparsers(dest="link_command", required=False, metavar="[evaluate]")
    try:
        from opentenge.linking.commands_names import add_evaluate, register_names
    except ImportError as exc:
        names = sub.add_parser("names", help="normalise and compare names (not available)")
        names.add_argument("rest", nargs=argparse.REMAINDER)
        names.set_defaults(func=_missing("opentenge names", exc))
        evaluate = link_sub.add_parser("evaluate", help="precision and recall on labelled pairs (not available)")
        evaluate.add_argument("rest", nargs=argparse.REMAINDER)
        evaluate.set_defaults(func=_missing("opentenge link evaluate", exc))
        return
    add_evaluate(link_sub)
    register_names(sub)

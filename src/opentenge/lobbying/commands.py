"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge lobbying demo [--seed N]    file a demonstration register through the workflow
"""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this app's sub-commands to the ``opentenge`` parser."""
    lobbying = sub.add_parser("lobbying", help="the voluntary lobbying disclosure register")
    commands = lobbying.add_subparsers(dest="lobbying_command", required=True, metavar="COMMAND")
    p = commands.add_parser("demo", help="file demonstration registrants and reports (idempotent)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7); same seed, same register")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from opentenge.cli import EXIT_OK, _database_problem, _setup_django

    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.lobbying.demo import load

    try:
        load(seed=args.seed)
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    return EXIT_OK

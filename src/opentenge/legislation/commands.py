"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge alerts send [--json]

``alerts send`` mails every follower of a bill the timeline steps that appeared since their last
alert (see ``opentenge.legislation.alerts``); run it from cron or a systemd timer (docs/alerts.md).
Exit codes: 0 all alerts delivered (or nothing to send); 1 some deliveries failed (they are
retried at the next run); 2 the command could not run.
"""
from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    """Add this app's sub-commands to the ``opentenge`` parser."""
    alerts = sub.add_parser("alerts", help="e-mail alerts for followed bills")
    commands = alerts.add_subparsers(dest="alerts_command", required=True, metavar="COMMAND")
    p = commands.add_parser("send", help="mail every follower the new steps of the bills they follow")
    p.add_argument("--json", action="store_true", help="print one JSON summary object")
    p.set_defaults(func=cmd_alerts_send)


def cmd_alerts_send(args: argparse.Namespace) -> int:
    from opentenge.cli import EXIT_CHECK_FAILED, EXIT_OK, _database_problem, _setup_django, err

    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.legislation.alerts import send_alerts

    try:
        summary = send_alerts()
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        err.print(f"alerts: {summary['follows']} follows of {summary['users']} users; "
                  f"{summary['emails_sent']} e-mails sent with {summary['steps_sent']} new steps; "
                  f"{len(summary['failed'])} failed")
        for failure in summary["failed"]:
            err.print(f"  user {failure['user_id']}: {failure['error']}")
    return EXIT_CHECK_FAILED if summary["failed"] else EXIT_OK

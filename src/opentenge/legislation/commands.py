"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge alerts send [--json]

``alerts send`` mails every follower of a bill the timeline steps that appeared since their last
alert (see ``opentenge.legislation.alerts``), then every watcher their watchlist digest
(``opentenge.watch.digest``; JSON keys ``watches``, ``watch_users``, ``digests_sent``,
``digest_items_sent``, ``digest_failed``); run it from cron or a systemd timer (docs/alerts.md).
Exit codes: 0 all alerts and digests delivered (or nothing to send); 1 some deliveries failed
(they are retried at the next run); 2 the command could not run.
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
    from opentenge.watch.digest import send_digests

    try:
        summary = send_alerts()
        summary.update(send_digests())
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
        err.print(f"digests: {summary['watches']} watches of {summary['watch_users']} users; "
                  f"{summary['digests_sent']} e-mails sent with {summary['digest_items_sent']} new items; "
                  f"{len(summary['digest_failed'])} failed")
        for failure in summary["digest_failed"]:
            err.print(f"  user {failure['user_id']}: {failure['error']}")
    return EXIT_CHECK_FAILED if summary["failed"] or summary["digest_failed"] else EXIT_OK

"""The ``opentenge`` command. Names, flags and JSON shapes here are a public contract.

    opentenge init
    opentenge demo-data --out DIR [--seed N] [--scale small|medium|large] [--reuse]
    opentenge ingest SOURCE PATH... [--json]
    opentenge stats [--json]
    opentenge check-id ID... [--json]
    opentenge serve [--host 127.0.0.1] [--port 8000] [--workers 2]

Exit codes: 0 success; 1 a check failed (``check-id`` found an invalid number); 2 the command
could not run (bad arguments, unknown source, unreadable path, database unreachable).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

EXIT_OK, EXIT_CHECK_FAILED, EXIT_CANNOT_RUN = 0, 1, 2
err = Console(stderr=True, highlight=False, soft_wrap=True)  # never wrap: messages get grepped


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
    import django

    django.setup()


def _fail(message: str) -> int:
    err.print(f"[bold red]error:[/] {message}")
    return EXIT_CANNOT_RUN


def _database_problem(exc: Exception) -> int:
    from opentenge.store.db import database_url, describe

    return _fail(f"database {describe(database_url())} is not usable: {exc}".strip() + "\n  " + _remedy(str(exc)))


# A full disk or a server that went away mid-run is not fixed by `init`: say what is (trials/disk_full, pg_restart).
_DISK_FULL = ("disk is full", "no space left", "could not extend file")
_CONNECTION_LOST = ("terminating connection", "server closed the connection", "shutting down",
                    "connection is lost", "connection already closed", "consuming input failed")


def _remedy(problem: str) -> str:
    problem = problem.lower()
    if any(sign in problem for sign in _DISK_FULL):
        return "the disk holding the database is full: free space, then re-run; files already ingested are skipped"
    if any(sign in problem for sign in _CONNECTION_LOST):
        return "the database server went away: when it is back, re-run; files already ingested are skipped"
    return "run `opentenge init` first, or set OPENTENGE_DATABASE_URL"


def cmd_init(args: argparse.Namespace) -> int:
    from opentenge.store.db import DatabaseUrlError, database_url, describe

    try:
        _setup_django()
    except DatabaseUrlError as exc:
        return _fail(str(exc))
    from django.core.management import call_command
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as exc:
        return _database_problem(exc)
    err.print(f"database ready: {describe(database_url())} ({connection.vendor})")
    return EXIT_OK


def cmd_demo_data(args: argparse.Namespace) -> int:
    from opentenge.demo import SCALES, generate, is_current

    if args.scale not in SCALES:
        return _fail(f"unknown scale {args.scale!r}; choose one of {', '.join(SCALES)}")
    out = Path(args.out)
    if args.reuse and is_current(out, seed=args.seed, scale=args.scale):
        err.print(f"demo corpus in {out} is current (seed {args.seed}, {args.scale}); reusing it")
        return EXIT_OK
    started = time.monotonic()
    with _progress_callback(f"demo-data ({args.scale})") as progress:
        manifest = generate(out, seed=args.seed, scale=args.scale, progress=progress)
    counts = ", ".join(f"{v:,} {k}" for k, v in manifest["counts"].items())
    err.print(f"wrote {manifest['files']:,} files to {out} in {time.monotonic() - started:.1f} s: {counts}")
    return EXIT_OK


class _progress_callback:
    """A rich bar for generators that report ``(label, done, total)``; silent off a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.progress = None

    def __enter__(self):
        if not err.is_terminal:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=err)
        self.progress.start()
        self.task = self.progress.add_task(self.label, total=None)

        def callback(label: str, done: int, total: int) -> None:
            self.progress.update(self.task, description=f"{self.label}: {label}", completed=done, total=total)

        return callback

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()


def cmd_ingest(args: argparse.Namespace) -> int:
    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.ingest.runner import IngestError, run_ingest

    try:
        summary = run_ingest(args.source, args.paths, show_progress=not args.json)
    except IngestError as exc:
        return _fail(str(exc))
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
        return EXIT_OK
    table = Table(title=f"ingest {summary.source}", show_header=True)
    for column in ("files", "records", "inserted", "updated", "unchanged", "quarantined", "seconds"):
        table.add_column(column, justify="right")
    d = summary.as_dict()
    table.add_row(*(f"{d[c]:,}" if isinstance(d[c], int) else f"{d[c]:.1f}" for c in
                    ("files", "records", "inserted", "updated", "unchanged", "quarantined", "seconds")))
    Console(highlight=False).print(table)
    if summary.skipped_files:
        err.print(f"{summary.skipped_files:,} file(s) were already ingested and were skipped")
    if summary.quarantined:
        err.print(f"[yellow]{summary.quarantined:,} record(s) quarantined[/]: see `opentenge stats` or /quarantine")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.store.queries import stats

    try:
        data = stats()
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return EXIT_OK
    table = Table(title="OpenTenge store")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for key, value in data.items():
        if isinstance(value, int):
            table.add_row(key, f"{value:,}")
    console = Console(highlight=False)
    console.print(table)
    for source, counts in data["by_source"].items():
        src = Table(title=f"source: {source}")
        src.add_column("kind")
        src.add_column("count", justify="right")
        for key, value in counts.items():
            src.add_row(key, f"{value:,}")
        console.print(src)
    return EXIT_OK


def cmd_check_id(args: argparse.Namespace) -> int:
    from opentenge.ids.kz import check_id

    results = [check_id(value) for value in args.ids]
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False))
    else:
        for r in results:
            verdict = f"valid {r.kind}" if r.valid else f"invalid ({r.reason})"
            print(f"{r.id}\t{verdict}")
    return EXIT_OK if all(r.valid for r in results) else EXIT_CHECK_FAILED


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve with gunicorn (threaded workers): the same server on a laptop and in production.

    On a loopback address (the demo) cookies are not marked HTTPS-only unless the operator says
    so, because http://127.0.0.1 could not sign anyone in otherwise; anywhere else they are.
    """
    if args.host in ("127.0.0.1", "localhost", "::1") and "OPENTENGE_SECURE_COOKIES" not in os.environ:
        os.environ["OPENTENGE_SECURE_COOKIES"] = "0"
    _setup_django()
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import OperationalError
    from gunicorn.app.base import BaseApplication

    try:
        executor = MigrationExecutor(connections["default"])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except OperationalError as exc:
        return _database_problem(exc)
    if pending:
        return _fail("the database is not initialised or not up to date: run `opentenge init` first")
    connections.close_all()  # never share a connection with the forked workers

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"bind": f"{args.host}:{args.port}", "workers": args.workers, "threads": 4,
                               "worker_class": "gthread", "accesslog": "-", "timeout": 120}.items():
                self.cfg.set(key, value)

        def load(self):
            from opentenge.web.wsgi import application

            return application

    from django.conf import settings

    if not settings.REDIS_URL and args.workers > 1:
        err.print("note: OPENTENGE_REDIS_URL is not set, so each worker counts failed logins on its own; "
                  "set it (Redis) to share login throttling between workers")
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        err.print(f"e-mail is not sent: messages are written to {settings.EMAIL_FILE_PATH}/ (set OPENTENGE_SMTP_URL to send)")
    err.print(f"serving OpenTenge on http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    Server().run()
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opentenge", description="Follow public money in Kazakhstan.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create or migrate the database named by OPENTENGE_DATABASE_URL")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo-data", help="generate the demo corpus in the real source formats")
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--seed", type=int, default=42, help="random seed (same seed, same files)")
    p.add_argument("--scale", default="small", help="small | medium | large")
    p.add_argument("--reuse", action="store_true",
                   help="do nothing if DIR already holds a corpus of this seed, scale and generator version")
    p.set_defaults(func=cmd_demo_data)

    p = sub.add_parser("ingest", help="ingest files of a source (a folder name under sources/)")
    p.add_argument("source")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print one JSON summary object")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("stats", help="counts per entity kind and per source")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("check-id", help="validate Kazakhstan BIN/IIN numbers")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check_id)

    p = sub.add_parser("serve", help="serve the website and API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    p.set_defaults(func=cmd_serve)

    # Each app owns its sub-commands (``opentenge budget …``, ``opentenge names …``, ``opentenge link …``).
    from opentenge.budget import commands as budget_commands
    from opentenge.civil import commands as civil_commands
    from opentenge.accounts import commands as accounts_commands
    from opentenge.legislation import commands as legislation_commands
    from opentenge.lobbying import commands as lobbying_commands
    from opentenge.indicators import commands as indicators_commands
    from opentenge.export import commands as export_commands
    from opentenge.linking import commands as linking_commands
    from opentenge.politics import commands as politics_commands

    budget_commands.register(sub)
    linking_commands.register(sub)
    civil_commands.register(sub)
    politics_commands.register(sub)
    legislation_commands.register(sub)
    lobbying_commands.register(sub)
    accounts_commands.register(sub)
    indicators_commands.register(sub)
    export_commands.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_CANNOT_RUN if exc.code else EXIT_OK
    try:
        return args.func(args)
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())

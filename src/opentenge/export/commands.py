"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge export --format csv|parquet|sqlite|ftm|ocds [--format …] --out DIR [--json]

Exit codes as for every command: 0 written; 2 could not run (unwritable DIR, unknown format,
database unusable). The progress bar goes to stderr and only on a terminal; ``--json`` prints
the summary (files, row counts) on stdout.
"""
from __future__ import annotations

import argparse
import json


def cmd_export(args: argparse.Namespace) -> int:
    from opentenge.cli import _database_problem, _fail, _progress_callback, _setup_django, err

    _setup_django()
    from django.db.utils import OperationalError, ProgrammingError

    from opentenge.export.run import FORMATS, ExportError, export_dir, run_export

    formats = args.format or list(FORMATS)
    out = args.out or str(export_dir())
    try:
        with _progress_callback("export") as progress:
            summary = run_export(formats, out, progress=None if args.json else progress)
    except ExportError as exc:
        return _fail(str(exc))
    except (OperationalError, ProgrammingError) as exc:
        return _database_problem(exc)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        tables = ", ".join(f"{n:,} {t}" for t, n in summary["tables"].items())
        err.print(f"wrote {len(summary['files'])} files to {summary['out']}" + (f": {tables}" if tables else ""))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add this app's sub-commands to the ``opentenge`` parser."""
    parser = sub.add_parser("export", help="write bulk downloads (CSV, Parquet, SQLite, FtM, OCDS)")
    parser.add_argument("--format", action="append", choices=("csv", "parquet", "sqlite", "ftm", "ocds"),
                        help="repeat for several formats; default: all")
    parser.add_argument("--out", help="folder to write (default: OPENTENGE_EXPORT_DIR or var/exports)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    parser.set_defaults(func=cmd_export)

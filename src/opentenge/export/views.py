"""The downloads page: what each format is for, and the files of the latest export.

The page reads the export folder's ``datapackage.json`` (written by ``opentenge export``) rather
than scanning the folder, and serves only the files that descriptor lists, so nothing else in
the folder can be fetched through it.
"""
from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from opentenge.export.run import describe_export, export_dir
from opentenge.web.views import respond


def formats() -> list[dict]:
    """The formats, explained for a journalist who has never heard of them."""
    return [
        {"key": "csv", "name": "CSV",
         "text": _("One UTF-8 table per file: procurement (organisations, tenders, lots, contracts, reference "
                   "lists), budget lines, grants and NGOs, politics (people, positions, company roles, parties, "
                   "funding, election funds, declarations), bills and their timelines, the published lobbying "
                   "register and red flags. Opens in any spreadsheet; the first row names the columns.")},
        {"key": "parquet", "name": "Parquet",
         "text": _("The same tables in a compact typed format for data tools (pandas, R, DuckDB). "
                   "Amounts stay exact decimals, dates stay dates.")},
        {"key": "sqlite", "name": "SQLite",
         "text": _("All tables in one database file. Open it with DB Browser for SQLite or Datasette and "
                   "query it with SQL.")},
        {"key": "ftm", "name": "FollowTheMoney",
         "text": _("Companies, state bodies, people (identifiers masked), contracts, awards, payments, "
                   "directorships, ownership and memberships as FollowTheMoney entities (one JSON per line), "
                   "ready to load into OCCRP Aleph or OpenSanctions tools.")},
        {"key": "ocds", "name": "OCDS 1.1",
         "text": _("Procurement as Open Contracting Data Standard releases and compiled records, one "
                   "contracting process per announcement, for tools built on the standard.")},
        {"key": "datapackage", "name": "datapackage.json",
         "text": _("A Frictionless Data description of every file: columns and their types, licence "
                   "and source.")},
    ]


def downloads(request: HttpRequest, format: str | None = None) -> HttpResponse:
    data = {"formats": formats(), "export": describe_export(),
            "personal_data": _("A natural person's IIN is never included in full; only its masked form.")}
    return respond(request, "opentenge/downloads.html", data, format)


def download_file(request: HttpRequest, path: str) -> FileResponse:
    export = describe_export()
    allowed = {f["path"] for f in export["files"]} | {"datapackage.json"} if export else set()
    if path not in allowed:
        raise Http404(path)
    target = export_dir() / path
    if not target.is_file():
        raise Http404(path)
    return FileResponse(target.open("rb"), as_attachment=True, filename=target.name)

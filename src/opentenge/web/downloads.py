"""CSV downloads of a page's tables, the same way on every page of every app.

A page hands over ``{name: (header, rows)}``; ``?table=name`` picks one (a bare ``.csv`` address
gets the page's default). Cells are rendered by the caller's ``cell`` function, because each app
knows the precision of its own numbers (tenge with 2 decimals, thousand tenge with 3).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse


def text_cell(value) -> str:
    """A cell of a table without amounts: empty for none, yes/no, ISO dates, text otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def csv_response(request: HttpRequest, tables: dict, default: str, filename: str,
                 cell: Callable[[object], str]) -> HttpResponse:
    name = request.GET.get("table") or default
    if name not in tables:
        raise Http404(f"no table {name!r}; tables: {', '.join(tables)}")
    header, rows = tables[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    # A byte-order mark so that spreadsheet programs read the Cyrillic names as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{name}.csv"'
    return response

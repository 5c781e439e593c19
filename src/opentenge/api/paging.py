"""Sorted keyset pagination: one helper for every list of ``/api/v1``.

A cursor carries the sort it was made for, the sort value of the last row served and that row's
primary key (the tie-breaker), never an offset. So a client can page through a whole table with
no cap on how far it goes, and rows inserted while it pages do not shift the rows it has not seen
yet. Rows whose sort value is null come last in both directions, as the site's tables show them.

Two backends with the same cursor format: :func:`keyset_page` for a queryset (the database does
the seek, one indexed query per page) and :func:`keyset_list` for lists that a query function
already builds in Python (lobbying, legislation, politics: a few thousand rows at most).

A cursor that is not ours, or one made for another sort, is a ``BadCursor`` (400 problem+json);
an unknown sort key never reaches this module: each endpoint declares its keys as an enum, so the
schema refuses it with 422.
"""
from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Callable, Iterable, Mapping, Sequence

from django.db.models import F, Q

from opentenge.store.queries import MAX_PAGE, BadCursor, _limit

__all__ = ["BadCursor", "MAX_PAGE", "keyset_page", "keyset_list", "encode", "decode", "sort_keys"]


def sort_keys(fields: Mapping[str, str]) -> tuple[str, ...]:
    """``{"date": "sign_date"}`` → ``("date", "-date")``: the values an endpoint's ``sort`` enum allows."""
    return tuple(k for name in fields for k in (name, f"-{name}"))


# -- the cursor ----------------------------------------------------------------------------------

def _pack(value):
    if value is None:
        return ["n", None]
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, int):
        return ["i", value]
    if isinstance(value, Decimal):
        return ["m", str(value)]
    if isinstance(value, datetime):
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    return ["s", str(value)]


def _unpack(tag: str, raw):
    return {"n": lambda v: None, "b": bool, "i": int, "m": Decimal, "t": datetime.fromisoformat,
            "d": date.fromisoformat, "s": str}[tag](raw)


def encode(sort: str, value, pk) -> str:
    text = json.dumps([sort, _pack(value), _pack(pk)], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str | None, sort: str):
    """``(value, pk)`` of the last row served, or ``None`` for the first page."""
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        made_for, value, pk = json.loads(text)
        if made_for != sort:
            raise BadCursor(f"this cursor was made for sort={made_for}, not sort={sort}: keep the sort while paging")
        return _unpack(*value), _unpack(*pk)
    except BadCursor:
        raise
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        raise BadCursor(f"invalid cursor {cursor!r}: pass back the next_cursor value exactly") from None


def _split(sort: str, fields: Mapping[str, str]) -> tuple[str, bool]:
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in fields:
        raise ValueError(f"sort must be one of {', '.join(sort_keys(fields))}, not {sort!r}")
    return fields[name], descending


# -- querysets -----------------------------------------------------------------------------------

def _after(field: str, descending: bool, value, pk) -> Q:
    """Rows that come after ``(value, pk)`` in the order ``field`` (nulls last), then ``pk``."""
    beyond, pk_beyond = ("lt", "lt") if descending else ("gt", "gt")
    same_then_pk = Q(**{f"pk__{pk_beyond}": pk})
    if value is None:
        return Q(**{f"{field}__isnull": True}) & same_then_pk
    return (Q(**{f"{field}__{beyond}": value}) | Q(**{field: value}) & same_then_pk
            | Q(**{f"{field}__isnull": True}))


def _nullable(model, field: str) -> bool:
    """Whether ``field`` (possibly ``a__b``) can be null; unknown paths count as nullable."""
    try:
        for part in field.split("__")[:-1]:
            model = model._meta.get_field(part).related_model
        return model._meta.get_field(field.split("__")[-1]).null
    except Exception:  # noqa: BLE001 - an annotation or an odd path: keep the explicit NULLS LAST
        return True


def keyset_page(queryset, *, sort: str, fields: Mapping[str, str], cursor: str | None, limit: int | None,
                serialise: Callable, values: Sequence[str] | None = None) -> dict:
    """One page of ``queryset`` in the order ``sort`` names (a key of ``fields``, ``-`` for descending).

    ``values``: read these columns as dicts (``serialise`` then takes a dict) instead of building a
    model instance per row — what makes long pages of wide rows cheap.
    """
    field, descending = _split(sort, fields)
    size = _limit(limit)
    if _nullable(queryset.model, field):
        order = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    else:  # plain ASC/DESC, so PostgreSQL can walk a (field, id) index either way (same rows)
        order = F(field).desc() if descending else F(field).asc()
    qs = queryset.order_by(order, "-pk" if descending else "pk")
    last = decode(cursor, sort)
    if last is not None:
        qs = qs.filter(_after(field, descending, *last))
    if values is not None:
        qs = qs.values(*values, *(c for c in (field, "pk") if c not in values))
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = None
    if more and rows:
        tail = rows[-1]
        if values is not None:
            value, pk = tail[field], tail["pk"]
        else:
            value, pk = tail, tail.pk
            for part in field.split("__"):
                value = getattr(value, part, None) if value is not None else None
        next_cursor = encode(sort, value, pk)
    return {"items": [serialise(r) for r in rows], "next_cursor": next_cursor, "sort": sort}


# -- lists of dicts --------------------------------------------------------------------------------

def _comes_after(value, pk, last_value, last_pk, descending: bool) -> bool:
    if last_value is None:
        return value is None and (pk < last_pk if descending else pk > last_pk)
    if value is None:
        return True
    if value == last_value:
        return pk < last_pk if descending else pk > last_pk
    return value < last_value if descending else value > last_value


def keyset_list(rows: Iterable[dict], *, sort: str, fields: Mapping[str, str], cursor: str | None,
                limit: int | None, id_key: str = "id") -> dict:
    """The same pagination over rows already built in Python; ``fields`` maps sort keys to row keys."""
    key, descending = _split(sort, fields)
    size = _limit(limit)
    rows = list(rows)
    present = sorted((r for r in rows if r.get(key) is not None), key=lambda r: (r[key], r[id_key]),
                     reverse=descending)
    missing = sorted((r for r in rows if r.get(key) is None), key=lambda r: r[id_key], reverse=descending)
    ordered = present + missing
    last = decode(cursor, sort)
    if last is not None:
        ordered = [r for r in ordered if _comes_after(r.get(key), r[id_key], *last, descending)]
    page = ordered[:size]
    more = len(ordered) > size
    next_cursor = encode(sort, page[-1].get(key), page[-1][id_key]) if more and page else None
    return {"items": page, "next_cursor": next_cursor, "sort": sort, "total": len(rows)}

"""One rule for turning a query function's refusals into HTTP answers (as problem+json, see http.py).

A query says "no such thing" with ``NotFound`` and "I cannot read that cursor or filter" with
``BadCursor`` (or an app's own exception, passed in ``bad_request``); the API answers 404 and 400.
"""
from __future__ import annotations

from ninja.errors import HttpError

from opentenge.store.queries import BadCursor, NotFound


def guarded(call, *args, bad_request: tuple[type[Exception], ...] = (), **kwargs):
    try:
        return call(*args, **kwargs)
    except NotFound as exc:
        raise HttpError(404, str(exc)) from None
    except (BadCursor, *bad_request) as exc:
        raise HttpError(400, str(exc)) from None

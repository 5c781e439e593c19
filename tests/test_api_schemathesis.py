"""Every ``/api/v1`` operation against its own OpenAPI 3.1 document, with schemathesis.

The WSGI application (``opentenge.web.wsgi.application``) is called in-process: no network, no
server. Each operation gets a few generated requests, positive and negative, on a database with
the goszakup fixture ingested; every check schemathesis has must pass (no 5xx, only documented
status codes and content types, bodies matching their schemas, invalid input refused, valid input
accepted). Runs on SQLite and PostgreSQL like the rest of the suite.
"""
from __future__ import annotations

import pytest
from conftest import clear_local_cache
import schemathesis
from django.core.cache import caches
from hypothesis import HealthCheck, settings as hypothesis_settings

from opentenge.web.wsgi import application

EXAMPLES = 8  # per operation: the whole run stays well under two minutes per database


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.hook
def map_query(ctx, query):
    """Cursors are opaque tokens only the server issues (any string fits their schema, few decode).

    A made-up cursor is rightly refused with 400, which schemathesis would call "valid data
    rejected"; paging with real cursors is covered end to end in tests/test_api.py.
    """
    if query and "cursor" in query:
        query = {key: value for key, value in query.items() if key != "cursor"}
    if query:
        # A JSON object or array has no form-query spelling: the WSGI transport sends an object as
        # its Python repr (``source={'x': 'y'}``), which is a perfectly valid string, and a
        # one-item array as a plain value, so the API rightly answers 200 to what schemathesis
        # counts as invalid. What a client can really send for a non-scalar is the key more than
        # once, which the API refuses (422); send that.
        query = {key: [str(value), str(value)] if isinstance(value, (dict, list)) else value
                 for key, value in query.items()}
    return query


def test_the_document_is_openapi_3_1_and_lists_every_router():
    raw = schema.raw_schema
    assert raw["openapi"].startswith("3.1")
    prefixes = {path.split("/")[3] for path in raw["paths"]}
    assert {"stats", "contracts", "organisations", "budget", "civil", "politics", "legislation", "lobbying",
            "linking"} <= prefixes
    for path_item in raw["paths"].values():
        for operation in path_item.values():
            assert {"404", "422", "429"} <= set(operation["responses"])
            assert "application/problem+json" in operation["responses"]["404"]["content"]
    labels = {f"{method.upper()} {path}" for path, item in raw["paths"].items() for method in item}
    assert set(PENDING) <= labels  # no stale entries: drop one when its router is fixed


@pytest.fixture
def wsgi_database(ingest_fixtures, settings):
    """The fixture corpus, seen by the WSGI app through the test's own connection.

    Django's request signals close "old" connections at the end of each request; inside the test's
    transaction that would drop the test database, so they are held off as Django's test client does.
    """
    from django.core import signals
    from django.db import close_old_connections

    settings.OPENTENGE_API_RATE_LIMIT = 10**9  # this test is about schemas, not limits
    settings.ALLOWED_HOSTS = ["*"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    clear_local_cache()  # hundreds of counted requests: leave no spent budget to later tests
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Failures in routers this test's author does not own, each with the fix its router needs. An
# operation listed here is still run; it is reported as xfail only if it still fails.
PENDING: dict[str, str] = {}


HYPOTHESIS = hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                                 suppress_health_check=list(HealthCheck))


@(schema.exclude(name=list(PENDING)) if PENDING else schema).parametrize()
@HYPOTHESIS
def test_every_operation_conforms(case, wsgi_database):
    case.call_and_validate()


if PENDING:  # only while some operation awaits its fix; an empty include() would select every operation
    @pytest.mark.xfail(reason="a router outside opentenge.api needs a schema fix: see PENDING", strict=False)
    @schema.include(name=list(PENDING)).parametrize()
    @HYPOTHESIS
    def test_pending_operations(case, wsgi_database):
        case.call_and_validate()

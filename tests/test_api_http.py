"""``/api/v1`` HTTP conventions: ETag/304, CORS, problem+json errors, rate limits, API keys, Redis.

Runs on SQLite and PostgreSQL (``OPENTENGE_DATABASE_URL``). The Redis part uses the server on
127.0.0.1:6379 with a unique key prefix; it is skipped only when Redis is unreachable and CI is unset.
"""
from __future__ import annotations

import hashlib
import json
import math
import uuid

import pytest

from conftest import clear_local_cache, redis_or_skip
from django.core.cache import caches
from django.test import Client

from opentenge.api import http as api_http

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}
NOW = 1_800_000_017.25  # a pinned clock: 42.75 s before the end of its minute


@pytest.fixture(autouse=True)
def _fresh_counters(monkeypatch):
    """Counters live in the shared cache: start each test from zero, on a clock that cannot tick."""
    clear_local_cache()
    monkeypatch.setattr(api_http, "clock", lambda: NOW)
    yield
    clear_local_cache()


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert PROBLEM_KEYS <= set(body) and body["status"] == status
    assert body["type"] == "about:blank" and body["title"] and body["detail"]
    return body


# ---- ETag and conditional GET ----

def test_strong_etag_and_304(ingest_fixtures, client):
    response = client.get("/api/v1/contracts/9003")
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag == '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'  # recomputed from the body
    assert not etag.startswith("W/")
    assert response["Cache-Control"] == "public, max-age=60"

    again = client.get("/api/v1/contracts/9003", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get("/api/v1/contracts/9003", HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert client.get("/api/v1/contracts/9003", HTTP_IF_NONE_MATCH='"stale"').status_code == 200

    other = client.get("/api/v1/contracts/9002")
    assert other["ETag"] != etag
    # a different page of the same list is a different representation
    assert client.get("/api/v1/contracts?limit=1")["ETag"] != client.get("/api/v1/contracts?limit=2")["ETag"]


def test_etag_covers_other_routers_and_head(ingest_fixtures, client):
    for path in ("/api/v1/stats", "/api/v1/budget/periods", "/api/v1/politics/overview", "/api/v1/openapi.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["ETag"] == '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    get = client.get("/api/v1/stats")
    head = client.head("/api/v1/stats")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == get["ETag"]


def test_errors_carry_no_etag_and_no_public_caching(db, client):
    response = client.get("/api/v1/contracts/1")
    assert response.status_code == 404 and "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


# ---- CORS ----

def test_cors_on_reads_and_preflight(db, client):
    response = client.get("/api/v1/stats", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Retry-After" in response["Access-Control-Expose-Headers"]

    preflight = client.options("/api/v1/contracts?limit=5", HTTP_ORIGIN="https://example.org",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key, if-none-match")
    assert preflight.status_code == 204 and preflight.content == b""
    assert preflight["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    allowed = {h.strip().lower() for h in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"x-api-key", "if-none-match"} <= allowed
    assert "Access-Control-Allow-Credentials" not in preflight
    # errors are readable cross-origin too, so a browser client can show them
    assert client.get("/api/v1/contracts/1")["Access-Control-Allow-Origin"] == "*"


def test_cors_stays_off_the_website(db, client):
    assert "Access-Control-Allow-Origin" not in client.get("/")


# ---- problem+json ----

def test_problem_json_for_404_400_422(ingest_fixtures, client):
    body = problem_of(client.get("/api/v1/contracts/1"), 404)
    assert body["instance"] == "/api/v1/contracts/1"
    problem_of(client.get("/api/v1/organisations/000000000000"), 404)
    bad_cursor = problem_of(client.get("/api/v1/contracts?cursor=!!!"), 400)
    assert bad_cursor["instance"] == "/api/v1/contracts?cursor=%21%21%21" or "cursor=" in bad_cursor["instance"]

    invalid = problem_of(client.get("/api/v1/contracts?limit=100000"), 422)
    assert invalid["instance"] == "/api/v1/contracts?limit=100000"
    assert any(error["loc"][-1] == "limit" for error in invalid["errors"])
    assert "limit" in invalid["detail"]
    wrong_type = problem_of(client.get("/api/v1/contracts/not-a-number"), 422)
    assert any(error["loc"][-1] == "contract_id" for error in wrong_type["errors"])


def test_problem_json_for_unknown_paths_and_methods(db, client):
    problem_of(client.get("/api/v1/no-such-thing"), 404)
    refused = client.post("/api/v1/stats")
    problem_of(refused, 405)
    assert "GET" in refused["Allow"]


def test_problem_json_for_500(db, client, monkeypatch):
    from opentenge.store import queries

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "stats", broken)
    body = problem_of(client.get("/api/v1/stats"), 500)
    assert "secret internals" not in json.dumps(body)  # no internals leak to the client


def test_problem_title_follows_the_language(db, client):
    english = problem_of(client.get("/api/v1/contracts/1", HTTP_ACCEPT_LANGUAGE="en"), 404)
    assert english["title"] == "Not found"


# ---- rate limits and API keys ----

def retry_after_expected() -> int:
    return math.ceil((int(NOW // 60) + 1) * 60 - NOW)


def test_429_with_retry_after_after_the_limit(db, client, settings):
    settings.OPENTENGE_API_RATE_LIMIT = 3
    remaining = []
    for _ in range(3):
        response = client.get("/api/v1/stats")
        assert response.status_code == 200
        assert response["RateLimit-Limit"] == "3"
        remaining.append(int(response["RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]
    refused = client.get("/api/v1/stats")
    body = problem_of(refused, 429)
    assert refused["Retry-After"] == str(retry_after_expected()) == "43"
    assert refused["Access-Control-Allow-Origin"] == "*"
    # the limit is per client address: another address is still served
    assert Client(REMOTE_ADDR="10.1.2.3").get("/api/v1/stats").status_code == 200
    # and a new minute starts a new count
    api_http.clock = lambda: NOW + 60
    try:
        assert client.get("/api/v1/stats").status_code == 200
    finally:
        api_http.clock = lambda: NOW
    assert "3" in body["detail"]


def test_api_key_raises_the_limit_and_unknown_key_is_401(db, client, settings):
    settings.OPENTENGE_API_RATE_LIMIT = 2
    settings.OPENTENGE_API_KEYS = "alpha-key:5, beta-key"
    for _ in range(5):
        response = client.get("/api/v1/stats", HTTP_X_API_KEY="alpha-key")
        assert response.status_code == 200 and response["RateLimit-Limit"] == "5"
    problem_of(client.get("/api/v1/stats", HTTP_X_API_KEY="alpha-key"), 429)
    # anonymous requests from the same address have their own, smaller budget
    assert [client.get("/api/v1/stats").status_code for _ in range(3)] == [200, 200, 429]
    # a key listed without a limit gets ten times the anonymous one
    assert client.get("/api/v1/stats", HTTP_X_API_KEY="beta-key")["RateLimit-Limit"] == "20"

    unknown = Client(REMOTE_ADDR="10.4.4.4").get("/api/v1/stats", HTTP_X_API_KEY="made-up")
    body = problem_of(unknown, 401)
    assert "WWW-Authenticate" in unknown and "made-up" not in json.dumps(body)


def test_guessing_keys_spends_the_address_budget(db, settings):
    settings.OPENTENGE_API_RATE_LIMIT = 2
    settings.OPENTENGE_API_KEYS = "real-key:50"
    client = Client(REMOTE_ADDR="198.51.100.9")
    assert [client.get("/api/v1/stats", HTTP_X_API_KEY=f"guess-{i}").status_code for i in range(3)] == [401, 401, 429]
    assert client.get("/api/v1/stats").status_code == 429
    assert client.get("/api/v1/stats", HTTP_X_API_KEY="real-key").status_code == 200


# ---- counters in Redis ----

def redis_client():
    return redis_or_skip("redis://127.0.0.1:6379/14")


def test_counters_live_in_redis(db, settings):
    r = redis_client()
    prefix = f"ot-api-test-{uuid.uuid4().hex[:10]}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/14", "KEY_PREFIX": prefix}}
    settings.OPENTENGE_API_RATE_LIMIT = 4
    try:
        assert type(caches["default"]).__name__ == "RedisCache"
        client = Client(REMOTE_ADDR="192.0.2.44")
        for _ in range(2):
            assert client.get("/api/v1/stats").status_code == 200
        keys = [k.decode() for k in r.keys(f"{prefix}*")]
        assert len(keys) == 1 and "api-rate" in keys[0]
        assert "192.0.2.44" not in keys[0]  # addresses are hashed, never stored in clear
        assert int(r.get(keys[0])) == 2 and 0 < r.ttl(keys[0]) <= 65
        # another worker (here: a direct Redis client) counting for the same address shares the budget
        r.incrby(keys[0], 2)
        refused = client.get("/api/v1/stats")
        problem_of(refused, 429)
        assert int(refused["Retry-After"]) == retry_after_expected()
    finally:
        keys = r.keys(f"{prefix}*")
        if keys:
            r.delete(*keys)


def test_a_query_parameter_given_twice_is_refused_not_silently_dropped(ingest_fixtures, client):
    body = problem_of(client.get("/api/v1/contracts?customer=990440012349&customer=120840077883"), 422)
    assert "customer" in body["detail"]
    assert client.get("/api/v1/contracts?customer=990440012349").status_code == 200


def test_openapi_document_has_no_duplicate_keys(db, client):
    """Swagger UI's parser rejects a JSON object with a key twice (it then shows no operations)."""
    from collections import Counter

    duplicates = []

    def pairs(items):
        duplicates.extend(k for k, n in Counter(k for k, _ in items).items() if n > 1)
        return dict(items)

    json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert duplicates == []


def test_an_unknown_query_parameter_is_refused_with_the_ones_the_address_takes(ingest_fixtures, client):
    body = problem_of(client.get("/api/v1/contracts?custmer=990440012349"), 422)
    assert "custmer" in body["detail"] and "customer" in body["detail"]
    assert client.get("/api/v1/contracts/9001").status_code == 200
    problem_of(client.get("/api/v1/contracts/9001?expand=1"), 422)

"""The page cache: anonymous pages come from the cache until the data changes, never a personal page.

Each invalidation path the issue names is exercised for real: an ingest of new files, a linking
judgment, an admin change; and the cache is shown to live in the Redis server when configured.
"""
from __future__ import annotations

import re
import uuid

import pytest
from conftest import GOSZAKUP, redis_or_skip
from django.core.cache import caches
from django.test import Client

from opentenge.ingest.runner import run_ingest
from opentenge.web import pagecache

pytestmark = [pytest.mark.page_cache, pytest.mark.django_db(transaction=True)]

BUYER = "/en/org/990440012349/"
CONTRACT_FILES = ("contract.p1.synthetic.json", "graphql-contract.p2.synthetic.json")


def _buyer_value(response) -> str:
    match = re.search(rb'data-testid="buyer-value">([^<]*)<', response.content)
    assert match, response.content[:400]
    return match.group(1).decode()


def _ingest(files):
    summary = run_ingest("goszakup", list(files))
    assert summary.files == len(files)
    return summary


def _without_contracts():
    return [p for p in sorted(GOSZAKUP.rglob("*.json")) if p.name not in CONTRACT_FILES and "bad" not in p.parts]


def test_second_visit_is_served_from_the_cache_and_is_the_same_page():
    _ingest(sorted(GOSZAKUP.rglob("*.json")))
    client = Client()
    first, second = client.get(BUYER), client.get(BUYER)
    assert first.status_code == second.status_code == 200
    assert first[pagecache.HEADER] == "miss" and second[pagecache.HEADER] == "hit"
    assert first.content == second.content
    assert second["Content-Type"] == first["Content-Type"]
    other_language = client.get(BUYER.replace("/en/", "/ru/"))
    assert other_language[pagecache.HEADER] == "miss" and b'lang="ru"' in other_language.content
    json_twin = client.get(BUYER + "?format=json")
    assert json_twin[pagecache.HEADER] == "miss" and json_twin["Content-Type"].startswith("application/json")


def test_an_ingest_makes_every_cached_page_stale():
    _ingest(_without_contracts())
    client = Client()
    before = client.get(BUYER)
    assert client.get(BUYER)[pagecache.HEADER] == "hit"
    version = pagecache.current_version()
    _ingest([GOSZAKUP / name for name in CONTRACT_FILES])
    assert pagecache.current_version() > version
    after = client.get(BUYER)
    assert after[pagecache.HEADER] == "miss"
    assert _buyer_value(after) != _buyer_value(before)  # the new contracts are on the page at once


def test_a_linking_judgment_and_an_admin_change_make_pages_stale():
    from django.contrib.auth.models import User

    from opentenge.linking.judgments import record_editor_decision

    _ingest(sorted(GOSZAKUP.rglob("*.json")))
    client = Client()
    client.get(BUYER)
    assert client.get(BUYER)[pagecache.HEADER] == "hit"
    record_editor_decision("reject", [("org:a", "org:b")], user="editor", reason="test")
    assert client.get(BUYER)[pagecache.HEADER] == "miss"
    assert client.get(BUYER)[pagecache.HEADER] == "hit"
    admin = User.objects.create_superuser("admin-who-edits", "a@example.org", "a long enough password 1")
    staff = Client()
    staff.force_login(admin)
    response = staff.post("/admin/auth/group/add/", {"name": "editors"})
    assert response.status_code == 302, response.content[:300]
    assert client.get(BUYER)[pagecache.HEADER] == "miss"


def test_signed_in_visitors_and_pages_with_a_csrf_token_are_never_cached():
    from django.contrib.auth.models import User

    _ingest(sorted(GOSZAKUP.rglob("*.json")))
    anonymous = Client()
    login_page = "/en/account/login/"
    assert anonymous.get(login_page).status_code == 200
    again = anonymous.get(login_page)
    assert pagecache.HEADER not in again  # holds this visitor's CSRF token
    user = User.objects.create_user("reader", "reader@example.org", "a long enough password 1")
    signed_in = Client()
    signed_in.force_login(user)
    for _ in range(2):
        response = signed_in.get(BUYER)
        assert response.status_code == 200 and pagecache.HEADER not in response
    assert anonymous.get("/api/v1/stats").get(pagecache.HEADER) is None


def test_turned_off_with_zero_seconds(settings):
    settings.OPENTENGE_PAGE_CACHE_SECONDS = 0
    _ingest(sorted(GOSZAKUP.rglob("*.json")))
    client = Client()
    assert pagecache.HEADER not in client.get(BUYER) and pagecache.HEADER not in client.get(BUYER)


def test_pages_live_in_redis_when_it_is_configured(settings):
    redis = redis_or_skip("redis://127.0.0.1:6379/14")
    prefix = f"ot-page-test-{uuid.uuid4().hex[:10]}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/14", "KEY_PREFIX": prefix}}
    try:
        assert type(caches["default"]).__name__ == "RedisCache"
        _ingest(sorted(GOSZAKUP.rglob("*.json")))
        client = Client()
        assert client.get(BUYER)[pagecache.HEADER] == "miss"
        keys = redis.keys(f"{prefix}:*opentenge:page:*")
        assert len(keys) == 1
        assert client.get(BUYER)[pagecache.HEADER] == "hit"
        pagecache.data_changed("test")
        assert client.get(BUYER)[pagecache.HEADER] == "miss"
        assert len(redis.keys(f"{prefix}:*opentenge:page:*")) == 2  # the old entry just expires
    finally:
        for key in redis.keys(f"{prefix}:*"):
            redis.delete(key)

"""Sign-in throttling and lockout, kept in Django's cache (Redis in production).

The rule: failures are counted per account (the e-mail as typed, lower-cased) and per client
address. After ``ACCOUNTS_LOCKOUT_FAILURES`` (5) failures within ``ACCOUNTS_LOCKOUT_WINDOW`` (15
minutes) the account is locked for ``ACCOUNTS_LOCKOUT_DURATION`` (15 minutes): even the right
password is refused, and the page says when to try again. An address that fails
``ACCOUNTS_ADDRESS_FAILURES`` (20) times in the window is locked the same way, which slows a
password-spraying run across many accounts without locking out a whole office behind one NAT
after a handful of typos. Wrong TOTP codes count like wrong passwords. A successful sign-in clears
the account's counter (not the address's: one success must not launder a spraying run).

Why not django-axes? It would do this, but it brings its own models, migrations, middleware and an
authentication backend that wraps every ``authenticate()`` call, and it keys on database rows by
default. Our needs are five cache keys and two numbers; counting in the cache means the counters
expire by themselves, cost no database writes under attack, and are shared by every gunicorn worker
as soon as ``OPENTENGE_REDIS_URL`` points at Redis (local memory is per process: fine for the
embedded single-user default, not for production — ``docs/accounts.md`` says so).

Unknown e-mails are counted and locked exactly like real ones, keyed by a hash of the address, so
the lockout never tells an attacker whether an account exists, and no e-mail address is written
into the cache in clear.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from opentenge.web.counters import increment

PREFIX = "accounts:signin"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def failures_allowed() -> int:
    return _setting("ACCOUNTS_LOCKOUT_FAILURES", 5)


def window_seconds() -> int:
    return _setting("ACCOUNTS_LOCKOUT_WINDOW", 15 * 60)


def lock_seconds() -> int:
    return _setting("ACCOUNTS_LOCKOUT_DURATION", 15 * 60)


def address_failures_allowed() -> int:
    return _setting("ACCOUNTS_ADDRESS_FAILURES", 20)


def account_key(email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"acct:{digest}"


def address_key(address: str) -> str:
    return f"addr:{address or 'unknown'}"


def failures_key(subject: str) -> str:
    """The cache key (before Django's KEY_PREFIX and version) counting ``subject``'s failures."""
    return f"{PREFIX}:fail:{subject}"


def lock_key(subject: str) -> str:
    return f"{PREFIX}:lock:{subject}"


@dataclass(frozen=True)
class Lock:
    until: float  # a Unix timestamp

    @property
    def seconds_left(self) -> int:
        return max(0, int(self.until - time.time()) + 1)


def locked(email: str, address: str) -> Lock | None:
    """The lock that refuses this attempt now, if any (the later one if both are locked)."""
    untils = [cache.get(lock_key(s)) for s in (account_key(email), address_key(address))]
    untils = [u for u in untils if u and u > time.time()]
    return Lock(max(untils)) if untils else None


def _count(subject: str, limit: int) -> Lock | None:
    key = failures_key(subject)
    if increment(key, window_seconds()) >= limit:
        until = time.time() + lock_seconds()
        cache.set(lock_key(subject), until, timeout=lock_seconds())
        cache.delete(key)
        return Lock(until)
    return None


def record_failure(email: str, address: str) -> Lock | None:
    """Count a failed password or code; return the lock it triggered, if it triggered one."""
    locks = [lock for lock in (_count(account_key(email), failures_allowed()),
                               _count(address_key(address), address_failures_allowed())) if lock]
    return max(locks, key=lambda lock: lock.until) if locks else None


def record_success(email: str) -> None:
    """A correct password (and code) clears the account's failures."""
    cache.delete(failures_key(account_key(email)))


def allow(action: str, subject: str, limit: int, seconds: int) -> bool:
    """Count one ``action`` by ``subject``; False once it happened ``limit`` times in ``seconds``.

    For actions that send mail (sign-up, resend, reset): they cost nothing to ask for and each
    one lands in somebody's inbox, so an address may only ask so often.
    """
    return increment(f"{PREFIX}:rate:{action}:{subject}", seconds) <= limit


def unlock(email: str = "", address: str = "") -> None:
    """Lift the locks and counters (operators, tests)."""
    subjects = ([account_key(email)] if email else []) + ([address_key(address)] if address else [])
    cache.delete_many([k for s in subjects for k in (failures_key(s), lock_key(s))])

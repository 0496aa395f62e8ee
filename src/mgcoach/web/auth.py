"""Signing in: argon2id password hashes, session and API-token secrets, and the login rate
limit. Only keyed hashes (HMAC-SHA256 with the server's secret) of sessions and tokens are
stored; the browser holds the session token in an HttpOnly cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import InputError, MgCoachError
from ..i18n import N_, ngettext
from ..services import accounts
from ..services.accounts import Window
from ..services.database import Database

SESSION_COOKIE = "mgcoach_session"
CSRF_COOKIE = "mgcoach_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_DAYS = 14
TOKEN_PREFIX = "mgc_"
MIN_PASSWORD = 10
MAX_PASSWORD = 256
USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
RESERVED_NAMES = frozenset({"local", "admin", "root"})

# argon2id (the library's default type) with its RFC 9106 "low memory" parameters.
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    if not stored:
        _hasher.hash(password)  # the same work as a real check: no timing hint of a user
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def check_user_name(name: str) -> str:
    name = name.strip().lower()
    if not USER_NAME.match(name) or name in RESERVED_NAMES:
        raise InputError(
            N_(
                "A user name is 3 to 64 characters: letters, digits, dot, dash or underscore, "
                "starting with a letter or digit."
            )
        )
    return name


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InputError(
            N_("A password is {min} to {max} characters."), min=MIN_PASSWORD, max=MAX_PASSWORD
        )
    return password


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def keyed_hash(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


# The pre-session CSRF cookie (local mode, and the sign-in and sign-up forms): a random value
# of this shape; the forms carry its signature, never the value itself.
PRE_SESSION = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


def pre_session(cookie: str | None) -> str | None:
    """The pre-session value of a CSRF cookie, or None when it is not one this app makes."""
    return cookie if cookie and PRE_SESSION.match(cookie) else None


def signed_csrf(secret: str, pre_session_value: str) -> str:
    """The CSRF token of a pre-session: an HMAC of the cookie's value with the server's
    secret. A cookie planted by someone else (a sibling subdomain, a network attacker on
    plain http) with a form field equal to it no longer passes: the field must be this
    signature, which only the server can make."""
    return keyed_hash(secret, f"csrf-pre-session:{pre_session_value}")


# -- rate limits ---------------------------------------------------------------------------
#
# Counted in the database (storage/limits.py), so they hold across workers and processes, per
# account and per client address apart: a success clears its account's failed attempts, never
# an address's. The numbers are in the README ("Rate limits").


@dataclass(frozen=True, slots=True)
class Rule:
    """``limit`` attempts of one key within ``window``; beyond them either each further
    attempt waits a delay after the latest, doubling from ``delay`` up to ``max_delay``
    (growing), or none is allowed until the oldest leaves the window."""

    scope: str
    limit: int
    window: timedelta
    delay: timedelta | None = None
    max_delay: timedelta | None = None

    def wait(self, ahead: Window, now: datetime) -> float:
        """Seconds before an attempt with ``ahead`` in its window may go on (0: now)."""
        if ahead.count < self.limit:
            return 0.0
        if self.delay is not None and ahead.newest is not None:
            steps = min(ahead.count - self.limit, 16)
            delay = self.delay * (1 << steps)
            if self.max_delay is not None:
                delay = min(delay, self.max_delay)
            return max(0.0, (ahead.newest + delay - now).total_seconds())
        oldest = ahead.oldest or now
        return max(0.0, (oldest + self.window - now).total_seconds())


# Wrong passwords (sign-in, and the current password asked by a password change or an account
# deletion). Per account: five in an hour are free, then each next try waits 15 s after the
# last failure, doubling to at most 5 minutes: guessing slows to 12 an hour, while the owner,
# whoever else fails on the account, is never kept out longer than 5 minutes at a time.
ACCOUNT_FAILURES = Rule(
    "password:account",
    limit=5,
    window=timedelta(hours=1),
    delay=timedelta(seconds=15),
    max_delay=timedelta(minutes=5),
)
# Per client address: ten wrong passwords in 15 minutes, on any accounts, and that address
# waits until the oldest is 15 minutes old (password spraying).
ADDRESS_FAILURES = Rule("password:address", limit=10, window=timedelta(minutes=15))
# Sign-ups (each hashes a password: CPU): five an hour per address, 30 an hour in all.
SIGNUPS_PER_ADDRESS = Rule("signup:address", limit=5, window=timedelta(hours=1))
SIGNUPS_IN_ALL = Rule("signup:all", limit=30, window=timedelta(hours=1))
# API tokens: ten made an hour per account, and at most MAX_TOKENS alive at once.
TOKENS_PER_ACCOUNT = Rule("token:account", limit=10, window=timedelta(hours=1))
MAX_TOKENS = 20
# Attempts are kept as long as the longest window reads them.
LONGEST_WINDOW = timedelta(hours=1)
EVERYONE = "*"


def address_key(host: str | None) -> str:
    """What a client address is counted as: an IPv4 address, or an IPv6 address's /64 (one
    machine can have a whole /64 to itself)."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if address.version == 6:
        mapped = address.ipv4_mapped
        if mapped is not None:
            return str(mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def account_key(name: str) -> str | None:
    """What a user name is counted as; None when no account can have it."""
    return name if USER_NAME.fullmatch(name) else None


@dataclass(frozen=True, slots=True)
class Attempt:
    """A counted attempt: its rows (to take back on success) or the seconds to wait."""

    ids: tuple[int, ...]
    wait: int

    @property
    def refused(self) -> bool:
        return self.wait > 0


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class RateLimiter:
    """Counts attempts against ``Rule``s in the database; ``clock`` is replaceable in tests."""

    # Wrong passwords of one account before each next try has to wait.
    limit: ClassVar[int] = ACCOUNT_FAILURES.limit
    clock: Callable[[], datetime] = _utc_now

    def attempt(self, db: Database, *checks: tuple[Rule, str]) -> Attempt:
        """Count one attempt under each (rule, key); refused (and not counted) when any rule
        says wait."""
        now = self.clock()
        counted = accounts.count_attempts(
            db,
            [(rule.scope, key, now - rule.window) for rule, key in checks],
            now,
            now - LONGEST_WINDOW,
        )
        ids = tuple(attempt_id for attempt_id, _ahead in counted)
        wait = max(
            (
                rule.wait(ahead, now)
                for (rule, _key), (_id, ahead) in zip(checks, counted, strict=True)
            ),
            default=0.0,
        )
        if wait > 0:
            accounts.forget_attempts(db, ids)
            return Attempt((), math.ceil(wait))
        return Attempt(ids, 0)

    def succeeded(self, db: Database, attempt: Attempt, *clear: tuple[Rule, str]) -> None:
        """The attempt was right: it is not a failure, and ``clear``'s counts start over."""
        accounts.forget_attempts(db, attempt.ids, [(rule.scope, key) for rule, key in clear])


def wait_text(seconds: int) -> str:
    """A wait in words: seconds under two minutes, then minutes (rounded up)."""
    if seconds < 120:
        return ngettext("{count} second", "{count} seconds", seconds).format(count=seconds)
    minutes = math.ceil(seconds / 60)
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


class TooManyTokensError(MgCoachError):
    code = "too_many_tokens"
    http_status = 429


class TokenNeedsSessionError(MgCoachError):
    code = "session_required"
    http_status = 403


def allow_token(limiter: RateLimiter, db: Database, account_id: int, via: str) -> None:
    """Whether an account may make an API token now: from a signed-in browser session (a
    token makes no tokens), under the live-token cap and the tokens-per-hour limit (this call
    counts one)."""
    if via != "session":
        raise TokenNeedsSessionError(
            N_("API tokens are made from a signed-in browser session, not with a token.")
        )
    if accounts.count_tokens(db, account_id) >= MAX_TOKENS:
        raise TooManyTokensError(
            N_("An account can have at most {max} API tokens: delete one you no longer use."),
            max=MAX_TOKENS,
        )
    tried = limiter.attempt(db, (TOKENS_PER_ACCOUNT, str(account_id)))
    if tried.refused:
        raise TooManyTokensError(
            N_("Too many new API tokens for now. Try again in {wait}."),
            wait=wait_text(tried.wait),
            retry_after=tried.wait,
        )

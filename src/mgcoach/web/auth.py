"""Signing in: argon2id password hashes, session and API-token secrets, and the login rate
limit. Only keyed hashes (HMAC-SHA256 with the server's secret) of sessions and tokens are
stored; the browser holds the session token in an HttpOnly cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import InputError
from ..i18n import N_

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


@dataclass
class RateLimiter:
    """Failed sign-ins per key (user name, client address) in a sliding window."""

    limit: int = 5
    window_s: float = 15 * 60
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: str, now: float) -> deque[float]:
        seen = self._failures.setdefault(key, deque())
        while seen and seen[0] <= now - self.window_s:
            seen.popleft()
        return seen

    def retry_after(self, *keys: str) -> int:
        """Seconds until another try is allowed (0: allowed now)."""
        now = time.monotonic()
        with self._lock:
            waits = [
                self.window_s - (now - seen[0])
                for key in keys
                if len(seen := self._recent(key, now)) >= self.limit
            ]
        return int(max(waits)) + 1 if waits else 0

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

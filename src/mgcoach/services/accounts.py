"""Account use cases for multi-user mode: sign-up, sign-in sessions, passwords, settings and API
tokens, each in one transaction.

The web layer hashes passwords, session cookies and tokens (web/auth.py) and passes only the
hashes here; storage/accounts.py holds the queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..journal import bounds
from ..storage import accounts as store
from ..storage import limits
from ..storage.accounts import Account, TokenInfo
from ..storage.calendar_links import remove_link
from ..storage.database import Database
from ..storage.limits import Window

__all__ = [
    "Account",
    "TokenInfo",
    "Window",
    "account_by_id",
    "add_token",
    "change_password",
    "count_attempts",
    "count_tokens",
    "create_account",
    "delete_token",
    "end_session",
    "find_account",
    "forget_attempts",
    "local_account",
    "session_account",
    "set_password",
    "set_preferences",
    "start_session",
    "token_account",
    "tokens",
]


def find_account(db: Database, name: str) -> Account | None:
    with db.connect() as connection:
        return store.find_account(connection, name)


def account_by_id(db: Database, account_id: int) -> Account | None:
    with db.connect() as connection:
        return store.account_by_id(connection, account_id)


def local_account(db: Database) -> Account:
    """The one account of local mode, made on first use."""
    with db.begin() as connection:
        return store.local_account(connection)


def create_account(
    db: Database, name: str, password_hash: str, language: str | None
) -> Account | None:
    """A new account; None when the name is taken."""
    with db.begin() as connection:
        return store.create_account(connection, name, password_hash, language)


def set_password(db: Database, account_id: int, password_hash: str) -> None:
    with db.begin() as connection:
        store.set_password(connection, account_id, password_hash)


def change_password(db: Database, account_id: int, password_hash: str) -> int:
    """A new password, every session of the account ended (each browser signs in again; the
    one that changed it gets a new session), every API token revoked and the calendar link
    removed (it reads the journal without a password: a new password is the moment to end
    every such key). How many tokens were revoked."""
    with db.begin() as connection:
        store.set_password(connection, account_id, password_hash)
        store.end_sessions(connection, account_id)
        remove_link(connection, account_id)
        return store.delete_tokens(connection, account_id)


def set_preferences(db: Database, account_id: int, language: str | None, units: str | None) -> None:
    with db.begin() as connection:
        store.set_preferences(connection, account_id, language, units)


def start_session(
    db: Database, account_id: int, session_hash: str, csrf: str, expires_at: datetime, now: datetime
) -> None:
    """A new sign-in session; the account's sessions expired by ``now`` go."""
    with db.begin() as connection:
        store.end_sessions(connection, account_id, at=now)
        store.add_session(connection, session_hash, account_id, csrf, expires_at)


def session_account(db: Database, session_hash: str, at: datetime) -> tuple[Account, str] | None:
    """The account and CSRF secret of a session live at ``at``."""
    with db.reader() as connection:
        return store.session_account(connection, session_hash, at)


def end_session(db: Database, session_hash: str) -> None:
    with db.begin() as connection:
        store.end_session(connection, session_hash)


def token_account(db: Database, token_hash: str, at: datetime) -> Account | None:
    """The account an API token belongs to. Its use is recorded at most once a minute, in a
    write that gives up rather than make the request wait for a busy database."""
    with db.connect() as connection:
        found = store.token_account(connection, token_hash)
    if found is None:
        return None
    used = found.last_used_at
    if used is None or used < at - store.TOKEN_USE_EVERY:
        store.record_token_use(db, found.token_id, at)
    return found.account


def count_tokens(db: Database, account_id: int) -> int:
    with db.connect() as connection:
        return store.count_tokens(connection, account_id)


def tokens(db: Database, account_id: int) -> list[TokenInfo]:
    with db.connect() as connection:
        return store.tokens(connection, account_id)


def add_token(db: Database, account_id: int, name: str, token_hash: str) -> int:
    """A new API token named ``name``, a text within the journal's bounds: no control
    character (a NUL byte breaks PostgreSQL); an OutOfBoundsError (a 4xx) otherwise."""
    name = bounds.clean_text(name, "name", "name")
    with db.begin() as connection:
        return store.add_token(connection, account_id, name, token_hash)


def delete_token(db: Database, account_id: int, token_id: int) -> bool:
    """Whether the account had that token."""
    with db.begin() as connection:
        return store.delete_token(connection, account_id, token_id)


# -- rate limits ---------------------------------------------------------------------------


def count_attempts(
    db: Database, checks: Sequence[tuple[str, str, datetime]], at: datetime, keep_since: datetime
) -> list[tuple[int, Window]]:
    """Count one attempt at ``at`` for each (scope, key, window start), committed first, then
    read the attempts ahead of each in its window. Attempts older than ``keep_since`` go."""
    with db.begin() as connection:
        ids = [limits.add(connection, scope, key, at) for scope, key, _since in checks]
        limits.prune(connection, keep_since)
    with db.connect() as connection:
        return [
            (attempt_id, limits.window(connection, scope, key, since, before_id=attempt_id))
            for attempt_id, (scope, key, since) in zip(ids, checks, strict=True)
        ]


def forget_attempts(
    db: Database, ids: Sequence[int], clear: Sequence[tuple[str, str]] = ()
) -> None:
    """Take back attempts (refused before any work, or succeeded) and clear whole counts."""
    if not ids and not clear:
        return
    with db.begin() as connection:
        limits.remove(connection, ids)
        for scope, key in clear:
            limits.clear(connection, scope, key)

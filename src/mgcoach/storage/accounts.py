"""The queries behind web accounts: users with a password, their settings, browser sessions and
API tokens. Secrets are hashed by the caller (web/auth.py); only hashes reach these tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update
from sqlalchemy.exc import OperationalError

from .account_tables import api_token, web_session
from .database import Database
from .journal import LOCAL_USER, now, user_id
from .journal_tables import app_user
from .plain_sql import Reader, first


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    name: str
    password_hash: str | None
    language: str | None
    units: str | None


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True, slots=True)
class TokenUse:
    """Whose API token it is, which token, and when it was last used."""

    account: Account
    token_id: int
    last_used_at: datetime | None


# A token's last use is written at most this often; the write waits this long for a busy
# database before it gives up.
TOKEN_USE_EVERY = timedelta(seconds=60)
TOKEN_USE_WAIT_MS = 50


def _account(row: Any) -> Account:
    return Account(row.id, row.name, row.password_hash, row.language, row.units)


_ACCOUNT = select(
    app_user.c.id, app_user.c.name, app_user.c.password_hash, app_user.c.language, app_user.c.units
)


def find_account(connection: Connection, name: str) -> Account | None:
    row = connection.execute(_ACCOUNT.where(app_user.c.name == name)).first()
    return None if row is None else _account(row)


def account_by_id(connection: Connection, account_id: int) -> Account | None:
    row = connection.execute(_ACCOUNT.where(app_user.c.id == account_id)).first()
    return None if row is None else _account(row)


def local_account(connection: Connection) -> Account:
    """The one user of local mode, created on first use."""
    user_id(connection, LOCAL_USER)
    found = find_account(connection, LOCAL_USER)
    assert found is not None
    return found


def create_account(
    connection: Connection, name: str, password_hash: str, language: str | None
) -> Account | None:
    """A new user; None when the name is taken."""
    if find_account(connection, name) is not None:
        return None
    connection.execute(
        insert(app_user).values(
            name=name, created_at=now(), password_hash=password_hash, language=language
        )
    )
    return find_account(connection, name)


def set_password(connection: Connection, account_id: int, password_hash: str) -> None:
    connection.execute(
        update(app_user).where(app_user.c.id == account_id).values(password_hash=password_hash)
    )


def set_preferences(
    connection: Connection, account_id: int, language: str | None, units: str | None
) -> None:
    connection.execute(
        update(app_user).where(app_user.c.id == account_id).values(language=language, units=units)
    )


# -- sessions ------------------------------------------------------------------------------


def add_session(
    connection: Connection, session_hash: str, account_id: int, csrf: str, expires_at: datetime
) -> None:
    connection.execute(
        insert(web_session).values(
            id=session_hash,
            user_id=account_id,
            csrf=csrf,
            created_at=now(),
            expires_at=expires_at,
        )
    )


_SESSION_ACCOUNT = """
SELECT app_user.id, app_user.name, app_user.password_hash, app_user.language, app_user.units,
       web_session.csrf
FROM web_session JOIN app_user ON app_user.id = web_session.user_id
WHERE web_session.id = :session AND web_session.expires_at > :at
"""


def session_account(
    connection: Reader, session_hash: str, at: datetime
) -> tuple[Account, str] | None:
    """The account and CSRF token of a live session. Plain SQL (storage.plain_sql): every
    signed-in page asks it, and on a SQLite file it runs on the thread's kept connection."""
    row = first(connection, _SESSION_ACCOUNT, {"session": session_hash, "at": at})
    if row is None:
        return None
    account = Account(row["id"], row["name"], row["password_hash"], row["language"], row["units"])
    return account, str(row["csrf"])


def end_session(connection: Connection, session_hash: str) -> None:
    connection.execute(delete(web_session).where(web_session.c.id == session_hash))


def end_sessions(
    connection: Connection,
    account_id: int,
    at: datetime | None = None,
    keep: str | None = None,
) -> None:
    """Every session of a user (``at``: only those expired by then; ``keep``: all but the
    session with that hash)."""
    query = delete(web_session).where(web_session.c.user_id == account_id)
    if at is not None:
        query = query.where(web_session.c.expires_at <= at)
    if keep is not None:
        query = query.where(web_session.c.id != keep)
    connection.execute(query)


# -- API tokens ----------------------------------------------------------------------------


def add_token(connection: Connection, account_id: int, name: str, token_hash: str) -> int:
    result = connection.execute(
        insert(api_token).values(
            user_id=account_id, name=name, token_hash=token_hash, created_at=now()
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def token_account(connection: Connection, token_hash: str) -> TokenUse | None:
    """The account of an API token, and the token's id and last use. Reads only: the use is
    recorded by ``record_token_use``, in a transaction of its own."""
    query = _ACCOUNT.add_columns(
        api_token.c.id.label("token_id"), api_token.c.last_used_at.label("token_used")
    ).join(api_token, api_token.c.user_id == app_user.c.id)
    row = connection.execute(query.where(api_token.c.token_hash == token_hash)).first()
    if row is None:
        return None
    used = row.token_used
    if used is not None and used.tzinfo is None:  # SQLite: naive, stored as UTC
        used = used.replace(tzinfo=UTC)
    return TokenUse(_account(row), int(row.token_id), used)


def record_token_use(db: Database, token_id: int, at: datetime) -> bool:
    """Write ``last_used_at`` of a token unless it was written less than
    ``TOKEN_USE_EVERY`` ago (the check is in the UPDATE's WHERE, so two workers write once).
    Its own short transaction that gives up at once when the database is busy (a long import
    holds SQLite's write lock): a request that reads never waits or fails for this. Whether it
    was written."""
    at = at.astimezone(UTC)
    stale = or_(api_token.c.last_used_at.is_(None), api_token.c.last_used_at < at - TOKEN_USE_EVERY)
    query = update(api_token).where(api_token.c.id == token_id, stale).values(last_used_at=at)
    sqlite = db.dialect == "sqlite"
    try:
        with db.connect() as connection:
            if sqlite:  # the connection's own wait (database.py's) comes back after
                waits = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {TOKEN_USE_WAIT_MS}")
                connection.commit()
            try:
                with connection.begin():
                    if not sqlite:
                        connection.exec_driver_sql(
                            f"SET LOCAL lock_timeout = '{TOKEN_USE_WAIT_MS}ms'"
                        )
                    return bool(connection.execute(query).rowcount)
            finally:
                if sqlite:
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(waits)}")
                    connection.commit()
    except OperationalError:  # busy or locked: a later use writes it
        return False


def tokens(connection: Connection, account_id: int) -> list[TokenInfo]:
    query = (
        select(api_token.c.id, api_token.c.name, api_token.c.created_at, api_token.c.last_used_at)
        .where(api_token.c.user_id == account_id)
        .order_by(api_token.c.id)
    )
    return [TokenInfo(*row) for row in connection.execute(query)]


def count_tokens(connection: Connection, account_id: int) -> int:
    query = select(func.count()).select_from(api_token).where(api_token.c.user_id == account_id)
    return int(connection.execute(query).scalar_one())


def delete_tokens(connection: Connection, account_id: int) -> int:
    """Every API token of a user; how many there were."""
    return int(
        connection.execute(delete(api_token).where(api_token.c.user_id == account_id)).rowcount
    )


def delete_token(connection: Connection, account_id: int, token_id: int) -> bool:
    result = connection.execute(
        delete(api_token).where(api_token.c.id == token_id, api_token.c.user_id == account_id)
    )
    return bool(result.rowcount)

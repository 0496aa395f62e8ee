"""The calendar subscription links (calendar_tables.py): one per account, made anew (the old
one stops working), read back by its token's hash, or removed. Only hashes reach the table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from .accounts import Account, account_by_id
from .calendar_tables import calendar_token


@dataclass(frozen=True, slots=True)
class CalendarLink:
    """An account's link: when it was made and the time zone of its times."""

    created_at: datetime
    time_zone: str


def replace_link(
    connection: Connection, account_id: int, token_hash: str, zone: str, at: datetime
) -> None:
    """The account's link from now on: any earlier one is gone."""
    connection.execute(delete(calendar_token).where(calendar_token.c.user_id == account_id))
    connection.execute(
        insert(calendar_token).values(
            user_id=account_id, token_hash=token_hash, time_zone=zone, created_at=at
        )
    )


def remove_link(connection: Connection, account_id: int) -> bool:
    """Whether the account had a link (it has none now)."""
    gone = connection.execute(delete(calendar_token).where(calendar_token.c.user_id == account_id))
    return bool(gone.rowcount)


def link_of(connection: Connection, account_id: int) -> CalendarLink | None:
    query = select(calendar_token.c.created_at, calendar_token.c.time_zone).where(
        calendar_token.c.user_id == account_id
    )
    row = connection.execute(query).first()
    return None if row is None else CalendarLink(row.created_at, row.time_zone)


def link_account(connection: Connection, token_hash: str) -> tuple[Account, str] | None:
    """The account whose link has this token hash, and the link's time zone."""
    query = select(calendar_token.c.user_id, calendar_token.c.time_zone)
    row = connection.execute(query.where(calendar_token.c.token_hash == token_hash)).first()
    account = None if row is None else account_by_id(connection, int(row.user_id))
    return None if row is None or account is None else (account, str(row.time_zone))

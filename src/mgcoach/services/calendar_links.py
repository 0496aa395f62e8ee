"""The calendar subscription link of an account (``/api/v1/schedule.ics?token=...``): made
anew on the Settings or Account page (the old link stops at once), shown once, removed, and
read back by its token's hash when a calendar app fetches it. The web layer makes and hashes
the secret (web/auth.py); only the hash is stored."""

from __future__ import annotations

from datetime import datetime

from ..storage.accounts import Account
from ..storage.calendar_links import CalendarLink, link_account, link_of, remove_link, replace_link
from ..storage.database import Database

__all__ = ["CalendarLink", "calendar_link", "link_owner", "new_link", "revoke_link"]


def new_link(db: Database, account_id: int, token_hash: str, zone: str, at: datetime) -> None:
    """The account's link from now on, its times in ``zone`` (checked by
    ``services.calendar.time_zone``); any earlier link stops working."""
    with db.begin() as connection:
        replace_link(connection, account_id, token_hash, zone, at)


def revoke_link(db: Database, account_id: int) -> bool:
    """Whether the account had a link; it has none now."""
    with db.begin() as connection:
        return remove_link(connection, account_id)


def calendar_link(db: Database, account_id: int) -> CalendarLink | None:
    """When the account's link was made and its zone (never the token: it is not stored)."""
    with db.connect() as connection:
        return link_of(connection, account_id)


def link_owner(db: Database, token_hash: str) -> tuple[Account, str] | None:
    """The account of a link's token hash and the link's zone; None for no such link."""
    with db.connect() as connection:
        return link_account(connection, token_hash)

"""Shares for web tests: a client account that accepted a dietitian's invitation."""

from __future__ import annotations

from mgcoach.services import accounts, sharing
from mgcoach.storage.database import Database
from mgcoach.web import auth

PASSWORD_HASH = auth.hash_password("correct horse battery")


def accepted_client(db: Database, dietitian: str, client: str) -> int:
    """``client`` (made here, with a password) shares with ``dietitian``; the share's id."""
    person = accounts.find_account(db, client) or accounts.create_account(
        db, client, PASSWORD_HASH, None
    )
    expert = accounts.find_account(db, dietitian)
    assert person is not None and expert is not None
    sharing.invite(db, expert.id, client)
    (share,) = [s for s in sharing.shares(db, person.id) if s.other == dietitian]
    sharing.accept(db, person.id, share.id)
    return share.id

"""The web app's sign-in state (revision 0003): browser sessions and API tokens of a user.

Only hashes of the secrets are stored: a copied database gives no one a live session or token.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table

from .journal_tables import app_user
from .tables import metadata


def _user_key() -> Column[int]:
    return Column("user_id", Integer, ForeignKey(app_user.c.id, ondelete="CASCADE"), nullable=False)


web_session = Table(
    "web_session",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the cookie's token
    _user_key(),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_web_session_user", "user_id"),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _user_key(),
    Column("name", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the token
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Index("ix_api_token_user", "user_id"),
)

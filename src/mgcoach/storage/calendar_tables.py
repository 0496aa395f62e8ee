"""The calendar subscription link (revision 0014): one secret token per account, stored as its
keyed hash (web/auth.py), with the time zone the link's times are in."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table

from .journal_tables import app_user
from .tables import metadata

calendar_token = Table(
    "calendar_token",
    metadata,
    Column("user_id", Integer, ForeignKey(app_user.c.id, ondelete="CASCADE"), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("time_zone", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

"""Journal shares (revision 0013): a person's journal shared read-only with a dietitian's
account. One row per (person, dietitian) pair; its ``status`` moves invited -> accepted or
declined, and accepted -> revoked. A new invitation after a decline or a revoke puts the same
row back to invited: the person must accept again.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, UniqueConstraint

from .journal_tables import app_user
from .tables import metadata

INVITED = "invited"
ACCEPTED = "accepted"
DECLINED = "declined"
REVOKED = "revoked"
STATUSES = (INVITED, ACCEPTED, DECLINED, REVOKED)

journal_share = Table(
    "journal_share",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The person whose journal it is, and the dietitian's account it is shared with.
    Column("owner_id", Integer, ForeignKey(app_user.c.id, ondelete="CASCADE"), nullable=False),
    Column("dietitian_id", Integer, ForeignKey(app_user.c.id, ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),  # STATUSES
    Column("created_at", DateTime(timezone=True), nullable=False),  # the latest invitation
    Column("updated_at", DateTime(timezone=True), nullable=False),  # the latest change
    UniqueConstraint("owner_id", "dietitian_id", name="uq_journal_share_pair"),
    Index("ix_journal_share_dietitian", "dietitian_id", "status"),
)

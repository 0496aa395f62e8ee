"""Body weight: an entry kind of its own, ``weight``, with its detail table ``body_weight``
(``kg``). The latest weight logged on or before a day is that day's weight for the targets
(energy, protein per kg); the profile's ``weight_kg`` stays the fallback.

Going back, each profile keeps its newest logged weight as its ``weight_kg`` (the weight an
older version then uses), and the weight entries go: an older version has no such kind.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "body_weight",
        sa.Column(
            "entry_id",
            sa.Integer,
            sa.ForeignKey("entry.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kg", sa.Float, nullable=False),
    )


_NEWEST = """
    SELECT w.kg FROM entry e JOIN body_weight w ON w.entry_id = e.id
    WHERE e.profile_id = profile.id
    ORDER BY e.day DESC, CASE WHEN e.time IS NULL THEN 1 ELSE 0 END, e.time DESC, e.id DESC
    LIMIT 1
"""


def downgrade() -> None:
    op.execute(
        f"UPDATE profile SET weight_kg = ({_NEWEST}) "
        "WHERE EXISTS (SELECT 1 FROM entry e JOIN body_weight w ON w.entry_id = e.id "
        "WHERE e.profile_id = profile.id)"
    )
    op.drop_table("body_weight")
    op.execute("DELETE FROM entry WHERE kind = 'weight'")

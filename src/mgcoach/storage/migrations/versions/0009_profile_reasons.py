"""Why a person came: the reasons asked at onboarding (night cramps, muscle soreness or slow
recovery, sleep, only checking the intake) on the profile.

``profile.reasons`` holds them comma-separated ("cramps,poor_sleep"); NULL is none given, which
is what every existing profile had.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("profile", sa.Column("reasons", sa.String(64)))


def downgrade() -> None:
    # The reasons only shape what the pages offer first; without them nothing is less safe.
    op.drop_column("profile", "reasons")

"""N-of-1 experiments (issue 20, part 1): an experiment of a profile's with its design and
its allocation recorded before the start (``experiment``), and one daily check-in per day
(``experiment_checkin``: the outcome and whether the dose was taken); at most one experiment
of a profile running (a partial unique index). Going back, they go.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiment",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "profile_id",
            sa.Integer,
            sa.ForeignKey("profile.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("design", sa.Text, nullable=False),  # JSON: periods, allocation, dose, seed
        sa.Column("started_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),  # running, stopped, finished
        sa.Column("stop_reason", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_experiment_profile", "experiment", ["profile_id"])
    # One running experiment per profile, whatever process starts one.
    op.create_index(
        "ux_experiment_running",
        "experiment",
        ["profile_id"],
        unique=True,
        sqlite_where=sa.text("status = 'running'"),
        postgresql_where=sa.text("status = 'running'"),
    )
    op.create_table(
        "experiment_checkin",
        sa.Column(
            "experiment_id",
            sa.Integer,
            sa.ForeignKey("experiment.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("value", sa.Float),
        sa.Column("dose_taken", sa.Boolean),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("experiment_checkin")
    op.drop_table("experiment")

"""The tables of N-of-1 experiments (revision 0012): an experiment of a profile's, its design
and allocation recorded as JSON before the start, and one check-in per day.

``status`` is "running", "finished", "stopped" (by the person) or "stopped_safety"; at most one
experiment of a profile is running (a partial unique index, on SQLite and PostgreSQL).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from .journal_tables import profile
from .tables import metadata

RUNNING = "running"

experiment = Table(
    "experiment",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("profile_id", Integer, ForeignKey(profile.c.id, ondelete="CASCADE"), nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("design", Text, nullable=False),  # JSON: engine.experiment.Design.stored()
    Column("started_on", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("stop_reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_experiment_profile", "profile_id"),
    # One running experiment per profile: the partial unique index ux_experiment_running
    # (profile_id WHERE status = 'running') is made by revision 0012 and not declared here:
    # its dialect options would load SQLAlchemy's PostgreSQL dialect into every command that
    # opens the database (about 30 ms), SQLite or not.
)

experiment_checkin = Table(
    "experiment_checkin",
    metadata,
    Column(
        "experiment_id",
        Integer,
        ForeignKey(experiment.c.id, ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("day", Date, primary_key=True),
    Column("value", Float),
    Column("dose_taken", Boolean),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

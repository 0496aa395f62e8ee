"""Each profile's day in one row (revision 0015), for a dietitian's population summary
(population.py), and the days whose row is stale: the database's triggers mark every
(profile, day) a journal write touches (see the revision), and storage/day_summary.py
recomputes the stale days a summary needs before it reads them.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Float, ForeignKey, Index, Integer, String, Table

from .journal_tables import profile
from .tables import metadata

# The kinds of entry a day's row is made of (the triggers mark only these).
SUMMARY_KINDS = ("food", "supplement", "symptom", "lab")

day_summary = Table(
    "day_summary",
    metadata,
    Column("profile_id", Integer, ForeignKey(profile.c.id, ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("food_mg", Float),  # counted food's magnesium within the journal's bounds; NULL: none
    Column("food_entries", Integer, nullable=False),  # counted food entries
    Column("supplement_mg", Float),  # supplements' elemental magnesium; NULL: none
    Column("red_flag", Integer, nullable=False),  # 1: a symptom the rule makes a red flag
    Column("lab_low", Float),  # the day's lowest and highest lab value, mmol/L; NULL: none
    Column("lab_high", Float),
)

# A (profile, day) a write touched since its row was made; ``mark`` counts the writes (a write
# takes the row's lock as it marks it). No foreign key: a profile's deleted entries mark days
# of a profile on its way out.
day_summary_stale = Table(
    "day_summary_stale",
    metadata,
    Column("profile_id", Integer, primary_key=True),
    Column("day", Date, primary_key=True),
    Column("mark", Integer, nullable=False, server_default="1"),
    Index("ix_day_summary_stale_day", "day", "profile_id"),
)

# The rule the rows were made with (the red-flag symptoms and the journal's bounds, hashed):
# another rule makes every row stale.
day_summary_rule = Table(
    "day_summary_rule",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("rule", String(64), nullable=False),
)

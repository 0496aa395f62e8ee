"""The journal's schema: users, their profiles and every logged entry.

Every entry has one row in ``entry`` (who, which day, what time, what kind) and one row in the
table of its kind, keyed by the entry's id. Food entries keep the nutrient amounts they had when
they were logged, so a day's numbers never change behind the user's back when the food table is
re-imported, and foods from Cronometer or MyFitnessPal need no match in our food table.

``uid`` is an entry's public identity: an export carries it and an import keeps it, so a journal
exported and imported again is the same journal. ``id`` is the short number the CLI shows.
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
    UniqueConstraint,
)

from ..foods.nutrients import nutrient_keys
from .database import LOCAL_USER as LOCAL_USER  # the app_user row of a single-person install
from .tables import metadata

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Web accounts (revision 0003): an argon2id hash (None: no password, e.g. the local user),
    # and the chosen language and units (None: not chosen yet, the browser decides).
    Column("password_hash", String(255)),
    Column("language", String(8)),
    Column("units", String(8)),
)

profile = Table(
    "profile",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(64), nullable=False),
    Column("sex", String(8), nullable=False),
    Column("age_years", Float, nullable=False),
    # The day the age was given: the age on a later day counts on from it.
    Column("age_on", Date, nullable=False),
    Column("pregnant", Boolean, nullable=False, default=False),
    Column("lactating", Boolean, nullable=False, default=False),
    Column("system", String(8), nullable=False),
    Column("weight_kg", Float),
    Column("height_cm", Float),
    Column("egfr", Float),
    Column("dialysis", Boolean, nullable=False, default=False),
    Column("activity", String(16)),  # energy.toml activity level, for the energy target
    # Why the person came (revision 0009): REASONS of journal/model.py, comma-separated in
    # that order ("cramps,poor_sleep"); NULL is none given.
    Column("reasons", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("user_id", "name", name="uq_profile_user_name"),
)

# A medicine the person takes and its usual clock times as minutes after midnight ("480,1200",
# may be ""), on the days it is taken.
profile_medication = Table(
    "profile_medication",
    metadata,
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("times", Text, nullable=False),
    # How often (revision 0005): NULL is every day, else "weekly:mon,thu" or
    # "every:3d:2026-12-01" (journal/frequency.py).
    Column("frequency", String(64)),
)

entry = Table(
    "entry",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("day", Date, nullable=False),
    Column("time", Integer),  # minutes after midnight; NULL when not known
    Column("origin", String(16), nullable=False),  # cli, web, cronometer, myfitnesspal, import
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_entry_profile_day", "profile_id", "day", "kind"),
)


def _entry_key() -> Column[int]:
    return Column("entry_id", Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)


food_item = Table(
    "food_item",
    metadata,
    _entry_key(),
    Column("food_id", String(64)),  # the food table's id when it came from there
    Column("name", Text, nullable=False),
    Column("name_nl", Text),
    Column("amount_text", Text, nullable=False),
    Column("grams", Float),
    # food: one food; day_total / meal_total: an imported total standing for several foods.
    Column("item_kind", String(16), nullable=False),
    # False: listed for the record only (an imported day total carries its nutrients).
    Column("counted", Boolean, nullable=False),
    Column("meal", String(32)),
    Column("extra", Text),  # JSON of values that are not amounts, e.g. {"calcium_pct_dv": 25}
    *(Column(key, Float) for key in nutrient_keys()),  # the amounts in this entry
)

supplement_intake = Table(
    "supplement_intake",
    metadata,
    _entry_key(),
    Column("name", Text, nullable=False),  # as the person gave it
    Column("compound", String(64)),  # the knowledge base's compound slug, when known
    Column("label", Text),  # the label line it was read from
    Column("dose_mg", Float),  # mg of the compound, when given as compound mg
    Column("elemental_mg", Float, nullable=False),
    # How the dose was given: compound (mg of the compound), elemental, label or import.
    Column("given_as", String(16), nullable=False),
    # What the number given is: compound (the whole tablet's mass) or elemental (the magnesium
    # itself); the person's answer when the label or the dose did not say (revision 0004).
    Column("basis", String(16)),
)

medication_dose = Table(
    "medication_dose",
    metadata,
    _entry_key(),
    Column("name", Text, nullable=False),
    Column("drug", String(64), nullable=False),  # the knowledge base's drug slug
)

symptom = Table(
    "symptom",
    metadata,
    _entry_key(),
    Column("symptom", String(32), nullable=False),  # cramp, soreness, twitch, fatigue, headache
    Column("count", Integer),
    Column("severity", Float),  # 0-10
    Column("location", Text),  # where (cramps) or the body region (soreness)
    Column("night", Boolean),
)

sleep = Table(
    "sleep",
    metadata,
    _entry_key(),
    Column("hours", Float, nullable=False),
    Column("quality", Float),  # 0-10
)

training = Table(
    "training",
    metadata,
    _entry_key(),
    Column("activity", Text, nullable=False),
    Column("minutes", Float, nullable=False),
    Column("rpe", Float),  # Borg CR10, 0-10
)

lab_result = Table(
    "lab_result",
    metadata,
    _entry_key(),
    Column("test", String(32), nullable=False),  # serum_magnesium
    Column("value", Float, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("value_mmol_l", Float, nullable=False),
)

# A body weight (revision 0010): the latest on or before a day is that day's weight.
body_weight = Table(
    "body_weight",
    metadata,
    _entry_key(),
    Column("kg", Float, nullable=False),
)

# A favourite food (revision 0011): a food of the profile's with the amount and meal it is
# usually logged with, one tap away on the Log page. One row per food and profile.
favourite = Table(
    "favourite",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE"), nullable=False),
    Column("food_id", String(64), nullable=False),
    Column("amount_text", Text, nullable=False),
    Column("meal", String(32)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("profile_id", "food_id", name="uq_favourite_profile_food"),
)

# Kind -> its detail table (a "note" entry has none: its text is entry.note).
DETAIL_TABLES: dict[str, Table] = {
    "food": food_item,
    "supplement": supplement_intake,
    "medication": medication_dose,
    "symptom": symptom,
    "sleep": sleep,
    "training": training,
    "lab": lab_result,
    "weight": body_weight,
}
KINDS = (*DETAIL_TABLES, "note")

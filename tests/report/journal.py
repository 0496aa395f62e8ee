"""A journal for the report's tests: a 42-year-old man with a thyroid medicine at 07:00, five
days of almonds and spinach with 200 mg of magnesium citrate at 07:30 (too close to it), night
cramps, a low serum value (0.70 mmol/L) and omeprazole logged once."""

from __future__ import annotations

from datetime import date, timedelta

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_log import (
    When,
    log_food,
    log_lab,
    log_medication,
    log_supplement,
    log_symptom,
)
from mgcoach.storage.database import Database

START = date(2026, 3, 1)
END = date(2026, 3, 30)
FIRST_LOGGED = date(2026, 3, 20)
PROFILE = "default"


def make_journal(
    db: Database, kb: KnowledgeBase, profile: str = PROFILE, days: int = 5, owner: str = "local"
) -> None:
    changes = ProfileChanges(
        age=42, sex="male", weight_kg=78, egfr=None, meds=["levothyroxine@07:00"],
        reasons=["cramps", "poor_sleep"],
    )  # fmt: skip
    set_profile(db, kb, profile, changes, START, owner)
    for n in range(days):
        day = FIRST_LOGGED + timedelta(days=n)
        log_food(db, When(profile, day, owner=owner), "almonds", "30 g")
        log_food(db, When(profile, day, owner=owner), "spinach", "100 g")
        when = When(profile, day, 450, owner=owner)
        log_supplement(db, kb, when, "citrate", 200, None, elemental=True)
    log_symptom(db, kb, When(profile, FIRST_LOGGED + timedelta(days=1), owner=owner), "cramp",
                count=2, night=True)  # fmt: skip
    log_lab(db, kb, When(profile, FIRST_LOGGED + timedelta(days=2), owner=owner), 0.70, "mmol/L")
    log_medication(db, kb, When(profile, FIRST_LOGGED + timedelta(days=3), 480, owner=owner),
                   "omeprazole")  # fmt: skip

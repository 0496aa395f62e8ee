"""The meal groups a day is logged in: breakfast, lunch, dinner and snacks (an entry's
``meal``); an imported meal with another name ("Meal 4") keeps it."""

from __future__ import annotations

from ..i18n import N_
from ..journal import bounds

MEALS = ("breakfast", "lunch", "dinner", "snacks")
"""The meal groups a day is logged in (an entry's ``meal``; imported meals keep their name)."""
MEAL_NAMES = {
    "breakfast": N_("Breakfast"),
    "lunch": N_("Lunch"),
    "dinner": N_("Dinner"),
    "snacks": N_("Snacks"),
}

_WORDS = {
    "breakfast": "breakfast", "ontbijt": "breakfast", "lunch": "lunch",
    "dinner": "dinner", "diner": "dinner", "avondeten": "dinner", "supper": "dinner",
    "snack": "snacks", "snacks": "snacks", "tussendoor": "snacks", "tussendoortje": "snacks",
    "tussendoortjes": "snacks",
}  # fmt: skip


def meal_of(text: str | None) -> str | None:
    """One of MEALS for a form's or an import's meal name ("Breakfast", "ontbijt"), else the
    text as it was (an imported "Meal 4"), None for none."""
    if text is None or not text.strip():
        return None
    return _WORDS.get(text.strip().lower()) or bounds.clean_text(text.strip(), "name", "meal")

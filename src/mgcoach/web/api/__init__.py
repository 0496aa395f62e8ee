"""The JSON API under /api/v1: one module per area, each with a ``router``."""

from __future__ import annotations

from importlib import import_module

from .answers import AnswerRouter

# Each module holds one AnswerRouter named ``router``.
# daily before foods: its /foods/recent must match before /foods/{food}; foods_barcode's
# /foods/lookup/{barcode} goes before it too.
MODULES = (
    "calculators", "daily", "favourites", "foods_barcode", "foods", "foods_own", "profiles",
    "entries", "journal", "plan", "account",
    "sharing",
    "schedule",
    "experiments",
    "report",
)  # fmt: skip


def routers() -> list[AnswerRouter]:
    found = [import_module(f"{__name__}.{name}").router for name in MODULES]
    assert all(isinstance(router, AnswerRouter) for router in found)
    return found

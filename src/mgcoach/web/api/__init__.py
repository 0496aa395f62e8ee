"""The JSON API under /api/v1: one module per area, each with a ``router``."""

from __future__ import annotations

from importlib import import_module

from fastapi import APIRouter

# Each module holds one APIRouter named ``router``.
MODULES = ("calculators", "foods", "journal", "account")


def routers() -> list[APIRouter]:
    found = []
    for name in MODULES:
        try:
            module = import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            continue  # an area not built yet
        found.append(module.router)
    return found

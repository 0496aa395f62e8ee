"""The site: one module per page or group of pages, each with a ``router``."""

from __future__ import annotations

from importlib import import_module

from fastapi import APIRouter

# Each module holds one APIRouter named ``router``.
MODULES = ("home", "account", "onboarding", "today", "log", "plan", "trends", "foods", "settings")


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

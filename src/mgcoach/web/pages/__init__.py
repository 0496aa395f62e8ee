"""The site: one module per page or group of pages, each with a ``router``."""

from __future__ import annotations

from importlib import import_module

from fastapi import APIRouter

# Each module holds one APIRouter named ``router``.
MODULES = (
    "home",
    "account",
    "onboarding",
    "today",
    "log_daily",  # before log: /log/again, /log/copy, /log/undo come before /log/{form}
    "log_barcode",  # before log: /log/barcode comes before /log/{form}
    "log",
    "log_edit",
    "plan",
    "experiment",
    "trends",
    "report",
    "foods",
    "foods_own",
    "settings",
    "calendar",
    "data",
    "sources",
    "clients",
    "client_views",
    "client_report",
)


def routers() -> list[APIRouter]:
    return [import_module(f"{__name__}.{name}").router for name in MODULES]

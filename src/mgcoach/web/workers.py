"""Several server processes (``mgcoach serve --workers N``).

uvicorn starts each worker as a new Python process that imports ``worker_app`` (an app
factory) and calls it; the worker reads its ``WebConfig`` from the environment the parent set
(``worker_environment``) and its database settings from ``MGCOACH_*`` as every run does. Before
the workers start, the parent prepares what they share (``prepare``): the database is
migrated and seeded once, not by N processes at the same time, and the server's secret is
settled once, so a session signed by one worker is valid in all. What must hold across
requests lives in the database, never in a process: sessions, API tokens and the rate limits'
attempts (web/auth.py), so a login's count is the same whichever worker answers.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from ..i18n import N_
from ..settings import Settings
from .config import SECRET_ENV, ServeError, WebConfig, configured_secret, secret_for

PREFIX = "MGCOACH_WEB_"
MAX_WORKERS = 64


def in_memory(url: str) -> bool:
    """Whether a database URL names an in-memory SQLite database (one per process)."""
    if not url.startswith("sqlite"):
        return False
    path = url.split(":", 1)[1].lstrip("/").split("?", 1)[0]
    return path in ("", ":memory:") or "mode=memory" in url


def check_workers(workers: int, settings: Settings) -> None:
    """Refuse a count of workers that cannot work (ServeError, before anything starts)."""
    if not 1 <= workers <= MAX_WORKERS:
        raise ServeError(
            N_("The number of server processes is a number from 1 to {max}, not {workers}."),
            max=MAX_WORKERS,
            workers=workers,
            field="workers",
        )
    if workers > 1 and in_memory(settings.database_url):
        raise ServeError(
            N_(
                "Several workers cannot share an in-memory database (each process would have "
                "its own): use a database file or PostgreSQL, or one worker."
            ),
            field="workers",
        )


def worker_environment(config: WebConfig) -> dict[str, str]:
    """The variables a worker reads its ``WebConfig`` from (the secret settled here)."""
    return {
        f"{PREFIX}HOST": config.host,
        f"{PREFIX}PORT": str(config.port),
        f"{PREFIX}MULTI_USER": "1" if config.multi_user else "",
        f"{PREFIX}SIGNUP": "1" if config.allow_signup else "",
        SECRET_ENV: secret_for(config),
    }


def prepare(config: WebConfig) -> None:
    """What the workers share, made once in this process: the database (migrated, seeded)
    and the environment they read their configuration from."""
    from ..services.database import open_database

    open_database(config.settings).dispose()
    os.environ.update(worker_environment(config))


def config_from_environment() -> WebConfig:
    env = os.environ
    return WebConfig(
        host=env.get(f"{PREFIX}HOST", "127.0.0.1"),
        port=int(env.get(f"{PREFIX}PORT", "8000")),
        multi_user=bool(env.get(f"{PREFIX}MULTI_USER")),
        secret=configured_secret(),
        allow_signup=bool(env.get(f"{PREFIX}SIGNUP")),
    )


def worker_app() -> FastAPI:
    """The app of one worker (uvicorn's factory: ``mgcoach.web.workers:worker_app``)."""
    from .app import create_app

    app = create_app(config_from_environment())
    settle_memory()
    return app


def settle_memory() -> None:
    """Move everything a server process has built before its first request (the knowledge
    base, the compiled templates, the app's routes: hundreds of thousands of objects that live
    as long as the process) out of the garbage collector's sight (``gc.freeze``).

    Python's cyclic collector walks every tracked object at each full collection; with those
    objects in the oldest generation, a full collection landing in a request added tens of ms
    to it (seen with a GC callback on /today: the 1 % slowest requests under load). Frozen,
    they are never walked again; what requests create is collected as before. Called by the
    server only, once the app is built (``mgcoach serve`` and each worker), never by the tests'
    apps: frozen objects are never freed, and a test session builds hundreds of apps.
    """
    import gc

    gc.collect()
    gc.freeze()

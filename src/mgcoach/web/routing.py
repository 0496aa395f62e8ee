"""Routers that say at once that a request is not theirs.

FastAPI (0.16x) finds a request's route by asking every included router in turn, and each
router tries each of its routes: a regular expression and some bookkeeping per route, twice
per request. With 17 API routers and 21 page routers (about 200 routes) that walk was a third
of a page's time in the app under load: /today and /log tried about 80 API routes before their
own, and the day API 33.

``IndexedRouter`` answers "not mine" before trying any route when
- the app included it under ``only_under`` (the API's /api/v1) and the path is elsewhere, or
- the path's first segment (``log`` of /log/food) is none of its routes' first segments.
A router with a route whose first segment is a parameter (``/{name}``) or that is not a plain
path tries its routes as FastAPI does. Only the order of the walk is shortened: the route that
answers, a 404 and a 405 are the ones FastAPI finds (tests/web/test_api_routing.py).
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.routing import Match
from starlette.types import Scope


def route_path(scope: Scope) -> str:
    """The path routes are matched against: without the ``root_path`` a proxy mounts the app
    under (as Starlette's own routing reads it)."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def under(path: str, prefix: str) -> bool:
    return path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/")


def first_segment(path: str) -> str:
    return path.lstrip("/").split("/", 1)[0]


class IndexedRouter(APIRouter):
    """An APIRouter that turns away, before its routes, a request none of them can answer."""

    only_under: str | None = None
    """The prefix the app includes this router under (web/app.py sets the API's)."""
    _index: tuple[int, frozenset[str] | None] = (-1, None)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = route_path(scope)
        if self.only_under is not None:
            if not under(path, self.only_under):
                return Match.NONE, {}
            path = path[len(self.only_under) :]
        segments = self._segments()
        if segments is not None and first_segment(path) not in segments:
            return Match.NONE, {}
        return super().matches(scope)

    def _segments(self) -> frozenset[str] | None:
        """The first segments of this router's routes (None: some route could take any);
        worked out again when routes were added since."""
        count, segments = self._index
        if count != len(self.routes):
            paths = [getattr(route, "path", None) for route in self.routes]
            known = [first_segment(p) for p in paths if isinstance(p, str)]
            plain = len(known) == len(paths) and not any("{" in s for s in known)
            segments = frozenset(known) if plain else None
            self._index = (len(self.routes), segments)
        return segments

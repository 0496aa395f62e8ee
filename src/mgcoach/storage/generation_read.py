"""The write generations' scopes, and the read every cache asks before it answers (the rule is
storage.generation's): plain SQL for either kind of connection (storage.plain_sql), so that a
day read on the sqlite3 driver keys its cache without SQLAlchemy."""

from __future__ import annotations

from collections.abc import Sequence

from .plain_sql import Reader, fetch, in_list

FOODS = "foods"  # the food table and what hangs off it: what food search and rankings read
FOOD_USAGE = "food_usage"  # how often each food was used (bumped by every food logged)
ACCOUNTS = "accounts"  # users, sessions, tokens
JOURNAL = "journal"  # every profile's journal at once
LIMITS = "limits"  # rate-limit attempts: nothing is cached on them
DAY_SUMMARY = "day_summary"  # the rows a population summary recomputes: nothing is cached on them

_READ = "SELECT scope, value FROM generation WHERE scope IN ({scopes})"


def profile_scope(profile_id: int) -> str:
    return f"profile:{profile_id}"


def journal_scopes(profile_id: int) -> tuple[str, str]:
    """What one profile's journal rests on: its own scope and the whole journal's."""
    return (JOURNAL, profile_scope(profile_id))


def read(connection: Reader, scopes: Sequence[str]) -> tuple[int, ...]:
    """The generations of ``scopes``, in order (0 for a scope never written)."""
    listed, params = in_list("scope", scopes)
    rows = fetch(connection, _READ.format(scopes=listed), params)
    found = {row["scope"]: int(row["value"]) for row in rows}
    return tuple(found.get(scope, 0) for scope in scopes)

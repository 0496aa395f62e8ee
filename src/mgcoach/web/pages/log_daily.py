"""The Log page's daily loop: log a recent food again in one tap, copy yesterday or one meal,
and undo a delete; each a post that ends in a redirect back to the day (post/redirect/get),
through the same services as the API and the CLI (services/journal_daily.py).

An undone delete comes back from a token the delete's redirect carries: the entry's values,
signed with the server's secret (HMAC-SHA256), so a page of another site cannot forge one and
nothing is kept on the server for it; the token is honoured for one hour.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from datetime import date, datetime
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...errors import InputError, MgCoachError
from ...i18n import N_
from ...journal.model import ENTRY_TYPES, Entry
from ...services.database import Database
from ...services.favourites import add_favourite, remove_favourite
from ...services.journal_daily import copy_entries, restore_entry
from ...services.journal_log import When, log_food
from .. import auth
from ..context import PROFILE, Viewer, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from .log_forms import now_here

router = IndexedRouter(include_in_schema=False)
ORIGIN = "web"
UNDO_SECONDS = 3600


def to_day(day: date, anchor: str = "", **query: str | int) -> RedirectResponse:
    """Back to the day's Log page; after a food its field has the focus (log.html autofocus,
    which browsers skip when the address names a fragment, so ``anchor`` is for the rest)."""
    given = {k: v for k, v in query.items() if v not in (None, "")}
    fragment = f"#{anchor}" if anchor else ""
    return RedirectResponse(
        f"/log?{urlencode({'date': day.isoformat(), **given})}{fragment}", status_code=303
    )


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _day(form: FormData, name: str = "date") -> date:
    from .log import day_of

    return day_of(_text(form, name))


def _when(viewer: Viewer, day: date) -> When:
    now = now_here()
    at = now.hour * 60 + now.minute if day == now.date() else None
    return When(PROFILE, day, at, owner=viewer.owner, origin=ORIGIN)


@router.post("/log/again")
def log_again(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    """A recent food again, with the amount and meal it had (one tap on the Log page)."""
    day = _day(form)
    meal = _text(form, "meal")
    try:
        entry = log_food(
            state_of(request).db, _when(viewer, day), _text(form, "food_id"),
            _text(form, "amount"), meal,
        )  # fmt: skip
    except MgCoachError:
        return to_day(day, failed="again")
    return to_day(entry.day, logged=entry.id, meal=meal)


@router.post("/log/copy")
def log_copy(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    """Copy a day (yesterday, by default) or one of its meals to the page's day."""
    day = _day(form)
    source = _day(form, "from")
    meal = _text(form, "meal") or None
    try:
        copies = copy_entries(state_of(request).db, PROFILE, source, _when(viewer, day), meal)
    except InputError:
        return to_day(day, "entries", failed="copy")
    return to_day(day, "entries", copied=len(copies))


def _favourite_change(
    request: Request, form: FormData, change: Callable[[Database, str], object], done: str
) -> Response:
    """Save or remove the form's food as a favourite; back to the day's "Log again" list."""
    day = _day(form)
    try:
        change(state_of(request).db, _text(form, "food_id"))
    except MgCoachError:
        return to_day(day, "h-again", failed="favourite" if done == "saved" else "unfavourite")
    return to_day(day, "h-again", favourite=done)


@router.post("/log/favourite")
def log_favourite(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    """Save a food with its amount and meal as a favourite (the star beside a recent food)."""
    amount, meal = _text(form, "amount"), _text(form, "meal") or None

    def save(db: Database, food: str) -> object:
        return add_favourite(db, PROFILE, viewer.owner, food, amount, meal)

    return _favourite_change(request, form, save, "saved")


@router.post("/log/unfavourite")
def log_unfavourite(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    """Take a food off the favourites."""

    def remove(db: Database, food: str) -> None:
        remove_favourite(db, PROFILE, viewer.owner, food)

    return _favourite_change(request, form, remove, "removed")


# -- undo a delete -----------------------------------------------------------------------------


def undo_token(secret: str, entry: Entry) -> str:
    """The deleted ``entry``'s values and the time, signed: what brings it back."""
    payload = {
        "kind": entry.kind, "day": entry.day.isoformat(), "time": entry.time,
        "origin": entry.origin, "note": entry.note, "uid": entry.uid,
        "fields": entry.fields(), "at": int(time.time()),
    }  # fmt: skip
    body = base64.urlsafe_b64encode(json.dumps(payload, default=str).encode()).decode()
    return f"{body}.{auth.keyed_hash(secret, 'undo:' + body)}"


def _undone(secret: str, token: str) -> Entry:
    body, _dot, signature = token.partition(".")
    if not auth.same(signature, auth.keyed_hash(secret, "undo:" + body)):
        raise InputError(N_("This undo is not valid any more."))
    payload = json.loads(base64.urlsafe_b64decode(body.encode()))
    if time.time() - payload["at"] > UNDO_SECONDS:
        raise InputError(N_("This undo is not valid any more."))
    return ENTRY_TYPES[payload["kind"]].from_fields(
        dict(payload["fields"]),
        day=date.fromisoformat(payload["day"]),
        time=payload["time"],
        origin=payload["origin"],
        note=payload["note"],
        uid=payload["uid"],
        created_at=datetime.now().astimezone(),
    )


@router.post("/log/undo")
def log_undo(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    """Put back the entry deleted a moment ago."""
    state = state_of(request)
    try:
        entry = _undone(state.secret, _text(form, "undo"))
        back = restore_entry(state.db, _when(viewer, entry.day), entry)
    except (MgCoachError, ValueError, KeyError, TypeError):
        return to_day(_day(form), "entries", failed="undo")
    return to_day(back.day, "entries", logged=back.id)

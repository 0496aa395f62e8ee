"""The front door: a signed-in person with a profile goes to Today, without one to onboarding,
and (multi-user mode) anyone else to the sign-in page."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse

from ...services.journal import list_profiles
from ..context import PROFILE, state_of, viewer_of
from ..routing import IndexedRouter

router = IndexedRouter(include_in_schema=False)


@router.get("/")
def home(request: Request) -> RedirectResponse:
    viewer = viewer_of(request)
    if not viewer.signed_in:
        return RedirectResponse("/login", status_code=303)
    names = {p.name for p in list_profiles(state_of(request).db, viewer.owner)}
    return RedirectResponse("/today" if PROFILE in names else "/onboarding", status_code=303)

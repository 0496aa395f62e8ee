"""Settings: the site's language and units, the profile's reference system, and the person's
data (export as JSON, delete everything)."""

from __future__ import annotations

import json
from datetime import date

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...engine.profile import parse_system
from ...errors import MgCoachError
from ...i18n import LANGUAGES, _, set_language
from ...services import accounts
from ...services.journal import ProfileChanges, forget, list_profiles, set_profile
from ...services.journal_export import export_document
from .. import forms
from ..context import PROFILE, UNITS, Viewer, form_text, signed_in, state_of, verified_form
from ..routing import IndexedRouter
from ..templating import render
from .onboarding import current_profile, default_system, system_options

router = IndexedRouter(include_in_schema=False)


def _page(
    request: Request,
    viewer: Viewer,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    delete_errors: dict[str, str] | None = None,
    saved: bool = False,
) -> Response:
    person = current_profile(request, viewer)
    failed = bool(errors or delete_errors)
    return render(
        request,
        "settings.html",
        422 if failed else 200,
        active="settings",
        values=values,
        errors=errors,
        delete_errors=delete_errors or {},
        has_profile=person is not None,
        systems=system_options(state_of(request).kb),
        saved=saved,
    )


def _shown(request: Request, viewer: Viewer) -> dict[str, str]:
    person = current_profile(request, viewer)
    system = person.system if person is not None else default_system(viewer.language)
    return {"language": viewer.language, "units": viewer.units, "system": system}


@router.get("/settings")
def settings_page(
    request: Request, saved: bool = False, viewer: Viewer = Depends(signed_in)
) -> Response:
    return _page(request, viewer, _shown(request, viewer), {}, saved=saved)


@router.post("/settings")
def settings_save(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    state = state_of(request)
    values = {name: form_text(form, name) for name in ("language", "units", "system")}
    errors: dict[str, str] = {}
    if values["language"] not in LANGUAGES:
        errors["language"] = _("Choose English or Dutch.")
    else:
        set_language(values["language"])  # errors, if any, in the language chosen
    if values["units"] not in UNITS:
        errors["units"] = _("Choose metric or US units.")
    forms.attempt(errors, "system", lambda: parse_system(values["system"]))
    if errors:
        return _page(request, viewer, values, errors)
    person = current_profile(request, viewer)
    if person is not None and person.system != values["system"]:
        try:
            set_profile(
                state.db,
                state.kb,
                PROFILE,
                ProfileChanges(system=values["system"]),
                date.today(),
                owner=viewer.owner,
            )
        except MgCoachError as error:
            errors["system"] = forms.error_text(error)
            return _page(request, viewer, values, errors)
    assert viewer.account_id is not None
    accounts.set_preferences(state.db, viewer.account_id, values["language"], values["units"])
    state.forget_local()
    return RedirectResponse("/settings?saved=1", status_code=303)


@router.get("/settings/export.json")
def export(request: Request, viewer: Viewer = Depends(signed_in)) -> Response:
    """All of the viewer's data, as the CLI's `mgcoach export` writes it, as a download."""
    document = export_document(state_of(request).db, viewer.owner)
    name = f"mgcoach-export-{date.today().isoformat()}.json"
    return Response(
        json.dumps(document, ensure_ascii=False, indent=1),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/settings/delete")
def delete_everything(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(verified_form)
) -> Response:
    if not forms.checked(form.get("confirm")):
        errors = {"confirm": _("Tick the box to confirm that everything should be deleted.")}
        return _page(request, viewer, _shown(request, viewer), {}, delete_errors=errors)
    state = state_of(request)
    if state.config.multi_user:
        # The journal goes, the account stays (deleting the account is on /account).
        for person in list_profiles(state.db, viewer.owner):
            forget(state.db, person.name, viewer.owner)
    else:
        forget(state.db, None, viewer.owner)
    state.forget_local()
    return RedirectResponse("/onboarding", status_code=303)

"""The Data page: a person's data in and out of Mg Coach, as the command line has it (issue 17).

- Import Cronometer and MyFitnessPal export files (``mgcoach import FILES``): one to
  ``MAX_FILES`` CSV files or zips as the apps deliver them, read by the same service
  (services/journal_external.py ``import_external``), so a file imported twice changes nothing
  and the report says what was read, used and skipped. A file whose dates could be read both
  ways asks for the date order (the service's error names the field ``date_order``).
- Restore a Mg Coach JSON export (``mgcoach import FILE.json``): ``read_document`` and
  ``import_document`` (services/journal_transfer.py), one transaction, all or nothing.
- Download the JSON export (``/settings/export.json``) and the CSV export: one zip holding one
  CSV file per table, the files ``mgcoach export --csv FOLDER`` writes (``write_csv``).

Every read and write is the viewer's own (``viewer.owner``). The two upload routes are
multipart forms, the only routes whose body may reach ``MAX_UPLOAD_BYTES`` (10 MB; every
other route keeps 256 KiB: web/middleware.py BodyLimit, before a byte is parsed); their CSRF
token is checked like any form's (``upload_form``). The uploaded files are written to a
temporary folder for the service to read and deleted with it when the request ends.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory

from fastapi import Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from ...errors import InputError, MgCoachError
from ...i18n import N_, _, translate
from ...journal.importers import DateOrderOption
from ...services.database import LOCAL_USER
from ...services.journal_export import write_csv
from ...services.journal_external import import_external
from ...services.journal_transfer import JsonObject, import_document, read_document
from .. import auth
from ..context import PROFILE, Viewer, check_csrf, form_text, signed_in, state_of, viewer_of
from ..middleware import MAX_UPLOAD_BYTES, MIB
from ..routing import IndexedRouter
from ..templating import render
from .data_report import ImportReport, import_report, restored_lines
from .onboarding import current_profile

router = IndexedRouter(include_in_schema=False)

MAX_FILES = 10
"""Files in one import: an export is one to three files, or one zip."""
MAX_FIELDS = 10
"""Other fields of an upload form (the CSRF token and the date order)."""
DATE_ORDERS = tuple(option.value for option in DateOrderOption)
# What an account's restore leaves out: own foods, recipes and food-use counts are shared by
# the whole database (services/journal_export.py), so on a multi-user server they would
# become every account's.
SHARED_PARTS = ("foods", "recipe_ingredients", "food_usage")
_UNSAFE = re.compile(r"[^\w.()\- ]+")


class UploadError(InputError):
    """An upload whose form cannot be read (not multipart, malformed, too many files)."""

    code = "upload_failed"
    http_status = 400


async def upload_form(request: Request) -> FormData:
    """A posted multipart form of at most ``MAX_FILES`` files whose CSRF token matches the
    viewer's (``context.verified_form``, with the upload's own bounds on the parts)."""
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
    except HTTPException as error:
        if error.status_code != 400:
            raise  # a body past the limit (middleware.BodyOverflow): 413
        raise UploadError(
            N_(
                "The upload could not be read: send the files with the page's form, at most "
                "{files} at once."
            ),
            files=MAX_FILES,
        ) from error
    token = form.get(auth.CSRF_FIELD)
    check_csrf(viewer_of(request), token if isinstance(token, str) else None)
    return form


# -- the page --------------------------------------------------------------------------------


@dataclass
class Shown:
    """What the page shows besides its forms: an import's report, a restore's summary, and the
    errors of either form (keyed by the input's name)."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    restore_errors: dict[str, str] = field(default_factory=dict)
    report: ImportReport | None = None
    restored: list[str] = field(default_factory=list)
    ask_order: bool = False


def _page(request: Request, viewer: Viewer, shown: Shown | None = None) -> Response:
    shown = shown or Shown()
    orders = [
        ("", _("Choose the date order")),
        ("dmy", _("Day first (31-12-2024)")),
        ("mdy", _("Month first (12/31/2024)")),
        ("ymd", _("Year first (2024-12-31)")),
    ]
    return render(
        request,
        "data.html",
        422 if shown.errors or shown.restore_errors else 200,
        active="data",
        shown=shown,
        values={"date_order": ""} | shown.values,
        has_profile=current_profile(request, viewer) is not None,
        orders=orders,
        max_mb=MAX_UPLOAD_BYTES // MIB,
        max_files=MAX_FILES,
    )


@router.get("/data")
def data_page(request: Request, viewer: Viewer = Depends(signed_in)) -> Response:
    return _page(request, viewer)


# -- uploads ---------------------------------------------------------------------------------


def _uploads(form: FormData, name: str) -> list[UploadFile]:
    """The files posted as ``name``; an empty file input sends a part without a file name."""
    return [f for f in form.getlist(name) if isinstance(f, UploadFile) and f.filename]


def _safe_name(filename: str | None, index: int, used: set[str]) -> str:
    """A file name of the upload for the temporary folder and the report: its last part only,
    without characters a file system or a page could misread, and unique in the folder."""
    base = PurePosixPath((filename or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")[:100] or f"upload-{index}.csv"
    name, number = base, 1
    while name.casefold() in used:
        number += 1
        name = f"{number}-{base}"
    used.add(name.casefold())
    return name


def _saved(uploads: list[UploadFile], folder: Path) -> list[Path]:
    """The uploaded files written into ``folder``, in the order given."""
    paths: list[Path] = []
    used: set[str] = set()
    for index, upload in enumerate(uploads, start=1):
        path = folder / _safe_name(upload.filename, index, used)
        upload.file.seek(0)
        with path.open("wb") as handle:
            shutil.copyfileobj(upload.file, handle)
        paths.append(path)
    return paths


def _message(error: MgCoachError, folder: str) -> str:
    """The error in the viewer's language, a file named as uploaded, not by its temporary path."""
    params = {
        key: value.replace(folder + "/", "") if isinstance(value, str) else value
        for key, value in error.params.items()
    }
    return translate(error.message, params)


# -- import of diet app exports --------------------------------------------------------------


def _import_shown(form: FormData) -> tuple[Shown, DateOrderOption | None]:
    """The import form read back: its values, the date order given, or its errors."""
    order = form_text(form, "date_order")
    shown = Shown(values={"date_order": order}, ask_order=bool(order))
    if order and order not in DATE_ORDERS:
        shown.errors["date_order"] = _(
            "Choose how the files write dates: day, month or year first."
        )
    elif not _uploads(form, "files"):
        shown.errors["files"] = _("Choose one or more export files to import.")
    return shown, DateOrderOption(order) if order in DATE_ORDERS else None


@router.post("/data/import")
def import_files(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(upload_form)
) -> Response:
    shown, order = _import_shown(form)
    if not shown.errors and current_profile(request, viewer) is None:
        shown.errors["files"] = _("Make your profile first: the imported days go into it.")
    if shown.errors:
        return _page(request, viewer, shown)
    with TemporaryDirectory(prefix="mgcoach-upload-") as folder:
        try:
            result = import_external(
                state_of(request).db,
                PROFILE,
                _saved(_uploads(form, "files"), Path(folder)),
                owner=viewer.owner,
                date_order=None if order is None else order.order,
            )
        except MgCoachError as error:
            name = "date_order" if "date_order" in error.fields else "files"
            shown.errors[name] = _message(error, folder)
            shown.ask_order = shown.ask_order or name == "date_order"
            return _page(request, viewer, shown)
    shown.report = import_report(result)
    return _page(request, viewer, shown)


# -- restore of a Mg Coach export ------------------------------------------------------------


def _own_part(document: JsonObject, owner: str) -> tuple[JsonObject, bool]:
    """The part of ``document`` an account may import, and whether shared parts were left out
    (see ``SHARED_PARTS``); the local user imports all of it."""
    if owner == LOCAL_USER:
        return document, False
    dropped = any(document.get(part) for part in SHARED_PARTS)
    return {k: v for k, v in document.items() if k not in SHARED_PARTS}, dropped


@router.post("/data/restore")
def restore(
    request: Request, viewer: Viewer = Depends(signed_in), form: FormData = Depends(upload_form)
) -> Response:
    uploads = _uploads(form, "file")
    shown = Shown()
    if len(uploads) != 1:
        shown.restore_errors["file"] = _("Choose one Mg Coach export (a .json file) to restore.")
        return _page(request, viewer, shown)
    with TemporaryDirectory(prefix="mgcoach-upload-") as folder:
        try:
            document = read_document(_saved(uploads, Path(folder))[0])
            part, dropped = _own_part(document, viewer.owner)
            counts = import_document(state_of(request).db, part, owner=viewer.owner)
        except MgCoachError as error:
            shown.restore_errors["file"] = _message(error, folder)
            return _page(request, viewer, shown)
    shown.restored = restored_lines(counts, part, dropped)
    return _page(request, viewer, shown)


# -- the CSV export --------------------------------------------------------------------------


@router.get("/data/export-csv.zip")
def export_csv(request: Request, viewer: Viewer = Depends(signed_in)) -> Response:
    """The viewer's journal as one zip of CSV files, one per table (profile, profile_medication,
    entry and one per entry kind), as ``mgcoach export --csv FOLDER`` writes them."""
    buffer = io.BytesIO()
    with TemporaryDirectory(prefix="mgcoach-csv-") as folder:
        counts = write_csv(state_of(request).db, Path(folder), viewer.owner)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in counts:
                archive.write(Path(folder) / name, name)
    name = f"mgcoach-csv-{date.today().isoformat()}.zip"
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )

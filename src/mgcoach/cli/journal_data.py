"""Getting data in and out: `mgcoach export`, `mgcoach import` and `mgcoach forget`.

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputError
from ..i18n import N_, _, counted, ngettext
from ..journal.date_order import DateOrderOption
from .journal import ProfileOpt, db
from .output import console, emit, plain, say
from .paths import existing, writable_place
from .root import Json, Lang, app, check_lang

if TYPE_CHECKING:  # the services load on first use, not at CLI start-up
    from ..services.database import Database
    from ..services.journal_external import ExternalResult


def _profiles_and_entries(profiles: int, entries: int) -> dict[str, str]:
    """ "1 profile", "3 entries": the counted parts of a sentence about both."""
    return {
        "profiles": counted("{count} profile", "{count} profiles", profiles),
        "entries": counted("{count} entry", "{count} entries", entries),
    }


def _render_identity(result: "ExternalResult") -> None:
    """What an import replaced of earlier imports, and what no longer counts."""
    if result.replaced:
        on_days = ngettext("on {days} day", "on {days} days", result.replaced_days).format(
            days=result.replaced_days
        )
        say(
            ngettext(
                "Replaced {entries} earlier imported entry {on_days} with this export's version.",
                "Replaced {entries} earlier imported entries {on_days} with this export's version.",
                result.replaced,
            ),
            entries=result.replaced,
            on_days=on_days,
        )
    if result.shadowed:
        say(
            ngettext(
                "{count} imported entry is kept but not counted: another export gives that "
                "day's nutrients.",
                "{count} imported entries are kept but not counted: another export gives those "
                "days' nutrients.",
                result.shadowed,
            ),
            count=result.shadowed,
        )
    if not result.changed:
        say(_("Nothing changed: the journal already holds everything in these files."))


def _export_csv(folder: Path) -> tuple[dict[str, object], str]:
    from ..services.journal_export import write_csv

    counts = write_csv(db(), folder)
    message = ngettext(
        "Wrote {files} CSV file to {folder}.", "Wrote {files} CSV files to {folder}.", len(counts)
    ).format(files=len(counts), folder=plain(str(folder)))
    return {"folder": str(folder), "files": counts}, message


def _export_json(file: Path) -> tuple[dict[str, object], str]:
    from ..services.journal_export import write_export

    document = write_export(db(), file)
    entries = sum(len(p["entries"]) for p in document["profiles"])
    summary: dict[str, object] = {
        "file": str(file),
        "profiles": len(document["profiles"]),
        "entries": entries,
        "foods": len(document["foods"]),
    }
    message = _("Wrote {profiles} and {entries} to {file}.").format(
        **_profiles_and_entries(len(document["profiles"]), entries), file=plain(str(file))
    )
    return summary, message


@app.command(help=N_("Write the whole journal to a JSON file (or one CSV per table)."))
def export(
    file: Annotated[
        Path | None, typer.Argument(help=N_("The JSON file to write."), show_default=False)
    ] = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help=N_("A folder for one CSV file per table."))
    ] = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    if (file is None) == (csv is None):
        raise InputError(N_("Give a FILE for JSON, or --csv FOLDER (one of the two)."))
    target = csv if csv is not None else file
    assert target is not None
    writable_place(target)  # a --csv folder itself is made; its parent must be there
    summary, message = _export_csv(target) if csv is not None else _export_json(target)
    emit(summary, json_, lambda: console.print(message))


def _import_document(database: "Database", file: Path, json_: bool) -> None:
    from ..services.journal_transfer import import_document, read_document

    counts = import_document(database, read_document(file))
    message = _("Imported {profiles} and {entries}.")
    parts = _profiles_and_entries(counts["profiles"], counts["entries"])
    emit(counts, json_, lambda: say(message, **parts))


@app.command(
    "import",
    help=N_(
        "Read a Mg Coach export (JSON), or Cronometer / MyFitnessPal CSV exports into a profile."
    ),
)
def import_(
    files: Annotated[list[Path], typer.Argument(help=N_("The files to read."))],
    profile_: ProfileOpt = None,
    date_order: Annotated[
        DateOrderOption | None,
        typer.Option(
            "--date-order",
            help=N_(
                "How the files write dates, when they do not say: dmy (day first), mdy "
                "(month first) or ymd (year first)."
            ),
            show_default=False,
        ),
    ] = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    for file in files:
        existing(file)
    database = db()
    if any(f.suffix.lower() == ".json" for f in files):
        if len(files) != 1:
            raise InputError(N_("Import one Mg Coach JSON export at a time."))
        _import_document(database, files[0], json_)
        return
    from ..services.journal import profile_name
    from ..services.journal_external import import_external
    from . import journal_views

    order = None if date_order is None else date_order.order
    result = import_external(database, profile_name(profile_), files, date_order=order)

    def render() -> None:
        journal_views.render_external(result)
        _render_identity(result)

    emit(result.as_dict(), json_, render)


@app.command(help=N_("Delete a profile's data, or with --all everything, for good."))
def forget(
    all_: Annotated[bool, typer.Option("--all", help=N_("Every profile and entry."))] = False,
    yes: Annotated[bool, typer.Option("--yes", help=N_("Do not ask for confirmation."))] = False,
    profile_: ProfileOpt = None,
    json_: Json = False,
    lang: Lang = None,
) -> None:
    check_lang(lang)
    from ..services.journal import forget as forget_data
    from ..services.journal import profile_name

    name = None if all_ else profile_name(profile_)
    if not yes and not sys.stdin.isatty():
        raise InputError(N_("Nothing was deleted: add --yes to confirm without a question."))
    if not yes:
        question = (
            _("Delete ALL profiles and entries for good?")
            if name is None
            else _("Delete profile {name} and all its entries for good?").format(name=name)
        )
        if not typer.confirm(question, default=False):
            raise InputError(N_("Nothing was deleted."))
    profiles, entries = forget_data(db(), name)
    message = _("Deleted {profiles} and {entries}.")
    emit(
        {"profiles": profiles, "entries": entries},
        json_,
        lambda: say(message, **_profiles_and_entries(profiles, entries)),
    )

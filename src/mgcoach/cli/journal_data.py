"""Getting data in and out: `mgcoach export`, `mgcoach import` and `mgcoach forget`."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import InputError
from ..i18n import N_, _, ngettext
from ..journal.importers.records import DateOrderOption
from .journal import ProfileOpt, _db
from .output import console, plain, print_json, say
from .paths import existing, writable_place

if TYPE_CHECKING:  # the services load on first use, not at CLI start-up
    from ..services.journal_external import ExternalResult


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


def register_data(app: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    @app.command(help=_("Write the whole journal to a JSON file (or one CSV per table)."))
    def export(
        file: Annotated[
            Path | None, typer.Argument(help=_("The JSON file to write."), show_default=False)
        ] = None,
        csv: Annotated[
            Path | None, typer.Option("--csv", help=_("A folder for one CSV file per table."))
        ] = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..services.journal_transfer import write_csv, write_export

        if (file is None) == (csv is None):
            raise InputError(N_("Give a FILE for JSON, or --csv FOLDER (one of the two)."))
        target = csv if csv is not None else file
        assert target is not None
        writable_place(target)  # a --csv folder itself is made; its parent must be there
        db = _db()
        if csv is not None:
            counts = write_csv(db, csv)
            summary: dict[str, object] = {"folder": str(csv), "files": counts}
            message = _("Wrote {files} CSV files to {folder}.").format(
                files=len(counts), folder=plain(str(csv))
            )
        else:
            assert file is not None
            document = write_export(db, file)
            entries = sum(len(p["entries"]) for p in document["profiles"])
            summary = {
                "file": str(file),
                "profiles": len(document["profiles"]),
                "entries": entries,
                "foods": len(document["foods"]),
            }
            message = _("Wrote {profiles} profiles and {entries} entries to {file}.").format(
                profiles=summary["profiles"], entries=entries, file=plain(str(file))
            )
        if json_:
            print_json(summary)
        else:
            console.print(message)

    @app.command(
        "import",
        help=_(
            "Read a Mg Coach export (JSON), or Cronometer / MyFitnessPal CSV exports into a "
            "profile."
        ),
    )
    def import_(
        files: Annotated[list[Path], typer.Argument(help=_("The files to read."))],
        profile_: ProfileOpt = None,
        date_order: Annotated[
            DateOrderOption | None,
            typer.Option(
                "--date-order",
                help=_(
                    "How the files write dates, when they do not say: dmy (day first), mdy "
                    "(month first) or ymd (year first)."
                ),
                show_default=False,
            ),
        ] = None,
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        from ..services.journal_transfer import import_document, read_document

        for file in files:
            existing(file)
        db = _db()
        if any(f.suffix.lower() == ".json" for f in files):
            if len(files) != 1:
                raise InputError(N_("Import one Mg Coach JSON export at a time."))
            counts = import_document(db, read_document(files[0]))
            if json_:
                print_json(counts)
            else:
                say(_("Imported {profiles} profiles and {entries} entries."), **counts)
            return
        from ..services.journal import profile_name
        from ..services.journal_external import import_external
        from . import journal_views

        order = None if date_order is None else date_order.order
        result = import_external(db, profile_name(profile_), files, date_order=order)
        if json_:
            print_json(result.as_dict())
        else:
            journal_views.render_external(result)
            _render_identity(result)

    @app.command(help=_("Delete a profile's data, or with --all everything, for good."))
    def forget(
        all_: Annotated[bool, typer.Option("--all", help=_("Every profile and entry."))] = False,
        yes: Annotated[bool, typer.Option("--yes", help=_("Do not ask for confirmation."))] = False,
        profile_: ProfileOpt = None,
        json_: json_type = False,
        lang: lang_type = None,
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
        profiles, entries = forget_data(_db(), name)
        if json_:
            print_json({"profiles": profiles, "entries": entries})
        else:
            say(
                _("Deleted {profiles} profiles and {entries} entries."),
                profiles=profiles,
                entries=entries,
            )

"""``foods import usda|off PATH_OR_URL``, with a progress display on stderr.

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, _, ngettext, translate
from .output import emit, fmt, say, wants_json
from .paths import existing
from .root import Json, Lang, check_lang, foods

if TYPE_CHECKING:
    from ..services.food_import import ImportSummary

importer = typer.Typer(help=N_("Import a published food table."), no_args_is_help=True)
foods.add_typer(importer, name="import")
Where = Annotated[str, typer.Argument(help=N_("A folder, a zip file or an http(s) address."))]


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int], None] | None]:
    if quiet:
        yield None
        return
    # Rich's progress display: only for an import (``foods search`` builds this module too).
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,.0f}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(_("Reading"), total=None)
        yield lambda n: bar.advance(task, n)


def summary_json(summary: "ImportSummary") -> dict[str, object]:
    counts = summary.counts
    return {
        "source": summary.source,
        "inserted": counts.inserted,
        "updated": counts.updated,
        "kept": counts.kept,
        "written_by_source": counts.by_source,
        "report": summary.report.as_dict(),
        "seconds": round(summary.seconds, 2),
    }


def _render(summary: "ImportSummary") -> None:
    counts = summary.counts
    say(
        _("{source}: {inserted} new foods, {updated} updated, {kept} curated or own foods kept."),
        source=summary.source,
        inserted=fmt(counts.inserted),
        updated=fmt(counts.updated),
        kept=fmt(counts.kept),
    )
    from ..foods.importers.report import REASON_MESSAGES

    for reason, count in sorted(summary.report.skipped.items()):
        say(
            ngettext("Skipped {count} row: {reason}.", "Skipped {count} rows: {reason}.", count),
            count=fmt(count),
            reason=translate(REASON_MESSAGES[reason], {}),
        )
    for example in summary.report.examples:
        say(
            _("  {file}, line {line}: {reason} ({detail})"),
            file=example.file,
            line=example.line,
            reason=translate(REASON_MESSAGES[example.reason], {}),
            detail=example.detail or "-",
        )
    say(_("Took {seconds} s."), seconds=fmt(summary.seconds, 1))


def _run(kind: str, path: str, json_: bool) -> None:
    """One import, with a progress display unless JSON is asked for."""
    from ..services.database import open_database
    from ..services.food_import import import_off, import_usda

    existing(path)
    run_import = import_usda if kind == "usda" else import_off
    db = open_database()
    quiet = wants_json(json_)
    with _progress(quiet) as progress:
        summary = run_import(db, path, progress)
    emit(summary_json(summary), quiet, lambda: _render(summary))


@importer.command(help=N_("USDA: SR28 / SR Legacy (ASCII or CSV), Foundation, FNDDS, Branded."))
def usda(path: Where, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    _run("usda", path, json_)


@importer.command(
    help=N_(
        "Open Food Facts: a CSV, JSON (an API product or search answer) or JSON lines file, "
        "or a folder or zip of them."
    )
)
def off(path: Where, json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    _run("off", path, json_)

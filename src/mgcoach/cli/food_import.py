"""``foods import usda|off PATH_OR_URL``, with a progress display on stderr."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..i18n import _, translate

if TYPE_CHECKING:
    from ..services.food_import import ImportSummary
from .output import fmt, print_json, say
from .paths import existing


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int], None] | None]:
    if quiet:
        yield None
        return
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
            _("Skipped {count} rows: {reason}."),
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
    from ..services.food_import import import_off, import_usda
    from ..storage.database import open_database

    existing(path)
    importer = import_usda if kind == "usda" else import_off
    db = open_database()
    with _progress(json_) as progress:
        summary = importer(db, path, progress)
    print_json(summary_json(summary)) if json_ else _render(summary)


def register_import(foods: typer.Typer, json_type: Any, lang_type: Any, check_lang: Any) -> None:
    importer = typer.Typer(help=_("Import a published food table."), no_args_is_help=True)
    foods.add_typer(importer, name="import")
    where = _("A folder, a zip file or an http(s) address.")

    @importer.command(help=_("USDA: SR28 / SR Legacy (ASCII or CSV), Foundation, FNDDS, Branded."))
    def usda(
        path: Annotated[str, typer.Argument(help=where)],
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        _run("usda", path, json_)

    @importer.command(
        help=_(
            "Open Food Facts: a CSV, JSON (an API product or search answer) or JSON lines file, "
            "or a folder or zip of them."
        )
    )
    def off(
        path: Annotated[str, typer.Argument(help=where)],
        json_: json_type = False,
        lang: lang_type = None,
    ) -> None:
        check_lang(lang)
        _run("off", path, json_)

"""Printing: JSON for scripts, Rich tables for people, with the unverified-fact mark."""

from __future__ import annotations

import json
from typing import Any

from babel.numbers import format_decimal
from rich.console import Console
from rich.table import Table

from ..contract.common import note_text
from ..engine.notes import Note
from ..i18n import _, get_language

VERIFY_MARK = "†"
console = Console(highlight=False)


def print_json(data: dict[str, Any] | list[Any]) -> None:
    console.out(json.dumps(data, ensure_ascii=False, indent=2), highlight=False)


def fmt(value: float | None, digits: int = 0, unit: str = "") -> str:
    """A number in the user's locale (1,234.5 or 1.234,5), with its unit."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(value, format=pattern, locale=get_language())
    return f"{text} {unit}".strip()


def note_line(note: Note) -> str:
    mark = f" {VERIFY_MARK}" if note.unverified else ""
    sources = f" [{'; '.join(note.sources)}]" if note.sources else ""
    return f"{note_text(note)}{mark}{sources}"


def print_notes(notes: tuple[Note, ...] | list[Note], title: str | None = None) -> None:
    if not notes:
        return
    if title:
        console.print(f"[bold]{title}[/bold]")
    for note in notes:
        console.print(f"• {note_line(note)}")


def verify_legend() -> None:
    console.print(
        f"{VERIFY_MARK} "
        + _("from knowledge — verify: not yet confirmed in a stored copy of the primary source.")
    )


def new_table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column)
    return table


def sources_line(ids: tuple[str, ...] | list[str]) -> None:
    if ids:
        joined = "; ".join(dict.fromkeys(ids))
        console.print(
            _("Sources: {ids} (mgcoach sources ID shows the citation)").format(ids=joined)
        )

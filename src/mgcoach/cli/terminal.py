"""What a person sees on a terminal: Rich's console and tables, made safe (``cli/output.py``
says how: nothing from data is read as markup, no control character reaches the terminal).

Imported when something is shown, not for ``--json``: Rich's console and tables take about
40 ms and 3 MiB to import. ``output.console`` and ``output.new_table`` are these.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .output import CONTROL, clean


class SafeConsole(Console):
    """A console that never writes a control character it did not make itself: every string
    (markup or not) and every segment of every renderable is cleaned (see `clean`)."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(clean(text), **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterator[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and CONTROL.search(segment.text):
                yield Segment(clean(segment.text), segment.style)
            else:
                yield segment


# No emoji codes either: a note with ":smile:" in it is shown as typed.
console = SafeConsole(highlight=False, emoji=False)


class PlainTable(Table):
    """A table whose text cells are shown as they are: never read as markup.

    Style a cell by passing a `rich.text.Text` with a style instead of markup.

    On a narrow terminal Rich narrows the widest columns first, down into their header's
    words: Dutch "Leeftijdsgroep" became "Leeftijdsgro…" at 80 columns. Here every column
    keeps at least its header's longest word; the width it needs is taken from the columns
    with the most room to spare (their cells wrap, or fold a word too long for them).
    """

    def _header_floor(self, index: int) -> int:
        header = self.columns[index].header
        text = header.plain if isinstance(header, Text) else str(header)
        longest = max((cell_len(word) for word in text.split()), default=0)
        return longest + self._get_padding_width(index)

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        widths = list(super()._calculate_column_widths(console, options))
        if not self.show_header or len(widths) != len(self.columns):
            return widths
        floors = [self._header_floor(index) for index in range(len(widths))]
        if sum(floors) > sum(widths):
            return widths  # too narrow for even the headers: leave Rich's choice
        for index, floor in enumerate(floors):
            while widths[index] < floor:
                donor = max(range(len(widths)), key=lambda i: widths[i] - floors[i])
                if widths[donor] <= floors[donor]:
                    return widths
                widths[donor] -= 1
                widths[index] += 1
        return widths

    def add_row(
        self, *renderables: RenderableType | None, style: Any = None, end_section: bool = False
    ) -> None:
        cells = [_cell(cell) for cell in renderables]
        super().add_row(*cells, style=style, end_section=end_section)


def _cell(cell: RenderableType | None) -> RenderableType | None:
    """A cell as a Text never read as markup, its control characters made visible (a Text
    given by the view keeps its styles)."""
    if isinstance(cell, str):
        return Text(clean(cell))
    if isinstance(cell, Text) and CONTROL.search(cell.plain):
        cell = cell.copy()
        cell.plain = clean(cell.plain)
    return cell


def new_table(title: str, *columns: str) -> Table:
    """A table with a plain-text title and plain-text cells.

    A word too long for its column is folded onto the next line rather than cut with "…";
    headers keep their longest word (see PlainTable).
    """
    heading = Text(clean(title), style="table.title") if title else None
    table = PlainTable(title=heading, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(Text(clean(column)), overflow="fold")
    return table

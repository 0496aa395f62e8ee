"""Printing: JSON for scripts, Rich tables for people, with the unverified-fact mark.

Rich reads "[word]" as markup and deletes it, so "[emc-MgOH]" or a food named "[bold]x" would
vanish. Only the markup we write ourselves may reach Rich as markup: every string from data or
from the user goes through `plain` (or `say`, which fills our sentence with plain values), and
table cells and titles are never read as markup at all (`new_table`: a cell given as a str is
shown as it is; style one with an explicit `rich.text.Text`).

Terminal control characters never reach the terminal: a food named "\x1b]8;;https://x\x07"
would print a hyperlink, "\x1b[2J" would clear the screen. `clean` shows each as a visible
stand-in (ESC as "␛"); the console applies it to every string and every rendered segment, so a
view that forgets it cannot pass one through.

The console and the tables are Rich's, in ``cli/terminal.py``, imported only when something is
shown to a person: ``--json`` writes its text itself (``print_json``), and ``output.console``
is the terminal's console, imported on first use.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING

from ..i18n import _, get_language

if TYPE_CHECKING:  # the contract loads the unit registry: not at CLI start-up
    from rich.table import Table

    from ..engine.notes import Note
    from .terminal import console as console

VERIFY_MARK = "†"

# C0 controls but newline and tab, DEL, the C1 controls (0x9b is CSI on some terminals) and the
# bidirectional embeddings, overrides and isolates (text that reads other than it is stored).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␍ for CR
    return "\u2421" if code == 0x7F else "\ufffd"


def clean(text: str) -> str:
    """``text`` with each terminal control character replaced by one visible stand-in (the
    length stays the same, so styled spans over it stay in place)."""
    return CONTROL.sub(_stand_in, text)


# Rich's own `escape` leaves "\\[" alone, which Rich then prints as "[": each "[" here gets
# the backslashes Rich's parser takes away again, as a tag ("[x]") or as a plain bracket.
_BRACKET = re.compile(r"(\\*)\[")
_TAG = re.compile(r"\[[a-z#/@][^[]*?]")


def plain(text: str) -> str:
    """Text from data or from the user, safe to put inside our markup (not right before a tag
    of ours: see `strong`)."""

    def bracket(match: re.Match[str]) -> str:
        slashes = len(match.group(1))
        if _TAG.match(text, match.end() - 1):
            return "\\" * (2 * slashes + 1) + "["
        return "\\" * (slashes + 1) + "["

    return _BRACKET.sub(bracket, text)


def strong(text: str) -> str:
    """Data text in bold."""
    safe = plain(text)
    # Backslashes at the end would escape our closing tag: doubled, Rich prints each once.
    safe += "\\" * (len(safe) - len(safe.rstrip("\\")))
    return f"[bold]{safe}[/bold]"


def say(template: str, /, **values: object) -> None:
    """Print one of our (translated) sentences, its {fields} filled with plain text."""
    from .terminal import console

    console.print(
        template.format(**{k: plain(v) if isinstance(v, str) else v for k, v in values.items()})
    )


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def print_json(data: Mapping[str, object] | Sequence[object]) -> None:
    """The data as JSON; characters a terminal might act on are written as \\u escapes (json
    escapes C0 controls itself), so the JSON reads back to the same values."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    # What Rich's console.out wrote (no markup, wrapping or style: the same bytes), without
    # importing Rich's console for a script.
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# `mgcoach --json COMMAND`: the root's --json, set by its callback on every run (cli/root.py).
root_json: ContextVar[bool] = ContextVar("mgcoach_root_json", default=False)


def wants_json(json_: bool) -> bool:
    """``--json`` given to the command, or to ``mgcoach`` before it."""
    return json_ or root_json.get()


def emit(
    data: Mapping[str, object] | Sequence[object], json_: bool, render: Callable[[], None]
) -> None:
    """Print ``data`` as JSON when asked for, else ``render`` it for people."""
    if wants_json(json_):
        print_json(data)
    else:
        render()


def fmt(value: float | None, digits: int = 0, unit: str = "") -> str:
    """A number in the user's locale (1,234.5 or 1.234,5), with its unit."""
    if value is None:
        return "—"
    from ..i18n.cldr_numbers import fixed_pattern, format_decimal  # only to show a number

    text = format_decimal(value, get_language(), fixed_pattern(digits))
    return f"{text} {unit}".strip()


def cited(ids: tuple[str, ...] | list[str]) -> str:
    """Source ids as " [A; B]", as plain text ("" without sources)."""
    return plain(f" [{'; '.join(ids)}]") if ids else ""


def note_line(note: Note) -> str:
    """A note with its verify mark and its sources, as markup-safe text."""
    mark = f" {VERIFY_MARK}" if note.unverified else ""
    from ..contract.common import note_text

    return f"{plain(note_text(note))}{mark}{cited(note.sources)}"


def print_notes(notes: tuple[Note, ...] | list[Note], title: str | None = None) -> None:
    if not notes:
        return
    from .terminal import console

    if title:
        console.print(strong(title))
    for note in notes:
        console.print(f"• {note_line(note)}")


def verify_legend() -> None:
    from .terminal import console

    console.print(
        f"{VERIFY_MARK} "
        + _("from knowledge — verify: not yet confirmed in a stored copy of the primary source.")
    )


def sources_line(ids: tuple[str, ...] | list[str]) -> None:
    if ids:
        joined = "; ".join(dict.fromkeys(ids))
        say(_("Sources: {ids} (mgcoach sources ID shows the citation)"), ids=joined)


def new_table(title: str, *columns: str) -> Table:
    """A table with a plain-text title and plain-text cells (``terminal.new_table``)."""
    from .terminal import new_table

    return new_table(title, *columns)


def __getattr__(name: str) -> object:
    """``console``: Rich's console (``terminal.console``), imported when first asked for."""
    if name == "console":
        from .terminal import console

        globals()["console"] = console  # the same object from now on (tests patch its width)
        return console
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

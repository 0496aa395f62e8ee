"""Stored text cannot break or take over the terminal (issue 16).

A food named "[/] broken" once made `foods add`, `search` and `show` exit 70; "[link=...]"
printed a terminal hyperlink, and an escape sequence in a name reached the terminal as it was.
For each hostile text × each command that prints data or user text: exit 0, the text shown as
it is (its control characters as visible stand-ins, `output.clean`), and no escape sequence in
the output at all (capsys is no terminal: Rich writes no styles either).

The text is put in the database directly (as an import or an older version could have), so
the views are tested whatever the input validation accepts today.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from sqlalchemy import update

from mgcoach.cli import output
from mgcoach.cli.main import main
from mgcoach.services.database import open_database
from mgcoach.storage.journal_tables import entry, food_item, profile, profile_medication
from mgcoach.storage.tables import food
from tests.cli.running import run_json

DAY = "2025-01-15"
WIDTH = 5000  # no wrapping, even of the long text in a table cell

HOSTILE = {
    "close-tag": "[/] broken",
    "bold": "[bold]x",
    "link": "[link=https://evil.example]click[/link]",
    "ansi-colour": "\x1b[31mred\x1b[0m text",
    "osc8-link": "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 here",
    "controls": "a\rb\x08c\x00d\x9be\u202ef\x7fg",
    "clear-screen": "\x1b[2J\x1b[Hgone",
    "long": "w" * 400 + " [/] " + "\x1b[1m" + "v" * 400,
}
# ESC (every escape sequence, a hyperlink's "ESC ] 8 ;" too), 8-bit CSI, BEL.
ESCAPES = re.compile("[\x1b\x9b\x07]")


def _text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, (args, out.err)
    assert not ESCAPES.search(out.out + out.err), (args, out.out)
    return out.out


def _shows(shown: str, text: str) -> bool:
    return output.clean(text) in shown


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output.console, "width", WIDTH)
    monkeypatch.delenv("MGCOACH_PROFILE", raising=False)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_stored_text_is_shown_as_it_is(
    capsys: pytest.CaptureFixture[str], data_dir: Path, text: str
) -> None:
    run_json(capsys, "profile", "set", "--age", "45", "--sex", "female", "--med",
             "digoxin@08:00")  # fmt: skip
    run_json(capsys, "profile", "set", "--age", "50", "--sex", "male", "--profile", "other")
    added = run_json(capsys, "foods", "add", "zzhostile", "--per-100g", "magnesium_mg=9000",
                     "--portion", "1 bar=40", "--serving", "1 bar")  # fmt: skip
    food_id = added["id"]
    run_json(capsys, "log", "food", food_id, "1 bar", "--note", "placeholder", "--date", DAY)
    run_json(capsys, "log", "note", "placeholder", "--date", DAY)
    db = open_database()
    with db.begin() as connection:
        connection.execute(update(food).where(food.c.id == food_id).values(name=text, brand=text))
        connection.execute(update(food_item).values(name=text))
        connection.execute(update(entry).values(note=text))
        connection.execute(update(profile_medication).values(name=text))
        # A name --profile may refuse today: the other profile's, shown by `profile list`.
        connection.execute(update(profile).where(profile.c.name == "other").values(name=text))
    db.dispose()

    # Foods: search (by the stored search terms), show, amount, top.
    assert _shows(_text(capsys, "foods", "search", "zzhostile"), text)
    assert _shows(_text(capsys, "foods", "show", food_id), text)
    assert _shows(_text(capsys, "foods", "amount", food_id, "1 bar"), text)
    assert _shows(_text(capsys, "foods", "top", "magnesium"), text)
    # The journal: the profile's name, its medicine, the food and the notes.
    mine = ("--profile", "default")
    assert _shows(_text(capsys, "profile", "show", *mine), text)
    assert _shows(_text(capsys, "profile", "list"), text)
    # The day's checks report a medicine name they cannot use (the validation's part): back
    # to a known medicine for them.
    with db.begin() as connection:
        connection.execute(update(profile_medication).values(name="digoxin"))
    assert _shows(_text(capsys, "entries", "--date", DAY, *mine), text)
    _text(capsys, "day", DAY, *mine)
    _text(capsys, "week", DAY, *mine)
    _text(capsys, "trend", "--days", "7", "--end", DAY, *mine)
    _text(capsys, "plan", DAY, *mine)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_typed_text_never_crashes_a_command(
    capsys: pytest.CaptureFixture[str], data_dir: Path, text: str
) -> None:
    """Given on the command line: the command answers (or refuses in one line), never exit 70,
    and the terminal gets no escape sequence either way."""
    code = main(["foods", "add", text, "--per-100g", "magnesium_mg=100"])
    out = capsys.readouterr()
    assert code in (0, 2), out.err
    assert not ESCAPES.search(out.out + out.err)
    if code == 0:
        assert _shows(out.out, text.strip())
        assert _shows(_text(capsys, "foods", "show", "user:1"), text.strip())
    for args in (
        ["foods", "show", text],
        ["advise", "--age", "40", "--sex", "female", "--med", text],
        ["log", "note", text, "--date", DAY],
    ):
        code = main(args)
        out = capsys.readouterr()
        assert code in (0, 1, 2), (args, out.err)
        assert "Internal error" not in out.err and "Traceback" not in out.err
        assert not ESCAPES.search(out.out + out.err), (args, out.out + out.err)


def test_json_output_keeps_the_text_and_escapes_what_a_terminal_would_act_on(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    text = HOSTILE["controls"]
    added = run_json(capsys, "foods", "add", "zzjson", "--per-100g", "magnesium_mg=100")
    db = open_database()
    with db.begin() as connection:
        connection.execute(update(food).where(food.c.id == added["id"]).values(name=text))
    db.dispose()
    assert main(["foods", "show", added["id"], "--json"]) == 0
    raw = capsys.readouterr().out
    assert not ESCAPES.search(raw) and "\x9b" not in raw and "\u202e" not in raw
    import json

    assert json.loads(raw)["name"] == text


def test_clean_keeps_length_and_printable_text() -> None:
    for text in HOSTILE.values():
        cleaned = output.clean(text)
        assert len(cleaned) == len(text)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", cleaned)
    assert output.clean("tab\tand\nnewline é ✓") == "tab\tand\nnewline é ✓"
    assert output.clean("\x1b[31m") == "␛[31m"


def test_a_table_cell_given_as_text_is_never_markup_nor_control() -> None:
    table = output.new_table("[bold]title\x1b[2J", "[red]col")
    table.add_row("[link=https://evil]x[/link]\x1b]8;;y\x07", Text("\x1b[1mz", style="bold"))
    with output.console.capture() as captured:
        output.console.print(table)
    shown = captured.get()
    assert "[bold]title␛[2J" in shown and "[red]col" in shown
    assert "[link=https://evil]x[/link]␛]8;;y␇" in shown and "␛[1mz" in shown

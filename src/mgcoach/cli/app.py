"""The whole command line: the root app (cli/root.py) with every command module's commands.

The modules are imported in the order ``mgcoach --help`` lists their commands; each one
declares its commands at module level. Heavy things (the knowledge base, the database, the
contract) are imported inside the commands, so building the app stays cheap.
"""

from importlib import import_module

import typer
import typer.core

from .root import app
from .typer_texts import translate_command, translate_panels

# In the order --help lists the commands: the root's first, then each group's (the groups
# themselves are listed in cli/root.py's order).
COMMAND_MODULES = (
    "calculators",
    "catalogue",
    "safety",
    "assess",
    "journal_entries",
    "journal_trend",
    "journal_data",
    "plan",
    "serve",
    "foods",
    "food_own",
    "food_barcode",
    "food_daily",
    "food_import",
    "journal",
    "journal_log",
)


def build_app() -> typer.Typer:
    """The root Typer app with every command on it."""
    for name in COMMAND_MODULES:
        import_module(f"{__package__}.{name}")
    return app


def click_command(*, markup: bool = True) -> typer.core.TyperGroup:
    """The Click command for one run, its help in the current language (``markup``: escaped
    for Rich, as --help shows it; without, as docs/cli.md writes it)."""
    translate_panels()
    command = typer.main.get_command(build_app())
    assert isinstance(command, typer.core.TyperGroup)
    translate_command(command, markup=markup)
    return command

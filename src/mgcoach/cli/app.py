"""The whole command line: the root app (cli/root.py) with every command module's commands.

The modules are imported in the order ``mgcoach --help`` lists their commands; each one
declares its commands at module level. Heavy things (the knowledge base, the database, the
contract) are imported inside the commands, so building the app stays cheap. A run that names
a command and shows no help builds only the modules that declare it (``HOMES``): Typer turns
every command it is given into a Click command, signature and all, on every run.
"""

from collections.abc import Sequence
from importlib import import_module
from typing import Any

import typer
import typer.core

from .root import app
from .typer_texts import translate_command

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
    "report",
    "schedule",
    "serve",
    "foods",
    "food_own",
    "food_barcode",
    "food_daily",
    "food_import",
    "journal",
    "journal_log",
    "experiment",
)
# The modules that declare what each name on the root runs: a command, or a group's commands
# (tests/cli/test_startup.py checks this against the whole app).
_CALCULATORS = dict.fromkeys(("targets", "elemental", "amount", "serum", "energy"), "calculators")
HOMES: dict[str, tuple[str, ...]] = {
    **{name: (module,) for name, module in _CALCULATORS.items()},
    **dict.fromkeys(("compounds", "sources", "example"), ("catalogue",)),
    **dict.fromkeys(("check", "advise", "names"), ("safety",)),
    "assess": ("assess",),
    **dict.fromkeys(("entries", "edit", "delete", "day"), ("journal_entries",)),
    **dict.fromkeys(("week", "trend"), ("journal_trend",)),
    **dict.fromkeys(("export", "import", "forget"), ("journal_data",)),
    "plan": ("plan",),
    "report": ("report",),
    "schedule": ("schedule",),
    "serve": ("serve",),
    "foods": ("foods", "food_own", "food_barcode", "food_daily", "food_import"),
    "profile": ("journal",),
    "log": ("journal_log",),
    "experiment": ("experiment",),
}
HELP_OPTIONS = frozenset(("-h", "--help"))


def command_modules(args: Sequence[str]) -> tuple[str, ...]:
    """The command modules a run of ``args`` needs: those that declare the command it names;
    all of them for a help screen, a name not known or a root option not foreseen."""
    index = 0
    while index < len(args) and args[index].startswith("-"):
        arg = args[index]
        if arg == "--lang":
            index += 2
        elif arg == "--json" or arg.startswith("--lang="):
            index += 1
        else:
            return COMMAND_MODULES
    if index >= len(args) or HELP_OPTIONS.intersection(args):
        return COMMAND_MODULES
    return HOMES.get(args[index], COMMAND_MODULES)


def _in_help_order(typer_app: typer.Typer) -> None:
    """Put the commands registered so far in ``COMMAND_MODULES`` order (a process that ran one
    command first imported its module first), each module's in their own order."""

    def rank(info: Any) -> int:
        name = str(getattr(info.callback, "__module__", "")).rsplit(".", 1)[-1]
        return COMMAND_MODULES.index(name) if name in COMMAND_MODULES else len(COMMAND_MODULES)

    typer_app.registered_commands.sort(key=rank)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _in_help_order(group.typer_instance)


def build_app(modules: Sequence[str] = COMMAND_MODULES) -> typer.Typer:
    """The root Typer app with the commands of ``modules`` on it (by default every command)."""
    for name in modules:
        import_module(f"{__package__}.{name}")
    _in_help_order(app)
    return app


def click_command(
    *, markup: bool = True, args: Sequence[str] | None = None
) -> typer.core.TyperGroup:
    """The Click command for one run, its help in the current language (``markup``: escaped
    for Rich, as --help shows it; without, as docs/cli.md writes it); with ``args``, only as
    much of it as a run of them needs (``command_modules``)."""
    modules = COMMAND_MODULES if args is None else command_modules(args)
    command = typer.main.get_command(build_app(modules))
    assert isinstance(command, typer.core.TyperGroup)
    translate_command(command, markup=markup)
    return command

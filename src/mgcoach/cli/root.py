"""The root Typer app, its command groups and the options every command shares.

The commands are declared at module level in the other cli modules, on `app` or on one of
the groups here (`foods`, `profile`, `log`); cli/app.py imports them in the order ``--help``
lists them. Help texts are msgids, translated per run (cli/typer_texts.py).

No ``from __future__ import annotations``: Typer reads the option types at run time.
"""

from typing import Annotated

import typer

from ..errors import InputError
from ..i18n import LANGUAGES, N_
from .output import root_json
from .typer_texts import help_msgid

app = typer.Typer(
    name="mgcoach",
    help=N_("Mg Coach: magnesium and muscle-recovery facts, with their sources."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # -h as well as --help, on every command (subcommands inherit it from the root).
    context_settings={"help_option_names": ["-h", "--help"]},
)
# The groups, in the order --help lists them (after the commands).
foods = typer.Typer(
    help=N_("Foods: search in English or Dutch, amounts, top sources, your own foods."),
    no_args_is_help=True,
)
profile = typer.Typer(help=N_("Profiles: who the journal is for."), no_args_is_help=True)
log = typer.Typer(
    help=N_("Log what you eat, take and feel (one entry per command)."), no_args_is_help=True
)
app.add_typer(foods, name="foods")
app.add_typer(profile, name="profile")
app.add_typer(log, name="log")
experiment = typer.Typer(
    help=N_("N-of-1 experiments: find out whether magnesium helps you, on and off in turn."),
    no_args_is_help=True,
)
app.add_typer(experiment, name="experiment")

Json = Annotated[
    bool,
    typer.Option(
        "--json", help=N_("Print JSON (a stable contract for scripts) instead of tables.")
    ),
]
Lang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=help_msgid(N_("Language of the output: {choices}."), choices=", ".join(LANGUAGES)),
    ),
]


def check_lang(lang: str | None) -> None:
    """Refuse an unknown ``--lang`` (the language itself was chosen before parsing, in
    cli/main.py)."""
    if lang is not None and lang not in LANGUAGES:
        raise InputError(
            N_("Unknown language {lang}: use one of {choices}."),
            lang=lang,
            choices=", ".join(LANGUAGES),
        )


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version  # reads the installed metadata: slow to import

        typer.echo(f"mgcoach {version('mgcoach')}")
        raise typer.Exit()


@app.callback()
def _options(
    lang: Lang = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help=N_("Show the version and exit."),
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
    json_: Json = False,
) -> None:
    check_lang(lang)
    # `mgcoach --json targets ...` as well as `mgcoach targets ... --json` (cli/output.py).
    root_json.set(json_)

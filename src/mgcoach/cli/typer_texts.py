"""Typer's own help-screen words in the user's language.

Typer reads its panel titles through the stdlib gettext at import time and writes its help
option's text as a literal, so our catalog's translations are put in their place here.
Each step is guarded: a Typer version without the attribute keeps its English text.
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from typer import rich_utils

from ..i18n import N_, _

PANEL_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEFAULT_STRING": N_("[default: {}]"),
}
HELP_OPTION_TEXT = N_("Show this message and exit.")
# Typer's shell-completion options on the root command, by their English text (Typer words
# them "current shell" with shellingham installed, "specified shell" without).
COMPLETION_TEXTS = frozenset(
    (
        N_("Install completion for the current shell."),
        N_("Show completion for the current shell, to copy it or customize the installation."),
        N_("Install completion for the specified shell."),
        N_("Show completion for the specified shell, to copy it or customize the installation."),
    )
)


def translate_panels() -> None:
    for name, msgid in PANEL_TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, _(msgid))


def translate_help_option(command: Any) -> None:
    """Give ``command`` and its subcommands a translated --help text (and the root's
    completion options theirs)."""
    for param in getattr(command, "params", []):
        if getattr(param, "help", None) in COMPLETION_TEXTS:
            param.help = _(param.help)
        if isinstance(getattr(param, "help", None), str):
            # Typer reads help as Rich markup: "NAME@HH:MM[/FREQUENCY]" would crash --help.
            param.help = escape(param.help)
    original = getattr(command, "get_help_option", None)
    if original is not None:

        def get_help_option(ctx: Any) -> Any:
            option = original(ctx)
            if option is not None and hasattr(option, "help"):
                option.help = _(HELP_OPTION_TEXT)
            return option

        command.get_help_option = get_help_option
    for sub in getattr(command, "commands", {}).values():
        translate_help_option(sub)

"""The help screens in the user's language.

The commands are declared at import time, before the language is known, so every help text
in them is a msgid; `translate_command` translates the Click command that
``typer.main.get_command`` builds for one run: command and group help, parameter help, and
the help option. Typer reads its panel titles through the stdlib gettext at import time and
writes its help option's text as a literal, so our catalog's translations are put in their
place here too, just before a help screen is drawn (Typer's rich_utils, which draws it, is
imported only then: a command that shows no help never imports it). Each step is guarded: a
Typer version without the attribute keeps its English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
# them "current shell" with shellingham installed, "specified shell" without); listed for
# extraction, translated with every other parameter's help.
COMPLETION_TEXTS = frozenset(
    (
        N_("Install completion for the current shell."),
        N_("Show completion for the current shell, to copy it or customize the installation."),
        N_("Install completion for the specified shell."),
        N_("Show completion for the specified shell, to copy it or customize the installation."),
    )
)
# The values of help msgids with {fields}, by msgid (see `help_msgid`).
_HELP_VALUES: dict[str, Mapping[str, str]] = {}


def help_msgid(msgid: str, **values: str) -> str:
    """``msgid`` as a help text, its ``{fields}`` filled with ``values`` once translated.

    Click copies help texts into plain strings, so the values are kept here by msgid.
    """
    if values:
        _HELP_VALUES[msgid] = values
    return msgid


def _text(msgid: str) -> str:
    text = _(msgid)
    values = _HELP_VALUES.get(msgid)
    return text.format(**values) if values else text


def translate_panels() -> None:
    from typer import rich_utils

    for name, msgid in PANEL_TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, _(msgid))


def _translate_help_option(command: Any) -> None:
    original = getattr(command, "get_help_option", None)
    if original is None:
        return

    def get_help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None and hasattr(option, "help"):
            option.help = _(HELP_OPTION_TEXT)
        return option

    command.get_help_option = get_help_option


def _escape_help(command: Any) -> None:
    """Escape the help of ``command``'s parameters for Rich: Typer reads it as markup, and
    "NAME@HH:MM[/FREQUENCY]" would crash --help."""
    from rich.markup import escape

    for param in getattr(command, "params", []):
        if isinstance(getattr(param, "help", None), str):
            param.help = escape(param.help)


def _translate_panels_first(command: Any, *, markup: bool) -> None:
    """Just before ``command``'s help screen is drawn: the panels' titles translated and, with
    ``markup``, its parameters' help escaped (then, not on every run: Rich's markup module
    takes 10 ms to import, and a command that shows no help never needs it)."""
    original = getattr(command, "format_help", None)
    if original is None:
        return
    pending = [markup]

    def format_help(ctx: Any, formatter: Any) -> Any:
        translate_panels()
        if pending[0]:
            pending[0] = False
            _escape_help(command)
        return original(ctx, formatter)

    command.format_help = format_help


def translate_command(command: Any, *, markup: bool = True) -> None:
    """Translate the help of ``command``, its parameters and its subcommands, in place.

    With ``markup``, parameter help is escaped for Rich when a help screen is drawn
    (``_translate_panels_first``).
    """
    if isinstance(getattr(command, "help", None), str):
        command.help = _text(command.help)
    for param in getattr(command, "params", []):
        if isinstance(getattr(param, "help", None), str):
            param.help = _text(param.help)
    _translate_help_option(command)
    _translate_panels_first(command, markup=markup)
    for sub in getattr(command, "commands", {}).values():
        translate_command(sub, markup=markup)

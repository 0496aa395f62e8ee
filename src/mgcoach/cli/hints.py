"""How to correct an error on the command line: the options its inputs are given with.

The services and the engine word their errors for every face (issue 17: no command-line flag in
a page or an API answer) and name the inputs they are about (``MgCoachError.fields``, the
public names: "count", "elemental_mg", "basis"). The API answers those names in ``loc``; a page
marks its fields. Here the CLI finds the option of the command that was run for each of them
("--count", "--as elemental|compound") and says it after the message, and adds the command
that lists or makes what an error says is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import MgCoachError
from ..i18n import N_, translate

# What to run when an error with this code names something unknown or missing.
COMMANDS = {
    "unknown_name": N_("mgcoach names lists the names Mg Coach knows."),
    "unknown_profile": N_(
        "Make it with mgcoach profile set --profile {name} --age YEARS --sex female|male."
    ),
    "profile_out_of_bounds": N_("Correct it with mgcoach profile set --profile {name}."),
    "ambiguous_dose": N_("Add --as elemental or --as compound."),
    "no_experiment": N_("Start one with mgcoach experiment start OUTCOME."),
}
# Inputs the command line gives under another name than the services call them.
ALIASES = {"basis": "as", "as": "basis"}


# Click's objects are used by duck typing: Typer carries its own copy of Click (typer._click),
# whose classes are not click's.
Command = Any


def invoked(root: Command, args: Sequence[str]) -> Command:
    """The (sub)command ``args`` run: the deepest command named by them."""
    command = root
    for arg in args:
        if not hasattr(command, "commands"):
            break
        command = command.commands.get(arg, command)
    return command


def _option(param: Any) -> str:
    if param.param_type_name != "option":
        return str(param.human_readable_name or param.name).upper()
    spelled = max(param.opts, key=len)
    if param.is_flag and param.secondary_opts:
        return f"{spelled}/{max(param.secondary_opts, key=len)}"
    return str(spelled)


def options(command: Command, fields: Sequence[str]) -> list[str]:
    """The options (or arguments) of ``command`` that give ``fields``, in their order."""
    found = []
    for field in fields:
        wanted = {field, ALIASES.get(field, field)}
        for param in getattr(command, "params", ()):
            names = {param.name, *(opt.lstrip("-").replace("-", "_") for opt in param.opts)}
            if wanted & names:
                found.append(_option(param))
                break
    return found


def hint(error: MgCoachError, root: Command, args: Sequence[str]) -> str:
    """What to add to ``error``'s message on the command line: the command to run when its
    code has one, else the options that give its inputs ("" when there is nothing to add)."""
    command = COMMANDS.get(error.code)
    if command is not None:
        return translate(command, {k: str(v) for k, v in error.params.items()})
    try:
        given = options(invoked(root, args), error.fields)
    except (AttributeError, TypeError):  # a Click internal changed: the message alone will do
        return ""
    said = translate(error.message, error.params)
    given = [option for option in given if option.split("/")[0] not in said]
    return translate(N_("(see {options})"), {"options": ", ".join(given)}) if given else ""

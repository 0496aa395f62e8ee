"""Entry point: pick the language first, run the Typer app, turn every error into one line.

Typer's own usage messages are English only, so they are re-worded here through gettext.
Typer's exception classes are matched by name: the public API exposes only their base.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import filecache
from ..errors import MgCoachError
from ..i18n import LANGUAGES, N_, language_from_environment, set_language, translate
from ..settings import cache_dir
from . import help_cache

if TYPE_CHECKING:
    import typer

USAGE_EXIT = 2
INTERNAL_EXIT = 70
_NEGATIVE = re.compile(r"^-\d")
# A whole negative number as typed: "-500", "-0.5", "-1,5", "-1e3".
_NEGATIVE_NUMBER = re.compile(r"^-(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")


def _language(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value in LANGUAGES:
            return value
    return language_from_environment()


def _param_name(error: Exception) -> str:
    param = getattr(error, "param", None)
    opts = getattr(param, "opts", None)
    if opts:
        return str(max(opts, key=len))
    name = getattr(param, "name", None)
    if isinstance(name, str):
        return name.upper()
    hint = getattr(error, "param_hint", None)
    return hint.strip("'\"") if isinstance(hint, str) else "?"


def _negative_number(option: str, args: Sequence[str]) -> str:
    """The whole negative number Click read as the short option ``option``.

    Click splits "-500" into the short options "-5", "-0", "-0" and reports only "-5"; the
    first argument that is a negative number starting so is what the user typed.
    """
    for arg in args:
        if arg.startswith(option) and _NEGATIVE_NUMBER.match(arg):
            return arg
    return option


def _usage_message(error: typer.TyperException, args: Sequence[str] = ()) -> str:
    kind = type(error).__name__
    if kind == "NoSuchOption":
        option = str(getattr(error, "option_name", "?"))
        if _NEGATIVE.match(option):
            value = _negative_number(option, args)
            return translate(N_("A negative value is not possible: {value}."), {"value": value})
        return translate(N_("Unknown option {option}; see --help."), {"option": option})
    if kind == "MissingParameter":
        return translate(N_("Missing {param}; see --help."), {"param": _param_name(error)})
    if kind == "BadParameter":
        return translate(
            N_("Invalid value for {param}; see --help."), {"param": _param_name(error)}
        )
    if kind == "BadOptionUsage":
        option = str(getattr(error, "option_name", "?"))
        return translate(N_("Option {option} needs a value; see --help."), {"option": option})
    if "No such command" in error.format_message():
        return translate(N_("Unknown command; see mgcoach --help."))
    return translate(N_("The command line could not be read; see --help."))


def _fail(
    message: str,
    code: int,
    *,
    kind: str = "usage",
    error: MgCoachError | None = None,
    args: Sequence[str] = (),
) -> int:
    """Say why a run failed in one line on stderr; with ``--json``, also as a JSON object on
    stdout (``{"error": {code, message, params, fields, exit_code}}``, the API's ``error``
    keys), so a script reading stdout gets JSON whatever happened."""
    import typer

    from .output import clean  # a control character in the user's input stays visible text

    typer.echo(clean(translate(N_("Error: {message}"), {"message": message})), err=True)
    if "--json" in args[: args.index("--") if "--" in args else len(args)]:
        import json

        body = {
            "code": error.code if error is not None else kind,
            "message": translate(error.message, error.params) if error is not None else message,
            "params": {k: v if isinstance(v, int | float | bool) else str(v)
                       for k, v in (error.params if error is not None else {}).items()},
            "fields": list(error.fields) if error is not None else [],
            "exit_code": code,
        }  # fmt: skip
        typer.echo(json.dumps({"error": body}, ensure_ascii=False))
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    filecache.use_directory(cache_dir())  # compiled catalogs, the validated knowledge base
    language = _language(args)
    kept = help_cache.key(args, language) if help_cache.wanted(args) else None
    if kept is not None and help_cache.replay(kept):
        return 0  # the same help screen as last time, without Typer (cli/help_cache.py)
    set_language(language)
    if kept is None:
        return _run(args)
    with help_cache.recording() as recorder:
        code = _run(args)
    if code == 0:
        help_cache.keep(kept, recorder)
    return code


def _run(args: list[str]) -> int:
    """Build the command ``args`` need and run it; every error becomes one line (``_fail``)."""
    import typer

    from ..services.loading import show_loading_with
    from .loading import loading_bar

    show_loading_with(loading_bar)  # a first open loads the USDA foods: show it
    from .app import click_command  # after the language is set: help texts are translated
    from .plain_values import read_plain_values

    command = click_command(args=args)
    read_plain_values(command)  # no pydantic validator per option (cli/plain_values.py)
    try:
        result = command.main(args=args, prog_name="mgcoach", standalone_mode=False)
    except MgCoachError as error:
        from .hints import hint

        message = translate(error.message, error.params)
        extra = hint(error, command, args)
        shown = f"{message} {extra}" if extra else message
        return _fail(shown, error.exit_code, error=error, args=args)
    except typer.Exit as exit_:
        return int(exit_.exit_code)
    except typer.Abort:
        return _fail(translate(N_("Aborted.")), 1, kind="aborted", args=args)
    except typer.TyperException as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            typer.echo(error.format_message())
            return 0
        if getattr(error, "exit_code", 1) == USAGE_EXIT:
            return _fail(_usage_message(error, args), USAGE_EXIT, args=args)
        return _fail(error.format_message(), 1, args=args)
    except Exception as error:  # the edge: a bug must not reach the user as a traceback
        if os.environ.get("MGCOACH_DEBUG"):
            raise
        detail = f"{type(error).__name__}: {error}"
        message = translate(N_("Internal error ({detail}). Please report it."), {"detail": detail})
        return _fail(message, INTERNAL_EXIT, kind="internal", args=args)
    return int(result) if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

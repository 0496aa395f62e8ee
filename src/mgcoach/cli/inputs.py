"""Typer options from a use case's declared inputs (services/inputs.py).

``@takes(CheckInput)`` gives a command one option (or argument) per field of ``CheckInput``,
in the field order, followed by the command's own parameters (``--json``, ``--lang``); the
command receives them as one ``given: CheckInput``. Help texts stay msgids here: they are
translated when the Click command is built (cli/typer_texts.py).
"""

import inspect
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Annotated, Any, TypeVar

import typer

from ..services.inputs import Input
from .typer_texts import help_msgid

T = TypeVar("T")
Command = Callable[..., None]


def _declared(cls: type[object]) -> list[tuple[str, Any, Input, object]]:
    """Each field of ``cls``: name, type, its Input and its default (``MISSING`` if none)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    found = []
    for item in fields(cls):  # type: ignore[arg-type]
        hint = hints[item.name]
        kind, spec = typing.get_args(hint)[:2]
        found.append((item.name, kind, spec, item.default))
    return found


def _repeated(kind: Any) -> bool:
    """``tuple[str, ...]``: an option given again for each value."""
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _parameter(name: str, kind: Any, spec: Input, default: object) -> inspect.Parameter:
    text = help_msgid(spec.help, **spec.values)
    info: Any
    if spec.argument:
        info = typer.Argument(help=text)
    else:
        info = typer.Option(*([spec.flag] if spec.flag else []), help=text)
    if _repeated(kind):
        kind, default = list[typing.get_args(kind)[0]] | None, None  # type: ignore[misc]
    return inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        default=inspect.Parameter.empty if default is MISSING else default,
        annotation=Annotated[kind, info],
    )


def _value(kind: Any, value: Any) -> object:
    """The option's value as the dataclass takes it: a repeated option as a tuple."""
    return tuple(value or ()) if _repeated(kind) else value


def takes(cls: type[T]) -> Callable[[Callable[..., None]], Command]:
    """Offer the inputs of ``cls`` as options; the command gets them as ``given``."""
    declared = _declared(cls)

    def decorate(command: Callable[..., None]) -> Command:
        own = [
            p
            for p in inspect.signature(command, eval_str=True).parameters.values()
            if p.name != "given"
        ]
        params = [_parameter(*item) for item in declared] + [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own
        ]

        def run(**values: Any) -> None:
            given = cls(**{name: _value(kind, values.pop(name)) for name, kind, *_ in declared})
            command(given, **values)

        run.__name__ = command.__name__
        run.__qualname__ = command.__qualname__
        run.__doc__ = command.__doc__
        run.__module__ = command.__module__
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        return run

    return decorate

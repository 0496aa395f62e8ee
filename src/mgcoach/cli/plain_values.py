"""Typer's reading of a plain option value, without building pydantic validators at start-up.

Typer (0.2x) turns every option's text into its type through a pydantic ``TypeAdapter`` built
on first use: importing Typer's adapter module and building one adapter per option of the
command took about 50 ms of every run, longer than the work of most commands. A value a
command line holds is nearly always plain: a word for a ``str``, digits for an ``int``, a
decimal number for a ``float``, a flag's ``bool``, or the option's own default. Those are read
here, giving exactly what Typer's adapter gives (``tests/cli/test_plain_values.py`` compares
them); anything else (``1_000``, `` 5``, ``inf``, a choice, a list, a path) goes to Typer's own
adapter, built then, so what is accepted or refused and how does not change.

A Typer without this coercion layer (before 0.2x: Click's types, no pydantic) is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

import typer.core

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - an older Typer coerces through Click's types
    RuntimeParam = None  # type: ignore[assignment,misc]

_INT = re.compile(r"[+-]?[0-9]{1,18}")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_NOT_READ = object()


def plain_value(kind: type, value: Any) -> Any:
    """``value`` as ``kind`` when it is plain (what Typer's adapter gives), else ``_NOT_READ``."""
    if type(value) is kind:
        return value
    if type(value) is str:
        if kind is int and _INT.fullmatch(value):
            return int(value)
        if kind is float and _FLOAT.fullmatch(value):
            return float(value)
    return _NOT_READ


if RuntimeParam is not None:

    class _PlainParam(RuntimeParam):
        """A ``str``, ``int``, ``float`` or ``bool`` option: plain values read here, any other
        handed to the adapter Typer would have built (built on first need, then kept). Its
        fields are Typer's own (no dataclass of its own: that would cost a millisecond)."""

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Any) -> Any:
            assert isinstance(self.annotation, type)
            read = plain_value(self.annotation, value)
            if read is not _NOT_READ:
                return read
            param._runtime_param = build_runtime_param(param.type_descriptor)
            return param._runtime_param.coerce(value, param=param, ctx=ctx)


def _plain(param: Any) -> bool:
    """Whether ``param`` is one option value of a plain type, with no bounds, parser or file."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not hasattr(param, "_runtime_param"):
        return False
    info = descriptor.parameter_info
    return (
        descriptor.annotation in (str, int, float, bool)
        and descriptor.file_annotation is None
        and info.parser is None
        and info.min is None
        and info.max is None
        and not info.clamp
        and param.nargs == 1
        and not param.multiple
    )


def _read_plain(param: Any) -> None:
    if not (_plain(param) and param._runtime_param is None):
        return
    info = param.type_descriptor.parameter_info
    annotation = param.type_descriptor.annotation
    try:
        param._runtime_param = _PlainParam(parameter_info=info, annotation=annotation)
    except (TypeError, AttributeError):  # pragma: no cover - another Typer's internals
        return  # Typer builds its own adapter, as without this module


def read_plain_values(command: typer.core.TyperGroup | typer.core.TyperCommand) -> None:
    """Let every plain option of ``command`` and its subcommands be read without pydantic,
    ``--help`` too (Click makes it when the command parses its arguments: kept, then read)."""
    if RuntimeParam is None:  # pragma: no cover
        return
    for param in command.params:
        _read_plain(param)
    made = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            _read_plain(option)
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]
    for sub in getattr(command, "commands", {}).values():
        read_plain_values(sub)

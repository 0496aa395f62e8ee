"""Write docs/cli.md from the CLI itself, so the reference and --help never disagree.

Run with `make docs`; tests/test_docs.py fails when docs/cli.md is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"


def _param_line(param: Any) -> str:
    if param.param_type_name == "argument":
        name = param.name.upper()
    else:
        name = ", ".join(f"`{opt}`" for opt in param.opts)
    if param.param_type_name == "argument":
        name = f"`{name}`"
    required = " (required)" if param.required else ""
    return f"| {name}{required} | {(param.help or '').replace('|', '/')} |"


def render() -> str:
    from mgcoach.cli.app import click_command
    from mgcoach.i18n import set_language

    set_language("en")
    group: Any = click_command(markup=False)
    lines = [
        "# `mgcoach` command reference",
        "",
        "Generated from the CLI by `make docs` (tools/cli_docs.py); do not edit by hand.",
        "Every command takes `--json` for the stable JSON contract and `--lang en|nl`.",
        "",
        f"{group.help}",
    ]
    lines += _commands(group, "mgcoach", 2)
    return "\n".join(lines) + "\n"


def _commands(group: Any, prefix: str, level: int) -> list[str]:
    """Each command of a group, and the commands of its sub-groups one heading level deeper."""
    lines: list[str] = []
    for name, command in group.commands.items():
        heading = "#" * min(level, 4)
        lines += ["", f"{heading} `{prefix} {name}`", "", command.help or ""]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            lines += _commands(command, f"{prefix} {name}", level + 1)
            continue
        lines += ["", "| parameter | meaning |", "|---|---|"]
        lines += [_param_line(param) for param in command.params]
    return lines


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.exists() and DOC.read_text(encoding="utf-8") == text else 1)
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

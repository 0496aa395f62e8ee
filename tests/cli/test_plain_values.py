"""Option values read without pydantic (cli/plain_values.py) are what Typer's own adapter reads,
and a value that is not plain still goes to that adapter: what is accepted, refused and how does
not change."""

from __future__ import annotations

import math
import random

import pytest
from typer._adapters import build_adapter
from typer.models import OptionInfo

from mgcoach.cli.main import main
from mgcoach.cli.plain_values import _NOT_READ, plain_value
from tests.cli.running import run_json

EDGES = [
    "0", "00", "007", "-0", "+5", "-5", "5.", "5.0", ".5", "1e3", "1E3", "1e-3", "1e400",
    "-1e400", "1e-400", "0.1", "1.0000000000000001", "2.5e+2", "9" * 18, "9" * 19, "1_000",
    " 5", "5 ", "inf", "nan", "0x10", "٣", "1,5", "", "-", "+", ".", "e5", "5e", "1.5.2",
]  # fmt: skip


def _adapter_reads(kind: type, text: str) -> object:
    from pydantic import ValidationError

    try:
        return build_adapter(kind, OptionInfo()).validate_python(text)
    except ValidationError:
        return ValidationError


def _same(read: object, adapter: object) -> bool:
    if type(read) is not type(adapter):
        return False
    if isinstance(read, float) and isinstance(adapter, float):
        both_nan = math.isnan(read) and math.isnan(adapter)
        return both_nan or (read == adapter and math.copysign(1, read) == math.copysign(1, adapter))
    return read == adapter


@pytest.mark.parametrize("kind", [int, float, str])
def test_a_plain_value_is_read_as_typer_reads_it(kind: type) -> None:
    chosen = random.Random(19)
    texts = EDGES + ["".join(chosen.choices("0123456789.eE+-", k=chosen.randint(1, 8)))
                     for _ in range(3000)]  # fmt: skip
    read_here = 0
    for text in texts:
        read = plain_value(kind, text)
        if read is _NOT_READ:
            continue  # Typer's adapter reads it
        read_here += 1
        assert _same(read, _adapter_reads(kind, text)), (kind, text, read)
    assert read_here > 500  # the common values are read here, not by pydantic


def test_what_is_not_plain_is_left_to_typer() -> None:
    for text in ("1_000", " 5", "inf", "nan", "5.0", "9" * 19):
        assert plain_value(int, text) is _NOT_READ
    for text in ("1_000", " 5", "inf"):
        assert plain_value(float, text) is _NOT_READ
    assert plain_value(float, 10) is _NOT_READ  # an int default of a float option
    assert plain_value(int, True) is _NOT_READ
    assert plain_value(int, 12) == 12 and plain_value(float, 2.5) == 2.5
    assert plain_value(str, "x") == "x" and plain_value(bool, False) is False


def test_values_typer_reads_through_pydantic_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    plain = run_json(capsys, "targets", "--age", "45", "--sex", "female", "--weight-kg", "68")
    spaced = run_json(capsys, "targets", "--age", " 45", "--sex", "female", "--weight-kg", "6_8")
    assert spaced == plain
    assert plain["profile"]["age_months"] == 540


@pytest.mark.parametrize("age", ["abc", "4 5", "1e", "--"])
def test_a_value_typer_refuses_is_still_refused(
    age: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["targets", "--age", age, "--sex", "female"]) == 2
    assert capsys.readouterr().err.strip() == "Error: Invalid value for --age; see --help."

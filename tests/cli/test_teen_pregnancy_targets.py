"""Pregnant and breastfeeding teenagers get the reference's pregnancy and lactation values.

magnesium-facts.md: EFSA (§1.2), the Netherlands (§1.3) and D-A-CH (§1.5) publish one value,
300 mg, for every pregnant or lactating woman; the US (§1.1) has its own 14–18 y rows; the UK
(§1.4) adds nothing in pregnancy and 50 mg in lactation to the 15–18 y RNI of 300 mg. Before
the fix EFSA, NL and D-A-CH gave a pregnant 16-year-old the adolescent value (250/260 mg).
"""

from __future__ import annotations

import pytest

from tests.cli.running import run_json

# (system, state, target mg, kind, first source)
CASES = [
    ("efsa", "pregnant", 300, "AI", "EFSA15"),
    ("efsa", "lactating", 300, "AI", "EFSA15"),
    ("nl", "pregnant", 300, "AI", "GR18"),
    ("nl", "lactating", 300, "AI", "GR18"),
    ("dach", "pregnant", 300, "estimated", "DACH21"),
    ("dach", "lactating", 300, "estimated", "DACH21"),
    ("us", "pregnant", 400, "RDA", "IOM97"),
    ("us", "lactating", 360, "RDA", "IOM97"),
    ("uk", "pregnant", 300, "RNI", "COMA91"),
    ("uk", "lactating", 350, "RNI", "COMA91"),
]


@pytest.mark.parametrize(
    ("system", "state", "target", "kind", "source"),
    [pytest.param(*case, id=f"{case[0]}-{case[1]}-16") for case in CASES],
)
def test_sixteen_year_old(
    capsys: pytest.CaptureFixture[str], system: str, state: str, target: int, kind: str, source: str
) -> None:
    data = run_json(
        capsys, "targets", "--age", "16", "--sex", "female", f"--{state}", "--system", system
    )
    magnesium = data["magnesium"]
    stage = {"pregnant": "pregnancy_14_18", "lactating": "lactation_14_18"}[state]
    assert data["life_stage"] == stage
    assert (magnesium["target_mg"], magnesium["kind"]) == (target, kind)
    assert magnesium["source"] == source and source in data["source_list"]


@pytest.mark.parametrize("system", ["efsa", "nl", "dach"])
@pytest.mark.parametrize("age", [12, 14, 17, 18, 30, 45])
@pytest.mark.parametrize("state", ["pregnant", "lactating"])
def test_one_value_at_every_age(
    capsys: pytest.CaptureFixture[str], system: str, age: int, state: str
) -> None:
    """No age split in these systems: a teenager gets what an adult gets."""
    data = run_json(
        capsys, "targets", "--age", str(age), "--sex", "female", f"--{state}", "--system", system
    )
    assert data["magnesium"]["target_mg"] == 300

"""A serum value copied with the wrong unit: both readings, the given unit's still decides.

The published range (magnesium-facts.md §6.2) is 0.75–0.95 mmol/L = 1.8–2.3 mg/dL = 1.5–1.9
mEq/L. A number outside the range of its own unit but inside another's gets the note
``check_unit`` and ``other_readings``; its classification stays that of the given unit.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mgcoach.contract.common import note_text
from mgcoach.engine.serum import classify
from mgcoach.errors import InputError
from mgcoach.i18n import set_language
from mgcoach.knowledge import KnowledgeBase, load_knowledge
from mgcoach.units import SerumUnit

U = SerumUnit
MMOL, MG, MEQ = U.MMOL_PER_L, U.MG_PER_DL, U.MEQ_PER_L

# (value, unit, detail in that unit, the other units in which the same number is normal)
CASES = [
    # mmol/L copied from a mg/dL or mEq/L report
    pytest.param(2.0, MMOL, "very_high", {MG}, id="2.0mmol-is-2.0mgdl"),
    pytest.param(2.3, MMOL, "very_high", {MG}, id="2.3mmol-mgdl-top-edge"),
    pytest.param(2.31, MMOL, "very_high", set(), id="2.31mmol-above-every-range"),
    pytest.param(1.95, MMOL, "very_high", {MG}, id="1.95mmol-mgdl-only"),
    pytest.param(1.9, MMOL, "very_high", {MG, MEQ}, id="1.9mmol-mgdl-and-meq"),
    pytest.param(1.8, MMOL, "very_high", {MG, MEQ}, id="1.8mmol-mgdl-and-meq-edges"),
    pytest.param(1.74, MMOL, "high", {MEQ}, id="1.74mmol-high-meq"),
    pytest.param(1.5, MMOL, "high", {MEQ}, id="1.5mmol-meq-low-edge"),
    pytest.param(1.49, MMOL, "high", set(), id="1.49mmol-nothing-normal"),
    pytest.param(0.96, MMOL, "high", set(), id="0.96mmol-high-only"),
    pytest.param(0.85, MMOL, "normal", set(), id="0.85mmol-normal"),
    pytest.param(0.74, MMOL, "low", set(), id="0.74mmol-low-only"),
    pytest.param(0.4, MMOL, "severe_low", set(), id="0.4mmol-severe-only"),
    # mg/dL copied from a mmol/L or mEq/L report
    pytest.param(0.8, MG, "severe_low", {MMOL}, id="0.8mgdl-is-0.8mmol"),
    pytest.param(0.75, MG, "severe_low", {MMOL}, id="0.75mgdl-mmol-low-edge"),
    pytest.param(0.95, MG, "severe_low", {MMOL}, id="0.95mgdl-mmol-top-edge"),
    pytest.param(0.74, MG, "severe_low", set(), id="0.74mgdl-nothing-normal"),
    pytest.param(0.96, MG, "severe_low", set(), id="0.96mgdl-nothing-normal"),
    pytest.param(1.5, MG, "low", {MEQ}, id="1.5mgdl-meq-normal"),
    pytest.param(1.7, MG, "low", {MEQ}, id="1.7mgdl-meq-normal"),
    pytest.param(1.2, MG, "low", set(), id="1.2mgdl-low-only"),
    pytest.param(2.0, MG, "normal", set(), id="2.0mgdl-normal"),
    pytest.param(2.4, MG, "high", set(), id="2.4mgdl-high-only"),
    pytest.param(4.3, MG, "very_high", set(), id="4.3mgdl-very-high-only"),
    # mEq/L copied from a mmol/L or mg/dL report
    pytest.param(0.8, MEQ, "severe_low", {MMOL}, id="0.8meq-is-0.8mmol"),
    pytest.param(1.0, MEQ, "low", set(), id="1.0meq-low-only"),
    pytest.param(1.7, MEQ, "normal", set(), id="1.7meq-normal"),
    pytest.param(2.0, MEQ, "high", {MG}, id="2.0meq-is-2.0mgdl"),
    pytest.param(2.3, MEQ, "high", {MG}, id="2.3meq-mgdl-top-edge"),
    pytest.param(3.5, MEQ, "very_high", set(), id="3.5meq-very-high-only"),
]


@pytest.mark.parametrize(("value", "unit", "detail", "normal_in"), CASES)
def test_other_units_that_read_normal(
    kb: KnowledgeBase, value: float, unit: SerumUnit, detail: str, normal_in: set[SerumUnit]
) -> None:
    result = classify(kb, value, unit)
    assert result.status_detail == detail, "the given unit's classification always decides"
    named = {note.params["other_unit"] for note in result.notes if note.code == "check_unit"}
    assert named == {u.value for u in normal_in}
    readings = {r.unit: r.status for r in result.other_readings}
    assert {u for u, status in readings.items() if status == "normal"} == normal_in
    if normal_in:
        assert set(readings) == set(SerumUnit) - {unit}, "every other unit is read"
        assert result.notes[0].code == "check_unit", "the mix-up is said first"
        assert "IOM97" in result.sources
    else:
        assert result.other_readings == ()


def test_the_issue_sentence(kb: KnowledgeBase) -> None:
    result = classify(kb, 2.0, MMOL)
    (note,) = [n for n in result.notes if n.code == "check_unit"]
    assert note_text(note) == (
        "2.0 mmol/L is very high; if your report says mg/dL, 2.0 mg/dL is normal — check the unit."
    )
    assert result.red_flag and result.status == "high", "never silently swapped"
    reverse = classify(kb, 0.8, MG)
    (note,) = [n for n in reverse.notes if n.code == "check_unit"]
    assert note_text(note) == (
        "0.8 mg/dL is very low; if your report says mmol/L, 0.8 mmol/L is normal — check the unit."
    )


def test_numbers_in_dutch_use_a_decimal_comma(kb: KnowledgeBase) -> None:
    note = next(n for n in classify(kb, 1.85, MMOL).notes if n.code == "check_unit")
    set_language("nl")
    assert "1,85 mmol/L" in note_text(note)


def test_a_lab_range_classifies_but_the_unit_check_stays(kb: KnowledgeBase) -> None:
    # Within the laboratory's own range: normal, nothing to check.
    assert classify(kb, 0.72, MMOL, (0.70, 1.00)).other_readings == ()
    # The very-high red flag stays with any range, and so does the warning about the unit.
    result = classify(kb, 2.0, MMOL, (0.70, 1.00))
    assert result.status_detail == "very_high"
    assert [r.unit for r in result.other_readings if r.status == "normal"] == [MG]


KB = load_knowledge()


def reads_normal(value: float, unit: SerumUnit) -> bool:
    """The plain classification of ``value`` in ``unit`` (an impossible value is not normal)."""
    try:
        return classify(KB, value, unit).status == "normal"
    except InputError:
        return False


VALUES = st.one_of(
    st.integers(1, 600).map(lambda hundredths: hundredths / 100),
    st.floats(0.01, 20, allow_nan=False),
)


@given(VALUES, st.sampled_from(list(SerumUnit)))
@example(2.0, MMOL)
@example(0.8, MG)
@example(1.85, MMOL)
def test_note_iff_another_unit_reads_normal_and_this_one_does_not(
    value: float, unit: SerumUnit
) -> None:
    try:
        result = classify(KB, value, unit)
    except InputError:
        return
    normal_elsewhere = {u for u in SerumUnit if u is not unit and reads_normal(value, u)}
    has_note = any(note.code == "check_unit" for note in result.notes)
    assert has_note == (result.status != "normal" and bool(normal_elsewhere))
    named = {note.params["other_unit"] for note in result.notes if note.code == "check_unit"}
    assert named == ({u.value for u in normal_elsewhere} if has_note else set())
    assert bool(result.other_readings) == has_note

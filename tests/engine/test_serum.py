"""Serum conversions and the classification scheme of magnesium-facts.md §6.2."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.engine.serum import classify
from mgcoach.errors import InputError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.units import SerumUnit, mmol_per_l_to, parse_serum_unit, serum_to_mmol_per_l

U = SerumUnit


@pytest.mark.parametrize(
    ("value", "unit", "status", "detail", "red_flag"),
    [
        pytest.param(0.49, U.MMOL_PER_L, "low", "severe_low", True, id="0.49-severe"),
        pytest.param(0.50, U.MMOL_PER_L, "low", "low", False, id="0.50-low"),
        pytest.param(0.74, U.MMOL_PER_L, "low", "low", False, id="0.74-low"),
        pytest.param(0.75, U.MMOL_PER_L, "normal", "normal", False, id="0.75-normal"),
        pytest.param(0.95, U.MMOL_PER_L, "normal", "normal", False, id="0.95-normal"),
        pytest.param(0.96, U.MMOL_PER_L, "high", "high", False, id="0.96-high"),
        pytest.param(1.74, U.MMOL_PER_L, "high", "high", False, id="1.74-high"),
        pytest.param(1.75, U.MMOL_PER_L, "high", "very_high", True, id="1.75-very-high"),
        pytest.param(1.8, U.MG_PER_DL, "normal", "normal", False, id="1.8mgdl-published-low-edge"),
        pytest.param(2.3, U.MG_PER_DL, "normal", "normal", False, id="2.3mgdl-published-top"),
        pytest.param(1.7, U.MG_PER_DL, "low", "low", False, id="1.7mgdl-low"),
        pytest.param(1.2, U.MG_PER_DL, "low", "low", False, id="1.2mgdl-symptom-edge"),
        pytest.param(1.1, U.MG_PER_DL, "low", "severe_low", True, id="1.1mgdl-severe"),
        pytest.param(2.4, U.MG_PER_DL, "high", "high", False, id="2.4mgdl-high"),
        pytest.param(4.3, U.MG_PER_DL, "high", "very_high", True, id="4.3mgdl-very-high"),
        pytest.param(1.5, U.MEQ_PER_L, "normal", "normal", False, id="1.5meq-normal"),
        pytest.param(1.9, U.MEQ_PER_L, "normal", "normal", False, id="1.9meq-normal"),
        pytest.param(0.98, U.MEQ_PER_L, "low", "severe_low", True, id="0.98meq-severe"),
        pytest.param(3.5, U.MEQ_PER_L, "high", "very_high", True, id="3.5meq-very-high"),
    ],
)
def test_classification(kb: KnowledgeBase, value, unit, status, detail, red_flag) -> None:
    result = classify(kb, value, unit)
    assert (result.status, result.status_detail, result.red_flag) == (status, detail, red_flag)


def test_conversions_match_the_reference_constants(kb: KnowledgeBase) -> None:
    result = classify(kb, 1.0, U.MMOL_PER_L)
    assert result.mg_per_dl == pytest.approx(2.4305, abs=1e-3)
    assert result.meq_per_l == pytest.approx(2.0)
    assert serum_to_mmol_per_l(1.0, U.MG_PER_DL) == pytest.approx(0.41144, abs=1e-4)
    assert serum_to_mmol_per_l(1.0, U.MEQ_PER_L) == pytest.approx(0.5)


def test_reference_range_in_every_unit(kb: KnowledgeBase) -> None:
    ranges = classify(kb, 0.8, U.MMOL_PER_L).reference_range
    assert ranges == {"mmol/L": (0.75, 0.95), "mg/dL": (1.8, 2.3), "mEq/L": (1.5, 1.9)}


def test_normal_value_notes_that_stores_may_be_low(kb: KnowledgeBase) -> None:
    codes = [n.code for n in classify(kb, 0.85, U.MMOL_PER_L).notes]
    assert "normal_does_not_exclude_low_stores" in codes


def test_lab_range_replaces_low_normal_high_but_not_red_flags(kb: KnowledgeBase) -> None:
    assert classify(kb, 0.72, U.MMOL_PER_L, (0.70, 1.00)).status == "normal"
    assert classify(kb, 0.98, U.MMOL_PER_L, (0.70, 1.00)).status == "normal"
    assert classify(kb, 0.45, U.MMOL_PER_L, (0.40, 1.00)).status_detail == "severe_low"
    assert classify(kb, 1.8, U.MMOL_PER_L, (0.7, 2.0)).status_detail == "very_high"


@pytest.mark.parametrize("text", ["mmol/l", "MMOL/L", "mg/dl", "mg/dL", "meq/l", "mEq/L"])
def test_unit_spellings(text: str) -> None:
    assert parse_serum_unit(text).value.lower() == text.lower()


@pytest.mark.parametrize("text", ["mg", "µmol/L", "g/L", ""])
def test_unknown_unit(text: str) -> None:
    with pytest.raises(InputError):
        parse_serum_unit(text)


@pytest.mark.parametrize("value", [0, -0.8, 50])
def test_impossible_values(kb: KnowledgeBase, value: float) -> None:
    with pytest.raises(InputError):
        classify(kb, value, U.MMOL_PER_L)


@given(st.floats(min_value=0.01, max_value=10), st.sampled_from(list(SerumUnit)))
def test_conversion_round_trip(value: float, unit: SerumUnit) -> None:
    assert serum_to_mmol_per_l(mmol_per_l_to(value, unit), unit) == pytest.approx(value)

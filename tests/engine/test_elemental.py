"""Supplement chemistry: names, conversions, labels and mmol (magnesium-facts.md §0.1, §3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcoach.engine.elemental import amount, from_compound, from_label, to_compound
from mgcoach.engine.labels import parse_label, parse_number
from mgcoach.errors import InputError, LabelParseError, UnknownCompoundError
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.compound_names import find_compound
from mgcoach.units import AmountUnit


@pytest.mark.parametrize(
    ("name", "slug", "assumed"),
    [
        ("magnesium citrate", "trimagnesium_dicitrate_anhydrous", True),
        ("Magnesiumcitraat", "trimagnesium_dicitrate_anhydrous", True),
        ("glycinate", "magnesium_bisglycinate", False),
        ("Epsom salt", "magnesium_sulfate_heptahydrate", True),
        ("bitterzout", "magnesium_sulfate_heptahydrate", True),
        ("magnesium chloride hexahydrate", "magnesium_chloride_hexahydrate", False),
        ("trimagnesium dicitrate nonahydrate", "trimagnesium_dicitrate_nonahydrate", False),
        ("magnesium lactate anhydrous", "magnesium_lactate_anhydrous", False),
        ("magnesium lactate dihydrate", "magnesium_lactate_dihydrate", False),
        ("MAGNESIUM OXIDE", "magnesium_oxide", True),
        ("milk of magnesia", "magnesium_hydroxide", True),
        ("magnesium L-threonate", "magnesium_l_threonate", True),
        ("orotate", "magnesium_orotate_dihydrate", True),
    ],
)
def test_names(kb: KnowledgeBase, name: str, slug: str, assumed: bool) -> None:
    match = find_compound(kb, name)
    assert match.compound.slug == slug
    if assumed:
        assert (
            match.form_assumed
            or len([c for c in kb.compounds.values() if c.family == match.family.slug]) == 1
        )


def test_unknown_compound_suggests_close_names(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownCompoundError) as caught:
        find_compound(kb, "magnesium citrat")
    assert "citrate" in str(caught.value)


def test_unrelated_name_lists_known_forms(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownCompoundError) as caught:
        find_compound(kb, "xyzzy")
    assert "oxide" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "dose", "elemental"),
    [
        pytest.param("trimagnesium dicitrate", 500, 80.8, id="worked-example-citrate"),
        pytest.param("trimagnesium dicitrate nonahydrate", 817.6, 97.2, id="kora-smpc"),
        pytest.param("magnesium glycerophosphate", 777.6, 97.2, id="colonis-smpc"),
        pytest.param("magnesium lactate anhydrous", 404.85, 48.62, id="boi-smpc"),
        pytest.param("magnesium oxide", 500, 301.5, id="oxide"),
        pytest.param("Epsom salt", 250_00, 2465, id="epsom-25g"),
    ],
)
def test_compound_to_elemental(kb: KnowledgeBase, name: str, dose: float, elemental: float):
    assert from_compound(kb, name, dose).elemental_mg == pytest.approx(elemental, rel=2e-3)


def test_elemental_to_compound(kb: KnowledgeBase) -> None:
    result = to_compound(kb, "magnesium glycerophosphate", 97.2)
    assert result.compound_mg == pytest.approx(777.6, rel=2e-3)


def test_epsom_salt_comes_with_the_bath_caveat(kb: KnowledgeBase) -> None:
    notes = from_compound(kb, "Epsom salt", 1000).notes
    assert any("Grober17" in n.sources for n in notes)


@pytest.mark.parametrize("dose", [0, -500, 1e9])
def test_impossible_doses(kb: KnowledgeBase, dose: float) -> None:
    with pytest.raises(InputError):
        from_compound(kb, "magnesium citrate", dose)


@pytest.mark.parametrize(
    ("text", "compound", "elemental", "stated"),
    [
        pytest.param(
            "Magnesium (as bisglycinate) 200 mg", "magnesium_bisglycinate", 200, True, id="us-panel"
        ),
        pytest.param(
            "Magnesium (als bisglycinaat) 200 mg",
            "magnesium_bisglycinate",
            200,
            True,
            id="dutch-panel",
        ),
        pytest.param(
            "Magnesium 375 mg (from magnesium oxide)",
            "magnesium_oxide",
            375,
            True,
            id="amount-first",
        ),
        pytest.param(
            "magnesium citrate 500 mg",
            "trimagnesium_dicitrate_anhydrous",
            80.8,
            False,
            id="compound-mass",
        ),
        pytest.param(
            "Magnesiumcitraat 1.000 mg",
            "trimagnesium_dicitrate_anhydrous",
            161.6,
            False,
            id="dutch-thousands",
        ),
        pytest.param("500 mg magnesium oxide", "magnesium_oxide", 301.5, False, id="dose-first"),
        pytest.param("Magnesium 4 mmol", None, 97.2, True, id="mmol"),
        pytest.param(
            "Magnesium (as magnesium widgetate) 100 mg",
            None,
            100,
            True,
            id="unknown-form-but-elemental",
        ),
    ],
)
def test_labels(kb: KnowledgeBase, text: str, compound, elemental: float, stated: bool) -> None:
    result = from_label(kb, text)
    assert result.compound == compound
    assert result.elemental_mg == pytest.approx(elemental, rel=2e-3)
    assert result.label_states_elemental is stated


@pytest.mark.parametrize("text", ["", "magnesium", "two tablets daily", "magnesium citrate mg"])
def test_unreadable_labels(text: str) -> None:
    with pytest.raises(LabelParseError):
        parse_label(text)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("1,000", AmountUnit.MG, 1000),
        ("1.000", AmountUnit.MG, 1000),
        ("0,5", AmountUnit.G, 0.5),
        ("1.5", AmountUnit.G, 1.5),
        ("97,2", AmountUnit.MG, 97.2),
        ("1.000,5", AmountUnit.MG, 1000.5),
        ("1,000.5", AmountUnit.MG, 1000.5),
    ],
)
def test_numbers(text: str, unit: AmountUnit, value: float) -> None:
    assert parse_number(text, unit) == pytest.approx(value)


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["en", "nl"]))
def test_label_amounts_round_trip(mg: int, style: str) -> None:
    text = f"{mg:,}" if style == "en" else f"{mg:,}".replace(",", ".")
    assert parse_label(f"Magnesium (as citrate) {text} mg").amount == mg


@given(st.floats(min_value=0.1, max_value=5000), st.sampled_from(["en", "nl"]))
def test_decimal_amounts_in_grams(grams: float, style: str) -> None:
    text = f"{grams:.2f}"
    text = text.replace(".", ",") if style == "nl" else text
    assert parse_label(f"magnesium oxide {text} g").amount == pytest.approx(round(grams, 2))


def test_mmol_and_meq() -> None:
    assert amount(4, AmountUnit.MMOL)["mg"] == pytest.approx(97.2, abs=0.05)
    assert amount(97.2, AmountUnit.MG)["mmol"] == pytest.approx(4.0, abs=0.01)
    assert amount(2, AmountUnit.MEQ)["mmol"] == pytest.approx(1.0)
    with pytest.raises(InputError):
        amount(-1, AmountUnit.MG)

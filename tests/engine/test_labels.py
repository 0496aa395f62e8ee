"""Label lines are never silently read one way (magnesium-facts.md §3.2, issue 13): a line that
says the number is magnesium has one reading; a compound named with a bare number has two, the
compound's mass and the magnesium itself, and a logged intake must say which."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.contract.common import note_text
from mgcoach.engine.elemental import from_dose, from_label, require_basis
from mgcoach.engine.labels import parse_label, stored_label_basis
from mgcoach.errors import AmbiguousDoseError, InputError
from mgcoach.knowledge import KnowledgeBase, load_knowledge
from mgcoach.knowledge.compound_names import find_compound
from mgcoach.units import AmountUnit

GLYCINATE = "magnesium_bisglycinate"
CITRATE = "trimagnesium_dicitrate_anhydrous"


@pytest.mark.parametrize(
    ("text", "compound", "amount", "unit"),
    [
        pytest.param("Magnesium (as bisglycinate) 200 mg", GLYCINATE, 200, "mg", id="us-panel"),
        pytest.param("Magnesium 200 mg (as citrate)", CITRATE, 200, "mg", id="as-after"),
        pytest.param("magnesium 200 mg (als citraat)", CITRATE, 200, "mg", id="nl-als-after"),
        pytest.param("Magnesium (als bisglycinaat) 200 mg", GLYCINATE, 200, "mg", id="nl-als"),
        pytest.param("Magnesium as citrate 200 mg", CITRATE, 200, "mg", id="as-no-brackets"),
        pytest.param(
            "Magnesium citrate 1000 mg, of which magnesium 160 mg", CITRATE, 160, "mg",
            id="of-which",
        ),
        pytest.param("waarvan magnesium 200 mg", None, 200, "mg", id="nl-waarvan"),
        pytest.param(
            "Magnesiumbisglycinaat 1000 mg, waarvan 200 mg elementair magnesium", GLYCINATE, 200,
            "mg", id="nl-waarvan-elementair",
        ),
        pytest.param("providing 100 mg magnesium", None, 100, "mg", id="providing"),
        pytest.param(
            "Magnesium glycinate 500 mg (providing 100 mg magnesium)", GLYCINATE, 100, "mg",
            id="compound-providing",
        ),
        pytest.param(
            "Magnesiumcitraat 500 mg, levert 80 mg magnesium", CITRATE, 80, "mg", id="nl-levert"
        ),
        pytest.param("elemental magnesium 200 mg", None, 200, "mg", id="elemental-first"),
        pytest.param("200 mg elemental magnesium", None, 200, "mg", id="elemental-after"),
        pytest.param("Magnesium (elemental) 200 mg", None, 200, "mg", id="elemental-brackets"),
        pytest.param(
            "777.6 mg magnesium glycerophosphate = 97.2 mg (4 mmol) Mg",
            "magnesium_glycerophosphate", 97.2, "mg", id="smpc-equals",
        ),
        pytest.param(
            "97.2 mg Mg = 777.6 mg magnesium glycerophosphate", "magnesium_glycerophosphate",
            97.2, "mg", id="smpc-magnesium-first",
        ),
        pytest.param("Magnesium 4 mmol", None, 4, "mmol", id="mmol"),
        pytest.param(
            "Magnesium glycerophosphate 4 mmol", "magnesium_glycerophosphate", 4, "mmol",
            id="compound-mmol",
        ),
        pytest.param("Magnesium lactate 8 mEq", "magnesium_lactate_anhydrous", 8, "mEq", id="meq"),
        pytest.param("Magnesium 200 mg", None, 200, "mg", id="bare-magnesium"),
        pytest.param("Mg 200 mg", None, 200, "mg", id="mg-symbol"),
        pytest.param(
            "Per tablet: magnesium citrate 1000 mg, of which magnesium 160 mg", CITRATE, 160,
            "mg", id="per-tablet",
        ),
    ],
)  # fmt: skip
def test_clear_labels_have_one_elemental_reading(
    kb: KnowledgeBase, text: str, compound: str | None, amount: float, unit: str
) -> None:
    reading = parse_label(text)
    assert (reading.amount, reading.unit.value) == (amount, unit)
    assert reading.states_elemental and not reading.ambiguous
    result = from_label(kb, text)
    assert result.compound == compound
    assert (result.ambiguous, result.basis, result.label_states_elemental) == (
        False,
        "elemental",
        True,
    )
    assert [r.basis for r in result.readings] == ["elemental"]
    assert result.readings[0].elemental_mg == result.elemental_mg
    require_basis(result)  # nothing to ask


@pytest.mark.parametrize(
    ("text", "compound", "as_compound", "as_elemental"),
    [
        pytest.param("Magnesium glycinate 500 mg", GLYCINATE, 70.48, 500, id="issue-glycinate"),
        pytest.param("glycinate 200 mg", GLYCINATE, 28.19, 200, id="glycinate-200"),
        pytest.param("magnesium citrate 200 mg", CITRATE, 32.33, 200, id="citrate"),
        pytest.param("Magnesiumcitraat 1.000 mg", CITRATE, 161.63, 1000, id="nl-thousands"),
        pytest.param("500 mg magnesium oxide", "magnesium_oxide", 301.5, 500, id="dose-first"),
        pytest.param("magnesium oxide 0,5 g", "magnesium_oxide", 301.5, 500, id="grams"),
        pytest.param("Magnesium citrate: 400 mg", CITRATE, 64.65, 400, id="colon"),
    ],
)
def test_a_compound_with_a_bare_number_has_both_readings(
    kb: KnowledgeBase, text: str, compound: str, as_compound: float, as_elemental: float
) -> None:
    result = from_label(kb, text)
    assert result.ambiguous and result.compound == compound
    compound_reading, elemental_reading = result.readings
    assert (compound_reading.basis, elemental_reading.basis) == ("compound", "elemental")
    assert compound_reading.elemental_mg == pytest.approx(as_compound, rel=2e-3)
    assert elemental_reading.elemental_mg == pytest.approx(as_elemental)
    # the top-level figures keep the compound reading, as before, so nothing downstream moves
    assert result.elemental_mg == compound_reading.elemental_mg
    assert (result.basis, result.label_states_elemental) == ("compound", False)
    assert note_text(result.notes[0]).startswith("Is ")
    with pytest.raises(AmbiguousDoseError) as asked:
        require_basis(result)
    params = asked.value.params
    assert (params["as_compound"], params["as_elemental"]) == (
        round(as_compound),
        round(as_elemental),
    )
    assert asked.value.code == "ambiguous_dose"
    assert "the magnesium itself or the whole tablet" in asked.value.message


@pytest.mark.parametrize(("basis", "elemental_mg"), [("compound", 70.48), ("elemental", 500)])
def test_a_chosen_basis_gives_one_reading(kb: KnowledgeBase, basis: str, elemental_mg: float):
    result = from_label(kb, "Magnesium glycinate 500 mg", basis)  # type: ignore[arg-type]
    assert not result.ambiguous and result.basis == basis
    assert result.elemental_mg == pytest.approx(elemental_mg, rel=2e-3)
    assert [r.basis for r in result.readings] == [basis]
    require_basis(result)


def test_a_label_that_states_the_magnesium_cannot_be_read_as_the_tablet(
    kb: KnowledgeBase,
) -> None:
    with pytest.raises(InputError, match="is the magnesium itself"):
        from_label(kb, "Magnesium (as citrate) 200 mg", "compound")
    assert from_label(kb, "Magnesium (as citrate) 200 mg", "elemental").elemental_mg == 200


def test_a_bare_dose_is_ambiguous_until_a_basis_is_given(kb: KnowledgeBase) -> None:
    asked = from_dose(kb, "glycinate", 200, None)
    assert asked.ambiguous
    assert [round(r.elemental_mg) for r in asked.readings] == [28, 200]
    assert from_dose(kb, "glycinate", 200, "elemental").elemental_mg == 200
    assert from_dose(kb, "glycinate", 200, "compound").elemental_mg == pytest.approx(28.19, 1e-3)


@pytest.mark.parametrize(
    ("text", "elemental_mg", "basis"),
    [
        ("Magnesium (as oxide) 250 mg", 250.0, "elemental"),
        ("Magnesium glycinate 500 mg", 70.48, "compound"),
        ("Magnesium glycinate 500 mg", 500.0, "elemental"),
        ("Magnesium 4 mmol", 97.22, "elemental"),
        ("magnesium oxide 0,5 g", 301.5, "compound"),
        ("not a label", 10.0, "compound"),
    ],
)
def test_the_stored_basis_of_an_older_label_entry(
    text: str, elemental_mg: float, basis: str
) -> None:
    assert stored_label_basis(text, elemental_mg) == basis


# -- properties --------------------------------------------------------------------------------

_KB = load_knowledge()  # hypothesis draws from it while collecting strategies
NAMES = sorted(
    {
        name
        for family in _KB.compound_families.values()
        for name in (family.name.en.lower(), family.name.nl.lower(), *family.aliases)
        if not re.search(r"[\d()]", name)
    }
)
AMBIGUOUS = ("{name} {amount} {unit}", "{name}: {amount} {unit}", "{amount} {unit} {name}")
CLEAR = (
    "Magnesium (as {name}) {amount} {unit}",
    "magnesium {amount} {unit} (als {name})",
    "{name} 2000 mg, of which magnesium {amount} {unit}",
    "{name}, waarvan magnesium {amount} {unit}",
    "{name} providing {amount} {unit} magnesium",
    "{name}, elemental magnesium {amount} {unit}",
    "Magnesium {amount} mmol ({name})",
)
AMOUNTS = st.one_of(
    st.tuples(st.integers(min_value=1, max_value=99_999), st.just("mg")),
    st.tuples(st.integers(min_value=1, max_value=99), st.just("g")),
)


def _fraction(name: str) -> float:
    return find_compound(_KB, name).compound.elemental_fraction


@settings(deadline=None)  # a first call builds the name index; no timing is tested here
@given(st.sampled_from(NAMES), AMOUNTS, st.sampled_from(AMBIGUOUS))
def test_any_ambiguous_label_has_two_readings_in_the_compounds_ratio(
    name: str, amount: tuple[int, str], template: str
) -> None:
    text = template.format(name=name, amount=amount[0], unit=amount[1])
    result = from_label(_KB, text)
    assert result.ambiguous and len(result.readings) == 2, text
    compound_reading, elemental_reading = result.readings
    assert result.elemental_fraction is not None
    ratio = compound_reading.elemental_mg / elemental_reading.elemental_mg
    assert ratio == pytest.approx(result.elemental_fraction, rel=1e-9), text
    assert ratio == pytest.approx(_fraction(name), rel=1e-9), text
    mg = amount[0] * (1000 if amount[1] == "g" else 1)
    assert elemental_reading.elemental_mg == pytest.approx(mg), text
    assert compound_reading.compound_mg == pytest.approx(mg), text


@settings(deadline=None)
@given(st.sampled_from(NAMES), st.integers(min_value=1, max_value=4000), st.sampled_from(CLEAR))
def test_any_clear_label_has_one_reading(name: str, amount: int, template: str) -> None:
    text = template.format(name=name, amount=amount, unit="mg")
    reading = parse_label(text)
    assert reading.states_elemental, text
    result = from_label(_KB, text)
    assert not result.ambiguous and len(result.readings) == 1, text
    assert result.readings[0].basis == "elemental"
    expected = amount if reading.unit is AmountUnit.MG else amount * 24.305
    assert result.elemental_mg == pytest.approx(expected, rel=1e-3), text

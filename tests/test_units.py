"""The unit table (units.py) against pint, whose definitions it copies: every row, both
directions, and the magnesium conversions built on it."""

from __future__ import annotations

import pint
import pytest

from mgcoach.foods.amount_text import portion_words
from mgcoach.foods.nutrients import food_nutrients
from mgcoach.knowledge.chemistry import magnesium_molar_mass
from mgcoach.units import (
    UNITS,
    AmountUnit,
    Dimension,
    SerumUnit,
    amount_to_mg,
    convert,
    inches_to_cm,
    is_unit,
    mg_to_mmol,
    mmol_per_l_to,
    pounds_to_kg,
    serum_to_mmol_per_l,
)

BASE = {
    Dimension.MASS: "gram",
    Dimension.VOLUME: "milliliter",
    Dimension.LENGTH: "centimeter",
    Dimension.ENERGY: "kilocalorie",
}


@pytest.fixture(scope="module")
def ureg() -> pint.UnitRegistry:
    registry = pint.UnitRegistry(cache_folder=None)
    registry.define("ons_nl = 100 * gram")
    registry.define("pond_nl = 500 * gram")
    return registry


@pytest.mark.parametrize("name", sorted(UNITS))
def test_every_row_is_pints_definition(ureg: pint.UnitRegistry, name: str) -> None:
    unit = UNITS[name]
    expected = ureg.Quantity(1, name).to(BASE[unit.dimension]).magnitude
    assert unit.size == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("source", "target"),
    [("cup", "milliliter"), ("fluid_ounce", "milliliter"), ("tablespoon", "teaspoon"),
     ("quart", "cup"), ("pound", "ounce"), ("kg", "lb"), ("g", "ug"), ("cm", "inch"),
     ("pond_nl", "ons_nl"), ("liter", "deciliter")],
)  # fmt: skip
def test_convert_agrees_with_pint(ureg: pint.UnitRegistry, source: str, target: str) -> None:
    for value in (1.0, 0.25, 37.5):
        expected = ureg.Quantity(value, source).to(target).magnitude
        assert convert(value, source, target) == pytest.approx(expected, rel=1e-12)


def test_the_data_files_name_only_table_units() -> None:
    words = portion_words()
    for word in words.units.values():
        if word.pint is not None:
            assert is_unit(word.pint, Dimension(word.kind.value)), word.name
    for nutrient in food_nutrients():
        assert nutrient.unit in UNITS, nutrient.key
        if nutrient.off_unit is not None:
            assert convert(1.0, nutrient.off_unit, nutrient.unit) > 0


def test_convert_refuses_unknown_units_and_other_dimensions() -> None:
    with pytest.raises(ValueError, match="unknown unit 'furlong'"):
        convert(1, "furlong", "cm")
    with pytest.raises(ValueError, match="cannot convert"):
        convert(1, "gram", "milliliter")
    assert not is_unit("gram", Dimension.VOLUME)
    assert not is_unit(None, Dimension.MASS)
    assert is_unit("ons_nl", Dimension.MASS)


def test_magnesium_conversions_agree_with_pint(ureg: pint.UnitRegistry) -> None:
    molar = ureg.Quantity(magnesium_molar_mass(), "g/mol")
    assert magnesium_molar_mass() == pytest.approx(24.305, abs=1e-3)
    for value in (0.4, 0.75, 1.8, 2.3):
        via_pint = (ureg.Quantity(value, "mg/dL") / molar).to("mmol/L").magnitude
        assert serum_to_mmol_per_l(value, SerumUnit.MG_PER_DL) == pytest.approx(via_pint)
        back = (ureg.Quantity(value, "mmol/L") * molar).to("mg/dL").magnitude
        assert mmol_per_l_to(value, SerumUnit.MG_PER_DL) == pytest.approx(back)
        assert serum_to_mmol_per_l(value, SerumUnit.MEQ_PER_L) == value / 2
        assert amount_to_mg(value, AmountUnit.MMOL) == pytest.approx(
            (ureg.Quantity(value, "mmol") * molar).to("mg").magnitude
        )
    assert amount_to_mg(2, AmountUnit.MEQ) == pytest.approx(magnesium_molar_mass())
    assert amount_to_mg(1.5, AmountUnit.G) == 1500
    assert mg_to_mmol(magnesium_molar_mass()) == pytest.approx(1)
    assert pounds_to_kg(154) == pytest.approx(69.853, abs=1e-3)
    assert inches_to_cm(65) == pytest.approx(165.1)

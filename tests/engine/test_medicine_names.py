"""'Did you mean': medicines are suggested only when spelled almost the same, and a name close
to a brand suggests only that brand's generic, never a medicine of another class (issue 13)."""

from __future__ import annotations

import pytest

from mgcoach.engine.names import drug_suggestions, find_drug
from mgcoach.errors import UnknownNameError
from mgcoach.knowledge import load_knowledge

KB = load_knowledge()

# (typed, the exact suggestions)
SUGGESTIONS = [
    ("Vibramicin", ["doxycycline"]),  # was: tobramycin, rifampicin, ...
    ("Vibramycine", ["doxycycline"]),
    ("Lanoxn", ["digoxin", "digoxine"]),  # Lanoxin was: delafloxacin, ofloxacin
    ("Renie", ["calcium carbonate/magnesium carbonate", "calciumcarbonaat/magnesiumcarbonaat"]),
    ("synthroidd", ["levothyroxine"]),
    ("Nexum", ["esomeprazole", "esomeprazol"]),
    ("Tavanik", ["levofloxacin", "levofloxacine"]),
    ("Maalx", ["aluminium hydroxide/magnesium hydroxide", "algeldraat/magnesiumhydroxide"]),
    ("metfromin", ["metformin", "metformine"]),
    ("lithum", ["lithium"]),
    ("omeprazool", ["omeprazol", "omeprazole"]),
    ("doxycyclin", ["doxycycline"]),
    ("tobramicin", ["tobramycin", "tobramycine"]),
    ("zzz", []),
    ("xylitol", []),
]


@pytest.mark.parametrize(
    ("typed", "expected"), [pytest.param(*row, id=row[0]) for row in SUGGESTIONS]
)
def test_suggestions(typed: str, expected: list[str]) -> None:
    assert drug_suggestions(KB, typed) == expected


@pytest.mark.parametrize(("typed", "_expected"), SUGGESTIONS)
def test_suggestions_are_never_brands_and_share_the_first_letters(
    typed: str, _expected: list[str]
) -> None:
    brands = {b.casefold() for d in KB.safety.drugs.values() for b in d.brand_names}
    for name in drug_suggestions(KB, typed):
        assert name not in brands
        assert KB.safety.drug_by_name(name) is not None


@pytest.mark.parametrize(
    ("typed", "brand"),
    [("Vibramicin", "Vibramycin"), ("Lanoxn", "Lanoxin"), ("Renie", "Rennie")],
)
def test_a_name_close_to_a_brand_suggests_only_that_brands_class(typed: str, brand: str) -> None:
    branded = KB.safety.drug_by_name(brand)
    assert branded is not None
    for name in drug_suggestions(KB, typed):
        suggested = KB.safety.drug_by_name(name)
        assert suggested is not None and suggested.drug_class == branded.drug_class


@pytest.mark.parametrize("brand", ["Vibramycin", "Lanoxin", "Rennie", "Euthyrox", "Thyrax"])
def test_known_brands_match_directly(brand: str) -> None:
    assert find_drug(KB, brand).brand_names


def test_unknown_medicine_message() -> None:
    with pytest.raises(UnknownNameError) as raised:
        find_drug(KB, "Vibramicin")
    assert str(raised.value) == "Unknown medicine Vibramicin. Did you mean: doxycycline?"
    with pytest.raises(UnknownNameError) as raised:
        find_drug(KB, "zzz")
    assert "Did you mean" not in str(raised.value)

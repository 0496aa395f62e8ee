"""Every medicine class: its kind, direction and wording agree with the fact reference §4.3.

Potassium-sparing diuretics keep magnesium in the body and calcium-channel blockers only add
to injected magnesium: neither may be shown as lowering it (issue 13, "Facts inverted").
"""

from __future__ import annotations

import re

import pytest

from mgcoach.engine.interactions import MagnesiumDose, interaction, medication
from mgcoach.knowledge import load_knowledge
from mgcoach.knowledge.safety import Drug, DrugClass

KB = load_knowledge()
CLASSES = KB.safety.drug_classes
FIRST_DRUG: dict[str, Drug] = {}
for _drug in KB.safety.drugs.values():
    FIRST_DRUG.setdefault(_drug.drug_class, _drug)

# The classes without a timing rule: (kind, direction), from §4.2 (zinc), §4.3, §2 rule 1
# (magnesium antacids and laxatives) and the "no interaction listed" class.
UNTIMED: dict[str, tuple[str, str | None]] = {
    "zinc_high_dose": ("depletion", "lowers"),  # §4.2: "↓ Mg absorption"
    "loop_diuretics": ("depletion", "lowers"),  # "↑ urinary Mg loss"
    "thiazide_diuretics": ("depletion", "lowers"),
    "potassium_sparing_diuretics": ("retention", "raises"),  # "↓ Mg excretion"
    "proton_pump_inhibitors": ("depletion", "lowers"),  # "Hypomagnesaemia"
    "calcineurin_inhibitors": ("depletion", "lowers"),  # "Renal Mg wasting"
    "egfr_antibodies": ("depletion", "lowers"),
    "aminoglycosides": ("depletion", "lowers"),
    "other_mg_wasting": ("depletion", "lowers"),
    "calcium_channel_blockers": ("additive", None),  # "Additive hypotension ..."
    "neuromuscular_blockers": ("additive", None),  # "Potentiated by parenteral Mg"
    "magnesium_containing": ("contains_magnesium", "raises"),
    "no_interaction_listed": ("none", None),
}

LOWERING_EN = re.compile(r"\blower|\bloss|\blose|\blow magnesium|deplet", re.IGNORECASE)
LOWERING_NL = re.compile(r"verlag|verlies|tekort|laag magnesium", re.IGNORECASE)


def kind_of(slug: str, egfr: float | None = None) -> str:
    med = medication(KB, FIRST_DRUG[slug].names_en[0], (8 * 60,))
    return interaction(KB, med, (MagnesiumDose(mg=200, times=(20 * 60,)),), egfr=egfr).kind


def texts(drug_class: DrugClass) -> list[tuple[str, str]]:
    return [(t.en, t.nl) for t in (drug_class.name, drug_class.mechanism, drug_class.action)]


def test_the_table_covers_every_class() -> None:
    assert set(UNTIMED) == {slug for slug, c in CLASSES.items() if not c.timed and not c.avoid}


@pytest.mark.parametrize("slug", sorted(CLASSES))
def test_kind_and_direction(slug: str) -> None:
    drug_class = CLASSES[slug]
    expected: tuple[str, str | None]
    if drug_class.avoid:
        expected = ("avoid", None)
    elif drug_class.timed:
        expected = ("timing", None)
    else:
        expected = UNTIMED[slug]
    assert (kind_of(slug), drug_class.direction) == expected
    assert kind_of(slug, egfr=20) == expected[0]  # kidney function changes severity only


RAISING_OR_ADDITIVE = sorted(
    slug for slug, c in CLASSES.items() if c.direction == "raises" or c.effect == "additive"
)


@pytest.mark.parametrize("slug", RAISING_OR_ADDITIVE)
def test_raising_and_additive_classes_never_speak_of_lowering(slug: str) -> None:
    for en, nl in texts(CLASSES[slug]):
        assert not LOWERING_EN.search(en), en
        assert not LOWERING_NL.search(nl), nl


@pytest.mark.parametrize("slug", sorted(s for s, c in CLASSES.items() if c.direction == "lowers"))
def test_lowering_classes_say_so(slug: str) -> None:
    drug_class = CLASSES[slug]
    assert LOWERING_EN.search(drug_class.mechanism.en), slug
    assert LOWERING_NL.search(drug_class.mechanism.nl) or "verliezen" in drug_class.mechanism.nl


@pytest.mark.parametrize("slug", sorted(s for s, c in CLASSES.items() if c.effect == "additive"))
def test_additive_classes_say_the_effects_add_up(slug: str) -> None:
    drug_class = CLASSES[slug]
    assert re.search(r"add up|strengthen", drug_class.mechanism.en), slug
    assert "versterk" in drug_class.mechanism.nl, slug


@pytest.mark.parametrize(
    ("name", "kind", "severity"),
    [
        pytest.param("spironolactone", "retention", "info", id="potassium-sparing"),
        pytest.param("Aldactone", "retention", "info", id="potassium-sparing-brand"),
        pytest.param("amlodipine", "additive", "info", id="calcium-channel-blocker"),
        pytest.param("furosemide", "depletion", "caution", id="loop-diuretic"),
        pytest.param("Rennie", "contains_magnesium", "caution", id="antacid"),
        pytest.param("lithium", "none", "info", id="no-interaction-listed"),
        pytest.param("metformine", "none", "info", id="no-interaction-listed-nl"),
    ],
)
def test_kind_and_severity_by_name(name: str, kind: str, severity: str) -> None:
    med = medication(KB, name, ())
    item = interaction(KB, med, (MagnesiumDose(mg=200, times=(20 * 60,)),))
    assert (item.kind, item.severity, item.conflict) == (kind, severity, False)
    assert item.timing_rules() == []


def test_no_interaction_message_names_the_medicine_and_the_pharmacist() -> None:
    item = interaction(KB, medication(KB, "Lithium", (8 * 60,)), ())
    assert item.message.code == "interaction_no_interaction_listed"
    assert item.message.params == {"drug": "Lithium"}
    assert "no interaction" in item.message.message and "pharmacist" in item.message.message
    assert "safe" not in item.message.message
    assert item.message.unverified and item.message.sources == ("NIH-ODS", "emc-MgOH")

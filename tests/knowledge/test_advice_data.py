"""advice.toml: dosing conventions, form needs, concerns and the screen load, cross-checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgcoach.engine.names import find_concern, find_condition
from mgcoach.errors import KnowledgeError
from mgcoach.knowledge import KnowledgeBase, load_knowledge_from
from mgcoach.knowledge.base import DATA_DIR


def test_dosing_matches_the_fact_reference(kb: KnowledgeBase) -> None:
    dosing = kb.advice.dosing
    # §3.3: "start around 100–200 mg elemental/day"; §2 rule 3 via BfR17: 250 mg in >= 2 intakes.
    assert (dosing.start_mg.value, dosing.start_max_mg.value) == (100, 200)
    assert dosing.max_single_dose_mg.value == 250 / 2
    assert "BfR17" in dosing.max_single_dose_mg.sources
    assert dosing.step_days.value == 7
    # Numbers the product chose say so.
    for rule in (dosing.step_mg, dosing.min_hours_between_doses, dosing.slot_minutes):
        assert "MGCOACH" in rule.sources
    # The start-low convention is "from knowledge" in the reference: it carries the mark.
    assert dosing.start_mg.needs_verification and dosing.evening_from.needs_verification


def test_every_concern_and_condition_alias_resolves_to_its_entry(kb: KnowledgeBase) -> None:
    for concern in kb.advice.concerns.values():
        for alias in (*concern.aliases, concern.name.en, concern.name.nl):
            assert find_concern(kb, alias) == concern, alias
    for entry in kb.advice.condition_names:
        for alias in entry.aliases:
            assert find_condition(kb, alias).slug == entry.condition, alias


def test_every_symptom_resolves_by_its_english_and_dutch_name(kb: KnowledgeBase) -> None:
    for symptom in kb.safety.symptoms.values():
        for name in (symptom.name.en, symptom.name.nl):
            found = find_concern(kb, name)
            slug = found if isinstance(found, str) else found.symptom
            assert slug == symptom.slug, name


def test_status_classes_have_a_direction(kb: KnowledgeBase) -> None:
    raising = {c.slug for c in kb.safety.drug_classes.values() if c.direction == "raises"}
    # §4.3: "↓ Mg excretion"; §2 rule 1: antacids and laxatives that contain magnesium
    assert raising == {"potassium_sparing_diuretics", "magnesium_containing"}
    for drug_class in kb.safety.drug_classes.values():
        assert (drug_class.effect == "status") == (drug_class.direction is not None)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


BROKEN = [
    ("advice.toml", 'families = ["lactate", "aspartate", "glycinate"]', 'families = ["lactat"]'),
    ("advice.toml", 'symptom = "muscle_cramps"', 'symptom = "cramp"'),
    ("advice.toml", 'claims = ["sleep"]', 'claims = ["sleeep"]'),
    ("advice.toml", 'condition = "athletes"', 'condition = "athlete"'),
    ("advice.toml", 'need = "gi_sensitive"', 'need = "sensitive"'),
    ("advice.toml", "value = 125", "value = -5"),
    ("advice.toml", 'value = "07:00"', 'value = "7 am"'),
    ("advice.toml", 'sources = ["MGCOACH"]', 'sources = ["NOBODY"]'),
    ("advice.toml", '"kramp", ', '"kramp", "twitch", '),
    ("advice.toml", "[screen.high_from]\nvalue = 4", "[screen.high_from]\nvalue = 1"),
    ("interactions.toml", 'direction = "raises"\n', ""),
]


@pytest.mark.parametrize(("file", "old", "new"), BROKEN)
def test_bad_advice_data_is_refused(data_copy: Path, file: str, old: str, new: str) -> None:
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_knowledge_from(data_copy)

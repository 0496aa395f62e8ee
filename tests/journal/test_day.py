"""`mgcoach day` with real numbers: a day logged on SQLite and PostgreSQL and assessed by the
service, and the pure engine (engine/day.py) fed Entry objects for the tables and properties."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcoach.engine.day import DayAssessment, assess_day
from mgcoach.engine.elemental import from_compound
from mgcoach.engine.energy import energy_target
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.nutrients import nutrient_keys
from mgcoach.foods.nutrition import amounts
from mgcoach.journal.model import ENTRY_TYPES, Entry, FoodEntry, Medicine, PersonProfile
from mgcoach.knowledge import KnowledgeBase
from mgcoach.knowledge.vocabulary import Sex
from mgcoach.services.day import day_report
from mgcoach.services.journal import ProfileChanges, engine_profile, set_profile
from mgcoach.services.journal_log import (
    When,
    log_food,
    log_lab,
    log_medication,
    log_supplement,
    log_symptom,
)
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database
from mgcoach.storage.foods import get_foods

DAY = date(2024, 3, 1)
ALMONDS, OAT_BRAN, SPINACH = "usda:12061", "usda:20033", "usda:11457"
NA_G_PER_MOL, K_G_PER_MOL = 22.990, 39.098
NO_SYMPTOM = {"count": None, "severity": None, "location": None, "night": None}
FOODS = {food.id: food for food in curated_foods()}
_ids = count(1)


def at(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def when(hhmm: str | None, day: date = DAY) -> When:
    return When(profile="default", day=day, time=None if hhmm is None else at(hhmm))


# -- pure-engine helpers --------------------------------------------------------------------


def make_entry(kind: str, detail: Mapping[str, Any], hhmm: str | None = None) -> Entry:
    stamp = datetime(2024, 3, 1, tzinfo=UTC)
    number = next(_ids)
    return ENTRY_TYPES[kind].from_fields(
        detail,
        id=number,
        uid=f"uid{number}",
        day=DAY,
        time=None if hhmm is None else at(hhmm),
        origin="test",
        note=None,
        created_at=stamp,
        updated_at=stamp,
    )


def food(ident: str, grams: float, hhmm: str | None = None, **extra: Any) -> Entry:
    """A logged food entry, as log_food stores it; ``extra`` overrides stored values."""
    item = FOODS[ident]
    detail = {
        "food_id": ident,
        "name": item.name,
        "amount_text": f"{grams} g",
        "grams": grams,
        "item_kind": "food",
        "counted": True,
        **amounts(item, grams),
    }
    return make_entry("food", detail | extra, hhmm)


def pill(elemental_mg: float, hhmm: str | None = None, name: str = "Magnesium citrate") -> Entry:
    detail = {"name": name, "compound": None, "label": None, "dose_mg": None}
    return make_entry("supplement", detail | {"elemental_mg": elemental_mg}, hhmm)


def med(name: str, drug: str, hhmm: str) -> Entry:
    return make_entry("medication", {"name": name, "drug": drug}, hhmm)


def person(**values: Any) -> PersonProfile:
    base: dict[str, Any] = {"name": "p", "sex": "male", "age_years": 45.0, "age_on": DAY}
    return PersonProfile(**(base | values))


def assess(kb: KnowledgeBase, who: PersonProfile, entries: Sequence[Entry]) -> DayAssessment:
    return assess_day(kb, who, engine_profile(who, DAY), DAY, entries)


def per_100g(db: Database, food_id: str) -> dict[str, float | None]:
    with db.connect() as connection:
        (item,) = get_foods(connection, [food_id])
    return {key: item.value(key) for key in nutrient_keys()}


# -- a real day on both databases -------------------------------------------------------------


@pytest.fixture
def levo(db: Database, kb: KnowledgeBase) -> Database:
    """A 45-year-old man (US system) who takes levothyroxine at 07:00."""
    changes = ProfileChanges(age=45, sex="male", meds=["levothyroxine@07:00"])
    set_profile(db, kb, "default", changes, DAY)
    return db


def test_a_logged_day_adds_up(levo: Database, kb: KnowledgeBase) -> None:
    log_food(levo, when("08:00"), "oat bran", "1/2 cup")  # 47 g
    log_food(levo, when("10:00"), ALMONDS, "30 g")
    log_food(levo, when("12:00"), SPINACH, "100 g")
    log_supplement(levo, kb, when("07:30"), "citrate", 500.0, None, basis="compound")
    result = day_report(levo, kb, "default", DAY)

    grams = {OAT_BRAN: 47.0, ALMONDS: 30.0, SPINACH: 100.0}
    values = {food_id: per_100g(levo, food_id) for food_id in grams}
    assert [values[f]["magnesium_mg"] for f in grams] == [235, 270, 79]

    def eaten(key: str) -> float:
        return sum((values[f][key] or 0.0) * g / 100 for f, g in grams.items())

    citrate = from_compound(kb, "citrate", 500.0).elemental_mg
    mg = result.nutrient("magnesium")
    assert mg.food == pytest.approx(270.45) == eaten("magnesium_mg")
    assert mg.supplement == pytest.approx(citrate)
    assert mg.total == pytest.approx(270.45 + citrate)
    assert (mg.target, mg.unknown_entries, mg.food_entries) == (420, 0, 3)
    assert mg.percent_of_target == pytest.approx(100 * (270.45 + citrate) / 420)
    assert mg.gap == pytest.approx(420 - 270.45 - citrate)
    assert result.safety.upper_limit.supplemental_ul_mg == 350
    assert result.safety.upper_limit.exceeds_ul is False
    for key, column in (("calcium", "calcium_mg"), ("potassium", "potassium_mg")):
        item = result.nutrient(key)
        assert item.food == pytest.approx(eaten(column)) and item.supplement == 0
    assert result.nutrient("calcium").target == 1000

    ranked = [(s.name, s.kind, round(s.magnesium_mg, 2)) for s in result.top_sources]
    assert [r[1:] for r in ranked] == [
        ("food", 110.45),
        ("food", 81.0),
        ("supplement", round(citrate, 2)),
        ("food", 79.0),
    ]
    assert [s.food_id for s in result.top_sources] == [OAT_BRAN, ALMONDS, None, SPINACH]

    ratios = result.ratios
    calcium_ratio, sodium_ratio = ratios["calcium_to_magnesium"], ratios["sodium_to_potassium"]
    assert calcium_ratio is not None and sodium_ratio is not None
    assert calcium_ratio.value == pytest.approx(eaten("calcium_mg") / (270.45 + citrate))
    expected = (eaten("sodium_mg") / NA_G_PER_MOL) / (eaten("potassium_mg") / K_G_PER_MOL)
    assert sodium_ratio.value == pytest.approx(expected, rel=1e-4)

    (interaction,) = result.safety.interactions
    assert interaction.medication.drug.slug == "levothyroxine"
    assert interaction.conflict and interaction.conflicts == ((at("07:00"), at("07:30")),)


def test_supplements_above_the_ul(levo: Database, kb: KnowledgeBase) -> None:
    log_supplement(levo, kb, when("21:00"), "oxide", 400.0, None, elemental=True)
    log_food(levo, when("12:00"), ALMONDS, "200 g")  # 540 mg from food: never counts toward UL
    result = day_report(levo, kb, "default", DAY)
    ul = result.safety.upper_limit
    assert (ul.supplemental_mg, ul.supplemental_ul_mg, ul.exceeds_ul) == (400, 350, True)
    assert result.nutrient("magnesium").total == pytest.approx(940)
    assert result.nutrient("magnesium").gap == 0


def test_unknown_and_uncounted_food_entries(levo: Database, kb: KnowledgeBase) -> None:
    log_food(levo, when("08:00"), ALMONDS, "30 g")
    with levo.begin() as connection:
        owner = store.user_id(connection)
        assert owner is not None
        found = store.find_profile(connection, owner, "default")
        assert found is not None and found.id is not None
        imported = {"name": "Mystery stew", "amount_text": "1 bowl", "grams": 300.0}
        unknown = dict.fromkeys(nutrient_keys()) | {"calcium_mg": 120.0}
        store.add_entry(connection, found.id, FoodEntry.from_fields(
            imported | unknown | {"item_kind": "food", "counted": True},
            day=DAY, time=at("13:00"), origin="import",
        ))  # fmt: skip
        total = dict.fromkeys(nutrient_keys(), 999.0)
        store.add_entry(connection, found.id, FoodEntry.from_fields(
            imported | total | {"name": "Day total", "item_kind": "day_total", "counted": False},
            day=DAY, origin="import",
        ))  # fmt: skip
    result = day_report(levo, kb, "default", DAY)
    mg = result.nutrient("magnesium")
    assert mg.food == pytest.approx(81.0)
    assert (mg.unknown_entries, mg.food_entries) == (1, 2)
    calcium = result.nutrient("calcium")
    almond_calcium = (per_100g(levo, ALMONDS)["calcium_mg"] or 0) * 0.3
    assert calcium.food == pytest.approx(almond_calcium + 120) and calcium.unknown_entries == 0
    assert [s.name for s in result.top_sources] == ["Almonds"]
    codes = [finding.message.code for finding in result.issues]
    assert "unknown_magnesium" in codes
    ratio = result.ratios["calcium_to_magnesium"]
    assert ratio is not None and ratio.complete is False


def test_logged_medicine_time_overrides_the_profile(levo: Database, kb: KnowledgeBase) -> None:
    later = DAY + timedelta(days=1)
    log_supplement(levo, kb, when("10:30"), "citrate", 500.0, None, basis="compound")
    log_medication(levo, kb, when("06:00", later), "levothyroxine")
    log_supplement(levo, kb, when("10:30", later), "citrate", 500.0, None, basis="compound")
    (usual,) = day_report(levo, kb, "default", DAY).safety.interactions
    (logged,) = day_report(levo, kb, "default", later).safety.interactions
    assert usual.medication.times == (at("07:00"),) and usual.conflict  # 3.5 h apart
    assert logged.medication.times == (at("06:00"),) and not logged.conflict  # 4.5 h apart


def test_red_flag_and_serum_reach_the_risk_screen(levo: Database, kb: KnowledgeBase) -> None:
    log_symptom(levo, kb, when("09:00"), "chest pain", **NO_SYMPTOM)
    log_lab(levo, kb, when("08:00", DAY - timedelta(days=3)), 0.60, "mmol/L")
    log_lab(levo, kb, when("08:00", DAY + timedelta(days=1)), 0.95, "mmol/L")  # not yet
    result = day_report(levo, kb, "default", DAY)
    assert result.risk.red_flags and result.risk.urgency != "none"
    assert "red_flag" in [finding.kind for finding in result.issues]
    assert result.serum is not None and result.serum_day == DAY - timedelta(days=3)
    assert result.serum.mmol_per_l == pytest.approx(0.60) and result.serum.status == "low"
    assert "serum_low" in [reason.code for reason in result.risk.reasons]
    assert result.risk.grade == "high"
    calm = day_report(levo, kb, "default", DAY - timedelta(days=4))
    assert calm.serum is None and not calm.risk.red_flags


def test_empty_day(levo: Database, kb: KnowledgeBase) -> None:
    result = day_report(levo, kb, "default", DAY)
    mg = result.nutrient("magnesium")
    assert (mg.food, mg.supplement, mg.total, mg.gap, mg.unknown_entries) == (0, 0, 0, 420, 0)
    assert result.ratios == {"calcium_to_magnesium": None, "sodium_to_potassium": None}
    assert result.top_sources == () and result.entries == ()
    assert "no_food_logged" in [finding.message.code for finding in result.issues]


# -- the pure engine: tables ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "target", "supplemental_ul"),
    [
        pytest.param(person(), 420, 350, id="us-male-45"),
        pytest.param(person(age_years=25.0), 400, 350, id="us-male-25"),
        pytest.param(person(sex="female", age_years=25.0), 310, 350, id="us-female-25"),
        pytest.param(
            person(sex="female", age_years=32.0, pregnant=True), 360, 350, id="us-pregnant-32"
        ),
        pytest.param(
            person(sex="female", age_years=25.0, pregnant=True), 350, 350, id="us-pregnant-25"
        ),
        pytest.param(person(sex="female", age_years=16.0), 360, 350, id="us-girl-16"),
        pytest.param(person(age_years=6.0), 130, 110, id="us-child-6"),
        pytest.param(person(system="efsa"), 350, 250, id="efsa-male-45"),
    ],
)
def test_magnesium_target_of_the_day(
    kb: KnowledgeBase, who: PersonProfile, target: float, supplemental_ul: float
) -> None:
    result = assess(kb, who, [food(ALMONDS, 100.0)])
    mg = result.nutrient("magnesium")
    assert mg.target == target
    assert mg.percent_of_target == pytest.approx(100 * 270 / target)
    assert mg.gap == max(0, target - 270)
    assert result.safety.upper_limit.supplemental_ul_mg == supplemental_ul


@pytest.mark.parametrize(
    ("elemental", "exceeds"),
    [
        pytest.param([350.0], False, id="350-at-the-ul"),
        pytest.param([350.5], True, id="just-above"),
        pytest.param([200.0, 200.0], True, id="two-doses-400"),
        pytest.param([400.0], True, id="400"),
    ],
)
def test_exceeds_ul(kb: KnowledgeBase, elemental: list[float], exceeds: bool) -> None:
    doses = [pill(mg, f"{8 + 4 * i:02d}:00") for i, mg in enumerate(elemental)]
    result = assess(kb, person(), [food(ALMONDS, 500.0), *doses])
    assert result.safety.upper_limit.exceeds_ul is exceeds
    assert result.safety.upper_limit.supplemental_mg == sum(elemental)  # food does not count


def test_same_food_twice_is_one_source(kb: KnowledgeBase) -> None:
    entries = [
        food(SPINACH, 200.0),  # 158 mg
        food(ALMONDS, 30.0),
        pill(100.0, "08:00", name="Magnesium glycinate"),
        food(ALMONDS, 20.0),  # almonds: 81 + 54 = 135 mg
        pill(50.0, "20:00", name="Magnesium glycinate"),
        food(OAT_BRAN, 10.0, counted=False),  # not counted: not a source
    ]
    sources = assess(kb, person(), entries).top_sources
    assert [(s.name, s.kind, s.entries) for s in sources] == [
        ("Spinach, raw", "food", 1),
        ("Magnesium glycinate", "supplement", 2),
        ("Almonds", "food", 2),
    ]
    assert [s.magnesium_mg for s in sources] == pytest.approx([158.0, 150.0, 135.0])


def test_top_sources_keep_the_five_biggest(kb: KnowledgeBase) -> None:
    entries = [food(ALMONDS, 10.0 * (i + 1), name=f"Almond batch {i}") for i in range(7)]
    # Foods are summed by food id, so seven batches of almonds are one source ...
    assert len(assess(kb, person(), entries).top_sources) == 1
    # ... and by name when they have no id (imported foods).
    entries = [food(ALMONDS, 10.0 * (i + 1), name=f"Nut {i}", food_id=None) for i in range(7)]
    sources = assess(kb, person(), entries).top_sources
    assert [s.name for s in sources] == ["Nut 6", "Nut 5", "Nut 4", "Nut 3", "Nut 2"]


def test_ratios_from_known_numbers(kb: KnowledgeBase) -> None:
    entries = [food(ALMONDS, 30.0, calcium_mg=500.0, sodium_mg=2299.0, potassium_mg=3909.8)]
    ratios = assess(kb, person(), entries).ratios
    calcium, sodium = ratios["calcium_to_magnesium"], ratios["sodium_to_potassium"]
    assert calcium is not None and sodium is not None
    assert calcium.value == pytest.approx(500 / 81.0)
    assert sodium.mass == pytest.approx(2299 / 3909.8)
    assert sodium.value == pytest.approx((2299 / NA_G_PER_MOL) / (3909.8 / K_G_PER_MOL), rel=1e-4)
    assert sodium.value == pytest.approx(1.0, rel=1e-3)


def test_no_ratio_without_food(kb: KnowledgeBase) -> None:
    result = assess(kb, person(), [pill(200.0, "08:00")])
    assert result.ratios == {"calcium_to_magnesium": None, "sodium_to_potassium": None}
    assert result.nutrient("magnesium").total == 200


@pytest.mark.parametrize(
    ("profile_time", "logged", "supplement", "conflict"),
    [
        pytest.param("07:00", None, "07:30", True, id="profile-time-30-min"),
        pytest.param("07:00", None, "11:00", False, id="profile-time-4-h"),
        pytest.param("07:00", "06:00", "11:00", False, id="logged-06-5-h"),
        pytest.param("07:00", "09:00", "11:00", True, id="logged-09-2-h"),
        pytest.param("07:00", "06:00", "10:30", False, id="logged-overrides-profile"),
    ],
)
def test_interaction_at_the_days_times(
    kb: KnowledgeBase, profile_time: str, logged: str | None, supplement: str, conflict: bool
) -> None:
    who = person(medicines=(Medicine("levothyroxine", (at(profile_time),)),))
    entries = [pill(100.0, supplement)]
    if logged is not None:
        entries.append(med("Euthyrox", "levothyroxine", logged))
    (interaction,) = assess(kb, who, entries).safety.interactions
    assert interaction.conflict is conflict
    assert interaction.medication.times == (at(logged or profile_time),)


def test_a_logged_medicine_not_in_the_profile_is_checked(kb: KnowledgeBase) -> None:
    entries = [pill(100.0, "08:30"), med("ciprofloxacin", "ciprofloxacin", "08:00")]
    (interaction,) = assess(kb, person(), entries).safety.interactions
    assert interaction.medication.given_name == "ciprofloxacin" and interaction.conflict


@pytest.mark.parametrize(
    ("body", "has_target"),
    [
        pytest.param(
            {"weight_kg": 80.0, "height_cm": 180.0, "activity": "moderate"}, True, id="all"
        ),
        pytest.param({"height_cm": 180.0, "activity": "moderate"}, False, id="no-weight"),
        pytest.param({"weight_kg": 80.0, "activity": "moderate"}, False, id="no-height"),
        pytest.param({"weight_kg": 80.0, "height_cm": 180.0}, False, id="no-activity"),
        pytest.param({}, False, id="none"),
    ],
)
def test_energy_target_needs_weight_height_and_activity(
    kb: KnowledgeBase, body: dict[str, Any], has_target: bool
) -> None:
    energy = assess(kb, person(**body), [food(ALMONDS, 30.0)]).nutrient("energy_kcal")
    assert energy.unit == "kcal" and energy.food == pytest.approx(173.7)
    if not has_target:
        assert energy.target is None and energy.percent_of_target is None
        assert energy.target_note is not None and energy.target_note.code == "energy_needs_body"
        return
    # Mifflin-St Jeor: 10 x 80 + 6.25 x 180 - 5 x 45 + 5 = 1705 kcal, x 1.55 (moderate).
    assert energy.target == pytest.approx(1705 * 1.55)
    expected = energy_target(
        kb, age_years=45, sex=Sex.MALE, weight_kg=80, height_cm=180, activity="moderate"
    )
    assert energy.target == pytest.approx(expected.target_kcal)
    assert energy.gap == pytest.approx(1705 * 1.55 - 173.7)


def test_energy_target_with_a_numeric_activity_factor(kb: KnowledgeBase) -> None:
    """A factor that is no named level is stored as "1.5" and still gives a target."""
    who = person(weight_kg=80.0, height_cm=180.0, activity="1.5")
    assert assess(kb, who, []).nutrient("energy_kcal").target == pytest.approx(1705 * 1.5)


def test_no_energy_target_in_pregnancy(kb: KnowledgeBase) -> None:
    body = {"weight_kg": 70.0, "height_cm": 168.0, "activity": "light"}
    who = person(sex="female", age_years=30.0, pregnant=True, **body)
    energy = assess(kb, who, []).nutrient("energy_kcal")
    assert energy.target is None
    assert energy.target_note is not None and energy.target_note.code == "energy_adults_only"


def test_protein_target_per_kg(kb: KnowledgeBase) -> None:
    with_weight = assess(kb, person(weight_kg=80.0), []).nutrient("protein_g")
    without = assess(kb, person(), []).nutrient("protein_g")
    assert with_weight.unit == "g" and with_weight.target == pytest.approx(64.0)  # 0.8 g/kg
    assert without.target is None and without.percent_of_target is None


def test_red_flag_sign_from_a_symptom_entry(kb: KnowledgeBase) -> None:
    signs = [make_entry("symptom", {"symptom": "chest_pain"}, "09:00")]
    result = assess(kb, person(), signs)
    assert [flag.code for flag in result.risk.red_flags]
    assert [f.kind for f in result.issues if f.kind == "red_flag"] == ["red_flag"]
    cramps = assess(kb, person(), [make_entry("symptom", {"symptom": "cramp"}, "02:00")])
    assert not cramps.risk.red_flags
    assert "sign_muscle_cramps" in [reason.code for reason in cramps.risk.reasons]


# -- the pure engine: properties --------------------------------------------------------------

MEAL = st.lists(
    st.tuples(
        st.sampled_from([ALMONDS, OAT_BRAN, SPINACH]),
        st.floats(min_value=0.1, max_value=2000, allow_nan=False),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(meal=MEAL, doses=st.lists(st.floats(min_value=1, max_value=1000), max_size=4))
def test_day_adds_up_what_was_logged(
    kb: KnowledgeBase, meal: list[tuple[str, float]], doses: list[float]
) -> None:
    entries = [food(food_id, grams) for food_id, grams in meal]
    entries += [pill(mg, f"{6 + 4 * i:02d}:15") for i, mg in enumerate(doses)]
    result = assess(kb, person(), entries)
    mg = result.nutrient("magnesium")
    eaten = sum(e.fields()["magnesium_mg"] for e in entries if e.kind == "food")
    assert mg.food == pytest.approx(eaten)
    assert mg.food_entries == len(meal) and mg.unknown_entries == 0
    assert mg.supplement == pytest.approx(sum(doses))
    assert mg.total == pytest.approx(eaten + sum(doses))
    assert mg.gap == pytest.approx(max(0.0, 420 - eaten - sum(doses)), abs=1e-6)
    assert mg.percent_of_target == pytest.approx(100 * (eaten + sum(doses)) / 420)
    assert result.safety.upper_limit.exceeds_ul is (sum(doses) > 350 + 1e-9)
    assert sum(s.magnesium_mg for s in result.top_sources) <= (mg.total or 0) + 1e-6
    if meal:
        assert result.nutrient("calcium").food == pytest.approx(
            sum(e.fields()["calcium_mg"] for e in entries if e.kind == "food")
        )


def test_a_remembered_day_follows_every_change(db: Database, kb: KnowledgeBase) -> None:
    """day_report reuses an assessment only while the profile, the day's entries and the latest
    lab are unchanged: an edit, a delete, a new entry, a lab or a profile change shows at once."""
    from mgcoach.services.journal_log import EntryChanges, delete_entries, edit_entry

    def mg(result: DayAssessment) -> Any:
        return next(n for n in result.nutrients if n.key == "magnesium")

    set_profile(db, kb, "default", ProfileChanges(age=45, sex="female"), DAY)
    food = log_food(db, When("default", DAY, 8 * 60), "almonds", "30 g")
    first = day_report(db, kb, "default", DAY)
    assert day_report(db, kb, "default", DAY) is first  # nothing changed: remembered
    assert food.id is not None
    edit_entry(db, kb, "default", food.id, EntryChanges(amount="60 g"))
    doubled = day_report(db, kb, "default", DAY)
    assert mg(doubled).food == pytest.approx(2 * mg(first).food)
    log_food(db, When("default", DAY, 9 * 60), "banana", "1 medium")
    more = day_report(db, kb, "default", DAY)
    assert mg(more).food > mg(doubled).food
    delete_entries(db, "default", [food.id])
    assert mg(day_report(db, kb, "default", DAY)).food < mg(more).food
    log_lab(db, kb, When("default", DAY - timedelta(days=3)), 0.60, "mmol/L")
    assert day_report(db, kb, "default", DAY).risk != more.risk
    before = day_report(db, kb, "default", DAY)
    set_profile(db, kb, "default", ProfileChanges(pregnant=True), DAY)
    after = day_report(db, kb, "default", DAY)
    assert mg(after).target != mg(before).target


# -- the safety gate decides the day (issue 13) ------------------------------------------------


def symptom(slug: str, hhmm: str | None = None) -> Entry:
    return make_entry("symptom", {"symptom": slug, **NO_SYMPTOM}, hhmm)


@pytest.mark.parametrize(
    ("value", "verdict"),
    [(0.85, "supplement"), (1.5, "stop_supplements"), (2.2, "emergency"), (0.6, "doctor_only")],
)
def test_a_logged_serum_value_decides_the_day(
    kb: KnowledgeBase, value: float, verdict: str
) -> None:
    from mgcoach.engine.serum import classify
    from mgcoach.units import SerumUnit

    who = person()
    serum = classify(kb, value, SerumUnit.MMOL_PER_L)
    entries = [food(ALMONDS, 30, "08:00"), pill(100, "21:00")]
    result = assess_day(kb, who, engine_profile(who, DAY), DAY, entries, serum=serum)
    assert result.safety.gate.verdict == verdict
    if verdict != "supplement":
        assert result.safety.gate.reasons[0].code.startswith("serum_")
        assert result.safety.schedule.times == ()


def test_the_days_supplements_count_and_red_flags_come_first(kb: KnowledgeBase) -> None:
    who = person()
    entries = [pill(400, "09:00"), symptom("chest_pain", "10:00")]
    result = assess(kb, who, entries)
    gate = result.safety.gate
    assert gate.verdict == "emergency" and gate.taken_mg == 400
    assert gate.reasons[0].code == "red_flag_chest_pain"
    assert "above_upper_limit" in [r.code for r in gate.reasons]
    # The red flag stands above "no food is logged" in the day's issues.
    codes = [issue.code for issue in result.issues]
    assert codes.index("red_flag_chest_pain") < codes.index("no_food_logged")


def test_the_day_reaches_the_target_with_supplements(kb: KnowledgeBase) -> None:
    who = person(sex="female", age_years=50.0)
    entries = [food(ALMONDS, 100, "08:00"), food(SPINACH, 200, "12:30"), pill(200, "21:00")]
    result = assess(kb, who, entries)
    magnesium = result.nutrient("magnesium")
    assert magnesium.total is not None and magnesium.total >= 320
    assert result.safety.gate.verdict == "not_needed"

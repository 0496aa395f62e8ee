"""Close the gap (foods/suggest.py): the MILP against real USDA SR28 foods, a brute-force
search, the objective weights on small made-up foods, and a hypothesis property."""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Sequence
from typing import TypedDict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.errors import InputError, PortionError
from mgcoach.foods.importers.files import Release
from mgcoach.foods.importers.usda_sr28 import read
from mgcoach.foods.model import Food, FoodSource
from mgcoach.foods.suggest import (
    DEFAULT_WEIGHTS,
    MIN_GAP_MG,
    Candidate,
    Suggestion,
    SuggestStatus,
    Weights,
    suggest,
)
from mgcoach.i18n import translate
from tests.shared_data import SR28

# 111 common foods across the USDA groups (no brand-name items), each offered with its first
# USDA WEIGHT portion.
COMMON = (  # noqa: SIM905 - 111 ids read better as text than one per line
    "12061 12087 12006 12012 12014 12036 12155 12078 12151 12120 12220 12023 16087 16398 11457 "
    "11458 11233 11090 11674 11508 09037 09040 09003 09200 09094 09298 09421 09042 16015 16057 "
    "16070 11212 16426 16222 16028 16158 08120 20037 20045 20137 20010 18075 18069 20121 20033 "
    "20077 01079 01077 01256 01116 01009 01129 15237 15047 15121 15037 15169 05064 23568 10027 "
    "19904 19165 14209 14355 14555 14411 19034 19411 19304 14096 06037 11937 11439 11529 11124 "
    "11008 11279 11087 11313 11172 11260 11445 15088 16114 16006 11424 18235 18274 18001 19114 "
    "01103 01033 01015 09148 09176 09289 09032 09139 09286 07029 21107 21224 16112 28295 20078 "
    "20002 20032 20006 20013 20143 20029"
).split()
# Common foods whose magnesium SR28 does not give (the wine has no sodium value either).
NO_MAGNESIUM = ("11361", "31029", "05316", "14103")
NUTS = ("12061", "12087", "12155", "12078", "12151", "12120")
SEEDS = ("12006", "12012", "12014", "12036", "12220", "12023")
ANIMAL_GROUPS = {"dairy_egg", "poultry", "fish_shellfish", "beef", "pork", "sausages_meats"}
# Float sums of a few terms: HiGHS checks rows to 1e-7 and Python adds in another order.
TOLERANCE = 1e-6


class Limits(TypedDict, total=False):
    max_kcal: float | None
    max_sodium_mg: float | None
    max_items: int
    max_portions_each: int
    max_per_group: int


@pytest.fixture(scope="module")
def sr28() -> dict[str, Food]:
    return {food.id: food for food in read(Release(SR28))}


def offer(food: Food) -> Candidate:
    portion = food.portions[0]
    return Candidate(food, f"{portion.amount:g} {portion.unit}", portion.grams)


class Offers(list[Candidate]):
    """The candidate list, with a short repr for hypothesis' failure reports."""

    def __repr__(self) -> str:
        return f"<{len(self)} SR28 candidates>"


@pytest.fixture(scope="module")
def common(sr28: dict[str, Food]) -> list[Candidate]:
    tags = {**dict.fromkeys(NUTS, "nuts"), **dict.fromkeys(SEEDS, "seeds")}
    foods = [sr28[f"usda:{ndb}"] for ndb in COMMON]
    # SR28 carries no diet tags; tag the nuts and seeds as the curated table would.
    return Offers(
        offer(dataclasses.replace(f, tags=frozenset({tags[f.usda_ndb]})))
        if f.usda_ndb in tags
        else offer(f)
        for f in foods
    )


def assert_valid(
    plan: Suggestion,
    candidates: Sequence[Candidate],
    gap_mg: float,
    *,
    max_kcal: float | None = None,
    max_sodium_mg: float | None = None,
    max_items: int = 4,
    max_portions_each: int = 2,
    max_per_group: int = 1,
) -> None:
    """Every constraint of the model, checked on the returned plan from the food values."""
    offered = {c.food.id: c for c in candidates}
    assert len(plan.items) <= max_items
    assert len({item.food.id for item in plan.items}) == len(plan.items)
    groups = Counter(item.food.group for item in plan.items if item.food.group is not None)
    assert all(count <= max_per_group for count in groups.values())
    for item in plan.items:
        candidate = offered[item.food.id]
        assert 1 <= item.portions <= max_portions_each
        assert item.grams == pytest.approx(candidate.grams * item.portions)
        magnesium = item.food.per_100g["magnesium_mg"]
        assert magnesium is not None
        assert item.magnesium_mg == pytest.approx(magnesium * item.grams / 100)
        assert item.share_of_gap == pytest.approx(item.magnesium_mg / gap_mg)
    assert plan.magnesium_mg == pytest.approx(sum(i.magnesium_mg for i in plan.items))
    assert plan.energy_kcal == pytest.approx(sum(i.energy_kcal for i in plan.items))
    if max_kcal is not None:
        assert plan.energy_kcal <= max_kcal + TOLERANCE
    if max_sodium_mg is not None:
        assert plan.sodium_unknown == 0
        assert plan.sodium_mg <= max_sodium_mg + TOLERANCE
    if plan.status is SuggestStatus.CLOSED:
        assert plan.items
        assert plan.magnesium_mg >= gap_mg - TOLERANCE
        assert plan.remaining_mg == 0
    else:
        assert plan.status is SuggestStatus.PARTIAL
        assert plan.remaining_mg == pytest.approx(gap_mg - plan.magnesium_mg)
        assert plan.remaining_mg > 0


def picked(plan: Suggestion) -> list[tuple[str, int]]:
    return [(item.food.id, item.portions) for item in plan.items]


@pytest.mark.parametrize(
    ("gap", "budgets", "expected"),
    [
        # 1 cup of cooked spinach (180 g) gives 156.6 mg in 41.4 kcal: nothing comes close.
        pytest.param(100, {}, [("usda:11458", 1)], id="100mg-spinach"),
        pytest.param(250, {}, [("usda:11458", 2)], id="250mg-two-cups-spinach"),
        # 2 cups of spinach (313 mg) fall short; wheat bran + raw spinach beats 3 foods.
        pytest.param(
            400, {}, [("usda:20077", 1), ("usda:11457", 2)], id="400mg-bran-and-raw-spinach"
        ),
        pytest.param(300, {"max_kcal": 150}, [("usda:11458", 2)], id="300mg-under-150kcal"),
        # Cooked spinach has 126 mg sodium per cup: over a 50 mg sodium budget.
        pytest.param(200, {"max_sodium_mg": 50}, [("usda:20077", 1)], id="200mg-low-sodium"),
    ],
)
def test_closes_the_gap_with_real_foods(
    common: list[Candidate], gap: float, budgets: Limits, expected: list[tuple[str, int]]
) -> None:
    plan = suggest(common, gap, **budgets)
    assert plan.status is SuggestStatus.CLOSED
    assert picked(plan) == expected
    assert_valid(plan, common, gap, **budgets)


def test_the_reason_is_worded_with_real_numbers(common: list[Candidate]) -> None:
    plan = suggest(common, 100)
    (item,) = plan.items
    assert item.magnesium_mg == pytest.approx(87 * 1.8)  # 87 mg/100 g x 180 g
    assert item.energy_kcal == pytest.approx(23 * 1.8)
    assert item.magnesium_per_100kcal == pytest.approx(100 * 87 / 23)
    assert item.sodium_mg == pytest.approx(70 * 1.8)
    assert translate(item.reason.message, item.reason.params) == (
        "157 mg magnesium in 41 kcal: one of the richest sources per calorie among the "
        "allowed foods"
    )


@pytest.mark.parametrize(
    ("max_items", "max_per_group", "most_per_group"),
    [
        pytest.param(4, 1, 1, id="one-per-group"),
        pytest.param(4, 2, 2, id="two-per-group-allowed"),
        pytest.param(2, 1, 1, id="two-items"),
    ],
)
def test_item_and_group_limits(
    common: list[Candidate], max_items: int, max_per_group: int, most_per_group: int
) -> None:
    plan = suggest(common, 400, max_items=max_items, max_per_group=max_per_group)
    assert_valid(plan, common, 400, max_items=max_items, max_per_group=max_per_group)
    groups = Counter(item.food.group for item in plan.items)
    # The limit binds: with two per group allowed, two vegetables (spinach, beet greens) win.
    assert max(groups.values()) == most_per_group


def test_one_portion_each(common: list[Candidate]) -> None:
    # Two cups of spinach (313 mg, 83 kcal) are no longer allowed; 1 cup of wheat bran
    # (354 mg, 125 kcal) beats spinach + a second food.
    plan = suggest(common, 250, max_portions_each=1)
    assert_valid(plan, common, 250, max_portions_each=1)
    assert picked(plan) == [("usda:20077", 1)]


@pytest.mark.parametrize(
    ("gap", "excluded_tags", "excluded_groups"),
    [
        pytest.param(2500, {"seeds"}, set(), id="no-seeds"),
        pytest.param(2500, {"nuts", "seeds"}, set(), id="no-nuts-no-seeds"),
        pytest.param(400, set(), {"vegetables"}, id="no-vegetables"),
        pytest.param(800, set(), ANIMAL_GROUPS, id="plant-foods-only"),
    ],
)
def test_foods_the_caller_filters_out_never_appear(
    common: list[Candidate], gap: float, excluded_tags: set[str], excluded_groups: set[str]
) -> None:
    def excluded(c: Candidate) -> bool:
        return bool(c.food.tags & excluded_tags) or c.food.group in excluded_groups

    allowed = [c for c in common if not excluded(c)]
    plan = suggest(allowed, gap)
    assert_valid(plan, allowed, gap)
    assert plan.status is SuggestStatus.CLOSED
    assert not any(excluded(Candidate(i.food, "", 1)) for i in plan.items)
    if excluded_tags or excluded_groups != ANIMAL_GROUPS:
        # Unfiltered, the same gap does use such a food: the filter was needed.
        assert any(excluded(Candidate(i.food, "", 1)) for i in suggest(common, gap).items)


def test_partial_plan_when_the_budget_cannot_close_the_gap(common: list[Candidate]) -> None:
    plan = suggest(common, 500, max_kcal=100)
    assert plan.status is SuggestStatus.PARTIAL
    assert_valid(plan, common, 500, max_kcal=100)
    assert plan.remaining_mg == pytest.approx(500 - plan.magnesium_mg)
    assert {r.code for r in plan.reasons} == {"partial"}
    assert all(item.reason.code == "within_limits" for item in plan.items)


def test_huge_gap_gives_the_most_magnesium_of_four_foods(common: list[Candidate]) -> None:
    plan = suggest(common, 10_000)
    assert plan.status is SuggestStatus.PARTIAL
    assert len(plan.items) == 4
    assert all(item.portions == 2 for item in plan.items)
    assert_valid(plan, common, 10_000)


def test_nothing_fits_a_zero_budget(common: list[Candidate]) -> None:
    # Every common food with magnesium has energy, except the waters (sodium 2-4 mg/100 g).
    plan = suggest(common, 100, max_kcal=0, max_sodium_mg=0)
    assert plan.status is SuggestStatus.PARTIAL
    assert plan.items == ()
    assert plan.remaining_mg == 100
    assert [r.code for r in plan.reasons] == ["nothing_fits"]


def test_zero_calorie_water_fits_a_zero_kcal_budget(common: list[Candidate]) -> None:
    plan = suggest(common, 1, max_kcal=0)
    assert plan.status is SuggestStatus.CLOSED
    # 1 fl oz (29.6 g) of bottled water: 2 mg/100 g -> 0.59 mg, so two of them.
    assert picked(plan) == [("usda:14555", 2)]
    assert plan.items[0].magnesium_per_100kcal is None


@pytest.mark.parametrize(
    "gap",
    [
        pytest.param(0, id="zero"),
        pytest.param(-35.5, id="surplus"),
        pytest.param(0.49, id="below-table-precision"),
    ],
)
def test_no_gap(common: list[Candidate], gap: float) -> None:
    plan = suggest(common, gap)
    assert plan.status is SuggestStatus.NO_GAP
    assert plan.items == ()
    assert plan.remaining_mg == 0
    assert plan.gap_mg == gap


def test_half_a_mg_is_a_gap(common: list[Candidate]) -> None:
    plan = suggest(common, MIN_GAP_MG)
    assert plan.status is SuggestStatus.CLOSED
    assert plan.items[0].share_of_gap == pytest.approx(plan.magnesium_mg / MIN_GAP_MG)


def test_no_candidates(sr28: dict[str, Food]) -> None:
    assert suggest([], 100).status is SuggestStatus.NO_CANDIDATES
    unknown = [offer(sr28[f"usda:{ndb}"]) for ndb in NO_MAGNESIUM]
    plan = suggest(unknown, 100)
    assert plan.status is SuggestStatus.NO_CANDIDATES
    assert plan.remaining_mg == 100
    assert plan.left_out == {"magnesium_unknown": 4}


def test_unknown_values_are_left_out_and_counted(
    common: list[Candidate], sr28: dict[str, Food]
) -> None:
    spinach = sr28["usda:11458"]
    no_sodium = dataclasses.replace(
        spinach, id="user:spinach", per_100g={**spinach.per_100g, "sodium_mg": None}
    )
    no_energy = dataclasses.replace(
        spinach, id="user:spinach2", per_100g={**spinach.per_100g, "energy_kcal": None}
    )
    others = [c for c in common if c.food.id != spinach.id]
    extra = [offer(sr28[f"usda:{ndb}"]) for ndb in NO_MAGNESIUM]
    candidates = [*others, *extra, offer(no_sodium), offer(no_energy)]

    free = suggest(candidates, 100)
    # Without a sodium budget, unknown sodium does not matter: the spinach still wins...
    assert picked(free) == [("user:spinach", 1)]
    assert free.left_out == {"magnesium_unknown": 4, "energy_unknown": 1}
    assert free.sodium_unknown == 1
    assert free.sodium_mg == 0
    assert "sodium_unknown" in {r.code for r in free.reasons}

    limited = suggest(candidates, 100, max_sodium_mg=2000)
    # ... with one, a food whose sodium is unknown cannot be checked against it.
    assert "user:spinach" not in {i.food.id for i in limited.items}
    assert limited.left_out == {"magnesium_unknown": 4, "energy_unknown": 1, "sodium_unknown": 1}
    assert {r.code for r in limited.reasons} == {
        "left_out_magnesium_unknown",
        "left_out_energy_unknown",
        "left_out_sodium_unknown",
    }
    assert_valid(limited, candidates, 100, max_sodium_mg=2000)


def test_a_food_offered_twice_is_used_once(sr28: dict[str, Food]) -> None:
    spinach = sr28["usda:11458"]
    cups = [Candidate(spinach, "1 cup", 180), Candidate(spinach, "1/2 cup", 90)]
    plan = suggest(cups, 400, max_per_group=4)
    assert plan.status is SuggestStatus.PARTIAL
    assert picked(plan) == [("usda:11458", 2)]


def objective(plan: Suggestion, gap: float, weights: Weights) -> float:
    return (
        plan.energy_kcal
        + weights.per_food_kcal * len(plan.items)
        + weights.per_overshoot_mg * (plan.magnesium_mg - gap)
    )


def brute_force(
    candidates: Sequence[Candidate], gap: float, max_kcal: float | None, weights: Weights
) -> tuple[float, float] | None:
    """(best objective, most magnesium within the budget) over every plan of 0-2 portions."""
    best: float | None = None
    most = 0.0
    for counts in itertools.product(range(3), repeat=len(candidates)):
        used = [(c, n) for c, n in zip(candidates, counts, strict=True) if n]
        groups = Counter(c.food.group for c, _ in used)
        if len(used) > 4 or any(count > 1 for count in groups.values()):
            continue
        mg = sum((c.food.value("magnesium_mg") or 0) * c.grams / 100 * n for c, n in used)
        kcal = sum((c.food.value("energy_kcal") or 0) * c.grams / 100 * n for c, n in used)
        if max_kcal is not None and kcal > max_kcal:
            continue
        most = max(most, mg)
        if mg >= gap:
            value = kcal + weights.per_food_kcal * len(used) + weights.per_overshoot_mg * (mg - gap)
            best = value if best is None else min(best, value)
    return None if best is None else (best, most)


SMALL = ("11458", "12014", "12006", "16015", "09040", "08120", "01079", "20137")


@pytest.mark.parametrize(
    ("gap", "max_kcal", "weights"),
    [
        pytest.param(150, None, DEFAULT_WEIGHTS, id="150mg"),
        pytest.param(420, None, DEFAULT_WEIGHTS, id="420mg"),
        pytest.param(420, None, Weights(0, 0), id="420mg-kcal-only"),
        pytest.param(600, 700, DEFAULT_WEIGHTS, id="600mg-under-700kcal"),
        pytest.param(900, 500, DEFAULT_WEIGHTS, id="partial-900mg-under-500kcal"),
    ],
)
def test_matches_a_brute_force_search(
    sr28: dict[str, Food], gap: float, max_kcal: float | None, weights: Weights
) -> None:
    # 8 foods, 3^8 = 6561 plans; pumpkin and chia seeds share a group.
    candidates = [offer(sr28[f"usda:{ndb}"]) for ndb in SMALL]
    found = brute_force(candidates, gap, max_kcal, weights)
    plan = suggest(candidates, gap, max_kcal=max_kcal, weights=weights)
    assert_valid(plan, candidates, gap, max_kcal=max_kcal)
    if found is None:
        assert plan.status is SuggestStatus.PARTIAL
        most = brute_force(candidates, 0, max_kcal, weights)
        assert most is not None
        assert plan.magnesium_mg == pytest.approx(most[1])
    else:
        assert plan.status is SuggestStatus.CLOSED
        assert objective(plan, gap, weights) == pytest.approx(found[0], rel=1e-6)


def made_up(name: str, magnesium: float, kcal: float, group: str | None = None) -> Candidate:
    """A food whose 100 g portion has exactly these amounts (for the weights' behaviour)."""
    values = {"magnesium_mg": magnesium, "energy_kcal": kcal, "sodium_mg": 0.0}
    food = Food(f"user:{name}", name, FoodSource.USER, values, group=group or name)
    return Candidate(food, "100 g", 100)


def names(plan: Suggestion) -> list[str]:
    return sorted(item.food.name for item in plan.items)


@pytest.mark.parametrize(
    ("foods", "expected"),
    [
        pytest.param([("a", 100, 100), ("b", 100, 80)], ["b"], id="fewest-calories"),
        # b + c save 10 kcal over a, less than the 20 kcal an extra food costs.
        pytest.param([("a", 100, 100), ("b", 50, 45), ("c", 50, 45)], ["a"], id="one-food"),
        # b + c save 40 kcal: worth a second food.
        pytest.param([("a", 100, 100), ("b", 50, 30), ("c", 50, 30)], ["b", "c"], id="two-foods"),
        # b costs 2 kcal more but overshoots 99 mg less (4.95 kcal-equivalents): b.
        pytest.param([("a", 200, 100), ("b", 101, 102)], ["b"], id="close-fit"),
        # 8 kcal more is more than 99 mg of overshoot is worth: a.
        pytest.param([("a", 200, 100), ("b", 101, 108)], ["a"], id="calories-first"),
    ],
)
def test_objective_weights(foods: list[tuple[str, float, float]], expected: list[str]) -> None:
    candidates = [made_up(*food) for food in foods]
    plan = suggest(candidates, 100, max_portions_each=1)
    assert names(plan) == expected


@pytest.mark.parametrize(
    ("gap", "codes"),
    [
        pytest.param(150, {"beans": "main_source", "leafy": "rich_per_kcal"}, id="main-source"),
        pytest.param(
            180,
            {"beans": "main_source", "leafy": "rich_per_kcal", "bread": "share"},
            id="share",
        ),
    ],
)
def test_each_item_says_why(gap: float, codes: dict[str, str]) -> None:
    fillers = [made_up(f"filler{i}", 5, 100) for i in range(7)]
    candidates = [
        made_up("leafy", 30, 10),
        made_up("beans", 120, 200),
        made_up("bread", 30, 90),
        *fillers,
    ]
    plan = suggest(candidates, gap, max_portions_each=1)
    assert {item.food.name: item.reason.code for item in plan.items} == codes
    beans = next(item for item in plan.items if item.food.name == "beans")
    assert translate(beans.reason.message, beans.reason.params) == (
        f"120 mg magnesium in 200 kcal: covers {round(12000 / gap)} percent of the gap on its own"
    )


@pytest.mark.parametrize(
    ("gap", "limits"),
    [
        pytest.param(float("nan"), Limits(), id="nan-gap"),
        pytest.param(100, Limits(max_kcal=-1), id="negative-kcal"),
        pytest.param(100, Limits(max_sodium_mg=float("inf")), id="endless-sodium"),
        pytest.param(100, Limits(max_items=0), id="no-items"),
        pytest.param(100, Limits(max_portions_each=0), id="no-portions"),
        pytest.param(100, Limits(max_per_group=0), id="no-food-per-group"),
    ],
)
def test_bad_input(gap: float, limits: Limits) -> None:
    with pytest.raises(InputError):
        suggest([made_up("a", 100, 100)], gap, **limits)


def test_a_portion_without_weight_is_refused() -> None:
    food = made_up("a", 100, 100).food
    with pytest.raises(PortionError):
        suggest([Candidate(food, "1 cup", 0)], 100)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    gap=st.floats(-50, 1500),
    max_kcal=st.none() | st.floats(0, 1200),
    max_sodium_mg=st.none() | st.floats(0, 1500),
    max_items=st.integers(1, 4),
    max_portions_each=st.integers(1, 3),
    max_per_group=st.integers(1, 2),
)
def test_every_plan_keeps_every_constraint(
    common: list[Candidate],
    data: st.DataObject,
    gap: float,
    max_kcal: float | None,
    max_sodium_mg: float | None,
    max_items: int,
    max_portions_each: int,
    max_per_group: int,
) -> None:
    chosen = data.draw(st.sets(st.sampled_from(range(len(common))), max_size=40))
    candidates = [common[i] for i in sorted(chosen)]
    limits = Limits(
        max_kcal=max_kcal,
        max_sodium_mg=max_sodium_mg,
        max_items=max_items,
        max_portions_each=max_portions_each,
        max_per_group=max_per_group,
    )
    plan = suggest(candidates, gap, **limits)
    if gap < MIN_GAP_MG:
        assert plan.status is SuggestStatus.NO_GAP
    elif not candidates:
        assert plan.status is SuggestStatus.NO_CANDIDATES
    else:
        assert_valid(plan, candidates, gap, **limits)

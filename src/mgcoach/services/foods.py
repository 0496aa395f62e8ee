"""Food use cases: search, an amount's nutrients, the top foods for a nutrient, statistics,
and the user's own foods."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, func, select

from ..errors import InputError
from ..foods.model import Food, FoodSource, Portion
from ..foods.nutrients import food_nutrients, nutrient_keys
from ..foods.nutrition import amounts
from ..foods.portions import PortionMatch, portion_grams
from ..foods.tags import find_tag
from ..i18n import N_
from ..storage.database import Database
from ..storage.food_search import SearchResult, search
from ..storage.foods import count_by_source, get_foods, record_use, write_foods
from ..storage.tables import food as food_table
from . import food_lookup

MAX_LIMIT = 200
# Per 100 kcal makes no sense for (nearly) energy-free foods such as water or tea.
MIN_KCAL_PER_100G = 10.0


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(N_("--limit must be between 1 and {max}."), max=MAX_LIMIT)
    return limit


def search_foods(db: Database, query: str, limit: int = 10) -> SearchResult:
    if not query.strip():
        raise InputError(N_("Type a food name to search for."))
    with db.connect() as connection:
        return search(connection, query, _check_limit(limit))


def show_food(db: Database, text: str) -> Food:
    with db.connect() as connection:
        return food_lookup.resolve(connection, text)[0]


@dataclass(frozen=True, slots=True)
class AmountResult:
    food: Food
    match: PortionMatch
    nutrients: Mapping[str, float | None]
    others: tuple[Food, ...]  # other foods the query could have meant

    @property
    def grams(self) -> float:
        return self.match.grams


def food_amount(
    db: Database, food_text: str, amount_text: str, remember: bool = True
) -> AmountResult:
    """Grams and nutrients of an amount of a food; counts one use of the food for search."""
    with db.begin() as connection:
        found, result = food_lookup.resolve(connection, food_text)
        match = portion_grams(found, amount_text)
        if remember:
            record_use(connection, found.id)
    others = tuple(f for f in (result.foods if result else []) if f.id != found.id)
    return AmountResult(found, match, amounts(found, match.grams), others)


class Per(StrEnum):
    GRAMS_100 = "100g"
    KCAL_100 = "100kcal"
    PORTION = "portion"


@dataclass(frozen=True, slots=True)
class TopRow:
    food: Food
    value: float
    grams: float | None  # the portion's weight when ranked per portion


def parse_nutrient(text: str) -> str:
    """A nutrient key from its key, its short name or its English or Dutch name."""
    wanted = text.strip().lower().replace("-", "_")
    for item in food_nutrients():
        names = {item.key, item.key.rsplit("_", 1)[0], item.name_en.lower(), item.name_nl.lower()}
        if wanted in names or wanted.replace("_", " ") in names:
            return item.key
    raise InputError(
        N_("Unknown nutrient {name}: use one of {choices}."),
        name=text,
        choices=", ".join(k.rsplit("_", 1)[0] for k in nutrient_keys()),
    )


def parse_per(text: str) -> Per:
    wanted = text.strip().lower().replace(" ", "")
    for per in Per:
        if wanted == per.value:
            return per
    raise InputError(
        N_("Unknown basis {per}: use one of {choices}."),
        per=text,
        choices=", ".join(p.value for p in Per),
    )


def top_foods(
    db: Database,
    nutrient_key: str,
    per: Per = Per.GRAMS_100,
    *,
    vegan: bool = False,
    exclude: Sequence[str] = (),
    everything: bool = False,
    limit: int = 20,
) -> list[TopRow]:
    """The richest foods in a nutrient, per 100 g, per 100 kcal or per usual serving.

    By default among the curated and the user's own foods (real, everyday foods); with
    ``everything`` among every imported food too, unless a diet or exclusion filter is given.
    """
    _check_limit(limit)
    excluded = [find_tag(word).slug for word in exclude]
    column = food_table.c[nutrient_key]
    statement = select(food_table.c.id).where(column.is_not(None))
    # Imported foods carry no reliable diet or allergen tags (an undeclared allergen is not
    # an absent one), so a diet or exclusion filter only ever returns foods whose tags we know.
    if not everything or vegan or excluded:
        statement = statement.where(
            food_table.c.source.in_(
                [s.value for s in (FoodSource.CURATED, FoodSource.USER, FoodSource.RECIPE)]
            )
        )
    if vegan:
        statement = statement.where(food_table.c.tags.like("%;vegan;%"))
    for slug in excluded:
        statement = statement.where(food_table.c.tags.not_like(f"%;{slug};%"))
    if per is Per.GRAMS_100:
        statement = statement.order_by(column.desc(), food_table.c.name).limit(limit)
    elif per is Per.KCAL_100:
        energy = food_table.c.energy_kcal
        statement = (
            statement.where(energy >= MIN_KCAL_PER_100G)
            .order_by((column / energy).desc(), food_table.c.name)
            .limit(limit)
        )
    else:
        statement = statement.where(food_table.c.serving.is_not(None))
    with db.connect() as connection:
        ids = list(connection.execute(statement).scalars())
        foods = get_foods(connection, ids)
    rows = [_top_row(f, nutrient_key, per) for f in foods]
    found = [r for r in rows if r is not None]
    if per is Per.PORTION:
        found.sort(key=lambda r: (-r.value, r.food.name))
    return found[:limit]


def _top_row(item: Food, key: str, per: Per) -> TopRow | None:
    value = item.value(key)
    if value is None:
        return None
    if per is Per.GRAMS_100:
        return TopRow(item, value, None)
    if per is Per.KCAL_100:
        energy = item.value("energy_kcal") or 0.0
        return TopRow(item, value / energy * 100.0, None) if energy else None
    if item.serving is None:
        return None
    grams = portion_grams(item, item.serving).grams
    return TopRow(item, value * grams / 100.0, grams)


def food_stats(db: Database) -> dict[str, int]:
    with db.connect() as connection:
        return count_by_source(connection)


def next_id(connection: Connection, prefix: str) -> str:
    """The next free ``user:N`` / ``recipe:N`` id."""
    ids = connection.execute(
        select(food_table.c.id).where(food_table.c.id.like(f"{prefix}:%"))
    ).scalars()
    numbers = [int(i.split(":", 1)[1]) for i in ids if i.split(":", 1)[1].isdigit()]
    return f"{prefix}:{max(numbers, default=0) + 1}"


def add_food(
    db: Database,
    name: str,
    per_100g: Mapping[str, float],
    *,
    name_nl: str | None = None,
    portions: Sequence[Portion] = (),
    tags: Sequence[str] = (),
    serving: str | None = None,
) -> Food:
    """A food of the user's own (from a label), searchable like every other."""
    if not name.strip():
        raise InputError(N_("A food needs a name."))
    if not per_100g:
        raise InputError(N_("Give at least one value per 100 g, e.g. magnesium_mg=550."))
    for key, value in per_100g.items():
        if key not in nutrient_keys():
            raise InputError(
                N_("Unknown nutrient {name}: use one of {choices}."),
                name=key,
                choices=", ".join(nutrient_keys()),
            )
        if not 0 <= value <= (100_000 if key.endswith("_mg") or key.endswith("_ug") else 900):
            raise InputError(N_("{name}={value} is not possible per 100 g."), name=key, value=value)
    slugs = frozenset(find_tag(t).slug for t in tags)
    with db.begin() as connection:
        food_id = next_id(connection, "user")
        item = Food(
            id=food_id,
            name=name.strip(),
            source=FoodSource.USER,
            per_100g={key: per_100g.get(key) for key in nutrient_keys()},
            name_nl=(name_nl or "").strip() or None,
            portions=tuple(portions),
            tags=slugs,
            serving=serving,
        )
        if serving is not None:
            portion_grams(item, serving)
        write_foods(connection, [item])
    return item


def count_foods(db: Database) -> int:
    with db.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(food_table)).scalar() or 0)

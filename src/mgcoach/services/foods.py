"""Food use cases: an amount's nutrients, the top foods for a nutrient, statistics,
and the user's own foods (the search is services.food_search's).

The top foods among the everyday foods are worked out from the copy services.food_everyday
keeps (``everyday_foods``), as are the gap plans (services.food_suggest).

Each read is for a reader, ``visible_to`` (storage.foods): an account's id sees the shared
foods and its own, None (an anonymous caller, the CLI without ``--user``) the shared ones.
A food added with an ``owner`` is that account's alone; without one it is shared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..errors import InputError
from ..foods.barcode import canonical
from ..foods.model import Food, FoodSource, Portion
from ..foods.nutrients import food_nutrients, nutrient_keys
from ..foods.nutrition import amounts
from ..foods.portions import PortionMatch, portion_grams
from ..foods.tags import find_tag
from ..i18n import N_
from ..storage import foods as food_store
from ..storage.database import Database
from ..storage.everyday import Ranking, is_food_column, top_food_ids
from ..storage.foods import count_by_source, get_foods, next_id, record_use, write_foods
from . import food_lookup
from .food_everyday import EverydayFoods, everyday_foods
from .food_search import check_limit
from .food_search import search_foods as search_foods  # its own module: it loads no SQLAlchemy

# Per 100 kcal makes no sense for (nearly) energy-free foods such as water or tea.
MIN_KCAL_PER_100G = 10.0


def show_food(db: Database, text: str, *, visible_to: int | None = None) -> Food:
    with db.connect() as connection:
        return food_lookup.resolve(connection, text, visible_to=visible_to)[0]


def food_owner(db: Database, name: str) -> int:
    """The id of the account ``name`` (``--user``): whose own foods a command adds and sees."""
    from ..storage.journal import user_id  # the journal's models: not for a shared search

    with db.connect() as connection:
        found = user_id(connection, name.strip(), create=False)
    if found is None:
        raise InputError(N_("No account is named {name}."), field="user", name=name)
    return found


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
    db: Database,
    food_text: str,
    amount_text: str,
    remember: bool = True,
    *,
    visible_to: int | None = None,
) -> AmountResult:
    """Grams and nutrients of an amount of a food; counts one use of the food for search."""
    with db.begin() as connection:
        found, result = food_lookup.resolve(connection, food_text, visible_to=visible_to)
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
        field="nutrient",
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
        field="per",
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
    visible_to: int | None = None,
) -> list[TopRow]:
    """The richest foods in a nutrient, per 100 g, per 100 kcal or per usual serving.

    By default among the curated and the user's own foods (real, everyday foods); with
    ``everything`` among every imported food too, unless a diet or exclusion filter is given.
    Best first; equal values by name (code point order, on SQLite and PostgreSQL alike).
    """
    check_limit(limit)
    excluded = [find_tag(word).slug for word in exclude]
    if not is_food_column(nutrient_key):
        raise KeyError(nutrient_key)  # as the column lookup it stands for
    # Imported foods carry no reliable diet or allergen tags (an undeclared allergen is not
    # an absent one), so a diet or exclusion filter only ever returns foods whose tags we know.
    if everything and not vegan and not excluded:
        return _top_everything(db, nutrient_key, per, limit, visible_to)
    foods = everyday_foods(db, visible_to)
    ranking = foods.memo(
        ("top", nutrient_key, per, vegan, frozenset(excluded)),
        lambda: _rank_everyday(foods, nutrient_key, per, vegan, frozenset(excluded)),
    )
    return list(ranking[:limit])


def _rank_everyday(
    foods: EverydayFoods, key: str, per: Per, vegan: bool, excluded: frozenset[str]
) -> tuple[TopRow, ...]:
    """Every allowed everyday food with a value, best first (the ranking ``top_foods`` cuts).

    The same rows, values and order the database gave before (``ORDER BY value DESC, name``,
    value per kcal as ``value / energy``); ties beyond the name keep the copy's order."""
    rows: list[tuple[float, TopRow]] = []
    for item in foods.items:
        found = item.food
        if not allowed(found, vegan, excluded):
            continue
        value = found.value(key)
        if value is None:
            continue
        if per is Per.GRAMS_100:
            rows.append((value, TopRow(found, value, None)))
        elif per is Per.KCAL_100:
            energy = found.value("energy_kcal")
            if energy is not None and energy >= MIN_KCAL_PER_100G:
                rows.append((value / energy, TopRow(found, value / energy * 100.0, None)))
        elif found.serving is not None:
            grams = item.grams()
            value = value * grams / 100.0
            rows.append((value, TopRow(found, value, grams)))
    rows.sort(key=lambda pair: (-pair[0], pair[1].food.name))
    return tuple(row for _order, row in rows)


_RANKINGS: dict[Per, Ranking] = {
    Per.GRAMS_100: "value",
    Per.KCAL_100: "per_kcal",
    Per.PORTION: "with_serving",
}


def _top_everything(
    db: Database, nutrient_key: str, per: Per, limit: int, visible_to: int | None
) -> list[TopRow]:
    """Among every food, imported ones too: the database ranks, as it can use its indexes."""
    ranking = _RANKINGS[per]
    with db.connect() as connection:
        ids = top_food_ids(
            connection, nutrient_key, ranking, limit, MIN_KCAL_PER_100G, visible_to=visible_to
        )
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


def allowed(item: Food, vegan: bool, excluded: frozenset[str] | set[str]) -> bool:
    """Vegan when asked, and none of the excluded tags (allergens, groups)."""
    return (not vegan or "vegan" in item.tags) and not item.tags & excluded


def food_stats(db: Database) -> dict[str, int]:
    with db.connect() as connection:
        return count_by_source(connection)


def _clean_texts(
    name: str, name_nl: str | None, serving: str | None, portions: Sequence[Portion]
) -> tuple[str, str | None, str | None]:
    """Each a line of at most 200 characters without a control character (a NUL breaks
    PostgreSQL)."""
    from ..journal.bounds import clean_text  # the journal's models: not for a search

    cleaned = (
        clean_text(name, "name", "name"),
        clean_text(name_nl, "name", "name_nl") if name_nl else None,
        clean_text(serving, "amount", "serving") if serving is not None else None,
    )
    for portion in portions:
        clean_text(portion.unit, "name", "portion")
    return cleaned


def add_food(
    db: Database,
    name: str,
    per_100g: Mapping[str, float],
    *,
    name_nl: str | None = None,
    portions: Sequence[Portion] = (),
    tags: Sequence[str] = (),
    serving: str | None = None,
    owner: int | None = None,
    barcode: str | None = None,
) -> Food:
    """A food of the user's own (from a label, with its checked ``barcode``), searchable like
    every other: by everyone, or with an ``owner`` by that account alone."""
    if not name.strip():
        raise InputError(N_("A food needs a name."), field="name")
    name, name_nl, serving = _clean_texts(name, name_nl, serving, portions)
    if not per_100g:
        raise InputError(
            N_("Give at least one value per 100 g, e.g. magnesium_mg=550."), field="per_100g"
        )
    for key, value in per_100g.items():
        if key not in nutrient_keys():
            raise InputError(
                N_("Unknown nutrient {name}: use one of {choices}."),
                field="per_100g",
                name=key,
                choices=", ".join(nutrient_keys()),
            )
        if not 0 <= value <= (100_000 if key.endswith("_mg") or key.endswith("_ug") else 900):
            raise InputError(
                N_("{name}={value} is not possible per 100 g."),
                field="per_100g",
                name=key,
                value=value,
            )
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
            owner=owner,
            barcode=canonical(barcode) if barcode else None,
        )
        if serving is not None:
            portion_grams(item, serving)
        write_foods(connection, [item])
    return item


def parse_portion(text: str) -> Portion:
    """``"1 bar=40"`` or ``"1 bar = 40 g"``: a household measure and its weight in grams (a
    decimal comma allowed, as in ``"0,5 cup = 120"``)."""
    measure, sep, grams = text.rpartition("=")
    amount, _space, unit = measure.strip().partition(" ")
    grams = grams.strip().removesuffix("g").strip()
    try:
        portion = Portion(
            float(amount.replace(",", ".")), unit.strip(), float(grams.replace(",", "."))
        )
    except ValueError:
        portion = None
    if (
        not sep
        or portion is None
        or not unit.strip()
        or not 0 < portion.amount <= 1000
        or not 0 < portion.grams <= 100_000
    ):
        raise InputError(
            N_('Write a portion as AMOUNT UNIT=GRAMS, e.g. "1 bar=40"; {text} is not.'),
            field="portion",
            text=text,
        )
    from ..journal.bounds import clean_text

    clean_text(portion.unit, "name", "portion")
    return portion


def count_foods(db: Database) -> int:
    with db.connect() as connection:
        return food_store.count_foods(connection)

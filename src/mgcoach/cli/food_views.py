"""Rich renderings of the foods results (the JSON faces are in contract/foods.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import PortionError
from ..foods.curated import curated_foods
from ..foods.estimates import estimate_of
from ..foods.model import Food
from ..foods.nutrients import food_nutrients, nutrient
from ..foods.portions import amount_label, portion_grams, portion_label
from ..i18n import _, get_language, ngettext, translate
from ..services.database import SearchResult
from .output import console, fmt, new_table, plain, say, sources_line, strong

if TYPE_CHECKING:  # the results' types: services.foods loads SQLAlchemy, which a search needs not
    from ..services.food_recipes import RecipeResult
    from ..services.food_suggest import GapPlan
    from ..services.foods import AmountResult, Per, TopRow

_DIGITS = {"g": 1, "mg": 0, "ug": 1, "kcal": 0}
_MAIN = ("energy_kcal", "magnesium_mg", "calcium_mg", "potassium_mg", "sodium_mg", "zinc_mg")
_SEARCH = ("energy_kcal", "magnesium_mg", "calcium_mg", "potassium_mg")


def _value(key: str, value: float | None) -> str:
    unit = nutrient(key).unit
    digits = _DIGITS.get(unit, 1) if value is None or value >= 10 else 2
    return fmt(value, digits, "µg" if unit == "ug" else unit)


def _source_ids(items: list[Food]) -> list[str]:
    from ..contract.foods import SOURCE_IDS

    return [s for item in items for s in SOURCE_IDS.get(item.source.value, [])]


def _sources(item: Food) -> None:
    ids = _source_ids([item])
    if ids:
        sources_line(ids)
    else:
        console.print(_("Source: your own entry."))


def render_search(query: str, result: SearchResult) -> None:
    lang = get_language()
    if not result.foods:
        say(_("No food matches {query}."), query=query)
        return
    if result.corrections:
        pairs = ", ".join(f"{typo} → {term}" for typo, term in result.corrections.items())
        say(_("Read as: {pairs}"), pairs=pairs)
    columns = [nutrient(k).name(lang) for k in _SEARCH]
    table = new_table(_("Per 100 g"), _("Id"), _("Food"), *columns)
    for item in result.foods:
        values = (_value(k, item.value(k)) for k in _SEARCH)
        table.add_row(item.id, item.display_name(lang), *values)
    console.print(table)
    sources_line(_source_ids(result.foods))


def render_amount(result: AmountResult) -> None:
    lang = get_language()
    item = result.food
    say(
        _("{amount} {food} = {grams} g"),
        amount=result.match.label,
        food=item.display_name(lang),
        grams=fmt(result.grams, 1),
    )
    table = new_table("", _("Nutrient"), _("Amount"))
    for entry in food_nutrients():
        table.add_row(entry.name(lang), _value(entry.key, result.nutrients.get(entry.key)))
    console.print(table)
    unknown = [nutrient(k).name(lang) for k, v in result.nutrients.items() if v is None]
    if unknown:
        say(_("No value known for: {names}."), names=", ".join(unknown))
    if result.match.alternatives:
        others = "; ".join(portion_label(p, lang) for p in result.match.alternatives)
        say(_("Other measures: {others}"), others=others)
    if result.others:
        names = ", ".join(f"{f.display_name(lang)} ({f.id})" for f in result.others[:4])
        say(_("Did you mean another food? {names}"), names=names)
    _sources(item)


def render_food(item: Food) -> None:
    lang = get_language()
    console.print(f"{strong(item.display_name(lang))}  ({plain(item.id)})")
    other = item.name if lang == "nl" else item.name_nl
    if other:
        console.print(plain(other))
    if item.serving:
        say(_("Usual portion: {serving}"), serving=_serving(item, lang) or item.serving)
    table = new_table(_("Per 100 g"), _("Nutrient"), _("Amount"))
    for entry in food_nutrients():
        table.add_row(entry.name(lang), _value(entry.key, item.value(entry.key)))
    console.print(table)
    if item.portions:
        # Each label says its grams and can be typed back as --amount; the column is exact.
        portions = new_table(_("Portions"), _("Measure"), _("Grams"))
        for portion in item.portions:
            portions.add_row(portion_label(portion, lang), fmt(portion.grams, 1))
        console.print(portions)
    _estimate(item, lang)
    _sources(item)


def _estimate(item: Food, lang: str) -> None:
    """A recipe estimate's recipe and basis (foods.estimates)."""
    found = estimate_of(item.id)
    if found is None:
        return
    say(_("Estimate: computed from the recipe below, from USDA SR28 values of its ingredients."))
    dutch = {f.id: f.name_nl for f in curated_foods()}
    table = new_table(_("Recipe (estimate)"), _("Ingredient"), _("Grams"))
    for ingredient in found.ingredients:
        name = (dutch.get(ingredient.food_id) if lang == "nl" else None) or ingredient.name
        table.add_row(plain(name), fmt(ingredient.grams, 0))
    console.print(table)
    console.print(plain(found.basis_nl if lang == "nl" else found.basis))


def _serving(item: Food, lang: str) -> str | None:
    """The food's usual portion with its grams, in ``lang``; None when it cannot be weighed."""
    if not item.serving:
        return None
    try:
        return amount_label(portion_grams(item, item.serving), lang)
    except PortionError:
        return None


def render_top(key: str, per: Per, rows: list[TopRow]) -> None:
    from ..services.foods import Per

    lang = get_language()
    basis = {
        Per.GRAMS_100: _("per 100 g"),
        Per.KCAL_100: _("per 100 kcal"),
        Per.PORTION: _("per usual portion"),
    }[per]
    title = f"{nutrient(key).name(lang)} {basis}"
    table = new_table(title, "#", _("Food"), _("Amount"), _("Portion"))
    for index, row in enumerate(rows, start=1):
        portion = (_serving(row.food, lang) or "") if row.grams else ""
        table.add_row(str(index), row.food.display_name(lang), _value(key, row.value), portion)
    console.print(table)
    sources_line(["USDA-SR28"])


def render_stats(counts: dict[str, int]) -> None:
    table = new_table(_("Foods in the database"), _("Source"), _("Foods"))
    for source, count in sorted(counts.items()):
        table.add_row(source, fmt(count))
    table.add_row(_("Total"), fmt(sum(counts.values())))
    console.print(table)


def render_added(item: Food) -> None:
    say(_("Added {name} as {id}."), name=item.name, id=item.id)


def render_gap_plan(plan: GapPlan) -> None:
    lang = get_language()
    s = plan.suggestion
    table = new_table(
        _("Closing a gap of {gap} mg magnesium").format(gap=fmt(s.gap_mg)),
        _("Food"),
        _("Portion"),
        _("Magnesium"),
        _("Energy"),
        _("Why"),
    )
    for item in s.items:
        portion = (
            item.portion_label if item.portions == 1 else f"{item.portions} × {item.portion_label}"
        )
        table.add_row(
            item.food.display_name(lang),
            f"{portion} ({fmt(item.grams)} g)",
            fmt(item.magnesium_mg, 0, "mg"),
            fmt(item.energy_kcal, 0, "kcal"),
            translate(item.reason.message, dict(item.reason.params)),
        )
    if s.items:
        console.print(table)
        say(
            _("Together: {mg} mg magnesium, {kcal} kcal, {na} mg sodium."),
            mg=fmt(s.magnesium_mg),
            kcal=fmt(s.energy_kcal),
            na=fmt(s.sodium_mg),
        )
    for reason in s.reasons:
        console.print(plain(translate(reason.message, dict(reason.params))))
    if plan.snacks:
        snacks = new_table(_("Recovery snacks"), _("Snack"), _("Magnesium"), _("Energy"))
        for result in plan.snacks:
            totals = result.per_serving
            snacks.add_row(
                result.snack.name(lang),
                _value("magnesium_mg", totals.value("magnesium_mg")),
                _value("energy_kcal", totals.value("energy_kcal")),
            )
        console.print(snacks)
    sources_line(["USDA-SR28", *(result.snack.source for result in plan.snacks)])


def render_recipe(result: RecipeResult) -> None:
    lang = get_language()
    say(_("Added {name} as {id}."), name=result.food.name, id=result.food.id)
    table = new_table(_("Ingredients"), _("Food"), _("Amount"), _("Grams"), _("Magnesium"))
    for line in result.lines:
        magnesium = line.nutrients["magnesium_mg"]
        table.add_row(
            line.food.display_name(lang),
            line.amount,
            fmt(line.grams, 1),
            _value("magnesium_mg", magnesium),
        )
    console.print(table)
    per = new_table(_("Per serving"), _("Nutrient"), _("Amount"))
    per_serving = result.per_serving
    for key in _MAIN:
        shown = _value(key, per_serving[key])
        missing = result.whole.unknown.get(key, 0)
        if missing and per_serving[key] is not None:
            shown = ngettext(
                "at least {value} ({count} ingredient without a value)",
                "at least {value} ({count} ingredients without a value)",
                missing,
            ).format(value=shown, count=missing)
        per.add_row(nutrient(key).name(lang), shown)
    console.print(per)

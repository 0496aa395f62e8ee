"""Foods: the richest everyday foods in magnesium (or potassium, calcium, zinc) per usual
portion, per 100 g or per 100 kcal, with vegan and exclusion filters, and a food search —
``services.foods.top_foods`` / ``services.food_search.search_foods`` as ``mgcoach foods top`` /
``search`` call them.
"""

from __future__ import annotations

from typing import TypedDict, cast
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from ...contract.foods import SOURCE_IDS, TopFoodJson, food_json, top_json
from ...errors import InputError
from ...foods.model import Food
from ...foods.nutrients import nutrient
from ...foods.portions import amount_label, portion_grams
from ...foods.tags import find_tag, food_tags
from ...i18n import N_, get_language
from ...services.food_search import search_foods
from ...services.foods import Per, parse_nutrient, parse_per, top_foods
from ..context import Viewer, signed_in, state_of
from ..routing import IndexedRouter
from ..templating import render
from .citations import Citations
from .today import profile_of, to_onboarding

router = IndexedRouter(include_in_schema=False)

NUTRIENTS = ("magnesium_mg", "potassium_mg", "calcium_mg", "zinc_mg")
DIGITS = {"zinc_mg": 1}
DIETS = frozenset({"vegan", "vegetarian"})  # diets, not groups to leave out
TOP = 25
FOUND = 20
MAX_QUERY = 200


def _nutrient_key(text: str | None) -> str:
    key = parse_nutrient(text or "magnesium")
    if key not in NUTRIENTS:
        raise InputError(N_("Choose magnesium, potassium, calcium or zinc, not {name}."), name=text)
    return key


def serving(item: Food) -> str | None:
    """The food's usual portion in the page's language, with its grams ("1 oz (28 g)", in
    Dutch "28 g"; "1 medium (118 g)", "1 middelgrote (118 g)")."""
    if item.serving is None:
        return None
    return amount_label(portion_grams(item, item.serving), get_language())


def _row(item: Food, key: str, row: TopFoodJson) -> TopFoodJson:
    """The row with the food's usual portion (a key of the page, not of the contract)."""
    shown = dict(row) | {"portion": serving(item), "sources": SOURCE_IDS.get(item.source.value, [])}
    return cast(TopFoodJson, shown)


class FoodsParams(TypedDict):
    """The parameters of this page that its links carry."""

    nutrient: str
    per: str
    vegan: bool
    exclude: list[str]


def link(params: FoodsParams, **changes: object) -> str:
    """This page's address with some parameters changed (exclude may repeat)."""
    merged: dict[str, object] = {**params, **changes}
    pairs: list[tuple[str, str]] = []
    for name, value in merged.items():
        if name == "exclude" and isinstance(value, list | tuple):
            pairs += [("exclude", str(v)) for v in value]
        elif name == "vegan":
            if value:
                pairs.append(("vegan", "1"))
        elif value:
            pairs.append((name, str(value)))
    return "/foods?" + urlencode(pairs) if pairs else "/foods"


@router.get("/foods")
def foods_page(
    request: Request,
    nutrient_text: str | None = Query(None, alias="nutrient"),
    per_text: str | None = Query(None, alias="per"),
    vegan: str | None = Query(None),
    q: str | None = Query(None),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    if profile_of(request, viewer) is None:
        return to_onboarding()
    db = state_of(request).db
    lang = get_language()
    key = _nutrient_key(nutrient_text)
    per = parse_per(per_text or Per.PORTION.value)
    excluded = list(
        dict.fromkeys(
            find_tag(w).slug for w in request.query_params.getlist("exclude") if w.strip()
        )
    )
    only_vegan = bool(vegan and vegan.strip() not in ("0", "false"))
    # The shared foods and the signed-in account's own (services.foods).
    mine = viewer.account_id
    rows = top_foods(db, key, per, vegan=only_vegan, exclude=excluded, limit=TOP, visible_to=mine)
    top = top_json(key, per, rows)
    top["foods"] = [_row(r.food, key, item) for r, item in zip(rows, top["foods"], strict=True)]
    # Printable text only (PostgreSQL refuses NUL), one line, of a sensible length.
    query = " ".join("".join(ch for ch in q or "" if ch.isprintable()).split())[:MAX_QUERY]
    found = None
    corrections: dict[str, str] = {}
    if query:
        result = search_foods(db, query, FOUND, visible_to=mine)
        found = [food_json(item) | {"portion": serving(item)} for item in result.foods]
        corrections = result.corrections
    params: FoodsParams = {"nutrient": key.rsplit("_", 1)[0], "per": per.value, "vegan": only_vegan,
              "exclude": excluded}  # fmt: skip
    info = nutrient(key)
    return render(
        request,
        "foods.html",
        key=key,
        short=params["nutrient"],
        nutrient_name=info.name(lang),
        unit=info.unit,
        digits=DIGITS.get(key, 0),
        per=per.value,
        top=top,
        vegan=only_vegan,
        excluded=excluded,
        query=query,
        found=found,
        corrections=corrections,
        nutrients=[(k.rsplit("_", 1)[0], nutrient(k).name(lang)) for k in NUTRIENTS],
        tags=[(t.slug, t.name(lang)) for t in food_tags().values() if t.slug not in DIETS],
        basis_links={p.value: link(params, per=p.value) for p in Per},
        citations=Citations(state_of(request).kb.sources),
    )

"""The food database as JSON: search, an amount's nutrients, one food, top foods, suggestions.

Each endpoint answers with exactly the JSON of ``mgcoach foods <command> ... --json``. The
foods are shared by every user. These are GETs, and a GET never writes: a lookup here does not
count for search ranking (a food logged to the journal does, ``services/journal_kinds.py``), so
no page of another site can re-rank search by loading an image of this URL.

Each reader sees the shared foods and, signed in, the account's own (``_reader``); another
account's food is unknown here, by name as by id.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from ...contract import foods as food_contract
from ...contract import gap as gap_contract
from ...services import foods as food_service
from ...services.food_search import search_foods
from ...services.food_suggest import plan_gap
from ..context import state_of, viewer_of
from .answers import AnswerRouter
from .calculators import ERRORS, answer

router = AnswerRouter(prefix="/foods", tags=["foods"], responses=ERRORS)

FoodText = Annotated[
    str,
    Query(
        description="A food name or id, e.g. almonds or usda:12061.",
        min_length=1,
        max_length=200,
        examples=["usda:12061"],
    ),
]
Limit = Annotated[int, Query(description="How many foods to show.", ge=1, le=200)]
Group = Annotated[str, Field(max_length=50)]
Exclude = Annotated[
    list[Group],
    Query(
        description="Leave out a group: nuts, dairy, fish, ...; repeat.",
        max_length=20,
        examples=[["nuts"]],
    ),
]
Vegan = Annotated[bool, Query(description="Vegan foods only.")]


def _reader(request: Request) -> int | None:
    """Whose foods the caller sees besides the shared ones: its account's (None: anonymous)."""
    return viewer_of(request).account_id


@router.get(
    "/search",
    summary="Search foods by name, English or Dutch (mgcoach foods search)",
    response_model=list[food_contract.FoodJson],
)
def search(
    request: Request,
    query: Annotated[
        str,
        Query(
            description="Words of the food's name (English or Dutch).",
            min_length=1,
            max_length=200,
            examples=["pumpkin seeds"],
        ),
    ],
    limit: Limit = 10,
) -> JSONResponse:
    result = search_foods(state_of(request).db, query, limit, visible_to=_reader(request))
    return answer([food_contract.food_json(f) for f in result.foods])


@router.get(
    "/amount",
    summary="Grams and nutrients of an amount (mgcoach foods amount)",
    response_model=food_contract.FoodAmountAnswer,
)
def amount(
    request: Request,
    food: FoodText,
    amount: Annotated[
        str,
        Query(
            description='The amount, e.g. "1/2 cup" or 30g.',
            min_length=1,
            max_length=100,
            examples=["1/4 cup"],
        ),
    ],
) -> JSONResponse:
    result = food_service.food_amount(
        state_of(request).db, food, amount, remember=False, visible_to=_reader(request)
    )
    return answer(food_contract.amount_json(result))


@router.get(
    "/show",
    summary="One food with its nutrients and portions (mgcoach foods show)",
    response_model=food_contract.FoodDetailJson,
)
def show(request: Request, food: FoodText) -> JSONResponse:
    found = food_service.show_food(state_of(request).db, food, visible_to=_reader(request))
    return answer(food_contract.food_json(found, portions=True))


@router.get(
    "/top",
    summary="The richest foods in a nutrient (mgcoach foods top)",
    response_model=food_contract.TopFoodsAnswer,
)
def top(
    request: Request,
    nutrient: Annotated[
        str,
        Query(
            description="e.g. magnesium, potassium, zinc.",
            min_length=1,
            max_length=50,
            examples=["magnesium"],
        ),
    ],
    per: Annotated[
        str, Query(description="100g, 100kcal or portion.", max_length=20, examples=["portion"])
    ] = "100g",
    vegan: Vegan = False,
    exclude: Exclude = [],  # noqa: B006 - FastAPI copies parameter defaults
    all_: Annotated[
        bool,
        Query(alias="all", description="Include every imported food, not only everyday foods."),
    ] = False,
    limit: Limit = 20,
) -> JSONResponse:
    key = food_service.parse_nutrient(nutrient)
    basis = food_service.parse_per(per)
    rows = food_service.top_foods(
        state_of(request).db,
        key,
        basis,
        vegan=vegan,
        exclude=exclude,
        everything=all_,
        limit=limit,
        visible_to=_reader(request),
    )
    return answer(food_contract.top_json(key, basis, rows))


@router.get(
    "/suggest",
    summary="Foods that close a magnesium gap (mgcoach foods suggest)",
    response_model=gap_contract.GapPlanAnswer,
)
def suggest(
    request: Request,
    gap_mg: Annotated[
        float,
        Query(
            description="The magnesium still missing today, in mg.",
            ge=0,
            le=100_000,
            allow_inf_nan=False,
            examples=[150],
        ),
    ],
    max_kcal: Annotated[
        float | None,
        Query(
            description="At most this much energy.",
            ge=0,
            le=100_000,
            allow_inf_nan=False,
            examples=[300],
        ),
    ] = None,
    max_sodium_mg: Annotated[
        float | None,
        Query(
            description="At most this much sodium, in mg.", ge=0, le=1_000_000, allow_inf_nan=False
        ),
    ] = None,
    exclude: Exclude = [],  # noqa: B006
    vegan: Vegan = False,
) -> JSONResponse:
    plan = plan_gap(
        state_of(request).db,
        gap_mg,
        max_kcal=max_kcal,
        max_sodium_mg=max_sodium_mg,
        exclude=exclude,
        vegan=vegan,
        visible_to=_reader(request),
    )
    return answer(gap_contract.gap_plan_json(plan))

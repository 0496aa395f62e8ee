"""Favourite foods as JSON: list, save (or change the amount and meal of) and remove.

Like the other journal endpoints: the signed-in viewer's journal only (``viewer.owner``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ConfigDict, Field

from ...contract.daily import FavouriteAnswer, favourite_json
from ...services.favourites import add_favourite, favourite_foods, remove_favourite
from ...services.journal import profile_name
from ..context import PROFILE, state_of
from .answers import AnswerRouter
from .calculators import ERRORS, answer
from .params import Body, ProfileQuery, SignedIn

router = AnswerRouter(tags=["journal"], responses=ERRORS)


class FavouriteRequest(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"food": "almonds", "amount": "30 g", "meal": "snacks"}]},
    )

    food: str = Field(min_length=1, max_length=200, description="A food name, id or barcode.")
    amount: str = Field(
        min_length=1, max_length=100, description='The amount to log it with: "30 g", "1 cup".'
    )
    meal: str | None = Field(
        None, max_length=64, description="The meal it goes in: breakfast, lunch, dinner, snacks."
    )


FoodId = Annotated[str, Path(min_length=1, max_length=200, description="The food's id.")]


@router.get(
    "/favourites",
    summary="Your favourite foods, with the amount and meal each is logged with",
    response_model=list[FavouriteAnswer],
)
def favourites(request: Request, viewer: SignedIn, profile: ProfileQuery = PROFILE) -> JSONResponse:
    found = favourite_foods(state_of(request).db, profile_name(profile), viewer.owner)
    return answer([favourite_json(item) for item in found])


@router.post(
    "/favourites",
    status_code=201,
    summary="Save a food as a favourite (a saved one gets the new amount and meal)",
    response_model=FavouriteAnswer,
)
def save_favourite(
    request: Request, viewer: SignedIn, body: FavouriteRequest, profile: ProfileQuery = PROFILE
) -> JSONResponse:
    db = state_of(request).db
    item = add_favourite(db, profile_name(profile), viewer.owner, body.food, body.amount, body.meal)
    return JSONResponse(favourite_json(item), status_code=201)


@router.delete(
    "/favourites/{food_id}",
    status_code=204,
    summary="Remove a favourite",
)
def delete_favourite(
    request: Request, viewer: SignedIn, food_id: FoodId, profile: ProfileQuery = PROFILE
) -> Response:
    remove_favourite(state_of(request).db, profile_name(profile), viewer.owner, food_id)
    return Response(status_code=204)

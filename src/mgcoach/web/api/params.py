"""What the journal's endpoints share: the signed-in viewer, the profile, entry and day
parameters, and the bounded numbers and strict base of JSON bodies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from ...journal import bounds
from ..context import Viewer, api_viewer

MAX_ID = bounds.MAX_ID  # the id columns are 32-bit integers on PostgreSQL

SignedIn = Annotated[Viewer, Depends(api_viewer)]
ProfileQuery = Annotated[
    str,
    Query(
        description="Whose journal: a profile name.",
        min_length=1,
        max_length=64,
        examples=["default"],
    ),
]
ProfilePath = Annotated[
    str,
    Path(description="The profile's name.", min_length=1, max_length=64, examples=["default"]),
]
EntryId = Annotated[int, Path(description="The entry's id.", ge=1, le=MAX_ID, examples=[1])]
TokenId = Annotated[int, Path(description="The token's id.", ge=1, le=MAX_ID, examples=[1])]
DayText = Annotated[
    str,
    Path(
        alias="date",
        description="The day: YYYY-MM-DD, today, yesterday or -N (days ago).",
        min_length=1,
        max_length=20,
        examples=["2025-01-15"],
    ),
]

# Bounded numbers for JSON bodies: the services give the precise limits and messages.
Number = Annotated[float, Field(ge=-1e9, le=1e9, allow_inf_nan=False)]
Short = Annotated[str, Field(max_length=200)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")

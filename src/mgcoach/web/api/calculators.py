"""The calculators of the CLI as JSON: targets, elemental, amount, serum, energy, check, advice
and names.

Each endpoint answers with exactly the JSON of ``mgcoach <command> ... --json``: both call the
same function of ``services/calculators.py`` and the same ``contract`` renderer. The query
parameters are the inputs declared in ``services/inputs.py`` (the CLI's options come from the
same declaration; web/api/inputs.py reads them), named as the CLI options (``--weight-kg`` ->
``weight_kg``), repeated options as repeated parameters
(``med=metformin@08:00&med=levothyroxine@07:00``). A value the engine
refuses answers 422 (an unknown name 404) with the message in the viewer's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, with_config
from typing_extensions import TypedDict

from ... import contract
from ...contract.advice import AdviceAnswer, advice_json
from ...contract.check import CheckAnswer, check_json
from ...contract.elemental import AmountAnswer, ElementalAnswer
from ...contract.energy import EnergyAnswer
from ...contract.serum import SerumAnswer
from ...contract.targets import TargetsAnswer
from ...engine.names import known_names
from ...errors import InputError
from ...i18n import N_
from ...services import calculators
from ...services.inputs import (
    SERUM_LIMIT,
    AdviceInput,
    AmountInput,
    CheckInput,
    ElementalInput,
    EnergyInput,
    SerumInput,
    SerumText,
    TargetsInput,
)
from ..context import state_of
from .answers import AnswerRouter
from .inputs import query


class ErrorItem(BaseModel):
    loc: list[str | int] = Field(
        description="Where the problem is: path, query or body, and the input's name "
        '(["query", "request"] for an error about no one input).'
    )
    msg: str = Field(description="The message, in the request's language.")
    type: str | None = Field(None, description="A machine-readable code.")


class ErrorInfo(BaseModel):
    code: str = Field(description="A machine-readable error code, e.g. invalid_profile.")
    message: str = Field(description="The message, in the request's language.")
    params: dict[str, object] = Field(description="The values the message names.")
    loc: list[str | int] | None = Field(
        None,
        description='Where the input to correct first is, as in detail (["query", "age"]); '
        "null when the error is about no one input.",
    )


class ApiError(BaseModel):
    """What a refused request answers (validation errors carry only ``detail``)."""

    detail: list[ErrorItem] | str
    error: ErrorInfo | None = None


ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": ApiError, "description": "Unknown name, food, profile or entry."},
    422: {"model": ApiError, "description": "A value that is not valid, with the reason."},
}
router = AnswerRouter(tags=["calculators"], responses=ERRORS)


@with_config(use_attribute_docstrings=True)
class NamesAnswer(TypedDict):
    """``mgcoach names --json``: every name a user may type, by kind (English and Dutch)."""

    medicines: list[str]
    """Medicine names."""
    symptoms: list[str]
    """Symptoms and complaints."""
    conditions: list[str]
    """Conditions and risk groups."""


def answer(data: Mapping[str, object] | Sequence[object]) -> JSONResponse:
    """The contract JSON as it is (no response-model round trip: each operation's
    ``response_model`` documents the contract type the JSON already has)."""
    return JSONResponse(data)


@router.get(
    "/targets",
    summary="Reference intakes and upper levels (mgcoach targets)",
    response_model=TargetsAnswer,
)
def targets(
    request: Request, given: Annotated[TargetsInput, Depends(query(TargetsInput))]
) -> JSONResponse:
    kb = state_of(request).kb
    return answer(contract.targets_json(kb, calculators.targets_result(kb, given)))


@router.get(
    "/elemental",
    summary="Elemental magnesium of a dose or a label (mgcoach elemental)",
    response_model=ElementalAnswer,
)
def elemental(
    request: Request, given: Annotated[ElementalInput, Depends(query(ElementalInput))]
) -> JSONResponse:
    kb = state_of(request).kb
    return answer(contract.elemental_json(kb, calculators.elemental_result(kb, given)))


@router.get(
    "/amount",
    summary="Magnesium in mg, g, mmol and mEq (mgcoach amount)",
    response_model=AmountAnswer,
)
def amount(given: Annotated[AmountInput, Depends(query(AmountInput))]) -> JSONResponse:
    return answer(contract.amount_json(calculators.amount_result(given)))


@router.get(
    "/serum",
    summary="Convert and classify a serum magnesium value (mgcoach serum)",
    response_model=SerumAnswer,
)
def serum(
    request: Request, given: Annotated[SerumInput, Depends(query(SerumInput))]
) -> JSONResponse:
    kb = state_of(request).kb
    return answer(contract.serum_json(kb, calculators.serum_result(kb, given)))


@router.get(
    "/energy",
    summary="Calorie target (mgcoach energy)",
    response_model=EnergyAnswer,
)
def energy(
    request: Request, given: Annotated[EnergyInput, Depends(query(EnergyInput))]
) -> JSONResponse:
    kb = state_of(request).kb
    return answer(contract.energy_json(kb, calculators.energy_result(kb, given)))


@router.get(
    "/check",
    summary="Doses against the upper limit, kidneys, medicines (mgcoach check)",
    response_model=CheckAnswer,
)
def check(
    request: Request, given: Annotated[CheckInput, Depends(query(CheckInput))]
) -> JSONResponse:
    kb = state_of(request).kb
    return answer(check_json(kb, calculators.check_result(kb, given)))


def parse_serum(value: str | None, unit: str | None) -> tuple[float, str] | None:
    """``serum=0.72&serum_unit=mmol/L`` or ``serum=0.72 mmol/L`` as the CLI's VALUE UNIT."""
    if value is None:
        if unit is not None:
            raise InputError(
                N_("Give the serum value with its unit, e.g. 0.72 mmol/L."), field="serum"
            )
        return None
    text = value.strip()
    if unit is None:
        text, _space, unit = text.partition(" ")
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not unit.strip():
        raise InputError(N_("Give the serum value with its unit, e.g. 0.72 mmol/L."), field="serum")
    if not 0 <= number <= SERUM_LIMIT:  # as /serum's value; the engine judges the rest
        raise InputError(
            N_("A serum magnesium of {value} {unit} is not possible."),
            field="serum",
            value=text,
            unit=unit.strip(),
        )
    return number, unit.strip()


def _serum(text: SerumText) -> tuple[float, str] | None:
    return parse_serum(text.serum, text.serum_unit)


@router.get(
    "/advice",
    summary="The personal supplement plan (mgcoach advise)",
    response_model=AdviceAnswer,
)
def advice(
    request: Request,
    given: Annotated[AdviceInput, Depends(query(AdviceInput, serum=(SerumText, _serum)))],
) -> JSONResponse:
    kb = state_of(request).kb
    return answer(advice_json(kb, calculators.advice_result(kb, given)))


@router.get(
    "/names",
    summary="The medicines, symptoms and conditions known (mgcoach names)",
    response_model=NamesAnswer,
)
def names(request: Request) -> JSONResponse:
    return answer(known_names(state_of(request).kb))

"""The calculators of the CLI as JSON: targets, elemental, amount, serum, energy, check, advice
and names.

Each endpoint answers with exactly the JSON of ``mgcoach <command> ... --json``: both call the
same function of ``services/calculators.py`` and the same ``contract`` renderer. Query
parameters are named as the CLI options (``--weight-kg`` -> ``weight_kg``), repeated options as
repeated parameters (``med=metformin@08:00&med=levothyroxine@07:00``). A value the engine
refuses answers 422 (an unknown name 404) with the message in the viewer's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
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
from ..context import state_of


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
router = APIRouter(tags=["calculators"], responses=ERRORS)
SERUM_LIMIT = 1000.0  # a serum value beyond this is a typing error in any unit


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


def _float(description: str, *, ge: float, le: float, example: float | None = None) -> Any:
    """A finite number within bounds (the engine gives the precise limits and messages)."""
    examples = None if example is None else [example]
    return Query(description=description, ge=ge, le=le, allow_inf_nan=False, examples=examples)


def _text(description: str, *, example: str, max_length: int, min_length: int = 0) -> Any:
    return Query(
        description=description, min_length=min_length, max_length=max_length, examples=[example]
    )


def _list(description: str, *, example: str, max_items: int = 30) -> Any:
    """A repeated parameter (``med=a&med=b``), as a repeated CLI option."""
    return Query(description=description, max_length=max_items, examples=[[example]])


# --- shared parameter types ----------------------------------------------------------------

Sex = Annotated[str, _text("female or male.", example="female", min_length=1, max_length=20)]
Age = Annotated[float, _float("Age in years.", ge=0, le=1000, example=45)]
OptAge = Annotated[float | None, _float("Age in years.", ge=0, le=1000, example=32)]
Pregnant = Annotated[bool, Query(description="Pregnant.")]
Lactating = Annotated[bool, Query(description="Breastfeeding.")]
System = Annotated[
    str, _text("Reference system: us, efsa, nl, uk or dach.", example="efsa", max_length=20)
]
WeightKg = Annotated[float | None, _float("Body weight in kg.", ge=0, le=10_000, example=70)]
Egfr = Annotated[
    float | None,
    _float("Kidney function: eGFR in mL/min/1.73 m².", ge=0, le=10_000, example=45),
]
Dialysis = Annotated[bool, Query(description="On dialysis.")]
Name = Annotated[str, Field(max_length=200)]
Med = Annotated[
    list[Name],
    _list(
        "A medicine, its times and how often: NAME@HH:MM[,HH:MM...][/FREQUENCY], FREQUENCY "
        "daily (the default), weekly:mon[,thu...] or every:Nd:YYYY-MM-DD; repeat the parameter "
        "for more medicines.",
        example="levothyroxine@07:00",
    ),
]
Condition = Annotated[
    list[Name],
    _list("A condition or risk group, e.g. diabetes, athlete; repeat.", example="athlete"),
]
Compound = Annotated[
    str | None,
    _text("The magnesium compound you take, e.g. citrate.", example="citrate", max_length=200),
]
Meals = Annotated[
    str | None,
    _text(
        "Meal times, HH:MM,HH:MM,... (default 08:00,12:30,18:30).",
        example="07:30,12:00,18:00",
        max_length=200,
    ),
]
Evening = Annotated[
    bool, Query(description="Prefer an evening dose (false = the CLI's --no-evening).")
]
WithMeals = Annotated[
    bool, Query(description="Take magnesium with meals (false = the CLI's --any-time).")
]
Awake = Annotated[
    str | None,
    _text(
        "Waking hours for doses, HH:MM-HH:MM (default 07:00-22:30).",
        example="06:30-23:00",
        max_length=40,
    ),
]
Prescribed = Annotated[
    bool,
    Query(
        description="A doctor prescribed the magnesium you take: times are suggested for it "
        "even above the upper limit (the CLI's --prescribed)."
    ),
]
MaxDose = Annotated[
    float | None,
    _float(
        "Largest single dose in mg before splitting (default 125).",
        ge=0,
        le=100_000,
        example=200,
    ),
]


@router.get(
    "/targets",
    summary="Reference intakes and upper levels (mgcoach targets)",
    response_model=TargetsAnswer,
)
def targets(
    request: Request,
    sex: Sex,
    age: OptAge = None,
    age_months: Annotated[
        int | None, Query(description="Age in months (infants).", ge=0, le=20_000)
    ] = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    trimester: Annotated[int | None, Query(description="Trimester: 1, 2 or 3.", ge=1, le=3)] = None,
    postpartum_months: Annotated[
        int | None,
        Query(description="Months since birth, while breastfeeding.", ge=0, le=1000),
    ] = None,
    system: System = "us",
    weight_kg: Annotated[
        float | None,
        _float("Body weight in kg (protein scales with it).", ge=0, le=10_000, example=60),
    ] = None,
    phytate_mg: Annotated[
        float | None,
        _float(
            "Daily phytate intake in mg (zinc); default: a mixed diet.",
            ge=0,
            le=1_000_000,
            example=1200,
        ),
    ] = None,
) -> JSONResponse:
    kb = state_of(request).kb
    result = calculators.targets_result(
        kb,
        sex=sex,
        age=age,
        age_months=age_months,
        pregnant=pregnant,
        lactating=lactating,
        trimester=trimester,
        postpartum_months=postpartum_months,
        system=system,
        weight_kg=weight_kg,
        phytate_mg=phytate_mg,
    )
    return answer(contract.targets_json(kb, result))


@router.get(
    "/elemental",
    summary="Elemental magnesium of a dose or a label (mgcoach elemental)",
    response_model=ElementalAnswer,
)
def elemental(
    request: Request,
    compound: Annotated[
        str | None,
        _text("Compound, e.g. 'magnesium citrate'.", example="magnesium citrate", max_length=200),
    ] = None,
    dose_mg: Annotated[
        float | None, _float("Compound dose in mg.", ge=0, le=10_000_000, example=500)
    ] = None,
    label: Annotated[
        str | None,
        Query(
            description="A label line, e.g. 'Magnesium (as citrate) 200 mg' (instead of "
            "compound and dose_mg).",
            max_length=500,
        ),
    ] = None,
    elemental_mg: Annotated[
        float | None,
        _float(
            "Find the compound dose that gives this much magnesium (instead of dose_mg).",
            ge=0,
            le=10_000_000,
        ),
    ] = None,
) -> JSONResponse:
    kb = state_of(request).kb
    result = calculators.elemental_result(
        kb, compound, dose_mg, label=label, elemental_mg=elemental_mg
    )
    return answer(contract.elemental_json(kb, result))


@router.get(
    "/amount",
    summary="Magnesium in mg, g, mmol and mEq (mgcoach amount)",
    response_model=AmountAnswer,
)
def amount(
    value: Annotated[float, _float("The amount.", ge=0, le=1e9, example=4)],
    unit: Annotated[str, _text("mg, g, mmol or mEq.", example="mmol", max_length=20)],
) -> JSONResponse:
    return answer(contract.amount_json(calculators.amount_result(value, unit)))


@router.get(
    "/serum",
    summary="Convert and classify a serum magnesium value (mgcoach serum)",
    response_model=SerumAnswer,
)
def serum(
    request: Request,
    value: Annotated[float, _float("The laboratory value.", ge=0, le=SERUM_LIMIT, example=0.68)],
    unit: Annotated[str, _text("mmol/L, mg/dL or mEq/L.", example="mmol/L", max_length=20)],
    lab_range: Annotated[
        str | None,
        _text(
            "Your laboratory's reference range in the same unit, LOW-HIGH.",
            example="0.70-1.00",
            max_length=40,
        ),
    ] = None,
) -> JSONResponse:
    kb = state_of(request).kb
    result = calculators.serum_result(kb, value, unit, lab_range)
    return answer(contract.serum_json(kb, result))


@router.get(
    "/energy",
    summary="Calorie target (mgcoach energy)",
    response_model=EnergyAnswer,
)
def energy(
    request: Request,
    age: Annotated[float, _float("Age in years (adults).", ge=0, le=1000, example=35)],
    sex: Sex,
    activity: Annotated[
        str,
        _text(
            "Activity factor (1.2–1.9) or sedentary, light, moderate, very, extra.",
            example="moderate",
            min_length=1,
            max_length=40,
        ),
    ],
    weight_kg: Annotated[float | None, _float("Weight in kg.", ge=0, le=10_000, example=70)] = None,
    weight_lb: Annotated[float | None, _float("Weight in pounds.", ge=0, le=20_000)] = None,
    height_cm: Annotated[
        float | None, _float("Height in cm.", ge=0, le=10_000, example=175)
    ] = None,
    height_in: Annotated[float | None, _float("Height in inches.", ge=0, le=4_000)] = None,
    goal_kg_per_week: Annotated[
        float | None,
        _float("Weight change per week in kg, from -1 to 1.", ge=-100, le=100, example=-0.5),
    ] = None,
    goal_lb_per_week: Annotated[
        float | None,
        _float("Weight change per week in pounds: -2 to -0.5 or 0.5 to 2.", ge=-200, le=200),
    ] = None,
) -> JSONResponse:
    kb = state_of(request).kb
    result = calculators.energy_result(
        kb,
        age=age,
        sex=sex,
        activity=activity,
        weight_kg=weight_kg,
        weight_lb=weight_lb,
        height_cm=height_cm,
        height_in=height_in,
        goal_kg_per_week=goal_kg_per_week,
        goal_lb_per_week=goal_lb_per_week,
    )
    return answer(contract.energy_json(kb, result))


@router.get(
    "/check",
    summary="Doses against the upper limit, kidneys, medicines (mgcoach check)",
    response_model=CheckAnswer,
)
def check(
    request: Request,
    age: Age,
    sex: Sex,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    system: System = "us",
    weight_kg: WeightKg = None,
    egfr: Egfr = None,
    dialysis: Dialysis = False,
    med: Med = [],  # noqa: B006 - FastAPI copies parameter defaults
    take: Annotated[
        list[Name],
        _list(
            "A daily magnesium dose in elemental mg and its time: MG@HH:MM; repeat the "
            "parameter for more doses.",
            example="200@21:00",
        ),
    ] = [],  # noqa: B006
    prescribed: Prescribed = False,
    compound: Compound = None,
    condition: Condition = [],  # noqa: B006
    meals: Meals = None,
    evening: Evening = True,
    with_meals: WithMeals = True,
    awake: Awake = None,
    max_dose_mg: MaxDose = None,
) -> JSONResponse:
    kb = state_of(request).kb
    result = calculators.check_result(
        kb,
        age=age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
        weight_kg=weight_kg, egfr=egfr, dialysis=dialysis, med=med, take=take,
        compound=compound, condition=condition, meals=meals, evening=evening,
        with_meals=with_meals, awake=awake, max_dose_mg=max_dose_mg, prescribed=prescribed,
    )  # fmt: skip
    return answer(check_json(kb, result))


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


@router.get(
    "/advice",
    summary="The personal supplement plan (mgcoach advise)",
    response_model=AdviceAnswer,
)
def advice(
    request: Request,
    age: Age,
    sex: Sex,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    system: System = "us",
    weight_kg: WeightKg = None,
    food_mg: Annotated[
        float | None,
        _float("Magnesium from food per day, in mg.", ge=0, le=100_000, example=250),
    ] = None,
    symptom: Annotated[
        list[Name],
        _list("A symptom or complaint, e.g. cramps, fatigue; repeat.", example="cramps"),
    ] = [],  # noqa: B006
    med: Med = [],  # noqa: B006
    take: Annotated[
        list[Name],
        _list(
            "Magnesium you already take a day, in elemental mg, and its time: MG@HH:MM; repeat "
            "the parameter for more doses. Antacids and laxatives with magnesium go in med.",
            example="200@21:00",
        ),
    ] = [],  # noqa: B006
    prescribed: Prescribed = False,
    egfr: Egfr = None,
    dialysis: Dialysis = False,
    serum: Annotated[
        str | None,
        _text(
            "A serum magnesium result (the CLI's --serum VALUE UNIT): the value with its unit "
            "in one parameter (serum=0.72 mmol/L), or the value alone with serum_unit "
            "(serum=0.72&serum_unit=mmol/L).",
            example="0.72 mmol/L",
            max_length=40,
        ),
    ] = None,
    serum_unit: Annotated[
        str | None,
        Query(
            description="The unit of serum when given apart: mmol/L, mg/dL or mEq/L.",
            max_length=20,
        ),
    ] = None,
    condition: Condition = [],  # noqa: B006
    need: Annotated[
        list[Name],
        _list(
            "A wish for the form: gi_sensitive, constipation, fewer_tablets; repeat.",
            example="gi_sensitive",
            max_items=10,
        ),
    ] = [],  # noqa: B006
    compound: Compound = None,
    meals: Meals = None,
    evening: Evening = True,
    with_meals: WithMeals = True,
    awake: Awake = None,
    max_dose_mg: MaxDose = None,
) -> JSONResponse:
    kb = state_of(request).kb
    plan = calculators.advice_result(
        kb,
        age=age, sex=sex, pregnant=pregnant, lactating=lactating, system=system,
        weight_kg=weight_kg, food_mg=food_mg, symptom=symptom, med=med, egfr=egfr,
        dialysis=dialysis, serum=parse_serum(serum, serum_unit), condition=condition,
        need=need, compound=compound, meals=meals, evening=evening, with_meals=with_meals,
        awake=awake, max_dose_mg=max_dose_mg, take=take, prescribed=prescribed,
    )  # fmt: skip
    return answer(advice_json(kb, plan))


@router.get(
    "/names",
    summary="The medicines, symptoms and conditions known (mgcoach names)",
    response_model=NamesAnswer,
)
def names(request: Request) -> JSONResponse:
    return answer(known_names(state_of(request).kb))

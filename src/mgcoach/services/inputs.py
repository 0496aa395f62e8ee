"""What each calculator takes, declared once for every face.

A use case's inputs are a frozen dataclass: each field's name is the CLI option (``weight_kg``
-> ``--weight-kg``) and the API's query parameter, its type and default are both faces' type
and default, and its `Input` holds the help text (a msgid: the CLI translates it, the API
describes the parameter in English), the bounds the API enforces and an example. The
adapters are ``cli/inputs.py`` (Typer options) and ``web/api/inputs.py`` (a Pydantic query
model); the services in ``services/calculators.py`` take the dataclass.

The CLI does not enforce the bounds: the engine refuses a value with its precise limits in the
user's language, and the API's bounds only keep absurd values (1e300, 10,000 items) out.
A repeated option (``--med a --med b``, ``med=a&med=b``) is a ``tuple[str, ...]``.

No pydantic, Typer or FastAPI here: the CLI reads these at start-up.
"""

from collections.abc import Mapping
from dataclasses import field
from types import MappingProxyType
from typing import Annotated

from ..frozen import frozen
from ..i18n import N_

NEEDS = ("gi_sensitive", "constipation", "fewer_tablets")
SERUM_LIMIT = 1000.0  # a serum value beyond this is a typing error in any unit


@frozen(slots=False)
class Input:
    """How one input is offered: its help, its bounds and an example."""

    help: str
    """The help text, a msgid with ``{name}`` fields filled from ``values`` (plain English for
    an input only the API offers)."""
    ge: float | None = None
    le: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    """The longest text, or the most items of a repeated input."""
    example: object = None
    flag: str | None = None
    """The CLI's spelling when it is not ``--name`` (``--evening/--no-evening``)."""
    argument: bool = False
    """A positional argument on the CLI (a query parameter all the same)."""
    values: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def text(self, translated: str | None = None) -> str:
        """The help text (``translated``, or the English msgid) with its values filled in."""
        text = self.help if translated is None else translated
        return text.format(**self.values) if self.values else text


# --- inputs several use cases share ---------------------------------------------------------

Sex = Annotated[str, Input(N_("female or male."), min_length=1, max_length=20, example="female")]
Age = Annotated[float, Input(N_("Age in years."), ge=0, le=1000, example=45)]
Pregnant = Annotated[bool, Input(N_("Pregnant."))]
Lactating = Annotated[bool, Input(N_("Breastfeeding."))]
System = Annotated[str, Input(N_("us, efsa, nl, uk or dach."), max_length=20, example="efsa")]
BodyWeight = Annotated[float | None, Input(N_("Body weight in kg."), ge=0, le=10_000, example=70)]
Egfr = Annotated[
    float | None,
    Input(N_("Kidney function: eGFR in mL/min/1.73 m²."), ge=0, le=10_000, example=45),
]
Dialysis = Annotated[bool, Input(N_("On dialysis."))]
Med = Annotated[
    tuple[str, ...],
    Input(
        N_(
            "A medicine, its times and how often: NAME@HH:MM[,HH:MM...][/FREQUENCY], "
            "FREQUENCY daily (the default), weekly:mon[,thu...] (mon … sun or ma … zo) or "
            "every:Nd:YYYY-MM-DD (every N days from that date), e.g. "
            "alendronate@07:00/weekly:mon; repeat."
        ),
        max_length=30,
        example="levothyroxine@07:00",
    ),
]
Condition = Annotated[
    tuple[str, ...],
    Input(
        N_("A condition or risk group, e.g. 'diabetes', 'athlete'; repeat."),
        max_length=30,
        example="athlete",
    ),
]
Compound = Annotated[
    str | None,
    Input(N_("The magnesium compound you take, e.g. citrate."), max_length=200, example="citrate"),
]
Meals = Annotated[
    str | None,
    Input(
        N_("Your meal times, HH:MM,HH:MM,... (default 08:00,12:30,18:30)."),
        max_length=200,
        example="07:30,12:00,18:00",
    ),
]
Evening = Annotated[bool, Input(N_("Prefer an evening dose."), flag="--evening/--no-evening")]
WithMeals = Annotated[bool, Input(N_("Take magnesium with meals."), flag="--with-meals/--any-time")]
Awake = Annotated[
    str | None,
    Input(
        N_("Waking hours for doses, HH:MM-HH:MM (default 07:00-22:30)."),
        max_length=40,
        example="06:30-23:00",
    ),
]
MaxDose = Annotated[
    float | None,
    Input(
        N_("Largest single dose in mg before splitting (default 125)."),
        ge=0,
        le=100_000,
        example=200,
    ),
]
Prescribed = Annotated[
    bool,
    Input(
        N_(
            "A doctor prescribed the magnesium you take: times are suggested for it even "
            "above the upper limit."
        )
    ),
]


# --- the use cases ---------------------------------------------------------------------------


@frozen(kw_only=True, slots=False)
class TargetsInput:
    """``mgcoach targets`` and ``GET /targets``."""

    sex: Sex
    age: Annotated[float | None, Input(N_("Age in years."), ge=0, le=1000, example=32)] = None
    age_months: Annotated[int | None, Input(N_("Age in months (infants)."), ge=0, le=20_000)] = None
    pregnant: Pregnant = False
    lactating: Lactating = False
    trimester: Annotated[int | None, Input(N_("Trimester: 1, 2 or 3."), ge=1, le=3)] = None
    postpartum_months: Annotated[
        int | None, Input(N_("Months since birth, while breastfeeding."), ge=0, le=1000)
    ] = None
    system: System = "us"
    weight_kg: Annotated[
        float | None,
        Input(N_("Body weight in kg (protein scales with it)."), ge=0, le=10_000, example=60),
    ] = None
    phytate_mg: Annotated[
        float | None,
        Input(
            N_("Daily phytate intake in mg (zinc); default: a mixed diet."),
            ge=0,
            le=1_000_000,
            example=1200,
        ),
    ] = None


@frozen(kw_only=True, slots=False)
class ElementalInput:
    """``mgcoach elemental`` and ``GET /elemental``: a compound dose, a label line, or the
    compound dose that gives an amount of magnesium."""

    compound: Annotated[
        str | None,
        Input(
            N_("Compound, e.g. 'magnesium citrate'."),
            max_length=200,
            example="magnesium citrate",
            argument=True,
        ),
    ] = None
    dose_mg: Annotated[
        float | None,
        Input(N_("Compound dose in mg."), ge=0, le=10_000_000, example=500, argument=True),
    ] = None
    label: Annotated[
        str | None,
        Input(N_("A label line, e.g. 'Magnesium (as citrate) 200 mg'."), max_length=500),
    ] = None
    elemental_mg: Annotated[
        float | None,
        Input(N_("Find the compound dose that gives this much magnesium."), ge=0, le=10_000_000),
    ] = None


@frozen(kw_only=True, slots=False)
class AmountInput:
    """``mgcoach amount`` and ``GET /amount``."""

    value: Annotated[float, Input(N_("The amount."), ge=0, le=1e9, example=4, argument=True)]
    unit: Annotated[
        str, Input(N_("mg, g, mmol or mEq."), max_length=20, example="mmol", argument=True)
    ]


@frozen(kw_only=True, slots=False)
class SerumInput:
    """``mgcoach serum`` and ``GET /serum``."""

    value: Annotated[
        float,
        Input(N_("The laboratory value."), ge=0, le=SERUM_LIMIT, example=0.68, argument=True),
    ]
    unit: Annotated[
        str,
        Input(N_("mmol/L, mg/dL or mEq/L."), max_length=20, example="mmol/L", argument=True),
    ]
    lab_range: Annotated[
        str | None,
        Input(
            N_("Your laboratory's reference range in the same unit, LOW-HIGH."),
            max_length=40,
            example="0.70-1.00",
        ),
    ] = None


@frozen(kw_only=True, slots=False)
class EnergyInput:
    """``mgcoach energy`` and ``GET /energy``: weight and height in one unit each."""

    age: Annotated[float, Input(N_("Age in years (adults)."), ge=0, le=1000, example=35)]
    sex: Sex
    activity: Annotated[
        str,
        Input(
            N_("Activity factor (1.2–1.9) or sedentary, light, moderate, very, extra."),
            min_length=1,
            max_length=40,
            example="moderate",
        ),
    ]
    weight_kg: Annotated[float | None, Input(N_("Weight in kg."), ge=0, le=10_000, example=70)] = (
        None
    )
    weight_lb: Annotated[float | None, Input(N_("Weight in pounds."), ge=0, le=20_000)] = None
    height_cm: Annotated[float | None, Input(N_("Height in cm."), ge=0, le=10_000, example=175)] = (
        None
    )
    height_in: Annotated[float | None, Input(N_("Height in inches."), ge=0, le=4_000)] = None
    goal_kg_per_week: Annotated[
        float | None,
        Input(
            N_("Weight change per week in kg: -1 to 1 (negative to lose)."),
            ge=-100,
            le=100,
            example=-0.5,
        ),
    ] = None
    goal_lb_per_week: Annotated[
        float | None,
        Input(N_("Weight change per week in pounds: -2 to 2 (negative to lose)."), ge=-200, le=200),
    ] = None


@frozen(kw_only=True, slots=False)
class CheckInput:
    """``mgcoach check`` and ``GET /check``."""

    age: Age
    sex: Sex
    pregnant: Pregnant = False
    lactating: Lactating = False
    system: System = "us"
    weight_kg: BodyWeight = None
    egfr: Egfr = None
    dialysis: Dialysis = False
    med: Med = ()
    take: Annotated[
        tuple[str, ...],
        Input(
            N_("A daily magnesium dose in elemental mg and its time: MG@HH:MM; repeat."),
            max_length=30,
            example="200@21:00",
        ),
    ] = ()
    prescribed: Prescribed = False
    compound: Compound = None
    condition: Condition = ()
    meals: Meals = None
    evening: Evening = True
    with_meals: WithMeals = True
    awake: Awake = None
    max_dose_mg: MaxDose = None


@frozen(kw_only=True, slots=False)
class AdviceInput:
    """``mgcoach advise`` and ``GET /advice``."""

    age: Age
    sex: Sex
    pregnant: Pregnant = False
    lactating: Lactating = False
    system: System = "us"
    weight_kg: BodyWeight = None
    food_mg: Annotated[
        float | None,
        Input(N_("Magnesium from food per day, in mg."), ge=0, le=100_000, example=250),
    ] = None
    symptom: Annotated[
        tuple[str, ...],
        Input(
            N_("A symptom or complaint, e.g. cramps, fatigue; repeat."),
            max_length=30,
            example="cramps",
        ),
    ] = ()
    med: Med = ()
    take: Annotated[
        tuple[str, ...],
        Input(
            N_(
                "Magnesium you already take a day, in elemental mg, and its time: MG@HH:MM; "
                "repeat. Antacids and laxatives with magnesium are given as medicines."
            ),
            max_length=30,
            example="200@21:00",
        ),
    ] = ()
    prescribed: Prescribed = False
    egfr: Egfr = None
    dialysis: Dialysis = False
    serum: Annotated[
        tuple[float, str] | None,
        Input(N_("A serum magnesium result: VALUE UNIT, e.g. 0.72 mmol/L.")),
    ] = None
    condition: Condition = ()
    need: Annotated[
        tuple[str, ...],
        Input(
            N_("A wish for the form: {choices}; repeat."),
            max_length=10,
            example="gi_sensitive",
            values=MappingProxyType({"choices": ", ".join(NEEDS)}),
        ),
    ] = ()
    compound: Compound = None
    meals: Meals = None
    evening: Evening = True
    with_meals: WithMeals = True
    awake: Awake = None
    max_dose_mg: MaxDose = None


@frozen(kw_only=True, slots=False)
class SerumText:
    """How the API spells advice's ``serum`` (the CLI's ``--serum VALUE UNIT``): the value
    with its unit in one parameter, or the value alone with ``serum_unit``. The API only:
    its texts are English, not msgids."""

    serum: Annotated[
        str | None,
        Input(
            "A serum magnesium result: the value with its unit in one parameter "
            "(serum=0.72 mmol/L), or the value alone with serum_unit "
            "(serum=0.72&serum_unit=mmol/L).",
            max_length=40,
            example="0.72 mmol/L",
        ),
    ] = None
    serum_unit: Annotated[
        str | None,
        Input("The unit of serum when given apart: mmol/L, mg/dL or mEq/L.", max_length=20),
    ] = None

"""The person a target is for, validated once: impossible profiles never reach the engine."""

from __future__ import annotations

from ..errors import ProfileError
from ..frozen import frozen
from ..i18n import N_
from ..knowledge.ages import MONTHS_PER_YEAR
from ..knowledge.vocabulary import Sex, State, System

MAX_AGE_YEARS = 125
CHILDBEARING_AGE_YEARS = (10, 60)
WEIGHT_RANGE_KG = (0.5, 400.0)
PHYTATE_RANGE_MG = (0.0, 5000.0)
POSTPARTUM_MAX_MONTHS = 60


@frozen(kw_only=True)
class Profile:
    age_months: int
    sex: Sex
    state: State = State.NONE
    trimester: int | None = None
    postpartum_months: int | None = None
    weight_kg: float | None = None
    phytate_mg: float | None = None

    @property
    def age_years(self) -> int:
        return self.age_months // MONTHS_PER_YEAR


def parse_sex(text: str) -> Sex:
    wanted = text.strip().lower()
    aliases = {"female": Sex.FEMALE, "f": Sex.FEMALE, "vrouw": Sex.FEMALE, "v": Sex.FEMALE}
    aliases |= {"male": Sex.MALE, "m": Sex.MALE, "man": Sex.MALE}
    if wanted not in aliases:
        raise ProfileError(N_("Unknown sex {sex}: use female or male."), field="sex", sex=text)
    return aliases[wanted]


def parse_system(text: str) -> System:
    try:
        return System(text.strip().lower())
    except ValueError:
        raise ProfileError(
            N_("Unknown reference system {system}: use one of {choices}."),
            field="system",
            system=text,
            choices=", ".join(s.value for s in System),
        ) from None


def _age_in_months(age_years: float | None, age_months: int | None) -> int:
    if age_years is not None and age_months is not None:
        raise ProfileError(
            N_("Give the age in years or in months, not both."), field=("age", "age_months")
        )
    if age_years is None and age_months is None:
        raise ProfileError(
            N_("An age is needed: give it in years, or in months for infants."), field="age"
        )
    if age_months is not None:
        months = age_months
    else:
        assert age_years is not None
        months = int(age_years * MONTHS_PER_YEAR)
    if not 0 <= months <= MAX_AGE_YEARS * MONTHS_PER_YEAR or (
        age_years is not None and age_years < 0
    ):
        raise ProfileError(
            N_("An age of {age} is not possible: give an age from 0 to {max} years."),
            field="age" if age_years is not None else "age_months",
            age=age_years if age_years is not None else f"{age_months} m",
            max=MAX_AGE_YEARS,
        )
    return months


def _state(sex: Sex, pregnant: bool, lactating: bool, age_months: int) -> State:
    if not (pregnant or lactating):
        return State.NONE
    if pregnant and lactating:
        raise ProfileError(
            N_("Give pregnant or lactating, not both: the tables publish separate values."),
            field="lactating",  # the second box is the one to take back
        )
    checked = "pregnant" if pregnant else "lactating"
    if sex is not Sex.FEMALE:
        raise ProfileError(N_("A male profile cannot be pregnant or lactating."), field=checked)
    low, high = CHILDBEARING_AGE_YEARS
    if not low * MONTHS_PER_YEAR <= age_months < (high + 1) * MONTHS_PER_YEAR:
        raise ProfileError(
            N_("Pregnancy and lactation are accepted from age {low} to {high} years."),
            field=checked,
            low=low,
            high=high,
        )
    return State.PREGNANT if pregnant else State.LACTATING


def build_profile(
    *,
    sex: str,
    age_years: float | None = None,
    age_months: int | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    trimester: int | None = None,
    postpartum_months: int | None = None,
    weight_kg: float | None = None,
    phytate_mg: float | None = None,
) -> Profile:
    """Validate raw inputs into a Profile, raising ProfileError with a user-ready message."""
    parsed_sex = parse_sex(sex)
    months = _age_in_months(age_years, age_months)
    state = _state(parsed_sex, pregnant, lactating, months)
    if trimester is not None:
        if state is not State.PREGNANT:
            raise ProfileError(N_("A trimester applies only to a pregnancy."), field="trimester")
        if trimester not in (1, 2, 3):
            raise ProfileError(N_("The trimester must be 1, 2 or 3."), field="trimester")
    if postpartum_months is not None:
        if state is not State.LACTATING:
            raise ProfileError(
                N_("Months after birth apply only while breastfeeding."), field="postpartum_months"
            )
        if not 0 <= postpartum_months <= POSTPARTUM_MAX_MONTHS:
            raise ProfileError(
                N_("Months after birth must be from 0 to {max}."),
                field="postpartum_months",
                max=POSTPARTUM_MAX_MONTHS,
            )
    if weight_kg is not None and not WEIGHT_RANGE_KG[0] <= weight_kg <= WEIGHT_RANGE_KG[1]:
        raise ProfileError(
            N_("A weight of {weight} kg is not possible: give {low} to {high} kg."),
            field="weight_kg",
            weight=weight_kg,
            low=WEIGHT_RANGE_KG[0],
            high=WEIGHT_RANGE_KG[1],
        )
    if phytate_mg is not None and not PHYTATE_RANGE_MG[0] <= phytate_mg <= PHYTATE_RANGE_MG[1]:
        raise ProfileError(
            N_("Phytate intake must be from {low} to {high} mg per day."),
            field="phytate_mg",
            low=PHYTATE_RANGE_MG[0],
            high=PHYTATE_RANGE_MG[1],
        )
    return Profile(
        age_months=months,
        sex=parsed_sex,
        state=state,
        trimester=trimester,
        postpartum_months=postpartum_months,
        weight_kg=weight_kg,
        phytate_mg=phytate_mg,
    )

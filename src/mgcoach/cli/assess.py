"""`mgcoach assess`: the guided assessment — questions with defaults, then the personal plan.

Each answer is validated as it is given (the same parsers as the options of `advise`); a bad
answer is explained in the user's language and asked again. At the end of input (a closed or
non-interactive stdin) the remaining questions take their defaults, so `make run` always ends
with a plan.
"""

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from ..errors import InputError, MgCoachError
from ..i18n import N_, _, get_language, translate
from .output import console, emit, plain, strong
from .root import Json, Lang, app, check_lang

if TYPE_CHECKING:
    from ..knowledge import KnowledgeBase

T = TypeVar("T")
MAX_TRIES = 5


class _EndOfInputError(Exception):
    pass


def _read(prompt: str, default: str) -> str:
    shown = plain(f" [{default}]") if default else ""
    console.print(f"{strong(prompt)}{shown}: ", end="")
    line = sys.stdin.readline()
    if not line:
        console.print()
        raise _EndOfInputError
    if not sys.stdin.isatty():
        console.print(plain(line.rstrip("\n")), highlight=False)
    return line.strip() or default


class Questions:
    def __init__(self) -> None:
        self.defaults_only = False

    def ask(self, prompt: str, default: str, parse: Callable[[str], T]) -> T:
        for _attempt in range(MAX_TRIES):
            if self.defaults_only:
                return parse(default)
            try:
                answer = _read(prompt, default)
            except _EndOfInputError:
                self.defaults_only = True
                console.print(_("No more answers: the remaining questions take their defaults."))
                return parse(default)
            try:
                return parse(answer)
            except MgCoachError as error:
                console.print(plain(translate(error.message, error.params)), style="red")
        raise InputError(N_("Too many invalid answers; the assessment stops."))


def _yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("y", "yes", "j", "ja"):
        return True
    if answer in ("n", "no", "nee"):
        return False
    raise InputError(N_("Answer yes or no, not {answer}."), answer=text)


def _number(low: float, high: float) -> Callable[[str], float | None]:
    def parse(text: str) -> float | None:
        if not text.strip():
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise InputError(N_("{value} is not a number."), value=text) from None
        if not low <= value <= high:
            raise InputError(
                N_("Give a number from {low} to {high}, not {value}."),
                low=low,
                high=high,
                value=text,
            )
        return value

    return parse


def _list(check: Callable[[str], Any]) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        items = [item.strip() for item in text.split(";" if "@" in text else ",") if item.strip()]
        for item in items:
            check(item)
        return items

    return parse


def _serum(text: str) -> tuple[float, str] | None:
    if not text.strip():
        return None
    from ..units import parse_serum_unit

    value, _space, unit = text.strip().partition(" ")
    number = _number(0.01, 20)(value)
    parse_serum_unit(unit or "mmol/L")
    return (number or 0.0, unit or "mmol/L")


class _Person(TypedDict):
    age: float | None
    sex: str
    pregnant: bool
    lactating: bool
    system: str


class _Answers(_Person):
    """The guided answers, as the keyword arguments of ``build_plan``."""

    weight_kg: float | None
    food_mg: float | None
    symptoms: list[str]
    meds: list[str]
    egfr: float | None
    dialysis: bool
    serum: tuple[float, str] | None
    conditions: list[str]
    needs: list[str]
    compound: str | None
    take: list[str]
    prescribed: bool


def _person(q: Questions) -> _Person:
    """Who the plan is for: age, sex, pregnancy and the reference system."""
    from ..engine.profile import parse_sex, parse_system
    from ..knowledge.vocabulary import Sex

    age = q.ask(_("Your age in years"), "45", _number(1, 125))
    sex = q.ask(_("Sex (female or male)"), "female", lambda t: parse_sex(t) and t)
    pregnant = lactating = False
    if parse_sex(sex) is Sex.FEMALE and age is not None and 10 <= age <= 60:
        pregnant = q.ask(_("Pregnant? (yes/no)"), "no", _yes_no)
        if not pregnant:
            lactating = q.ask(_("Breastfeeding? (yes/no)"), "no", _yes_no)
    default_system = "nl" if get_language() == "nl" else "us"
    system = q.ask(
        _("Reference system (us, efsa, nl, uk, dach)"),
        default_system,
        lambda t: parse_system(t) and t,
    )
    return {"age": age, "sex": sex, "pregnant": pregnant, "lactating": lactating, "system": system}


def _interview(kb: "KnowledgeBase") -> _Answers:
    from ..engine.advice import FOOD_MG_RANGE
    from ..engine.check import validate_egfr
    from ..engine.clock import parse_med, parse_take
    from ..engine.names import find_concern, find_condition, find_drug

    q = Questions()
    person = _person(q)
    food = q.ask(
        _("Magnesium from food per day in mg (empty: unknown)"), "", _number(*FOOD_MG_RANGE)
    )
    meds = q.ask(
        _("Medicines with times, NAME@HH:MM, separated by ';' (empty: none)"),
        "",
        _list(lambda item: find_drug(kb, parse_med(item)[0])),
    )
    symptoms = q.ask(
        _("Symptoms, separated by commas (e.g. cramps, fatigue; empty: none)"),
        "",
        _list(lambda item: find_concern(kb, item)),
    )
    conditions = q.ask(
        _("Conditions or risk groups, separated by commas (e.g. diabetes, athlete; empty: none)"),
        "",
        _list(lambda item: find_condition(kb, item)),
    )
    egfr = q.ask(
        _("Kidney function, eGFR (empty: unknown)"), "", lambda t: validate_egfr(_number(0, 200)(t))
    )
    serum = q.ask(_("Blood magnesium, e.g. 0.72 mmol/L (empty: unknown)"), "", _serum)
    take = q.ask(
        _(
            "Magnesium supplements you already take a day, elemental mg with the time, "
            "MG@HH:MM, separated by ';' (empty: none)"
        ),
        "",
        _list(parse_take),
    )
    prescribed = bool(take) and q.ask(
        _("Did a doctor prescribe this amount? (yes/no)"), "no", _yes_no
    )
    return {
        **person,
        "weight_kg": None, "food_mg": food, "symptoms": symptoms, "meds": meds, "egfr": egfr,
        "dialysis": False, "serum": serum, "conditions": conditions, "needs": [], "compound": None,
        "take": take, "prescribed": prescribed,
    }  # fmt: skip


@app.command(help=N_("The guided assessment: answer a few questions, get your plan."))
def assess(json_: Json = False, lang: Lang = None) -> None:
    check_lang(lang)
    from ..contract.advice import advice_json
    from ..knowledge import load_knowledge
    from ..services.calculators import build_plan, preferences
    from . import safety_views

    kb = load_knowledge()
    console.print(_("Mg Coach informs; it does not diagnose. Press Enter to accept a default."))
    answers = _interview(kb)
    plan = build_plan(kb, **answers, prefs=preferences(kb, None, True, True, None, None))
    console.print()
    emit(advice_json(kb, plan), json_, lambda: safety_views.render_plan(kb, plan))

"""Plan: the supplement advice for this person on a day, as ``mgcoach advise`` makes it (the
profile, the day's food magnesium, the magnesium supplements logged that day as ``--take``, the
day's symptoms, the latest serum value, the medicines at the day's times), rendered from
``contract.advice.advice_json``; then the foods that close the day's gap
(``services.food_suggest.plan_gap``, rendered from ``contract.foods.gap_plan_json``).

The safety gate's verdict comes first; under a verdict that allows no plan there is no dose, no
build-up and no dose time. ``?prescribed=1`` is ``advise --prescribed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...contract.advice import advice_json
from ...contract.foods import gap_plan_json
from ...engine.advice import FOOD_MG_RANGE, Plan, advise
from ...engine.clock import format_time
from ...engine.day import DayAssessment, day_doses, day_medications
from ...engine.interactions import MagnesiumDose
from ...engine.names import find_concern
from ...engine.schedule import Preferences
from ...errors import UnknownNameError
from ...journal.model import Entry, PersonProfile
from ...knowledge import KnowledgeBase
from ...knowledge.advice import Concern
from ...knowledge.safety import Symptom
from ...knowledge.vocabulary import System
from ...services.day import day_report
from ...services.food_suggest import MAX_GAP_MG, plan_gap
from ...services.journal import engine_profile
from ..context import PROFILE, Viewer, signed_in, state_of
from ..templating import render
from .today import INTERACTION_KINDS, day_of, profile_of, shown_by_gate, to_onboarding

router = APIRouter(include_in_schema=False)
# Issues the Safety list shows with their medicine, the kidneys or the red flags instead.
SHOWN_APART = INTERACTION_KINDS | {"kidney", "red_flag"}


def day_concerns(
    kb: KnowledgeBase, entries: Sequence[Entry]
) -> tuple[tuple[Concern, ...], tuple[Symptom, ...]]:
    """The day's logged symptoms as `advise --symptom` reads them: a complaint (cramps,
    soreness, ...) or a sign the risk screen counts; a symptom that maps to neither is left out."""
    concerns: dict[str, Concern] = {}
    signs: dict[str, Symptom] = {}
    for entry in entries:
        if entry.kind != "symptom":
            continue
        try:
            found = find_concern(kb, str(entry.detail["symptom"]).replace("_", " "))
        except UnknownNameError:
            continue
        if isinstance(found, str):
            signs[found] = kb.safety.symptoms[found]
        else:
            concerns[found.slug] = found
    return tuple(concerns.values()), tuple(signs.values())


def personal_plan(
    kb: KnowledgeBase, person: PersonProfile, report: DayAssessment, *, prescribed: bool = False
) -> Plan:
    """`mgcoach advise` for the person as the profile describes them on the report's day, with
    the day's logged supplements as magnesium already taken and the medicines at the day's
    times, as the day's own check counts them (so Today and Plan agree on the gap)."""
    magnesium = report.nutrient("magnesium")
    food_mg = None
    if magnesium.food_entries and magnesium.food is not None:
        food_mg = min(magnesium.food, FOOD_MG_RANGE[1])
    concerns, signs = day_concerns(kb, report.entries)
    return advise(
        kb,
        System(person.system),
        engine_profile(person, report.day),
        food_mg=food_mg,
        concerns=concerns,
        symptoms=signs,
        medications=day_medications(kb, person, report.entries),
        egfr=person.egfr,
        on_dialysis=person.dialysis,
        serum=report.serum,
        preferences=Preferences.from_dosing(kb.advice.dosing),
        taken=day_doses(report.entries),
        prescribed=prescribed,
    )


def day_timeline(
    kb: KnowledgeBase, advice: dict[str, Any], taken: Sequence[MagnesiumDose] = ()
) -> list[dict[str, Any]]:
    """The day's clock: each medicine time, each magnesium dose already taken (logged with a
    time) and each planned dose, in time order, a planned dose marked when it falls with a meal
    or in the evening (the dosing conventions' times). Without a plan (``supplement`` is null)
    there are no magnesium rows at all."""
    dosing = kb.advice.dosing
    window = dosing.meal_window_minutes.value
    rows: list[dict[str, Any]] = [
        {"time": at, "kind": "medicine", "name": item["drug_given"], "mg": None}
        | {"with_meal": False, "evening": False}
        for item in advice["safety"]["interactions"]
        for at in item["drug_times"]
    ]
    supplement = advice["supplement"]
    if supplement is None:
        return sorted(rows, key=lambda row: row["time"])
    for dose in taken:
        rows += [
            {"time": format_time(at), "kind": "taken", "name": None, "mg": dose.mg}
            | {"with_meal": False, "evening": False}
            for at in dose.times
        ]
    for dose in supplement["schedule"]["doses"]:
        hours, minutes = dose["time"].split(":")
        at = int(hours) * 60 + int(minutes)
        rows.append(
            {
                "time": dose["time"],
                "kind": "magnesium",
                "name": None,
                "mg": dose["mg"],
                "with_meal": any(abs(at - meal) <= window for meal in dosing.meal_times.minutes),
                "evening": at >= dosing.evening_from.minutes,
            }
        )
    rows.sort(key=lambda row: (row["time"], row["kind"] != "medicine"))
    return rows


@router.get("/plan")
def plan_page(
    request: Request,
    day_text: str | None = Query(None, alias="date"),
    prescribed: bool = Query(False),
    viewer: Viewer = Depends(signed_in),
) -> Response:
    state = state_of(request)
    day = day_of(day_text)
    person = profile_of(request, viewer)
    if person is None:
        return to_onboarding()
    kb = state.kb
    report = day_report(state.db, kb, PROFILE, day, owner=viewer.owner)
    plan = personal_plan(kb, person, report, prescribed=prescribed)
    advice = advice_json(kb, plan)
    magnesium = report.nutrient("magnesium")
    gap = magnesium.gap
    foods = None
    if gap is not None and gap > 0:
        foods = gap_plan_json(plan_gap(state.db, min(gap, MAX_GAP_MG)))
    return render(
        request,
        "plan.html",
        advice=advice,
        day=day,
        logged=magnesium.food_entries > 0,
        day_total=magnesium.total,
        day_supplement=magnesium.supplement,
        gap=gap,
        foods=foods,
        timeline=day_timeline(kb, advice, plan.taken),
        meals=[format_time(m) for m in kb.advice.dosing.meal_times.minutes],
        concerns=[c["name"] for c in advice["concerns"]],
        prescribed=prescribed,
        shown_elsewhere=shown_by_gate(advice["gate"]),
        shown_apart=SHOWN_APART,
    )

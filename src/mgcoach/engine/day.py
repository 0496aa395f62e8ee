"""One day of the journal, assessed: intake against target per nutrient, where the magnesium
came from, the two intake ratios, the safety check at the day's real clock times and the risk
screen from the day's symptoms and the latest lab value.

Pure: the entries come in, a DayAssessment goes out. Food magnesium never counts against the
supplemental upper limit (fact reference §2 rule 1); a food entry without a value for a
nutrient is counted in ``unknown_entries``, never taken as zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..foods.nutrition import Totals, total
from ..frozen import frozen
from ..i18n import N_, NP_
from ..journal.bounds import counting_problems
from ..journal.model import Entry, PersonProfile
from ..knowledge import KnowledgeBase
from ..knowledge.ratios import Ratio
from ..knowledge.vocabulary import System
from .check import CheckResult, Finding, check
from .day_entries import (
    Source,
    counted_foods,
    day_doses,
    day_medications,
    day_signs,
    gate_doses,
    out_of_bounds_finding,
    top_sources,
)
from .energy import ADULT_AGE_YEARS, energy_target
from .interactions import LEVEL_ORDER, Level
from .notes import Note
from .profile import Profile, parse_sex
from .risk import RiskScreen, screen
from .serum import SerumResult
from .targets import NutrientTarget, nutrient_target


@frozen
class DayNutrient:
    """One nutrient's day: what came from food and supplements against the target.

    ``key`` is the contract key (magnesium, ..., energy_kcal, protein_g); ``column`` the food
    nutrient key the amounts are stored under.
    """

    key: str
    column: str
    unit: str
    food: float | None
    supplement: float
    target: float | None
    unknown_entries: int
    food_entries: int
    target_kind: str | None = None
    limit: float | None = None  # sodium's ceiling or the nutrient's upper level
    limit_kind: str | None = None
    sources: tuple[str, ...] = ()
    target_note: Note | None = None

    @property
    def total(self) -> float | None:
        return None if self.food is None else self.food + self.supplement

    @property
    def percent_of_target(self) -> float | None:
        if self.total is None or not self.target:
            return None
        return 100.0 * self.total / self.target

    @property
    def gap(self) -> float | None:
        if self.total is None or self.target is None:
            return None
        return max(0.0, self.target - self.total)


# (contract key, food nutrient key, nutrients.toml slug or "" for the energy equation)
DAY_NUTRIENTS: tuple[tuple[str, str, str], ...] = (
    ("magnesium", "magnesium_mg", "magnesium"),
    ("calcium", "calcium_mg", "calcium"),
    ("potassium", "potassium_mg", "potassium"),
    ("sodium", "sodium_mg", "sodium"),
    ("zinc", "zinc_mg", "zinc"),
    ("energy_kcal", "energy_kcal", ""),
    ("protein_g", "protein_g", "protein"),
)


@frozen
class RatioValue:
    ratio: Ratio
    mass: float
    molar: float
    complete: bool  # no entry lacked either value

    @property
    def value(self) -> float:
        return self.molar if self.ratio.basis == "molar" else self.mass


@frozen
class DayAssessment:
    day: date
    system: System
    nutrients: tuple[DayNutrient, ...]
    top_sources: tuple[Source, ...]
    ratios: Mapping[str, RatioValue | None]
    safety: CheckResult
    risk: RiskScreen
    serum: SerumResult | None
    serum_day: date | None
    issues: tuple[Finding, ...]
    entries: tuple[Entry, ...]

    @property
    def usable_entries(self) -> tuple[Entry, ...]:
        """The day's entries within the journal's bounds: those its figures count."""
        return tuple(entry for entry in self.entries if not counting_problems(entry))

    def nutrient(self, key: str) -> DayNutrient:
        return next(n for n in self.nutrients if n.key == key)


def _energy(kb: KnowledgeBase, person: PersonProfile, day: date) -> tuple[float | None, Note]:
    missing = [
        field
        for field, value in (
            ("weight_kg", person.weight_kg),
            ("height_cm", person.height_cm),
            ("activity", person.activity),
        )
        if value is None
    ]
    if missing:
        # "options" keeps the command-line spelling it always had; "fields" names the inputs.
        return None, Note(
            code="energy_needs_body",
            message=N_(
                "An energy target needs the body weight, height and activity level in the profile."
            ),
            params={
                "options": ", ".join("--" + field.replace("_", "-") for field in missing),
                "fields": ", ".join(missing),
            },
        )
    age = person.age_at(day)
    if age < ADULT_AGE_YEARS or person.pregnant or person.lactating:
        return None, Note(
            code="energy_adults_only",
            message=N_(
                "The energy equation is for adults who are not pregnant or breastfeeding: "
                "no energy target is given."
            ),
        )
    assert person.weight_kg is not None and person.height_cm is not None
    assert person.activity is not None
    result = energy_target(
        kb,
        age_years=age,
        sex=parse_sex(person.sex),
        weight_kg=person.weight_kg,
        height_cm=person.height_cm,
        activity=person.activity,
    )
    return result.target_kcal, Note(
        code="energy_target",
        message=N_("Energy target: Mifflin–St Jeor × activity factor, to keep weight."),
        sources=result.sources,
    )


def _nutrient(
    key: str,
    column: str,
    slug: str,
    totals: Totals,
    supplement: float,
    target: NutrientTarget | None,
    energy: tuple[float | None, Note] | None,
) -> DayNutrient:
    food = totals.value(column)
    unknown = totals.unknown.get(column, 0)
    if food is None and totals.entries == unknown == 0:
        food = 0.0  # nothing eaten logged: zero from food, and nothing unknown
    if target is None:
        assert energy is not None
        value, note = energy
        return DayNutrient(
            key, column, "kcal", food, 0.0, value, unknown, totals.entries,
            target_kind="estimated_need" if value is not None else None,
            sources=note.sources, target_note=note,
        )  # fmt: skip
    limit = target.limit or target.ul
    return DayNutrient(
        key=key,
        column=column,
        unit=target.unit,
        food=food,
        supplement=supplement if slug == "magnesium" else 0.0,
        target=target.target,
        unknown_entries=unknown,
        food_entries=totals.entries,
        target_kind=target.kind,
        limit=limit.value if limit is not None else None,
        limit_kind=None
        if limit is None or limit.value is None
        else ("limit" if target.limit is not None else "ul"),
        sources=target.sources,
        target_note=target.reason,
    )


def ratio_values(
    kb: KnowledgeBase, nutrients: Mapping[str, DayNutrient]
) -> dict[str, RatioValue | None]:
    """Each ratio of the day's totals; None unless both were logged (related facts §7.1)."""
    found: dict[str, RatioValue | None] = {}
    for key, ratio in kb.ratios.items():
        top, bottom = nutrients[ratio.numerator], nutrients[ratio.denominator]
        if top.total is None or not bottom.total or top.food_entries == 0:
            found[key] = None
            continue
        mass = top.total / bottom.total
        complete = top.unknown_entries == 0 and bottom.unknown_entries == 0
        found[key] = RatioValue(ratio, mass, ratio.molar_from_mass(mass), complete)
    return found


def _day_findings(nutrients: Mapping[str, DayNutrient], risk: RiskScreen) -> list[Finding]:
    findings: list[Finding] = []
    magnesium = nutrients["magnesium"]
    if magnesium.food_entries == 0:
        findings.append(
            Finding(
                kind="journal",
                severity="info",
                message=Note(
                    code="no_food_logged",
                    message=N_("No food is logged for this day: food magnesium counts as 0 mg."),
                ),
            )
        )
    elif magnesium.unknown_entries:
        findings.append(
            Finding(
                kind="journal",
                severity="info",
                message=Note(
                    code="unknown_magnesium",
                    message=NP_(
                        "{count} of {entries} food entries has no magnesium value: the day's "
                        "magnesium is at least the amount shown.",
                        "{count} of {entries} food entries have no magnesium value: the day's "
                        "magnesium is at least the amount shown.",
                    ),
                    params={"count": magnesium.unknown_entries, "entries": magnesium.food_entries},
                ),
            )
        )
    sodium = nutrients["sodium"]
    if sodium.total is not None and sodium.limit is not None and sodium.total > sodium.limit:
        findings.append(
            Finding(
                kind="sodium",
                severity="info",
                message=Note(
                    code="sodium_above_limit",
                    message=N_(
                        "Sodium on this day ({mg} mg) is above the {limit} mg a day that this "
                        "reference system advises not to exceed."
                    ),
                    params={"mg": round(sodium.total), "limit": round(sodium.limit)},
                    sources=sodium.sources,
                ),
            )
        )
    for flag in risk.red_flags:
        severity: Level = "emergency" if flag.level == "emergency" else "avoid"
        findings.append(Finding(kind="red_flag", severity=severity, message=flag.message))
    return findings


def _nutrients(
    kb: KnowledgeBase,
    person: PersonProfile,
    profile: Profile,
    day: date,
    entries: Sequence[Entry],
    targets: Mapping[str, NutrientTarget] | None,
) -> dict[str, DayNutrient]:
    """Each nutrient of the day: counted foods summed, supplements added to magnesium."""
    system = System(person.system)
    totals = total(entry.nutrients for entry in counted_foods(entries))
    supplement = sum(dose.mg for dose in day_doses(entries))
    energy = _energy(kb, person, day)
    nutrients: dict[str, DayNutrient] = {}
    for key, column, slug in DAY_NUTRIENTS:
        target = None
        if slug:
            target = targets[slug] if targets else nutrient_target(kb, slug, system, profile)
        nutrients[key] = _nutrient(key, column, slug, totals, supplement, target, energy)
    return nutrients


def _food_gap(magnesium: DayNutrient) -> float | None:
    """Magnesium still to come from a supplement: the target less the food logged."""
    if magnesium.target is None or magnesium.food is None or not magnesium.food_entries:
        return None
    return magnesium.target - magnesium.food


def _safety(
    kb: KnowledgeBase,
    person: PersonProfile,
    profile: Profile,
    day: date,
    entries: Sequence[Entry],
    magnesium: DayNutrient,
    serum: SerumResult | None,
    listed: Sequence[Entry],
) -> tuple[CheckResult, RiskScreen]:
    """The gate's verdict on everything logged (supplements and magnesium medicines taken,
    symptoms, the latest serum value, the profile's kidney function), and the risk screen.
    The gate also weighs a stored supplement amount too large to count (``gate_doses``)."""
    meds = day_medications(kb, person, entries, day)
    signs = day_signs(kb, entries)
    safety = check(
        kb, System(person.system), profile, meds, gate_doses(listed), egfr=person.egfr,
        on_dialysis=person.dialysis, symptoms=signs, serum=serum, gap_mg=_food_gap(magnesium),
        planning=True,
    )  # fmt: skip
    risk = screen(
        kb,
        profile,
        medications=meds,
        symptoms=signs,
        food_mg=magnesium.food if magnesium.food_entries else None,
        ear_mg=safety.magnesium.ear,
        target_mg=magnesium.target,
        serum=serum,
    )
    return safety, risk


def assess_day(
    kb: KnowledgeBase,
    person: PersonProfile,
    profile: Profile,
    day: date,
    entries: Sequence[Entry],
    *,
    serum: SerumResult | None = None,
    serum_day: date | None = None,
    targets: Mapping[str, NutrientTarget] | None = None,
) -> DayAssessment:
    """Assess ``entries`` (one day's) for ``person`` (``profile``: the engine's view of them
    on that day). ``targets`` may be given when the caller already worked them out.

    An entry with a stored value outside the journal's bounds (an older version's, a direct
    database edit's: journal/bounds.py) is listed, left out of every figure, and reported.

    Cost: linear in the day's entries (each food's nutrients a fixed set; doses at the same
    minute added up, so at most 1,440 timed doses), plus one ``check`` and the risk screen."""
    listed = entries
    entries = [entry for entry in listed if not counting_problems(entry)]
    nutrients = _nutrients(kb, person, profile, day, entries, targets)
    safety, risk = _safety(kb, person, profile, day, entries, nutrients["magnesium"], serum, listed)
    issues = [*safety.findings, *_day_findings(nutrients, risk)]
    if len(entries) < len(listed):
        issues.append(out_of_bounds_finding([e for e in listed if counting_problems(e)]))
    # Red flags and other warnings before "no food is logged" and other information.
    issues.sort(key=lambda finding: -LEVEL_ORDER[finding.severity])
    return DayAssessment(
        day=day,
        system=System(person.system),
        nutrients=tuple(nutrients.values()),
        top_sources=top_sources(entries),
        ratios=ratio_values(kb, nutrients),
        safety=safety,
        risk=risk,
        serum=serum,
        serum_day=serum_day,
        issues=tuple(issues),
        entries=tuple(listed),
    )

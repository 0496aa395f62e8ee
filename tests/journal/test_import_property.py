"""The property of issue 14: importing an export twice, or split in two files in either order,
gives the same day totals as importing it once, on SQLite and PostgreSQL.

An export here is a Cronometer servings.csv, its dailysummary.csv and a MyFitnessPal summary
over a few days, drawn at random. A split gives each export's rows of each day to the first or
the second command: by days (interleaved too), and by rows across the files of one export (the
servings in one command, the daily totals in the other). A split inside one day's rows of one
file is an edited export instead: the later file replaces that day (test_import_identity).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.day import day_report
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_external import import_external
from mgcoach.storage.database import Database
from tests.journal.importers import samples

TODAY = date(2026, 11, 20)
DAYS = tuple(date(2024, 6, 3) + timedelta(days=n) for n in range(5))
TIMES = (None, 7 * 60 + 30, 12 * 60, 12 * 60, 19 * 60 + 15)
MEALS = ("Breakfast", "Lunch", "Dinner", "Snacks")
_names = itertools.count()

# Unit: (export, day); every row of that export on that day goes to the same command.
Unit = tuple[str, date]


@dataclass(frozen=True)
class Export:
    servings: tuple[samples.Serving, ...]
    daily: tuple[samples.DayTotal, ...]
    meals: tuple[samples.MealRow, ...]

    def part(self, units: set[Unit]) -> Export:
        return Export(
            tuple(s for s in self.servings if ("servings", s.day) in units),
            tuple(d for d in self.daily if ("daily", d.day) in units),
            tuple(m for m in self.meals if ("mfp", m.day) in units),
        )

    def units(self) -> set[Unit]:
        return (
            {("servings", s.day) for s in self.servings}
            | {("daily", d.day) for d in self.daily}
            | {("mfp", m.day) for m in self.meals}
        )

    def files(self, folder: Path) -> list[Path]:
        made = {
            "servings.csv": samples.servings_csv(self.servings) if self.servings else None,
            "dailysummary.csv": samples.daily_csv(self.daily) if self.daily else None,
            "mfp.csv": samples.mfp_csv(self.meals) if self.meals else None,
        }
        paths = []
        for name, data in made.items():
            if data is not None:
                path = folder / f"{next(_names)}-{name}"
                path.write_bytes(data)
                paths.append(path)
        return paths


@st.composite
def exports(draw: st.DrawFn) -> Export:
    templates = [s for s in samples.SERVINGS if s.day != samples.MAR_13]  # 4 foods, 1 supplement
    servings: list[samples.Serving] = []
    for day in DAYS:
        chosen = draw(st.lists(st.sampled_from(templates), max_size=4))
        servings += [replace(s, day=day, time=draw(st.sampled_from(TIMES))) for s in chosen]
    daily = []
    for day in sorted(draw(st.sets(st.sampled_from(DAYS)))):
        served = [s for s in servings if s.day == day]
        own_total = draw(st.booleans())
        if served and own_total:  # Cronometer's own total of those servings
            values = dict(samples.day_totals(served)[0].values)
        else:  # a day logged without servings, or servings exported for fewer foods
            mg = draw(st.integers(20, 600))
            values = {**samples.BANANA, "magnesium_mg": float(mg), "energy_kcal": 1500.0 + mg}
        daily.append(samples.DayTotal(day, values, completed=draw(st.booleans())))
    meals = []
    for day in sorted(draw(st.sets(st.sampled_from(DAYS), max_size=3))):
        for meal in sorted(draw(st.sets(st.sampled_from(MEALS), min_size=1))):
            calories = draw(st.integers(50, 900))
            meals.append(samples.MealRow(day, meal, {"Calories": calories, "Sodium (mg)": 300}))
    return Export(tuple(servings), tuple(daily), tuple(meals))


def _profile(db: Database, kb: KnowledgeBase) -> str:
    name = f"q{next(_names)}"
    set_profile(db, kb, name, ProfileChanges(age=41, sex="male"), TODAY)
    return name


def _import(db: Database, name: str, commands: Sequence[list[Path]]) -> None:
    for paths in commands:
        if paths:
            import_external(db, name, paths, today=TODAY)


def _totals(db: Database, kb: KnowledgeBase, name: str) -> dict[date, tuple[object, ...]]:
    """Per day what `mgcoach day` adds up: magnesium from food and supplements, energy,
    sodium, and how many counted entries lack a magnesium value."""
    found: dict[date, tuple[object, ...]] = {}
    for day in DAYS:
        report = day_report(db, kb, name, day)
        mg = report.nutrient("magnesium")
        values = [mg.food, mg.supplement, mg.unknown_entries]
        values += [report.nutrient(key).total for key in ("energy_kcal", "sodium")]
        found[day] = tuple(round(v, 6) if isinstance(v, float) else v for v in values)
    return found


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(export=exports(), data=st.data())
def test_twice_or_split_gives_the_totals_of_once(
    db: Database, kb: KnowledgeBase, tmp_path: Path, export: Export, data: st.DataObject
) -> None:
    units = export.units()
    if not units:
        return
    once = _profile(db, kb)
    _import(db, once, [export.files(tmp_path)])
    expected = _totals(db, kb, once)

    twice = _profile(db, kb)
    _import(db, twice, [export.files(tmp_path), export.files(tmp_path)])
    assert _totals(db, kb, twice) == expected

    first = data.draw(st.sets(st.sampled_from(sorted(units))), label="first command")
    split = _profile(db, kb)
    _import(
        db, split, [export.part(first).files(tmp_path), export.part(units - first).files(tmp_path)]
    )
    assert _totals(db, kb, split) == expected

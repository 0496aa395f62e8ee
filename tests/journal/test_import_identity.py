"""Every imported number lands once (issue 14), on SQLite and PostgreSQL: Cronometer servings
shadow its daily totals in either order and in one command or several; a re-import replaces
what the same export gave for its days (edited, shorter, longer), leaves the same file alone,
and never touches entries typed by hand or from another export."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mgcoach.knowledge import KnowledgeBase
from mgcoach.services import journal_log as log
from mgcoach.services.day import day_report
from mgcoach.services.journal import ProfileChanges, set_profile
from mgcoach.services.journal_external import ExternalResult, import_external
from mgcoach.storage.database import Database
from tests.journal.importers import samples
from tests.journal.importers.samples import MAR_5, MAR_6, MAR_13, MAR_14

TODAY = date(2026, 11, 20)
_names = itertools.count()

# The issue's day: 308 mg and 1,813 kcal, in four servings and in Cronometer's daily total.
ISSUE_DAY = date(2024, 5, 2)


def _values(mg: float, kcal: float) -> dict[str, float]:
    return {"magnesium_mg": mg, "energy_kcal": kcal, "protein_g": 10.0}


ISSUE_SERVINGS = (
    samples.Serving(ISSUE_DAY, 8 * 60, "Breakfast", "Oats, rolled", "1.00 cup - 81g",
                    "Breakfast Cereals", _values(100.0, 600.0)),
    samples.Serving(ISSUE_DAY, 12 * 60, "Lunch", "Eggs", "4.00 large - 200g",
                    "Dairy and Egg Products", _values(80.0, 500.0)),
    samples.Serving(ISSUE_DAY, 15 * 60, "Snacks", "Almonds", "30.00 g", "Nuts and Seeds",
                    _values(70.0, 400.0)),
    samples.Serving(ISSUE_DAY, 19 * 60, "Dinner", "Spinach, cooked", "1.00 cup - 180g",
                    "Vegetables", _values(58.0, 313.0)),
)  # fmt: skip
THREE_EGGS = replace(ISSUE_SERVINGS[1], amount="3.00 large - 150g", values=_values(60.0, 375.0))

# Magnesium (food + supplements) per sample day, whatever was imported: servings win on the
# days they cover, the daily total on 14 March, which has no servings.
EXPECTED_MG = {**samples.DAY_MAGNESIUM, MAR_14: 250.0}


def profile(db: Database, kb: KnowledgeBase) -> str:
    name = f"p{next(_names)}"
    set_profile(db, kb, name, ProfileChanges(age=50, sex="female"), TODAY)
    return name


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / f"{next(_names)}-{name}"
    path.write_bytes(data)
    return path


def files(folder: Path, **made: bytes) -> list[Path]:
    return [write(folder, f"{name}.csv", data) for name, data in made.items()]


def imported(db: Database, name: str, paths: Sequence[Path]) -> ExternalResult:
    return import_external(db, name, list(paths), today=TODAY)


def totals(
    db: Database, kb: KnowledgeBase, name: str, days: Sequence[date]
) -> dict[date, tuple[float, float]]:
    """What `mgcoach day` shows per day: magnesium (food + supplements) and energy, rounded."""
    found = {}
    for day in days:
        report = day_report(db, kb, name, day)
        magnesium, energy = report.nutrient("magnesium"), report.nutrient("energy_kcal")
        found[day] = (round(magnesium.total or 0.0, 6), round(energy.total or 0.0, 6))
    return found


def magnesium(db: Database, kb: KnowledgeBase, name: str) -> dict[date, float]:
    return {day: mg for day, (mg, _kcal) in totals(db, kb, name, list(EXPECTED_MG)).items()}


def entry_ids(db: Database, name: str) -> list[int]:
    _person, found = log.list_entries(db, name, None, None)
    return sorted(e.id for e in found)


# -- servings shadow the daily total, in any order --------------------------------------------


def test_the_issue_day_counts_once_after_two_commands(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    name = profile(db, kb)
    daily = write(
        tmp_path, "dailysummary.csv", samples.daily_csv(samples.day_totals(ISSUE_SERVINGS))
    )
    servings = write(tmp_path, "servings.csv", samples.servings_csv(ISSUE_SERVINGS))
    imported(db, name, [daily])
    result = imported(db, name, [servings])
    # before: 616 mg and 3,626 kcal (the daily total and the four servings, both counted)
    assert totals(db, kb, name, [ISSUE_DAY]) == {ISSUE_DAY: (308.0, 1813.0)}
    assert (result.foods, result.shadowed, result.replaced) == (4, 1, 0)
    day = day_report(db, kb, name, ISSUE_DAY)
    total = [e for e in day.entries if e.fields().get("item_kind") == "day_total"]
    assert [e.fields()["counted"] for e in total] == [False]  # kept for the record, not counted


ORDERS = [
    pytest.param([["daily"], ["servings"]], id="daily-then-servings"),
    pytest.param([["servings"], ["daily"]], id="servings-then-daily"),
    pytest.param([["servings", "daily"]], id="one-command"),
    pytest.param([["daily", "servings"]], id="one-command-daily-first"),
    pytest.param([["servings"], ["daily"], ["servings"], ["daily"]], id="each-twice"),
]


@pytest.mark.parametrize("commands", ORDERS)
def test_servings_shadow_daily_totals_whatever_the_order(
    db: Database, kb: KnowledgeBase, tmp_path: Path, commands: list[list[str]]
) -> None:
    made = {"servings": samples.servings_csv(), "daily": samples.daily_csv()}
    name = profile(db, kb)
    for command in commands:
        imported(db, name, [write(tmp_path, f"{kind}.csv", made[kind]) for kind in command])
    assert magnesium(db, kb, name) == pytest.approx(EXPECTED_MG)
    once = profile(db, kb)
    imported(db, once, files(tmp_path, servings=made["servings"], daily=made["daily"]))
    days = list(EXPECTED_MG)
    assert totals(db, kb, name, days) == totals(db, kb, once, days)


def test_servings_without_nutrients_leave_the_daily_total_counting(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    """A servings export with no nutrient columns never shadows: the total keeps the day, and
    servings imported before it stop counting once it arrives (as in one command)."""
    name = profile(db, kb)
    first = imported(db, name, files(tmp_path, servings=samples.servings_csv(nutrients=False)))
    result = imported(db, name, files(tmp_path, daily=samples.daily_csv()))
    assert result.shadowed == first.foods > 0  # every serving is listed only now
    assert magnesium(db, kb, name) == pytest.approx(EXPECTED_MG)
    day = day_report(db, kb, name, MAR_6).nutrient("magnesium")
    assert day.unknown_entries == 0


# -- a re-import replaces the export's days ----------------------------------------------------


EDITS = [
    pytest.param([ISSUE_SERVINGS[0], THREE_EGGS, *ISSUE_SERVINGS[2:]], 1, 1, 288.0, id="changed"),
    pytest.param([s for s in ISSUE_SERVINGS if s.name != "Almonds"], 0, 1, 238.0, id="fewer"),
    pytest.param(
        [*ISSUE_SERVINGS, replace(ISSUE_SERVINGS[2], time=21 * 60)], 1, 0, 378.0, id="more"
    ),
    pytest.param(
        [*ISSUE_SERVINGS[:2], ISSUE_SERVINGS[1], *ISSUE_SERVINGS[2:]], 1, 0, 388.0,
        id="same-row-twice",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("edited", "written", "gone", "expected_mg"), EDITS)
def test_reimport_after_an_edit_replaces_the_day(
    db: Database,
    kb: KnowledgeBase,
    tmp_path: Path,
    edited: list[samples.Serving],
    written: int,
    gone: int,
    expected_mg: float,
) -> None:
    name = profile(db, kb)
    imported(db, name, files(tmp_path, servings=samples.servings_csv(ISSUE_SERVINGS)))
    before = set(entry_ids(db, name))
    result = imported(db, name, files(tmp_path, servings=samples.servings_csv(edited)))
    assert (result.foods, result.replaced, result.replaced_days) == (written, gone, int(gone > 0))
    assert result.already_imported == len(edited) - written
    assert totals(db, kb, name, [ISSUE_DAY])[ISSUE_DAY][0] == pytest.approx(expected_mg)
    after = set(entry_ids(db, name))
    assert len(after) == len(edited)
    assert len(before & after) == len(edited) - written  # what did not change keeps its id


def test_the_same_file_again_changes_nothing_and_says_so(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    name = profile(db, kb)
    paths = files(tmp_path, servings=samples.servings_csv(), daily=samples.daily_csv(),
                  mfp=samples.mfp_csv())  # fmt: skip
    first = imported(db, name, paths)
    ids = entry_ids(db, name)
    again = imported(db, name, paths)
    assert first.changed and not again.changed
    assert (again.foods, again.supplements, again.replaced, again.shadowed) == (0, 0, 0, 0)
    assert again.already_imported == len(ids)
    assert entry_ids(db, name) == ids
    assert again.as_dict()["changed"] is False


def test_a_longer_export_adds_its_new_days_only(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    name = profile(db, kb)
    early = [s for s in samples.SERVINGS if s.day != MAR_13]
    imported(db, name, files(tmp_path, servings=samples.servings_csv(early)))
    ids = set(entry_ids(db, name))
    result = imported(db, name, files(tmp_path, servings=samples.servings_csv()))
    assert (result.foods, result.replaced, result.already_imported) == (3, 0, len(early))
    assert ids <= set(entry_ids(db, name))
    assert magnesium(db, kb, name)[MAR_13] == pytest.approx(317.4)


def test_a_day_missing_from_a_shorter_export_is_kept(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    """An export of fewer days (a shorter date range) says nothing about the days it leaves
    out: those stay as they are."""
    name = profile(db, kb)
    imported(db, name, files(tmp_path, servings=samples.servings_csv()))
    march_13 = [s for s in samples.SERVINGS if s.day == MAR_13]
    result = imported(db, name, files(tmp_path, servings=samples.servings_csv(march_13)))
    assert not result.changed
    assert magnesium(db, kb, name) == pytest.approx({**EXPECTED_MG, MAR_14: 0.0})


def test_a_day_split_inside_is_an_edit(db: Database, kb: KnowledgeBase, tmp_path: Path) -> None:
    """Two files that share a day, imported one after the other: the second is the newer
    export of that day, so its rows replace the first's (never both counted)."""
    name = profile(db, kb)
    imported(db, name, files(tmp_path, servings=samples.servings_csv(ISSUE_SERVINGS[:2])))
    result = imported(db, name, files(tmp_path, servings=samples.servings_csv(ISSUE_SERVINGS[2:])))
    assert (result.replaced, result.replaced_days) == (2, 1)
    assert totals(db, kb, name, [ISSUE_DAY]) == {ISSUE_DAY: (128.0, 713.0)}


# -- what a re-import never touches ------------------------------------------------------------


def test_entries_typed_by_hand_are_never_touched(
    db: Database, kb: KnowledgeBase, tmp_path: Path
) -> None:
    name = profile(db, kb)
    log.log_food(db, log.When(name, ISSUE_DAY, 10 * 60), "usda:12061", "30 g")
    log.log_supplement(db, kb, log.When(name, ISSUE_DAY, 21 * 60), None, None,
                       "Magnesium (as oxide) 250 mg")  # fmt: skip
    by_hand = entry_ids(db, name)
    hand_total = totals(db, kb, name, [ISSUE_DAY])[ISSUE_DAY]
    imported(db, name, files(tmp_path, servings=samples.servings_csv(ISSUE_SERVINGS)))
    daily = samples.daily_csv(samples.day_totals(ISSUE_SERVINGS))
    imported(db, name, files(tmp_path, daily=daily))
    edited = [ISSUE_SERVINGS[0], THREE_EGGS, *ISSUE_SERVINGS[2:]]
    imported(db, name, files(tmp_path, servings=samples.servings_csv(edited)))
    assert set(by_hand) <= set(entry_ids(db, name))
    mg, kcal = totals(db, kb, name, [ISSUE_DAY])[ISSUE_DAY]
    assert mg == pytest.approx(hand_total[0] + 288.0)
    assert kcal == pytest.approx(hand_total[1] + 1688.0)


@pytest.mark.parametrize("cronometer_first", [True, False], ids=["cronometer-first", "mfp-first"])
def test_two_sources_on_one_day(
    db: Database, kb: KnowledgeBase, tmp_path: Path, cronometer_first: bool
) -> None:
    """MyFitnessPal and Cronometer on the same days: each re-import replaces its own source
    only, and Cronometer counts where both are (as read_export decides in one command)."""
    name = profile(db, kb)
    cronometer = files(tmp_path, servings=samples.servings_csv())
    mfp = files(tmp_path, mfp=samples.mfp_csv())
    for paths in (cronometer, mfp) if cronometer_first else (mfp, cronometer):
        imported(db, name, paths)
    together = profile(db, kb)
    imported(db, together, [*cronometer, *mfp])
    days = [MAR_5, MAR_6, MAR_13]
    assert totals(db, kb, name, days) == totals(db, kb, together, days)
    assert magnesium(db, kb, name)[MAR_5] == pytest.approx(193.0)
    cronometer_ids = {
        e.id for e in log.list_entries(db, name, None, None)[1] if e.origin == "cronometer"
    }
    edited = [replace(m, values={**m.values, "Calories": 999}) for m in samples.MFP_MEALS]
    result = imported(db, name, files(tmp_path, mfp=samples.mfp_csv(edited)))
    assert (result.foods, result.replaced, result.replaced_days) == (4, 4, 2)
    after = {e.id for e in log.list_entries(db, name, None, None)[1] if e.origin == "cronometer"}
    assert after == cronometer_ids
    assert totals(db, kb, name, days) == totals(db, kb, together, days)  # MFP still not counted

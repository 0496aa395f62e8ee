"""Speed and memory of the knowledge base, the engine and the CLI. Run with `make bench`.

Prints numbers only; targets are discussed in the issue notes, not asserted in tests.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mgcoach.engine.advice import advise
from mgcoach.engine.check import check
from mgcoach.engine.clock import parse_med
from mgcoach.engine.energy import energy_target
from mgcoach.engine.interactions import MagnesiumDose, interaction, medication
from mgcoach.engine.names import find_concern
from mgcoach.engine.profile import build_profile
from mgcoach.engine.schedule import Preferences, doses_needed, propose
from mgcoach.engine.serum import classify
from mgcoach.engine.targets import targets
from mgcoach.knowledge import load_knowledge_from
from mgcoach.knowledge.base import DATA_DIR
from mgcoach.knowledge.vocabulary import Sex, System
from mgcoach.units import SerumUnit

RUNS = 5
ROOT = Path(__file__).resolve().parents[1]

# The request of issue 13 that pinned a CPU (/api/v1/check): 30 doses of 10,000 mg (300,000 mg
# a day) at most 25 mg a dose, i.e. 12,000 doses wanted, with four medicines with a timing rule.
PATHOLOGICAL_MEDS = ("alendronate@06:00", "digoxin@09:00", "gabapentin@13:00", "levofloxacin@21:00")
PATHOLOGICAL_DOSES = 30
PATHOLOGICAL_DOSE_MG = 10_000.0
PATHOLOGICAL_MAX_DOSE_MG = 25.0
# propose() before the bound, on that case: measured once, wall clock, because re-running it
# takes many minutes (2-CPU machine shared with other work, so about half a CPU; Python 3.11).
# Below, the old search is timed on 1/100 to 1/25 of the amount and extrapolated (it grows
# with the square of the doses wanted), so the baseline can be checked on another machine.
OLD_PROPOSE_BASELINE_S = 1141.3


def timed(label: str, func, repeat: int = 1) -> None:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(repeat):
            func()
        samples.append((time.perf_counter() - start) / repeat)
    best, median = min(samples), statistics.median(samples)
    print(f"{label:<52} best {best * 1e3:8.3f} ms   median {median * 1e3:8.3f} ms")


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "mgcoach", *args], check=True, capture_output=True)


def main() -> None:
    kb = load_knowledge_from(DATA_DIR)
    print(
        f"knowledge base: {len(kb.intakes)} intake rows, {len(kb.limits)} limit rows, "
        f"{len(kb.compounds)} compounds, {len(kb.sources)} sources"
    )
    timed("load and validate the knowledge base", lambda: load_knowledge_from(DATA_DIR))
    profiles = [
        build_profile(sex=sex, age_years=age, weight_kg=70)
        for sex in ("female", "male")
        for age in range(0, 100, 5)
    ]
    timed(
        f"targets for {len(profiles)} profiles x 5 systems (all of them)",
        lambda: [targets(kb, system, p) for p in profiles for system in System],
        repeat=1,
    )
    timed("serum classification", lambda: classify(kb, 0.8, SerumUnit.MG_PER_DL), repeat=200)
    timed(
        "energy target",
        lambda: energy_target(
            kb, age_years=40, sex=Sex.MALE, weight_kg=80, height_cm=180, activity="moderate"
        ),
        repeat=200,
    )
    meds = tuple(
        medication(kb, *parse_med(spec))
        for spec in (
            "doxycycline@08:00,20:00",
            "levothyroxine@07:00",
            "omeprazole",
            "digoxin@09:00",
        )
    )
    adult = build_profile(sex="female", age_years=55)
    doses = (MagnesiumDose(mg=150, times=(9 * 60,)), MagnesiumDose(mg=150, times=(21 * 60,)))
    timed(
        "check: 4 medicines, 2 doses, quarter-hour search",
        lambda: check(kb, System.US, adult, meds, doses, egfr=50, daily_mg=350),
        repeat=50,
    )
    timed(
        "check: no medicines, 1,000 mg in 8 doses (whole day free)",
        lambda: check(kb, System.US, adult, (), (), daily_mg=1000),
        repeat=5,
    )
    cramps = find_concern(kb, "cramps")
    timed(
        "advise: the whole plan (targets, check x2, titration)",
        lambda: advise(kb, System.US, adult, food_mg=200, concerns=(cramps,), medications=meds),
        repeat=20,
    )
    timed(
        "CLI: mgcoach advise --json (new process)",
        lambda: cli("advise", "--age", "55", "--sex", "female", "--food-mg", "200", "--json"),
    )
    timed(
        "CLI: mgcoach targets --json (new process)",
        lambda: cli("targets", "--age", "32", "--sex", "female", "--pregnant", "--json"),
    )
    timed("CLI: mgcoach elemental (new process)", lambda: cli("elemental", "citrate", "500"))
    bounded_schedule(kb)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak resident memory of a CLI process':<52} {peak:8.1f} MiB")


def line(label: str, value: str) -> None:
    print(f"{label:<52} {value}")


def bounded_schedule(kb) -> None:
    """The scheduler's work on an absurd amount: bounded by what a day holds (issue 13)."""
    sys.path.insert(0, str(ROOT))
    from tests.engine.test_schedule_bounds import old_propose  # the pre-bound search, verbatim

    # The rules as check() builds them; check() itself now stops at the safety gate before
    # planning such an amount, so the planner is timed directly (a prescribed dose reaches it).
    meds = tuple(medication(kb, *parse_med(spec)) for spec in PATHOLOGICAL_MEDS)
    rules = [rule for med in meds for rule in interaction(kb, med, ()).timing_rules()]
    prefs = Preferences.from_dosing(kb.advice.dosing, max_single_dose_mg=PATHOLOGICAL_MAX_DOSE_MG)
    daily = PATHOLOGICAL_DOSES * PATHOLOGICAL_DOSE_MG
    wanted = doses_needed(daily, prefs.max_single_dose_mg)
    timed(
        f"propose: {daily:,.0f} mg, {wanted:,} doses wanted, {len(rules)} rules",
        lambda: propose(rules, daily, prefs, doses=PATHOLOGICAL_DOSES),
        repeat=20,
    )
    samples = []
    for fraction in (100, 50, 25):
        amount = daily / fraction
        started = time.perf_counter()
        old_propose(rules, amount, prefs, doses=PATHOLOGICAL_DOSES)
        samples.append((amount, time.perf_counter() - started))
        line(f"propose before the bound: {amount:,.0f} mg", f"{samples[-1][1] * 1e3:11.1f} ms")
    # The old search made one pass per count from the wanted one down, each as long as the
    # count: its time grows with the square of the doses wanted.
    largest, seconds = samples[-1]
    estimate = seconds * (daily / largest) ** 2
    line(f"propose before the bound: {daily:,.0f} mg, extrapolated", f"{estimate:11.1f} s")
    line(
        "  baseline, measured once (see OLD_PROPOSE_BASELINE_S)",
        f"{OLD_PROPOSE_BASELINE_S:11.1f} s",
    )


if __name__ == "__main__":
    main()

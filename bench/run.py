"""Speed and memory of the knowledge base, the engine and the CLI. Run with `make bench`.

Prints numbers only; targets are discussed in the issue notes, not asserted in tests.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time

from mgcoach.engine.advice import advise
from mgcoach.engine.check import check
from mgcoach.engine.clock import parse_med
from mgcoach.engine.energy import energy_target
from mgcoach.engine.interactions import MagnesiumDose, medication
from mgcoach.engine.names import find_concern
from mgcoach.engine.profile import build_profile
from mgcoach.engine.serum import classify
from mgcoach.engine.targets import targets
from mgcoach.knowledge import load_knowledge_from
from mgcoach.knowledge.base import DATA_DIR
from mgcoach.knowledge.vocabulary import Sex, System
from mgcoach.units import SerumUnit

RUNS = 5


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
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak resident memory of a CLI process':<52} {peak:8.1f} MiB")


if __name__ == "__main__":
    main()

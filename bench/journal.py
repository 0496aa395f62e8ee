"""Speed of the journal: one day's assessment and a year's trend, on SQLite and PostgreSQL.

Run with `make bench` or `.venv/bin/python bench/journal.py`. Prints numbers only, each beside
the issue's target and a naive baseline measured in the same run:

1. day: ``services.day.day_report`` of a day with 30 entries (20 foods, 3 supplements,
   3 symptoms, sleep, training, a lab, a medicine), logged through the services; cold (the
   remembered days cleared before each run: the database read and the assessment) and warm
   (the answer remembered: the profile's id and its write generation read, nothing assessed);
   against a naive day that reads the same entries one query per entry (the entry row, then its
   detail row) and assesses them with the same engine, uncached.
2. trend: a year of 10,000 entries (about 27 a day: foods, supplements, symptoms, sleep,
   training, monthly labs, notes) written in one transaction with ``storage.journal.add_entry``;
   ``services.trend.trend`` over the 365 days, alone and with ``contract.trend.trend_json`` on
   top, against ``services.trend.naive_trend`` (365 full day assessments, one after another).
3. import: ``services.journal_external.import_external`` of a Cronometer servings.csv of
   10,000 rows (12 a day over 834 days: oats, almonds, milk, banana and a magnesium glycinate
   from the Supplements group in turn), first into an empty profile, then the same file
   again, then an edited export (every 50th row changed, every 100th gone); against the writer
   it replaced (each entry looked up by uid, then inserted with ``storage.journal.add_entry``,
   one round trip after another), parsing included in both.

Both profiles live in one database per backend, so each is measured beside the other's rows.
PostgreSQL is a throwaway server (tests.support.postgres); without its binaries those rows are
skipped with the reason.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from timing import ROOT, ms, start_server, table, timed

from mgcoach.contract.trend import trend_json
from mgcoach.engine.day import DayAssessment, assess_day
from mgcoach.foods.curated import curated_foods
from mgcoach.foods.model import Food
from mgcoach.foods.nutrition import amounts
from mgcoach.journal.importers import read_export
from mgcoach.journal.model import (
    ENTRY_TYPES,
    Entry,
    SleepEntry,
    SymptomEntry,
    TrainingEntry,
)
from mgcoach.knowledge import KnowledgeBase, load_knowledge
from mgcoach.services.day import day_report, recent_days, serum_of
from mgcoach.services.journal import ProfileChanges, engine_profile, require_profile, set_profile
from mgcoach.services.journal_external import import_external
from mgcoach.services.journal_kinds import (
    checked_sleep,
    checked_symptom,
    checked_training,
    lab_entry,
    supplement_entry,
)
from mgcoach.services.journal_log import (
    When,
    log_food,
    log_lab,
    log_medication,
    log_sleep,
    log_supplement,
    log_symptom,
    log_training,
)
from mgcoach.services.trend import naive_trend, trend
from mgcoach.settings import Settings
from mgcoach.storage import journal as store
from mgcoach.storage.database import Database, open_database
from mgcoach.storage.journal_tables import DETAIL_TABLES, entry

SEED = 20240301
DAY = date(2024, 3, 1)  # the benchmarked day
YEAR_END = date(2024, 12, 31)
YEAR_DAYS = 365
YEAR_ENTRIES = 10_000
DAY_RUNS = 50
TREND_RUNS = 20
NAIVE_TREND_RUNS = 1
DAY_TARGET = "< 20 ms"
TREND_TARGET = "< 200 ms"
IMPORT_ROWS = 10_000
IMPORT_TARGET = "<= 3 s"
IMPORT_START = date(2021, 1, 1)
IMPORT_TODAY = date(2024, 12, 31)  # after the file's last day: no row is in the future
IMPORT_RUNS = 3
# Realistic servings in grams, and the supplements people take (compound, compound mg).
GRAMS = (15, 25, 30, 40, 50, 75, 100, 120, 150, 200, 250)
SUPPLEMENTS = (("citrate", 500.0), ("glycinate", 700.0), ("oxide", 400.0), ("malate", 600.0))


def samples(func: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Seconds of ``runs`` calls after one warm-up call, and the warm-up's result."""
    result = func()
    return [timed(func)[0] for _ in range(runs)], result


def stats(values: Sequence[float]) -> list[str]:
    """p50, p95 and max in ms (p95 by the nearest-rank rule: an observed run)."""
    ordered = sorted(values)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return [ms(statistics.median(ordered)), ms(p95), ms(ordered[-1])]


def magnesium_foods() -> list[Food]:
    """Curated foods with a known magnesium value, in a fixed order."""
    return sorted(
        (f for f in curated_foods() if f.value("magnesium_mg") is not None), key=lambda f: f.id
    )


# --- 1. day ---------------------------------------------------------------------------------


def log_day(db: Database, kb: KnowledgeBase, rng: random.Random) -> int:
    """The benchmarked day of profile "day", logged through the services: 30 entries."""
    set_profile(db, kb, "day", ProfileChanges(age=38, sex="female", weight_kg=64.0), DAY)

    def at(minute: int) -> When:
        return When("day", DAY, minute)

    for n, item in enumerate(rng.sample(magnesium_foods(), 20)):
        log_food(db, at(7 * 60 + 35 * n), item.id, f"{rng.choice(GRAMS)} g")
    for n, (compound, mg) in enumerate(SUPPLEMENTS[:3]):
        log_supplement(db, kb, at(8 * 60 + 360 * n), compound, mg, None, basis="compound")
    log_symptom(db, kb, at(3 * 60), "cramp", count=2, severity=6.0, location="calf", night=True)
    log_symptom(
        db, kb, at(18 * 60), "soreness", count=None, severity=4.0, location=None, night=None
    )
    log_symptom(db, kb, at(15 * 60), "fatigue", count=None, severity=3.0, location=None, night=None)
    log_sleep(db, at(7 * 60), 6.5, 6.0)
    log_training(db, at(17 * 60), "running", 45.0, 7.0)
    log_lab(db, kb, at(9 * 60), 0.78, "mmol/L")
    log_medication(db, kb, at(7 * 60 + 30), "levothyroxine")
    return 30


def _entry(connection: Connection, entry_id: int) -> Entry:
    row = connection.execute(select(entry).where(entry.c.id == entry_id)).one()
    table = DETAIL_TABLES.get(row.kind)
    detail: dict[str, Any] = {}
    if table is not None:
        found = connection.execute(select(table).where(table.c.entry_id == entry_id)).one()
        detail = {k: v for k, v in found._mapping.items() if k != "entry_id"}
    return ENTRY_TYPES[row.kind].from_fields(
        detail,
        id=row.id,
        uid=row.uid,
        day=row.day,
        time=row.time,
        origin=row.origin,
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def naive_day(db: Database, kb: KnowledgeBase, profile: str, day: date) -> DayAssessment:
    """The baseline: the day's entry ids, then one query for each entry and one for its detail."""
    with db.connect() as connection:
        person = require_profile(connection, profile)
        assert person.id is not None
        ids = connection.execute(
            select(entry.c.id)
            .where(entry.c.profile_id == person.id, entry.c.day == day)
            .order_by(entry.c.time, entry.c.id)
        ).scalars()
        entries = [_entry(connection, entry_id) for entry_id in list(ids)]
        lab = store.latest_lab(connection, person.id, day)
    return assess_day(
        kb,
        person,
        engine_profile(person, day),
        day,
        entries,
        serum=serum_of(kb, lab),
        serum_day=lab.day if lab is not None else None,
    )


def cold_day(db: Database, kb: KnowledgeBase) -> DayAssessment:
    recent_days.clear()  # nothing remembered: the read and the assessment are measured
    return day_report(db, kb, "day", DAY)


def bench_day(db: Database, kb: KnowledgeBase, label: str) -> list[list[str]]:
    cold, report = samples(lambda: cold_day(db, kb), DAY_RUNS)
    warm, _ = samples(lambda: day_report(db, kb, "day", DAY), DAY_RUNS)
    naive, baseline = samples(lambda: naive_day(db, kb, "day", DAY), DAY_RUNS)
    mg = [f"{r.nutrient('magnesium').total:.0f}" for r in (report, baseline)]
    return [
        [f"{label}: day_report, cold (cache cleared)", *stats(cold), mg[0], DAY_TARGET],
        [f"{label}: day_report, warm (answer cached)", *stats(warm), mg[0], ""],
        [f"{label}: baseline, 1 query per entry + detail", *stats(naive), mg[1], ""],
    ]


# --- 2. trend -------------------------------------------------------------------------------


def year_plan(kb: KnowledgeBase, rng: random.Random) -> list[tuple[date, str, int, dict[str, Any]]]:
    """YEAR_ENTRIES entries over the YEAR_DAYS days up to YEAR_END: (day, kind, time, detail).
    The other kinds are drawn per day; foods fill the rest, spread evenly over the days."""
    first = YEAR_END - timedelta(days=YEAR_DAYS - 1)
    days = [first + timedelta(days=n) for n in range(YEAR_DAYS)]
    supplements = [
        supplement_entry(kb, YEAR_END, c, mg, None, basis="compound").fields()
        for c, mg in SUPPLEMENTS
    ]
    plan: list[tuple[date, str, int, dict[str, Any]]] = []
    for day in days:
        for n in range(rng.choice((1, 1, 2, 2, 3))):
            plan.append((day, "supplement", 8 * 60 + 300 * n, rng.choice(supplements)))
        if rng.random() < 0.35:
            cramp = SymptomEntry(
                day=day,
                symptom="cramp",
                count=rng.randint(1, 4),
                severity=float(rng.randint(3, 8)),
                location="calf",
                night=rng.random() < 0.7,
            )
            detail = checked_symptom(kb, cramp).fields()
            plan.append((day, "symptom", 3 * 60, detail))
        for name in ("soreness", "fatigue"):
            if rng.random() < 0.4:
                severity = float(rng.randint(1, 7))
                sign = SymptomEntry(day=day, symptom=name, severity=severity)
                detail = checked_symptom(kb, sign).fields()
                plan.append((day, "symptom", 19 * 60, detail))
        slept = SleepEntry(day=day, hours=rng.uniform(5.0, 9.0), quality=rng.randint(3, 9))
        plan.append((day, "sleep", 7 * 60, checked_sleep(slept).fields()))
        if rng.random() < 0.6:
            sport = rng.choice(("running", "cycling", "strength", "swimming"))
            minutes, rpe = float(rng.choice((30, 45, 60, 90))), float(rng.randint(4, 9))
            trained = TrainingEntry(day=day, activity=sport, minutes=minutes, rpe=rpe)
            plan.append((day, "training", 17 * 60, checked_training(trained).fields()))
        if day.day == 1:
            lab = lab_entry(kb, day, rng.uniform(0.70, 0.95), "mmol/L")
            plan.append((day, "lab", 9 * 60, lab.fields()))
        if rng.random() < 0.1:
            plan.append((day, "note", 21 * 60, {}))
    foods = magnesium_foods()
    per_day, extra = divmod(YEAR_ENTRIES - len(plan), YEAR_DAYS)
    for index, day in enumerate(days):
        for n in range(per_day + (index < extra)):
            item, grams = rng.choice(foods), float(rng.choice(GRAMS))
            detail = {
                "food_id": item.id,
                "name": item.name,
                "amount_text": f"{grams:g} g",
                "grams": grams,
                "item_kind": "food",
                "counted": True,
                "meal": None,
                "extra": None,
                **amounts(item, grams),
            }
            plan.append((day, "food", 6 * 60 + 40 * n, detail))
    return plan


def log_year(db: Database, kb: KnowledgeBase, rng: random.Random) -> tuple[float, int]:
    """Profile "year" with YEAR_ENTRIES entries in one transaction: (seconds, entries)."""
    age_on = YEAR_END - timedelta(days=YEAR_DAYS)
    set_profile(db, kb, "year", ProfileChanges(age=52, sex="male", weight_kg=82.0), age_on)
    plan = year_plan(kb, rng)
    started = time.perf_counter()
    with db.begin() as connection:
        person = require_profile(connection, "year")
        assert person.id is not None
        for day, kind, minute, detail in plan:
            note = "Busy day, ate late." if kind == "note" else None
            new = ENTRY_TYPES[kind].from_fields(detail, day=day, time=minute, note=note)
            store.add_entry(connection, person.id, new)
    return time.perf_counter() - started, len(plan)


def bench_trend(db: Database, kb: KnowledgeBase, label: str) -> list[list[str]]:
    write_s, count = log_year(db, kb, random.Random(SEED))
    start = YEAR_END - timedelta(days=YEAR_DAYS - 1)
    service, result = samples(lambda: trend(db, kb, "year", start, YEAR_END), TREND_RUNS)
    with_json, _ = samples(
        lambda: trend_json(kb, trend(db, kb, "year", start, YEAR_END)), TREND_RUNS
    )
    naive, totals = samples(lambda: naive_trend(db, kb, "year", start, YEAR_END), NAIVE_TREND_RUNS)
    # The two must agree day by day; a count of days that do not is the one check shown here.
    differ = sum(
        1
        for day, total in zip(result.days, totals, strict=True)
        if (day.magnesium_mg is None) != (total is None)
        or (total is not None and abs((day.magnesium_mg or 0.0) - total) > 1e-6)
    )
    logged = len(result.logged)
    return [
        [f"{label}: write {count:,} entries, 1 transaction", ms(write_s), "", "", "", ""],
        [f"{label}: trend, {YEAR_DAYS} days ({logged} logged)", *stats(service), "", TREND_TARGET],
        [f"{label}: trend + trend_json", *stats(with_json), "", TREND_TARGET],
        [f"{label}: baseline naive_trend, day by day", *stats(naive), str(differ), ""],
    ]


# --- 3. import -------------------------------------------------------------------------------


def servings_files(folder: Path) -> tuple[Path, Path]:
    """A Cronometer servings.csv of IMPORT_ROWS rows in the real column layout, and an edited
    export of it: every 50th row's amount changed (4 eggs -> 3 eggs), every 100th row gone."""
    sys.path.insert(0, str(ROOT))
    from tests.journal.importers import samples

    foods = [s for s in samples.SERVINGS if s.day != samples.MAR_13]
    rows = []
    for n in range(IMPORT_ROWS):
        food = foods[n % len(foods)]
        day = IMPORT_START + timedelta(days=n // 12)
        rows.append(
            samples.Serving(
                day, 6 * 60 + (n % 12) * 70, food.group, food.name, food.amount, food.category,
                food.values,
            )
        )  # fmt: skip
    edited = []
    for n, row in enumerate(rows):
        if n % 100 == 99:
            continue
        if n % 50 == 0:
            values = {k: round(v * 0.75, 2) for k, v in row.values.items()}
            row = samples.Serving(
                row.day, row.time, row.group, row.name, f"3/4 of {row.amount}", row.category, values
            )
        edited.append(row)
    first, second = folder / "servings.csv", folder / "servings-edited.csv"
    first.write_bytes(samples.servings_csv(rows, bom=True, crlf=True, dates="us"))
    second.write_bytes(samples.servings_csv(edited, bom=True, crlf=True, dates="us"))
    return first, second


def naive_import(db: Database, profile: str, path: Path) -> int:
    """The baseline: the writer import_external had before, one uid lookup and one insert per
    entry (the values in each uid, so an edited row became a second entry)."""
    data = read_export([path], today=IMPORT_TODAY)
    rows: list[tuple[Any, str, dict[str, Any]]] = []
    for food in data.foods:
        detail = {
            "name": food.name, "amount_text": food.amount_text, "grams": food.grams,
            "item_kind": food.kind.value, "counted": food.counted, "meal": food.meal,
            **food.nutrients,
        }  # fmt: skip
        rows.append((food, "food", detail))
    for item in data.supplements:
        detail = {"name": item.name, "label": item.amount_text, "elemental_mg": item.magnesium_mg,
                  "given_as": "import"}  # fmt: skip
        rows.append((item, "supplement", detail))
    added = 0
    with db.begin() as connection:
        person = require_profile(connection, profile)
        assert person.id is not None
        seen: dict[str, int] = {}
        for record, kind, detail in rows:
            key = repr((kind, record.day, record.time, sorted(detail.items())))
            seen[key] = seen.get(key, 0) + 1
            uid = hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()[:32]
            if store.entry_by_uid(connection, uid) is not None:
                continue
            new = ENTRY_TYPES[kind].from_fields(
                detail, day=record.day, time=record.time, origin=record.origin.value, uid=uid
            )
            store.add_entry(connection, person.id, new)
            added += 1
    return added


def bench_import(
    db: Database, kb: KnowledgeBase, label: str, files: tuple[Path, Path]
) -> list[list[str]]:
    """Best of IMPORT_RUNS (each into a new profile: the machine is shared, one run is noisy)
    for import_external; one run of the baseline, which takes many seconds."""
    first, edited = files
    steps = (("first import", first), ("same file again", first), ("edited export", edited))
    best: dict[str, tuple[float, Any]] = {}
    for run in range(IMPORT_RUNS):
        name = f"import-{run}"
        set_profile(db, kb, name, ProfileChanges(age=44, sex="female"), IMPORT_START)
        for title, path in steps:
            seconds, result = timed(partial(import_external, db, name, [path], today=IMPORT_TODAY))
            if title not in best or seconds < best[title][0]:
                best[title] = (seconds, result)
    rows = []
    for title, _path in steps:
        seconds, result = best[title]
        written = f"{result.foods + result.supplements:,}"
        rows.append(
            [f"{label}: {title}", f"{seconds:.2f}", written, f"{result.replaced:,}", IMPORT_TARGET]
        )
    set_profile(db, kb, "naive", ProfileChanges(age=44, sex="female"), IMPORT_START)
    naive_s, added = timed(lambda: naive_import(db, "naive", first))
    baseline = f"{label}: baseline, 1 lookup + 1 insert per entry"
    rows.append([baseline, f"{naive_s:.2f}", f"{added:,}", "", ""])
    return rows


# --- main -----------------------------------------------------------------------------------


def databases(work: Path, server: Any) -> dict[str, Settings]:
    found = {"SQLite": Settings(work, f"sqlite:///{work / 'journal.sqlite3'}")}
    if server is not None:
        found["PostgreSQL"] = Settings(work, server.create_database("bench_journal"))
    return found


def main() -> None:
    started = time.perf_counter()
    print(
        f"Mg Coach journal benchmarks: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}"
    )
    kb = load_knowledge()
    server = start_server()
    day_rows: list[list[str]] = []
    trend_rows: list[list[str]] = []
    import_rows: list[list[str]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="mgcoach-bench-journal-") as scratch:
            files = servings_files(Path(scratch))
            for label, settings in databases(Path(scratch), server).items():
                db = open_database(settings)
                try:
                    log_day(db, kb, random.Random(SEED))
                    trend_rows += bench_trend(db, kb, label)
                    day_rows += bench_day(db, kb, label)
                    import_rows += bench_import(db, kb, label, files)
                finally:
                    db.dispose()
    finally:
        if server is not None:
            server.stop()
    table(
        f"1. day: one day of 30 entries, day_report with its database read, cold and warm "
        f"({DAY_RUNS} runs after a warm-up; {YEAR_ENTRIES:,} other entries in the database)",
        ["", "p50 ms", "p95 ms", "max ms", "Mg mg", "target"],
        day_rows,
    )
    table(
        f"2. trend: one year, {YEAR_ENTRIES:,} entries ({TREND_RUNS} runs after a warm-up; "
        f"the baseline {NAIVE_TREND_RUNS} run; 'differ' = days where it disagrees with trend)",
        ["", "p50 ms", "p95 ms", "max ms", "differ", "target"],
        trend_rows,
    )
    table(
        f"3. import: a Cronometer servings.csv of {IMPORT_ROWS:,} rows into a profile, parsing "
        f"included (wall clock, best of {IMPORT_RUNS}; the baseline one run)",
        ["", "s", "written", "replaced", "target"],
        import_rows,
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process: {peak:,.0f} MiB")
    print(f"whole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

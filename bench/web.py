"""Speed of the web app under load: Today, Log, the day API and /healthz beside a bare FastAPI app.

Run with `make bench` or `.venv/bin/python bench/web.py` (about two minutes; ``--workers 2``
runs the app as ``mgcoach serve --workers 2`` does). Prints numbers only, each beside issue
19's goal (under saturation, at least half the bare ``def`` endpoint's requests per second
and p99 <= 100 ms), issue 16's (p99 under 50 ms with 50 clients pausing), and the framework's
floor measured in the same run (``run_all`` returns the figures: bench/check.py):

- the app: ``create_app`` in local mode under uvicorn, started exactly as ``mgcoach serve``
  does (cli/serve.py ``server_config``: one process, asyncio, httptools), in a
  subprocess, on a fresh SQLite database in a temp folder. It is seeded through the services
  with a realistic profile (woman 45, 68 kg, 168 cm, moderate activity, US system,
  levothyroxine at 07:00) and a month of entries: 30 on the measured day (20 foods, 3
  supplements, 3 symptoms, sleep, training, a lab, a medicine), about 12 on each other day.
- the same app in multi-user mode (one process, the same database), where an account has the
  same month and a live browser session: its Today page, signed in by the session cookie, is
  shown beside the others (no goal of issue 19's; each request looks its session up).
- the floor: a bare FastAPI app, one endpoint answering a small JSON, in its own subprocess
  under the same uvicorn settings; both ``async def`` and plain ``def`` (which runs in the
  thread pool, as the app's routes do).

The load comes from this process (bench/load.py): asyncio with 50 keep-alive HTTP/1.1
connections written by hand, so one core drives the server on the other; the table shows
both processes' CPU use, which says whether the server or the load generator is the limit.
Each client carries the site's CSRF cookie like a returning browser.

1. single: warm, 200 sequential requests on one connection: p50/p95/p99.
2. saturation: 50 clients, each sends its next request as soon as the last one answered,
   for a fixed time after a warm-up: throughput and p50/p95/p99. Three rounds, each over
   every url in turn, so the bare endpoint is measured beside the app in each; the goal is
   judged on the medians over the rounds of the ratio to the bare endpoint in the same round
   and of p99 (``verdict``): the machine is shared, and a few seconds when something else
   runs can halve one run's throughput. Every round is printed.
3. think time: 50 clients, each waiting 0.5-1.5 s (1 s on average) between requests, like
   people clicking, for a fixed time: p50/p95/p99 against the target.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from load import (
    CLIENTS,
    SEED,
    SINGLE_RUNS,
    Run,
    fetch_once,
    free_port,
    load,
    percentile,
    request_bytes,
    single,
    spread,
)
from timing import table

TARGET_P99 = 0.050
TARGET = "p99 < 50 ms"
GOAL_SHARE = 0.5  # issue 19: at least half the bare def endpoint's req/s under saturation
GOAL_P99 = 0.100  # and p99 <= 100 ms
TODAY = "Today page  /today"
SIGNED_IN = "Today page, signed in (multi-user)"
# The multi-user server's secret, account and session cookie (seed_account).
SECRET = "bench-secret-" + "x" * 40
ACCOUNT = "anna"
SESSION = "bench-session-cookie-value"
LOG = "Log page    /log"
DAY_API = "day API     /api/v1/day/{date}"
HEALTH = "health      /healthz"
BARE_ASYNC = "bare, async def /bare"
BARE_DEF = "bare, def   /bare-sync"
SATURATION_HEADER = [
    "url",
    "req/s",
    "of bare def",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "server cpu",
    "client cpu",
    "goal",
    "errors",
]
GRAMS = (15, 25, 30, 40, 50, 75, 100, 120, 150, 200, 250)
SUPPLEMENTS = (("citrate", 500.0), ("glycinate", 700.0), ("oxide", 400.0), ("malate", 600.0))


# --- the servers (run as subprocesses of this script) ---------------------------------------


def serve(kind: str, port: int, data: Path | None, workers: int = 1) -> None:
    import uvicorn

    if kind == "bare":
        from fastapi import FastAPI

        app = FastAPI()

        @app.get("/bare")
        async def bare() -> dict[str, object]:
            return {"ok": True, "service": "bare"}

        @app.get("/bare-sync")
        def bare_sync() -> dict[str, object]:
            return {"ok": True, "service": "bare"}

    else:
        from mgcoach.settings import Settings
        from mgcoach.web.app import create_app
        from mgcoach.web.config import WebConfig

        assert data is not None
        settings = Settings(data, f"sqlite:///{data / 'mgcoach.sqlite3'}")
        config = WebConfig(port=port, settings=settings)
        if kind == "mgcoach-multi":
            config = WebConfig(port=port, settings=settings, multi_user=True, secret=SECRET)
        if workers > 1:  # as `mgcoach serve --workers N` (src/mgcoach/cli/serve.py)
            from mgcoach.web.workers import prepare

            os.environ["MGCOACH_DATA_DIR"] = str(data)
            os.environ.pop("MGCOACH_DATABASE_URL", None)
            prepare(config)
            uvicorn.run(
                "mgcoach.web.workers:worker_app",
                factory=True,
                workers=workers,
                host="127.0.0.1",
                port=port,
                log_level="warning",
                access_log=False,
            )
            return
        app = create_app(config)
        from mgcoach.web.workers import settle_memory

        settle_memory()
    # As `mgcoach serve` runs it, the bare app too (src/mgcoach/cli/serve.py).
    from mgcoach.cli.serve import server_config

    uvicorn.Server(server_config(app, "127.0.0.1", port, "")).run()


@dataclass
class Server:
    kind: str
    port: int
    process: subprocess.Popen[bytes]
    cookie: str = ""

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the server process and its workers so far (/proc)."""
        return sum(map(_cpu, [self.process.pid, *_children(self.process.pid)]))


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(n) for n in task.read_text().split()]
    return found


@contextlib.contextmanager
def started(
    kind: str, data: Path | None, ready_path: str, workers: int = 1, cookie: str | None = None
) -> Iterator[Server]:
    """The server ``kind`` in a subprocess, once ``ready_path`` answers 200; its requests carry
    ``cookie``, else the cookie that first answer set (the site's CSRF cookie)."""
    port = free_port()
    command = [sys.executable, __file__, "--serve", kind, "--port", str(port)]
    command += ["--workers", str(workers)]
    if data is not None:
        command += ["--data", str(data)]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(command, env=env)
    server = Server(kind, port, process)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the {kind} server exited with {process.returncode}")
            try:
                status, headers, _body = asyncio.run(fetch_once(port, ready_path))
            except OSError:
                status, headers = 0, {}
            if status == 200:
                break
            if status and status != 200:
                raise SystemExit(f"{kind} server: GET {ready_path} answered {status}")
            if time.monotonic() > deadline:
                raise SystemExit(f"the {kind} server did not start")
            time.sleep(0.1)
        server.cookie = cookie or headers.get("set-cookie", "").split(";", 1)[0]
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the seeded database --------------------------------------------------------------------


def seed(folder: Path, day: date, owner: str | None = None) -> int:
    """A realistic user (``owner``: an account, else the local user): the profile and a month
    of entries up to ``day``; returns the number of entries on ``day``."""
    from mgcoach.foods.curated import curated_foods
    from mgcoach.knowledge import load_knowledge
    from mgcoach.services.journal import ProfileChanges, set_profile
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
    from mgcoach.settings import Settings
    from mgcoach.storage.database import LOCAL_USER, open_database
    from mgcoach.web.context import PROFILE

    owner = owner or LOCAL_USER
    rng = random.Random(SEED)
    kb = load_knowledge()
    db = open_database(Settings(folder, f"sqlite:///{folder / 'mgcoach.sqlite3'}"))
    try:
        first = day - timedelta(days=29)
        profile = ProfileChanges(
            age=45,
            sex="female",
            weight_kg=68.0,
            height_cm=168.0,
            activity="moderate",
            system="us",
            meds=["levothyroxine@07:00"],
        )
        set_profile(db, kb, PROFILE, profile, first, owner)
        foods = sorted(
            (f for f in curated_foods() if f.value("magnesium_mg") is not None), key=lambda f: f.id
        )
        counts: dict[date, int] = {}
        for offset in range(30):
            when_day = first + timedelta(days=offset)
            measured = when_day == day

            def at(minute: int, on: date = when_day) -> When:
                return When(PROFILE, on, minute, owner=owner, origin="web")

            n_foods = 20 if measured else rng.randint(6, 9)
            for n, item in enumerate(rng.sample(foods, n_foods)):
                log_food(db, at(7 * 60 + 35 * n), item.id, f"{rng.choice(GRAMS)} g")
            for n, (compound, mg) in enumerate(SUPPLEMENTS[: 3 if measured else 1]):
                log_supplement(db, kb, at(8 * 60 + 360 * n), compound, mg, None, basis="compound")
            log_sleep(db, at(7 * 60), rng.uniform(5.5, 8.5), float(rng.randint(4, 9)))
            written = n_foods + (3 if measured else 1) + 1
            if measured or rng.random() < 0.6:
                log_training(db, at(17 * 60), "running", float(rng.choice((30, 45, 60))), 7.0)
                written += 1
            if measured or rng.random() < 0.3:
                log_symptom(
                    db, kb, at(3 * 60), "cramp", count=2, severity=6.0, location="calf", night=True
                )
                written += 1
            if measured:
                for name, minute, severity in (("soreness", 18 * 60, 4.0), ("fatigue", 900, 3.0)):
                    log_symptom(
                        db,
                        kb,
                        at(minute),
                        name,
                        count=None,
                        severity=severity,
                        location=None,
                        night=None,
                    )
                log_lab(db, kb, at(9 * 60), 0.78, "mmol/L")
                log_medication(db, kb, at(7 * 60), "levothyroxine")
                written += 4
            counts[when_day] = written
        return counts[day]
    finally:
        db.dispose()


def seed_account(folder: Path, day: date) -> str:
    """An account of a multi-user server with the same month as the local user's and a live
    browser session; returns the session's cookie, as a browser sends it."""
    from mgcoach.services import accounts
    from mgcoach.settings import Settings
    from mgcoach.storage.database import open_database
    from mgcoach.web.auth import SESSION_COOKIE, keyed_hash

    db = open_database(Settings(folder, f"sqlite:///{folder / 'mgcoach.sqlite3'}"))
    try:
        account = accounts.create_account(db, ACCOUNT, "not a password hash", None)
        assert account is not None
        now = datetime.now(UTC)
        hashed = keyed_hash(SECRET, SESSION)
        accounts.start_session(db, account.id, hashed, "bench-csrf", now + timedelta(days=1), now)
    finally:
        db.dispose()
    seed(folder, day, ACCOUNT)
    return f"{SESSION_COOKIE}={SESSION}"


# --- the report -----------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    server: Server
    path: str

    @property
    def request(self) -> bytes:
        return request_bytes(self.path, self.server.port, self.server.cookie)


@dataclass
class Figures:
    """One target's runs: under saturation one per round."""

    single: Run
    rounds: list[Run]
    think: Run

    @property
    def saturated(self) -> Run:
        """The round of the median throughput."""
        return sorted(self.rounds, key=lambda run: run.throughput)[len(self.rounds) // 2]


@dataclass
class Verdict:
    """A target under saturation against the bare def endpoint, round by round: each round's
    ratio is to the bare endpoint's run of the same round (a minute apart at most), and the
    goal is judged on the medians over the rounds, so one round that something else on the
    machine slowed down does not decide it (every round is printed)."""

    ratios: list[float]
    p99s: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def p99(self) -> float:
        return statistics.median(self.p99s)

    @property
    def met(self) -> bool:
        return self.ratio >= GOAL_SHARE and self.p99 <= GOAL_P99


def verdict(figures: dict[str, Figures], label: str) -> Verdict:
    floors = figures[BARE_DEF].rounds
    runs = figures[label].rounds
    ratios = [
        r.throughput / f.throughput if f.throughput else 0.0
        for r, f in zip(runs, floors, strict=True)
    ]
    p99s = [percentile(r.latencies, 0.99) if r.latencies else math.inf for r in runs]
    return Verdict(ratios, p99s)


def check_page(target: Target) -> None:
    status, _headers, body = asyncio.run(
        fetch_once(target.server.port, target.path, target.server.cookie)
    )
    if status != 200:
        raise SystemExit(f"{target.label}: GET {target.path} answered {status}, not 200")
    if target.path.startswith("/today") and b'id="mg-total"' not in body:
        raise SystemExit(f"{target.label}: {target.path} has no #mg-total: not the Today page")


def measure(
    targets: list[Target], warmup: float, seconds: float, think_seconds: float, rounds: int
) -> dict[str, Figures]:
    """Each target's runs, by label: single, then saturation in ``rounds`` rounds, each round
    over all targets in turn (so a busy moment of the machine hits a round's targets alike,
    the bare endpoint's included), then think time."""
    for target in targets:
        check_page(target)
    singles = [asyncio.run(single(t.server.port, t.request)) for t in targets]
    saturated: list[list[Run]] = [[] for _ in targets]
    for _round in range(rounds):
        for target, runs in zip(targets, saturated, strict=True):
            runs.append(asyncio.run(load(target.server, target.request, warmup, seconds, None)))
    thinking = [asyncio.run(load(t.server, t.request, 1.0, think_seconds, 1.0)) for t in targets]
    return {
        t.label: Figures(*runs)
        for t, *runs in zip(targets, singles, saturated, thinking, strict=True)
    }


def report(
    figures: dict[str, Figures], seconds: float, warmup: float, think: float, rounds: int
) -> None:
    rows_single, rows_saturated, rows_rounds, rows_think = [], [], [], []
    for label, runs in figures.items():
        rows_single.append([label, *spread(runs.single), str(runs.single.errors)])
        run = runs.saturated
        judged = verdict(figures, label)
        met = ("yes" if judged.met else "NO") if label in (TODAY, LOG, DAY_API) else "-"
        cpu = [f"{run.server_cpu:.0%}", f"{run.client_cpu:.0%}"]
        errors = sum(r.errors for r in runs.rounds)
        share = f"{judged.ratio:.0%}"
        rows_saturated.append(
            [label, f"{run.throughput:.0f}", share, *spread(run), *cpu, met, str(errors)]
        )
        rows_rounds.append(
            [
                label,
                " / ".join(f"{r.throughput:.0f}" for r in runs.rounds),
                " / ".join(f"{ratio:.2f}" for ratio in judged.ratios),
                " / ".join(f"{p99 * 1e3:.1f}" for p99 in judged.p99s),
            ]
        )
        run = runs.think
        p99 = percentile(run.latencies, 0.99) if run.latencies else math.inf
        verdict_think = "yes" if p99 < TARGET_P99 else "NO"
        rows_think.append(
            [label, f"{run.throughput:.0f}", *spread(run), TARGET, verdict_think, str(run.errors)]
        )
    table(
        f"1. One client, warm, {SINGLE_RUNS} sequential requests on one connection (ms)",
        ["url", "p50", "p95", "p99", "errors"],
        rows_single,
    )
    table(
        f"2. Saturation: {CLIENTS} clients, no pause, {rounds} rounds of {seconds:g} s after "
        f"{warmup:g} s warm-up, each round over every url in turn; the median round by req/s, "
        f"and the medians over the rounds of the ratio to the bare def endpoint's req/s in the "
        f"same round and of p99; goal: >= {GOAL_SHARE:.0%} and p99 <= {GOAL_P99 * 1e3:.0f} ms",
        SATURATION_HEADER,
        rows_saturated,
    )
    table(
        "   each round: req/s, ratio to the bare def endpoint's req/s in that round, p99 ms",
        ["url", "req/s", "ratio", "p99 ms"],
        rows_rounds,
    )
    table(
        f"3. {CLIENTS} clients pausing ~1 s between requests (0.5-1.5 s), {think:g} s",
        ["url", "req/s", "p50 ms", "p95 ms", "p99 ms", "target", "met", "errors"],
        rows_think,
    )


def run_all(
    seconds: float, warmup: float, think: float, workers: int = 1, rounds: int = 3
) -> dict[str, Figures]:
    """Seed, start the app (``workers`` processes), the app in multi-user mode (one process)
    and the bare app, measure, print the tables; the figures by label (TODAY, LOG, DAY_API,
    HEALTH, SIGNED_IN, BARE_ASYNC, BARE_DEF)."""
    day = date.today()
    loads = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="mgcoach-bench-web-") as folder:
        data = Path(folder)
        started_at = time.perf_counter()
        entries = seed(data, day)
        session = seed_account(data, day)
        print(
            f"Seeded a month of entries ({entries} on {day.isoformat()}) through the services, "
            f"for the local user and for an account with a session, in "
            f"{time.perf_counter() - started_at:.1f} s; load: asyncio, {CLIENTS} keep-alive "
            f"HTTP/1.1 connections from one process; servers: uvicorn (asyncio, httptools), "
            f"the app in {workers} worker process(es), the multi-user app and the bare app in "
            f"one each; {os.cpu_count()} cores."
        )
        today = f"/today?date={day.isoformat()}"
        with (
            started("mgcoach", data, today, workers) as app,
            started("mgcoach-multi", data, "/healthz", cookie=session) as multi,
            started("bare", None, "/bare") as bare,
        ):
            targets = [
                Target(TODAY, app, today),
                Target(LOG, app, f"/log?date={day.isoformat()}"),
                Target(DAY_API, app, f"/api/v1/day/{day.isoformat()}"),
                Target(HEALTH, app, "/healthz"),
                Target(SIGNED_IN, multi, today),
                Target(BARE_ASYNC, bare, "/bare"),
                Target(BARE_DEF, bare, "/bare-sync"),
            ]
            figures = measure(targets, warmup, seconds, think, rounds)
            report(figures, seconds, warmup, think, rounds)
            size = len(asyncio.run(fetch_once(app.port, today, app.cookie))[2])
            print(f"\nThe Today page is {size:,} bytes; percentiles are nearest-rank.")
            after = ", ".join(f"{n:.2f}" for n in os.getloadavg())
            print(
                f"Load average (1, 5, 15 min) before: {loads}; after: {after}. Over about 1 "
                "before, something else was using the cores and the numbers are pessimistic."
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="saturation window a round")
    parser.add_argument("--warmup", type=float, default=1.0, help="saturation warm-up a round")
    parser.add_argument("--rounds", type=int, default=3, help="saturation rounds")
    parser.add_argument("--think-seconds", type=float, default=20.0, help="think-time window")
    parser.add_argument("--workers", type=int, default=1, help="the app's worker processes")
    parser.add_argument(
        "--serve", choices=("mgcoach", "mgcoach-multi", "bare"), help=argparse.SUPPRESS
    )
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.data, args.workers)
        return
    run_all(args.seconds, args.warmup, args.think_seconds, args.workers, args.rounds)


if __name__ == "__main__":
    main()

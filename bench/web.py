"""Speed of the web app under load: the Today page and the day API beside a bare FastAPI app.

Run with `make bench` or `.venv/bin/python bench/web.py` (about 90 s). Prints numbers only, each
beside the issue's target (p99 under 50 ms with 50 concurrent clients on loopback) and the
framework's floor measured in the same run:

- the app: ``create_app`` in local mode under uvicorn, started exactly as ``mgcoach serve``
  does (``uvicorn.run(app, host, port)``: one process, asyncio + h11 as installed), in a
  subprocess, on a fresh SQLite database in a temp folder. It is seeded through the services
  with a realistic profile (woman 45, 68 kg, 168 cm, moderate activity, US system,
  levothyroxine at 07:00) and a month of entries: 30 on the measured day (20 foods, 3
  supplements, 3 symptoms, sleep, training, a lab, a medicine), about 12 on each other day.
- the floor: a bare FastAPI app, one endpoint answering a small JSON, in its own subprocess
  under the same uvicorn settings; both ``async def`` and plain ``def`` (which runs in the
  thread pool, as the app's routes do).

The load comes from this process: asyncio with 50 keep-alive HTTP/1.1 connections written
by hand (a request is a few bytes on a socket, a response is read to its Content-Length), so
one core drives the server on the other; the table shows both processes' CPU use, which
says whether the server or the load generator is the limit. Each client carries the site's
CSRF cookie like a returning browser.

1. single: warm, 200 sequential requests on one connection: p50/p95/p99.
2. saturation: 50 clients, each sends its next request as soon as the last one answered,
   for a fixed time after a warm-up: throughput and p50/p95/p99.
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
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from timing import ms, table

CLIENTS = 50
SINGLE_RUNS = 200
SINGLE_WARMUP = 20
TARGET_P99 = 0.050
TARGET = "p99 < 50 ms"
SEED = 20240301
GRAMS = (15, 25, 30, 40, 50, 75, 100, 120, 150, 200, 250)
SUPPLEMENTS = (("citrate", 500.0), ("glycinate", 700.0), ("oxide", 400.0), ("malate", 600.0))


# --- the servers (run as subprocesses of this script) ---------------------------------------


def serve(kind: str, port: int, data: Path | None) -> None:
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
        app = create_app(WebConfig(port=port, settings=settings))
    # As `mgcoach serve` runs it (src/mgcoach/cli/serve.py).
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    kind: str
    port: int
    process: subprocess.Popen[bytes]
    cookie: str = ""

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the server process so far (from /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def started(kind: str, data: Path | None, ready_path: str) -> Iterator[Server]:
    port = free_port()
    command = [sys.executable, __file__, "--serve", kind, "--port", str(port)]
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
        cookie = headers.get("set-cookie", "").split(";", 1)[0]
        server.cookie = cookie
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the seeded database --------------------------------------------------------------------


def seed(folder: Path, day: date) -> int:
    """A realistic local user: the profile and a month of entries up to ``day``; returns the
    number of entries on ``day``."""
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
    from mgcoach.storage.database import open_database
    from mgcoach.web.context import PROFILE

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
        set_profile(db, kb, PROFILE, profile, first)
        foods = sorted(
            (f for f in curated_foods() if f.value("magnesium_mg") is not None), key=lambda f: f.id
        )
        counts: dict[date, int] = {}
        for offset in range(30):
            when_day = first + timedelta(days=offset)
            measured = when_day == day

            def at(minute: int, on: date = when_day) -> When:
                return When(PROFILE, on, minute, origin="web")

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


# --- the load generator ---------------------------------------------------------------------


def request_bytes(path: str, port: int, cookie: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Accept-Language: en"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


class Connection:
    """One keep-alive HTTP/1.1 connection: a request out, the whole response in."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(reader, writer)

    async def get(self, request: bytes) -> tuple[int, dict[str, str], bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers.setdefault(name.strip().lower(), value.strip())
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunks()
        else:
            raise RuntimeError(f"a response without a length: {lines[0]}")
        return status, headers, body

    async def _chunks(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    def close(self) -> None:
        self.writer.close()


async def fetch_once(port: int, path: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    connection = await Connection.open(port)
    try:
        return await connection.get(request_bytes(path, port, cookie))
    finally:
        connection.close()


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def single(port: int, request: bytes) -> Run:
    run = Run()
    connection = await Connection.open(port)
    try:
        for n in range(SINGLE_WARMUP + SINGLE_RUNS):
            started_at = time.perf_counter()
            status, _headers, _body = await connection.get(request)
            took = time.perf_counter() - started_at
            if n >= SINGLE_WARMUP:
                run.latencies.append(took)
                run.errors += status != 200
    finally:
        connection.close()
    return run


async def load(
    server: Server, request: bytes, warmup: float, seconds: float, think: float | None
) -> Run:
    """CLIENTS clients on their own connections for warmup + seconds; the requests that both
    started and answered inside the measured window count. ``think``: the mean pause between
    a client's requests (uniform over 0.5x-1.5x), None for none (saturation)."""
    run = Run(seconds=seconds)
    rng = random.Random(SEED)
    connections = [await Connection.open(server.port) for _ in range(CLIENTS)]
    begin = time.perf_counter()
    window = (begin + warmup, begin + warmup + seconds)
    cpu = (server.cpu_seconds(), time.process_time())

    async def client(connection: Connection, first_pause: float) -> None:
        await asyncio.sleep(first_pause)
        while True:
            started_at = time.perf_counter()
            if started_at >= window[1]:
                return
            status, _headers, _body = await connection.get(request)
            ended = time.perf_counter()
            if started_at >= window[0] and ended <= window[1]:
                run.latencies.append(ended - started_at)
                run.errors += status != 200
            if think is not None:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    pauses = [rng.uniform(0, think) if think else 0.0 for _ in connections]
    try:
        await asyncio.gather(*(client(c, p) for c, p in zip(connections, pauses, strict=True)))
    finally:
        for connection in connections:
            connection.close()
    elapsed = time.perf_counter() - begin
    run.server_cpu = (server.cpu_seconds() - cpu[0]) / elapsed
    run.client_cpu = (time.process_time() - cpu[1]) / elapsed
    return run


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: an observed value."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def spread(run: Run) -> list[str]:
    if not run.latencies:
        return ["-", "-", "-"]
    return [ms(percentile(run.latencies, q)) for q in (0.50, 0.95, 0.99)]


# --- the report -----------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    server: Server
    path: str

    @property
    def request(self) -> bytes:
        return request_bytes(self.path, self.server.port, self.server.cookie)


def check_page(target: Target) -> None:
    status, _headers, body = asyncio.run(
        fetch_once(target.server.port, target.path, target.server.cookie)
    )
    if status != 200:
        raise SystemExit(f"{target.label}: GET {target.path} answered {status}, not 200")
    if target.path.startswith("/today") and b'id="mg-total"' not in body:
        raise SystemExit(f"{target.label}: {target.path} has no #mg-total: not the Today page")


def measure(targets: list[Target], warmup: float, seconds: float, think_seconds: float) -> None:
    rows_single, rows_saturated, rows_think = [], [], []
    for target in targets:
        check_page(target)
        run = asyncio.run(single(target.server.port, target.request))
        rows_single.append([target.label, *spread(run), str(run.errors)])
    for target in targets:
        run = asyncio.run(load(target.server, target.request, warmup, seconds, None))
        rows_saturated.append(
            [
                target.label,
                f"{run.throughput:.0f}",
                *spread(run),
                f"{run.server_cpu:.0%}",
                f"{run.client_cpu:.0%}",
                str(run.errors),
            ]
        )
    for target in targets:
        run = asyncio.run(load(target.server, target.request, 1.0, think_seconds, 1.0))
        p99 = percentile(run.latencies, 0.99) if run.latencies else math.inf
        verdict = "yes" if p99 < TARGET_P99 else "NO"
        rows_think.append(
            [target.label, f"{run.throughput:.0f}", *spread(run), TARGET, verdict, str(run.errors)]
        )
    table(
        f"1. One client, warm, {SINGLE_RUNS} sequential requests on one connection (ms)",
        ["url", "p50", "p95", "p99", "errors"],
        rows_single,
    )
    table(
        f"2. Saturation: {CLIENTS} clients, no pause, {seconds:g} s after {warmup:g} s warm-up",
        ["url", "req/s", "p50 ms", "p95 ms", "p99 ms", "server cpu", "client cpu", "errors"],
        rows_saturated,
    )
    table(
        f"3. {CLIENTS} clients pausing ~1 s between requests (0.5-1.5 s), {think_seconds:g} s",
        ["url", "req/s", "p50 ms", "p95 ms", "p99 ms", "target", "met", "errors"],
        rows_think,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="saturation window")
    parser.add_argument("--warmup", type=float, default=2.0, help="saturation warm-up")
    parser.add_argument("--think-seconds", type=float, default=20.0, help="think-time window")
    parser.add_argument("--serve", choices=("mgcoach", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.data)
        return

    day = date.today()
    loads = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="mgcoach-bench-web-") as folder:
        data = Path(folder)
        started_at = time.perf_counter()
        entries = seed(data, day)
        print(
            f"Seeded a month of entries ({entries} on {day.isoformat()}) through the services "
            f"in {time.perf_counter() - started_at:.1f} s; load: asyncio, {CLIENTS} keep-alive "
            f"HTTP/1.1 connections from one process; servers: uvicorn (asyncio, h11), one "
            f"process each; {os.cpu_count()} cores."
        )
        today = f"/today?date={day.isoformat()}"
        api = f"/api/v1/day/{day.isoformat()}"
        with started("mgcoach", data, today) as app, started("bare", None, "/bare") as bare:
            targets = [
                Target(f"Today page      {today}", app, today),
                Target(f"day API         {api}", app, api),
                Target("bare, async def /bare", bare, "/bare"),
                Target("bare, def       /bare-sync", bare, "/bare-sync"),
            ]
            measure(targets, args.warmup, args.seconds, args.think_seconds)
            size = len(asyncio.run(fetch_once(app.port, today, app.cookie))[2])
            print(f"\nThe Today page is {size:,} bytes; percentiles are nearest-rank.")
            after = ", ".join(f"{n:.2f}" for n in os.getloadavg())
            print(
                f"Load average (1, 5, 15 min) before: {loads}; after: {after}. Over about 1 "
                "before, something else was using the cores and the numbers are pessimistic."
            )


if __name__ == "__main__":
    main()

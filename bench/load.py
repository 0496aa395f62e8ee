"""The load generator of bench/web.py: asyncio with keep-alive HTTP/1.1 connections written by
hand (a request is a few bytes on a socket, a response is read to its Content-Length), so one
core drives the server on the other."""

from __future__ import annotations

import asyncio
import math
import random
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from timing import ms

CLIENTS = 50
SINGLE_RUNS = 200
SINGLE_WARMUP = 20
SEED = 20240301


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Served(Protocol):
    """A server under load: where it listens, and its CPU seconds so far."""

    port: int

    def cpu_seconds(self) -> float: ...


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
    server: Served, request: bytes, warmup: float, seconds: float, think: float | None
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

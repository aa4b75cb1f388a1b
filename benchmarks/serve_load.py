"""REST API load test: requests/s and latency of the events and dyad endpoints.

    .venv/bin/python benchmarks/serve_load.py [--db PATH] [--requests 2000] [--concurrency 12]

Starts uvicorn on ``create_api`` over the demo store (examples/crisis, coded into a
temporary file unless ``--db`` names a store) in a child process bound to 127.0.0.1 on
a free port, then sends ``--requests`` GETs per endpoint from ``--concurrency``
threads (one httpx client and keep-alive connection each), each endpoint stopped
early at ``--seconds``. Requests cycle through a pool of different queries, as a
dashboard's users would ask them; each query is asked once, untimed, beforehand.

Two servers are measured: ``read-only`` is what ``flashpoint serve`` runs (it replays
answers to repeated questions, see ``flashpoint.api.cache``), ``writable`` (on a copy
of the store) keeps no answers, so every request plans and runs its queries. Prints a
Markdown table for ``benchmarks/RESULTS.md``. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PAIRS = (("CHN", "JPN"), ("USA", "CHN"), ("JPN", "KOR"), ("CHN", "TWN"), ("USA", "JPN"))
#: Each endpoint cycles through these queries: 30 events pages, 15 dyad series.
ENDPOINTS = {
    "events": tuple(
        f"/api/events?dyad={a},{b}&order={order}&limit=50&offset={offset}"
        for a, b in PAIRS
        for order in ("-date", "-mentions")
        for offset in (0, 50)
    )
    + tuple(f"/api/events?actor={a}&quad={q}&limit=50" for a, _ in PAIRS for q in (1, 4)),
    "dyad": tuple(
        f"/api/dyad?a={a}&b={b}&by={by}" for a, b in PAIRS for by in ("day", "week", "month")
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    name: str
    server: str
    cpu_ms: float | None  # server CPU time per request
    sent: int
    errors: int
    seconds: float
    latencies_ms: list[float]


def build_demo_store(path: Path) -> None:
    from flashpoint.config import Settings
    from flashpoint.ingest import iter_articles
    from flashpoint.model import Article
    from flashpoint.pipeline import ingest_articles
    from flashpoint.store import open_store

    settings = Settings()
    items = iter_articles([str(ROOT / "examples" / "crisis")], settings)
    with open_store(path) as store:
        for _report in ingest_articles(
            (a for a in items if isinstance(a, Article)), store, settings
        ):
            pass


def serve(db: Path, port: int, *, writable: bool) -> None:
    """The child process: uvicorn with the API over ``db`` on 127.0.0.1:``port``."""
    import uvicorn

    from flashpoint.api import create_api
    from flashpoint.config import Settings

    app = create_api(db, Settings(), writable=writable)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float | None:
    """CPU time a process has used (Linux), to tell server cost from machine noise."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(db: Path, *, writable: bool) -> Iterator[tuple[str, int]]:
    """The child's base URL and process id, once it answers."""
    port = free_port()
    command = [sys.executable, __file__, "--serve", "--db", str(db), "--port", str(port)]
    command += ["--writable"] if writable else []
    child = subprocess.Popen(command)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield base, child.pid
    finally:
        child.terminate()
        child.wait(timeout=10)


def warm_up(base: str, paths: Sequence[str]) -> None:
    """Ask every query once, untimed.

    Both servers are then measured in their steady state: the read-only one replays its
    answers, the writable one computes every time.
    """
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in paths:
            client.get(path).raise_for_status()


class _Tickets:
    """Hands out request numbers to the worker threads until the count or the time runs out."""

    def __init__(self, total: int, deadline: float) -> None:
        self._next = 0
        self._total = total
        self._deadline = deadline
        self._lock = threading.Lock()

    def take(self) -> int | None:
        with self._lock:
            if self._next >= self._total or time.perf_counter() >= self._deadline:
                return None
            self._next += 1
            return self._next - 1


def _worker(base: str, paths: Sequence[str], tickets: _Tickets, out: list[float | None]) -> None:
    """One keep-alive connection; each latency in ms, or None for a failed request."""
    with httpx.Client(base_url=base, timeout=10) as client:
        while (number := tickets.take()) is not None:
            start = time.perf_counter()
            try:
                ok = client.get(paths[number % len(paths)]).status_code == 200
            except httpx.HTTPError:
                ok = False
            out.append((time.perf_counter() - start) * 1000 if ok else None)


def load(
    base: str, name: str, paths: Sequence[str], *, total: int, concurrency: int, cap: float
) -> Result:
    """``total`` requests from ``concurrency`` threads, each with its own connection.

    Threads with one client each, not one asyncio client: a single httpx.AsyncClient
    shared by 12 tasks stalled one request in thirty for about 100 ms in its connection
    pool on this machine, and capped itself below 1,000 requests/s.
    """
    begin = time.perf_counter()
    tickets = _Tickets(total, begin + cap)
    outcomes: list[float | None] = []
    workers = [
        threading.Thread(target=_worker, args=(base, paths, tickets, outcomes))
        for _ in range(concurrency)
    ]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    latencies = [ms for ms in outcomes if ms is not None]
    return Result(
        name=name,
        server="",
        cpu_ms=None,
        sent=len(outcomes),
        errors=len(outcomes) - len(latencies),
        seconds=time.perf_counter() - begin,
        latencies_ms=latencies,
    )


def row(result: Result) -> str:
    cuts = statistics.quantiles(result.latencies_ms, n=100, method="inclusive")
    rate = result.sent / result.seconds
    cpu = f"{result.cpu_ms:.1f}" if result.cpu_ms is not None else "n/a"
    return (
        f"| `{result.name}` | {result.server} | {result.sent:,} | {rate:,.0f} | {cuts[49]:.1f} "
        f"| {cuts[98]:.1f} | {result.errors} | {cpu} |"
    )


def measure(db: Path, args: argparse.Namespace, *, writable: bool) -> list[Result]:
    results = []
    with server(db, writable=writable) as (base, pid):
        for name, paths in ENDPOINTS.items():
            warm_up(base, paths)
            before = cpu_seconds(pid)
            found = load(
                base,
                name,
                paths,
                total=args.requests,
                concurrency=args.concurrency,
                cap=args.seconds,
            )
            after = cpu_seconds(pid)
            used = None if before is None or after is None else (after - before) * 1000
            cpu = None if used is None else used / found.sent
            kind = "writable" if writable else "read-only"
            results.append(dataclasses.replace(found, server=kind, cpu_ms=cpu))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="A store (default: the demo).")
    parser.add_argument("--requests", type=int, default=2000, help="Per endpoint.")
    parser.add_argument("--concurrency", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=60.0, help="Cap per endpoint.")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--writable", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.db, args.port, writable=args.writable)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        db = args.db
        if db is None:
            db = work / "demo.duckdb"
            build_demo_store(db)
        copy = work / "writable.duckdb"
        shutil.copy(db, copy)
        results = measure(db, args, writable=False) + measure(copy, args, writable=True)
    sys.stdout.write(
        f"{platform.processor() or platform.machine()}, {dt.date.today().isoformat()}; "
        f"{args.requests:,} requests per endpoint, {args.concurrency} connections\n\n"
        "| endpoint | server | requests | requests/s | p50 ms | p99 ms | errors "
        "| server CPU ms/request |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
    )
    sys.stdout.writelines(row(r) + "\n" for r in results)
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

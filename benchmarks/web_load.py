"""Web load test: concurrent clients on `newsgraph serve` (127.0.0.1 only), bounded in time and in requests.

    .venv/bin/python -m benchmarks.web_load [--db PATH | --events N] [--clients 20] [--seconds 30]
        [--client httpx|wrk] [--pastes N]

Builds a store of N synthetic events with benchmarks/store_load.py unless --db names one, starts
`newsgraph serve` on a free loopback port, and loads the dashboard, a document view and the dyad API of
the busiest pair. Prints per endpoint the requests, errors, p50, p95 and worst latency in milliseconds.

``--pastes N`` adds N clients that paste a 6 kB article to ``POST /api/extract`` over and over meanwhile
(on 429, the paste queue full, each waits a second and pastes again), so the figures show what pastes do to
the pages; the row ``paste`` counts the pastes extracted (requests) and refused (refused).

Two clients:
  httpx  CLIENTS asyncio clients in this process request the three pages in turn until SECONDS have passed
         or MAX requests were sent. On a small machine the Python client takes CPU from the server.
  wrk    wrk (Debian package ``wrk``), written in C, holds CLIENTS connections on one page at a time for
         SECONDS each (benchmarks/wrk_report.lua prints its figures as JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from newsgraph import store as st

LOOPBACK = "127.0.0.1"
#: A pasted article of about 6 kB (fictional states; every sentence differs, so no answer is cached).
PASTE = " ".join(f"The council of Gondor met envoys of Arnor in Osgiliath for round {n}, and King Elessar "
                 f"accused Rohan of hoarding grain, officials said on Tuesday." for n in range(45))
TARGET_P95_MS = 300.0
WRK_REPORT = Path(__file__).with_name("wrk_report.lua")


@dataclass
class Tally:
    """Latencies (ms) and errors of one endpoint."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: int = 0

    def row(self, name: str) -> dict[str, Any]:
        ordered = sorted(self.times) or [0.0]
        return {"endpoint": name, "requests": len(self.times) + len(self.errors), "errors": len(self.errors),
                **({"refused": self.refused} if self.refused else {}),
                "p50_ms": round(statistics.median(ordered), 1),
                "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
                "max_ms": round(ordered[-1], 1), "first_errors": self.errors[:3]}


def endpoints(store: st.Store) -> dict[str, str]:
    """The dashboard, the newest document's view and the dyad API of the pair with the most events."""
    from benchmarks.store_load import busiest
    from newsgraph.store import views as queries

    [newest] = queries.documents(store, limit=1)
    a, b, _ = busiest(store)
    return {"dashboard": "/", "document": f"/documents/{newest['doc']}",
            "dyad api": "/api/dyad?" + urlencode({"a": a, "b": b})}


async def client(http: httpx.AsyncClient, paths: dict[str, str], tallies: dict[str, Tally], deadline: float,
                 budget: list[int], offset: int) -> None:
    names = list(paths)
    k = offset
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        name = names[k % len(names)]
        k += 1
        began = time.perf_counter()
        try:
            response = await http.get(paths[name])
            ok, why = response.status_code == 200, f"HTTP {response.status_code}"
        except httpx.HTTPError as e:
            ok, why = False, f"{type(e).__name__}: {e}"
        elapsed = (time.perf_counter() - began) * 1000
        (tallies[name].times.append(elapsed) if ok else tallies[name].errors.append(why))


async def paster(http: httpx.AsyncClient, tally: Tally, deadline: float, offset: int) -> None:
    """Paste an article over and over until ``deadline``; on 429 wait a second."""
    k = offset
    while time.monotonic() < deadline:
        k += 1
        began = time.perf_counter()
        try:
            response = await http.post("/api/extract", json={"text": f"Round {k}.\n\n{PASTE}"})
        except httpx.HTTPError as e:
            tally.errors.append(f"{type(e).__name__}: {e}")
            continue
        if response.status_code == 429:
            tally.refused += 1
            await asyncio.sleep(1)
        elif response.status_code == 200:
            tally.times.append((time.perf_counter() - began) * 1000)
        else:
            tally.errors.append(f"HTTP {response.status_code}")


async def hammer(base: str, paths: dict[str, str], *, clients: int, seconds: float,
                 max_requests: int, pastes: int = 0) -> list[dict[str, Any]]:
    """Run ``clients`` concurrent clients against ``base`` (which must be a loopback URL), and ``pastes`` pasting
    clients beside them; rows per endpoint (and one for the pastes)."""
    if httpx.URL(base).host != LOOPBACK:
        raise ValueError(f"the load test only targets {LOOPBACK}, not {base}")
    tallies = {name: Tally() for name in paths}
    pasted = Tally()
    limits = httpx.Limits(max_connections=clients + pastes, max_keepalive_connections=clients + pastes)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        deadline, budget = time.monotonic() + seconds, [max_requests]
        await asyncio.gather(*(client(http, paths, tallies, deadline, budget, k) for k in range(clients)),
                             *(paster(http, pasted, deadline, 1000 * k) for k in range(pastes)))
    return [tallies[name].row(name) for name in paths] + ([pasted.row("paste")] if pastes else [])


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: str, *, timeout: float = 120.0) -> Iterator[str]:
    """`newsgraph serve --db DB` (read-only, loopback) in a subprocess; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-c", "from newsgraph.cli import main; main()", "serve", "--db", db,
               "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not _up(base):
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise RuntimeError(f"newsgraph serve did not start: {err[-800:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # requests still running past the grace period
            process.kill()
            process.wait()


def _up(base: str) -> bool:
    try:
        return httpx.get(base + "/favicon.ico", timeout=5).status_code == 204
    except httpx.TransportError:
        return False


def wrk(base: str, paths: dict[str, str], *, clients: int, seconds: float) -> list[dict[str, Any]]:
    """wrk with ``clients`` connections on each path in turn for ``seconds``; rows per endpoint."""
    if httpx.URL(base).host != LOOPBACK:
        raise ValueError(f"the load test only targets {LOOPBACK}, not {base}")
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("wrk is not installed (Debian package 'wrk'); use --client httpx")
    rows = []
    for name, path in paths.items():
        command = [binary, f"-c{clients}", f"-t{min(clients, 2)}", f"-d{max(1, round(seconds))}s",
                   "--timeout", "10s", "-s", str(WRK_REPORT), base + path]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append({"endpoint": name, **figures, "first_errors": []})
    return rows


def run(db: str, *, clients: int, seconds: float, max_requests: int, only: list[str] | None = None,
        client: str = "httpx", pastes: int = 0) -> list[dict[str, Any]]:
    opened = st.connect(db, migrate=False)
    try:
        paths = {k: v for k, v in endpoints(opened).items() if not only or k in only}
    finally:
        opened.close()
    with serving(db) as base:
        if client == "wrk":
            return wrk(base, paths, clients=clients, seconds=seconds)
        return asyncio.run(hammer(base, paths, clients=clients, seconds=seconds, max_requests=max_requests,
                                  pastes=pastes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing SQLite store (default: build one of --events)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--only", action="append", choices=["dashboard", "document", "dyad api"],
                        help="Request only this endpoint (repeat for several; default: all three).")
    parser.add_argument("--client", choices=["httpx", "wrk"], default="httpx",
                        help="httpx: asyncio clients in this process, the pages in turn; wrk: the C load "
                             "generator, one page at a time for --seconds each (default: httpx)")
    parser.add_argument("--pastes", type=int, default=0,
                        help="Clients pasting a 6 kB article to /api/extract meanwhile (httpx client only).")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="newsgraph-web-load-")) / "load.db"
    if not db.exists():
        from benchmarks.store_load import load

        began = time.perf_counter()
        load(st.connect(db), args.events)
        print(f"loaded {args.events:,} events in {time.perf_counter() - began:.0f} s into {db}", file=sys.stderr)
    rows = run(str(db), clients=args.clients, seconds=args.seconds, max_requests=args.max_requests, only=args.only,
               client=args.client, pastes=args.pastes)
    if args.json:
        print(json.dumps({"db": str(db), "client": args.client, "clients": args.clients, "seconds": args.seconds,
                          "pastes": args.pastes, "load_average": os.getloadavg(), "endpoints": rows}))
        return
    for row in rows:
        verdict = "ok" if row["errors"] == 0 and (row["endpoint"] == "paste" or row["p95_ms"] < TARGET_P95_MS) \
            else "OVER"
        print(f"{row['endpoint']:<10} requests={row['requests']:<6} errors={row['errors']:<3} "
              f"p50={row['p50_ms']:>8} ms "
              f"p95={row['p95_ms']:>8} ms  max={row['max_ms']:>8} ms  {verdict}"
              + (f"  refused={row['refused']}" if "refused" in row else ""))
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()

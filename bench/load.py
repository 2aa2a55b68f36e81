"""A bounded load test of `policykg serve`, on loopback only.

Starts its own server on 127.0.0.1 (a free port) over a store built from the bundled corpus, runs N concurrent
clients (asyncio + httpx) for D seconds on a mix of lookups and SPARQL, and reports per request kind: requests,
errors, throughput and p50/p99 latency; and the memory of the server process and its children, the query
workers, sampled every second from /proc/<pid>/status, to show whether it stays flat: resident (VmRSS) and
private (RssAnon). Resident memory also counts the pages of the store's and the index's files the processes
have read (file-backed, shared with the OS's cache, given back under pressure): it grows towards the files'
size as the load reads more of them. The private memory is what the processes hold.

    .venv/bin/python bench/load.py                                # 50 clients, 60 s, store in a temporary dir
    .venv/bin/python bench/load.py --clients 10 --duration 10 --store ./store --json load.json

A hard stop ends the run at duration + a grace period whatever the server does; the server is always stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from procfs import descendants, kilobytes

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only, never another address

PREFIXES = "PREFIX pkg: <https://w3id.org/policykg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "labels": PREFIXES + "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label LIMIT 50",
    "cited": PREFIXES + "SELECT ?doc (COUNT(?r) AS ?n) WHERE { ?r pkg:cites ?doc } GROUP BY ?doc ORDER BY DESC(?n) "
    "LIMIT 20",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 200",
}


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))


@dataclass
class Targets:
    symbols: list[str]
    places: list[str]
    iris: list[str]  # paths under /id/


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def memory_kib(pid: int) -> tuple[int, int]:
    """VmRSS and RssAnon of a process and of all its descendants (the query workers), in KiB; 0 for a vanished
    one."""
    family = [pid, *descendants(pid)]
    return sum(kilobytes(p, "VmRSS") for p in family), sum(kilobytes(p, "RssAnon") for p in family)


def build_store(store: Path) -> None:
    if (store / "current").exists():
        return
    print(f"building the bundled corpus into {store} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "policykg.cli", "build", "--store", str(store)], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip


def start_server(store: Path, port: int, log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "policykg.cli", "serve", "--store", str(store), "--host", HOST, "--port", str(port)],
            cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"policykg serve exited: {log.read_text(encoding='utf-8')[-2000:]}")
        try:
            if httpx.get(f"http://{HOST}:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise RuntimeError("policykg serve did not answer within 90 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def discover(base: str) -> Targets:
    """Real symbols, places and IRIs from the running server (SPARQL), so lookups hit existing entities."""

    def select(query: str) -> list[str]:
        response = httpx.get(f"{base}/sparql", params={"query": PREFIXES + query}, timeout=30)
        response.raise_for_status()
        return [b["x"]["value"] for b in response.json()["results"]["bindings"]]

    symbols = select("SELECT DISTINCT ?x WHERE { ?d pkg:symbol ?x } ORDER BY ?x LIMIT 60")
    places = select("SELECT DISTINCT ?x WHERE { ?p a pkg:District ; rdfs:label ?x } ORDER BY ?x LIMIT 20")
    iris = select(
        "SELECT DISTINCT ?x WHERE { ?x ?p ?o FILTER(REGEX(STR(?x), '/id/(document|place|hydropower|programme)/')) }"
        " ORDER BY ?x LIMIT 200"
    )
    return Targets(symbols, places or ["tam-duong"], [iri.split("/id/", 1)[1] for iri in iris])


def request_for(kind: str, targets: Targets, rng: random.Random) -> tuple[str, str, dict[str, Any]]:
    """(method, path, httpx keyword arguments) of one request of a kind."""
    if kind == "document":
        return "GET", f"/api/documents/{rng.choice(targets.symbols)}", {}
    if kind == "search":
        return "GET", "/api/search", {"params": {"q": rng.choice(["huoi quang", "nong thon moi", "tam duong",
                                                                    "nghi quyet", "135", "muong te"])}}  # fmt: skip
    if kind == "place":
        return "GET", f"/api/places/{rng.choice(targets.places)}", {}
    if kind == "id_turtle":
        return "GET", f"/id/{rng.choice(targets.iris)}", {"headers": {"Accept": "text/turtle"}}
    name = rng.choice(list(QUERIES))
    accept = "text/turtle" if name == "construct" else "application/sparql-results+json"
    if kind == "sparql_get":
        return "GET", "/sparql", {"params": {"query": QUERIES[name]}, "headers": {"Accept": accept}}
    return "POST", "/sparql", {"content": QUERIES[name].encode(),
                               "headers": {"Accept": accept, "Content-Type": "application/sparql-query"}}  # fmt: skip


# Weights of the mix: mostly lookups, a third SPARQL.
MIX = {"document": 3, "search": 2, "place": 1, "id_turtle": 2, "sparql_get": 2, "sparql_post": 2}


async def client(n: int, base: str, targets: Targets, until: float, stats: dict[str, Stats]) -> None:
    rng = random.Random(n)
    kinds, weights = list(MIX), list(MIX.values())
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            kind = rng.choices(kinds, weights)[0]
            method, path, kwargs = request_for(kind, targets, rng)
            started = time.monotonic()
            try:
                response = await http.request(method, path, **kwargs)
                status = response.status_code
            except httpx.HTTPError:
                status = 0  # no answer: a connection error or a client timeout
            elapsed = time.monotonic() - started
            entry = stats[kind]
            entry.latencies.append(elapsed)
            entry.statuses[status] += 1
            if status == 0 or status >= 400:
                entry.errors += 1


async def sample_memory(pid: int, until: float, samples: list[tuple[float, int, int]], start: float) -> None:
    while time.monotonic() < until:
        samples.append((round(time.monotonic() - start, 1), *memory_kib(pid)))
        await asyncio.sleep(1)


async def run_load(base: str, pid: int, targets: Targets, clients: int, duration: float) -> dict[str, Any]:
    stats: dict[str, Stats] = defaultdict(Stats)
    memory: list[tuple[float, int, int]] = []
    start = time.monotonic()
    until = start + duration
    tasks = [asyncio.create_task(client(n, base, targets, until, stats)) for n in range(clients)]
    sampler = asyncio.create_task(sample_memory(pid, until, memory, start))
    # Hard stop: whatever the server does, the run ends at duration + 35 s (the client timeout is 30 s).
    _done, pending = await asyncio.wait([*tasks, sampler], timeout=duration + 35)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    wall = time.monotonic() - start
    return summarise(stats, memory, wall, clients, duration, hard_stopped=bool(pending))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def summarise(
    stats: dict[str, Stats], memory: list[tuple[float, int, int]], wall: float, clients: int, duration: float,
    hard_stopped: bool,
) -> dict[str, Any]:  # fmt: skip
    kinds: dict[str, Any] = {}
    everything: list[float] = []
    for kind in MIX:
        entry = stats.get(kind, Stats())
        everything += entry.latencies
        kinds[kind] = {
            "requests": len(entry.latencies),
            "errors": entry.errors,
            "statuses": {str(k): v for k, v in sorted(entry.statuses.items())},
            "per_second": round(len(entry.latencies) / wall, 1),
            "p50_ms": round(percentile(entry.latencies, 50) * 1000, 1),
            "p99_ms": round(percentile(entry.latencies, 99) * 1000, 1),
        }
    return {
        "clients": clients,
        "duration_s": duration,
        "wall_s": round(wall, 1),
        "hard_stopped": hard_stopped,
        "total": {
            "requests": len(everything),
            "errors": sum(k["errors"] for k in kinds.values()),
            "per_second": round(len(everything) / wall, 1),
            "p50_ms": round(percentile(everything, 50) * 1000, 1),
            "p99_ms": round(percentile(everything, 99) * 1000, 1),
        },
        "kinds": kinds,
        "memory": {
            "samples": memory,
            "resident": _course([rss for _t, rss, _anon in memory]),
            "private": _course([anon for _t, _rss, anon in memory]),
        },
    }


def _course(kib: list[int]) -> dict[str, float | None]:
    """First, largest and last sample, and the means of the first and last thirds of the run (flat memory: the
    two means alike), in MiB."""
    if not kib:
        return dict.fromkeys(("first_mib", "max_mib", "last_mib", "first_third_mean_mib", "last_third_mean_mib"))
    third = max(1, len(kib) // 3)
    mib = {"first_mib": kib[0], "max_mib": max(kib), "last_mib": kib[-1],
           "first_third_mean_mib": statistics.mean(kib[:third]),
           "last_third_mean_mib": statistics.mean(kib[-third:])}  # fmt: skip
    return {k: round(v / 1024, 1) for k, v in mib.items()}


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"{result['clients']} clients, {result['duration_s']:g} s (wall {result['wall_s']} s)"
        + (" — HARD STOP reached" if result["hard_stopped"] else ""),
        "",
        "| kind | requests | errors | req/s | p50 ms | p99 ms | statuses |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    rows = [*result["kinds"].items(), ("**all**", result["total"])]
    for kind, k in rows:
        statuses = ", ".join(f"{s}: {n}" for s, n in k.get("statuses", {}).items())
        lines.append(
            f"| {kind} | {k['requests']} | {k['errors']} | {k['per_second']} | {k['p50_ms']} | {k['p99_ms']} "
            f"| {statuses} |"
        )
    lines.append("")
    for name, what in (("resident", "Resident (VmRSS, with the file pages read)"), ("private", "Private (RssAnon)")):
        m = result["memory"][name]
        lines.append(
            f"{what}, server + query workers: first {m['first_mib']} MiB, max {m['max_mib']} MiB, "
            f"last {m['last_mib']} MiB; mean of the first third {m['first_third_mean_mib']} MiB, "
            f"of the last third {m['last_third_mean_mib']} MiB ({len(result['memory']['samples'])} samples)."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--store", type=Path, help="a store to serve (built from the bundled corpus if empty)")
    parser.add_argument("--workers", type=int, help="POLICYKG_WORKERS for the server (default: its own)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.clients < 1 or not 0 < args.duration <= 3600:
        parser.error("--clients ≥ 1 and 0 < --duration ≤ 3600")

    with tempfile.TemporaryDirectory(prefix="policykg-load-") as tmp:
        store = args.store or Path(tmp) / "store"
        build_store(store)
        port = free_port()
        env = {"POLICYKG_WORKERS": str(args.workers)} if args.workers else {}
        process = start_server(store, port, Path(tmp) / "serve.log", env)
        try:
            base = f"http://{HOST}:{port}"
            targets = discover(base)
            print(f"serving {store} at {base} (pid {process.pid}); {len(targets.symbols)} symbols, "
                  f"{len(targets.places)} places, {len(targets.iris)} IRIs", file=sys.stderr)  # fmt: skip
            result = asyncio.run(run_load(base, process.pid, targets, args.clients, args.duration))
            result["server_alive"] = process.poll() is None
        finally:
            stop_server(process)
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0 if result["server_alive"] else 1


if __name__ == "__main__":
    sys.exit(main())

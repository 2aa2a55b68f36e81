"""Load test (issue 17): many clients at once against `policykg serve`, for minutes — a mix of decree-context
lookups, full-text search and SPARQL — counting every error and watching the server's memory.

Each client is an asyncio task with its own keep-alive connection (httpx), asking one request after another,
without pause: a lookup of a document drawn from the store's cited documents (60 % of requests), a search
(25 %), a SPARQL query from a small set (15 %: a point lookup, a count per report, an ASK). Past the time limit a
query answers 503, and a queue that is full answers 503 with Retry-After: both are counted apart from errors
(they are the limits at work); any other non-2xx/3xx answer, a refused connection or a timeout is an error. The
summed resident memory of the server and its workers is sampled every 5 s.

    .venv/bin/python bench/load_test.py --store /tmp/bench/work17/kg-1m/policykg-store --clients 50 --seconds 600
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
from procfs import descendants, kilobytes

BIN = Path(sys.executable).parent
PREFIX = "PREFIX pkg: <https://w3id.org/policykg/ontology#>\n"
SPARQL = [
    PREFIX + 'SELECT ?m ?line WHERE { ?m pkg:refersTo ?d ; pkg:line ?line . ?d pkg:symbol "%s" } LIMIT 50',
    PREFIX
    + 'SELECT ?r (COUNT(?m) AS ?n) WHERE { ?m pkg:refersTo ?d ; pkg:inReport ?r . ?d pkg:symbol "%s" } GROUP BY ?r',
    "ASK { ?s ?p ?o }",
]
WORDS = ["tái định cư", "nông thôn mới", "thủy điện", "giảm nghèo", "Mường Tè", "Nghị quyết 29", "tdc", "giao thông"]


def rss_mb(pid: int) -> float:
    return sum(kilobytes(p, "VmRSS") for p in [pid, *descendants(pid)]) / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def client(
    base: str, symbols: list[str], end: float, seed: int, out: dict[str, list[float]], codes: Counter[str]
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.monotonic() < end:
            pick = rng.random()
            symbol = rng.choice(symbols)
            if pick < 0.60:
                kind, request = "lookup", http.get(f"/api/documents/{symbol}")
            elif pick < 0.85:
                kind, request = "search", http.get("/api/search", params={"q": rng.choice(WORDS), "scope": "all"})
            else:
                query = rng.choice(SPARQL)
                text = query % symbol.replace('"', "") if "%s" in query else query
                kind, request = "sparql", http.get("/sparql", params={"query": text},
                                                    headers={"Accept": "application/sparql-results+json"})  # fmt: skip
            t0 = time.perf_counter()
            try:
                response = await request
                status = response.status_code
            except httpx.HTTPError as exc:
                codes[f"{kind} {type(exc).__name__}"] += 1
                continue
            out[kind].append((time.perf_counter() - t0) * 1000)
            codes[f"{kind} {status}"] += 1


async def run(base: str, symbols: list[str], clients: int, seconds: float, pid: int) -> dict[str, object]:
    times: dict[str, list[float]] = defaultdict(list)
    codes: Counter[str] = Counter()
    memory: list[tuple[float, float]] = []
    start = time.monotonic()
    end = start + seconds
    tasks = [asyncio.create_task(client(base, symbols, end, n, times, codes)) for n in range(clients)]
    while time.monotonic() < end:
        memory.append((round(time.monotonic() - start), round(rss_mb(pid), 1)))
        await asyncio.sleep(5)
    await asyncio.gather(*tasks)
    memory.append((round(time.monotonic() - start), round(rss_mb(pid), 1)))

    def pct(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else 0.0

    errors = {k: v for k, v in codes.items() if not k.split()[-1].isdigit() or int(k.split()[-1]) >= 400}
    limits = {k: v for k, v in errors.items() if k.endswith(" 503")}
    return {
        "requests": sum(codes.values()),
        "per_second": round(sum(codes.values()) / seconds, 1),
        "answers": dict(sorted(codes.items())),
        "errors": {k: v for k, v in errors.items() if k not in limits},
        "limits_at_work_503": limits,
        "ms": {k: {"p50": pct(v, 0.5), "p99": pct(v, 0.99), "max": pct(v, 1.0), "n": len(v)} for k, v in times.items()},
        "rss_mb_first_last_max": [
            memory[1][1] if len(memory) > 1 else memory[0][1],
            memory[-1][1],
            max(m for _t, m in memory),
        ],
        "rss_mb_every_minute": [m for t, m in memory if t % 60 < 5],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(BIN / "policykg"), "serve", "--store", str(args.store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            for _ in range(600):
                try:
                    if http.get("/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            query = PREFIX + "SELECT DISTINCT ?s WHERE { ?d pkg:symbol ?s } LIMIT 3000"
            rows = http.get("/sparql", params={"query": query}).json()["results"]["bindings"]
        symbols = [r["s"]["value"] for r in rows]
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores; {args.clients} clients x {args.seconds:.0f} s; "
              f"{len(symbols)} symbols", flush=True)  # fmt: skip
        result = asyncio.run(run(base, symbols, args.clients, args.seconds, server.pid))
        print(json.dumps(result, indent=1, ensure_ascii=False))
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()

"""What the server's warm-up costs the first requests after a start (issue 17), side by side: first lookups of
documents right after `/healthz` answers, spaced like a person's clicks (so that the warm-up finds the server
idle between them and starts documents of its own), with the warm-up on (the default) and off
(`POLICYKG_WARM_DOCUMENTS=0`), the order alternating each round.

    .venv/bin/python bench/warm_up_cost.py --store STORE [--documents 40] [--gap 0.5] [--rounds 2] [--cold]
        [--preload-mb N]

At national scale the preload (reading the store's files while the server idles) takes the first minutes:
`--preload-mb 0` leaves it out of both servers, so the warm-up's documents start at once. `--cold` drops the
store's files from the page cache before each start (as after a reboot). The documents are drawn at random
(seeded) from every symbol the store holds, the same for every server; each is asked once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import time
from pathlib import Path

import httpx
from first_lookup import evict
from pyoxigraph import Store
from serve_bench import BIN, free_port, process_group, wait_up

from policykg.graph.store.layout import STORE_DIRNAME, StoreLayout

SYMBOLS = "SELECT DISTINCT ?symbol WHERE { ?d <https://w3id.org/policykg/ontology#symbol> ?symbol }"


def sample(store: Path, count: int, seed: int) -> list[str]:
    current = StoreLayout(store).current_build()
    assert current is not None, f"{store}: no build"
    opened = Store.read_only(str(current / STORE_DIRNAME))
    symbols = sorted(str(row["symbol"].value) for row in opened.query(SYMBOLS))  # type: ignore[union-attr]
    del opened
    return random.Random(seed).sample(symbols, min(count, len(symbols)))


def first_minutes(
    store: Path, symbols: list[str], warm: bool, gap: float, work: Path, preload_mb: str | None
) -> dict[str, object]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, **({} if warm else {"POLICYKG_WARM_DOCUMENTS": "0"})}
    if preload_mb is not None:
        env["POLICYKG_PRELOAD_MB"] = preload_mb
    command = [str(BIN / "policykg"), "serve", "--store", str(store), "--port", str(port)]
    log = work / f"serve-{'on' if warm else 'off'}.log"
    with process_group(command, log, env) as server:
        started = wait_up(f"{base}/healthz", server, 600, log)
        times = []
        with httpx.Client(timeout=120) as client:
            for symbol in symbols:
                time.sleep(gap)
                t0 = time.perf_counter()
                response = client.get(f"{base}/api/documents/{symbol}")
                times.append((time.perf_counter() - t0) * 1000)
                if response.status_code not in (200, 300):
                    raise SystemExit(f"/api/documents/{symbol}: {response.status_code} {response.text[:200]}")
            health = client.get(f"{base}/healthz").json()
    ordered = sorted(times)
    return {
        "warm-up": "on" if warm else "off",
        "start_s": round(started, 1),
        "p50_ms": round(statistics.median(ordered), 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 1),
        "max_ms": round(ordered[-1], 1),
        "computed_ahead_by_the_end": health.get("documents_computed_ahead"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True, help="a store root (`policykg build --store`)")
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--gap", type=float, default=0.5, help="seconds between two requests")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cold", action="store_true", help="drop the store's files from the page cache first")
    parser.add_argument("--preload-mb", help="POLICYKG_PRELOAD_MB for every server (0: the documents' part alone)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp"), help="where the servers' logs go")
    args = parser.parse_args()
    symbols = sample(args.store, args.documents, args.seed)
    git = ["git", "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; commit "
          f"{commit}; {len(symbols)} documents, {args.gap} s apart; {'cold' if args.cold else 'warm'} page cache; "
          f"preload {args.preload_mb or 'default'}")  # fmt: skip
    files = [f for f in args.store.resolve().rglob("*") if f.is_file()]
    for round_ in range(args.rounds):
        for warm in (True, False) if round_ % 2 == 0 else (False, True):
            if args.cold:
                evict(files)
            measured = first_minutes(args.store, symbols, warm, args.gap, args.work, args.preload_mb)
            print(json.dumps({"round": round_ + 1, **measured}), flush=True)


if __name__ == "__main__":
    main()

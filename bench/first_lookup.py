"""Where a first decree-context lookup's time goes (issue 17), in process, without HTTP.

    uv run python bench/first_lookup.py --store STORE --documents 100

For documents nobody asked for yet (a seeded sample of the catalogue's documents, the 60 most cited left out: a
typical document), with the server's warm-up off — what a document not computed ahead costs (the server computes
every document ahead after start, while it idles, as far as half its lookup cache holds) — each cell alternating
with the others:

- `first request`: `GET /api/documents/{symbol}` through the ASGI app called directly, as served (lookup workers,
  two batches), and `repeated`: the same documents again (the answer kept);
- `six queries, first`: the lookup's six queries, in this process, on documents whose store blocks this process
  has not read yet, then `six queries, again`: the same documents (their blocks in RocksDB's block cache).

The difference between the last two is what a first request pays for blocks not yet in RocksDB's block cache.
`--cold` first drops the store's files from the page cache (`posix_fadvise(DONTNEED)`: as after a restart of the
machine); `--preload` then reads them back as `policykg serve` does at start (`graph/store/preload.py`), timed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import uvloop
from http_floor import asgi_get, table
from pyoxigraph import NamedNode

from policykg import queries
from policykg.api.app import create_app
from policykg.graph.lookup.catalogue import _CONTEXT_QUERIES
from policykg.graph.lookup.fulltext import INDEX_FILE
from policykg.graph.store.layout import STORE_DIRNAME, StoreLayout
from policykg.graph.store.preload import preload
from policykg.settings import Settings


def evict(files: list[Path]) -> None:
    """Drop these files' pages from the page cache (clean pages only; nothing is lost)."""
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


async def measure(store: Path, count: int, seed: int) -> dict[str, list[float]]:
    app = create_app(Settings(store_dir=store, warm_documents=0, preload_mb=0))  # the caller preloads, or not
    times: dict[str, list[float]] = {
        name: [] for name in ("first request", "repeated", "six queries, first", "six queries, again")
    }
    async with app.router.lifespan_context(app):
        catalogue, backend = app.state.catalogue, app.state.backend
        documents = [e for e in catalogue.most_cited("document", 10**9)[60:] if e.symbol]
        by_symbol: dict[str, int] = {}
        for e in documents:
            by_symbol[e.symbol] = by_symbol.get(e.symbol, 0) + 1
        unique = [e for e in documents if by_symbol[e.symbol] == 1]  # a symbol several documents share is a 300
        sample = random.Random(seed).sample(unique, min(2 * count, len(unique)))
        served, direct = sample[0::2], sample[1::2]
        lookups = backend.lookups

        def six(entry: Any) -> None:
            backend.select_batch([(queries.load(n), {"entity": NamedNode(entry.iri)}) for n in _CONTEXT_QUERIES])

        for label, again in (("first request", "six queries, first"), ("repeated", "six queries, again")):
            for entry, other in zip(served, direct, strict=False):
                start = time.perf_counter()
                assert await asgi_get(app, "/api/documents/" + entry.symbol) == 200
                times[label].append(time.perf_counter() - start)
                backend.lookups = None  # in this process, in this thread
                try:
                    start = time.perf_counter()
                    six(other)
                    times[again].append(time.perf_counter() - start)
                finally:
                    backend.lookups = lookups
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("store"), help="a built policykg store")
    parser.add_argument("--documents", type=int, default=100, help="documents per cell")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cold", action="store_true", help="drop the store's files from the page cache first")
    parser.add_argument("--preload", action="store_true", help="then read them back as the server does at start")
    args = parser.parse_args()
    store = args.store.resolve()
    build = StoreLayout(store).current_build()
    if build is None:
        raise SystemExit(f"first_lookup: no built store in {store}; run `policykg build --store {store}` first")
    files = [*sorted(p for p in (build / STORE_DIRNAME).iterdir() if p.is_file()), build / INDEX_FILE]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"store {store}; {args.documents} documents a cell; cold {args.cold}, preload {args.preload}\n")  # fmt: skip
    if args.cold:
        evict(files)
    if args.preload:
        start = time.perf_counter()
        read = preload(files, threading.Event())
        print(f"preloaded {read / 1e6:.0f} MB in {time.perf_counter() - start:.2f} s\n")
    times = uvloop.run(measure(store, args.documents, args.seed))
    print(table("Decree context, in process:", times, None, "cell"))
    first, again = statistics.median(times["six queries, first"]), statistics.median(times["six queries, again"])
    print(f"cold blocks cost the six queries {(first - again) * 1e3:.2f} ms at the median ({first / again:.2f}×)")


if __name__ == "__main__":
    main()

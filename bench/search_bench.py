"""Benchmark: full-text search (issue 16) — sentence search latency at scale on the FTS5 index against the SPARQL
`REGEX` scan it replaces, side by side in one run; and what writing the index costs in a build.

    .venv/bin/python bench/generate.py --triples 1000000 -o /tmp/bench/kg-1m.nq --real store/current/dataset.nq
    .venv/bin/python bench/search_bench.py /tmp/bench/kg-1m.nq [--queries 200] [--workdir DIR]

1. `policykg load` of the N-Quads into a new store (in this process), which writes the index from the graph's
   mentions; the index is then written again alone, so its share of the load is measured apart.
2. Sentence search: `--queries` queries of one to three consecutive words taken from sentences of the graph
   (seeded), each run through `FullTextIndex.sentences` as `/api/search?scope=sentences` runs it (a page of 20
   hits with snippets, what each sentence names, counts by report, year, kind and place): p50, p95, p99.
3. The same words as a SPARQL `REGEX` over every mention's sentence on the same store, counting the matches as
   the index does (the first 10 queries: each is a scan), p50.
4. Over HTTP, on `policykg serve` of the same store: the serving benchmark's text query (`bench/serve_bench.py`
   q4, mentions whose sentence holds `tái định cư`, per report) as the SPARQL `REGEX` it was, against the same
   question through the index (`/api/search?scope=sentences&q=tái định cư`: the total and the counts by report,
   and a page of 20 with snippets), `--http` requests each, one client, side by side.
5. The bundled corpus's build in this process, the index written beside the validation.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from pyoxigraph import Store

from policykg.build.pipeline import build, load_nquads
from policykg.graph.lookup.fulltext import INDEX_FILE, FullTextIndex, write_index
from policykg.graph.rdf.iris import IriPolicy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import QUERIES, free_port  # noqa: E402 - a sibling script, not a package

# What the index answers (how many sentences hold the words, then a page of them), as a scan: the count needs
# every sentence read.
_REGEX = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
SELECT (COUNT(DISTINCT ?sentence) AS ?n) WHERE {{
  ?m pkg:sentence ?sentence . FILTER(REGEX(?sentence, "{pattern}", "i"))
}}"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def queries(index: FullTextIndex, count: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    texts = [t for (t,) in index._db().execute("SELECT text FROM sentences ORDER BY id LIMIT 20000")]
    out = []
    while len(out) < count:
        words = re.findall(r"[^\W\d_]{2,}", rng.choice(texts))
        if len(words) >= 3:
            n = rng.choice((1, 2, 2, 3))
            start = rng.randrange(len(words) - n + 1)
            out.append(" ".join(words[start : start + n]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("nquads", type=Path)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--http", type=int, default=50, help="requests of each kind over HTTP")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "policykg-search-bench")
    args = parser.parse_args()
    print(f"# {platform.node()} · {platform.processor() or platform.machine()} · Python {sys.version.split()[0]}")

    store_root = args.workdir / "store"
    start = time.perf_counter()
    counts = load_nquads(args.nquads, store_root)
    load_s = time.perf_counter() - start
    current = (store_root / "current").resolve()
    print(f"load {args.nquads.name}: {counts['triples']:,} triples, {counts['search']['sentences']:,} sentences, "
          f"{counts['search']['entities']:,} entities indexed; {load_s:.1f} s")  # fmt: skip
    store = Store.read_only(str(current / "oxigraph"))
    again = args.workdir / "again.sqlite"
    start = time.perf_counter()
    write_index(again, store, None)
    index_s = time.perf_counter() - start
    print(f"index alone: {index_s:.1f} s = {index_s / load_s:.0%} of the load; "
          f"{(current / INDEX_FILE).stat().st_size / 1e6:.0f} MB")  # fmt: skip

    index = FullTextIndex(current / INDEX_FILE)
    asked = queries(index, args.queries)
    index.sentences(asked[0])  # the connection opened, the pages warm, as on a running server
    times, totals = [], []
    for q in asked:
        start = time.perf_counter()
        found = index.sentences(q, limit=20)
        times.append((time.perf_counter() - start) * 1000)
        totals.append(found.total)
    print(f"FTS5 sentence search, {len(asked)} queries: p50 {percentile(times, 50):.1f} ms, p95 "
          f"{percentile(times, 95):.1f} ms, p99 {percentile(times, 99):.1f} ms, max {max(times):.1f} ms; "
          f"median {statistics.median(totals):.0f} matching sentences")  # fmt: skip
    scan = []
    for q in asked[:10]:
        pattern = re.escape(q).replace("\\", "\\\\")
        start = time.perf_counter()
        list(store.query(_REGEX.format(pattern=pattern), use_default_graph_as_union=True))  # type: ignore[arg-type]
        scan.append((time.perf_counter() - start) * 1000)
    print(f"SPARQL REGEX scan, the first {len(scan)} queries: p50 {statistics.median(scan):.0f} ms, "
          f"max {max(scan):.0f} ms (the count only: no ranking, no page, diacritics must match)")  # fmt: skip

    over_http(store_root, args.http)

    result = build(sorted((ROOT / "data" / "reports").glob("*.txt")), args.workdir / "bundled", IriPolicy())
    total = sum(result.timings.values())
    after = result.timings.get("search index and counts (beyond validation)", 0.0)
    print(f"bundled build: {total:.2f} s in process; the index is written beside the validation "
          f"({result.timings.get('validate', 0.0):.2f} s), and (with the counts) waited for {after:.2f} s after it "
          "(its cost beside validation alone: bench/build_speed.py)")  # fmt: skip


def over_http(store_root: Path, requests: int) -> None:
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "policykg"), "serve", "--store", str(store_root),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "POLICYKG_LOOKUP_CACHE_MB": "0"})  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with_server = server.poll() is None
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
            if not with_server:
                raise SystemExit("policykg serve exited")
        _label, text = QUERIES["q4_text_filter"]
        sparql = "PREFIX pkg: <https://w3id.org/policykg/ontology#>\n" + text
        with httpx.Client(base_url=url, timeout=60) as client:
            cells = {
                "SPARQL REGEX (q4)": lambda: client.get("/sparql", params={"query": sparql},
                                                        headers={"Accept": "application/sparql-results+json"}),
                "/api/search, the index": lambda: client.get("/api/search", params={
                    "q": "tái định cư", "scope": "sentences", "limit": 20}),
            }  # fmt: skip
            for name, call in cells.items():
                call()  # warm: the worker's first query, the index's pages
                times = []
                for _ in range(requests):
                    start = time.perf_counter()
                    answer = call()
                    times.append((time.perf_counter() - start) * 1000)
                    answer.raise_for_status()
                print(f"over HTTP, {name}: p50 {statistics.median(times):.1f} ms, p99 {percentile(times, 99):.1f} ms "
                      f"({requests} requests, one client)")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

"""Benchmark: `build` of the bundled corpus, cold and from the cache, by stage; and the store load beside the
alternative (the same N-Quads parsed into an rdflib Dataset).

    uv run python bench/build_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from policykg.graph.build import build
from policykg.graph.iris import IriPolicy
from policykg.graph.store import DATASET_FILE, StoreLayout
from policykg.ontology.reference import load_reference
from pyoxigraph import RdfFormat, Store
from rdflib import Dataset

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    load_reference()  # parsed once per process in every real run too; timed by bench/extract_speed.py
    cold: list[dict[str, float]] = []
    cached: list[dict[str, float]] = []
    totals_cold, totals_cached = [], []
    for _ in range(repeat):
        root = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
        start = time.perf_counter()
        first = build(REPORTS, root, IriPolicy())
        totals_cold.append(time.perf_counter() - start)
        cold.append(first.timings)
        start = time.perf_counter()
        again = build(REPORTS, root, IriPolicy())
        totals_cached.append(time.perf_counter() - start)
        cached.append(again.timings)
        dataset = (StoreLayout(root).current_build() or root) / DATASET_FILE
        shutil.copy(dataset, root / "copy.nq")
    counts = first.counts
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; {len(REPORTS)} reports, ", end="")
    print(f"{counts['triples']} triples in {len(counts['graphs'])} graphs; median of {repeat}\n")
    print(f"{'stage':<28}{'cold (s)':>10}{'cached (s)':>12}")
    for stage in {**cold[0], **cached[0]}:
        c = statistics.median(t.get(stage, 0.0) for t in cold)
        k = statistics.median(t.get(stage, 0.0) for t in cached)
        print(f"{stage:<28}{c:>10.3f}{k:>12.3f}")
    print(f"{'total (in process)':<28}{statistics.median(totals_cold):>10.3f}{statistics.median(totals_cached):>12.3f}")

    nquads = root / "copy.nq"
    start = time.perf_counter()
    store = Store(str(root / "bench-store"))
    store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    store.flush()
    oxigraph_s = time.perf_counter() - start
    start = time.perf_counter()
    Dataset().parse(nquads, format="nquads")
    rdflib_s = time.perf_counter() - start
    print(f"\nload the N-Quads: pyoxigraph on-disk bulk_load {oxigraph_s:.3f} s, rdflib Dataset parse {rdflib_s:.3f} s")


if __name__ == "__main__":
    main()

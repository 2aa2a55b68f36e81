"""Benchmark: `build` of the bundled corpus, cold and from the cache, by stage, with extraction and SHACL shared
out among forked processes (the default) beside the same build in one process; the `policykg build` command
end to end (a new process: imports and reference data included); and the store load beside the alternative
(the same N-Quads parsed into an rdflib Dataset).

    .venv/bin/python bench/build_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store
from rdflib import Dataset

from policykg.build.pipeline import build
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.store.layout import DATASET_FILE, StoreLayout
from policykg.ontology.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    load_reference()  # parsed once per process in every real run too; counted in the command's time below
    runs: dict[str, list[dict[str, float]]] = {"cold": [], "cold, one process": [], "cached": []}
    totals: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, processes in (("cold", None), ("cold, one process", 1), ("cached", None)):
            root = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
            if name == "cached":
                build(REPORTS, root, IriPolicy())
            start = time.perf_counter()
            result = build(REPORTS, root, IriPolicy(), processes=processes)
            totals[name].append(time.perf_counter() - start)
            runs[name].append(result.timings)
            if name != "cached":
                shutil.rmtree(root)
    counts = result.counts
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; ", end="")
    print(
        f"{len(REPORTS)} reports, {counts['triples']} triples in {len(counts['graphs'])} graphs; median of {repeat}\n"
    )
    print(f"{'stage (s)':<26}" + "".join(f"{name:>20}" for name in runs))
    stages = {stage: None for timings in runs.values() for stage in timings[0]}
    for stage in stages:
        cells = (statistics.median(t.get(stage, 0.0) for t in timings) for timings in runs.values())
        print(f"{stage:<26}" + "".join(f"{c:>20.3f}" for c in cells))
    print(f"{'total (in process)':<26}" + "".join(f"{statistics.median(t):>20.3f}" for t in totals.values()))

    command = [sys.executable, "-m", "policykg.cli", "build", "--store"]
    walls = {"cold": [], "cached": []}
    for _ in range(repeat):
        root = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
        for name in ("cold", "cached"):
            start = time.perf_counter()
            subprocess.run([*command, str(root)], cwd=ROOT, check=True, capture_output=True)
            walls[name].append(time.perf_counter() - start)
    cells = ", ".join(f"{name} {statistics.median(t):.3f} s" for name, t in walls.items())
    print(f"\n`policykg build` end to end, a new process (imports, reference data): {cells}")

    nquads = (StoreLayout(root).current_build() or root) / DATASET_FILE
    start = time.perf_counter()
    store = Store(str(root / "bench-store"))
    store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    store.flush()
    oxigraph_s = time.perf_counter() - start
    start = time.perf_counter()
    Dataset().parse(nquads, format="nquads")
    rdflib_s = time.perf_counter() - start
    print(f"load the N-Quads: pyoxigraph on-disk bulk_load {oxigraph_s:.3f} s, rdflib Dataset parse {rdflib_s:.3f} s")


if __name__ == "__main__":
    main()

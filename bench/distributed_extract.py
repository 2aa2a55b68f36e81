"""Benchmark (issue 17): extraction — the part of a build that grows with the reports — on an existing engine for
many machines (Dask distributed), beside the build's own processes, on this machine's cores.

The same unit of work either way: one report read, extracted and written as its graph's N-Triples cache file
(`policykg.build.pipeline._report_rdf`, what `policykg build` runs in each forked process). Dask runs it in a
`LocalCluster` of worker processes (one thread each), the scheduler and the workers talking over TCP on
loopback as they would across machines; each task gets a report's path and reads the report itself, as a worker
on another machine would. The reports are varied copies made as `bench/national_scale.py` makes them.

    .venv/bin/python bench/distributed_extract.py --reports 400 [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from national_scale import make_reports

from policykg.build.pipeline import _report_rdf
from policykg.graph.rdf.iris import IriPolicy
from policykg.loaders.reading import read_report
from policykg.parallel import forked_map

ROOT = Path(__file__).resolve().parent.parent


def one(path: Path, cache: Path) -> int:
    """A report from its path to its cache file; the number of triples."""
    return _report_rdf(IriPolicy(), (read_report(path), cache / f"{path.stem}.nt"))


def forked(reports: list[Path], cache: Path, workers: int) -> tuple[float, int]:
    start = time.monotonic()
    tasks = [(read_report(p), cache / f"{p.stem}.nt") for p in reports]  # as the build does: read in the parent
    triples = sum(forked_map(_report_rdf, IriPolicy(), tasks, workers))
    return time.monotonic() - start, triples


def dask(reports: list[Path], cache: Path, workers: int) -> tuple[float, float, int]:
    from distributed import Client, LocalCluster

    start = time.monotonic()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        ready = time.monotonic() - start
        futures = client.map(one, reports, cache=cache, pure=False)
        triples = sum(client.gather(futures))
    return time.monotonic() - start, ready, triples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--extra", type=Path, default=ROOT.parent / "shared" / "corpus-extra")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="policykg-dask-"))
    try:
        folder = work / "reports"
        folder.mkdir()
        reports = make_reports(args.reports, args.extra, folder, 5)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores; {len(reports)} reports, "
              f"{sum(p.stat().st_size for p in reports) / 1e6:.0f} MB; {args.workers} workers\n")  # fmt: skip
        print("| engine | wall s | of it: cluster start s | triples | reports per second |")
        print("|---|---|---|---|---|")
        for name in ("forked processes (policykg build)", "Dask distributed, LocalCluster", "one process"):
            cache = work / f"cache-{len(name)}"
            cache.mkdir()
            if name.startswith("Dask"):
                wall, ready, triples = dask(reports, cache, args.workers)
            else:
                wall, triples = forked(reports, cache, args.workers if name.startswith("forked") else 1)
                ready = 0.0
            print(f"| {name} | {wall:.1f} | {ready:.1f} | {triples:,} | {len(reports) / wall:.1f} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

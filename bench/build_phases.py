"""Benchmark: the build process's own private memory (RssAnon) phase by phase, with the freed memory given back
to the system between phases (`policykg.memory.give_back`, the default) or not (`--keep-freed`).

Builds `--reports` varied copies of the bundled reports and corpus-extra texts (as `bench/national_scale.py`
makes them) in this process, sampling /proc/self/status every 0.1 s; prints, at each stage the build reports,
the private memory then and its peak since the stage before. Run it twice on the same `--work` folder: the
second run's reports come from the cache, so it measures the phases after extraction alone.

    .venv/bin/python bench/build_phases.py --reports 2000 --work /tmp/phases [--keep-freed]
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path

from national_scale import ROOT, make_reports
from procfs import kilobytes

import policykg.memory
from policykg.build.pipeline import build
from policykg.graph.rdf.iris import IriPolicy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--work", type=Path, required=True, help="reports, cache and store; kept for a second run")
    parser.add_argument("--extra", type=Path, default=ROOT.parent / "shared" / "corpus-extra")
    parser.add_argument("--keep-freed", action="store_true", help="never give freed memory back (the baseline)")
    args = parser.parse_args()
    if args.keep_freed:
        policykg.memory._TRIM = None  # give_back() then does nothing, as on a system without glibc
    folder = args.work / "reports"
    reports = sorted(p for p in folder.glob("n*") if p.suffix != ".toml") if folder.is_dir() else []
    if not reports:
        folder.mkdir(parents=True)
        reports = make_reports(args.reports, args.extra, folder, seed=5)

    def private_mib() -> int:
        return kilobytes(os.getpid(), "RssAnon") >> 10

    peak = [0]

    def sample() -> None:
        while True:
            peak[0] = max(peak[0], private_mib())
            time.sleep(0.1)

    threading.Thread(target=sample, daemon=True).start()
    start = time.perf_counter()

    def stage(message: str) -> None:
        if message.startswith(("extract ", "cached ", "warning ")):
            return
        print(f"{time.perf_counter() - start:7.1f} s  {message:24s} private {private_mib():5d} MiB, "
              f"peak since the last stage {max(peak[0], private_mib()):5d} MiB", flush=True)  # fmt: skip
        peak[0] = 0

    stage("start")
    result = build(reports, args.work / "store", IriPolicy(), progress=stage)
    stage("end")
    print({name: round(seconds, 1) for name, seconds in result.timings.items()})


if __name__ == "__main__":
    main()

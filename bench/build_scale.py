"""Benchmark: `policykg build` near a million triples — copies of the bundled reports (each copy its own report
graph, the documents they cite shared) — cold with each validator side by side, then again from the cache.

Memory is the peak of the summed proportional set size (PSS) of the command and its forked processes, sampled
every 0.1 s: what the build costs the machine, pages shared after fork counted once.

    .venv/bin/python bench/build_scale.py [--copies 14] [--validators sparql,pyshacl]
    .venv/bin/python bench/build_scale.py --validators sparql --compare OTHER/.venv/bin/python [--rounds 3]

`--compare` runs cold builds of the same reports by another checkout's Python (an older commit in a git worktree)
and by this one in turn, `--rounds` times each: a change measured side by side, in the same minutes.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procfs import descendants, kilobytes

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=14, help="copies of each bundled report (14: about 1M triples)")
    parser.add_argument("--validators", default="sparql,pyshacl")
    parser.add_argument("--compare", type=Path, help="another checkout's Python, built with in turn (cold builds)")
    parser.add_argument("--rounds", type=int, default=3, help="cold builds of each, with --compare")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="policykg-build-scale-"))
    try:
        corpus = work / "reports"
        corpus.mkdir()
        for i in range(1, args.copies + 1):
            for report in REPORTS:
                shutil.copy(report, corpus / f"c{i:03d}-{report.name}")
        reports = sorted(str(p) for p in corpus.iterdir())
        size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; ", end="")
        print(f"{len(reports)} reports ({args.copies} copies of each bundled report, {size:.0f} MB)\n")
        print("| build | validator | triples | wall s | peak PSS (all processes) | stages (s) |")
        print("|---|---|---|---|---|---|")
        for validator in args.validators.split(","):
            store = work / f"store-{validator}"
            runs = [("cold", validator, sys.executable)]
            if args.compare:
                runs = [(f"cold, {name}", validator, python) for _ in range(args.rounds)
                        for name, python in (("other", str(args.compare)), ("this", sys.executable))]  # fmt: skip
            elif validator == "sparql":
                runs.append(("from the cache", validator, sys.executable))
            for name, how, python in runs:
                if name.startswith("cold"):
                    shutil.rmtree(store, ignore_errors=True)
                command = [python, "-m", "policykg.cli", "build", *reports, "--store", str(store)]
                wall, peak, out = measure([*command, "--validator", how])
                triples = re.search(r"(\d+) triples in", out)
                stages = re.search(r"time: (.*)", out)
                print(f"| {name} | {how} | {triples.group(1) if triples else '?'} | {wall:.1f} | {peak / 1e9:.2f} GB"
                      f" | {stages.group(1) if stages else ''} |", flush=True)  # fmt: skip
            shutil.rmtree(store, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(command: list[str]) -> tuple[float, int, str]:
    """Wall time, peak summed PSS of the process tree, and standard output of one command."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            peak = max(
                peak, sum(kilobytes(p, "Pss", "smaps_rollup") << 10 for p in [process.pid, *descendants(process.pid)])
            )
            time.sleep(0.1)
        wall = time.perf_counter() - start
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command[:4])} … failed with exit code {process.returncode}")
        out.seek(0)
        return wall, peak, out.read()


if __name__ == "__main__":
    main()

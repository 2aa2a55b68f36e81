"""Benchmark: extracting the five bundled reports, by stage, beside a one-regex baseline.

    .venv/bin/python bench/extract_speed.py [--repeat N] [--against DIR]

`--against DIR` times the full extraction of another checkout of policykg (with its own `.venv`: `git worktree
add DIR REV && (cd DIR && uv sync --frozen)`) in the same run, alternating with this one, and prints the ratio.

The baseline is the kind of symbol regex a first survey of the corpus uses (reference facts §a2): one pass
over the raw text, no layout, no identities, no places. It shows what the full pipeline costs in time and
what it finds that the baseline does not. Times are wall-clock medians over N runs in one process after a
warm-up (reference data already loaded), plus one cold run of the CLI in a new process.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from timing import timed

from policykg.loaders import pipeline
from policykg.loaders.layout import build_layout
from policykg.loaders.pipeline import extract_file, extract_source
from policykg.loaders.reading import read_report
from policykg.loaders.sections import section_paths
from policykg.ontology.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))
BASELINE = re.compile(r"\d+[a-z]?(?:/\d{4})?[-/][A-ZĐa-zđ]+[-/][A-ZĐa-zđ0-9-]+")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--against", type=Path, help="another checkout (with .venv) to compare, e.g. the last release")
    args = parser.parse_args()
    repeat = args.repeat
    if args.against:
        compare(args.against, repeat)
        return

    start = time.perf_counter()
    load_reference()
    reference_s = time.perf_counter() - start
    for path in REPORTS:
        extract_file(path)  # warm-up
    sources = [read_report(p) for p in REPORTS]

    def extract_all() -> object:
        return [extract_source(s) for s in sources]

    stages = {
        "read + decode": lambda: [read_report(p) for p in REPORTS],
        "layout (paragraphs, line map)": lambda: [build_layout(s.text) for s in sources],
        "layout + sections": lambda: [section_paths(build_layout(s.text).paragraphs) for s in sources],
        "full extraction (all stages)": extract_all,
        "full extraction, indicator reader off": lambda: _without_indicators(extract_all),
        "baseline: one symbol regex": lambda: [BASELINE.findall(s.text) for s in sources],
    }
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    print(f"reports: {len(REPORTS)} files, {sum(p.stat().st_size for p in REPORTS) / 1024:.0f} KiB")
    print(f"reference data, parsed once per process: {reference_s * 1000:.0f} ms\n")
    print(f"{'stage (five reports, median of ' + str(repeat) + ')':<48}{'ms':>8}")
    for name, fn in stages.items():
        print(f"{name:<48}{timed(fn, repeat) * 1000:>8.1f}")
    # Off and on alternately, so that the machine's drift falls on both alike.
    on, off = [], []
    for _ in range(repeat):
        on.append(timed(stages["full extraction (all stages)"], 1))
        off.append(timed(stages["full extraction, indicator reader off"], 1))
    print(f"indicator reader, on/off alternately: {statistics.median(on) / statistics.median(off):.2f}x")

    found = sum(len(d.mentions) for s in sources for d in extract_source(s).documents if d.symbol)
    baseline = sum(len(BASELINE.findall(s.text)) for s in sources)
    print(f"\nsymbol citations found: pipeline {found}, baseline regex {baseline}")

    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "policykg.cli", "extract", *map(str, REPORTS)], check=True, stdout=subprocess.DEVNULL
    )
    print(
        f"cold CLI run (new process, imports, reference data, JSON out): {(time.perf_counter() - start) * 1000:.0f} ms"
    )


def _without_indicators(run: Callable[[], object]) -> object:
    """`run()` with the indicator reader switched off (what extraction cost before issue 14 added it)."""
    reader = pipeline._indicators
    pipeline._indicators = lambda *_args: None
    try:
        return run()
    finally:
        pipeline._indicators = reader


# Times the five reports' full extraction in whatever policykg the interpreter imports (a new process).
_TIME_ONE = """
import statistics, sys, time
from pathlib import Path
from policykg.loaders.pipeline import extract_file
reports = [Path(p) for p in sys.argv[2:]]
for r in reports: extract_file(r)
times = []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    for r in reports: extract_file(r)
    times.append(time.perf_counter() - t)
print(statistics.median(times))
"""


def compare(other: Path, repeat: int) -> None:
    """This checkout against `other`, alternating rounds of `repeat` runs each, on this checkout's reports."""
    pythons = {"this": sys.executable, str(other): str(other / ".venv" / "bin" / "python")}
    medians: dict[str, list[float]] = {name: [] for name in pythons}
    for _round in range(3):
        for name, python in pythons.items():
            out = subprocess.run([python, "-c", _TIME_ONE, str(repeat), *map(str, REPORTS)],
                                 check=True, capture_output=True, text=True, cwd="/")  # fmt: skip
            medians[name].append(float(out.stdout))
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    for name, values in medians.items():
        print(f"{name:<40} full extraction of the five reports: {sorted(values)[1] * 1000:.0f} ms (median of rounds)")
    this, then = (sorted(v)[1] for v in medians.values())
    print(f"ratio this / {other}: {this / then:.2f}")


if __name__ == "__main__":
    main()

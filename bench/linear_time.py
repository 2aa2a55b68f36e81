"""Benchmark: the timings of the long inputs that once made the loaders quadratic, at n and 4n units.

    .venv/bin/python bench/linear_time.py [--repeat N] [--scale K]

The tests (`tests/loaders/test_properties.py`, `tests/test_fuzz_files.py`) check these inputs by counting work
(calls and characters read, `tests/support/work.py`), never by the clock; this prints what they cost in time on
the machine it runs on: the line lengths the tests once timed (a 3 s limit for the sentence splitter and the
place matcher at 20,000 units, 5 s for a whole extraction of a line of 3,000–10,000 units), each also at a
quarter of that, and the ratio (about 4 when linear, 16 when quadratic). Wall-clock medians of N runs in one
process after a warm-up; `--scale` multiplies every size.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from timing import timed

from policykg.loaders.pipeline import extract_file
from policykg.loaders.places import find_places
from policykg.loaders.sentences import split_sentences

PREFIX, SUFFIX = "Công tác phát triển ", " đạt 30% kế hoạch."

# (what, function of a text, unit, units at full size): the inputs of the tests' former time limits.
CASES: list[tuple[str, str, str, int]] = [
    ("split_sentences", "sentences", "TP. A ", 20_000),
    ("find_places", "places", "huyện A, ", 20_000),
    ("find_places", "places", "TP. A ", 20_000),
    ("find_places", "places", "xã Pa Tần, Pa Tần - ", 20_000),
    ("extract_file", "extract", "2009/QĐ-TTg ", 5_000),
    ("extract_file", "extract", "thủy điện Lai Châu ", 3_000),
    ("extract_file", "extract", "Đề án xã A TĐC ", 4_000),
    ("extract_file", "extract", "huyện A, ", 6_000),
    ("extract_file", "extract", "TP. A ", 10_000),
]


def runner(kind: str, folder: Path) -> Callable[[str], object]:
    if kind == "sentences":
        return split_sentences
    if kind == "places":
        return find_places
    path = folder / "line.txt"

    def extract(text: str) -> object:
        path.write_text(text + "\n", encoding="utf-8")
        return extract_file(path)

    return extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()} on {platform.machine()}; medians of {args.repeat}")
    print(f"{'function':16} {'unit':24} {'n':>7} {'n (s)':>8} {'4n (s)':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, kind, unit, full in CASES:
            f = runner(kind, Path(tmp))
            f(PREFIX + unit * 10 + SUFFIX)  # warm-up: reference data, caches
            n = max(int(full * args.scale) // 4, 1)
            small = timed(lambda f=f, n=n, unit=unit: f(PREFIX + unit * n + SUFFIX), args.repeat)
            large = timed(lambda f=f, n=n, unit=unit: f(PREFIX + unit * 4 * n + SUFFIX), args.repeat)
            print(f"{name:16} {unit!r:24} {n:>7} {small:8.3f} {large:8.3f} {large / small:6.1f}", flush=True)
        # A run of digits without a space, ending in `!`: the end-of-sentence check once went over it quadratically.
        for k in (50_000, 200_000):
            text = "Công tác " + "1" * k + "! Tiếp theo."
            seconds = timed(lambda text=text: split_sentences(text), args.repeat)
            print(f"{'split_sentences':16} {f'1 × {k:,} + !':24} {1:>7} {seconds:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

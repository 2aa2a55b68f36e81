"""Benchmark: `policykg build` of one report of growing size — does the build's time and memory grow with the
report as a small multiple of it, or faster?

Five kinds of report, each made to the size asked for (MB = 10^6 bytes):
- `citation-lines`: `Quyết định số 1/QĐ-TTg,` on every line (issue 12's file: a million lines, 33 MB);
- `symbol-lines`: `1/QĐ-TTg` on every line, the densest citations (a mention every 10 bytes, 3.2x the above);
- `citation-line`: the same words run together on one line, one paragraph and one endless sentence;
- `citation-pdf`: the same words as PDF text (a blank line after each line, each line continuing the last in
  lower case), so that the layout joins them all into one paragraph;
- `realistic`: the bundled reports one after another, repeated, cut at a line break.

Each is built as a new process (`python -m policykg.cli build FILE --store <new temp store>`), by default with
SHACL validation and again with `--no-validate`. Memory is the peak of the summed proportional set size (PSS)
of the command and its forked processes, sampled every 0.05 s (pages shared after fork counted once); a run
whose summed resident memory passes `--cap-mb`, or that runs past `--timeout` seconds, is killed and shown
so. With `--profile FILE` the extraction and RDF of FILE run in this process under tracemalloc instead, and
the largest allocation sites are printed.

    uv run python bench/report_size.py [--sizes 0.25,0.5,1,2,4] [--kinds citation-lines,citation-line,realistic]
                                       [--variants default,no-validate] [--cap-mb 6000] [--timeout 900]
                                       [--env POLICYKG_MAX_REPORT_MB=40]
    uv run python bench/report_size.py --profile /tmp/report.txt
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procfs import descendants, kilobytes

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))
CITATION = "Quyết định số 1/QĐ-TTg,"
KINDS = ("citation-lines", "symbol-lines", "citation-line", "citation-pdf", "realistic")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0.25,0.5,1,2,4", help="report sizes in MB (10^6 bytes)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--variants", default="default,no-validate", help="default (SHACL) and/or no-validate")
    parser.add_argument("--cap-mb", type=int, default=6000, help="kill a build whose resident memory passes this")
    parser.add_argument("--timeout", type=float, default=900, help="kill a build that runs longer (seconds)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="for the build (repeatable)")
    parser.add_argument("--profile", type=Path, help="tracemalloc the extraction and RDF of this file, in process")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return
    env = {**os.environ, **dict(e.split("=", 1) for e in args.env)}
    work = Path(tempfile.mkdtemp(prefix="policykg-report-size-"))
    try:
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
        print("| kind | variant | size MB | mentions | triples | wall s | extract + RDF s | peak MB | peak / size |")
        print("|---|---|---|---|---|---|---|---|---|")
        for kind in args.kinds.split(","):
            over = ""  # once a size is over the cap or the time limit, the larger ones are too
            for size in (float(s) for s in args.sizes.split(",")):
                report = work / f"{kind}-{size:g}mb.txt"
                make_report(kind, int(size * 1e6), report)
                for variant in args.variants.split(","):
                    row = f"| {kind} | {variant} | {report.stat().st_size / 1e6:.2f} |"
                    if over:
                        print(f"{row}  |  | {over} (not run) |  |  |  |", flush=True)
                        continue
                    store = work / "store"
                    command = [sys.executable, "-m", "policykg.cli", "build", str(report), "--store", str(store)]
                    if variant == "no-validate":
                        command.append("--no-validate")
                    result = measure(command, args.cap_mb, args.timeout, env)
                    shutil.rmtree(store, ignore_errors=True)
                    if isinstance(result, str):
                        over = result
                        print(f"{row}  |  | {result} (killed) |  |  |  |", flush=True)
                        continue
                    wall, peak, out = result
                    mentions = re.search(r"class \S+#Mention: (\d+)", out)
                    triples = re.search(r"(\d+) triples in", out)
                    extract = re.search(r"extract \+ RDF ([\d.]+) s", out)
                    print(f"{row} {mentions.group(1) if mentions else '?'} | {triples.group(1) if triples else '?'}"
                          f" | {wall:.1f} | {extract.group(1) if extract else '?'} | {peak / 1e6:,.0f}"
                          f" | {peak / report.stat().st_size:,.0f} |", flush=True)  # fmt: skip
                report.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make_report(kind: str, size: int, path: Path) -> None:
    """A report of `kind` of about `size` bytes (whole lines, or whole repetitions on one line)."""
    if kind == "citation-lines":
        unit = CITATION + "\n"
    elif kind == "symbol-lines":
        unit = "1/QĐ-TTg\n"
    elif kind == "citation-line":
        unit = CITATION + " "
    elif kind == "citation-pdf":
        unit = CITATION[0].lower() + CITATION[1:] + "\n\n"
    elif kind == "realistic":
        unit = "\n".join(p.read_text(encoding="utf-8").rstrip("\n") for p in REPORTS) + "\n"
    else:
        raise SystemExit(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    data = unit.encode("utf-8")
    if kind == "realistic":
        body = data * (size // len(data)) + data[: size % len(data)]
        body = body[: body.rfind(b"\n") + 1]  # cut at a line break, never inside a letter
    else:
        body = data * max(1, round(size / len(data)))
    path.write_bytes(body)


def measure(command: list[str], cap_mb: int, timeout: float, env: dict[str, str]) -> tuple[float, int, str] | str:
    """Wall time, peak summed PSS of the process tree and standard output of one command; or what it passed (the
    memory cap, the time limit: it is killed then, with its forked processes)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(  # the bench runs no threads: preexec_fn is safe here
            command,
            cwd=ROOT,
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
            preexec_fn=_limit,  # noqa: PLW1509
        )
        peak = 0
        while process.poll() is None:
            tree = [process.pid, *descendants(process.pid)]
            rss = sum(kilobytes(p, "VmRSS") for p in tree) << 10
            passed = f"> {cap_mb:,} MB" if rss > cap_mb * 1_000_000 else ""
            if time.perf_counter() - start > timeout:
                passed = f"> {timeout:.0f} s"
            if passed:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return passed
            peak = max(peak, sum(kilobytes(p, "Pss", "smaps_rollup") << 10 for p in tree))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(command[3:5])} … failed ({process.returncode}): {err.read().strip()[-500:]}")
        out.seek(0)
        return wall, peak, out.read()


def _limit() -> None:
    # A second guard besides the sampling: no single process of the build may map more than 12 GB.
    resource.setrlimit(resource.RLIMIT_AS, (12 << 30, 12 << 30))


def profile(path: Path) -> None:
    """Where the memory of one report's extraction and RDF goes (tracemalloc: Python objects only): what the
    records hold once extracted, then the peak of the whole of what an extraction process does."""
    import tracemalloc

    from policykg.graph.rdf.iris import IriPolicy
    from policykg.graph.rdf.report import write_report
    from policykg.loaders.pipeline import extract_file
    from policykg.ontology.reference import load_reference

    load_reference()
    size = path.stat().st_size
    tracemalloc.start(4)
    start = time.perf_counter()
    extraction = extract_file(path, max_report_mb=float("inf"))
    seconds = time.perf_counter() - start
    held, peak = tracemalloc.get_traced_memory()
    snapshot = tracemalloc.take_snapshot()
    print(f"{path.name}: {size / 1e6:.2f} MB")
    print(
        f"extraction: {seconds:.1f} s, peak {peak / 1e6:,.0f} MB ({peak / size:,.1f}x), records hold"
        f" {held / 1e6:,.0f} MB ({held / size:,.1f}x); by line:"
    )
    for stat in snapshot.statistics("lineno")[:12]:
        frame = stat.traceback[0]
        where = f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno}"
        print(f"  {stat.size / 1e6:9,.1f} MB {stat.count:>10,} blocks  {where}")
    del extraction, snapshot
    tracemalloc.stop()
    tracemalloc.start(4)
    start = time.perf_counter()
    with tempfile.TemporaryFile("w", encoding="utf-8") as out:  # what an extraction process does
        write_report(extract_file(path, max_report_mb=float("inf")), IriPolicy(), out)
    seconds = time.perf_counter() - start
    _held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"extraction + RDF (what one extraction process does): {seconds:.1f} s, peak {peak / 1e6:,.0f} MB"
        f" ({peak / size:,.1f}x)"
    )


if __name__ == "__main__":
    main()

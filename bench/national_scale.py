"""Benchmark (issue 17): a national-scale build — thousands of reports, varied copies of the bundled reports and of
the other provinces' resolutions and PDFs of `corpus-extra` — on this machine, then the server on its store.

Each copy is its own report (its own file name, so its own report graph) and differs from its source: a seeded
tenth of its paragraphs (after the first ten lines, which hold the header a sidecar is read from) is left out, so
that no two copies have the same bytes or the same graph. PDFs are copied as they are (the scanned one is left
out: OCR at 1.7 s a page belongs to `bench/formats_eval.py`).

Measured: the wall time of `policykg build` as a new process and its stages (from its own timings); the summed
proportional set size (PSS) of the build and its forked processes, sampled every 0.5 s, as its peak and its
peak in each tenth of the run (flat memory shows as ten like numbers); the store's size; then `policykg serve`
on it: time until `/healthz` answers, and decree-context lookups (`/api/documents/{symbol}`) of 40 cited
documents, first and repeated.

    .venv/bin/python bench/national_scale.py --reports 10000 [--extra ../shared/corpus-extra] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from procfs import descendants, kilobytes

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUNDLED = sorted((ROOT / "data" / "reports").glob("*.txt"))


def sources(extra: Path) -> list[Path]:
    """The texts copies are made of: the bundled reports, the resolutions of other provinces, the text PDFs."""
    found = [*BUNDLED, *sorted((extra / "hdnd-2017").glob("*.md"))]
    found += [p for p in sorted((extra / "pdf").glob("*.pdf")) if "scanned" not in p.name]
    return found


def varied(text: str, rng: random.Random) -> str:
    """The text without a tenth of its paragraphs (the first ten lines kept)."""
    lines = text.split("\n")
    head, body = lines[:10], "\n".join(lines[10:])
    kept = [p for p in re.split(r"\n(?=\S)", body) if rng.random() >= 0.1]
    return "\n".join(head) + "\n" + "\n".join(kept)


def make_reports(count: int, extra: Path, folder: Path, seed: int) -> list[Path]:
    rng = random.Random(seed)
    pool = sources(extra)
    texts = {p: p.read_text(encoding="utf-8") for p in pool if p.suffix != ".pdf"}
    made = []
    for n in range(count):
        source = pool[n % len(pool)]
        target = folder / f"n{n:05d}-{source.name}"
        if source.suffix == ".pdf":
            shutil.copyfile(source, target)
        else:
            target.write_text(varied(texts[source], rng), encoding="utf-8")
            sidecar = source.with_suffix(".toml")
            if sidecar.is_file():
                shutil.copyfile(sidecar, target.with_suffix(".toml"))
        made.append(target)
    return made


def pss(pid: int) -> int:
    return sum(kilobytes(p, "Pss", "smaps_rollup") << 10 for p in [pid, *descendants(pid)])


def build(reports: list[Path], store: Path) -> dict[str, object]:
    """`policykg build` of `reports`, as a new process."""
    command = [str(BIN / "policykg"), "build", "--store", str(store), *map(str, reports)]
    start = time.monotonic()
    samples: list[tuple[float, int]] = []
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        while process.poll() is None:
            samples.append((time.monotonic() - start, pss(process.pid)))
            time.sleep(0.5)
        wall = time.monotonic() - start
        out.seek(0)
        log = out.read()
    if process.returncode != 0:
        raise SystemExit(f"build failed ({process.returncode}): {log[-2000:]}")
    tenths = [max((m for t, m in samples if k * wall / 10 <= t < (k + 1) * wall / 10), default=0) for k in range(10)]
    triples = re.search(r"(\d+) triples in", log)
    stages = re.search(r"time: (.*)", log)
    return {"wall_s": round(wall, 1), "peak_pss_gb": round(max(m for _t, m in samples) / 1e9, 2),
            "pss_gb_by_tenth": [round(m / 1e9, 2) for m in tenths],
            "triples": int(triples.group(1)) if triples else None,
            "stages": stages.group(1) if stages else log[-500:]}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(store: Path) -> dict[str, object]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(BIN / "policykg"), "serve", "--store", str(store), "--port", str(port)]
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(timeout=30) as client:
            while True:
                if process.poll() is not None or time.monotonic() - start > 300:
                    raise SystemExit("the server did not start")
                try:
                    if client.get(base + "/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            started = time.monotonic() - start
            manifest = json.loads((store / "current" / "manifest.json").read_text(encoding="utf-8"))
            symbols = sample_symbols(client, base)
            first, repeated = [], []
            for symbol in symbols:
                for bucket in (first, repeated, repeated):
                    t0 = time.perf_counter()
                    response = client.get(f"{base}/api/documents/{symbol}")
                    bucket.append((time.perf_counter() - t0) * 1000)
                    if response.status_code not in (200, 300):
                        raise SystemExit(f"/api/documents/{symbol}: {response.status_code}")
    finally:
        process.terminate()
        process.wait(20)
    size = sum(f.stat().st_size for f in (store / "current").resolve().rglob("*") if f.is_file())
    return {"start_s": round(started, 1), "store_gb": round(size / 1e9, 2), "documents": len(symbols),
            "triples": manifest["counts"]["triples"],
            "first_ms": _pct(first), "repeated_ms": _pct(repeated)}  # fmt: skip


def sample_symbols(client: httpx.Client, base: str) -> list[str]:
    query = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
        SELECT DISTINCT ?symbol WHERE { ?d pkg:symbol ?symbol } LIMIT 2000"""
    rows = client.get(base + "/sparql", params={"query": query}).json()["results"]["bindings"]
    symbols = sorted(r["symbol"]["value"] for r in rows)
    return random.Random(5).sample(symbols, min(40, len(symbols)))


def _pct(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50": round(statistics.median(ordered), 2), "p99": round(ordered[int(0.99 * (len(ordered) - 1))], 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--extra", type=Path, default=ROOT.parent / "shared" / "corpus-extra")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="work here and keep it (default: a temporary folder, removed)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="policykg-national-"))
    try:
        folder = work / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        made = make_reports(args.reports, args.extra, folder, args.seed)
        text_mb = sum(p.stat().st_size for p in made) / 1e6
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"{len(made)} reports from {len(sources(args.extra))} sources, {text_mb:.0f} MB", flush=True)  # fmt: skip
        built = build(made, work / "store")
        print(json.dumps({"build": built}, indent=1), flush=True)
        print(json.dumps({"serve": serve(work / "store")}, indent=1), flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

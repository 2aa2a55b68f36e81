"""Benchmark: `policykg load` of a synthetic graph (from `bench/generate.py`) as a new process — wall time, peak
memory of the process, and the size of what it leaves on disk — then `policykg serve` on it: time until
`/healthz` answers and the server's memory once up.

    uv run python bench/load_scale.py /tmp/bench/kg-1m.nq /tmp/bench/kg-10m.nq [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import BIN, free_port, group_rss_mb


def measure(data: Path, work: Path) -> dict[str, float]:
    store = work / f"store-{data.stem}"
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    loader = subprocess.Popen([str(BIN / "policykg"), "load", str(data), "--store", str(store)])
    _pid, status, usage = os.wait4(loader.pid, 0)  # this process's own peak, not the largest child's so far
    load_s = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{data}: policykg load failed")
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    current = store / "current"
    sizes = {p.name: sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size
             for p in current.resolve().iterdir()}  # fmt: skip
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen([str(BIN / "policykg"), "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
            if server.poll() is not None:
                raise SystemExit(f"{data}: the server exited")
        start_s = time.perf_counter() - start
        rss_mb = group_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, 9)
        server.wait()
    return {
        "quads": float(sum(1 for _ in data.open("rb"))),
        "load_s": load_s,
        "load_peak_rss_mb": peak_mb,
        "store_mb": sizes.get("oxigraph", 0) / 2**20,
        "nquads_copy_mb": sizes.get("dataset.nq", 0) / 2**20,
        "start_s": start_s,
        "serve_rss_mb": rss_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path, nargs="+")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "policykg-load-scale")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| data | quads | load s | load peak RSS MB | store MB | + N-Quads copy MB | serve: start s | serve RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for data in args.data:
        m = measure(data, args.workdir)
        print(f"| {data.name} | {m['quads']:,.0f} | {m['load_s']:.1f} | {m['load_peak_rss_mb']:.0f} | "
              f"{m['store_mb']:.0f} | {m['nquads_copy_mb']:.0f} | {m['start_s']:.1f} | {m['serve_rss_mb']:.0f} |",
              flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

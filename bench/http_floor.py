"""Where a small request's time goes (issue 17, "the fixed cost of a request"), layer by layer, side by side.

    uv run python bench/http_floor.py --store store --requests 1000 --rounds 5 [--compare OTHER/.venv/bin/policykg]

Over HTTP, one keep-alive httpx client, GET, the servers' order rotating each round (so that the machine's
noise falls on all alike), p50 and p99 of each:

- `floor`: uvicorn on httptools and uvloop, as `policykg serve` runs it, serving a constant ASGI app (the
  SPARQL JSON answer of `ASK {}`), no access log: what any Python ASGI server costs before any work;
- `floor + access log`: the same, with uvicorn's access log written (as `policykg serve` writes it);
- `policykg /healthz`: the whole app — middlewares, routing, a JSON answer — and the access log;
- `policykg /sparql ASK {}`: the SPARQL protocol handler and the trip to a query worker and back;
- `policykg lookup, repeated`: `GET /api/documents/{symbol}` asked again (a stored answer), for the first
  document of the store whose symbol names it alone;
- `oxigraph /query ASK {}`: the Oxigraph server (Rust) over the same store, read-only;
- with `--compare`, the three policykg rows again for another policykg (an older checkout's executable) over
  the same store, for a change measured side by side.

Then, the servers stopped, the same layers in this process without HTTP: the ASGI app called directly
(`/healthz`, `/sparql`), the worker trip alone (`WorkerPool.run`), and pyoxigraph's `ASK {}`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import uvloop
from serve_bench import BIN, free_port, process_group, wait_up

ASK = {"query": "ASK {}"}
# A document whose symbol names it alone (a lookup answer, not a 300), the first in order: the same every run.
ALONE = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
SELECT ?symbol WHERE { ?document pkg:symbol ?symbol } GROUP BY ?symbol HAVING (COUNT(DISTINCT ?document) = 1)
ORDER BY ?symbol LIMIT 1"""
ACCEPT = {"accept": "application/sparql-results+json"}
_BODY = b'{"head":{},"boolean":true}'


async def constant(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The floor: an ASGI app that answers every request with `ASK {}`'s answer, doing nothing else."""
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"application/sparql-results+json"), (b"content-length", b"%d" % len(_BODY))]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": _BODY})


@contextlib.contextmanager
def servers(store: Path, work: Path, compare: Path | None) -> Iterator[dict[str, tuple[str, dict[str, str]]]]:
    """Every server up on a free loopback port; the URL and query parameters of each cell."""
    names = ("floor", "logged", "policykg", "oxigraph", *(["compared"] if compare else []))
    ports = {name: free_port() for name in names}
    uvicorn = [str(BIN / "python"), "-m", "uvicorn", "http_floor:constant", "--app-dir", str(Path(__file__).parent),
               "--http", "httptools", "--loop", "uvloop", "--host", "127.0.0.1"]  # fmt: skip
    commands = {
        "floor": [*uvicorn, "--port", str(ports["floor"]), "--no-access-log"],
        "logged": [*uvicorn, "--port", str(ports["logged"])],
        "policykg": [str(BIN / "policykg"), "serve", "--store", str(store), "--port", str(ports["policykg"])],
        "oxigraph": [
            str(BIN / "oxigraph"),
            "serve-read-only",
            "--location",
            str(store / "current" / "oxigraph"),
            "--bind",
            f"127.0.0.1:{ports['oxigraph']}",
        ],
    }
    if compare:
        commands["compared"] = [str(compare), "serve", "--store", str(store), "--port", str(ports["compared"])]
    base = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    with contextlib.ExitStack() as stack:
        for name, cmd in commands.items():
            log = work / f"{name}.log"
            # No warm-up of the documents' answers after start: it would run between the first rounds.
            env = {**os.environ, "POLICYKG_WARM_DOCUMENTS": "0"}
            proc = stack.enter_context(process_group(cmd, log, env))
            wait_up(base[name] + ("/query?query=ASK%7B%7D" if name in ("floor", "logged", "oxigraph") else "/healthz"),
                    proc, 120, log)  # fmt: skip
        answer = httpx.get(base["policykg"] + "/sparql", params={"query": ALONE}, headers=ACCEPT).json()
        lookup = "/api/documents/" + quote(answer["results"]["bindings"][0]["symbol"]["value"], safe="/")
        cells = {"floor": (base["floor"] + "/query", ASK), "floor + access log": (base["logged"] + "/query", ASK)}
        for name, label in [("policykg", "policykg"), ("compared", "compared policykg")]:
            if name in base:
                cells |= {
                    f"{label} /healthz": (base[name] + "/healthz", {}),
                    f"{label} /sparql ASK {{}}": (base[name] + "/sparql", ASK),
                    f"{label} lookup, repeated": (base[name] + lookup, {}),
                }
        yield cells | {"oxigraph /query ASK {}": (base["oxigraph"] + "/query", ASK)}


def over_http(cells: dict[str, tuple[str, dict[str, str]]], requests: int, rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in cells}
    names = list(cells)
    with httpx.Client(timeout=30) as client:
        for url, params in cells.values():  # warm: connections, the worker, the store's first blocks
            for _ in range(100):
                client.get(url, params=params, headers=ACCEPT).raise_for_status()
        for turn in range(rounds):
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                url, params = cells[name]
                for _ in range(requests):
                    start = time.perf_counter()
                    client.get(url, params=params, headers=ACCEPT).raise_for_status()
                    times[name].append(time.perf_counter() - start)
    return times


async def asgi_get(app: Any, path: str, query: dict[str, str] | None = None) -> int:
    """`GET path?query` through an ASGI app called directly, as uvicorn would call it; the answer's status."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": quote(path, safe="/").encode(), "query_string": urlencode(query or {}).encode(),
             "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"accept", ACCEPT["accept"].encode())],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "state": {}}  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return int(sent[0]["status"])


async def in_process(store: Path, requests: int, rounds: int) -> dict[str, list[float]]:
    from pyoxigraph import Store

    from policykg.api.app import create_app
    from policykg.graph.store.workers import QueryRequest
    from policykg.settings import Settings

    app = create_app(Settings(store_dir=store, warm_documents=0))
    request = QueryRequest(query="ASK {}", media_type="application/sparql-results+json")
    oxigraph = Store.read_only(str(store / "current" / "oxigraph"))

    async def engine() -> None:
        bool(oxigraph.query("ASK {}"))

    async with app.router.lifespan_context(app):
        pool = app.state.backend.pool
        cells: dict[str, Callable[[], Awaitable[object]]] = {
            "ASGI app /healthz": lambda: asgi_get(app, "/healthz"),
            "ASGI app /sparql ASK {}": lambda: asgi_get(app, "/sparql", ASK),
            "worker trip (WorkerPool.run) ASK {}": lambda: pool.run(request),
            "pyoxigraph ASK {} in process": engine,
        }
        times: dict[str, list[float]] = {name: [] for name in cells}
        for call in cells.values():
            for _ in range(100):
                await call()
        for _turn in range(rounds):
            for name, call in cells.items():
                for _ in range(requests):
                    start = time.perf_counter()
                    await call()
                    times[name].append(time.perf_counter() - start)
    return times


def table(title: str, times: dict[str, list[float]], reference: str | None, what: str = "layer") -> str:
    lines = [f"{title}\n", f"| {what} | p50 ms | p99 ms | requests | p50 ÷ " + (reference or "—") + " |",
             "|---|---|---|---|---|"]  # fmt: skip
    ref = statistics.median(times[reference]) if reference else None
    for name, samples in times.items():
        ordered = sorted(samples)
        p50, p99 = statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        ratio = f"{p50 / ref:.2f}×" if ref else "—"
        lines.append(f"| {name} | {p50 * 1e3:.3f} | {p99 * 1e3:.3f} | {len(ordered)} | {ratio} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("store"), help="a built policykg store")
    parser.add_argument("--requests", type=int, default=1000, help="per cell per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="another policykg executable, served beside over the store")
    args = parser.parse_args()
    store = args.store.resolve()
    if not (store / "current" / "oxigraph").is_dir():
        sys.exit(f"http_floor: no built store in {store}; run `policykg build --store {store}` first")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"store {store}; {args.requests} requests × {args.rounds} rounds per cell\n")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="http-floor-") as work, servers(store, Path(work), args.compare) as cells:
        http = over_http(cells, args.requests, args.rounds)
    print(table("Over HTTP (httpx, one keep-alive connection):", http, "oxigraph /query ASK {}"))
    local = uvloop.run(in_process(store, args.requests, args.rounds))  # the loop `policykg serve` runs
    print(table("In this process, no HTTP:", local, None))


if __name__ == "__main__":
    main()

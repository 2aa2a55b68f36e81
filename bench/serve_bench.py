"""Serving benchmark (issue 5 §3): policykg serve, the Oxigraph server, rdflib-endpoint and Virtuoso, side by
side over the same generated graph, in one run.

    uv run python bench/generate.py --triples 100000 -o /tmp/bench/kg-100k.nq --real DIR/current/dataset.nq
    uv run python bench/serve_bench.py --data /tmp/bench/kg-100k.nq --data /tmp/bench/kg-1m.nq \
        --json /tmp/bench/serve.json --budget 60 --context-budget 180

For each data file: load the N-Quads each server's own way and start every server on a free loopback port,
limits on; all stay up, idle but for the request in flight. Then time HTTP requests with httpx (wall clock,
one keep-alive connection, the body read in full), sequentially, in rounds — one request per server per
round, the order rotating — so that whatever else the machine is doing falls on all servers alike:

- `ASK {}` (a request's fixed cost), 10,000 rows of two columns (the cost per row) and the same four SPARQL
  SELECTs on every endpoint (policykg `/sparql`, Oxigraph `/query`, rdflib-endpoint `/`,
  Virtuoso `/sparql`), all by GET with `Accept: application/sparql-results+json`; the answers are compared
  (row count and a checksum of the sorted values), so a fast wrong answer shows. In the same rounds, without
  HTTP: the query on policykg's store in this process, in its default graph (the engine's floor; `--no-engine`
  skips it: in process there is no time limit, and at 10M a whole-graph query runs for minutes);
- with `--own-queries`, every query of `queries/*.rq` too (but two, `OWN_LEFT_OUT`), bound as policykg binds it,
  the same text for every server (a CONSTRUCT asked for N-Triples), and the median of each ratio of p50s over
  every query both servers answered;
- decree context, `GET /api/documents/{symbol}` on policykg, for a seeded uniform sample of the cited
  documents ("typical") and, apart, for the most cited ones ("hot"); then, servers stopped, each of the
  lookup's queries timed in process on the same store (where the time goes).

Every request loop is bounded: `--requests` (SPARQL) or `--context-requests` per cell, and at most `--budget`
seconds per cell once `--min-requests` are done. Every server is stopped in a `finally` (its whole process
group: SIGTERM, then SIGKILL), nothing is left running. A markdown report goes to stdout, all numbers to
`--json`.

Limits in force while measured: policykg POLICYKG_QUERY_TIMEOUT=10, POLICYKG_ROW_LIMIT=10000,
POLICYKG_WORKERS=2 (its defaults); Oxigraph `--timeout-s 10`; Virtuoso `timeout=10000` per request (and its
harness's MaxQueryExecutionTime, partial answers rejected by `X-SQL-State`); rdflib-endpoint has none to set.
A probe per server checks that the limits bite (a query past the row limit, a query past the time limit).

policykg's start-up reads a catalogue of every entity (`queries/catalogue.rq`); it runs under a deadline
(`--policykg-start-timeout`) and an RSS cap, so that a start-up that does not scale is reported as such. Then,
before anything is timed, the bench waits (same deadline) until policykg's warm-up is over (`/healthz`: its
store's files read ahead and every document's context computed while the server idles) and notes how long it
took: the requests are timed on a server that has been up that long.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import importlib.metadata
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from procfs import kilobytes

from policykg.graph.sparql.text import declared_limit, inspect_query, with_values

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RDFLIB_ENDPOINT = "rdflib-endpoint==0.6.3"
ACCEPT_JSON = {"Accept": "application/sparql-results+json"}
ACCEPT_GRAPH = {"Accept": "application/n-triples"}  # a CONSTRUCT's answer
ANSWERS = ("application/sparql-results", "application/n-triples")
ENGINE = "pyoxigraph in process"
CONTEXT_QUERIES = ("facts", "mentions", "relations", "links", "co_mentioned")  # what one uncached lookup runs
LIMITS = {"query_timeout_s": 10, "row_limit": 10_000, "workers": 2}

PREFIXES = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
"""
# The SPARQL queries, the same text for every server. DISTINCT / COUNT(DISTINCT) where a union default graph
# that is a bag (the Oxigraph server's, Virtuoso's; policykg's is a set since issue 17) would otherwise count a
# restated triple twice.
QUERIES: dict[str, tuple[str, str]] = {
    "q0_ask": ("ASK {} (the fixed cost of a request)", "ASK {}"),
    "q0_rows": (
        "10,000 rows of two columns (the cost per row)",
        "SELECT ?mention ?line WHERE { ?mention pkg:line ?line } LIMIT 10000",
    ),
    "q1_point_mentions": (
        "one document's mentions (point lookup, ORDER BY)",
        """
SELECT ?mention ?report ?line ?sentence WHERE {
  ?mention pkg:refersTo <%(document)s> ; pkg:inReport ?report ; pkg:line ?line ; pkg:sentence ?sentence .
} ORDER BY ?report ?line ?mention""",
    ),
    "q2_group_by_type": (
        "mentions and documents per document type (whole-graph GROUP BY)",
        """
SELECT ?type (COUNT(DISTINCT ?mention) AS ?mentions) (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?mention pkg:refersTo ?doc .
  ?doc pkg:documentType ?type .
} GROUP BY ?type ORDER BY DESC(?mentions) ?type""",
    ),
    "q3_two_hop_path": (
        "documents → programmes → communes of one district (two-hop path)",
        """
SELECT DISTINCT ?doc ?place WHERE {
  ?place geo:sfWithin <%(district)s> .
  ?doc pkg:implements/pkg:appliesTo ?place .
} ORDER BY ?doc ?place""",
    ),
    "q4_text_filter": (
        "mentions whose sentence matches REGEX 'tái định cư' (full text scan), per report",
        """
SELECT ?report (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
  ?mention pkg:inReport ?report ; pkg:sentence ?sentence .
  FILTER (REGEX(?sentence, "tái định cư", "i"))
} GROUP BY ?report ORDER BY DESC(?mentions) ?report""",
    ),
}
# The project's own questions (`queries/*.rq`; issue 17's targets count them beside the four above), with
# `--own-queries`: each bound as policykg binds it (`with_values`), to the same document, district and plant on
# every server, and given `LIMIT 10000` where it has no LIMIT of its own (the endpoint's row limit, which a
# whole-graph answer — the catalogue, every mention's text — passes: policykg would answer 413). Left out:
OWN_LEFT_OUT = {
    "stated_in": "binds one stated triple (?s ?t ?r) the explorer takes from a page; no one value to give",
    "violation_context": "run by `policykg validate` on a violation's focus nodes, which a valid store has none of",
}
OWN_PLANT = "https://w3id.org/policykg/id/hydropower/huoi-quang"
OWN_CONCEPT = "https://w3id.org/policykg/id/indicator/grdp-growth"
# Limit probes: more rows than the row limit; a cross product that runs far past 10 s.
PROBE_ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
PROBE_TIME = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?a pkg:line ?x . ?b pkg:line ?y . ?c pkg:line ?z }"


# ------------------------------------------------------------------------------------------ statistics


@dataclass
class Cell:
    """The timings of one (server, query) pair, in milliseconds."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: int | None = None
    checksum: str | None = None
    note: str = ""

    def pct(self, p: float) -> float | None:
        if not self.times:
            return None
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]  # nearest rank

    def summary(self) -> dict[str, Any]:
        return {
            "n": len(self.times),
            "p50_ms": self.pct(50),
            "p90_ms": self.pct(90),
            "p99_ms": self.pct(99),
            "min_ms": min(self.times) if self.times else None,
            "max_ms": max(self.times) if self.times else None,
            "mean_ms": statistics.fmean(self.times) if self.times else None,
            "errors": len(self.errors),
            "first_errors": self.errors[:3],
            "rows": self.rows,
            "checksum": self.checksum,
            "note": self.note,
        }


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 1000 else f"{value:,.0f}"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


# ------------------------------------------------------------------------------------------ processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def group_rss_mb(session: int) -> float:
    """Resident memory of every process in a session (the server and the workers it started)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # field 6 of stat: the session id
                continue
        except (OSError, IndexError, ValueError):
            continue
        total += kilobytes(int(stat.parent.name), "VmRSS")
    return total / 1024


def process_rss_mb(pid: int) -> float:
    return kilobytes(pid, "VmRSS") / 1024


class StartFailed(RuntimeError):
    pass


@dataclass
class Running:
    name: str
    sparql_url: str
    extra_params: dict[str, str]
    rss: Callable[[], float]
    load_s: float | None = None
    start_s: float | None = None
    notes: list[str] = field(default_factory=list)
    base_url: str = ""


@contextlib.contextmanager
def process_group(
    cmd: Sequence[str], log: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `cmd` in a new session (its own process group); on exit stop the whole group, by its id."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            list(cmd),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield proc
        finally:
            stop_group(proc)


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # Workers that outlived their parent (same group) get the same end.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and group_rss_mb(proc.pid) > 0:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        time.sleep(0.1)


def wait_up(url: str, proc: subprocess.Popen[bytes], deadline_s: float, log: Path, rss_cap_mb: float = 0) -> float:
    start = time.monotonic()
    with httpx.Client(timeout=5) as client:
        while time.monotonic() - start < deadline_s:
            if proc.poll() is not None:
                raise StartFailed(f"exited with {proc.returncode}: {tail(log)}")
            if rss_cap_mb and group_rss_mb(proc.pid) > rss_cap_mb:
                raise StartFailed(f"RSS passed {rss_cap_mb:.0f} MB while starting, {time.monotonic() - start:.0f} s in")
            with contextlib.suppress(httpx.HTTPError):
                if client.get(url).status_code == 200:
                    return time.monotonic() - start
            time.sleep(0.2)
    raise StartFailed(f"not up within {deadline_s:.0f} s (RSS {group_rss_mb(proc.pid):.0f} MB): {tail(log)}")


def warmed_up(url: str, proc: subprocess.Popen[bytes], deadline_s: float, log: Path) -> str:
    """Wait until policykg's warm-up is over (its store's files read ahead, every document's context computed
    while the server idles): measured after it, as a server that has been up a while. Says how long it took."""
    start = time.monotonic()
    with httpx.Client(timeout=5) as client:
        while time.monotonic() - start < deadline_s:
            if proc.poll() is not None:
                raise StartFailed(f"exited with {proc.returncode}: {tail(log)}")
            health = client.get(url).json()
            if not health["warming_up"]:
                return (f"warm-up {time.monotonic() - start:.1f} s after start: "
                        f"{health['documents_computed_ahead']} documents computed ahead")  # fmt: skip
            time.sleep(0.5)
    raise StartFailed(f"warm-up not over within {deadline_s:.0f} s: {tail(log)}")


def tail(log: Path, lines: int = 5) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return " | ".join(text.strip().splitlines()[-lines:])


def run(cmd: Sequence[str], timeout: float = 3600) -> float:
    start = time.monotonic()
    subprocess.run(list(cmd), cwd=ROOT, check=True, capture_output=True, timeout=timeout)
    return time.monotonic() - start


# ------------------------------------------------------------------------------------------ the servers


@contextlib.contextmanager
def policykg_server(data: Path, work: Path, start_timeout: float, rss_cap_mb: float) -> Iterator[Running]:
    store = work / "policykg-store"
    shutil.rmtree(store, ignore_errors=True)
    load_s = run([str(BIN / "policykg"), "load", str(data), "--store", str(store)])
    env = {**os.environ, "POLICYKG_QUERY_TIMEOUT": str(LIMITS["query_timeout_s"]),
           "POLICYKG_ROW_LIMIT": str(LIMITS["row_limit"]), "POLICYKG_WORKERS": str(LIMITS["workers"])}  # fmt: skip
    port = free_port()
    log = work / "policykg.log"
    with process_group([str(BIN / "policykg"), "serve", "--store", str(store), "--port", str(port)], log, env) as proc:
        base = f"http://127.0.0.1:{port}"
        # Start-up reads the catalogue of every entity: bounded in time and memory, so that a regression (it once
        # grew as the 6th power of the reports restating a document) shows as a failure, not as a swapping machine.
        start_s = wait_up(base + "/healthz", proc, start_timeout, log, rss_cap_mb)
        rss = functools.partial(group_rss_mb, proc.pid)
        notes = [warmed_up(base + "/healthz", proc, start_timeout, log)]
        yield Running("policykg", base + "/sparql", {}, rss, load_s, start_s, notes, base)


@contextlib.contextmanager
def oxigraph_server(data: Path, work: Path, start_timeout: float) -> Iterator[Running]:
    location = work / "oxigraph-server"
    shutil.rmtree(location, ignore_errors=True)
    binary = str(BIN / "oxigraph")
    load_s = run([binary, "load", "--location", str(location), "--file", str(data)])
    port = free_port()
    cmd = [
        binary,
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(LIMITS["query_timeout_s"]),
    ]
    log = work / "oxigraph.log"
    with process_group(cmd, log) as proc:
        base = f"http://127.0.0.1:{port}"
        start_s = wait_up(base + "/query?query=ASK%7B%7D", proc, start_timeout, log)
        yield Running("oxigraph", base + "/query", {}, lambda: group_rss_mb(proc.pid), load_s, start_s, [], base)


@contextlib.contextmanager
def rdflib_endpoint_server(data: Path, work: Path, start_timeout: float) -> Iterator[Running]:
    uv = shutil.which("uv")
    if uv is None:
        raise StartFailed("uv is not on PATH")
    port = free_port()
    # Ephemeral: uv adds rdflib-endpoint beside the project's environment for this process only.
    cmd = [
        uv,
        "run",
        "--with",
        RDFLIB_ENDPOINT,
        "python",
        "-m",
        "rdflib_endpoint",
        "serve",
        str(data),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    log = work / "rdflib-endpoint.log"
    with process_group(cmd, log) as proc:
        base = f"http://127.0.0.1:{port}"
        start_s = wait_up(base + "/?query=ASK%7B%7D", proc, start_timeout, log)
        notes = ["rdflib Dataset(default_union=True), Memory store; parse + start timed together; no limits"]
        yield Running("rdflib-endpoint", base + "/", {}, lambda: group_rss_mb(proc.pid), None, start_s, notes, base)


@contextlib.contextmanager
def virtuoso_server(data: Path, work: Path) -> Iterator[Running]:
    # The harness is someone else's (tests/support/virtuoso.py); imported, never edited.
    sys.path.insert(0, str(ROOT))
    try:
        from tests.support.virtuoso import running_virtuoso, virtuoso_available
    except ImportError as exc:  # the hook: the harness is not there yet
        raise StartFailed(f"tests/support/virtuoso.py not importable ({exc})") from exc
    if not virtuoso_available():
        raise StartFailed("virtuoso-t / isql-vt not installed (apt-get install virtuoso-opensource-7-bin)")
    # ld_dir() loads from the file's directory, which goes into DirsAllowed: give it a directory of its own.
    own = Path(tempfile.mkdtemp(prefix="data-", dir=work))
    link = own / data.name
    os.link(data, link) if data.stat().st_dev == own.stat().st_dev else shutil.copyfile(data, link)
    start = time.monotonic()
    with running_virtuoso(link, Path(tempfile.mkdtemp(prefix="virtuoso-", dir=work))) as server:
        up_s = time.monotonic() - start
        notes = [
            "start + bulk load timed together (harness); no default-graph-uri: the default graph is every "
            "graph, system graphs included, which these queries' predicates do not touch"
        ]
        params = {"timeout": str(LIMITS["query_timeout_s"] * 1000)}
        yield Running("virtuoso", server.sparql_url, params, lambda: process_rss_mb(server.pid), None, up_s, notes)
    shutil.rmtree(own, ignore_errors=True)


# ------------------------------------------------------------------------------------------ measuring


def answer_digest(body: bytes) -> tuple[int, str]:
    if not body.lstrip().startswith(b"{"):  # a graph (CONSTRUCT), as N-Triples: its lines in order
        lines = sorted(line for line in body.decode("utf-8").splitlines() if line.strip())
        return len(lines), hashlib.sha1(repr(lines).encode()).hexdigest()[:12]
    data = json.loads(body)
    if "boolean" in data:
        return 1, str(data["boolean"])
    names = data["head"]["vars"]
    rows = sorted(tuple(str(b.get(v, {}).get("value", "")) for v in names) for b in data["results"]["bindings"])
    return len(rows), hashlib.sha1(repr(rows).encode()).hexdigest()[:12]


@dataclass
class Sample:
    ms: float
    problem: str | None = None
    body: bytes | None = None  # SPARQL results, kept for the answer check
    fatal: bool = False  # the server stopped answering


Call = Callable[[], Sample]


def http_call(
    client: httpx.Client,
    url: str,
    params: dict[str, str],
    check: Callable[[httpx.Response], str | None],
    headers: dict[str, str] | None = None,
) -> Call:
    def call() -> Sample:
        t0 = time.perf_counter()
        try:
            response = client.get(url, params=params, headers=headers)
            body = response.content
        except httpx.HTTPError as exc:
            return Sample((time.perf_counter() - t0) * 1000, f"{type(exc).__name__}: {exc}"[:200], fatal=True)
        ms = (time.perf_counter() - t0) * 1000
        results = response.headers.get("content-type", "").startswith(ANSWERS)
        return Sample(ms, check(response), body if results else None)

    return call


def engine_call(store: Any, text: str) -> Call:
    """The query on a pyoxigraph store in this process, results serialised to SPARQL JSON by pyoxigraph."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions

    def call() -> Sample:
        t0 = time.perf_counter()
        result = store.query(text)
        assert isinstance(result, QuerySolutions | QueryBoolean)
        body = result.serialize(format=QueryResultsFormat.JSON)
        return Sample((time.perf_counter() - t0) * 1000, None, body)

    return call


def interleave(calls: dict[str, Call], count: int, min_count: int, budget_s: float, warmup: int) -> dict[str, Cell]:
    """Round after round, one call of each target (the order rotating), so that whatever else the machine does
    falls on all of them alike. A target leaves once it has `min_count` answers and has spent `budget_s`."""
    names = list(calls)
    cells = {name: Cell() for name in names}
    spent = dict.fromkeys(names, 0.0)
    active = set(names)
    for i in range(-warmup, count):
        if i == 0:
            spent = dict.fromkeys(names, 0.0)
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            if name not in active:
                continue
            sample, cell = calls[name](), cells[name]
            spent[name] += sample.ms / 1000
            digest = None
            if sample.problem is None and sample.body is not None:
                try:
                    digest = answer_digest(sample.body)
                except ValueError:  # a streamed answer cut short by the server's own time limit
                    sample.problem = f"answer not SPARQL JSON, cut short: …{sample.body[-60:]!r}"
            if sample.problem:  # warm-up failures count too: a server that fails is not warming up
                cell.errors.append(sample.problem)
            elif i >= 0:
                cell.times.append(sample.ms)
                if cell.rows is None and digest is not None:
                    cell.rows, cell.checksum = digest
            if sample.fatal:
                active.discard(name)
                cell.note = f"stopped: {sample.problem}"
            elif i >= 0 and len(cell.times) + len(cell.errors) >= min_count and spent[name] > budget_s:
                active.discard(name)
                cell.note = f"stopped by the {budget_s:.0f} s budget"
        if not active:
            break
    return cells


def sparql_check(response: httpx.Response) -> str | None:
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:160]}"
    if "x-sql-state" in response.headers:
        return f"partial result, X-SQL-State {response.headers['x-sql-state']}"
    return None


def context_check(response: httpx.Response) -> str | None:
    return None if response.status_code == 200 else f"HTTP {response.status_code}: {response.text[:160]}"


def probe(client: httpx.Client, server: Running, query: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    try:
        response = client.get(server.sparql_url, params={"query": query, **server.extra_params}, timeout=60)
    except httpx.HTTPError as exc:
        return {"outcome": f"{type(exc).__name__}", "seconds": round(time.perf_counter() - t0, 2)}
    body = response.content
    outcome = f"HTTP {response.status_code}"
    if "x-sql-state" in response.headers:
        outcome += f", X-SQL-State {response.headers['x-sql-state']}"
    if response.status_code == 200:
        try:
            rows, _digest = answer_digest(body)
            outcome += f", {rows} rows"
        except (ValueError, KeyError):
            outcome += f", unparseable body ({len(body)} bytes: …{body[-60:].decode(errors='replace')!r})"
    else:
        outcome += f": {response.text[:120]}"
    return {"outcome": " ".join(outcome.split()), "seconds": round(time.perf_counter() - t0, 2)}


@dataclass
class Plan:
    queries: dict[str, str]
    typical: list[dict[str, Any]]
    hot: list[dict[str, Any]]


def make_plan(meta: dict[str, Any], seed: int, sample: int, hot: int, own: bool = False) -> Plan:
    docs = [d for d in meta["documents"] if d["unique_symbol"]]
    rng = random.Random(seed)
    typical = rng.sample(docs, min(sample, len(docs)))
    point = docs[min(5, len(docs) - 1)]  # a well-cited document, not the single most cited
    district = sorted(meta["districts"])[0]
    queries = {
        name: PREFIXES + text % {"document": point["iri"], "district": district}
        for name, (_title, text) in QUERIES.items()
    }
    if own:
        queries |= own_queries(point["iri"], district)
    return Plan(queries, typical, docs[:hot])


def own_queries(document: str, district: str) -> dict[str, str]:
    """`queries/*.rq` but those left out, bound and limited as said above OWN_LEFT_OUT, named `rq_<name>`."""
    from pyoxigraph import NamedNode

    from policykg import queries

    values = {"entity": document, "document": document, "resource": document, "place": district, "area": district,
              "plant": OWN_PLANT, "concept": OWN_CONCEPT}  # fmt: skip
    out = {}
    for name in queries.names():
        if name in OWN_LEFT_OUT:
            continue
        text = queries.load(name)
        text = with_values(text, {p: NamedNode(values[p]) for p in queries.parameters(text)})
        if inspect_query(text).form == "SELECT" and declared_limit(text) is None:
            text += f"\nLIMIT {LIMITS['row_limit']}"
        out[f"rq_{name}"] = text
    return out


def context_requests(base: str, docs: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, str]]]:
    return [(f"{base}/api/documents/{quote(d['symbol'], safe='/')}", {}) for d in docs]


def decree_context(client: httpx.Client, server: Running, plan: Plan, args: argparse.Namespace) -> dict[str, Any]:
    """`GET /api/documents/{symbol}`, cycling through each sample. Every symbol once first, timed apart: the
    first request of each (its answer computed during the server's warm-up, or now if it was not), then the
    others."""
    out: dict[str, Any] = {"context": {}, "context_per_symbol_ms": {}}
    per_symbol: dict[str, list[float]] = out["context_per_symbol_ms"]
    for label, docs, count in (("typical", plan.typical, args.context_requests), ("hot", plan.hot, args.hot_requests)):
        calls = []
        for d in docs:
            url = f"{server.base_url}/api/documents/{quote(d['symbol'], safe='/')}"
            calls.append((d["symbol"], http_call(client, url, {}, context_check)))
        turn = itertools.count()

        def call(calls: list[tuple[str, Call]] = calls, turn: Iterator[int] = turn) -> Sample:
            symbol, request = calls[next(turn) % len(calls)]
            sample = request()
            per_symbol.setdefault(symbol, []).append(sample.ms)
            return sample

        first = interleave({label: call}, len(calls), len(calls), args.context_budget, 0)[label]
        cell = interleave({label: call}, count, min(args.min_requests, count), args.context_budget, 0)[label]
        for name, timed in ((f"{label}, first request", first), (f"{label}, repeated", cell)):
            out["context"][name] = timed.summary() | {
                "symbols": [d["symbol"] for d in docs],
                "mentions_per_document": [d["mentions"] for d in docs],
            }
            progress(f"{server.name} decree context, {name}", timed)
    return out


def progress(what: str, cell: Cell) -> None:
    print(f"  {what:52s} p50 {fmt_ms(cell.pct(50)):>8} ms  p99 {fmt_ms(cell.pct(99)):>8} ms  n={len(cell.times)}"
          f"  rows={cell.rows} errors={len(cell.errors)} {cell.note}", file=sys.stderr)  # fmt: skip


def limit_probes(client: httpx.Client, name: str, server: Running) -> dict[str, Any]:
    if name == "rdflib-endpoint":
        none = "not run: rdflib-endpoint has no {} limit to probe"
        return {"rows": {"outcome": none.format("row")}, "time": {"outcome": none.format("time")}}
    return {"rows": probe(client, server, PROBE_ROWS), "time": probe(client, server, PROBE_TIME)}


def run_size(data: Path, args: argparse.Namespace, wanted: Sequence[str]) -> dict[str, Any]:
    meta = json.loads(data.with_name(data.name + ".meta.json").read_text(encoding="utf-8"))
    plan = make_plan(meta, args.seed, args.sample, args.hot, args.own_queries)
    work = args.workdir / data.stem
    work.mkdir(parents=True, exist_ok=True)
    size: dict[str, Any] = {"data": str(data), "meta": {k: v for k, v in meta.items() if k != "documents"},
                            "queries": plan.queries, "servers": {}, ENGINE: {}, "breakdown": [],
                            "loadavg_before": os.getloadavg()}  # fmt: skip
    print(f"{data.name}: {meta['quads']} quads", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        running: dict[str, Running] = {}
        own: dict[str, contextlib.ExitStack] = {}  # each server's own stack: one that stopped answering restarts
        for name in wanted:  # all up at once, idle but for the request in flight
            try:
                own[name] = stack.enter_context(contextlib.ExitStack())
                running[name] = server = own[name].enter_context(start_server(name, data, work, args))
                print(f"  {server.name}: up (load {_num(server.load_s)} s, start {_num(server.start_s)} s)",
                      file=sys.stderr)  # fmt: skip
            except (StartFailed, subprocess.SubprocessError, OSError) as exc:
                size["servers"][name] = {"error": str(exc)}
                print(f"  {name}: did not run: {exc}", file=sys.stderr)
        client = stack.enter_context(httpx.Client(timeout=args.request_timeout, headers=ACCEPT_JSON))
        store = None
        if "policykg" in running and args.engine:
            from pyoxigraph import Store

            store = Store.read_only(str(work / "policykg-store" / "current" / "oxigraph"))
        for name, server in running.items():
            size["servers"][name] = {"label": server.name, "load_s": server.load_s, "start_s": server.start_s,
                                     "notes": server.notes, "sparql": {}}  # fmt: skip
        for query, text in plan.queries.items():
            accept = ACCEPT_GRAPH if inspect_query(text).form in ("CONSTRUCT", "DESCRIBE") else None
            calls = {name: http_call(client, server.sparql_url, {"query": text, **server.extra_params}, sparql_check,
                                     accept) for name, server in running.items()}  # fmt: skip
            if store is not None:
                calls[ENGINE] = engine_call(store, text)
            cells = interleave(calls, args.requests, args.min_requests, args.budget, args.warmup)
            for name, cell in cells.items():
                target = size.setdefault(name, {}) if name == ENGINE else size["servers"][name]["sparql"]
                target[query] = cell.summary()
                progress(f"{running[name].name if name in running else name} {query}", cell)
                if name in running and cell.note.startswith("stopped:"):
                    # No answer within --request-timeout (rdflib-endpoint has no time limit of its own and goes on
                    # with the query, every later request queued behind it): a fresh server for the next query.
                    own[name].close()
                    running[name] = own[name].enter_context(start_server(name, data, work, args))
                    print(f"  {name}: restarted after {query}", file=sys.stderr)
        if "policykg" in running:
            size["servers"]["policykg"] |= decree_context(client, running["policykg"], plan, args)
        for name, server in running.items():
            size["servers"][name]["rss_mb"] = round(server.rss(), 1)
            size["servers"][name]["limit_probes"] = limit_probes(client, name, server)
    # Every server is stopped here. The breakdown runs alone, in this process.
    if "policykg" in running:
        size["breakdown"] = breakdown(work / "policykg-store", plan.typical[:8] + plan.hot, args.context_budget)
    size["loadavg_after"] = os.getloadavg()
    return size


def breakdown(store: Path, docs: Sequence[dict[str, Any]], budget_s: float) -> list[dict[str, Any]]:
    """In process, no HTTP: each decree-context query on the same store, run and converted to Python rows as the
    lookup backend does (`EmbeddedBackend.select`)."""
    from pyoxigraph import NamedNode, Store

    from policykg import queries
    from policykg.graph.sparql.text import with_values

    opened = Store.read_only(str(store / "current" / "oxigraph"))
    out = []
    start = time.monotonic()
    for d in docs:
        if time.monotonic() - start > budget_s:
            break
        row: dict[str, Any] = {"symbol": d["symbol"], "doc_mentions": d["mentions"], "doc_reports": d["reports"]}
        for name in CONTEXT_QUERIES:
            text = with_values(queries.load(name), {"entity": NamedNode(d["iri"])})
            times, count = [], 0
            for _ in range(5 if d["mentions"] < 50 else 3):
                t0 = time.perf_counter()
                result = opened.query(text)
                columns = [v.value for v in result.variables]  # type: ignore[union-attr]
                table = [[None if s[c] is None else s[c].value for c in columns] for s in result]  # type: ignore[union-attr]
                times.append((time.perf_counter() - t0) * 1000)
                count = len(table)
            row[name] = {"ms": statistics.median(times), "rows": count}
        row["queries_ms"] = sum(row[n]["ms"] for n in CONTEXT_QUERIES)
        out.append(row)
    return out


@contextlib.contextmanager
def start_server(name: str, data: Path, work: Path, args: argparse.Namespace) -> Iterator[Running]:
    if name == "policykg":
        server = policykg_server(data, work, args.policykg_start_timeout, args.policykg_rss_cap_mb)
    elif name == "oxigraph":
        server = oxigraph_server(data, work, args.start_timeout)
    elif name == "rdflib-endpoint":
        server = rdflib_endpoint_server(data, work, args.start_timeout)
    elif name == "virtuoso":
        server = virtuoso_server(data, work)
    else:
        raise StartFailed(f"unknown server {name!r}")
    with server as running:
        yield running


# ------------------------------------------------------------------------------------------ report


def machine() -> dict[str, Any]:
    def cmd(args: list[str]) -> str:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run(args, capture_output=True, text=True, timeout=20, check=False)
            return done.stdout or done.stderr  # virtuoso-t prints its version on stderr
        return ""

    lscpu = cmd(["lscpu"])
    model = re.search(r"^Model name:\s*(.+)$", lscpu, re.MULTILINE)
    mem = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    import pyoxigraph

    return {
        "nproc": cmd(["nproc"]).strip(),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "memory_gib": round(int(mem.group(1)) / 1024**2, 1) if mem else None,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "oxigraph_server": cmd([str(BIN / "oxigraph"), "--version"]).strip(),
        "rdflib_endpoint": RDFLIB_ENDPOINT,
        "virtuoso": " ".join(cmd(["virtuoso-t", "-?"]).splitlines()[:2]),
        "rdflib": importlib.metadata.version("rdflib"),
        "httpx": httpx.__version__,
        "loadavg_at_start": os.getloadavg(),
        "git_head": cmd(["git", "-C", str(ROOT), "log", "-1", "--format=%h %ci %s"]).strip(),
        "git_dirty": cmd(["git", "-C", str(ROOT), "status", "--short", "--untracked-files=no"]).split("\n")[:-1],
    }


def markdown(size: dict[str, Any]) -> str:
    meta, servers = size["meta"], size["servers"]
    names = list(servers)
    lines = [
        f"### {Path(size['data']).name}: {meta['quads']:,} quads, {meta['reports']} reports, "
        f"{meta['mentions']:,} mentions, {meta['documents_cited']:,} documents cited",
        "",
        "| server | load s | start s | RSS MB | row-limit probe | time-limit probe | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in servers.items():
        if "error" in s:
            lines.append(f"| {name} | — | — | — | — | — | did not run: {s['error'][:300]} |")
            continue
        rows, slow = ({**p, "outcome": " ".join(p["outcome"].split())} for p in s["limit_probes"].values())
        lines.append(
            f"| {s['label']} | {_num(s['load_s'])} | {_num(s['start_s'])} | {s['rss_mb']:.0f} | "
            f"{rows['outcome'][:70]} ({rows.get('seconds', '—')} s) | "
            f"{slow['outcome'][:70]} ({slow.get('seconds', '—')} s) | {'; '.join(s['notes'])[:400]} |"
        )
    ran = [n for n in names if "sparql" in servers[n]]
    extra = [n for n in (ENGINE,) if size.get(n)]
    lines += [
        "",
        "SPARQL over HTTP, p50 / p99 ms (requests; rows); then, without HTTP, the same query in this process on "
        "policykg's store (its default graph); then the ratios of p50 (of p99):",
        "",
        "| query | " + " | ".join(ran + extra) + " | policykg ÷ oxigraph | rdflib-endpoint ÷ policykg |",
        "|---" * (len(ran) + len(extra) + 3) + "|",
    ]
    for query in size["queries"]:
        cells, digests = [], set()
        for name in ran + extra:
            c = size[name].get(query) if name in extra else servers[name]["sparql"].get(query)
            if c is None:
                cells.append("—")
                continue
            digests.add(c["checksum"])
            err = f", **{c['errors']} errors**" if c["errors"] else ""
            cells.append(f"{fmt_ms(c['p50_ms'])} / {fmt_ms(c['p99_ms'])} ({c['n']}; {c['rows']}{err})")

        def pct(name: str, key: str, query: str = query) -> float | None:
            c = servers.get(name, {}).get("sparql", {}).get(query)
            return c[key] if c else None

        def both(a: str, b: str) -> str:
            return f"{ratio(pct(a, 'p50_ms'), pct(b, 'p50_ms'))} ({ratio(pct(a, 'p99_ms'), pct(b, 'p99_ms'))})"

        same = "" if len(digests - {None}) <= 1 else " ⚠ answers differ"
        lines.append(
            f"| {query}{same} | "
            + " | ".join(cells)
            + f" | {both('policykg', 'oxigraph')} | {both('rdflib-endpoint', 'policykg')} |"
        )
    lines += ["", medians(servers, list(size["queries"]))]
    if "context" in servers.get("policykg", {}):
        lines += [
            "",
            "Decree context `GET /api/documents/{symbol}` (policykg), ms:",
            "",
            "| sample | requests | p50 | p90 | p99 | max | errors | target p50 ≤ 3 and p99 ≤ 15 | note |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for label, c in servers["policykg"]["context"].items():
            counts = sorted(c["mentions_per_document"])
            docs = f"{len(counts)} documents, mentions each: median {statistics.median(counts):g}, max {counts[-1]}"
            met = c["p50_ms"] is not None and c["p50_ms"] <= 3 and (c["p99_ms"] or 1e9) <= 15
            lines.append(
                f"| {label} ({docs}) | {c['n']} | {fmt_ms(c['p50_ms'])} | "
                f"{fmt_ms(c['p90_ms'])} | {fmt_ms(c['p99_ms'])} | {fmt_ms(c['max_ms'])} | {c['errors']} | "
                f"{'met' if met else 'not met'} | {c['note']} |"
            )
    if size.get("breakdown"):
        per = servers["policykg"].get("context_per_symbol_ms", {})
        lines += [
            "",
            "Where decree-context time goes: each query in process (pyoxigraph + rows to Python, median ms "
            "(rows)), their sum, and the whole HTTP request (the first, and the median of the repeats, ms):",
            "",
            "| document | mentions / reports | "
            + " | ".join(CONTEXT_QUERIES)
            + f" | {len(CONTEXT_QUERIES)} queries | HTTP first | HTTP repeated |",
            "|---" * (len(CONTEXT_QUERIES) + 5) + "|",
        ]
        for row in size["breakdown"]:
            http = per.get(row["symbol"])
            cells = [f"{fmt_ms(row[n]['ms'])} ({row[n]['rows']:,})" for n in CONTEXT_QUERIES]
            lines.append(
                f"| {row['symbol']} | {row['doc_mentions']} / {row['doc_reports']} | "
                + " | ".join(cells)
                + f" | {fmt_ms(row['queries_ms'])} | {fmt_ms(http[0]) if http else '—'}"
                + f" | {fmt_ms(statistics.median(http[1:])) if http and len(http) > 1 else '—'} |"
            )
    return "\n".join(lines) + "\n"


def medians(servers: dict[str, Any], queries: list[str]) -> str:
    """The median and the range, over every query both servers answered, of each ratio of p50s."""
    said = []
    for a, b, label in (("policykg", "oxigraph", "policykg ÷ Oxigraph server"),
                        ("rdflib-endpoint", "policykg", "rdflib-endpoint ÷ policykg")):  # fmt: skip
        cells = [tuple(servers.get(n, {}).get("sparql", {}).get(q) for n in (a, b)) for q in queries]
        ratios = sorted(x["p50_ms"] / y["p50_ms"] for x, y in cells if x and y and x["p50_ms"] and y["p50_ms"])
        if ratios:
            said.append(f"{label}: median {statistics.median(ratios):.2f}×, from {ratios[0]:.2f}× to "
                        f"{ratios[-1]:.2f}× over {len(ratios)} queries")  # fmt: skip
    return "; ".join(said) + "." if said else ""


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


# ------------------------------------------------------------------------------------------ main


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        required=True,
        help="an N-Quads file from bench/generate.py (its .meta.json beside it); repeat for sizes",
    )
    parser.add_argument("--json", type=Path, required=True, help="write all results here")
    parser.add_argument("--servers", default="policykg,oxigraph,rdflib-endpoint,virtuoso")
    parser.add_argument("--requests", type=int, default=200, help="per SPARQL query per server (default 200)")
    parser.add_argument("--context-requests", type=int, default=400, help="decree context, typical sample")
    parser.add_argument("--hot-requests", type=int, default=30, help="decree context, most cited documents")
    parser.add_argument("--min-requests", type=int, default=10, help="done even past the budget (default 10)")
    parser.add_argument("--budget", type=float, default=120, help="seconds per cell once min-requests are done")
    parser.add_argument("--context-budget", type=float, default=180, help="the same, for decree-context cells")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up requests per SPARQL query")
    parser.add_argument("--sample", type=int, default=40, help="documents in the typical decree-context sample")
    parser.add_argument("--hot", type=int, default=3, help="most cited documents in the hot sample")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--no-engine",
        dest="engine",
        action="store_false",
        help="skip the in-process column (no time limit there)",
    )
    parser.add_argument("--own-queries", action="store_true", help="also the project's queries/*.rq, bound")
    parser.add_argument("--request-timeout", type=float, default=120)
    parser.add_argument("--policykg-start-timeout", type=float, default=180)
    parser.add_argument("--policykg-rss-cap-mb", type=float, default=4000, help="stop a start-up past this RSS")
    parser.add_argument("--start-timeout", type=float, default=900, help="other servers (rdflib parses the file)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "policykg-serve-bench")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.servers.split(",") if s.strip()]
    report: dict[str, Any] = {
        "command": "uv run python bench/serve_bench.py " + " ".join(argv),
        "machine": machine(),
        "limits": LIMITS,
        "sizes": [],
    }
    print(f"# Serving benchmark\n\n`{report['command']}` at {report['machine']['git_head']}\n", flush=True)
    for given in args.data:
        size = run_size(given.resolve(), args, wanted)
        report["sizes"].append(size)
        print(markdown(size), flush=True)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

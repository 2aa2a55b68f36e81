"""A throwaway Virtuoso (Debian's `virtuoso-opensource-7-bin`) for tests: start, bulk-load N-Quads, query, stop.

    with running_virtuoso(Path("dataset.nq"), tmp_path) as server:
        rows = select(server, "SELECT ...", named_graphs=graphs)

Querying it correctly (measured on 7.2.5, see test_virtuoso_harness.py):
- With no dataset given, Virtuoso's default graph is the union of *every* graph, its system graphs included,
  and `GRAPH ?g` ranges over all of them too. Name the graphs: `default-graph-uri` (or `FROM`) once per
  graph for the union as default graph, `named-graph-uri` (or `FROM NAMED`) for `GRAPH ?g`: with only
  `default-graph-uri`, `GRAPH ?g` still sees every graph. `FROM` and `default-graph-uri` add up (the
  protocol says the parameters replace `FROM`), so use one or the other.
- That union is a bag: a triple stated in two graphs comes back twice; use `DISTINCT` for an RDF merge.
- A query that hits its time limit answers HTTP 200 with partial results and an `X-SQL-State` header — or,
  when the limit falls at another point of its run, HTTP 500 `SR203: Async statement killed by SQLCancel`;
  `select` raises on either. Direct POST (`application/sparql-query`) hangs, so `select` sends GET.
"""

from __future__ import annotations

import contextlib
import ctypes
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from SPARQLWrapper import GET, JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError

TEMPLATE = Path(__file__).with_name("virtuoso.ini.in")
START_TIMEOUT = 120.0
STOP_TIMEOUT = 30.0
LOAD_TIMEOUT = 600.0


class VirtuosoError(RuntimeError):
    """Virtuoso did not start or load, or answered an error or a partial result."""


@dataclass(frozen=True)
class VirtuosoServer:
    sparql_url: str
    http_port: int
    sql_port: int
    workdir: Path
    pid: int


def virtuoso_available() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


@contextlib.contextmanager
def running_virtuoso(nquads: Path, workdir: Path) -> Iterator[VirtuosoServer]:
    """A fresh Virtuoso in `workdir` on free loopback ports with `nquads` loaded; stopped on exit."""
    nquads = nquads.resolve(strict=True)
    workdir.mkdir(parents=True, exist_ok=True)
    workdir = workdir.resolve()
    if (workdir / "virtuoso.db").exists():
        raise VirtuosoError(f"{workdir} already holds a database; give each server an empty directory")
    sql_port, http_port = _free_ports(2)
    ini = workdir / "virtuoso.ini"
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {
        "@DIR@": workdir,
        "@DATADIR@": nquads.parent,
        "@SQLPORT@": sql_port,
        "@HTTPPORT@": http_port,
    }.items():
        text = text.replace(key, str(value))
    ini.write_text(text, encoding="utf-8")
    with (workdir / "stdout.log").open("wb") as log:
        proc = subprocess.Popen(
            ["virtuoso-t", "+configfile", str(ini), "+foreground"],
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 (only calls prctl, which is async-signal-safe)
        )
        try:
            server = VirtuosoServer(f"http://127.0.0.1:{http_port}/sparql", http_port, sql_port, workdir, proc.pid)
            _wait_until_up(server, proc)
            _load(server, nquads)
            yield server
        finally:
            _stop(proc)


def isql(server: VirtuosoServer, sql: str, timeout: float = LOAD_TIMEOUT) -> str:
    """Run SQL statements as dba and return isql's output (isql exits 0 on SQL errors, so stderr is checked)."""
    cmd = ["isql-vt", f"127.0.0.1:{server.sql_port}", "dba", "dba", "BANNER=OFF", "VERBOSE=OFF", f"exec={sql}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0 or "*** Error" in proc.stderr or "*** Error" in proc.stdout:
        raise VirtuosoError(f"isql failed ({proc.returncode}) on {sql!r}:\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def select(
    server: VirtuosoServer,
    query: str,
    *,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    timeout_ms: int = 30_000,
) -> list[dict[str, Any]]:
    """The JSON bindings of a SELECT sent by GET; raise on an `X-SQL-State` (Virtuoso's partial results)."""
    sparql = SPARQLWrapper(server.sparql_url)
    sparql.setMethod(GET)
    sparql.setReturnFormat(JSON)
    sparql.setQuery(query)
    sparql.setTimeout(timeout_ms // 1000 + 10)  # the client waits a little longer than the server may run
    sparql.addParameter("timeout", str(timeout_ms))
    for graph in default_graphs:
        sparql.addDefaultGraph(graph)
    for graph in named_graphs:
        sparql.addNamedGraph(graph)
    try:
        result = sparql.query()
    except EndPointInternalError as exc:
        if "SR203" in str(exc):  # stopped at its time limit before it had a partial result to give
            raise VirtuosoError(f"stopped at its time limit: {str(exc).splitlines()[-1][:200]}") from exc
        raise
    headers = result.info()
    if "x-sql-state" in headers:
        raise VirtuosoError(f"partial result, X-SQL-State {headers['x-sql-state']}: {headers.get('x-sql-message')}")
    data = result.convert()
    if not isinstance(data, dict):  # SPARQLWrapper returns raw bytes when the response is not JSON
        raise VirtuosoError(f"expected SPARQL JSON results, got {type(data).__name__}")
    bindings: list[dict[str, Any]] = data["results"]["bindings"]
    return bindings


def _free_ports(count: int) -> list[int]:
    # All sockets stay open until every port is picked, so the kernel cannot hand out one port twice.
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in socks:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in socks]


def _die_with_parent() -> None:
    # If the test process is killed outright, the kernel sends Virtuoso SIGTERM instead of orphaning it
    # (it fires when the *thread* that started Virtuoso ends: start it from the main or a long-lived thread).
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def _wait_until_up(server: VirtuosoServer, proc: subprocess.Popen[bytes]) -> None:
    url = server.sparql_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise VirtuosoError(f"virtuoso-t exited with {proc.returncode}:\n{_log_tail(server.workdir)}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                pass
            # HTTP comes online a moment before SQL: wait for the SQL port too before loading with isql.
            with socket.create_connection(("127.0.0.1", server.sql_port), timeout=2):
                return
        except OSError:  # URLError, refused connections and timeouts are all OSErrors
            time.sleep(0.1)
    raise VirtuosoError(f"Virtuoso did not answer {url} within {START_TIMEOUT:.0f} s:\n{_log_tail(server.workdir)}")


def _load(server: VirtuosoServer, nquads: Path) -> None:
    # Files ending in .nq are read as N-Quads, so each quad keeps its graph; the graph argument only
    # applies to triples files. rdf_loader_run() records a bad file in load_list instead of failing.
    isql(
        server,
        f"ld_dir({_sql(str(nquads.parent))}, {_sql(nquads.name)}, 'urn:policykg:unused'); "
        "rdf_loader_run(); checkpoint;",
    )
    failed = isql(server, "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_state <> 2 OR ll_error IS NOT NULL;")
    loaded = isql(server, "SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_state = 2;")
    if failed.strip() or loaded.split() != ["1"]:
        raise VirtuosoError(f"loading {nquads} failed; DB.DBA.load_list: {failed.strip() or 'no file was loaded'}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _sql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _log_tail(workdir: Path, lines: int = 40) -> str:
    log = workdir / "stdout.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else "(no log)"
    return "\n".join(text.splitlines()[-lines:])

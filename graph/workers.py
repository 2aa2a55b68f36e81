"""A pool of pre-started worker processes that run user SPARQL on a read-only pyoxigraph store.

pyoxigraph has no query timeout, and some queries abort its process (`../shared/guides/stores.md`), so user
queries never run in the server's process: the parent waits at most the time limit for a worker's answer,
then kills the worker and starts another. A worker that dies on a query is replaced the same way; the server
keeps serving.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import Any

from policykg.graph.sparql_results import (
    GRAPH_TYPES,
    RowLimitExceeded,
    has_dataset_clause,
    write_boolean,
    write_solutions,
    write_triples,
)


class QueryRejected(Exception):
    """The engine refused the query (a syntax error, an unknown function); carries its message."""


class QueryTimeout(Exception):
    """The query ran past the time limit; its worker was stopped."""


class WorkerCrashed(Exception):
    """The worker process died while running the query (the engine aborted); it was replaced."""


@dataclass(frozen=True)
class QueryRequest:
    query: str
    media_type: str  # a key of RESULT_TYPES or GRAPH_TYPES (already negotiated)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    row_limit: int = 10_000


def _serve(store_path: str, conn: Connection) -> None:  # pragma: no cover - runs in the worker process
    from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, Store

    store = Store.read_only(store_path)
    conn.send(("ready", None, None))
    while True:
        try:
            request: QueryRequest = conn.recv()
        except EOFError:
            return
        try:
            kwargs: dict[str, Any] = {}
            if request.default_graphs:
                kwargs["default_graph"] = [NamedNode(g) for g in request.default_graphs]
            elif not has_dataset_clause(request.query):  # the union would override the query's own FROM
                kwargs["use_default_graph_as_union"] = True
            if request.named_graphs:
                kwargs["named_graphs"] = [NamedNode(g) for g in request.named_graphs]
            result = store.query(request.query, **kwargs)
            if isinstance(result, QuerySolutions):
                variables = [v.value for v in result.variables]
                fmt = _result_format(request.media_type)
                rows = ([solution[v] for v in variables] for solution in result)
                body = write_solutions(variables, rows, fmt, request.row_limit)
            elif isinstance(result, QueryBoolean):
                body = write_boolean(bool(result), _result_format(request.media_type))
            else:
                media = request.media_type if request.media_type in GRAPH_TYPES else "text/turtle"
                body = write_triples(iter(result), media, request.row_limit)
            conn.send(("ok", body, None))
        except RowLimitExceeded as exc:
            conn.send(("rows", None, str(exc)))
        except SyntaxError as exc:
            conn.send(("syntax", None, " ".join(str(exc).split())))
        except Exception as exc:  # the engine's own errors (type errors, unsupported features) go back as text
            conn.send(("error", None, " ".join(str(exc).split())[:500]))


def _result_format(media_type: str) -> str:
    from policykg.graph.sparql_results import RESULT_TYPES

    return RESULT_TYPES.get(media_type, "json")


class _Worker:
    def __init__(self, context: multiprocessing.context.SpawnContext, store_path: str) -> None:
        self.conn, child = context.Pipe()
        self.process: SpawnProcess = context.Process(target=_serve, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise WorkerCrashed("a query worker did not start")
        try:
            self.conn.recv()
        except EOFError as exc:
            raise WorkerCrashed("a query worker could not open the store") from exc

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """`size` workers over one store; `run` blocks for a free worker, then for the answer, each up to the limit."""

    def __init__(self, store_path: str, size: int = 2, timeout: float = 10.0) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        workers = [_Worker(self._context, store_path) for _ in range(size)]
        for worker in workers:
            worker.wait_ready(60)
            self._idle.put(worker)
        self.size = size

    def run(self, request: QueryRequest) -> bytes:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty as exc:
            raise QueryTimeout(f"all {self.size} query workers stayed busy for {self.timeout:g} s") from exc
        if not worker.process.is_alive():  # killed while idle (by the OOM killer, an operator)
            worker.kill()
            worker = self._replacement()
        try:
            worker.conn.send(request)
            if not worker.conn.poll(self.timeout):
                worker.kill()
                worker = self._replacement()
                raise QueryTimeout(f"the query ran longer than the limit of {self.timeout:g} s and was stopped")
            kind, body, message = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            worker.kill()
            worker = self._replacement()
            raise WorkerCrashed("the query engine stopped on this query; the server goes on") from exc
        finally:
            if not self._closed:
                self._idle.put(worker)
        if kind == "ok":
            assert isinstance(body, bytes)
            return body
        if kind == "rows":
            raise RowLimitExceeded(str(message))
        raise QueryRejected(str(message))

    def _replacement(self) -> _Worker:
        worker = _Worker(self._context, self.store_path)
        worker.wait_ready(60)
        return worker

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return

"""A pool of pre-started worker processes that run user SPARQL on a read-only pyoxigraph store.

pyoxigraph has no query timeout, and some queries abort its process or take all the memory they can
(`docs/reliability.md`), so user queries never run in the server's process. The pool is driven from the
server's event loop and holds no thread while a query runs:
- a query waits for a free worker in a bounded queue, and the clients that wait are served in turn (one
  client's loop cannot starve another); past the queue's bound the answer is `Busy` at once;
- the time limit counts from the query's arrival, the wait included; past it the worker is killed;
- the parent watches each busy worker's resident memory and kills it past the limit;
- a worker that died, or was killed, is replaced in the background while the others go on answering;
- answers are written by the worker into a `Sink` under the byte limit: a small one comes back through the
  pipe, a large one as a file in the pool's spool folder, which the server streams and removes.

The fixed queries of lookups, exports and pages run in a second pool of the same workers, `LookupPool`, called
from the threads that compute those answers: a lookup of a document cited 30,000 times in one repeated
sentence joins every mention with every other inside the engine, where no thread can stop it; a process can
be stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
import queue
import shutil
import tempfile
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from typing import IO, Any, cast

from policykg.errors import (
    AnswerTooLarge,
    Busy,
    OutOfMemory,
    QueryRejected,
    QueryTimeout,
    RowLimitExceeded,
    WorkerCrashed,
)
from policykg.graph.sparql.query import Table, term_value
from policykg.graph.sparql.results import (
    GRAPH_TYPES,
    RESULT_TYPES,
    Answer,
    Sink,
    write_boolean,
    write_solutions,
    write_triples,
)
from policykg.graph.sparql.text import declared_limit

_WATCH_SECONDS = 0.05  # how often a busy worker's memory is read
# A user query's answer up to this size comes back through the pipe, a larger one as a spooled file; a request
# up to it goes into the pipe from the event loop. A socket pair buffers more than this on Linux (208 KB), so
# neither a send nor the receive of a message this small waits on the other side: both stay in the event loop,
# without a trip to a thread and back (which was a third of a small query's time; bench/SERVING.md).
_IN_LOOP_BYTES = 64 << 10
LOOKUP_ROWS = 200_000  # rows one fixed query may return: past it the lookup is refused (413), not held
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class QueryRequest:
    query: str
    media_type: str  # a key of RESULT_TYPES or GRAPH_TYPES (already negotiated)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    row_limit: int = 10_000
    answer_limit: int = 64 << 20  # bytes


@dataclass(frozen=True)
class FixedQuery:
    """One of the project's own queries, its parameters already bound: rows (SELECT) or N-Triples (CONSTRUCT)."""

    query: str
    construct: bool = False


@dataclass(frozen=True)
class FixedBatch:
    """Several fixed queries answered in one trip to a lookup worker, one after another (their answers in order):
    a lookup's six queries cost six trips between processes otherwise, more than the queries themselves."""

    queries: tuple[FixedQuery, ...]


def answer_fixed(store: Any, job: FixedQuery) -> Table | bytes:
    """Run a fixed query on a pyoxigraph store: its table, or its triples as N-Triples."""
    from pyoxigraph import QuerySolutions, RdfFormat, serialize

    result = store.query(job.query)
    if job.construct:
        triples = list(_at_most(result, "triples"))
        return serialize(triples, format=RdfFormat.N_TRIPLES) or b""
    if not isinstance(result, QuerySolutions):
        raise QueryRejected("expected a SELECT query")
    columns = [v.value for v in result.variables]
    return Table(columns, [[term_value(t) for t in s] for s in _at_most(result, "rows")])


def _at_most(rows: Any, what: str) -> Any:
    for n, row in enumerate(rows):
        if n >= LOOKUP_ROWS:
            raise RowLimitExceeded(
                f"this lookup would read more than {LOOKUP_ROWS} {what}; ask /sparql with LIMIT and OFFSET instead"
            )
        yield row


def answer_query(store: Any, request: QueryRequest, sink: Sink) -> None:
    """Run `request` on a pyoxigraph store and write its answer into `sink`."""
    from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions

    # Without `default-graph-uri` (or FROM), the store's default graph: the union of the named graphs as a set.
    kwargs: dict[str, Any] = {}
    if request.default_graphs:
        kwargs["default_graph"] = [NamedNode(g) for g in request.default_graphs]
    if request.named_graphs:
        kwargs["named_graphs"] = [NamedNode(g) for g in request.named_graphs]
    result = store.query(request.query, **kwargs)
    fmt = RESULT_TYPES.get(request.media_type, "json")
    if isinstance(result, QuerySolutions) and fmt == "json" and _within_rows(request):
        # The query's own LIMIT keeps it under the row limit: pyoxigraph's serializer writes the rows (in Rust:
        # 10,000 rows in 95-103 ms against 150-162 counted in Python), into the same sink, under its byte limit.
        result.serialize(cast("IO[bytes]", sink), format=QueryResultsFormat.JSON)  # it calls `write` and `flush`
    elif isinstance(result, QuerySolutions):
        variables = [v.value for v in result.variables]
        # A solution iterated gives its terms in the order of `variables` (None where unbound): a third less
        # time a row than looking each up by name (10,000 rows, bench/SERVING.md).
        rows = map(tuple, result)
        write_solutions(variables, rows, fmt, request.row_limit, sink)
    elif isinstance(result, QueryBoolean):
        write_boolean(bool(result), fmt, sink)
    else:
        media = request.media_type if request.media_type in GRAPH_TYPES else "text/turtle"
        write_triples(iter(result), media, request.row_limit, sink)


def _within_rows(request: QueryRequest) -> bool:
    limit = declared_limit(request.query)
    return limit is not None and limit <= request.row_limit


def _written(store: Any, request: QueryRequest, spool_dir: str | None) -> Answer:
    """A user query's answer, written under its limits (nothing of it is left when it fails)."""
    sink = Sink(request.answer_limit, spool_dir, spill=_IN_LOOP_BYTES)
    try:
        answer_query(store, request, sink)
    except BaseException:
        sink.discard()
        raise
    return sink.answer()


def _serve(store_path: str, spool_dir: str | None, conn: Connection) -> None:  # pragma: no cover - in the worker
    from pyoxigraph import Store

    store = Store.read_only(store_path)
    conn.send(("ready", None))
    while True:
        try:
            request: QueryRequest | FixedQuery | FixedBatch = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            answer: object
            if isinstance(request, FixedBatch):
                answer = [answer_fixed(store, job) for job in request.queries]
            elif isinstance(request, FixedQuery):
                answer = answer_fixed(store, request)
            else:
                answer = _written(store, request, spool_dir)
            conn.send(("ok", answer))
        except RowLimitExceeded as exc:
            conn.send(("rows", str(exc)))
        except AnswerTooLarge as exc:
            conn.send(("large", str(exc)))
        except SyntaxError as exc:
            conn.send(("syntax", " ".join(str(exc).split())))
        except Exception as exc:  # the engine's own errors (type errors, unsupported features) go back as text
            conn.send(("error", " ".join(str(exc).split())[:500]))


def _outcome(kind: str, payload: object) -> object:
    """A worker's message as the answer it carries, or the error it reports."""
    if kind == "ok":
        return payload
    if kind == "rows":
        raise RowLimitExceeded(str(payload))
    if kind == "large":
        raise AnswerTooLarge(str(payload))
    raise QueryRejected(str(payload))


class _Worker:
    def __init__(
        self, context: multiprocessing.context.SpawnContext, store_path: str, spool_dir: str | None, nice: int = 0
    ) -> None:
        self.conn, child = context.Pipe()
        self.process: SpawnProcess = context.Process(target=_serve, args=(store_path, spool_dir, child), daemon=True)
        self.process.start()
        child.close()
        self._killing = threading.Lock()  # a pool closing and a replacement may both kill it: the pipe closes once
        if nice and self.process.pid is not None:
            with contextlib.suppress(OSError):  # lowering a child's priority is always allowed where it exists
                os.setpriority(os.PRIO_PROCESS, self.process.pid, nice)

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise WorkerCrashed("a query worker did not start")
        try:
            self.conn.recv()
        except EOFError as exc:
            self.kill()
            raise WorkerCrashed("a query worker could not open the store") from exc

    def resident_bytes(self) -> int:
        """The worker's resident memory (0 where /proc cannot tell)."""
        try:
            with open(f"/proc/{self.process.pid}/statm", "rb") as statm:
                return int(statm.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            return 0

    def kill(self) -> None:
        with self._killing:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=5)
            if not self.conn.closed:
                self.conn.close()


class WorkerPool:
    """`size` workers over one store. `run` is a coroutine of the server's event loop."""

    def __init__(
        self,
        store_path: str,
        size: int = 2,
        timeout: float = 10.0,
        memory_limit_mb: int = 2048,
        queue_limit: int = 64,
    ) -> None:
        self.store_path = store_path
        self.size = size
        self.timeout = timeout
        self.memory_limit = memory_limit_mb << 20
        self.queue_limit = queue_limit
        self.spool_dir = tempfile.mkdtemp(prefix="policykg-answers-")
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._closed = False
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._waiting: OrderedDict[str, deque[asyncio.Future[_Worker]]] = OrderedDict()
        self._queued = 0
        workers = [_Worker(self._context, store_path, self.spool_dir) for _ in range(size)]
        for worker in workers:
            worker.wait_ready(60)
        self._idle = workers

    @property
    def queued(self) -> int:
        """Queries waiting for a worker now."""
        return self._queued

    @property
    def running(self) -> int:
        """Queries in the workers now."""
        return len(self._busy)

    async def run(self, request: QueryRequest, client: str = "") -> Answer:
        """The answer to `request`, or the error it ran into; `client` names who asks, for fair turns."""
        loop = asyncio.get_running_loop()
        arrival = loop.time()
        deadline = arrival + self.timeout
        worker = await self._acquire(client, deadline)
        while not worker.process.is_alive():  # killed while idle (by the OOM killer, an operator)
            self._retire(worker)  # its replacement goes to the next in turn
            worker = await self._acquire(client, deadline)
        waited = loop.time() - arrival
        self._busy.add(worker)
        try:
            kind, payload = await self._ask(worker, request, deadline)
        except BaseException as exc:
            self._busy.discard(worker)
            self._retire(worker)
            if isinstance(exc, QueryTimeout) and waited >= 0.1:
                raise QueryTimeout(f"{exc} ({waited:.1f} s of it waiting for a worker)") from None
            raise
        self._busy.discard(worker)
        self._release(worker)
        answer = _outcome(kind, payload)
        assert isinstance(answer, Answer)
        return answer

    # ------------------------------------------------------------------------------------------ turns

    async def _acquire(self, client: str, deadline: float) -> _Worker:
        if self._closed:
            raise WorkerCrashed("the server is stopping")
        if self._idle and not self._queued:
            return self._idle.pop()
        if self._queued >= self.queue_limit:
            raise Busy(f"{self._queued} queries are already waiting for the {self.size} query workers; retry later",
                       retry_after=max(1, round(self.timeout / 2)))  # fmt: skip
        loop = asyncio.get_running_loop()
        turn: asyncio.Future[_Worker] = loop.create_future()
        self._waiting.setdefault(client, deque()).append(turn)
        self._queued += 1
        try:
            await asyncio.wait({turn}, timeout=max(0.0, deadline - loop.time()))
        finally:
            if not turn.done():
                turn.cancel()
                self._forget(client, turn)
        if turn.cancelled():
            raise QueryTimeout(
                f"no query worker was free within the limit of {self.timeout:g} s ({self.size} workers, all busy)"
            )
        return turn.result()

    def _forget(self, client: str, turn: asyncio.Future[_Worker]) -> None:
        waiters = self._waiting.get(client)
        if waiters is not None and turn in waiters:
            waiters.remove(turn)
            self._queued -= 1
            if not waiters:
                del self._waiting[client]

    def _release(self, worker: _Worker) -> None:
        """Give a free worker to the next client in turn (each client's first waiter, round robin)."""
        if self._closed:
            worker.kill()
            return
        while self._waiting:
            client, waiters = next(iter(self._waiting.items()))
            turn = waiters.popleft()
            self._queued -= 1
            if waiters:
                self._waiting.move_to_end(client)
            else:
                del self._waiting[client]
            if not turn.done():
                turn.set_result(worker)
                return
        self._idle.append(worker)

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker that failed or overran and start its replacement in the background."""
        loop = asyncio.get_running_loop()

        def replace() -> _Worker:
            worker.kill()
            fresh = _Worker(self._context, self.store_path, self.spool_dir)
            fresh.wait_ready(60)
            return fresh

        def done(future: asyncio.Future[_Worker]) -> None:
            if future.cancelled() or future.exception() is not None:
                return  # the pool goes on one worker short; /healthz still answers from the store
            self._release(future.result())

        if worker.process.is_alive():
            worker.process.kill()  # at once: it may be taking memory fast
        if not self._closed:
            loop.run_in_executor(None, replace).add_done_callback(done)

    # ------------------------------------------------------------------------------------------ one query

    async def _ask(self, worker: _Worker, request: QueryRequest, deadline: float) -> tuple[str, object]:
        loop = asyncio.get_running_loop()
        try:
            message = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
            if len(message) <= _IN_LOOP_BYTES:
                worker.conn.send_bytes(message)
            else:  # up to a megabyte of query text: the worker may take it in parts
                await loop.run_in_executor(None, worker.conn.send_bytes, message)
            ready: asyncio.Future[None] = loop.create_future()
            fd = worker.conn.fileno()

            def readable() -> None:
                if not ready.done():
                    ready.set_result(None)

            loop.add_reader(fd, readable)
            try:
                while not ready.done():
                    remaining = deadline - loop.time()
                    if remaining <= 0:
                        raise QueryTimeout(f"the query ran longer than the limit of {self.timeout:g} s and was stopped")
                    await asyncio.wait({ready}, timeout=min(remaining, _WATCH_SECONDS))
                    if not ready.done() and worker.resident_bytes() > self.memory_limit:
                        raise OutOfMemory(
                            f"the query took more than {self.memory_limit >> 20} MB of memory and was stopped"
                        )
            finally:
                loop.remove_reader(fd)
                # uvloop leaves a watched descriptor non-blocking: a read of a message still arriving would fail
                # half-way. Blocking, the read waits the microseconds the worker takes to write the rest.
                os.set_blocking(fd, True)
            answer: tuple[str, object] = worker.conn.recv()  # at most _IN_LOOP_BYTES and an error's text
        except (EOFError, OSError) as exc:
            raise WorkerCrashed("the query engine stopped on this query; the server goes on") from exc
        return answer

    def close(self) -> None:
        """Stop every worker, busy or idle, and remove the answers not yet sent."""
        self._closed = True
        for turns in self._waiting.values():
            for turn in turns:
                turn.cancel()
        self._waiting.clear()
        for worker in [*self._idle, *self._busy]:
            worker.kill()
        self._idle.clear()
        shutil.rmtree(self.spool_dir, ignore_errors=True)


class LookupPool:
    """`size` workers for the fixed queries of lookups, exports and pages, called from threads; each call is
    bounded in time and memory like a user query (the worker is killed and replaced past either). `nice`: the
    workers' CPU niceness (19 for work that should only use what the requests leave)."""

    def __init__(self, store_path: str, size: int = 2, memory_limit_mb: int = 2048, nice: int = 0) -> None:
        self.store_path = store_path
        self.memory_limit = memory_limit_mb << 20
        self.nice = nice
        self._context = multiprocessing.get_context("spawn")
        self._closed = False
        self._idle: queue.Queue[_Worker] = queue.Queue()
        # Fixed answers come back through the pipe: no spool folder.
        self._workers = {_Worker(self._context, store_path, None, nice) for _ in range(size)}  # idle or busy
        for worker in self._workers:
            worker.wait_ready(60)
            self._idle.put(worker)

    def run(self, job: FixedQuery | FixedBatch, seconds: float) -> Table | bytes | list[Table | bytes]:
        end = time.monotonic() + seconds
        worker = self._take(end)
        try:
            worker.conn.send(job)
            while not worker.conn.poll(max(0.0, min(end - time.monotonic(), _WATCH_SECONDS))):
                if time.monotonic() >= end:
                    raise QueryTimeout(f"the lookup ran longer than the limit of {seconds:g} s and was stopped")
                if worker.resident_bytes() > self.memory_limit:
                    raise OutOfMemory(f"the lookup took more than {self.memory_limit >> 20} MB and was stopped")
            kind, payload = worker.conn.recv()
        except (QueryTimeout, OutOfMemory):
            self._replace(worker)
            raise
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise WorkerCrashed("the store's engine stopped on this lookup; the server goes on") from exc
        self._put(worker)
        answer = _outcome(kind, payload)
        assert isinstance(answer, Table | bytes | list)
        return answer

    def _take(self, end: float) -> _Worker:
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty as exc:
                raise QueryTimeout("no lookup worker was free within the time limit") from exc
            if worker.process.is_alive():
                return worker
            self._replace(worker)

    def _put(self, worker: _Worker) -> None:
        if self._closed:
            worker.kill()
        else:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` now; its replacement starts in the background and joins the idle ones when ready."""
        if worker.process.is_alive():
            worker.process.kill()

        def replace() -> None:
            worker.kill()
            self._workers.discard(worker)
            if self._closed:
                return
            fresh = _Worker(self._context, self.store_path, None, self.nice)
            self._workers.add(fresh)
            try:
                fresh.wait_ready(60)
            except WorkerCrashed:
                return
            self._put(fresh)

        threading.Thread(target=replace, name="policykg-lookup-replace", daemon=True).start()

    def close(self) -> None:
        """Stop every worker, busy or idle: a lookup still running gets WorkerCrashed."""
        self._closed = True
        for worker in list(self._workers):
            worker.kill()

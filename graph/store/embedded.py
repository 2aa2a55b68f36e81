"""The embedded store: the current build of a pyoxigraph store, opened read-only. Fixed lookups run in process
at start and, under a time limit, in the lookup workers; user SPARQL runs in the query workers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import QueryTriples, RdfFormat, Triple, parse

from policykg.errors import QueryError, QueryRejected
from policykg.graph.sparql.query import Table
from policykg.graph.sparql.results import Answer
from policykg.graph.sparql.text import Term, with_values
from policykg.graph.store import deadline
from policykg.graph.store.layout import STORE_DIRNAME, open_build
from policykg.graph.store.workers import (
    FixedBatch,
    FixedQuery,
    LookupPool,
    QueryRequest,
    WorkerPool,
    answer_fixed,
)

# The lookup pool of work in the background (`EmbeddedBackend.background`), for the work inside that block only.
_BACKGROUND: ContextVar[LookupPool | None] = ContextVar("policykg_background_lookups", default=None)


@dataclass
class EmbeddedBackend:
    """The current build of a store: user SPARQL in the query workers; fixed queries in the lookup workers when
    they run under a time limit (the server's lookups), in process otherwise (the catalogue at start, commands
    such as `export` that a person can stop)."""

    store_root: Path
    workers: int = 2
    timeout: float = 10.0
    memory_limit_mb: int = 2048
    queue_limit: int = 64
    lookup_workers: int = 0  # processes for the fixed queries of work under a time limit (the server's lookups)
    name: str = "embedded"
    _background: set[LookupPool] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        # Lookup workers take a batch each; in process, pyoxigraph runs a query per thread without the GIL.
        self.lanes = self.lookup_workers or 8
        build, self.store = open_build(self.store_root)
        self.path = str(build / STORE_DIRNAME)  # the workers open this very build
        # No workers for programs that only run the fixed lookups (`export`); user SPARQL needs them.
        self.pool = (
            WorkerPool(self.path, self.workers, self.timeout, self.memory_limit_mb, self.queue_limit)
            if self.workers
            else None
        )
        self.lookups = LookupPool(self.path, self.lookup_workers, self.memory_limit_mb) if self.lookup_workers else None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Table:
        return self.select_batch([(query, bindings or {})])[0]

    def select_batch(self, items: Sequence[tuple[str, Mapping[str, Term]]]) -> list[Table]:
        """Fixed queries answered in order: in the lookup workers, in one trip, when they run under a time limit
        (the server's lookups); in process otherwise."""
        jobs = tuple(FixedQuery(with_values(query, bindings)) for query, bindings in items)
        seconds = deadline.remaining()
        lookups = _BACKGROUND.get() or self.lookups
        if lookups is None or seconds is None:
            tables = [answer_fixed(self.store, job) for job in jobs]
        else:
            answer = lookups.run(FixedBatch(jobs), seconds)
            assert isinstance(answer, list)
            tables = answer
        assert all(isinstance(t, Table) for t in tables)
        return tables  # type: ignore[return-value]

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        job = FixedQuery(with_values(query, bindings or {}), construct=True)
        seconds = deadline.remaining()
        lookups = _BACKGROUND.get() or self.lookups
        if lookups is None or seconds is None:
            result = self.store.query(job.query)
            if not isinstance(result, QueryTriples):
                raise QueryError("expected a CONSTRUCT or DESCRIBE query")
            return list(result)
        body = lookups.run(job, seconds)
        assert isinstance(body, bytes)
        return [q.triple for q in parse(body, format=RdfFormat.N_TRIPLES)]

    @contextmanager
    def background(self) -> Iterator[None]:
        """The lookups of the work inside (the server's warm-up) run in a worker of their own at the lowest CPU
        priority, started here and stopped at the end: that work never holds a worker a request waits for, and the
        requests' workers get the cores first (measured: bench/README.md, "The warm-up's own worker")."""
        if self.lookups is None:
            yield
            return
        pool = LookupPool(self.path, 1, self.memory_limit_mb, nice=19)
        self._background.add(pool)
        token = _BACKGROUND.set(pool)
        try:
            yield
        finally:
            _BACKGROUND.reset(token)
            self._background.discard(pool)
            pool.close()

    async def sparql(self, request: QueryRequest, client: str = "") -> Answer:
        if self.pool is None:
            raise QueryRejected("this store was opened without query workers")
        return await self.pool.run(request, client)

    async def healthy(self) -> bool:
        # In the event loop, on purpose: `ASK {}` on the open store takes microseconds, and /healthz must answer
        # when every thread and worker is busy.
        try:
            self.store.query("ASK { }")
        except OSError:
            return False
        return True

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
        for lookups in [self.lookups, *self._background]:
            if lookups is not None:
                lookups.close()

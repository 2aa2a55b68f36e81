"""The compiled shapes' queries answered by processes of their own, each with the new store opened read-only.

pyoxigraph lets go of Python's lock while it evaluates a query but takes it back often, so two threads of one
process reach about 1.3 cores: on the 1M-triple build's store the 204 queries take 11.0 s in one thread, 8.6 s in
two (14.5 s of CPU) and 6.1 s in two processes (bench/README.md, "The 1M build's cores kept busy"). The
processes are forked before the new store is opened, so that none inherits RocksDB's threads or state.
"""

from __future__ import annotations

import signal
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType

from pyoxigraph import BlankNode, NamedNode, Store
from pyoxigraph import Literal as OxLiteral

from policykg.memory import give_back
from policykg.parallel import can_fork, forked_pool

Term = NamedNode | BlankNode | OxLiteral
Row = tuple[Term, Term | None]  # a fault's focus node (`?this`) and its value (`?value`), if the query has one


class CheckProcesses:
    """Forked processes that answer queries on a store directory no process writes to any more."""

    def __init__(self, processes: int) -> None:
        self._pool = forked_pool(processes)
        # Forked now (at the first task), before the caller opens a store, and ignoring Ctrl-C from their first
        # moment: it is the caller's, which closes the pool and lets the queries running end, as threads would (a
        # process waiting for work, interrupted, would print a traceback).
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            for _ in range(processes):
                self._pool.submit(_ready)
        finally:
            signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)

    @classmethod
    def start(cls, processes: int) -> CheckProcesses | None:
        """`processes` of them, or None where forking them is not worth it or not safe (`can_fork`)."""
        return cls(processes) if can_fork(processes) else None

    def answers(self, store_dir: Path, queries: Sequence[str]) -> list[list[Row]]:
        """Each query's rows, in the order of `queries`; one task per query, so that a process that finishes
        early takes the next."""
        return list(self._pool.map(_answer, [(str(store_dir), q) for q in queries]))

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> CheckProcesses:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _ready() -> None:
    """Nothing: a first task, which forks the processes."""


@lru_cache(maxsize=1)
def _opened(store_dir: str) -> Store:
    return Store.read_only(store_dir)


def rows_of(store: Store, query: str) -> list[Row]:
    """A check's rows as plain terms (what a process sends back), its working memory given back before the next."""
    rows: list[Row] = [(r["this"], r["value"]) for r in store.query(query)]  # type: ignore[union-attr]
    give_back()
    return rows


def _answer(task: tuple[str, str]) -> list[Row]:
    store_dir, query = task
    return rows_of(_opened(store_dir), query)

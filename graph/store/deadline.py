"""The time limit of one piece of work that runs in the server's process (a lookup, an export, a page).

pyoxigraph cannot stop a query it is running, so under a limit the fixed queries run in worker processes that
are killed when it passes (`workers.LookupPool`, through `backend.EmbeddedBackend`), and the work stops with
`QueryTimeout`. The limit is a context variable: set once at the edge (`time_limit`), it follows the work into
the threads that run it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from policykg.errors import QueryTimeout

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("policykg_deadline", default=None)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Work inside may run `seconds` from now (an inner limit never extends an outer one)."""
    now = time.monotonic()
    outer = _DEADLINE.get()
    deadline = now + seconds if outer is None else min(outer[0], now + seconds)
    token = _DEADLINE.set((deadline, seconds if outer is None else outer[1]))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left under the current limit (QueryTimeout when none are), or None without a limit."""
    current = _DEADLINE.get()
    if current is None:
        return None
    left = current[0] - time.monotonic()
    if left <= 0:
        raise QueryTimeout(f"the lookup ran longer than the limit of {current[1]:g} s and was stopped")
    return left

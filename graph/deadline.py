"""The time limit of one piece of work that runs in the server's process (a lookup, an export, a page).

pyoxigraph cannot stop a query it is running, so the limit is checked where the rows of the fixed queries are
read (`backend.EmbeddedBackend`), and the work stops there with `QueryTimeout`. The limit is a context
variable: set once at the edge (`time_limit`), it follows the work into the threads that run it.
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


def check() -> None:
    """QueryTimeout when the current limit has passed; nothing without a limit."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise QueryTimeout(f"the lookup ran longer than the limit of {current[1]:g} s and was stopped")

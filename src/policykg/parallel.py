"""Work shared out among forked processes. Extraction and pySHACL are pure Python, so a second core helps
only through a second process; forking lets each inherit the large inputs (a data graph) without a copy."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

_PR_SET_PDEATHSIG = 1  # prctl(2), Linux
_INHERITED: dict[str, Any] = {}  # in a forked process: the `shared` argument, handed over without pickling


def forked_map(
    function: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item], processes: int | None = None
) -> list[Result]:
    """`[function(shared, item) for item in items]`, in that order, with one task per item so that a process
    that finishes early takes the next. Runs in this process alone when there is one core or one item, off
    Linux (where a forked process could not be tied to this one's life), or when this process runs other
    threads (a forked child could inherit a lock one of them holds)."""
    wanted = min(processes if processes is not None else os.cpu_count() or 1, len(items))
    if not can_fork(wanted):
        return [function(shared, item) for item in items]
    with forked_pool(wanted, shared) as pool:
        return list(pool.map(_call, [(function, item) for item in items]))


def can_fork(processes: int) -> bool:
    """Whether `processes` forked processes are worth it and safe here: two or more, on Linux, and this process
    runs no other thread (a forked child could inherit a lock one of them holds)."""
    return processes >= 2 and sys.platform == "linux" and threading.active_count() == 1


def forked_pool(processes: int, shared: object = None) -> ProcessPoolExecutor:
    """A pool of `processes` forked processes, each ended with this one (`shared`: what `forked_map` gives each
    task). Check `can_fork` first. The processes are forked at the first task."""
    context = multiprocessing.get_context("fork")
    # A forked process receives the initializer's arguments in memory, as it receives everything else.
    return ProcessPoolExecutor(processes, mp_context=context, initializer=_inherit, initargs=(shared, os.getpid()))


def _inherit(shared: Any, parent: int) -> None:
    # A forked process shares its parent's pipes, so it never sees them close: if the parent is killed (a
    # build stopped with kill -9) it would wait for work forever. The kernel ends it with its parent instead.
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    _INHERITED["shared"] = shared


def _call(task: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, item = task
    return function(_INHERITED["shared"], item)

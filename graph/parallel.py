"""Work shared out among forked processes. Extraction and pySHACL are pure Python, so a second core helps
only through a second process; forking lets each inherit the large inputs (a data graph) without a copy."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

_INHERITED: dict[str, Any] = {}  # in a forked process: the `shared` argument, handed over without pickling


def forked_map(
    function: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item], processes: int | None = None
) -> list[Result]:
    """`[function(shared, item) for item in items]`, in that order, with one task per item so that a process
    that finishes early takes the next. Runs in this process alone when there is one core or one item, or when
    this process runs other threads (a forked child could inherit a lock one of them holds)."""
    wanted = min(processes if processes is not None else os.cpu_count() or 1, len(items))
    if wanted < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(shared, item) for item in items]
    context = multiprocessing.get_context("fork")
    # A forked process receives the initializer's arguments in memory, as it receives everything else.
    with ProcessPoolExecutor(wanted, mp_context=context, initializer=_inherit, initargs=(shared,)) as pool:
        return list(pool.map(_call, [(function, item) for item in items]))


def _inherit(shared: Any) -> None:
    _INHERITED["shared"] = shared


def _call(task: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, item = task
    return function(_INHERITED["shared"], item)

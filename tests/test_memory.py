"""Freed memory goes back to the system when asked: the build calls it between its phases."""

from __future__ import annotations

import pytest

from policykg.memory import give_back


def _private_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("RssAnon:"))


def test_freed_heap_pages_go_back_to_the_system() -> None:
    if not give_back():
        pytest.skip("not glibc: no malloc_trim")
    # 128 MiB in blocks under glibc's mmap threshold, each followed by a small block kept alive: freed, they stay
    # in the heap (nothing at its top to shrink), as the threads' arenas of a build do.
    blocks, pins = [], []
    for i in range(2048):
        blocks.append(bytes([i % 251]) * 65_536)
        pins.append(bytes([i % 251]) * 1_024)
    del blocks
    freed = _private_kib()
    assert give_back()
    assert _private_kib() < freed - 64 * 1024  # most of the 128 MiB handed back, the pins kept
    assert len(pins) == 2048

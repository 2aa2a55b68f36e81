"""Freed memory given back to the system.

pyoxigraph allocates in several threads (its bulk loader, the queries the shapes run two at a time) and frees
hundreds of MB at a time. glibc keeps what each thread's arena freed for that arena's next allocation, so a
long build's memory grows to the sum of its phases rather than the largest one: at 2,000 reports, 114 MB was
free but still held after the bulk load and 150 MB after the shapes (bench/README.md, "Freed memory").
`malloc_trim(0)` hands those pages back."""

from __future__ import annotations

import ctypes
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc (musl, macOS): their allocators return memory their own way
    return trim


_TRIM = _malloc_trim()


def give_back() -> bool:
    """Return the process's free heap pages to the system; False where there is no way to (not glibc)."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True

"""A served store's files read once, in the background, into the operating system's page cache.

After a restart (or once the page cache has let a store go), a lookup's first queries read their store blocks
from disk: at 1M triples, first lookups took 7.3–14.8 ms at the median from a cold cache and 6.8–7.5 ms once the
store's 440 MB had been read back, which took 0.6 s (`bench/first_lookup.py`, bench/SERVING.md). Like PostgreSQL's
pg_prewarm, the server reads its store's files at start, sequentially, on a thread of lower priority, a part at
a time while it has no request to answer — only when they fit in half the memory available, so that the page
cache keeps what else the machine uses. At national scale the 7.8 GB store took 2.5 minutes of the warm-up.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

_CHUNK = 1 << 20
_PAUSE = 0.01  # seconds between looks at whether the server is idle


def until_idle(idle: Callable[[], bool], stop: threading.Event) -> bool:
    """Wait while the server is busy (`idle` false); False if it is told to stop meanwhile. Work in the background
    goes on only between requests, so that they never wait behind it."""
    while not idle():
        if stop.wait(_PAUSE):
            return False
    return not stop.is_set()


def available_bytes() -> int:
    """Memory the system can give without swapping (`MemAvailable`), or its free memory where /proc cannot tell."""
    try:
        with open("/proc/meminfo", "rb") as meminfo:
            for line in meminfo:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 0


def preload(
    files: Iterable[Path], stop: threading.Event, budget: int | None = None, idle: Callable[[], bool] = lambda: True
) -> int:
    """Read `files` from start to end (folders: every file in them), unless together they are larger than `budget`
    bytes (default: half the memory available); the bytes read. Each megabyte waits until the server is `idle`.
    Stops early when `stop` is set; a file that cannot be read is skipped (the store reports its own errors where
    they matter)."""
    paths = sorted({p for f in files for p in ([f] if f.is_file() else f.rglob("*")) if p.is_file()})
    if sum(_size(p) for p in paths) > (available_bytes() // 2 if budget is None else budget):
        return 0
    buffer = bytearray(_CHUNK)
    read = 0
    for path in paths:
        try:
            with open(path, "rb", buffering=0) as source:
                while until_idle(idle, stop) and (n := source.readinto(buffer)):
                    read += n
        except OSError:
            continue
        if stop.is_set():
            break
    return read


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0

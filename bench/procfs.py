"""What the benchmarks read from /proc (Linux): a process's descendants, and one `Field:  N kB` line of its
`status` (VmRSS) or `smaps_rollup` (Pss)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path


def descendants(pid: int) -> list[int]:
    """The processes `pid` started, and theirs (the server's query workers, a build's forked processes)."""
    children: dict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        children[int(fields[1])].append(int(stat.parent.name))
    out: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kilobytes(pid: int, field: str, file: str = "status") -> int:
    """`field` of /proc/<pid>/<file> in kB (`VmRSS` of `status`, `Pss` of `smaps_rollup`); 0 once it has ended."""
    try:
        text = Path(f"/proc/{pid}/{file}").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0

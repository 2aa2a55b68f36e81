"""`write_atomically` gives a file the mode a plain `open()` would: the umask's for a new one, its own otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.graph.store.layout import write_atomically


@pytest.fixture
def umask() -> Iterator[int]:
    before = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(before)


def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "out" / "graph.graphml"
    write_atomically(path, b"<graphml/>")
    assert path.read_bytes() == b"<graphml/>"
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["graph.graphml"]  # no temporary file left


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "graph.csv"
    path.write_bytes(b"old")
    path.chmod(0o604)
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o604

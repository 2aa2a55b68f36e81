"""A served store's files read into the page cache at start: all of them when they fit the budget, none when
they do not, and no further once the server stops."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from policykg.errors import PolicyKGError
from policykg.graph.store.preload import available_bytes, preload
from policykg.settings import Settings


def files(tmp_path: Path) -> list[Path]:
    store = tmp_path / "oxigraph"
    (store / "deeper").mkdir(parents=True, exist_ok=True)
    (store / "000186.sst").write_bytes(b"s" * 3_000_000)  # more than one read of a megabyte
    (store / "deeper" / "OPTIONS").write_bytes(b"o" * 10)
    index = tmp_path / "search.sqlite"
    index.write_bytes(b"i" * 100)
    return [store, index]


def test_every_file_of_the_store_and_the_index_is_read_once(tmp_path: Path) -> None:
    assert preload(files(tmp_path), threading.Event(), budget=10_000_000) == 3_000_110
    assert preload([*files(tmp_path), tmp_path / "oxigraph"], threading.Event(), budget=10_000_000) == 3_000_110


def test_a_store_larger_than_the_budget_is_not_read_at_all(tmp_path: Path) -> None:
    assert preload(files(tmp_path), threading.Event(), budget=3_000_109) == 0
    assert preload(files(tmp_path), threading.Event(), budget=0) == 0
    assert available_bytes() > 0  # the default budget is half of it


def test_a_stopping_server_stops_the_reading(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    assert preload(files(tmp_path), stop, budget=10_000_000) == 0


def test_reading_waits_while_the_server_is_busy(tmp_path: Path) -> None:
    stop = threading.Event()
    looks: list[bool] = []

    def busy_after_the_first_megabyte() -> bool:  # then told to stop after a few more looks
        looks.append(True)
        if len(looks) == 6:
            stop.set()
        return len(looks) == 1

    assert preload(files(tmp_path), stop, budget=10_000_000, idle=busy_after_the_first_megabyte) == 1 << 20
    assert len(looks) == 6


def test_the_budget_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYKG_PRELOAD_MB", raising=False)
    assert Settings.from_env().preload_mb is None  # half the memory available
    for text, megabytes in (("0", 0), ("512", 512)):
        monkeypatch.setenv("POLICYKG_PRELOAD_MB", text)
        assert Settings.from_env().preload_mb == megabytes
    monkeypatch.setenv("POLICYKG_PRELOAD_MB", "lots")
    with pytest.raises(PolicyKGError, match="POLICYKG_PRELOAD_MB"):
        Settings.from_env()

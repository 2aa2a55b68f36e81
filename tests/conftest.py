"""Shared fixtures: the bundled reports and a helper that writes text in a given encoding."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.legacy import tcvn3, vni

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


@pytest.fixture(scope="session")
def reports() -> list[Path]:
    files = sorted(REPORTS.glob("*.txt"))
    assert len(files) == 5
    return files


@pytest.fixture(scope="session")
def report_path() -> Callable[[str], Path]:
    """The path of a bundled report by its stem (`2013-ubnd-socio-economic-assessment`)."""
    return lambda stem: REPORTS / f"{stem}.txt"


@pytest.fixture(scope="session")
def to_tcvn3() -> Callable[[str], bytes]:
    return tcvn3


@pytest.fixture(scope="session")
def to_vni() -> Callable[[str], bytes]:
    return vni


@pytest.fixture(scope="session")
def to_cp1258() -> Callable[[str], bytes]:
    return cp1258


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes of a text, letters with tone marks written as base letter + combining mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = [c for c in decomposed if c in TONE_MARKS]
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
            out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)

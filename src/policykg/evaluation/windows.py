"""What the window annotations (relations, indicators) share: reading a file of them, finding the text it
annotates, and adding the scores of several texts by group."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from policykg.errors import AnnotationError


class Scored(Protocol):
    held_out: bool

    def add(self, other: Any) -> None: ...


S = TypeVar("S", bound=Scored)


def read_windows(path: Path, items: str) -> dict[str, Any]:
    """A file of window annotations, with its `text`, `windows` and list of `items` (one line on a fault)."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnnotationError(f"{path}: not readable JSON ({exc})") from exc
    for key in ("text", "windows", items):
        if key not in data:
            raise AnnotationError(f"{path}: missing field {key!r}")
    return data


def annotated_text(path: Path, gold: dict[str, Any], root: Path) -> Path:
    """The text a file of annotations was written on, found relative to `root` and checked by its sha256."""
    text = root / str(gold["text"])
    if not text.is_file():
        raise AnnotationError(f"{path}: no text {text}")
    if gold.get("sha256") and hashlib.sha256(text.read_bytes()).hexdigest() != gold["sha256"]:
        raise AnnotationError(f"{path}: {text} is not the text that was annotated (sha256 differs)")
    return text


def totals(texts: Sequence[S], new: Callable[[str], S]) -> dict[str, S]:
    """The scores added over the development texts, the held-out texts, and all (groups with no text left out)."""
    groups = {
        "all (development)": [t for t in texts if not t.held_out],
        "all (held out)": [t for t in texts if t.held_out],
        "all": list(texts),
    }
    out = {}
    for name, members in groups.items():
        if members:
            total = new(name)
            for t in members:
                total.add(t)
            out[name] = total
    return out

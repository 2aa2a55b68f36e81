"""Work counted, not timed: how a test tells linear from quadratic on any machine, loaded or not.

`work(f, *args)` runs `f` once and counts, deterministically:

- calls: every Python function call and generator resumption, and every call of a C function (the events
  `sys.setprofile` sees) — a loop over every entity for every entity shows here;
- characters: what the C code behind those calls went over, which a call count misses — the characters a regular
  expression of the loaders (or of the `re` module's functions) is given to search (up to its match, or all of
  them when it finds none or finds them all), the whole string for the string methods that read all of it
  (`isupper`, `lower`, `split`, `count`, …) and the whole list for `list.count`/`index`/`remove`.

A step that reads the rest of a long text at every entity is linear in calls but quadratic in characters; one that
pairs every entity with every other is quadratic in calls. Compare the work for n and 4n units in one test: a
linear function gives a ratio about 4, a quadratic one 16 (`assert_linear`). Timings are in `bench/`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import FrameType, ModuleType
from typing import Any

# String and list methods that read the whole object they are called on.
_WHOLE_STR = frozenset(
    [
        "isupper",
        "islower",
        "istitle",
        "isalpha",
        "isalnum",
        "isdigit",
        "isdecimal",
        "isnumeric",
        "isspace",
        "isascii",
        "isidentifier",
        "isprintable",
        "upper",
        "lower",
        "casefold",
        "title",
        "capitalize",
        "swapcase",
        "translate",
        "encode",
        "replace",
        "split",
        "rsplit",
        "splitlines",
        "count",
        "expandtabs",
        "zfill",
        "center",
        "ljust",
        "rjust",
    ]
)
_WHOLE_LIST = frozenset({"count", "index", "remove"})
# The `re` module's functions, by their code objects: the string they are given is the `string` argument.
# (By id: hashing a code object hashes its contents, which every call would pay for.)
_RE_FUNCTIONS = frozenset(id(getattr(re, name).__code__) for name in ("search", "match", "fullmatch", "finditer",
                                                                      "findall", "sub", "subn", "split"))  # fmt: skip


@dataclass
class Work:
    calls: int = 0
    characters: int = 0
    result: object = None  # what the function returned

    @property
    def total(self) -> int:
        return self.calls + self.characters


class _CountingPattern:
    """A compiled pattern that adds the characters each search is given to a `Work`; the rest is the pattern's."""

    def __init__(self, pattern: re.Pattern[str], work: Work) -> None:
        self._pattern, self._work = pattern, work

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def _span(self, string: str, pos: int, endpos: int) -> int:
        return max(0, min(endpos, len(string)) - max(0, pos))

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        m = self._pattern.search(string, pos, endpos)
        self._work.characters += (m.end() - max(0, pos)) if m else self._span(string, pos, endpos)
        return m

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        m = self._pattern.match(string, pos, endpos)
        self._work.characters += 1 + ((m.end() - max(0, pos)) if m else 0)
        return m

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        m = self._pattern.fullmatch(string, pos, endpos)
        self._work.characters += self._span(string, pos, endpos) if m else 1
        return m

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        # Lazy: what the caller reads of it, up to each match, then the rest if it reads them all.
        at = max(0, pos)
        for m in self._pattern.finditer(string, pos, endpos):
            self._work.characters += m.end() - at
            at = m.end()
            yield m
        self._work.characters += max(0, min(endpos, len(string)) - at)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        self._work.characters += self._span(string, pos, endpos)
        return self._pattern.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        self._work.characters += len(string)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        self._work.characters += len(string)
        return self._pattern.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        self._work.characters += len(string)
        return self._pattern.split(string, maxsplit)


def _loader_modules() -> list[ModuleType]:
    return [m for name, m in list(sys.modules.items()) if name.startswith("policykg.") and m is not None]


def work(f: Callable[..., object], *args: object) -> Work:
    """Run `f(*args)` once and count its work (see the module's docstring)."""
    counted = Work()
    # The compiled patterns of policykg's modules count what they are given while `f` runs.
    swapped: list[tuple[ModuleType, str, object]] = []
    proxies: dict[int, _CountingPattern] = {}
    for module in _loader_modules():
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                proxy = proxies.setdefault(id(value), _CountingPattern(value, counted))
                swapped.append((module, name, value))
                setattr(module, name, proxy)

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "c_call":
            counted.calls += 1
            owner = getattr(arg, "__self__", None)
            kind = type(owner)
            if (kind is str and arg.__name__ in _WHOLE_STR) or (kind is list and arg.__name__ in _WHOLE_LIST):
                counted.characters += len(owner)
        elif event == "call":
            counted.calls += 1
            if id(frame.f_code) in _RE_FUNCTIONS:
                string = frame.f_locals.get("string")
                if isinstance(string, str):
                    counted.characters += len(string)

    sys.setprofile(profile)
    try:
        counted.result = f(*args)
    finally:
        sys.setprofile(None)
        for module, name, value in swapped:
            setattr(module, name, value)
    return counted


def growth(f: Callable[[int], object], n: int) -> float:
    """How much more work `f(4n)` does than `f(n)`: about 4 if linear, 16 if quadratic."""
    f(max(n // 16, 1))  # caches and reference data loaded before anything is counted
    small, large = work(f, n), work(f, 4 * n)
    return large.total / small.total


def assert_linear(f: Callable[[int], object], n: int, what: str = "") -> None:
    """`f(4n)` does less than twice the work a linear function would (8×; a quadratic one does 16×)."""
    ratio = growth(f, n)
    assert ratio < 8, f"{what}: 4× the input, {ratio:.1f}× the work (linear: 4, quadratic: 16)"

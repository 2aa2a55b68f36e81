"""Indicator scores against windows where every number was accounted for (format:
tests/annotations/indicators/README.md).

Inside a window every number is either a gold observation or deliberately excluded, so an extracted observation
there that matches none is wrong. An extracted observation matches a gold one on the same line with the same
value (and, for a range, the same top); each gold observation is matched once. Of the matched pairs, the share
whose unit, kind, status, period, place and concept agree with the gold is the attribute accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import AnnotationError
from policykg.evaluation.scores import Score
from policykg.evaluation.windows import annotated_text, read_windows, totals
from policykg.loaders.indicators import KINDS, STATUSES
from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import Extraction, IndicatorRecord
from policykg.text import fold

ATTRIBUTES = ("unit", "kind", "status", "period", "place", "concept")


@dataclass
class IndicatorScore:
    """The observation scores of one annotated text (or of several, added)."""

    name: str
    held_out: bool = False
    observations: Score = field(default_factory=Score)
    checked: int = 0  # matched pairs
    agreeing: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    wrong: list[str] = field(default_factory=list)

    def accuracy(self, attribute: str) -> float:
        return self.agreeing[attribute] / self.checked if self.checked else 1.0

    def add(self, other: IndicatorScore) -> None:
        self.observations.add(other.observations)
        self.checked += other.checked
        for a in ATTRIBUTES:
            self.agreeing[a] += other.agreeing[a]
        self.wrong += other.wrong


def score_indicators(folder: Path, root: Path) -> list[IndicatorScore]:
    """Score every file of `folder` (…/annotations/indicators); texts are found relative to `root`."""
    return [_score_file(f, root) for f in sorted(folder.glob("*.json"))]


def indicator_totals(texts: list[IndicatorScore]) -> dict[str, IndicatorScore]:
    """The observation scores added over the development texts, the held-out texts, and all."""
    return totals(texts, IndicatorScore)


def _score_file(path: Path, root: Path) -> IndicatorScore:
    gold = _load(path)
    return score_text(gold, extract_file(annotated_text(path, gold, root)), path.stem)


def _load(path: Path) -> dict[str, Any]:
    data = read_windows(path, "observations")
    for i, obs in enumerate(data["observations"]):
        where = f"{path}: observations[{i}]"
        if not isinstance(obs.get("value"), int | float) or not isinstance(obs.get("line"), int):
            raise AnnotationError(f"{where}: needs a numeric value and a line")
        if obs.get("kind") not in KINDS or obs.get("status") not in STATUSES:
            raise AnnotationError(f"{where}: kind must be one of {', '.join(KINDS)}; status of {', '.join(STATUSES)}")
        if not any(lo <= obs["line"] <= hi for lo, hi in data["windows"]):
            raise AnnotationError(f"{where}: line {obs['line']} is in no window")
    return data


def score_text(gold: dict[str, Any], ex: Extraction, name: str) -> IndicatorScore:
    windows = [(int(lo), int(hi)) for lo, hi in gold["windows"]]
    score = IndicatorScore(name, bool(gold.get("held_out")))
    found = [r for r in ex.indicators if any(lo <= r.line <= hi for lo, hi in windows)]
    golds = gold["observations"]
    score.observations.gold, score.observations.found = len(golds), len(found)
    names = {p.key: p.name for p in ex.places} | {h.key: h.name for h in ex.hydropower}
    taken: set[int] = set()
    for g in golds:
        hit = next((i for i, r in enumerate(found) if i not in taken and _same(g, r)), None)
        if hit is None:
            score.observations.misses.append(f"{name}: line {g['line']} {g.get('text', g['value'])} "
                                             f"({g.get('indicator', '')})")  # fmt: skip
            continue
        taken.add(hit)
        r = found[hit]
        score.checked += 1
        place = names.get(r.place.key) if r.place else None
        mine = {"unit": r.unit, "kind": r.kind, "status": r.status, "period": r.period, "place": place,
                "concept": r.concept}  # fmt: skip
        for a in ATTRIBUTES:
            if _agrees(a, g.get(a), mine[a]):
                score.agreeing[a] += 1
            else:
                score.wrong.append(f"{name}: line {r.line} {r.text}: {a} {mine[a]!r}, gold {g.get(a)!r}")
    score.observations.matched_gold = score.observations.matched_found = len(taken)
    score.observations.false_hits += [
        f"{name}: line {r.line} {r.text} = {r.value:g} ({r.indicator})" for i, r in enumerate(found) if i not in taken
    ]
    return score


def _same(g: dict[str, Any], r: IndicatorRecord) -> bool:
    if g["line"] != r.line or not _close(g["value"], r.value):
        return False
    top = g.get("value_max")
    return top is None or r.value_max is None or _close(top, r.value_max)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def _agrees(attribute: str, gold: Any, mine: Any) -> bool:
    if attribute == "place":
        return (gold is None and mine is None) or (gold is not None and mine is not None and fold(gold) == fold(mine))
    if attribute == "unit":
        return fold(str(gold or "")) == fold(str(mine or ""))
    return bool(gold == mine)

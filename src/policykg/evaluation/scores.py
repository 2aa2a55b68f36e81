"""Counts of gold and found items and of those that match, with precision, recall and F1."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0
    matched_found: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched_gold += other.matched_gold
        self.matched_found += other.matched_found
        self.misses += other.misses
        self.false_hits += other.false_hits

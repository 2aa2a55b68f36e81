"""Relation scores against windows annotated exhaustively (format: tests/annotations/relations/README.md).

Inside a window every relation a sentence states is listed, so an extracted relation there that matches none
is wrong, and precision means something. Four measures, per text and in all:
- pairs: the two entities are right, whatever the verb (either direction);
- relations: the pair, the predicate and the direction are right;
- predicate agreement: of the right pairs, the share whose predicate and direction agree with the text;
- entity links: of the entities the gold relations connect (each entity once per sentence), the share the
  extractor found there as the same entity — a relation cannot be found without both of its ends.
And calibration: the extracted relations in windows binned by confidence, against the share that are right.
Lines match within `LINE_SLACK` (exact lines first). An endpoint matches an extracted entity of a compatible
kind, of the same name, mentioned within the lines of the relation's sentence (`SENTENCE_LINES` after the
line it begins on: a PDF-like text wraps a sentence).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import AnnotationError
from policykg.evaluation.names import programme_names, similar_names
from policykg.evaluation.scores import Score
from policykg.evaluation.windows import annotated_text, read_windows
from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import PREDICATES, EntityRef, Extraction, RelationRecord
from policykg.text import fold, symbol_key

SENTENCE_LINES = 12
# A relation's line is where its sentence begins; a sentence of PDF-like text cut by a page (or a footnote
# that goes on at the foot of the next page) may be read as beginning a line or two off.
LINE_SLACK = 2
BINS = (0.0, 0.5, 0.7, 0.85, 1.0001)  # confidence bins: [0, 0.5), [0.5, 0.7), [0.7, 0.85), [0.85, 1]
# Which extracted kinds an annotated kind may be: a plan cited without a symbol may be read as a document.
_KINDS = {
    "report": ("report",),
    "document": ("document",),
    "place": ("place",),
    "plant": ("hydropower",),
    "programme": ("programme", "document"),
    "plan": ("programme", "document"),
}


@dataclass
class TextScore:
    """The relation scores of one annotated text (or of several, added)."""

    name: str
    held_out: bool = False
    pairs: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    agreeing: int = 0  # right pairs whose predicate and direction agree with the text
    links: Score = field(default_factory=Score)  # only gold and matched_gold are used (a recall)
    judged: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right) per extracted relation
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        return self.agreeing / self.pairs.matched_found if self.pairs.matched_found else 1.0

    def add(self, other: TextScore) -> None:
        self.pairs.add(other.pairs)
        self.relations.add(other.relations)
        self.agreeing += other.agreeing
        self.links.add(other.links)
        self.judged += other.judged
        self.misses += other.misses
        self.false_hits += other.false_hits


def calibration(judged: Iterable[tuple[float, bool]]) -> list[tuple[str, int, float, float]]:
    """(bin, relations, mean confidence, share right) per confidence bin that has relations."""
    rows = []
    judged = list(judged)
    for lo, hi in itertools.pairwise(BINS):
        inside = [(c, ok) for c, ok in judged if lo <= c < hi]
        if inside:
            label = f"{lo:.2f}–{min(hi, 1.0):.2f}"
            mean = sum(c for c, _ in inside) / len(inside)
            rows.append((label, len(inside), mean, sum(ok for _, ok in inside) / len(inside)))
    return rows


def confidence_gap(judged: Iterable[tuple[float, bool]]) -> float:
    """Mean confidence of right relations minus that of wrong ones."""
    right = [c for c, ok in judged if ok]
    wrong = [c for c, ok in judged if not ok]
    if not right or not wrong:
        return 1.0
    return sum(right) / len(right) - sum(wrong) / len(wrong)


def score_relations(folder: Path, root: Path) -> list[TextScore]:
    """Score every file of `folder` (…/annotations/relations); texts are found relative to `root`."""
    return [_score_file(f, root) for f in sorted(folder.glob("*.json"))]


def _score_file(path: Path, root: Path) -> TextScore:
    gold = _load(path)
    return score_text(gold, extract_file(annotated_text(path, gold, root)), path.stem)


def _load(path: Path) -> dict[str, Any]:
    data = read_windows(path, "relations")
    for i, rel in enumerate(data["relations"]):
        where = f"{path}: relations[{i}]"
        if rel.get("predicate") not in PREDICATES:
            raise AnnotationError(f"{where}: unknown predicate {rel.get('predicate')!r}")
        for end in ("subject", "object"):
            if rel.get(end, {}).get("kind") not in _KINDS:
                raise AnnotationError(f"{where}: {end} kind must be one of {', '.join(_KINDS)}")
        if not any(lo <= rel.get("line", 0) <= hi for lo, hi in data["windows"]):
            raise AnnotationError(f"{where}: line {rel.get('line')} is in no window")
    return data


def score_text(gold: dict[str, Any], ex: Extraction, name: str) -> TextScore:
    windows = [(int(lo), int(hi)) for lo, hi in gold["windows"]]
    score = TextScore(name, bool(gold.get("held_out")))
    index = _EntityIndex(ex)
    found = [r for r in ex.relations if any(lo <= r.line <= hi for lo, hi in windows)]
    golds = [_GoldRelation.of(g, index) for g in gold["relations"]]

    links = {(end.identity, g.line): bool(end.refs) for g in golds for end in (g.subject, g.object)}
    score.links.gold = len(links)
    score.links.matched_gold = sum(links.values())
    score.misses += [f"{name}: entity {identity} (line {line})" for (identity, line), ok in links.items() if not ok]

    # Pairs: one per (unordered pair of extracted entities, line) found; one per gold relation's pair and line.
    found_pairs: dict[tuple[frozenset[EntityRef], int], list[RelationRecord]] = defaultdict(list)
    for r in found:
        found_pairs[(frozenset((r.subject, r.object)), r.line)].append(r)
    gold_pairs: dict[tuple[frozenset[str], int], _GoldRelation] = {}
    for g in golds:
        gold_pairs.setdefault((frozenset((g.subject.identity, g.object.identity)), g.line), g)
    score.pairs.gold, score.pairs.found = len(gold_pairs), len(found_pairs)
    score.relations.gold, score.relations.found = len(golds), len(found)

    # Exact lines first, then within the slack, so a pair stated on two nearby lines is matched line by line.
    matched: dict[tuple[frozenset[str], int], tuple[frozenset[EntityRef], int]] = {}
    for slack in (0, LINE_SLACK):
        for key, g in gold_pairs.items():
            if key in matched:
                continue
            taken = set(matched.values())
            hit = next((k for k in found_pairs if k not in taken and g.pair_matches(k, slack)), None)
            if hit is not None:
                matched[key] = hit
    matched_pairs = set(matched.values())
    for key, g in gold_pairs.items():
        if key not in matched:
            ends = "" if g.subject.refs and g.object.refs else " [an end not found]"
            score.misses.append(f"{name}: pair {g.label}{ends}")
        elif any(other.same_relations(key[1], r) for r in found_pairs[matched[key]] for other in _at(golds, key)):
            score.agreeing += 1
    score.pairs.matched_gold = score.pairs.matched_found = len(matched_pairs)

    used: dict[int, int] = {}  # gold relation → extracted relation
    for slack in (0, LINE_SLACK):
        for gi, g in enumerate(golds):
            if gi in used:
                continue
            taken_found = set(used.values())
            found_at = next(
                (i for i, r in enumerate(found) if i not in taken_found and g.same_relations(g.line, r, slack)), None
            )
            if found_at is not None:
                used[gi] = found_at
    score.misses += [f"{name}: relation {g.label}" for gi, g in enumerate(golds) if gi not in used]
    score.relations.matched_gold = score.relations.matched_found = len(used)
    right = set(used.values())
    for i, r in enumerate(found):
        score.judged.append((r.confidence, i in right))
        if i not in right:
            score.false_hits.append(f"{name}: {index.label(r)} (line {r.line}, confidence {r.confidence:.2f})")
    return score


def _at(golds: list[_GoldRelation], key: tuple[frozenset[str], int]) -> list[_GoldRelation]:
    """The gold relations of one pair on one line (a pair may be stated with two predicates)."""
    return [g for g in golds if g.line == key[1] and frozenset((g.subject.identity, g.object.identity)) == key[0]]


@dataclass(frozen=True)
class _End:
    identity: str
    refs: frozenset[EntityRef]


@dataclass(frozen=True)
class _GoldRelation:
    subject: _End
    predicate: str
    object: _End
    line: int
    label: str

    @classmethod
    def of(cls, g: dict[str, Any], index: _EntityIndex) -> _GoldRelation:
        line = int(g["line"])
        ends = [index.end(g[e], line) for e in ("subject", "object")]
        label = f"{g['subject']['name']} {g['predicate']} {g['object']['name']} (line {line})"
        return cls(ends[0], g["predicate"], ends[1], line, label)

    def pair_matches(self, key: tuple[frozenset[EntityRef], int], slack: int = LINE_SLACK) -> bool:
        pair, line = key
        if abs(line - self.line) > slack or len(pair) != 2:
            return False
        a, b = tuple(pair)
        return (a in self.subject.refs and b in self.object.refs) or (b in self.subject.refs and a in self.object.refs)

    def same_relations(self, line: int, r: RelationRecord, slack: int = LINE_SLACK) -> bool:
        return (
            abs(r.line - line) <= slack
            and r.predicate == self.predicate
            and r.subject in self.subject.refs
            and r.object in self.object.refs
        )


class _EntityIndex:
    """The extracted entities by kind, with their names and the lines they are mentioned on."""

    def __init__(self, ex: Extraction) -> None:
        self.entries: list[tuple[str, EntityRef, list[str], list[int]]] = [("report", EntityRef("report", ""), [], [])]
        for d in ex.documents:
            names = [n for n in (d.symbol, d.name, *d.raw) if n]
            self.entries.append(("document", EntityRef("document", d.key), names, [m.line for m in d.mentions]))
        for p in ex.places:
            self.entries.append(("place", EntityRef("place", p.key), [p.name], [m.line for m in p.mentions]))
        for h in ex.hydropower:
            self.entries.append(("hydropower", EntityRef("hydropower", h.key), [h.name], [m.line for m in h.mentions]))
        for g in ex.programmes:
            refs = EntityRef("programme", g.key)
            self.entries.append(("programme", refs, programme_names(g), [m.line for m in g.mentions]))
        # A relation's line is where its sentence begins, which may be far above a mention in a sentence resumed
        # after a page of footnotes: the entity is read in that sentence too.
        sentence_lines: dict[EntityRef, list[int]] = defaultdict(list)
        for r in ex.relations:
            sentence_lines[r.subject].append(r.line)
            sentence_lines[r.object].append(r.line)
        for _k, ref, _names, mentioned in self.entries:
            mentioned.extend(sentence_lines.get(ref, []))
        self.labels = {ref: (names[0] if names else "this report") for _k, ref, names, _l in self.entries}

    def end(self, g: dict[str, Any], line: int) -> _End:
        kind, name, of = g["kind"], str(g["name"]), g.get("of")
        identity = f"{kind}:{fold(name)}:{fold(of or '')}"
        spellings = [name, *([str(g["written"])] if g.get("written") else [])]  # the text's own spelling too
        refs = frozenset(
            ref for k, ref, names, lines in self.entries
            if k in _KINDS[kind] and (kind == "report" or _near(lines, line))
            and any(_named(kind, n, of, k, names) for n in spellings)
        )  # fmt: skip
        return _End(identity, refs)

    def label(self, r: RelationRecord) -> str:
        return f"{self.labels.get(r.subject, r.subject.key)} {r.predicate} {self.labels.get(r.object, r.object.key)}"


def _near(lines: list[int], line: int) -> bool:
    return any(line - 2 <= x <= line + SENTENCE_LINES for x in lines)


def _named(kind: str, name: str, of: str | None, found_kind: str, names: list[str]) -> bool:
    if kind == "report":
        return True
    if of and not any(fold(of) in fold(n) for n in names):
        return False  # two plans of one wording: the extracted one must say whose it is
    if found_kind == "document" and "/" in name:
        return any(symbol_key(name) == symbol_key(n) for n in names if "/" in n)
    if kind in ("place", "plant"):
        return any(fold(name) == fold(n) for n in names)
    return any(similar_names(name, n) for n in names)

"""`policykg eval`: precision, recall and F1 of the extractor against hand-checked annotations.

The annotations (format in tests/annotations/README.md) are read here only; the extractor never sees them.
Scores are computed per kind at two levels:
- entities: one per distinct document / place / plant / programme of a report;
- mentions: one per (entity, line) — "citations" is this level for documents with a symbol.
A gold mention on line L is matched by an extracted mention of the same entity on lines L-2 … L (the
extractor reports where the citation's words begin, which in PDF text may be two lines above the symbol).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import AnnotationError
from policykg.evaluation.indicators import ATTRIBUTES, IndicatorScore, indicator_totals, score_indicators
from policykg.evaluation.names import programme_names, similar_names
from policykg.evaluation.relations import TextScore, calibration, confidence_gap, score_relations
from policykg.evaluation.scores import Score
from policykg.evaluation.windows import annotated_text, totals
from policykg.loaders.pipeline import extract_file
from policykg.loaders.programmes import PLAN_KINDS
from policykg.loaders.records import DocumentRecord, Extraction
from policykg.text import aligned, fold, symbol_key

LINE_SLACK = 2
KINDS = (
    "citations",
    "documents",
    "province",
    "districts",
    "communes",
    "other places",
    "hydropower",
    "programmes",
)


@dataclass
class Attributes:
    """How often a matched document's type, date and issuer agree with the annotation."""

    checked: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    correct: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    wrong: list[str] = field(default_factory=list)


@dataclass
class EvalReport:
    reports: list[str]
    scores: dict[str, Score]
    attributes: Attributes
    relations: list[TextScore] = field(default_factory=list)  # per text with relation windows
    indicators: list[IndicatorScore] = field(default_factory=list)  # per text with indicator windows
    # Texts of other provinces and other formats (`extra/`), scored apart: how the extractor generalises.
    extra_reports: list[str] = field(default_factory=list)
    extra_scores: dict[str, Score] = field(default_factory=dict)


def evaluate(annotations_dir: Path, reports_dir: Path) -> EvalReport:
    gold_by_report = load_annotations(annotations_dir)
    root = annotations_dir.resolve().parent.parent
    attributes = Attributes()
    scores = _score_reports(gold_by_report, lambda stem, _parts: reports_dir / f"{stem}.txt", attributes)
    extra = annotations_dir / "extra"
    extra_gold = load_annotations(extra) if any(extra.glob("*.json")) else {}
    # A text outside the bundled corpus is named by its path (from the repository's folder), checked by its sha256.
    extra_scores = _score_reports(
        extra_gold, lambda stem, parts: annotated_text(extra / f"{stem}.json", parts[0], root), Attributes()
    )
    windows = annotations_dir / "relations"
    relations = score_relations(windows, root) if windows.is_dir() else []
    figures = annotations_dir / "indicators"
    indicators = score_indicators(figures, root) if figures.is_dir() else []
    return EvalReport(
        sorted(gold_by_report), scores, attributes, relations, indicators, sorted(extra_gold), extra_scores
    )


def _score_reports(
    gold_by_report: dict[str, list[dict[str, Any]]],
    path_of: Callable[[str, list[dict[str, Any]]], Path],
    attributes: Attributes,
) -> dict[str, Score]:
    scores = {k: Score() for k in KINDS}
    for stem, parts in sorted(gold_by_report.items()):
        path = path_of(stem, parts)
        if not path.is_file():
            raise AnnotationError(f"{stem}*.json: no report {path}")
        extraction = extract_file(path)
        for part in parts:
            for kind, score in score_part(part, extraction, attributes).items():
                score.misses = [f"{stem}: {m}" for m in score.misses]
                score.false_hits = [f"{stem}: {m}" for m in score.false_hits]
                scores[kind].add(score)
    return scores


def load_annotations(folder: Path) -> dict[str, list[dict[str, Any]]]:
    files = sorted(folder.glob("*.json"))
    if not files:
        raise AnnotationError(f"{folder}: no annotation files (*.json)")
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AnnotationError(f"{f}: not readable JSON ({exc})") from exc
        for key in ("report", "line_range", "documents", "places", "hydropower", "programmes"):
            if key not in data:
                raise AnnotationError(f"{f}: missing field {key!r}")
        out[data["report"]].append(data)
    return out


# ---------------------------------------------------------------------------------------------- scoring


def score_part(gold: dict[str, Any], ex: Extraction, attributes: Attributes) -> dict[str, Score]:
    """One annotation file's scores per kind against an extraction of its text (`bench/formats_eval.py` scores
    another reading of the same text with it)."""
    lo, hi = int(gold["line_range"][0]), int(gold["line_range"][1])

    def inside(line: int) -> bool:
        return lo <= line <= hi

    scores: dict[str, Score] = {}
    doc_map = _match_documents(gold["documents"], ex.documents, inside)
    scores["documents"] = doc_map.entity_score
    scores["citations"] = doc_map.citation_score
    _check_attributes(doc_map.pairs, attributes)
    place_kinds = {
        "province": "province",
        "districts": "district",
        "communes": "commune",
        "other places": "other",
    }
    for label, kind in place_kinds.items():
        g = [p for p in gold["places"] if p["kind"] == kind]
        e = [p for p in ex.places if p.kind == kind]
        scores[label] = _match_named(
            g,
            [(p.key, p.name, [m.line for m in p.mentions]) for p in e],
            inside,
            lambda a, b: fold(a) == fold(b),
        )
    scores["hydropower"] = _match_named(
        gold["hydropower"], [(h.key, h.name, [m.line for m in h.mentions]) for h in ex.hydropower], inside,
        lambda a, b: fold(a) == fold(b),
    )  # fmt: skip
    # The entity annotations list programmes, schemes and projects; plans and strategies are scored as the ends
    # of relations (relations/README.md), not here.
    programmes = [g for g in ex.programmes if g.kind not in PLAN_KINDS]
    scores["programmes"] = _match_named(
        gold["programmes"], [(g.key, " | ".join(programme_names(g)), [m.line for m in g.mentions])
                             for g in programmes], inside,
        lambda a, b: any(similar_names(a, n) for n in b.split(" | ")), by_line=True,
    )  # fmt: skip
    return scores


@dataclass
class _DocumentMatch:
    entity_score: Score
    citation_score: Score
    pairs: list[tuple[dict[str, Any], DocumentRecord]]


def _gold_doc_key(g: dict[str, Any]) -> str:
    return symbol_key(g["symbol"]) if g.get("symbol") else "name:" + fold(g.get("name") or "")


def _doc_label(d: DocumentRecord) -> str:
    return d.symbol or d.name or d.raw[0]


def _match_documents(
    gold: list[dict[str, Any]], found: list[DocumentRecord], inside: Callable[[int], bool]
) -> _DocumentMatch:
    found = [d for d in found if any(inside(m.line) for m in d.mentions)]
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], DocumentRecord]] = []
    entity = Score(gold=len(gold), found=len(found))
    # Documents with a symbol first: a symbol names one document, while a name may hold another's symbol (`Chương
    # trình hành động … thực hiện Nghị quyết số 19-2017/NQ-CP` is not that resolution), and a greedy match in file
    # order gave the resolution to the plan.
    for g in sorted(gold, key=lambda g: not g.get("symbol")):
        best = None
        for i, d in enumerate(found):
            if i in used or not _same_document(g, d):
                continue
            overlap = _line_overlap(g["lines"], [m.line for m in d.mentions])
            if best is None or overlap > best[0]:
                best = (overlap, i)
        if best is None:
            entity.misses.append(f"document {g.get('symbol') or g.get('name')} (lines {g['lines']})")
            continue
        used.add(best[1])
        pairs.append((g, found[best[1]]))
    entity.matched_gold = entity.matched_found = len(pairs)
    entity.false_hits = [f"document {_doc_label(d)} (line {d.mentions[0].line})" for i, d in enumerate(found)
                         if i not in used]  # fmt: skip
    # Citations: mentions of documents with a symbol.
    citation = Score()
    gold_mentions = [(g, line) for g in gold if g.get("symbol") for line in g["lines"]]
    # A citation is a mention that prints a symbol (`Nghị quyết 30a` resolved to 30a/2008/NQ-CP is not one).
    found_mentions = [(d, m.line) for d in found if d.symbol for m in d.mentions if inside(m.line) and "/" in m.text]
    citation.gold, citation.found = len(gold_mentions), len(found_mentions)
    taken: set[int] = set()
    for g, line in gold_mentions:
        hit = next(
            (i for i, (d, fl) in enumerate(found_mentions)
             if i not in taken and line - LINE_SLACK <= fl <= line and _same_document(g, d)),
            None,
        )  # fmt: skip
        if hit is None:
            citation.misses.append(f"citation {g['symbol']} line {line}")
        else:
            taken.add(hit)
    citation.matched_gold = citation.matched_found = len(taken)
    citation.false_hits = [f"citation {d.symbol} line {fl}" for i, (d, fl) in enumerate(found_mentions)
                           if i not in taken]  # fmt: skip
    return _DocumentMatch(entity, citation, pairs)


def _same_document(g: dict[str, Any], d: DocumentRecord) -> bool:
    if g.get("symbol"):
        return d.symbol is not None and symbol_key(str(g["symbol"])) == symbol_key(d.symbol)
    resolved = g.get("resolved_symbol")
    if resolved and d.symbol and symbol_key(resolved) == symbol_key(d.symbol):
        return True
    names = [g.get("name") or "", *g.get("raw", [])]
    return any(similar_names(n, d.name or (d.raw[0] if d.raw else "")) for n in names if n)


def _check_attributes(pairs: list[tuple[dict[str, Any], DocumentRecord]], attributes: Attributes) -> None:
    for g, d in pairs:
        for field_name, found in (("type", d.type), ("date", d.date), ("issuer", d.issuer)):
            expected = g.get(field_name)
            attributes.checked[field_name] += 1
            if _same_attribute(field_name, expected, found):
                attributes.correct[field_name] += 1
            else:
                label = g.get("symbol") or g.get("name")
                attributes.wrong.append(f"{field_name} of {label}: expected {expected!r}, found {found!r}")


def _same_attribute(name: str, expected: str | None, found: str | None) -> bool:
    if not expected or not found:
        return not expected and not found
    if name == "issuer":
        a, b = fold(expected), fold(found)
        return a == b or a in b or b in a
    return fold(expected) == fold(found)


def _line_overlap(gold_lines: Iterable[int], found_lines: Iterable[int]) -> int:
    found = list(found_lines)
    return sum(1 for g in gold_lines if any(g - LINE_SLACK <= f <= g for f in found))


def _match_named(
    gold: list[dict[str, Any]],
    found: list[tuple[str, str, list[int]]],
    inside: Callable[[int], bool],
    same: Callable[[str, str], bool],
    *,
    by_line: bool = False,
) -> Score:
    """Entity-level matching by name (and, for programmes, a shared line)."""
    found = [(k, n, [x for x in lines if inside(x)]) for k, n, lines in found]
    found = [f for f in found if f[2]]
    score = Score(gold=len(gold), found=len(found))
    used: set[int] = set()
    for g in gold:
        candidates = [
            i for i, (_k, n, lines) in enumerate(found)
            if i not in used and same(g["name"], n) and (not by_line or _line_overlap(g["lines"], lines))
        ]  # fmt: skip
        if not candidates:
            score.misses.append(f"{g.get('kind', '')} {g['name']} (lines {g['lines'][:6]})".strip())
            continue
        best = max(candidates, key=lambda i: _line_overlap(g["lines"], found[i][2]))
        used.add(best)
        score.matched_gold += 1
    score.matched_found = len(used)
    score.false_hits = [f"{n} (line {lines[0]})" for i, (_k, n, lines) in enumerate(found) if i not in used]
    return score


# ---------------------------------------------------------------------------------------------- output


def render(report: EvalReport, fmt: str, *, errors: bool = False) -> str:
    if fmt == "json":
        return json.dumps(_as_json(report), ensure_ascii=False, indent=1)
    rows = [(k, s) for k, s in report.scores.items()]
    table = _markdown if fmt == "markdown" else aligned
    lines = [table(["kind", "gold", "found", "P", "R", "F1"],
                   [[k, str(s.gold), str(s.found), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
                    for k, s in rows]), ""]  # fmt: skip
    if report.extra_reports:
        extra = [(k, s) for k, s in report.extra_scores.items()]
        lines += [table(["other provinces, PDFs", "gold", "found", "P", "R", "F1"],
                        [[k, str(s.gold), str(s.found), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
                         for k, s in extra]), f"texts: {', '.join(report.extra_reports)}", ""]  # fmt: skip
    if report.relations:
        lines += [_relation_table(report.relations, table), "", _calibration_table(report.relations, table), ""]
    if report.indicators:
        lines += [_indicator_table(report.indicators, table), ""]
    for name in ("type", "date", "issuer"):
        checked = report.attributes.checked[name]
        correct = report.attributes.correct[name]
        share = correct / checked if checked else 1.0
        lines.append(f"document {name} correct: {correct}/{checked} = {share:.3f}")
    lines.append(f"reports: {', '.join(report.reports)}")
    if errors:
        for kind, s in [*rows, *report.extra_scores.items()]:
            lines += [f"MISS  {kind}: {m}" for m in s.misses]
            lines += [f"FALSE {kind}: {m}" for m in s.false_hits]
        lines += [f"WRONG {w}" for w in report.attributes.wrong]
        for t in report.relations:
            lines += [f"MISS  {m}" for m in t.misses] + [f"FALSE relation {m}" for m in t.false_hits]
        for i in report.indicators:
            lines += [f"MISS  figure {m}" for m in i.observations.misses]
            lines += [f"FALSE figure {m}" for m in i.observations.false_hits]
            lines += [f"WRONG figure {w}" for w in i.wrong]
    return "\n".join(lines)


def relation_totals(texts: list[TextScore]) -> dict[str, TextScore]:
    """The relation scores added over the development texts, the held-out texts, and all."""
    return totals(texts, TextScore)


def _relation_table(texts: list[TextScore], table: Callable[[list[str], list[list[str]]], str]) -> str:
    head = ["relations in windows", "gold", "found", "pairs P", "pairs R", "rel. P", "rel. R", "predicate", "links R"]
    rows = [
        [t.name + (" (held out)" if t.held_out else ""), str(t.relations.gold), str(t.relations.found),
         f"{t.pairs.precision:.3f}", f"{t.pairs.recall:.3f}", f"{t.relations.precision:.3f}",
         f"{t.relations.recall:.3f}", f"{t.agreement:.3f}", f"{t.links.recall:.3f}"]
        for t in [*texts, *relation_totals(texts).values()]
    ]  # fmt: skip
    return table(head, rows)


def _indicator_table(texts: list[IndicatorScore], table: Callable[[list[str], list[list[str]]], str]) -> str:
    head = ["indicators in windows", "gold", "found", "P", "R", *ATTRIBUTES]
    rows = [
        [t.name + (" (held out)" if t.held_out else ""), str(t.observations.gold), str(t.observations.found),
         f"{t.observations.precision:.3f}", f"{t.observations.recall:.3f}",
         *(f"{t.accuracy(a):.3f}" for a in ATTRIBUTES)]
        for t in [*texts, *indicator_totals(texts).values()]
    ]  # fmt: skip
    return table(head, rows)


def _calibration_table(texts: list[TextScore], table: Callable[[list[str], list[list[str]]], str]) -> str:
    judged = [j for t in texts for j in t.judged]
    rows = [[label, str(n), f"{mean:.3f}", f"{right:.3f}"] for label, n, mean, right in calibration(judged)]
    gap = f"mean confidence of right relations minus wrong ones: {confidence_gap(judged):.3f}"
    held_out = [j for t in texts if t.held_out for j in t.judged]
    if held_out:
        development = [j for t in texts if not t.held_out for j in t.judged]
        gap += f" (development {confidence_gap(development):.3f}, held out {confidence_gap(held_out):.3f})"
    return table(["confidence", "relations", "mean confidence", "share right"], rows) + "\n" + gap


def _markdown(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])


def _as_json(report: EvalReport) -> dict[str, Any]:
    return {
        "reports": report.reports,
        "scores": {
            k: {"gold": s.gold, "found": s.found, "precision": s.precision, "recall": s.recall, "f1": s.f1}
            for k, s in report.scores.items()
        },
        "other_provinces_and_pdfs": {
            "texts": report.extra_reports,
            "scores": {
                k: {"gold": s.gold, "found": s.found, "precision": s.precision, "recall": s.recall, "f1": s.f1}
                for k, s in report.extra_scores.items()
            },
        },
        "attributes": {
            k: report.attributes.correct[k] / report.attributes.checked[k] if report.attributes.checked[k] else None
            for k in ("type", "date", "issuer")
        },
        "relations": {
            t.name: {
                "held_out": t.held_out,
                "gold": t.relations.gold,
                "found": t.relations.found,
                "pairs": {"precision": t.pairs.precision, "recall": t.pairs.recall},
                "relations": {"precision": t.relations.precision, "recall": t.relations.recall},
                "predicate_agreement": t.agreement,
                "entity_link_recall": t.links.recall,
            }
            for t in [*report.relations, *relation_totals(report.relations).values()]
        },
        "calibration": {
            "bins": [
                {"bin": b, "relations": n, "mean_confidence": m, "share_right": r}
                for b, n, m, r in calibration(j for t in report.relations for j in t.judged)
            ],
            "gap": confidence_gap([j for t in report.relations for j in t.judged]),
            "gap_held_out": confidence_gap([j for t in report.relations if t.held_out for j in t.judged]),
        },
        "indicators": {
            t.name: {
                "held_out": t.held_out,
                "gold": t.observations.gold,
                "found": t.observations.found,
                "precision": t.observations.precision,
                "recall": t.observations.recall,
                "attributes": {a: t.accuracy(a) for a in ATTRIBUTES},
            }
            for t in [*report.indicators, *indicator_totals(report.indicators).values()]
        },
    }

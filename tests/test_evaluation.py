"""The measured quality on the hand-checked annotations, kept from sliding back.

The floors are below today's scores (README) and at or above the issue's bars, so a change that makes the
extractor worse fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.evaluation import EvalReport, evaluate, relation_totals
from policykg.evaluation.indicators import indicator_totals
from policykg.evaluation.relations import calibration, confidence_gap, score_text
from policykg.loaders.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return evaluate(ROOT / "tests" / "annotations", ROOT / "data" / "reports")


@pytest.mark.parametrize(
    ("kind", "measure", "floor"),
    [
        ("citations", "f1", 0.97),
        ("districts", "f1", 0.97),
        ("communes", "f1", 0.90),
        ("hydropower", "f1", 0.95),
        ("programmes", "recall", 0.72),
    ],
)
def test_scores_stay_above_their_floors(report: EvalReport, kind: str, measure: str, floor: float) -> None:
    assert getattr(report.scores[kind], measure) >= floor


def test_document_attributes_are_mostly_right(report: EvalReport) -> None:
    for name in ("type", "date", "issuer"):
        assert report.attributes.correct[name] / report.attributes.checked[name] >= 0.9, name


def test_all_five_reports_are_annotated(report: EvalReport) -> None:
    assert len(report.reports) == 5


# ------------------------------------------------------------------------------------ relations in windows


def test_relation_windows_are_many_and_reach_beyond_the_corpus(report: EvalReport) -> None:
    texts = report.relations
    assert sum(t.relations.gold for t in texts) >= 300
    stems = {p.stem for p in (ROOT / "data" / "reports").glob("*.txt")}
    bundled = [t for t in texts if t.name in stems]
    others = [t for t in texts if t not in bundled]
    assert len(bundled) == 5 and len(others) >= 5


@pytest.mark.parametrize(
    ("group", "measure", "floor"),
    [
        ("all (development)", "pairs.precision", 0.90),
        ("all (development)", "pairs.recall", 0.80),
        ("all (development)", "agreement", 0.95),
        ("all (development)", "links.recall", 0.85),
        ("all (held out)", "links.recall", 0.60),
    ],
)
def test_relation_scores_stay_above_their_floors(report: EvalReport, group: str, measure: str, floor: float) -> None:
    total = relation_totals(report.relations)[group]
    value = total
    for part in measure.split("."):
        value = getattr(value, part)
    assert value >= floor


def test_confidence_separates_right_from_wrong(report: EvalReport) -> None:
    judged = [j for t in report.relations for j in t.judged]
    development = [j for t in report.relations if not t.held_out for j in t.judged]
    assert confidence_gap(development) >= 0.20  # the target of issue 13, on the windows the rules were made on
    assert confidence_gap(judged) >= 0.10  # with the held-out texts, whose wrong relations are sure ones too
    for _bin, n, mean, right in calibration(judged):
        assert n < 5 or abs(mean - right) < 0.25  # each bin near the share of it that is right


def test_scoring_counts_a_wrong_and_a_missed_relation(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text(
        "Quy hoạch tổng thể di dân TĐC thủy điện Huội Quảng, Bản Chát đã được Chính phủ phê duyệt tại Quyết định "
        "số 2038/QĐ-TTg ngày 05/11/2013.\n",
        encoding="utf-8",
    )
    plan = {"kind": "plan", "name": "Quy hoạch tổng thể di dân, tái định cư dự án thủy điện Huội Quảng, Bản Chát"}
    gold = {
        "text": "t.txt",
        "windows": [[1, 1]],
        "relations": [
            {
                "subject": {"kind": "document", "name": "2038/QĐ-TTg"},
                "predicate": "approves",
                "object": plan,
                "line": 1,
            },
            {"subject": plan, "predicate": "concerns", "object": {"kind": "plant", "name": "Huội Quảng"}, "line": 1},
            # stated in no sentence: a miss on purpose
            {"subject": plan, "predicate": "applies_to", "object": {"kind": "place", "name": "Mường Tè"}, "line": 1},
        ],
    }
    score = score_text(gold, extract_file(text), "t")
    assert score.relations.gold == 3 and score.relations.matched_gold == 2
    assert score.links.gold == 4 and score.links.matched_gold == 3  # Mường Tè is named nowhere
    # found but not listed (`concerns Bản Chát`): exhaustive windows make it a false hit
    assert score.relations.found == 3 and score.relations.precision == pytest.approx(2 / 3)
    assert any("Bản Chát" in f for f in score.false_hits)


@pytest.mark.parametrize(
    ("group", "measure", "floor"),
    [
        ("all (development)", "precision", 0.95),
        ("all (development)", "recall", 0.92),
        ("all (held out)", "recall", 0.80),
    ],
)
def test_indicator_scores_stay_above_their_floors(report: EvalReport, group: str, measure: str, floor: float) -> None:
    total = indicator_totals(report.indicators)[group]
    assert getattr(total.observations, measure) >= floor


@pytest.mark.parametrize("attribute", ["unit", "kind", "status", "period", "place"])
def test_indicator_attributes_are_right_on_nine_in_ten(report: EvalReport, attribute: str) -> None:
    assert indicator_totals(report.indicators)["all (development)"].accuracy(attribute) >= 0.90  # issue 14's bar


def test_texts_of_other_provinces_and_pdfs_are_scored_apart(report: EvalReport) -> None:
    assert len(report.extra_reports) >= 12 and sum(r.startswith("hanoi-") for r in report.extra_reports) == 3
    # Floors a little under today's scores (citations 0.979, documents 0.990, provinces 1.000, districts 0.973,
    # communes 0.969) and at issue 15's bars: symbols read alike anywhere, and places through the whole country's
    # gazetteer.
    assert report.extra_scores["citations"].f1 >= 0.95
    assert report.extra_scores["documents"].f1 >= 0.97
    assert report.extra_scores["province"].f1 >= 0.95
    assert report.extra_scores["districts"].f1 >= 0.93
    assert report.extra_scores["communes"].f1 >= 0.93

"""Benchmark: how the plant recogniser does on plants the reference data does not know — those of any province
but Lai Châu and its neighbours (issue 15: "plants F1 ≥ 0.95" on texts of other provinces).

No annotated text of another province names a plant (`tests/annotations/extra/`), so the measure is taken on the
bundled reports' plant annotations with the reference plants withheld: every plant then has to be found by the
general rules alone (the words `thủy điện`, `nhà máy thủy điện`, `TĐC thủy điện`, lists after a size word, names
of capitalised words with a unit number), as a plant of Sơn La or Quảng Nam would be. Reservoirs named after a
plant (`lòng hồ Sơn La`) need the reference data and are lost by design. Both rows, side by side:

    .venv/bin/python bench/plants_unseen.py
"""

from __future__ import annotations

from pathlib import Path

from policykg.evaluation import evaluate
from policykg.loaders import hydropower
from policykg.loaders.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent


def _row(label: str) -> str:
    reports = ROOT / "data" / "reports"
    score = evaluate(ROOT / "tests" / "annotations", reports).scores["hydropower"]
    plants = [h for path in sorted(reports.glob("*.txt")) for h in extract_file(path).hydropower]
    mentions = sum(len(h.mentions) for h in plants)
    misses = "; ".join(score.misses) or "-"
    falses = "; ".join(score.false_hits) or "-"
    return (
        f"{label:28} gold {score.gold:3}  found {score.found:3}  P {score.precision:.3f}  R {score.recall:.3f}  "
        f"F1 {score.f1:.3f}\n    in the whole corpus: {len(plants)} plants (per report), {mentions} mentions\n"
        f"    missed: {misses}\n    false:  {falses}"
    )


def main() -> None:
    print(_row("reference plants known"))
    hydropower._known.cache_clear()
    hydropower._known = lambda: {}  # type: ignore[assignment]  # the reference plants withheld
    print(_row("reference plants withheld"))


if __name__ == "__main__":
    main()

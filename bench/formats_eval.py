"""Benchmark: the evaluation's scores when the annotated reports arrive as Word DOCX instead of text (issue 15:
"the same text as DOCX: scores within 0.02 of the .txt").

Each annotated report is written as a DOCX with one paragraph per line of the text (python-docx), so that a
paragraph is the line the annotations name, and saved under the report's own name: policykg recognises a file
by its content, so `<stem>.txt` holding a DOCX is read as a DOCX. The sidecars go beside them. `policykg eval`'s
entity scores are computed on both folders in one run and printed side by side.

    .venv/bin/python bench/formats_eval.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import docx

from policykg.evaluation import KINDS, evaluate

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
ANNOTATIONS = ROOT / "tests" / "annotations"


def as_docx(text: Path, out: Path) -> None:
    document = docx.Document()
    for line in text.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    document.save(str(out))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="policykg-docx-") as tmp:
        folder = Path(tmp)
        for text in REPORTS.glob("*.txt"):
            as_docx(text, folder / text.name)
            shutil.copy(text.with_suffix(".toml"), folder / f"{text.stem}.toml")
        runs = {}
        for name, reports in (("text", REPORTS), ("DOCX", folder)):
            start = time.perf_counter()
            runs[name] = evaluate(ANNOTATIONS, reports).scores
            print(f"{name}: evaluated in {time.perf_counter() - start:.1f} s")
    print(f"\n{'kind':<14}{'F1 text':>10}{'F1 DOCX':>10}{'difference':>12}")
    for kind in KINDS:
        a, b = runs["text"][kind].f1, runs["DOCX"][kind].f1
        print(f"{kind:<14}{a:>10.3f}{b:>10.3f}{b - a:>+12.3f}")


if __name__ == "__main__":
    main()

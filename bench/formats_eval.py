"""Benchmark: the evaluation's scores when the annotated texts arrive as Word DOCX or as PDF instead of text, and
what the scanned PDF's OCR reading finds (issue 15: "the same text as a PDF with a text layer, or as DOCX:
scores within 0.02 of the .txt"; "the scanned PDF: ≥ 90 % of its symbols and places found").

DOCX: each bundled report is written with one paragraph per line of the text (python-docx), so that a
paragraph is the line the annotations name, and saved under the report's own name: policykg recognises a file
by its content, so `<stem>.txt` holding a DOCX is read as a DOCX. `policykg eval`'s entity scores on both
folders, side by side.

PDF: each annotated text of another province (`tests/annotations/extra/*.md`: short lines) is printed to a PDF by
Chromium (`--headless --print-to-pdf`, A4, one line of the text a line of the page, page numbers in the footer).
A PDF does not keep the text's empty lines, so the lines of what policykg reads from it are aligned with the
text's (difflib, on the words) and each mention's line is mapped back before it is scored against the same
annotations.

.doc, ODT: the DOCX files saved as Word 97-2003 and as OpenDocument text by LibreOffice (`soffice --convert-to`,
where installed: it is only needed here), scored as the text.

TCVN3, VNI: each bundled report written in a legacy font encoding as a document typed in it holds it
(`tests/support/legacy.py`: TCVN3 has no capital with a tone mark, `.VnTimeH` headings use the small letters'
codes), under its own name; `policykg eval`'s entity scores against the text's.

Scanned: the share of the scanned PDF's annotated symbols and places (truth from its page images) that the
extraction finds, and the OCR time per page.

    .venv/bin/python bench/formats_eval.py          # needs chromium (Debian package) and tesseract-ocr-vie
"""

from __future__ import annotations

import dataclasses
import difflib
import html
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import docx
import pypdfium2 as pdfium

from policykg.evaluation import KINDS, Attributes, evaluate, load_annotations, score_part
from policykg.evaluation.scores import Score
from policykg.evaluation.windows import annotated_text
from policykg.loaders.pipeline import extract_file
from policykg.loaders.reading import read_report
from policykg.loaders.records import Extraction

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support.legacy import tcvn3, vni  # noqa: E402  (the encoders the tests use)

REPORTS = ROOT / "data" / "reports"
ANNOTATIONS = ROOT / "tests" / "annotations"
SCANNED = "hanoi-nq-12-2025-hdnd-scanned"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SOFFICE = shutil.which("soffice")
PAGE = """<!doctype html><meta charset="utf-8"><style>
@page { size: A4; margin: 18mm 15mm }
body { font: 9pt "DejaVu Sans", sans-serif; margin: 0 }
div { white-space: pre-wrap; min-height: 1.2em }
</style>"""


def as_docx(text: Path, out: Path) -> None:
    document = docx.Document()
    for line in text.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    document.save(str(out))


def as_pdf(text: Path, out: Path, work: Path) -> None:
    lines = text.read_text(encoding="utf-8").split("\n")
    page = work / f"{text.stem}.html"
    page.write_text(PAGE + "".join(f"<div>{html.escape(line)}</div>" for line in lines), encoding="utf-8")
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
         f"--print-to-pdf={out}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def line_map(text_lines: list[str], pdf_lines: list[str]) -> dict[int, int]:
    """PDF line number → text line number (1-based): the line with the same words, and for a line of the text
    that the page's width wrapped, each of its pieces the line it began."""
    words = [" ".join(line.split()) for line in text_lines]
    read = [" ".join(line.split()) for line in pdf_lines]
    same: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, read, words, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            same[block.a + k + 1] = block.b + k + 1
    out: dict[int, int] = {}
    last = 0
    for number, line in enumerate(read, start=1):
        if number in same:
            last = same[number]
        elif line and not (last and words[last - 1].find(line[:40]) > 0):  # else a later piece of line `last`
            # the first piece of a wrapped line: the next line of the text that begins with its words
            last = next((k for k in range(last + 1, len(words) + 1) if words[k - 1].startswith(line[:40])), last)
        out[number] = last
    return out


def remapped(ex: Extraction, lines: dict[int, int]) -> Extraction:
    def move(records: list[Any]) -> list[Any]:
        return [
            dataclasses.replace(r, mentions=[dataclasses.replace(m, line=lines.get(m.line, -1)) for m in r.mentions])
            for r in records
        ]

    return dataclasses.replace(
        ex, documents=move(ex.documents), places=move(ex.places), hydropower=move(ex.hydropower),
        programmes=move(ex.programmes),
    )  # fmt: skip


def table(title: str, a: str, b: str, runs: dict[str, dict[str, Score]]) -> None:
    print(f"\n{title}\n{'kind':<14}{'F1 ' + a:>10}{'F1 ' + b:>10}{'difference':>12}")
    for kind in KINDS:
        x, y = runs[a][kind].f1, runs[b][kind].f1
        print(f"{kind:<14}{x:>10.3f}{y:>10.3f}{y - x:>+12.3f}")


def docx_run(folder: Path) -> dict[str, dict[str, Score]]:
    for text in REPORTS.glob("*.txt"):
        as_docx(text, folder / text.name)
        shutil.copy(text.with_suffix(".toml"), folder / f"{text.stem}.toml")
    runs = {}
    for name, reports in (("text", REPORTS), ("DOCX", folder)):
        start = time.perf_counter()
        runs[name] = evaluate(ANNOTATIONS, reports).scores
        print(f"{name}: evaluated in {time.perf_counter() - start:.1f} s")
    return runs


def office_run(docx_folder: Path, folder: Path, form: str) -> dict[str, dict[str, Score]]:
    """The DOCX of `docx_run` saved by LibreOffice as `form` (`doc`: Word 97-2003, `odt`), under the reports'
    own names."""
    work = folder / "work"
    work.mkdir()
    for document in docx_folder.glob("*.txt"):
        shutil.copy(document, work / f"{document.stem}.docx")
        subprocess.run(
            [SOFFICE, "--headless", "--convert-to", form, "--outdir", str(work), str(work / f"{document.stem}.docx")],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        shutil.move(work / f"{document.stem}.{form}", folder / document.name)
        shutil.copy(document.with_suffix(".toml"), folder / f"{document.stem}.toml")
    return {"text": evaluate(ANNOTATIONS, REPORTS).scores, form: evaluate(ANNOTATIONS, folder).scores}


def legacy_run(folder: Path) -> dict[str, dict[str, Score]]:
    """The bundled reports as files typed in TCVN3 and in VNI (`tests/support/legacy.py`), scored as the text."""
    runs = {"text": evaluate(ANNOTATIONS, REPORTS).scores}
    for name, encode in (("TCVN3", tcvn3), ("VNI", vni)):
        (folder / name).mkdir()
        for text in REPORTS.glob("*.txt"):
            (folder / name / text.name).write_bytes(encode(text.read_text(encoding="utf-8")))
            shutil.copy(text.with_suffix(".toml"), folder / name / f"{text.stem}.toml")
        runs[name] = evaluate(ANNOTATIONS, folder / name).scores
    return runs


def pdf_run(work: Path) -> dict[str, dict[str, Score]]:
    runs: dict[str, dict[str, Score]] = {"text": {k: Score() for k in KINDS}, "PDF": {k: Score() for k in KINDS}}
    extra = ANNOTATIONS / "extra"
    for stem, parts in sorted(load_annotations(extra).items()):
        text = annotated_text(extra / f"{stem}.json", parts[0], ROOT)
        if text.suffix != ".md":
            continue
        pdf = work / f"{stem}.pdf"
        as_pdf(text, pdf, work)
        source = read_report(pdf)
        lines = line_map(text.read_text(encoding="utf-8").split("\n"), source.text.split("\n"))
        for name, ex in (("text", extract_file(text)), ("PDF", remapped(extract_file(pdf), lines))):
            for part in parts:
                for kind, score in score_part(part, ex, Attributes()).items():
                    runs[name][kind].add(score)
        print(f"{stem}: {len(source.pages)} pages, {len(lines)} of its lines found again")
    return runs


def scanned_run() -> None:
    extra = ANNOTATIONS / "extra"
    (gold,) = load_annotations(extra)[SCANNED]
    path = annotated_text(extra / f"{SCANNED}.json", gold, ROOT)
    start = time.perf_counter()
    source = read_report(path)
    seconds = time.perf_counter() - start
    scores = score_part(gold, extract_file(path), Attributes())
    pages = len(source.pages)
    print(f"\nscanned PDF {SCANNED}: {pages} pages read by OCR in {seconds:.1f} s ({seconds / pages:.2f} s a page)")
    _recalls(scores)
    # The same pages as a scanner's multi-page TIFF (rendered at the OCR's 300 dpi, grey): read as an image.
    images = [page.render(scale=300 / 72, grayscale=True).to_pil() for page in pdfium.PdfDocument(path)]
    with tempfile.TemporaryDirectory(prefix="policykg-tiff-") as tmp:
        tiff = Path(tmp) / f"{SCANNED}.tif"
        images[0].save(tiff, "TIFF", save_all=True, append_images=images[1:], compression="jpeg")
        size = tiff.stat().st_size / 1e6
        start = time.perf_counter()
        extraction = extract_file(tiff)
        seconds = time.perf_counter() - start
    print(f"the same pages as a TIFF ({size:.1f} MB, grey, JPEG-compressed): extracted in {seconds:.1f} s")
    _recalls(score_part(gold, extraction, Attributes()))


def _recalls(scores: dict[str, Score]) -> None:
    for kind in ("citations", "documents", "province", "districts", "communes"):
        s = scores[kind]
        if s.gold:
            print(f"  {kind:<10} found {s.matched_gold}/{s.gold} = {s.recall:.3f}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="policykg-formats-") as tmp:
        folder = Path(tmp)
        (folder / "docx").mkdir()
        table("bundled reports as DOCX", "text", "DOCX", docx_run(folder / "docx"))
        for form, title in (("doc", "Word 97-2003 .doc"), ("odt", "OpenDocument text")):
            if SOFFICE:
                (folder / form).mkdir()
                table(f"bundled reports as {title}", "text", form, office_run(folder / "docx", folder / form, form))
            else:
                print(f"\n{form}: skipped (LibreOffice's soffice makes the files; not installed)")
        legacy = legacy_run(folder)
        table("bundled reports typed in TCVN3", "text", "TCVN3", legacy)
        table("bundled reports typed in VNI", "text", "VNI", legacy)
        table("texts of other provinces as PDF (Chromium)", "text", "PDF", pdf_run(folder))
    scanned_run()


if __name__ == "__main__":
    main()

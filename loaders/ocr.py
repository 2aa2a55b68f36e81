"""Text of a scanned page: Tesseract with its Vietnamese model (`tesseract-ocr-vie`), each line with the mean
confidence of its words.

Tesseract runs as a program (no Python binding to build): the page image goes in as a PGM file, its TSV output
(one row per word, with block, paragraph and line numbers and a 0-100 confidence) comes back. One thread per
page (`OMP_THREAD_LIMIT=1`): pages are many, threads fight over two cores (time a page in `bench/pdf_readers.py`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from policykg.errors import InputError

DPI = 300  # Tesseract's models are trained on text of about this resolution
LANGUAGE = "vie"
TIMEOUT_S = 120  # one page; a page that takes longer is refused rather than hanging a build


@dataclass(frozen=True)
class OcrLine:
    text: str
    confidence: float  # 0-1, the mean of its words'


@cache
def tesseract_missing() -> str | None:
    """Why OCR cannot run here (no `tesseract`, or no Vietnamese model), or None; asked once per process, not once
    per page."""
    program = shutil.which("tesseract")
    if program is None:
        return "OCR needs Tesseract (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Tesseract does not run ({exc})"
    if LANGUAGE not in listed.stdout.split():
        return "OCR needs Tesseract's Vietnamese model (Debian: apt-get install tesseract-ocr-vie)"
    return None


def ocr_page(gray: bytes, width: int, height: int, name: str) -> list[OcrLine]:
    """The lines of one page image (8-bit grey, `width` × `height`, rows without padding), in reading order."""
    missing = tesseract_missing()
    if missing:
        raise InputError(name, f"a scanned page; {missing}")
    with tempfile.TemporaryDirectory(prefix="policykg-ocr-") as tmp:
        image = Path(tmp) / "page.pgm"
        image.write_bytes(f"P5 {width} {height} 255\n".encode("ascii") + gray)
        try:
            done = subprocess.run(
                ["tesseract", str(image), "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "tsv"],
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
        except subprocess.TimeoutExpired:
            raise InputError(name, f"OCR of a page took over {TIMEOUT_S} s") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no reason given"]
        raise InputError(name, f"OCR failed: {reason[0][:200]}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[OcrLine]:
    """Tesseract's TSV: its words (level 5) grouped by block, paragraph and line, in the order given."""
    lines: dict[tuple[str, str, str], tuple[list[str], list[float]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        words, confidences = lines.setdefault((cells[2], cells[3], cells[4]), ([], []))
        words.append(cells[11].strip())
        confidences.append(max(0.0, float(cells[10])) / 100)
    return [
        OcrLine(" ".join(words), round(sum(confidences) / len(confidences), 3)) for words, confidences in lines.values()
    ]

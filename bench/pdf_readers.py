"""Benchmark: reading the PDFs of `corpus-extra/pdf` — the three PDF libraries considered, side by side in one
run (time per page, words, symbols the citation recogniser finds in their text), and OCR of the scanned one
(time per page, symbols found), and the 20-page bar of issue 15 (a text PDF extracted end to end).

    uv run --group bench python bench/pdf_readers.py [--pdfs DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2 as pdfium

from policykg.loaders.citations import find_symbol_citations
from policykg.loaders.pipeline import extract_file
from policykg.loaders.reading import read_report

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[^\W\d_]+")


def with_pypdf(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


def with_pdfplumber(path: Path) -> list[str]:
    with pdfplumber.open(str(path)) as document:
        return [page.extract_text() or "" for page in document.pages]


def with_pypdfium2(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    texts = []
    for page in document:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range().replace("\ufffe", "-"))  # as loaders/pdf.py reads it
        textpage.close()
    document.close()
    return texts


READERS: dict[str, Callable[[Path], list[str]]] = {
    "pypdf": with_pypdf,
    "pdfplumber": with_pdfplumber,
    "pypdfium2 (chosen)": with_pypdfium2,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdfs", type=Path, default=ROOT.parent / "shared" / "corpus-extra" / "pdf")
    pdfs = sorted(parser.parse_args().pdfs.glob("*.pdf"))
    text_pdfs = [p for p in pdfs if "scanned" not in p.name]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{len(text_pdfs)} PDFs with a text layer\n")
    print(f"{'library':<20}{'pages':>7}{'ms/page':>10}{'words':>9}{'symbols':>9}")
    for name, read in READERS.items():
        start = time.perf_counter()
        pages = [text for path in text_pdfs for text in read(path)]
        elapsed = time.perf_counter() - start
        words = sum(len(_WORD.findall(text)) for text in pages)
        symbols = sum(len(find_symbol_citations(" ".join(text.split()))) for text in pages)
        print(f"{name:<20}{len(pages):>7}{elapsed / len(pages) * 1000:>10.1f}{words:>9}{symbols:>9}")

    longest = max(text_pdfs, key=lambda p: len(pdfium.PdfDocument(str(p))))
    start = time.perf_counter()
    extraction = extract_file(longest)
    print(
        f"\n`extract` of {longest.name} ({len(extraction.source.pages)} pages), end to end in process: "
        f"{time.perf_counter() - start:.2f} s, {len(extraction.documents)} documents"
    )
    for scanned in (p for p in pdfs if "scanned" in p.name):
        start = time.perf_counter()
        source = read_report(scanned)
        elapsed = time.perf_counter() - start
        symbols = len(find_symbol_citations(" ".join(source.text.split())))
        confidence = sum(source.ocr.values()) / max(len(source.ocr), 1)
        print(
            f"OCR of {scanned.name}: {len(source.pages)} pages, {elapsed / len(source.pages):.2f} s a page, "
            f"{symbols} symbols, mean line confidence {confidence:.2f}"
        )


if __name__ == "__main__":
    main()

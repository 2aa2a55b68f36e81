"""Text of a PDF, page by page: its text layer read by PDFium (pypdfium2), or, for a page without one (a scan),
what Tesseract reads from the page's image (`loaders/ocr.py`).

PDFium was chosen by measurement on the PDFs of `corpus-extra/pdf` (`bench/pdf_readers.py`): 3.7 ms a page
against 69.5 ms for pypdf and 163.6 ms for pdfplumber, with the same words and symbols. What a page repeats is
not the report's text: its number (`2`, `- 2 -`, `Trang 2`) and a running header or footer (the same line at
the top or bottom of most pages) are dropped. A number written by hand into a printed form cannot be read back
from the text layer (`Số: 0     7/2024/QĐ-UBND`, where the pen wrote 70): such a split number is flagged in
`notes`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from policykg.errors import InputError
from policykg.loaders.ocr import DPI, LANGUAGE, ocr_page

MAX_PIXELS = (297 / 25.4 * DPI) * (420 / 25.4 * DPI)  # an A3 page at the DPI
# A page with fewer letters than this in its text layer is a scan (or a picture) to be read by OCR.
_MIN_LETTERS = 40
_PAGE_NUMBER = re.compile(r"\s*(?:[-–]\s*)?(?:[Tt]rang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–])?\s*")
# `Số: 0     7/2024/QĐ-UBND`: the number of a document split by a gap, where a hand filled in a printed form.
_SPLIT_NUMBER = re.compile(r"\b[Ss]ố\s*:?\s*(\d+(?:\s+\d+)+)\s*/")
# OCR splits a number of a symbol (`151/201 7/NĐ-CP`, `1 14/2024`) and reads its slash as a fraction slash.
_OCR_DIGIT_GAP = re.compile(r"(?<=\d) (?=\d+\s?[/⁄])")
# … and the term number of a National Assembly body in letters that look like digits (`UBTVQHIS` for UBTVQH15).
_OCR_TERM = re.compile(r"(?<=QH)[0-9IlSO]{2}\b")
_LOOK_ALIKE = str.maketrans("IlSO", "1150")


@dataclass
class Page:
    lines: list[str]
    confidence: list[float] | None = None  # per line, when the page was read by OCR


@dataclass
class PdfText:
    pages: list[Page]
    notes: list[str] = field(default_factory=list)  # what the reader could not be sure of, page by page


def read_pdf(data: bytes, name: str) -> PdfText:
    """The pages of a PDF as lines, without page numbers and running headers; a page without a text layer read by
    OCR. Raises InputError naming the file for a PDF that cannot be read."""
    try:
        document = pdfium.PdfDocument(data)  # type: ignore[no-untyped-call]
    except pdfium.PdfiumError as exc:
        raise InputError(name, f"a PDF document that cannot be read ({exc})") from None
    try:
        pages, notes = _pages(document, name)
    except pdfium.PdfiumError as exc:  # a page PDFium cannot load or read
        raise InputError(name, f"a PDF document with a page that cannot be read ({exc})") from None
    finally:
        document.close()  # type: ignore[no-untyped-call]
    drop_repeated(pages)
    for number, page in enumerate(pages, 1):
        for line_number, line in enumerate(page.lines, 1):
            if m := _SPLIT_NUMBER.search(line):
                notes.append(
                    f"page {number} line {line_number}: the document's number is split ('{m.group(1)}'): "
                    "written by hand over the print? check the symbol"
                )
    if not any(page.lines for page in pages):
        raise InputError(name, "a PDF document with no text on any page")
    return PdfText(pages, notes)


def _pages(document: pdfium.PdfDocument, name: str) -> tuple[list[Page], list[str]]:
    """Each page's lines from its text layer; then, for the pages without one, what OCR reads (no more of them
    than the setting allows: a scan of hundreds of pages is refused before any is read)."""
    pages: list[Page] = []
    scanned: list[int] = []
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        # PDFium joins a line that ends in a hyphen to the next and marks the hyphen U+FFFE: in these texts that
        # is the hyphen of a symbol (`29/2024/TT-` + `BTC`), never a word's.
        text = textpage.get_text_range().replace("\ufffe", "-")
        textpage.close()
        page.close()
        if sum(c.isalpha() for c in text) < _MIN_LETTERS:
            scanned.append(index)
        pages.append(Page([line.strip() for line in text.splitlines()]))
    if not scanned:
        return pages, []
    from policykg.settings import Settings

    limit = Settings.from_env().max_ocr_pages
    if len(scanned) > limit:
        raise InputError(name, f"{len(scanned)} pages without a text layer, over the limit of {limit} pages read by "
                               "OCR (POLICYKG_MAX_OCR_PAGES)")  # fmt: skip
    for index in scanned:
        page = document[index]
        try:
            pages[index] = _ocr(page, name)
        finally:
            page.close()
    return pages, [f"pages {spans([i + 1 for i in scanned])} have no text layer: read by OCR (Tesseract, {LANGUAGE})"]


def _ocr(page: pdfium.PdfPage, name: str) -> Page:
    width, height = page.get_size()  # type: ignore[no-untyped-call]  # points, 1/72 inch
    # At most an A3 page's pixels at the DPI: a page declared metres wide would otherwise take gigabytes.
    scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
    bitmap = page.render(scale=scale, grayscale=True)  # type: ignore[no-untyped-call]
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    gray = buffer if stride == width else b"".join(buffer[r * stride : r * stride + width] for r in range(height))
    lines = ocr_page(gray, width, height, name)
    texts = [ocr_repaired(line.text) for line in lines]
    return Page(texts, [line.confidence for line in lines])


def ocr_repaired(text: str) -> str:
    """A line read by OCR with the slips it makes in symbols mended (`151/201 7/NĐ-CP`, `UBTVQHIS`)."""
    text = _OCR_DIGIT_GAP.sub("", text).replace("⁄", "/")
    return _OCR_TERM.sub(lambda m: m.group(0).translate(_LOOK_ALIKE), text)


def drop_repeated(pages: list[Page]) -> None:
    """Page numbers at the top or bottom of a page, and the first or last line of a page when most pages begin
    or end with it (a running header or footer: the same words, whatever its numbers)."""
    _drop_page_numbers(pages)
    if len(pages) < 3:
        return
    least = max(3, len(pages) // 2)
    for end in (0, -1):
        edges = Counter(_shape(page.lines[end]) for page in pages if page.lines)
        for page in pages:
            if page.lines and edges[_shape(page.lines[end])] >= least and len(page.lines[end].strip()) > 3:
                _drop(page, end)
    _drop_page_numbers(pages)  # a number under a running header


def _drop_page_numbers(pages: list[Page]) -> None:
    for page in pages:
        for end in (0, -1):
            while page.lines and not page.lines[end].strip():
                _drop(page, end)
            if page.lines and _PAGE_NUMBER.fullmatch(page.lines[end]):
                _drop(page, end)


def _drop(page: Page, index: int) -> None:
    del page.lines[index]
    if page.confidence is not None:
        del page.confidence[index]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def spans(numbers: list[int]) -> str:
    """`[1, 2, 3, 5]` → `1-3, 5`."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}-{prev}" if prev > start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(out)

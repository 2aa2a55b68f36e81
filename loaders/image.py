"""Text of a scanned page sent as an image — PNG, JPEG, TIFF (every page of a multi-page one) or GIF — read by
OCR as a PDF's scanned page is (`loaders/ocr.py`), each image or TIFF page a page, its page number and running
header dropped as a PDF's are.

Pillow decodes it. Its size is read from the header first: an image whose pixels would not fit in memory (a
small file may declare 100,000 × 100,000) is refused before it is decoded, and one larger than an A3 page at
the OCR's resolution is scaled down to that, as a PDF page is rendered.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.loaders.ocr import LANGUAGE, ocr_page
from policykg.loaders.pdf import MAX_PIXELS, Page, PdfText, drop_repeated, ocr_repaired, spans
from policykg.loaders.reading import unreadable

if TYPE_CHECKING:
    from PIL import Image

_MAX_DECODED = 200_000_000  # pixels an image may declare (a 1-bit A0 scan at 600 dpi is 140 million)


def read_image(data: bytes, kind: str, name: str) -> PdfText:
    """The lines of each page of an image file, read by OCR; `kind` names the format in errors (`a PNG image`)."""
    from PIL import Image, ImageSequence  # Pillow, imported for an image only

    from policykg.settings import Settings

    limit = Settings.from_env().max_ocr_pages
    Image.MAX_IMAGE_PIXELS = None  # its size is checked here, page by page, before it is decoded (`_page`)
    pages: list[Page] = []
    try:
        with Image.open(io.BytesIO(data)) as image:
            count = int(getattr(image, "n_frames", 1))
            if count > limit:
                raise InputError(name, f"{kind} of {count} pages, over the limit of {limit} pages read by OCR "
                                       "(POLICYKG_MAX_OCR_PAGES)")  # fmt: skip
            for frame in ImageSequence.Iterator(image):
                pages.append(_page(frame, kind, name))
    except InputError:
        raise
    except Exception as exc:  # Pillow's decoders fail in many ways on a damaged file (OSError, SyntaxError …)
        raise unreadable(name, kind, exc) from None
    drop_repeated(pages)  # page numbers and running headers, as a PDF's
    if not any(page.lines for page in pages):
        raise InputError(name, f"{kind} in which OCR reads no text")
    which = "page 1" if len(pages) == 1 else f"pages {spans(list(range(1, len(pages) + 1)))}"
    return PdfText(pages, [f"{which} of an image, read by OCR (Tesseract, {LANGUAGE})"])


def _page(frame: Image.Image, kind: str, name: str) -> Page:
    width, height = frame.size
    if width * height > _MAX_DECODED:
        raise InputError(name, f"{kind} of {width:,} × {height:,} pixels, over {_MAX_DECODED:,}")
    grey = frame.convert("L")
    scale = min(1.0, (MAX_PIXELS / max(width * height, 1)) ** 0.5)
    if scale < 1.0:
        grey = grey.resize((max(1, int(width * scale)), max(1, int(height * scale))))
    lines = ocr_page(grey.tobytes(), grey.width, grey.height, name)
    return Page([ocr_repaired(line.text) for line in lines], [line.confidence for line in lines])

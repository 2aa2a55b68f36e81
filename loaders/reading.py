"""Reading a report file: bytes to text, whatever the format it arrives in, refusing what cannot be read.

A file is recognised by its content, never its name (a `.txt` that starts `%PDF-` is a PDF): a PDF (its text
layer, or OCR for a scanned page: `loaders/pdf.py`), a scanned page sent as an image (OCR: `loaders/image.py`),
a Word DOCX (`loaders/word.py`) or `.doc`
(`loaders/worddoc.py`), an OpenDocument text (`loaders/opendocument.py`), an HTML page
(`loaders/webpage.py`), or text — UTF-8 (with or without BOM), UTF-16 (Word's "Unicode text") or the legacy
Windows-1258, TCVN3 or VNI code page, where markup a converter left (`<jsontable …>`, `**`) is blanked. Whatever
the format, lines typed in TCVN3 or VNI (`NghÞ quyÕt`, `Nghò quyeát`) are converted to Unicode (`loaders/legacy.py`).
Anything else is refused with one line naming what it is and what is read.

The text of a PDF, image or Word file has one line per line of the page or per paragraph and table row (Word):
a mention's `line` is a line of that text, and `pages` turns it into a page and a line on that page.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import InputError
from policykg.loaders.legacy import ENCODINGS, LEAST_WORDS, SAMPLE, repaired, vietnamese_words, windows_text
from policykg.loaders.pdf import PdfText, read_pdf

# Bytes that never occur in a text file (NUL and most C0 controls); tab, LF, CR, VT and FF are allowed.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")

SUPPORTED = (
    "policykg reads PDF (with a text layer, or scanned), scanned pages as images (PNG, JPEG, TIFF, GIF), "
    "Word (DOCX and .doc), OpenDocument text, HTML and text "
    "(UTF-8, UTF-16, Windows-1258, TCVN3, VNI)"
)
PDF, DOCX = "a PDF document", "a Word (DOCX) document"
DOC, ODT = "an old Word (.doc) document", "an OpenDocument (ODT) text"
# A DOCX or ODT is a ZIP archive: what its parts hold unpacked is refused past this (a small file may unpack to
# gigabytes), before anything reads them into memory.
MAX_UNPACKED_BYTES = 256 << 20
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: Word .doc, or Excel .xls, Outlook .msg …
# Markup a converter left in a text (`<jsontable name="bang_0"> </jsontable>`, `**bold**`), blanked with spaces
# of its length so that every line and column stays where it is in the file.
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>|\*\*")


def unreadable(name: str, kind: str, error: BaseException) -> InputError:
    """A document its library failed to read, wherever inside it (a damaged file breaks them in many ways):
    refused in one line, `kind` (`a PDF document`) and the start of the library's own message."""
    reason = " ".join(str(error).split())[:200] or type(error).__name__
    return InputError(name, f"{kind} that cannot be read ({reason})")


# The first bytes of the formats a report may arrive in instead of text, and what to call them.
_MAGIC = (
    (b"%PDF-", PDF),
    (_OLE, "an old Microsoft Office document (Excel .xls, PowerPoint .ppt …)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
# A scanned page sent as an image, read by OCR: the format each is.
IMAGES = {"a PNG image": "png", "a JPEG image": "jpeg", "a GIF image": "gif", "a TIFF image": "tiff"}
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a ZIP archive (an empty one starts with its end record)
# A member that tells which office format a ZIP archive is; ODF names its type in a `mimetype` member.
_ZIP_MEMBERS = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", "an Excel (XLSX) workbook"),
    ("ppt/presentation.xml", "a PowerPoint (PPTX) presentation"),
)
_ODF = {
    "application/vnd.oasis.opendocument.text": ODT,
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument (ODS) spreadsheet",
}


@dataclass(frozen=True)
class SourceText:
    """A decoded report: its text (line breaks normalised to LF, not yet NFC) and where it came from."""

    path: str
    text: str
    sha256: str
    encoding: str
    format: str = "text"  # one of `records.MEDIA_TYPES`
    pages: tuple[int, ...] = ()  # a PDF's (or an image's) pages: the line of the text each begins on
    ocr: Mapping[int, float] = field(default_factory=dict)  # lines read by OCR: their confidence (0-1)
    notes: tuple[str, ...] = ()  # what the reader was not sure of (a scanned page, a number written by hand)


def read_report(path: str | Path) -> SourceText:
    """Read and decode one report file, or raise InputError naming the file and the reason."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, not a report file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from exc
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> SourceText:
    """A report's bytes as text, by what they are (`name` only names the file in errors)."""
    sha256 = hashlib.sha256(data).hexdigest()
    kind = document_format(data)
    if kind == PDF:
        return _paged(read_pdf(data, name), name, sha256, "pdf")
    if kind in IMAGES:
        from policykg.loaders.image import read_image  # Pillow, imported for an image only

        return _paged(read_image(data, kind, name), name, sha256, IMAGES[kind])
    if kind == ODT:
        from policykg.loaders.opendocument import read_odt  # the standard library's XML parser, for an ODT only

        text, notes = _unicode("\n".join(read_odt(data, name)) + "\n")
        return SourceText(name, text, sha256, "odt", "odt", notes=notes)
    if kind == DOC:
        from policykg.loaders.worddoc import read_doc  # olefile, imported for a .doc only (30 ms)

        text, notes = _unicode("\n".join(read_doc(data, name)) + "\n")
        # An optional hyphen left after the legacy fonts' `ư` are read is one Word hides: not a letter of the word.
        return SourceText(name, text.replace("\xad", ""), sha256, "doc", "doc", notes=notes)
    if kind == DOCX:
        from policykg.loaders.word import read_docx  # python-docx, imported for a Word file only (0.1 s)

        text, notes = _unicode("\n".join(read_docx(data, name)) + "\n")
        return SourceText(name, text, sha256, "docx", "docx", notes=notes)
    if kind:
        raise InputError(name, f"{kind}; {SUPPORTED}")
    text, encoding = decode(data, name)
    if looks_like_html(text):
        from policykg.loaders.webpage import read_html  # BeautifulSoup, imported for a web page only (0.15 s)

        text, notes = _unicode("\n".join(read_html(text, name)) + "\n")
        return SourceText(name, text, sha256, encoding, "html", notes=notes)
    text, notes = _unicode(_blank_markup(text) if "<" in text or "**" in text else text)
    return SourceText(name, text, sha256, encoding, notes=notes)


def _paged(read: PdfText, name: str, sha256: str, form: str) -> SourceText:
    """Pages (a PDF's, an image's) as one text: where each page begins, and the confidence of each line OCR read."""
    lines: list[str] = []
    pages: list[int] = []
    ocr: dict[int, float] = {}
    for page in read.pages:
        pages.append(len(lines) + 1)
        if page.confidence is not None:
            ocr.update((len(lines) + 1 + i, c) for i, c in enumerate(page.confidence))
        lines += page.lines
    text, notes = _unicode("\n".join(lines) + "\n", read.notes)
    return SourceText(name, text, sha256, form, form, tuple(pages), ocr, notes)


def _unicode(text: str, notes: Sequence[str] = ()) -> tuple[str, tuple[str, ...]]:
    """The text with lines typed in a legacy font encoding (`NghÞ quyÕt`, `Nghò quyeát`) converted, and a note if
    any was."""
    text, converted, encoding = repaired(text)
    if converted:
        notes = [*notes, f"{converted} lines in the {encoding} font encoding, converted to Unicode"]
    return text, tuple(notes)


_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str) -> bool:
    """A text that is an HTML page (it starts with its doctype or `<html>`)."""
    return bool(_HTML_START.match(text[:4096]))


def _blank_markup(text: str) -> str:
    """Markup blanked with spaces where it stands; a line of markup only becomes empty (a line of many spaces
    reads as the rule above a page's footnotes)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "<" in line or "**" in line:
            blanked = _MARKUP.sub(lambda m: " " * len(m.group(0)), line)
            lines[i] = blanked if blanked.strip() else ""
    return "\n".join(lines)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text; return the text with LF line breaks and the encoding used."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    elif _looks_utf16_without_bom(data):
        enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        text, encoding = _strict(data, enc, name), enc
    else:
        if _CONTROL.search(data, 0, 65536):
            raise InputError(name, f"binary file, not text; {SUPPORTED}")
        try:
            text, encoding = _strict(data, "utf-8", name), "utf-8"
        except InputError as exc:
            if not data[: _first_error(data)].isascii():
                # Valid UTF-8 with letters up to a broken byte: a damaged UTF-8 file, not Windows-1258 (whose
                # letters are not valid UTF-8 sequences). Say where it breaks, not where cp1258 would.
                raise exc from None
            text, encoding = _legacy(data, name)
    if "\x00" in text:
        raise InputError(name, f"binary file, not text; {SUPPORTED}")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def document_format(data: bytes) -> str | None:
    """What a file is by its first bytes when it is a document, image or archive format (`a PDF document`), or
    None for anything else (text, or bytes to be judged by decoding)."""
    head = data[:16]
    if head.lstrip(b" \t\r\n").startswith(b"%PDF-"):
        return PDF
    if head.startswith(_OLE) and _is_word(data):
        return DOC
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_ZIP):
        return _zip_format(data)
    return None


def _is_word(data: bytes) -> bool:
    """An OLE compound file holding a Word document's text (a `.doc`), not another Office format's."""
    import olefile  # 30 ms: imported for an OLE file only

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:  # type: ignore[no-untyped-call]  # olefile has no hints
            return bool(ole.exists("WordDocument"))
    except (OSError, ValueError):
        return True  # a broken one: read as a .doc, whose reader says what is wrong with it


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        # A cut archive has no directory at its end; its members' names are still in their local headers, and an
        # OpenDocument's `mimetype`, stored first and uncompressed, right after its name.
        names = {member for member, _kind in _ZIP_MEMBERS if member.encode("ascii") in data}
        mimetype = next((m for m in _ODF if b"mimetype" + m.encode("ascii") in data[:200]), "")
    for member, kind in _ZIP_MEMBERS:
        if member in names:
            return kind
    if mimetype:
        return _ODF.get(mimetype, "a ZIP-based office document")
    return "a ZIP archive or ZIP-based office document"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason in ("unexpected end of data", "truncated data"):
            # Cut inside its last character (an interrupted copy): the text up to there.
            return data[: exc.start].decode(encoding)
        raise InputError(name, f"not valid {encoding} at byte {exc.start}") from exc


def _first_error(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return len(data)


def _looks_utf16_without_bom(data: bytes) -> bool:
    # ASCII-heavy UTF-16 has a NUL in every other byte; a binary file has NULs scattered anywhere.
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.3 * half and min(even, odd) == 0


def _legacy(data: bytes, name: str) -> tuple[str, str]:
    """A legacy 8-bit Vietnamese code page: TCVN3 or VNI (`legacy.ENCODINGS`) where one reads as Vietnamese, and
    more so than Windows-1258, else Windows-1258 where the result reads as text."""
    error: int | None = None
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:  # bytes Windows-1258 leaves undefined (TCVN3 has capitals there)
        text, error = "", exc.start
    latin1 = windows_text(data)
    as_cp1258 = vietnamese_words(text)
    # Each judged on the first pages (what `vietnamese_words` reads); the whole converted by the one that wins.
    found, encoding = max(((vietnamese_words(e.convert(latin1[:SAMPLE])), e) for e in ENCODINGS), key=lambda r: r[0])
    if found >= LEAST_WORDS and found > as_cp1258:
        return encoding.convert(latin1), encoding.name.lower()
    if error is not None:
        raise InputError(name, f"not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI text (byte {error})")
    # cp1258 maps almost every byte; random binary data decodes to a soup of symbols and C1 controls.
    letters = sum(c.isalpha() or c.isspace() for c in text[:65536])
    if letters < 0.75 * min(len(text), 65536):
        raise InputError(name, "not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI text")
    return text, "cp1258"

"""Text of a Word (DOCX) document: its paragraphs and tables in the order of the body, one line each — a
paragraph is a line, a table row is a line of its cells joined by ` | ` — so that a mention's line is the
paragraph (or row) it stands in. Read with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from policykg.errors import InputError
from policykg.loaders.reading import MAX_UNPACKED_BYTES


def read_docx(data: bytes, name: str) -> list[str]:
    """The document's paragraphs and table rows, in order, one line each (line breaks inside a paragraph and
    a cell become spaces)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ) as exc:  # `zip file version 11.3`
        raise InputError(name, f"a Word (DOCX) document that cannot be read ({exc})") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            name, f"a Word (DOCX) document that unpacks to {unpacked:,} bytes, over {MAX_UNPACKED_BYTES:,}"
        )
    try:
        document = docx.Document(io.BytesIO(data))
        lines = _body_lines(document)
    except Exception as exc:  # python-docx has no error type of its own: a broken part fails anywhere inside it
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputError(name, f"a Word (DOCX) document that cannot be read ({reason})") from None
    if not any(lines):
        raise InputError(name, "a Word (DOCX) document with no text")
    return lines


def _body_lines(document: Document) -> list[str]:
    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(_one_line(Paragraph(child, document).text))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:  # a merged cell is listed once for each column it spans: keep it once
                    text = _one_line(cell.text)
                    if not cells or text != cells[-1]:
                        cells.append(text)
                out.append(" | ".join(cells))
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())

"""Text of a Word (DOCX) document: its paragraphs and tables in the order of the body, one line each — a
paragraph is a line, a table row is a line of its cells joined by ` | ` — so that a mention's line is the
paragraph (or row) it stands in; then its footnotes and endnotes, each a line opened by its number in
superscript digits, the marker left in the text where the note is referred to (`nghiệp¹`), as the reports print
them. Read with python-docx (the notes' parts, which it does not read, from the archive with its XML parser).
Deleted text a change tracking keeps, and fields' codes, are left out: only the text runs show is read."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_Merge
from docx.oxml.xmlchemy import BaseOxmlElement

from policykg.errors import InputError
from policykg.loaders.footnotes import marker
from policykg.loaders.reading import DOCX, MAX_UNPACKED_BYTES, unreadable
from policykg.loaders.tables import COLUMNS, table_row


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
        raise unreadable(name, DOCX, exc) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            name, f"a Word (DOCX) document that unpacks to {unpacked:,} bytes, over {MAX_UNPACKED_BYTES:,}"
        )
    try:
        document = docx.Document(io.BytesIO(data))
        numbers: dict[tuple[str, str], int] = {}
        lines = _body_lines(document, numbers)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            lines += _notes(archive, numbers)
    except Exception as exc:  # python-docx has no error type of its own: a broken part fails anywhere inside it
        raise unreadable(name, DOCX, exc) from None
    if not any(lines):
        raise InputError(name, "a Word (DOCX) document with no text")
    return lines


_BLOCKS = (qn("w:p"), qn("w:tbl"))


def _blocks(container: BaseOxmlElement, tags: tuple[str, ...] = _BLOCKS) -> Iterator[BaseOxmlElement]:
    """The children of `container` of these `tags` (the body's paragraphs and tables, a table's rows, a row's
    cells) in order, those inside a content control or custom XML (a template's fields: `<w:sdt>`,
    `<w:customXml>`) included."""
    for child in container.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _blocks(child, tags)


def _body_lines(document: Document, numbers: dict[tuple[str, str], int]) -> list[str]:
    out: list[str] = []
    for child in _blocks(document.element.body):
        if child.tag == qn("w:p"):
            out.append(_one_line(_text(child, numbers)))
        elif child.tag == qn("w:tbl"):
            for row in _blocks(child, (qn("w:tr"),)):
                # A cell spanning columns is one `w:tc` (listed once); one spanning rows is a `w:tc` in each, the
                # rows after its first marked `continue`: empty there, as the page shows it and as a .doc has it.
                # A row may start further right than the others (`w:gridBefore`): its skipped columns are empty cells.
                skipped = [""] * min(row.grid_before, COLUMNS)
                cells = skipped + [_cell_text(cell, numbers) for cell in _blocks(row, (qn("w:tc"),))]
                out.append(table_row(cells))
    return out


def _cell_text(cell: BaseOxmlElement, numbers: dict[tuple[str, str], int]) -> str:
    """A cell's paragraphs (those of a table inside it too), or nothing in a row a cell above spans into."""
    if cell.vMerge == ST_Merge.CONTINUE:
        return ""
    return " ".join(_text(p, numbers) for p in cell.iter(qn("w:p")))


_NOTE_KINDS = {qn("w:footnoteReference"): "footnote", qn("w:endnoteReference"): "endnote"}
_SHOWN = (qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen"), *_NOTE_KINDS)


def _text(paragraph: BaseOxmlElement, numbers: dict[tuple[str, str], int]) -> str:
    """What a paragraph shows: its runs' text, a tab or break as a space, a note's reference as its marker (notes
    numbered in the order they are referred to, footnotes and endnotes in one sequence)."""
    parts: list[str] = []
    for element in paragraph.iter(*_SHOWN):
        if element.tag == qn("w:t"):
            parts.append(element.text or "")
        elif element.tag in _NOTE_KINDS:
            key = (_NOTE_KINDS[element.tag], element.get(qn("w:id"), ""))
            parts.append(marker(str(numbers.setdefault(key, len(numbers) + 1))))
        else:
            parts.append("-" if element.tag == qn("w:noBreakHyphen") else " ")
    return "".join(parts)


def _notes(archive: zipfile.ZipFile, numbers: dict[tuple[str, str], int]) -> list[str]:
    """The notes referred to, in their numbers' order, each a line opened by its marker."""
    found: dict[int, str] = {}
    for kind in ("footnote", "endnote"):
        member = f"word/{kind}s.xml"
        if member not in archive.namelist():
            continue
        for note in parse_xml(archive.read(member)).iterchildren(qn(f"w:{kind}")):
            number = numbers.get((kind, note.get(qn("w:id"), "")))
            if number is not None:  # a separator, or a note nothing refers to
                body = " ".join(_text(p, {}) for p in note.iter(qn("w:p")))
                found[number] = _one_line(f"{marker(str(number))} {body}")
    return [found[n] for n in sorted(found)]


def _one_line(text: str) -> str:
    return " ".join(text.split())

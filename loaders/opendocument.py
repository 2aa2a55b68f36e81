"""Text of an OpenDocument text (`.odt`, the format Vietnam's open-standards rules name for documents): its
paragraphs, headings, list items and table rows in the order of the body, one line each, as `loaders/word.py`
gives a DOCX's — a table row's cells joined by ` | ` — then its footnotes and endnotes, each a line opened by
its number in superscript digits, the marker left in the text (`nghiệp¹`) as the reports print it. Deleted
text a change tracking keeps, and comments, are left out.

An ODT is a ZIP archive whose `content.xml` holds the body; read with the standard library (the parser expands
no external entities, and refuses an entity expanding without end).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from policykg.errors import InputError
from policykg.loaders.footnotes import marker
from policykg.loaders.reading import MAX_UNPACKED_BYTES, ODT, unreadable
from policykg.loaders.tables import COLUMNS, RowSpans, table_row

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_LINES = {f"{_TEXT}p", f"{_TEXT}h"}  # a line each
_LEFT_OUT = {f"{_TEXT}tracked-changes", f"{_OFFICE}annotation", f"{_TEXT}sequence-decls"}
_MAX_SPACES = 200
_REPEATED = 16  # columns an empty cell may stand for: more only pads a row's end, which is left out
_ROWS = {f"{_TABLE}table-header-rows", f"{_TABLE}table-rows", f"{_TABLE}table-row-group"}


def read_odt(data: bytes, name: str) -> list[str]:
    """The document's lines: paragraphs, headings, list items and table rows in order, then its notes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise InputError(name, f"{ODT} that unpacks to {unpacked:,} bytes, over {MAX_UNPACKED_BYTES:,}")
            content = archive.read("content.xml")
        body = ElementTree.fromstring(content).find(f"{_OFFICE}body/{_OFFICE}text")
    except InputError:
        raise
    except Exception as exc:  # a damaged archive fails in many ways (zipfile, zlib, a bad CRC, a cut stream)
        raise unreadable(name, ODT, exc) from None
    if body is None:
        raise InputError(name, f"{ODT} with no text body")
    lines: list[str] = []
    notes: list[str] = []
    try:
        _block(body, lines, notes)
    except RecursionError:
        raise InputError(name, f"{ODT} nested too deep to be read") from None
    lines += notes
    if not any(lines):
        raise InputError(name, f"{ODT} with no text")
    return lines


def _block(element: ElementTree.Element, lines: list[str], notes: list[str]) -> None:
    """The lines of a container (the body, a section, a list, a table), in order."""
    for child in element:
        if child.tag in _LEFT_OUT:
            continue
        if child.tag in _LINES:
            lines.append(_one_line(_inline(child, notes)))
        elif child.tag == f"{_TABLE}table":
            _table(child, lines, notes)
        else:  # a list, list item, section, index …: what it holds
            _block(child, lines, notes)


def _table(table: ElementTree.Element, lines: list[str], notes: list[str]) -> None:
    # A cell spanning columns is listed once, the cells it covers left out; one spanning rows is an empty cell in
    # the rows below it, where the row has a covered cell at the column it starts at (`RowSpans`).
    spans = RowSpans()
    for row in _rows(table):
        spans.next_row()
        cells: list[str] = []
        column = 0
        for cell in row:
            kind = cell.tag.removeprefix(_TABLE)
            inside: list[str] = []
            if kind == "table-cell":
                _block(cell, inside, notes)  # once, however many columns it stands for
            rows = _count(cell.get(f"{_TABLE}number-rows-spanned"))
            width = _count(cell.get(f"{_TABLE}number-columns-spanned"))
            for _ in range(_repeated(cell, column, any(line.strip() for line in inside))):
                if kind == "table-cell":
                    cells.append(" ".join(inside))
                    spans.span(column, width, rows)
                elif kind == "covered-table-cell" and spans.starts(column):
                    cells.append("")
                column += 1
        lines.append(table_row(cells))


def _rows(table: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """A table's rows in order, those in header rows and row groups included."""
    for child in table:
        if child.tag in _ROWS:
            yield from _rows(child)
        elif child.tag == f"{_TABLE}table-row":
            yield child


def _repeated(cell: ElementTree.Element, before: int, filled: bool) -> int:
    """How many columns a cell stands for (`table:number-columns-repeated`): an empty one up to `_REPEATED` (so
    that a row's columns stay where they are, and no crafted file reads as more text than it holds), one with
    text once; never past `COLUMNS` in a row."""
    repeated = 1 if filled else min(_count(cell.get(f"{_TABLE}number-columns-repeated")), _REPEATED)
    return max(0, min(repeated, COLUMNS - before))


def _inline(element: ElementTree.Element, notes: list[str]) -> str:
    """A paragraph's text: spans and links read through, `<text:s text:c="3"/>` as three spaces, tabs and line
    breaks as spaces; a note's marker kept where it stands (`marker`) and its body put among the notes."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * _count(child.get(f"{_TEXT}c")))
        elif child.tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        elif child.tag == f"{_TEXT}note":
            # Numbered in the order they are referred to, footnotes and endnotes in one sequence (as a DOCX's are
            # read), whatever the citation shows (`i` for an endnote, `*`).
            number = str(len(notes) + 1)
            body: list[str] = []
            note_body = child.find(f"{_TEXT}note-body")
            if note_body is not None:
                _block(note_body, body, notes)
            notes.append(_one_line(f"{marker(number)} {' '.join(body)}"))
            parts.append(marker(number))
        elif child.tag not in _LEFT_OUT:
            parts.append(_inline(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _count(value: str | None) -> int:
    """A count (`text:c`, spaces; `table:number-columns-repeated` or `-spanned`, columns): 1 if absent or no
    number, at most a line's worth."""
    try:
        return min(max(int(value or 1), 0), _MAX_SPACES)
    except ValueError:
        return 1


def _one_line(text: str) -> str:
    return " ".join(text.split())

"""Text of an old Word document (`.doc`, Word 97-2003): its paragraphs and table rows, one line each, as
`loaders/word.py` gives a DOCX's — what many provincial portals still publish.

A `.doc` is an OLE compound file (read with olefile). Its text is in the `WordDocument` stream, in pieces the
piece table lists (the `Clx` in the `0Table` or `1Table` stream): each piece is 8-bit (Windows-1252) or UTF-16.
The main text comes first, then the footnotes and endnotes, each note a line opened by its number in
superscript digits, the same marker left in the text (`nghiệp¹`) as the reports print them; headers and comments
are left out. Word marks
structure with control characters: `\\r` ends a paragraph, `\\x07` a table cell, and again the row — which of the
two a mark is, its paragraph's properties say (the `PapxFkp` pages); a field's code between `\\x13` and `\\x14` is
dropped and its result kept. An 8-bit piece keeps the codes a legacy font was
typed in (`.VnTime`'s `NghÞ quyÕt`), which the reader converts after (`loaders/legacy.py`).
"""

from __future__ import annotations

import bisect
import io
import re
import struct

from policykg.errors import InputError
from policykg.loaders.footnotes import marker
from policykg.loaders.legacy import windows_text
from policykg.loaders.reading import DOC, unreadable
from policykg.loaders.tables import table_row

_FIB_MAGIC = 0xA5EC
_ENCRYPTED = 0x0100  # FibBase flags: fEncrypted
_TABLE_1 = 0x0200  # FibBase flags: fWhichTblStm (the piece table is in `1Table`)
_WORD97 = 101  # nFib of Word 97 and later; Word 6 and 95 files are another format
# FibRgLw97: where the text's lengths in characters are — main text (ccpText), footnotes (ccpFtn), headers
# (ccpHdd), comments (ccpAtn), endnotes (ccpEdn); 0x58 between them is reserved.
_LENGTHS = (0x4C, 0x50, 0x54, 0x5C, 0x60)
_FC_ENDNOTE_MARKS = 0x20A  # FibRgFcLcb97: where the PlcfendRef (the endnotes' marks in the text) is
_FC_CLX = 0x1A2  # FibRgFcLcb97: where the Clx (piece table) is in the table stream, and its length after
_FC_PAPX = 0x102  # FibRgFcLcb97: where the PlcBtePapx (the pages of paragraph properties) is, and its length
_PAGE = 512  # bytes of a PapxFkp page
_ROW_PROPERTIES = (0x2417, 0x244B)  # sprmPFTtp, sprmPFInnerTtp: this paragraph ends a table row
_ROW_END = "\x06"  # a row's mark in the text read, told from a cell's (`\x07`) by `_row_ends`; Word uses no 0x06
_MAX_TEXT = 64 << 20  # characters: past this a file is refused, not read into memory
# Word's control characters: what each is in the text read (a cell's end is handled apart).
_CONTROL = str.maketrans(
    {
        "\r": "\n",  # end of paragraph
        "\x0b": "\n",  # line break
        "\x0c": "\n",  # page or section break
        "\x0e": "\n",  # column break
        "\x1e": "-",  # non-breaking hyphen
        "\x1f": "\xad",  # optional hyphen (a `.VnTime` document's `ư` may be written as one)
        "\x01": "",  # picture
        "\x02": "",  # a note's mark, where footnotes and endnotes are both (which is which, the text does not say)
        "\x05": "",  # comment reference
        "\x08": "",  # drawn object
    }
)


def read_doc(data: bytes, name: str) -> list[str]:
    """The document's paragraphs and table rows, in order, one line each (the main text, then its notes)."""
    try:
        lines = _read(data, name)
    except InputError:
        raise
    except Exception as exc:  # olefile has no error type of its own: a damaged file fails anywhere inside it
        raise unreadable(name, DOC, exc) from None
    if not any(lines):
        raise InputError(name, f"{DOC} with no text")
    return lines


def _read(data: bytes, name: str) -> list[str]:
    import olefile  # 30 ms: imported for a .doc only

    with olefile.OleFileIO(io.BytesIO(data)) as ole:  # type: ignore[no-untyped-call]  # olefile has no hints
        if not ole.exists("WordDocument"):
            raise InputError(name, f"{DOC} with no Word text in it (another Office format?)")
        word = ole.openstream("WordDocument").read()
        table = "1Table" if _fib(word, name) & _TABLE_1 else "0Table"
        if not ole.exists(table):
            raise InputError(name, f"{DOC} that cannot be read (no {table} stream)")
        table_stream = ole.openstream(table).read()
        pieces = _pieces(table_stream, word, name)
    main, notes, headers, comments, endnotes = (_long(word, at) for at in _LENGTHS)
    text = _text(word, pieces, main + notes + headers + comments + endnotes, _row_ends(table_stream, word))
    after_comments = main + notes + headers + comments
    body, footnotes, ends = text[:main], text[main : main + notes], text[after_comments : after_comments + endnotes]
    if footnotes or ends:
        body, footnotes, ends = _numbered(body, footnotes, ends, _endnote_marks(table_stream, word))
    return _lines("\r".join((body, footnotes, ends)))


def _numbered(body: str, footnotes: str, ends: str, endnote_marks: set[int]) -> tuple[str, str, str]:
    """Each note's mark (`\x02`, a note Word numbers itself) as its number in superscript digits (`marker`): the
    notes numbered in the order the text refers to them, footnotes and endnotes in one sequence (as a DOCX's are
    read); a mark at one of `endnote_marks` (its place in the text) is an endnote's. Each note, in its story, opens
    with its own mark, in the order of the text's marks of its kind."""
    parts = body.split("\x02")
    numbers: dict[bool, list[int]] = {False: [], True: []}  # is an endnote's -> the numbers, in order
    place = len(parts[0])
    for number, part in enumerate(parts[1:], start=1):
        numbers[place in endnote_marks].append(number)
        place += 1 + len(part)
    body = parts[0] + "".join(marker(str(n)) + part for n, part in enumerate(parts[1:], start=1))
    return body, _opened(footnotes, numbers[False]), _opened(ends, numbers[True])


def _opened(notes: str, numbers: list[int]) -> str:
    """A notes story with each note's own mark as the number given to it (none past the numbers known)."""
    parts = notes.split("\x02")
    marks = [marker(str(n)) for n in numbers] + [""] * (len(parts) - 1 - len(numbers))
    return parts[0] + "".join(mark + part for mark, part in zip(marks, parts[1:], strict=False))


def _endnote_marks(table: bytes, word: bytes) -> set[int]:
    """The places in the text of the endnotes' marks (the PlcfendRef's character positions), or none if it
    cannot be read."""
    try:
        plc = _in_table(table, word, _FC_ENDNOTE_MARKS)
        count = (len(plc) - 4) // 6  # n + 1 positions, then n two-byte records
        return set(struct.unpack_from(f"<{count}I", plc, 0)) if count > 0 else set()
    except struct.error:
        return set()


def _in_table(table: bytes, word: bytes, fc_lcb: int) -> bytes:
    """The structure of the table stream that the FIB's pair at `fc_lcb` (FibRgFcLcb97: its place, its length)
    points to."""
    at, length = _long(word, fc_lcb), _long(word, fc_lcb + 4)
    return table[at : at + length]


def _fib(word: bytes, name: str) -> int:
    """The File Information Block's flags, or why the file cannot be read."""
    if len(word) < _FC_CLX + 8 or _short(word, 0) != _FIB_MAGIC:
        raise InputError(name, f"{DOC} that cannot be read (no Word 97-2003 file information block)")
    version, flags = _short(word, 2), _short(word, 0x0A)
    if version < _WORD97:
        raise InputError(name, "a Word 6 or Word 95 document; save it as DOCX or PDF to read it")
    if flags & _ENCRYPTED:
        raise InputError(name, f"{DOC} protected by a password")
    return flags


def _pieces(table: bytes, word: bytes, name: str) -> list[tuple[int, int, bool, int]]:
    """The piece table: (first character, last character + 1, 8-bit?, where in `WordDocument`) of each piece."""
    clx = _in_table(table, word, _FC_CLX)
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: formatting, skipped
        i += 3 + _short(clx, i + 1)
    if i >= len(clx) or clx[i] != 0x02:
        raise InputError(name, f"{DOC} that cannot be read (no piece table)")
    size = _long(clx, i + 1)
    plc = clx[i + 5 : i + 5 + size]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for k in range(count):
        fc = _long(plc, 4 * (count + 1) + 8 * k + 2)
        compressed = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        pieces.append((cps[k], cps[k + 1], compressed, fc // 2 if compressed else fc))
    return pieces


def _text(word: bytes, pieces: list[tuple[int, int, bool, int]], characters: int, row_ends: _Runs) -> str:
    """The document's first `characters` characters, from its pieces; each mark that ends a table row (its place
    in `WordDocument` in one of `row_ends`) as `_ROW_END`."""
    if characters > _MAX_TEXT:
        raise ValueError(f"{characters:,} characters of text, over {_MAX_TEXT:,}")
    out: list[str] = []
    for first, end, compressed, at in pieces:
        if first >= characters:
            break
        n = min(end, characters) - first
        width = 1 if compressed else 2
        piece = bytearray(word[at : at + width * n])
        for where in _units(piece, ord(_ROW_END), width):  # none in a Word text; were one there, a space
            piece[where] = ord(" ")
        for where in _units(piece, ord("\x07"), width):
            if row_ends.holds(at + where):
                piece[where] = ord(_ROW_END)
        out.append(windows_text(bytes(piece)) if compressed else piece.decode("utf-16-le", "replace"))
    return "".join(out)


def _units(piece: bytearray, code: int, width: int) -> list[int]:
    """Where the character `code` (a control character) is in a piece of `width` bytes a character."""
    unit = bytes([code]) + b"\x00" * (width - 1)
    found = []
    where = piece.find(unit)
    while where >= 0:
        if where % width == 0:
            found.append(where)
        where = piece.find(unit, where + 1)
    return found


class _Runs:
    """Ranges of places in `WordDocument`, sorted and apart: does one hold a place?"""

    def __init__(self, runs: list[tuple[int, int]]) -> None:
        runs.sort()
        self._starts = [start for start, _end in runs]
        self._ends = [end for _start, end in runs]

    def holds(self, place: int) -> bool:
        k = bisect.bisect_right(self._starts, place) - 1
        return k >= 0 and place < self._ends[k]


def _row_ends(table: bytes, word: bytes) -> _Runs:
    """Where the paragraphs that end a table row are in `WordDocument`: the runs of the paragraph property pages
    (`PlcBtePapx`, then each `PapxFkp`) whose properties hold `sprmPFTtp` or `sprmPFInnerTtp`. Properties that
    cannot be read leave the rows to `_lines`' reading of the marks alone."""
    try:
        plc = _in_table(table, word, _FC_PAPX)
        count = (len(plc) - 4) // 8
        runs: list[tuple[int, int]] = []
        for k in range(count):
            page_at = (_long(plc, 4 * (count + 1) + 4 * k) & 0x3FFFFF) * _PAGE
            runs += _page_row_ends(word[page_at : page_at + _PAGE])
    except (struct.error, IndexError, ValueError):
        return _Runs([])
    return _Runs(runs)


def _page_row_ends(page: bytes) -> list[tuple[int, int]]:
    """The runs of one `PapxFkp` page whose paragraph properties end a table row."""
    runs = page[_PAGE - 1]
    places = struct.unpack_from(f"<{runs + 1}I", page, 0)
    out = []
    for k in range(runs):
        offset = 2 * page[4 * (runs + 1) + 13 * k]  # BxPap: the properties' place in the page, in words
        if not offset:
            continue  # no properties of its own
        size = page[offset]
        grpprl = page[offset + 1 : offset + 2 * size] if size else page[offset + 2 : offset + 2 + 2 * page[offset + 1]]
        if any(code in _ROW_PROPERTIES and operand[:1] not in (b"", b"\x00") for code, operand in _sprms(grpprl[2:])):
            out.append((places[k], places[k + 1]))
    return out


# The operand's size by the kind of property (`spra`, the code's top three bits); 6 is variable.
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_TABLE_DEFINITION = 0xD608  # sprmTDefTable: a two-byte size (plus one) instead of one byte


def _sprms(grpprl: bytes) -> list[tuple[int, bytes]]:
    """The properties (`Sprm` and operand) of a paragraph's list (`grpprl`, after its style's number)."""
    out = []
    i = 0
    while i + 2 <= len(grpprl):
        code = _short(grpprl, i)
        i += 2
        spra = code >> 13
        if spra != 6:
            size = _OPERAND_SIZES[spra]
        elif code == _TABLE_DEFINITION:
            size = 2 + _short(grpprl, i) - 1
        else:
            size = 1 + grpprl[i]
        out.append((code, grpprl[i : i + size]))
        i += size
    return out


_MARKS = re.compile(r"(\n|\x06|\x07+)")


def _lines(text: str) -> list[str]:
    """Word's marks read: a field's code dropped, its result kept; a table row's cells joined by ` | `. Where the
    paragraph properties told which marks end a row (`_ROW_END`), every other `\x07` ends a cell, empty or not;
    where they did not, a row's own mark follows its last cell's, so a run of marks ends the row (and an empty cell
    inside a row ends it too)."""
    told = _ROW_END in text
    lines: list[str] = []
    cells: list[str] = []
    words: list[str] = []
    for token in _MARKS.split(_without_field_codes(text).translate(_CONTROL)):
        if token == "\n":
            if cells:  # a paragraph inside a cell: the cell goes on
                words.append(" ")
            else:
                lines.append(" ".join("".join(words).split()))
                words = []
        elif token == _ROW_END:
            lines.append(table_row(cells))
            cells = []
        elif token.startswith("\x07"):
            ends_row = not told and len(token) > 1
            cells += [" ".join("".join(words).split()), *[""] * (len(token) - 1 - ends_row)]
            words = []
            if ends_row:
                lines.append(table_row(cells))
                cells = []
        else:
            words.append(token)
    if cells or words:
        lines.append(table_row([*cells, "".join(words)]))
    return lines


def _without_field_codes(text: str) -> str:
    r"""A field is `\x13 code \x14 result \x15` (or `\x13 code \x15`), nested at will: the code goes."""
    if "\x13" not in text:
        return text
    out: list[str] = []
    depth_in_code: list[bool] = []  # for each open field: still in its code?
    for char in text:
        if char == "\x13":
            depth_in_code.append(True)
        elif char == "\x14" and depth_in_code:
            depth_in_code[-1] = False
        elif char == "\x15" and depth_in_code:
            depth_in_code.pop()
        elif not any(depth_in_code):
            out.append(char)
    return "".join(out)


def _short(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", data, at)[0])


def _long(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<I", data, at)[0])

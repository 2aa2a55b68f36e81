"""Layout: the report's original lines become logical paragraphs that remember where each piece came from.

Every paragraph keeps a map from its own character offsets back to (line, column) of the ORIGINAL file, so a
citation found in text joined from several wrapped lines is still reported at the line where it begins.

Three layouts occur:
- one paragraph per line (word processor exports, web pages); where such a text was cut into pages, a paragraph
  cut at the foot of a page goes on, in lower case, after the page's footnotes (and a cut footnote among the next
  page's footnotes): it is joined back to the paragraph it goes on from;
- text wrapped at a fixed width without blank lines (a converted web page), read as PDF text is;
- PDF text: a blank line after every line, paragraphs wrapped across lines, page numbers, and footnotes
  printed at the foot of a page, after a line of spaces, interrupting the paragraph that goes on after them.
A lost footnote marker split over two lines (`(` at the end of one line, `)` at the start of the next) is
joined back, wherever it occurs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

BODY = "body"
FOOTNOTE = "footnote"

_PAGE_NUMBER = re.compile(r"\s*\d{1,3}\s*")
_FOOTNOTE_START = re.compile(r"(\d{1,3})\s+\S")
_SUPERSCRIPT_START = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# A paragraph of PDF text ends where a line ends a sentence and the next one opens a new block.
_ENDS_BLOCK = re.compile(r"[.:;!?…][\"”’)]*\s*$")
# An item's mark: `2.`, `2.1.`, `II.`, `a)`, and a sub-item's `b1)` or `a.2)`.
_HEADING_MARK = r"\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVXL]+[.\-–]\s|[a-zđ](?:\.?\d{1,2})?[).]\s|Phần thứ|PHẦN THỨ)"
# A line that ends on these runs on into the next: a word that needs what follows, a comma, or `Căn cứ` alone on its
# line (`Căn cứ` / `Luật Ban hành văn bản …`: the grounds follow).
_RUNS_ON = re.compile(
    r"\s(?:của|và|về|theo|tại|số|ngày|các|những|cho|với|trên|trong|thuộc|đối với)\s*$|[,(–-]\s*$|^\s*Căn cứ\s*$"
)
# The parts of an act that always open a paragraph (`Căn cứ …`, `Xét …`, `Điều 1.`), and markup.
_OPENS_PART = re.compile(r"\s*(?:Căn cứ\s|Xét\s|Điều\s+\d|QUYẾT NGHỊ|QUYẾT ĐỊNH:|<)")
_OPENS_BLOCK = re.compile(_HEADING_MARK + r"|\s*[\"“(]")
_SHORT_LINE = 0.6  # of a full line: a line shorter than this ends its paragraph (`_breaks_paragraph`)
_FILLED_LINE = 0.95  # … and one at least this long runs on, even opened by an item's number
_FULL_LINE_SAMPLE = 20  # lines needed to tell a full line's length
_BULLET = re.compile(r"\s*[-–+•*]\s")
_HEADING_LINE = re.compile(_HEADING_MARK)


@dataclass(frozen=True)
class Segment:
    """One original line's share of a paragraph: where it starts in the paragraph and in the file."""

    offset: int
    line: int
    column: int
    columns: tuple[int, ...] | None = None  # NFC offset -> raw column, only where NFC changed the line


@dataclass
class Paragraph:
    """A logical paragraph (NFC) with its map back to the original file."""

    text: str
    kind: str = BODY
    segments: list[Segment] = field(default_factory=list)
    footnote_label: str | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """The (1-based line, 0-based raw column) of a character offset in this paragraph."""
        i = bisect_right([s.offset for s in self.segments], offset) - 1
        seg = self.segments[max(i, 0)]
        delta = max(offset - seg.offset, 0)
        if seg.columns is not None:
            delta = seg.columns[min(delta, len(seg.columns) - 1)] if seg.columns else 0
        return seg.line, seg.column + delta

    @property
    def first_line(self) -> int:
        return self.segments[0].line

    def extend(self, line_no: int, raw: str) -> None:
        """Go on with a later original line (a paragraph resumed after a page's footnotes)."""
        segment, text = _piece(len(self.text) + 1, line_no, raw)
        self.segments.append(segment)
        self.text = f"{self.text} {text}"


@dataclass(frozen=True)
class Layout:
    """The paragraphs of one report, in reading order, and the number of lines of the original file."""

    paragraphs: list[Paragraph]
    line_count: int
    double_spaced: bool


def nfc_with_columns(raw: str) -> tuple[str, tuple[int, ...] | None]:
    """NFC of one line and, if NFC changed it, the raw column of every NFC character. A no-break space (U+00A0,
    which converters leave inside names: `Trà Vinh`) is read as a space: one character for one, columns kept."""
    raw = raw.replace("\u00a0", " ")
    text = unicodedata.normalize("NFC", raw)
    if text == raw:
        return text, None
    parts: list[str] = []
    columns: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        piece = unicodedata.normalize("NFC", raw[i:j])
        parts.append(piece)
        columns.extend([i] * len(piece))
        i = j
    return "".join(parts), tuple(columns)


def _piece(offset: int, line_no: int, raw: str) -> tuple[Segment, str]:
    """One original line's text (stripped, NFC) and its segment, placed at `offset` of a paragraph."""
    text, columns = nfc_with_columns(raw.strip())
    return Segment(offset, line_no, len(raw) - len(raw.lstrip()), columns), text


class _Builder:
    """Accumulates stripped line pieces into a paragraph."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def add(self, line_no: int, raw: str, *, glue: str = " ") -> None:
        if self.parts and glue:
            self.parts.append(glue)
            self.length += len(glue)
        segment, text = _piece(self.length, line_no, raw)
        self.segments.append(segment)
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    def take(self, kind: str = BODY) -> Paragraph | None:
        if not self.parts:
            return None
        para = Paragraph(self.text(), kind, self.segments)
        self.parts, self.segments, self.length = [], [], 0
        return para


def is_double_spaced(lines: list[str]) -> bool:
    """PDF text: most non-blank lines are followed by a blank one, and sentences wrap onto the next
    non-blank line (which then starts in lower case). Paragraphs one per line with blank lines between
    them (a word processor's export) are not wrapped."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 20:
        return False
    adjacent = sum(1 for i in nonblank if i + 1 < len(lines) and lines[i + 1].strip())
    if adjacent >= 0.15 * len(nonblank):
        return False
    continued = sum(1 for i in nonblank[1:] if lines[i].lstrip()[:1].islower())
    return continued >= 0.2 * len(nonblank)


def is_hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width with no blank line between (a converted web page): most lines run on into
    the next without ending a sentence. One paragraph per line (the bundled reports: at most a quarter of the
    lines do) is not."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 5:
        return False
    running_on = sum(
        1 for i in nonblank if i + 1 < len(lines) and lines[i + 1].strip() and not _ENDS_BLOCK.search(lines[i])
    )
    return running_on >= 0.5 * len(nonblank)


def build_layout(text: str) -> Layout:
    """Split decoded text (LF line breaks) into paragraphs with their map back to the original lines."""
    lines = text.split("\n")
    # The text after the last line break is a line of its own (`sed` prints it) unless it is blank.
    if lines and not lines[-1].strip():
        lines.pop()
    double = is_double_spaced(lines)
    paragraphs = _pdf_paragraphs(lines) if double or is_hard_wrapped(lines) else _line_paragraphs(lines)
    for para in paragraphs:
        if para.kind == BODY and _SUPERSCRIPT_START.match(para.text):
            para.kind = FOOTNOTE
        if para.kind == FOOTNOTE:
            m = re.match(r"(\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)", para.text)
            para.footnote_label = _superscript_to_digits(m.group(1)) if m else None
    return Layout(paragraphs, len(lines), double)


def _line_paragraphs(lines: list[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    last: dict[bool, Paragraph] = {}  # the last paragraph that is a footnote (True), and the last that is not
    builder = _Builder()
    nonblank = [no for no, raw in enumerate(lines, start=1) if raw.strip()]
    for i, no in enumerate(nonblank):
        raw = lines[no - 1]
        if builder.parts and (builder.text().endswith("(") and raw.lstrip().startswith(")")):
            builder.add(no, raw, glue="")
            continue
        if para := builder.take(BODY):
            out.append(para)
            last[bool(_SUPERSCRIPT_START.match(para.text))] = para
        following = lines[nonblank[i + 1] - 1] if i + 1 < len(nonblank) else ""
        earlier = _continued(last, raw, following)
        if earlier is not None:
            earlier.extend(no, raw)
            continue
        builder.add(no, raw)
    _flush(builder, out, BODY)
    return out


def _continued(last: dict[bool, Paragraph], raw: str, following: str) -> Paragraph | None:
    """The earlier paragraph a line in lower case goes on from, in text of one paragraph per line cut into pages
    (`last`: the last footnote and the last other paragraph read).

    A paragraph cut at the foot of a page goes on at the top of the next, after the page's footnotes; a footnote
    cut there goes on at the foot of the next page, among its footnotes (so the line is followed by one). Either
    way the paragraph it goes on from does not end a sentence."""
    if not raw.lstrip()[:1].islower() or _HEADING_LINE.match(raw) or _BULLET.match(raw):
        return None
    candidate = last.get(bool(_SUPERSCRIPT_START.match(following.lstrip())))
    if candidate is None or _ENDS_BLOCK.search(candidate.text) or _HEADING_LINE.match(candidate.text):
        return None
    return None if candidate.text.isupper() else candidate


def _pdf_paragraphs(lines: list[str]) -> list[Paragraph]:
    full = _full_line(lines)
    out: list[Paragraph] = []
    body = _Builder()
    note = _Builder()  # stays open across a page break: a footnote may go on at the foot of the next page
    in_notes = False
    previous_blank = True
    last_note = 0
    for no, raw in enumerate(lines, start=1):
        if not raw.strip():
            # A line of many spaces is the rule above a page's footnotes.
            in_notes = in_notes or len(raw) >= 10
            previous_blank = True
            continue
        if _PAGE_NUMBER.fullmatch(raw):
            previous_blank = True
            continue
        if in_notes:
            m = _FOOTNOTE_START.match(raw)
            # Footnotes are numbered in sequence; `878 tỷ đồng` wrapped onto a new line is not footnote 878.
            starts_note = bool(m) and last_note < int(m.group(1)) <= last_note + 3 if m else False
            if previous_blank or starts_note:
                if starts_note and m:
                    last_note = int(m.group(1))
                    _flush(note, out, FOOTNOTE)
                note.add(no, raw)
                previous_blank = False
                continue
            in_notes = False  # the page's text resumes right under the last footnote line
        last = len(body.parts[-1]) if body.parts else 0
        filled = full > 0 and last >= _FILLED_LINE * full
        if body.parts and _breaks_paragraph(body.text(), raw, len(body.parts), last < _SHORT_LINE * full, filled):
            _flush(body, out, BODY)
        body.add(no, raw)
        previous_blank = False
    _flush(note, out, FOOTNOTE)
    _flush(body, out, BODY)
    return out


def _flush(builder: _Builder, out: list[Paragraph], kind: str) -> None:
    para = builder.take(kind)
    if para:
        out.append(para)


def _full_line(lines: list[str]) -> int:
    """The length of a full line of the wrapped text: the 90th percentile of its lines' lengths; 0 (no line is
    short) in a text too short to tell."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= _FULL_LINE_SAMPLE else 0


def _breaks_paragraph(text: str, next_raw: str, lines: int, short: bool, filled: bool = False) -> bool:
    """Whether the line `next_raw` opens a new paragraph after `text` (of `lines` lines, the last one `short`, or
    `filled`: as long as a full line)."""
    if text.endswith("(") and next_raw.lstrip().startswith(")"):
        return False
    if _HEADING_LINE.match(next_raw) or _BULLET.match(next_raw) or _OPENS_PART.match(next_raw):
        return True
    if text.endswith(">"):
        return True
    if text.isupper() and not next_raw.strip().isupper():
        return True
    if _ENDS_BLOCK.search(text):
        return bool(_OPENS_BLOCK.match(next_raw)) or next_raw.lstrip()[:1].isupper()
    # Wrapped text fills its lines: a line that stops well short of a full one ended its paragraph, stop or not
    # (`… điểm a khoản 2 Điều 18 của Luật Giá` / `Sở quản lý ngành …`), unless it ends on a word that runs on or is a
    # title in capitals, set over lines of any length (`CHƯƠNG TRÌNH` / `PHÁT TRIỂN ĐÔ THỊ …`).
    if short and next_raw.lstrip()[:1].isupper() and not _RUNS_ON.search(text) and not text.isupper():
        return True
    # A short line opened by a heading number, not continued in lower case, is a heading of its own (unless it
    # ends on a word no heading ends on: `3.1. Triển khai kế hoạch của` / `Ủy ban nhân dân tỉnh …`). Once continued
    # (`3.4. Khẩn trương` / `hoàn thành … như: Kế hoạch đưa tỉnh` / `Gia Lai …`), it is a paragraph's start; so is
    # one that fills its line (`2. Thay thế Phụ lục số 03 - … giữa các cấp ngân sách` / `Thành phố giai đoạn …`).
    return (
        lines == 1
        and not filled
        and bool(_HEADING_LINE.match(text))
        and not _RUNS_ON.search(text)
        and len(text) < 120
        and next_raw.lstrip()[:1].isupper()
        and (not text.isupper() or not next_raw.strip().isupper())
    )


_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def _superscript_to_digits(label: str) -> str:
    return label.translate(_SUPERSCRIPTS)

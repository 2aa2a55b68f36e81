"""A table row as one line, the same whichever format the table arrives in (DOCX, `.doc`, ODT, HTML): its cells in
order joined by ` | `, so that a figure stays under its column's head."""

from __future__ import annotations

from collections.abc import Sequence

COLUMNS = 1024  # cells read in a row at most: a repeated or spanning cell may claim thousands, to the page's edge
# Covered columns a table's rows may step over: past it, cells spanning rows count no more (a crafted table of
# thousands of cells each spanning a thousand rows would otherwise take time by the square of its size).
COVERED_STEPS = 1 << 20


def table_row(cells: Sequence[str]) -> str:
    """Each cell once, in order, on one line; an empty cell kept where cells follow it, the empty ones at the
    row's end left out (an empty row is an empty line)."""
    texts = [" ".join(cell.split()) for cell in cells]
    while texts and not texts[-1]:
        texts.pop()
    return " | ".join(texts)


class RowSpans:
    """The columns that a cell spanning rows covers in the rows below its own (HTML's `rowspan`, ODT's
    `number-rows-spanned`): there the row has an empty cell for it, once, at the column it starts at — as the
    page shows it, and as Word has it. Call `next_row` before each row."""

    def __init__(self) -> None:
        self._row = -1
        self._until: dict[int, tuple[int, int]] = {}  # column -> (the last row it covers, the column it starts at)
        self._steps = COVERED_STEPS

    def next_row(self) -> None:
        self._row += 1

    def covered(self, column: int) -> bool:
        """Whether a cell from a row above covers this column of the current row."""
        last, _start = self._until.get(column, (-1, 0))
        if last < self._row or self._steps <= 0:
            return False
        self._steps -= 1
        return True

    def starts(self, column: int) -> bool:
        """Whether this covered column is where the covering cell starts (where its empty cell goes)."""
        last, start = self._until.get(column, (-1, 0))
        return last >= self._row and start == column

    def span(self, column: int, width: int, rows: int) -> None:
        """A cell of the current row at `column`, `width` columns wide, `rows` rows high."""
        if rows > 1:
            for c in range(column, min(column + width, COLUMNS)):
                self._until[c] = (self._row + rows - 1, column)

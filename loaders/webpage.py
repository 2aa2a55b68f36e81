"""Text of a web page (a provincial portal's article): the article's blocks, one line each, without the page's
navigation, scripts and forms. Parsed by BeautifulSoup with the standard library's HTML parser (pure Python,
no compiled parser to install; a portal page is small)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, PageElement, Tag

from policykg.errors import InputError
from policykg.loaders.tables import COLUMNS, RowSpans, table_row

# Elements that start a line of their own, and those that are never the report's text.
_BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
})  # fmt: skip
_CELLS = ["td", "th"]
_ROW_GROUPS = ("thead", "tbody", "tfoot")
_PRE_END = "\n</pre>"  # the walk's marker of the end of a `<pre>`
_SOURCE_BREAKS = str.maketrans("\r\n", "  ")
_NOT_TEXT = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button")


def read_html(text: str, name: str) -> list[str]:
    """The page's text, a block a line: its `<article>` (or `<main>`, or its body) less what is not text."""
    soup = BeautifulSoup(text, "html.parser")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    assert isinstance(root, Tag | BeautifulSoup)
    for tag in root.find_all(_NOT_TEXT):
        tag.decompose()
    parts: list[str | list[str]] = []  # text, and the lines of each table (`_table`) as they are
    # Depth first without recursion: a page may nest elements deeper than Python's stack allows.
    stack: list[PageElement | str] = [root]
    preformatted = 0  # `<pre>` elements the walk is in: there the source's line breaks are the page's
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):  # a marker pushed below
            if node == _PRE_END:
                preformatted -= 1
            parts.append("\n" if node == _PRE_END else node)
        elif isinstance(node, Comment):
            continue
        elif isinstance(node, NavigableString):
            # A line break in the page's source is a space (a sentence wrapped there is one sentence), but in
            # `<pre>`, where the page shows it.
            parts.append(str(node) if preformatted else str(node).translate(_SOURCE_BREAKS))
        elif isinstance(node, Tag) and node.name == "table":
            parts.append(_table(node))
        elif isinstance(node, Tag):
            end = "\n" if node.name in _BLOCKS else ""
            parts.append(end)
            if node.name == "pre":
                preformatted += 1
            stack.append(_PRE_END if node.name == "pre" else end)
            stack.extend(reversed(list(node.children)))
    lines: list[str] = []
    before: list[str] = []
    for part in [*parts, []]:
        if isinstance(part, list):  # a table (or the end): the text before it, a line a block, then its rows
            lines += [" ".join(line.split()) for line in "".join(before).split("\n")] + part
            before = []
        else:
            before.append(part)
    lines = [line for line in lines if line.strip(" |")]  # an empty row, like an empty block, is no line
    if not lines:
        raise InputError(name, "an HTML page with no text")
    return lines


def _table(table: Tag) -> list[str]:
    """A table's caption, then its rows, a line each (`table_row`): a cell spanning columns once, one spanning
    rows an empty cell in the rows below it (`RowSpans`)."""
    lines = [" ".join(caption.get_text(" ").split()) for caption in table.find_all("caption", recursive=False)]
    spans = RowSpans()
    for row in _rows(table):
        spans.next_row()
        cells: list[str] = []
        column = 0
        for text, width, rows in _cells(row):
            while spans.covered(column) and column < COLUMNS:
                if spans.starts(column):
                    cells.append("")
                column += 1
            if column >= COLUMNS:
                break
            cells.append(text)
            spans.span(column, width, rows)
            column += width
        lines.append(table_row(cells))
    return lines


def _cells(row: Tag) -> list[tuple[str, int, int]]:
    """A row's cells in order — text, columns and rows spanned — each `td` or `th` starting one, whether the
    one before was closed or not (the standard library's parser nests an unclosed cell in the one before); a
    table inside a cell is read as the cell's text."""
    cells: list[tuple[list[str], int, int]] = []
    stack: list[PageElement] = list(reversed(list(row.children)))
    while stack:
        node = stack.pop()
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            if cells:
                cells[-1][0].append(str(node))
        elif isinstance(node, Tag) and node.name == "table":
            if cells:
                cells[-1][0].append(f" {node.get_text(' ')} ")
        elif isinstance(node, Tag):
            if node.name in _CELLS:
                cells.append(([], _span(node, "colspan"), _span(node, "rowspan")))
            elif node.name in _BLOCKS and cells:
                cells[-1][0].append(" ")
            stack.extend(reversed(list(node.children)))
    return [("".join(text), width, rows) for text, width, rows in cells]


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows in order (in its head, bodies and foot or directly in it), not those of a table in a
    cell."""
    rows = []
    for child in table.find_all(["tr", *_ROW_GROUPS], recursive=False):
        rows += child.find_all("tr", recursive=False) if child.name in _ROW_GROUPS else [child]
    return rows


def _span(cell: Tag, attribute: str) -> int:
    """`colspan` or `rowspan`: 1 if absent or no number, at most `COLUMNS`."""
    value = cell.get(attribute)
    try:
        return min(max(int(str(value)), 1), COLUMNS) if value is not None else 1
    except ValueError:
        return 1

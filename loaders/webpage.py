"""Text of a web page (a provincial portal's article): the article's blocks, one line each, without the page's
navigation, scripts and forms. Parsed by BeautifulSoup with the standard library's HTML parser (pure Python,
no compiled parser to install; a portal page is small)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, PageElement, Tag

from policykg.errors import InputError

# Elements that start a line of their own, and those that are never the report's text.
_BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "thead", "tr", "ul",
})  # fmt: skip
_CELLS = frozenset({"td", "th"})
_NOT_TEXT = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button")


def read_html(text: str, name: str) -> list[str]:
    """The page's text, a block a line: its `<article>` (or `<main>`, or its body) less what is not text."""
    soup = BeautifulSoup(text, "html.parser")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    assert isinstance(root, Tag | BeautifulSoup)
    for tag in root.find_all(_NOT_TEXT):
        tag.decompose()
    parts: list[str] = []
    # Depth first without recursion: a page may nest elements deeper than Python's stack allows.
    stack: list[PageElement | str] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a marker pushed below: the end of a block or cell
        elif isinstance(node, Comment):
            continue
        elif isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag):
            end = "\n" if node.name in _BLOCKS else " | " if node.name in _CELLS else ""
            parts.append(end)
            stack.append(end)
            stack.extend(reversed(list(node.children)))
    lines = [" ".join(line.replace(" |  | ", " | ").split()).strip(" |") for line in "".join(parts).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError(name, "an HTML page with no text")
    return lines

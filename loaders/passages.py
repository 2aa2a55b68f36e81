"""Every sentence of a report with where it stands (line, section): what full-text search indexes, whether or not
the sentence names anything the recognisers know. Read from the layout the extraction made
(`pipeline.extract_with_passages`), not from a second one."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from policykg.loaders.layout import Layout
from policykg.loaders.sentences import split_sentences

MAX_PASSAGE = 4_000  # characters: a longer "sentence" (a table flattened into one) is indexed in pieces


@dataclass(frozen=True)
class Passage:
    line: int
    text: str
    section: str  # the section path, ` / `-joined as in the graph's pkg:section
    page: int | None = None  # of a PDF


def passages_of(layout: Layout, paths: list[list[str]], pages: tuple[int, ...] = ()) -> Iterator[Passage]:
    """The sentences of a report's layout, each with the section path the extraction gave its paragraph."""
    for para, path in zip(layout.paragraphs, paths, strict=True):
        section = " / ".join(path)
        for start, end in split_sentences(para.text) or [(0, len(para.text))]:
            for piece in range(start, end, MAX_PASSAGE):
                text = " ".join(para.text[piece : min(end, piece + MAX_PASSAGE)].split())
                if any(ch.isalnum() for ch in text):
                    line = para.position(piece)[0]
                    page = bisect_right(pages, line) if pages else None
                    yield Passage(line, unicodedata.normalize("NFC", text), section, page)

"""The answers of the lookups, typed once: the catalogue builds them, the HTTP API sends them as they are
(FastAPI reads these dataclasses as its response models) and the explorer's pages render them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mention:
    report: str
    report_title: str | None
    period_start: str | None
    section: str | None
    line: int
    column: int  # 0-based, in the line: two mentions on one line are two places in it
    text: str | None
    sentence: str | None
    page: int | None = None  # in a report read from a PDF: the page, and the line on it
    page_line: int | None = None
    ocr_confidence: float | None = None  # read by OCR from a scanned page: how sure the reading of its line is


@dataclass(frozen=True)
class Related:
    """A relation of the entity: `direction` is `out` when the entity is its subject, `in` when its object;
    `evidence` is the sentence that states it and `confidence` (0-1) how sure its reading is (both None for a link
    of the reference data)."""

    iri: str
    label: str | None
    kind: str | None
    relation: str
    direction: str
    evidence: str | None
    report: str | None
    line: int | None
    confidence: float | None


@dataclass(frozen=True)
class CoMentioned:
    """An entity cited in the same sentences; `count` is how many sentences cite both."""

    iri: str
    label: str | None
    kind: str | None
    count: int


@dataclass(frozen=True)
class TimelineEntry:
    report: str
    title: str | None
    period_start: str | None
    period_end: str | None
    mentions: int


@dataclass(frozen=True)
class Entity:
    """An entity with its facts: property → values (entities by their label)."""

    iri: str
    kind: str
    label: str | None
    symbol: str | None = None
    year: int | None = None
    facts: dict[str, list[str]] = field(default_factory=dict)
    # A place told apart from others of its name, as a 300's candidates are: `xã Mường Tè (huyện Mường Tè, tỉnh Lai
    # Châu; đến 30/06/2025)`; None for other kinds.
    description: str | None = None


@dataclass(frozen=True)
class Document:
    iri: str
    symbol: str | None
    type: str | None
    number: str | None
    year: int | None
    issuer: str | None
    date: str | None
    subject: str | None
    labels: list[str]


@dataclass(frozen=True)
class EntityContext:
    entity: Entity
    mentions: list[Mention]
    related: list[Related]
    co_mentioned: list[CoMentioned]
    timeline: list[TimelineEntry]


@dataclass(frozen=True)
class DocumentContext:
    document: Document
    mentions: list[Mention]
    related: list[Related]
    co_mentioned: list[CoMentioned]
    timeline: list[TimelineEntry]


@dataclass(frozen=True)
class SearchHit:
    iri: str
    kind: str
    label: str | None
    symbol: str | None
    score: int
    detail: str | None = None  # what tells it from others of its name: kind word, district, province; subject, date


@dataclass(frozen=True)
class SentenceMatch:
    """A sentence full-text search found: where it is, its words and the same with the matches marked."""

    report: str
    report_title: str | None
    year: int | None
    line: int
    page: int | None
    section: str | None
    text: str
    snippet: str  # HTML: the words escaped, the matched ones in <mark>, `…` where the sentence was cut
    entities: list[dict[str, str | None]] = field(default_factory=list)  # what the sentence names: iri, kind, label


@dataclass(frozen=True)
class SentenceResults:
    total: int
    hits: list[SentenceMatch]
    counts: dict[str, list[dict[str, Any]]]  # the matching sentences by report, year, kind and place named
    every_word: bool = True  # False: no sentence holds every word; these hold the most of them


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]  # entities (scope `entities` or `all`)
    scope: str = "entities"
    sentences: SentenceResults | None = None  # scope `sentences` or `all`


@dataclass(frozen=True)
class MapPoint:
    """A place or plant with a point (WGS84), for the explorer's map."""

    iri: str
    kind: str
    label: str | None
    unit_type: str | None
    lon: float
    lat: float
    mentions: int

"""The plain records the loaders produce: what a careful reader would note down, with where it was read.

Records carry no IRIs and no RDF; `policykg.graph` turns them into both. Keys (`key` fields) are the
loaders' own identities, stable within one report, from which the graph layer mints IRIs.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

# The formats a report is read from (`SourceText.format`), with their media types (the report's `dct:format`).
MEDIA_TYPES = {
    "text": "text/plain",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "odt": "application/vnd.oasis.opendocument.text",
    "html": "text/html",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "tiff": "image/tiff",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the report where an entity is cited (slots: a report may have a million; their `sentence` is
    one string shared by the mentions of a sentence)."""

    line: int  # 1-based line of the original file where the mention begins
    column: int  # 0-based character offset in that line
    text: str  # the words as written (NFC)
    section: tuple[str, ...]
    sentence: str
    footnote: str | None = None  # the footnote's number, when the mention is in a footnote


@dataclass
class DocumentRecord:
    """A document (law, resolution, decision, plan, letter …) cited in the report."""

    key: str
    symbol: str | None
    type: str | None
    number: str | None
    year: int | None
    issuer: str | None
    date: str | None  # ISO 8601
    subject: str | None
    term: str | None = None  # Party committee term (`XI`), which scopes Party document numbers
    name: str | None = None  # the name a document without a symbol is cited by
    party: bool = False
    issuer_code: str | None = None  # the issuer's code in the symbol (`TW`, `TTg`)
    raw: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact stated near an entity (`capacity_mw` = `520`), with the sentence that states it."""

    name: str
    value: str
    line: int
    sentence: str
    confidence: float  # 0-1, as for relations: how often a fact read this way is what the sentence means


@dataclass
class PlaceRecord:
    key: str
    name: str
    kind: str  # province | district | commune | other
    code: str | None = None  # GSO code where the gazetteer knows the unit
    reference: str | None = None  # the IRI of the gazetteer's unit; None when only this report knows the place
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class HydropowerRecord:
    key: str
    name: str
    known: bool  # listed in the reference data
    reference: str | None = None  # the IRI of the reference plant; None when only this report knows it
    facts: list[Fact] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class ProgrammeRecord:
    key: str
    name: str
    kind: str  # national-target | named-programme | scheme | project | plan | strategy | action-programme
    period_start: int | None = None
    period_end: int | None = None
    reference: str | None = None  # the IRI of the reference programme it was resolved to
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """Points at one record of an extraction: its kind (`document`, `place` …) and key."""

    kind: str
    key: str


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """What one clause of the report states between two entities (`predicate` is one of `PREDICATES`); the
    subject of `based_on` may be the report itself (`EntityRef("report", "")`)."""

    subject: EntityRef
    predicate: str
    object: EntityRef
    line: int
    evidence: str
    confidence: float  # 0-1: how often a relation read this way is right (calibrated by `policykg eval`)
    column: int = 0  # 0-based offset, in `line`, of the sentence that states it
    basis: str = ""  # how it was read (`bound`, `verb+list`, `label` …: loaders/relations.py CONFIDENCE)


# The relations a report can state, subject → object (docs/extract-json.md and ontology/policykg.ttl define
# them). `part_of` of v1 is `located_in`.
PREDICATES = (
    "approves",  # document → plan / programme
    "concerns",  # document / plan / programme → plan / plant / programme
    "applies_to",  # document / plan / programme → place
    "implements",  # → document / plan / programme, where the text says thực hiện / triển khai / cụ thể hóa
    "based_on",  # document / report → document (căn cứ)
    "amends",  # document → document (sửa đổi, bổ sung)
    "replaces",  # document → document (thay thế)
    "repeals",  # document → document (bãi bỏ)
    "establishes",  # document → programme
    "funds",  # programme / plan / document → plan / plant / place
    "located_in",  # plant / plan / place → place
    "resettles_to",  # plant → place
    "merged_into",  # place → place (sắp xếp … thành …)
    "split_from",  # place → place (chia tách, thành lập … trên cơ sở …)
    "renamed_to",  # place → place (đổi tên)
)


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    """One number the report states as the value of a measure (loaders/indicators.py; docs/extract-json.md)."""

    indicator: str  # the words that name the measure, as written
    concept: str | None  # the notation of its concept in the indicator scheme; None where none fits
    value: float
    value_max: float | None  # the top of a range (`7-7,5%`)
    unit: str  # normalised (`%`, `tỷ đồng`, `hộ` …), "" for none
    kind: str  # level | growth | change | share | count | ratio_to_plan | ratio_to_previous
    status: str  # actual | estimate | plan | target
    period: str  # ISO 8601: `2023`, `2020-01/2020-09`, `2016/2020`
    place: EntityRef | None  # the place or plant it is for; None: the report's whole province
    line: int
    column: int
    text: str  # the number as written, with its unit
    sentence: str


@dataclass(frozen=True)
class ReportInfo:
    title: str | None
    issuer: str | None
    kind: str | None
    period_start: str | None
    period_end: str | None
    date: str | None
    province: str | None = None  # the province the report is of (its sidecar: `policykg add` reads its header)
    symbol: str | None = None  # its own number and symbol (`379/BC-UBND`), from its sidecar


@dataclass(frozen=True)
class SourceInfo:
    path: str
    sha256: str
    lines: int
    encoding: str
    format: str = "text"  # text, pdf, docx or html (loaders/reading.py)
    pages: tuple[int, ...] = ()  # a PDF's pages: the line of the text each begins on
    ocr: Mapping[int, float] = field(default_factory=dict)  # lines read by OCR: their confidence (0-1)
    notes: tuple[str, ...] = ()  # what the reader was not sure of

    def page_of(self, line: int) -> tuple[int, int] | None:
        """The page of a line of the text and the line on that page, for a PDF."""
        if not self.pages:
            return None
        page = bisect_right(self.pages, line)
        return page, line - self.pages[max(page, 1) - 1] + 1


@dataclass
class Extraction:
    """Everything the loaders found in one report."""

    source: SourceInfo
    report: ReportInfo
    documents: list[DocumentRecord] = field(default_factory=list)
    places: list[PlaceRecord] = field(default_factory=list)
    hydropower: list[HydropowerRecord] = field(default_factory=list)
    programmes: list[ProgrammeRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    indicators: list[IndicatorRecord] = field(default_factory=list)

"""Relations a sentence states between the entities found in it.

Each rule reads the words between two entities of one sentence, or what one entity's own words contain:
- `Quyết định X … phê duyệt … Y` / `Y được phê duyệt tại Quyết định X` / `Đề án Y (Quyết định X)` → X approves Y
- `Kế hoạch X … thực hiện / triển khai / theo … Nghị quyết Y`                       → X implements Y
- `X sửa đổi, bổ sung / thay thế Y`                                                 → X amends Y
- a document whose subject (`về …`) names Y                           → X concerns Y (a place: applies_to)
- a document the reference data knows to establish a programme, cited with it        → X establishes Y
- a programme or scheme whose name or the words after it name a place (`tại`, `trên địa bàn`) → applies_to
- `thủy điện X (tại / ở / thuộc) xã Y`                                                → X located_in Y
- a plant and the places after `TĐC / tái định cư / di chuyển` in the same sentence    → X resettles_to Y
- `xã Y, huyện Z`, `Sa Pa (Lào Cai)`, `Kim Bình, Giang Thành (Trung Quốc)`            → Y part_of Z
What a list states once holds for each item (`Quyết định 2038 và Quyết định 2042 phê duyệt …`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from policykg.kinds import Kind

DOCUMENT, PLACE, PLANT, PROGRAMME = Kind.DOCUMENT, Kind.PLACE, Kind.HYDROPOWER, Kind.PROGRAMME

_APPROVES = re.compile(r"\bphê duyệt\b", re.IGNORECASE)
_APPROVED_AT = re.compile(
    r"(?:phê duyệt\s+(?:tại|theo)|ban hành kèm theo|kèm theo|theo|tại)\s*$|^\s*[(,]\s*(?:theo\s+)?$",
    re.IGNORECASE,
)
_IMPLEMENTS = re.compile(
    r"\b(?:thực hiện|triển khai|theo|cụ thể hóa|cụ thể hoá|hướng dẫn thi hành|quán triệt)\b", re.IGNORECASE
)
_AMENDS = re.compile(r"\b(?:sửa đổi|bổ sung|thay thế|bãi bỏ)\b", re.IGNORECASE)
_AT_PLACE = re.compile(
    r"(?:tại|trên địa bàn|ở|cho|thuộc|của)\s*(?:các\s+|\d+\s+)?(?:xã|huyện|tỉnh|thành phố)?\s*$", re.I
)
_LOCATED = re.compile(
    r"^[\s,(]*(?:(?:tại|ở|thuộc|trên địa bàn|nằm trên địa bàn|xây dựng tại)\s+)?(?:các\s+)?"
    r"(?:xã|huyện|tỉnh|thị trấn|thành phố)?\s*$",
    re.IGNORECASE,
)
_RESETTLEMENT = re.compile(r"TĐC|tái định cư|di dân|di chuyển", re.IGNORECASE)
_PART_OF_GLUE = re.compile(
    r"^\s*(?:,|\(|-|–)?\s*(?:(?:thuộc|của)\s+)?(?:huyện|tỉnh|thành phố|thị xã|TP\.?|nước)?\s*$", re.IGNORECASE
)
_LIST_GLUE = re.compile(
    r"^\s*(?:,|và|;)\s*(?:(?:các\s+)?(?:Quyết định|Nghị quyết|Chỉ thị|Kế hoạch|xã|huyện)\s*)?(?:số\s*)?$"
)


@dataclass(frozen=True)
class Hit:
    """An entity found in a sentence: its kind, key, span in the sentence and, for documents, subject span."""

    kind: str
    key: str
    start: int
    end: int
    place_level: int = 0  # places: commune 1, district 2, province 3, country 4
    subject_end: int | None = None  # where a document's subject (`về …`) ends in the sentence
    known_establishes: frozenset[str] = frozenset()  # programme keys this document is known to establish
    resettlement: bool = False
    type_word: str | None = None  # documents: `Quyết định`, `Kế hoạch` …


@dataclass(frozen=True)
class Stated:
    subject: Hit
    predicate: str
    object: Hit


Emit = Callable[[Hit, str, Hit], None]


# Entities read together. A sentence of prose names at most about twenty; one with more (a flattened table, a
# broken file) is read in overlapping windows of entities, so that the work grows linearly with its length.
_WINDOW = 32


def relations_in(sentence: str, hits: list[Hit]) -> list[Stated]:
    """The relations one sentence states between its entities (each pair and predicate once)."""
    hits = sorted(hits, key=lambda h: h.start)
    if len(hits) <= _WINDOW:
        return _relations_among(sentence, hits)
    out: list[Stated] = []
    seen: set[tuple[str, str, str]] = set()
    for k in range(0, len(hits) - _WINDOW // 2, _WINDOW // 2):
        for stated in _relations_among(sentence, hits[k : k + _WINDOW]):
            ident = (stated.subject.key, stated.predicate, stated.object.key)
            if ident not in seen:
                seen.add(ident)
                out.append(stated)
    return out


def _relations_among(sentence: str, hits: list[Hit]) -> list[Stated]:
    out: list[Stated] = []
    seen: set[tuple[str, str, str]] = set()

    def add(s: Hit, p: str, o: Hit) -> None:
        ident = (s.key, p, o.key)
        if s.key != o.key and ident not in seen:
            seen.add(ident)
            out.append(Stated(s, p, o))

    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            _pair(sentence, a, b, add)
    _contained(hits, add)
    _resettlement(sentence, hits, add)
    _part_of_lists(sentence, hits, add)
    _spread_over_lists(sentence, hits, out, add)
    return out


def _pair(sentence: str, a: Hit, b: Hit, emit: Emit) -> None:
    if a.key == b.key:
        return  # one entity cited twice (`emit` would drop it): no words between them need reading
    between = sentence[a.end : b.start]
    if a.kind == PLACE and b.kind == PLACE:
        if a.place_level < b.place_level and _PART_OF_GLUE.match(between):
            emit(a, "part_of", b)
        return
    if a.kind == DOCUMENT:
        _document_first(a, b, between, emit)
    elif b.kind == DOCUMENT and a.kind in (PROGRAMME, PLANT):
        _document_second(a, b, between, emit)
    elif a.kind == PLANT and b.kind == PLACE and not a.resettlement and _LOCATED.match(between):
        emit(a, "located_in", b)
    elif a.kind == PROGRAMME and b.kind == PLACE and len(between) < 80 and _AT_PLACE.search(between):
        emit(a, "applies_to", b)


def _document_first(a: Hit, b: Hit, between: str, emit: Emit) -> None:
    inside_subject = a.subject_end is not None and b.start < a.subject_end
    if b.kind == DOCUMENT:
        if len(between) < 150 and _AMENDS.search(between):
            emit(a, "amends", b)
        elif len(between) < 250 and _IMPLEMENTS.search(between):
            emit(a, "implements", b)
        return
    if b.kind == PROGRAMME and b.key in a.known_establishes:
        emit(a, "establishes", b)
    elif b.kind in (PROGRAMME, PLANT) and len(between) < 200 and _APPROVES.search(between):
        emit(a, "approves", b)
    elif b.kind == PROGRAMME and len(between) < 120 and _IMPLEMENTS.search(between):
        emit(a, "implements", b)
    elif inside_subject:
        emit(a, "applies_to" if b.kind == PLACE else "concerns", b)


def _document_second(a: Hit, b: Hit, between: str, emit: Emit) -> None:
    if a.key in b.known_establishes:
        emit(b, "establishes", a)
    elif len(between) < 120 and _APPROVED_AT.search(between):
        implementing = b.type_word in ("Kế hoạch", "Chương trình", "Hướng dẫn", "Công văn")
        emit(b, "implements" if implementing else "approves", a)


def _contained(hits: list[Hit], emit: Emit) -> None:
    """A programme whose own name names a place (`Đề án … trên địa bàn tỉnh Lai Châu`) applies to it."""
    for outer in hits:
        if outer.kind != PROGRAMME:
            continue
        for inner in hits:
            if inner.kind == PLACE and outer.start <= inner.start and inner.end <= outer.end:
                emit(outer, "applies_to", inner)


def _resettlement(sentence: str, hits: list[Hit], emit: Emit) -> None:
    plants = [h for h in hits if h.kind == PLANT]
    if not plants:
        return
    cues = _resettlement_cues(sentence)
    if not cues:
        return
    for place in hits:
        if place.kind != PLACE or place.place_level > 2:
            continue
        # The place follows a resettlement cue, and the plant it belongs to is the nearest one before it.
        if cues[0] >= place.start:  # cues are in order: is the first one before the place?
            continue
        before = [p for p in plants if p.end <= place.start] or plants
        emit(before[-1], "resettles_to", place)


@lru_cache(maxsize=4)
def _resettlement_cues(sentence: str) -> list[int]:
    """Where the sentence speaks of resettlement; once per sentence, not once per window of entities."""
    return [m.start() for m in _RESETTLEMENT.finditer(sentence)]


def _part_of_lists(sentence: str, hits: list[Hit], emit: Emit) -> None:
    """`Kim Bình, Lục Xuyên, Giang Thành (Trung Quốc)`: what holds for the last item holds for the list."""
    places = [h for h in hits if h.kind == PLACE]
    for i, item in enumerate(places):
        j = i
        while (
            j + 1 < len(places)
            and places[j + 1].place_level == item.place_level
            and re.fullmatch(r"\s*(?:,|và)\s*", sentence[places[j].end : places[j + 1].start])
        ):
            j += 1
        if j + 1 < len(places):
            container = places[j + 1]
            glue = sentence[places[j].end : container.start]
            if container.place_level > item.place_level and _PART_OF_GLUE.match(glue):
                emit(item, "part_of", container)


def _spread_over_lists(sentence: str, hits: list[Hit], out: list[Stated], emit: Emit) -> None:
    """Documents listed together (`Quyết định số 2038/QĐ-TTg và Quyết định số 2042/QĐ-TTg`) share what
    the sentence states of one of them."""
    docs = [h for h in hits if h.kind == DOCUMENT]
    for a, b in itertools.pairwise(docs):
        if not _LIST_GLUE.match(sentence[a.end : b.start]):
            continue
        for stated in list(out):
            if stated.predicate in ("approves", "implements", "concerns", "applies_to"):
                if stated.subject is a:
                    emit(b, stated.predicate, stated.object)
                elif stated.subject is b:
                    emit(a, stated.predicate, stated.object)

"""Relations a sentence states between the entities found in it.

Each rule reads the words between two entities of one sentence (or the words of a document's subject):
- `Quyết định X … phê duyệt … Y` / `Y được phê duyệt tại Quyết định X`  → X approves Y
- `Kế hoạch X … thực hiện/triển khai/theo … Nghị quyết Y`                → X implements Y
- `X sửa đổi, bổ sung / thay thế Y`                                      → X amends Y
- `Nghị quyết X về … Y …` (Y inside X's subject)                         → X concerns Y (a place: applies_to)
- a programme and the document that approves or governs it                → document establishes programme
- a programme `tại / trên địa bàn / ở` a place                             → programme applies_to place
- `thủy điện X (tại / ở / thuộc) xã Y`                                     → X located_in Y
- `TĐC thủy điện X … các xã/điểm Y, Z`                                     → X resettles_to Y, Z
- `xã Y, huyện Z` / `Y (Z)`                                               → Y part_of Z
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

DOCUMENT, PLACE, PLANT, PROGRAMME = "document", "place", "hydropower", "programme"

_APPROVES = re.compile(r"\bphê duyệt\b", re.IGNORECASE)
_APPROVED_AT = re.compile(r"(?:được|đã được)?[^.;]{0,60}phê duyệt\s+(?:tại|theo)\s*$", re.IGNORECASE)
_IMPLEMENTS = re.compile(r"\b(?:thực hiện|triển khai|theo|cụ thể hóa|cụ thể hoá|hướng dẫn thi hành)\b", re.IGNORECASE)
_AMENDS = re.compile(r"\b(?:sửa đổi|bổ sung|thay thế|bãi bỏ)\b", re.IGNORECASE)
_ESTABLISHES = re.compile(r"\b(?:ban hành|phê duyệt|theo|tại|thực hiện)\b", re.IGNORECASE)
_AT_PLACE = re.compile(r"(?:tại|trên địa bàn|ở|cho|thuộc|của)\s*(?:các|\d+)?\s*$", re.IGNORECASE)
_LOCATED = re.compile(r"^[\s,(]*(?:(?:tại|ở|thuộc|trên địa bàn|nằm trên địa bàn)\s+)?(?:các\s+)?$", re.IGNORECASE)
_RESETTLEMENT = re.compile(r"TĐC|tái định cư|di dân", re.IGNORECASE)
_PART_OF_GLUE = re.compile(r"^\s*(?:,|\(|-|–)?\s*$")


@dataclass(frozen=True)
class Hit:
    """An entity found in a sentence: its kind, key, span in the sentence and, for documents, subject span."""

    kind: str
    key: str
    start: int
    end: int
    place_kind: str | None = None
    subject_end: int | None = None  # where a document's subject (`về …`) ends in the sentence
    known_establishes: frozenset[str] = frozenset()  # programme keys this document is known to establish
    resettlement: bool = False


@dataclass(frozen=True)
class Stated:
    subject: Hit
    predicate: str
    object: Hit


Emit = Callable[["Hit", str, "Hit"], None]

_RANK = {"commune": 1, "district": 2, "province": 3, "other": 4}


def relations_in(sentence: str, hits: list[Hit]) -> list[Stated]:
    """The relations one sentence states between its entities (each pair and predicate once)."""
    hits = sorted(hits, key=lambda h: h.start)
    out: list[Stated] = []
    seen: set[tuple[str, str, str]] = set()

    def add(s: Hit, p: str, o: Hit) -> None:
        ident = (s.key, p, o.key)
        if s.key != o.key and ident not in seen:
            seen.add(ident)
            out.append(Stated(s, p, o))

    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            between = sentence[a.end : b.start]
            _pair(a, b, between, add)
    _resettlement(sentence, hits, add)
    return out


def _pair(a: Hit, b: Hit, between: str, emit: Emit) -> None:
    if a.kind == PLACE and b.kind == PLACE and _PART_OF_GLUE.match(between):
        if _RANK.get(a.place_kind or "", 0) < _RANK.get(b.place_kind or "", 0) and a.place_kind != "other" or (
            a.place_kind == b.place_kind == "other" and between.strip() == "("
        ):
            emit(a, "part_of", b)
        return
    if a.kind == DOCUMENT:
        inside_subject = a.subject_end is not None and b.start < a.subject_end
        if b.kind == DOCUMENT:
            if _AMENDS.search(between) and len(between) < 120:
                emit(a, "amends", b)
            elif _IMPLEMENTS.search(between) and len(between) < 160:
                emit(a, "implements", b)
            return
        if b.kind == PROGRAMME and b.key in a.known_establishes:
            emit(a, "establishes", b)
            return
        if b.kind in (PROGRAMME, PLANT) and _APPROVES.search(between) and len(between) < 200:
            emit(a, "approves", b)
            return
        if inside_subject:
            emit(a, "applies_to" if b.kind == PLACE else "concerns", b)
            return
    if b.kind == DOCUMENT and a.kind in (PROGRAMME, PLANT):
        if a.key in b.known_establishes:
            emit(b, "establishes", a)
        elif _APPROVED_AT.search(between):
            emit(b, "approves", a)
        elif a.kind == PROGRAMME and _ESTABLISHES.search(between) and len(between) < 60:
            emit(b, "establishes", a)
        return
    if a.kind == PLANT and b.kind == PLACE and not a.resettlement and _LOCATED.match(between):
        emit(a, "located_in", b)
        return
    if a.kind == PROGRAMME and b.kind == PLACE and _AT_PLACE.search(between) and len(between) < 80:
        emit(a, "applies_to", b)


def _resettlement(sentence: str, hits: list[Hit], add: Emit) -> None:
    plants = [h for h in hits if h.kind == PLANT and h.resettlement]
    if not plants or not _RESETTLEMENT.search(sentence):
        return
    for plant in plants:
        for place in hits:
            if place.kind == PLACE and place.place_kind in ("commune", "district") and place.start > plant.end:
                add(plant, "resettles_to", place)

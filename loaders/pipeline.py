"""One report from file to records: read → layout → sections → recognisers → merged entities → relations.

The work and the records grow linearly with a report: a sentence's text is made once and shared by the
mentions in it, and a "sentence" too long to be one (a flattened table, a broken file: over `LONG_SENTENCE`
characters) is cut into pieces, each mention carrying the piece it stands in, so that its text is not
repeated with every mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from policykg.errors import InputError
from policykg.kinds import Kind
from policykg.loaders import citations, hydropower, named_documents, places, programmes
from policykg.loaders.documents import DocumentMerger
from policykg.loaders.footnotes import footnote_anchors
from policykg.loaders.header import TITLE_END, read_header
from policykg.loaders.indicators import Outlook, OutlookTracker, read_indicators, report_outlook
from policykg.loaders.layout import Layout, Paragraph, build_layout
from policykg.loaders.passages import Passage, passages_of
from policykg.loaders.places import Scope
from policykg.loaders.reading import IMAGES, PDF, SourceText, document_format, read_report
from policykg.loaders.records import (
    EntityRef,
    Extraction,
    Fact,
    HydropowerRecord,
    IndicatorRecord,
    Mention,
    PlaceRecord,
    ProgrammeRecord,
    RelationRecord,
    SourceInfo,
)
from policykg.loaders.relations import (
    ACT_SCOPE_CUE,
    DOCUMENT,
    PLACE,
    PLANT,
    PROGRAMME,
    THE_GROUNDS,
    THE_TEXT_CUES,
    Hit,
    relations_in,
)
from policykg.loaders.report import enacts, is_act, read_sidecar, report_info
from policykg.loaders.sections import heading_of, section_paths
from policykg.loaders.sentences import split_sentences
from policykg.ontology.reference import load_reference
from policykg.text import fold, match_key

_DIGIT = re.compile(r"\d")
LONG_SENTENCE = 2_000  # characters; the bundled reports' longest sentence has 977
PIECE = 500  # characters of a long sentence a mention carries (cut at a space), with `…` where it was cut


def extract_file(path: str | Path, max_report_mb: float | None = None) -> Extraction:
    """Extract one report file (raises InputError for a file that is not a readable report, or one over
    `max_report_mb` — by default the `POLICYKG_MAX_REPORT_MB` setting — before reading it)."""
    check_size(path, max_report_mb)
    source = read_report(path)
    return extract_source(source, read_sidecar(source.path))


# A PDF's or an image's bytes are mostly its pages' pictures and fonts, its text a small part of them (a scanned
# page is about 0.3 MB): such a file may be this many times the limit, which is on what the build's memory follows.
PAGED_FACTOR = 10


def check_size(path: str | Path, max_report_mb: float | None = None) -> None:
    """Refuse a report file over the size limit (MB of 10^6 bytes) in one line, before anything reads it — a PDF
    or an image over `PAGED_FACTOR` times it. The build's memory grows with a report's text (bench/report_size.py);
    the limit keeps one report within the machine."""
    if max_report_mb is None:
        from policykg.settings import Settings

        max_report_mb = Settings.from_env().max_report_mb
    try:
        size = Path(path).stat().st_size
        if size <= max_report_mb * 1_000_000:
            return
        with Path(path).open("rb") as file:
            paged = document_format(file.read(16)) in (PDF, *IMAGES)
    except OSError:
        return  # a missing or unreadable file is refused, with its reason, where it is read
    limit = max_report_mb * (PAGED_FACTOR if paged else 1)
    if size > limit * 1_000_000:
        shown = f"{size / 1e6:.1f} MB"
        if round(size / 1e6, 1) <= limit:  # just over: `20.0 MB is over the limit of 20 MB` says nothing
            shown = f"{size:,} bytes"
        which = (
            f"a PDF or an image ({PAGED_FACTOR} × POLICYKG_MAX_REPORT_MB)"
            if paged
            else "one report (POLICYKG_MAX_REPORT_MB)"
        )
        raise InputError(str(path), f"{shown} is over the limit of {limit:g} MB for {which}")


@dataclass
class _Collector:
    """Entities of one report, merged by key as the paragraphs are read."""

    documents: DocumentMerger = field(default_factory=DocumentMerger)
    places: dict[str, PlaceRecord] = field(default_factory=dict)
    plants: dict[str, HydropowerRecord] = field(default_factory=dict)
    programmes: dict[str, ProgrammeRecord] = field(default_factory=dict)
    sentences: list[_Sentence] = field(default_factory=list)  # for the relations
    grounds_open: bool = False  # the last sentence read listed grounds (`Căn cứ …;`) and ended on `;`
    enacted: bool = False  # an act's enacting words (`QUYẾT NGHỊ:`) were read: its preamble is over
    facts: dict[str, set[Fact]] = field(default_factory=dict)  # per plant, the facts it has (its list's order)
    establishes: dict[str, frozenset[str]] = field(default_factory=dict)  # see _establishing
    act: bool = False  # the text is an act (report.is_act): its own words state its scope
    indicators: list[IndicatorRecord] = field(default_factory=list)
    scope: Scope | None = None  # which units the report's place names are (its province, its map)
    # The status and period of the numbers of the report's part being read, and of the report as a whole.
    outlook: OutlookTracker = field(default_factory=lambda: OutlookTracker(Outlook("actual", "", None)))
    # One object for equal mention texts and section paths (a report names the same places a thousand times).
    texts: dict[str, str] = field(default_factory=dict)
    sections: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    named_in_capitals: set[str] = field(default_factory=set)  # programmes named so far only by a title in capitals


class _Sentence(NamedTuple):
    """A sentence with entities to relate: its text, line and column, hits, the pieces of a long one, and where
    it stands (a footnote; going on with the grounds the one before listed; in an act's preamble)."""

    text: str
    position: tuple[int, int]
    hits: list[Hit]
    pieces: _Pieces | None
    footnote: bool
    grounds: bool
    preamble: bool


class _Pieces:
    """A long sentence cut into pieces of about `PIECE` characters at spaces, each piece's text made once and
    shared by the mentions in it."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self.starts: list[int] = []
        self.texts: list[str] = []
        start = 0
        while start < len(sentence):
            end = start + PIECE
            if end >= len(sentence):
                end = len(sentence)
            else:
                space = sentence.rfind(" ", start + PIECE // 2, end)
                end = space + 1 if space > 0 else end
            self.starts.append(start)
            self.texts.append(self._mark(start, end, sentence[start:end].strip()))
            start = end

    def _mark(self, start: int, end: int, text: str) -> str:
        return ("…" if start > 0 else "") + text + ("…" if end < len(self.sentence) else "")

    def around(self, start: int, end: int) -> str:
        """The piece that holds `sentence[start:end]`; the span of the pieces it runs over (at most two pieces'
        length and a gap) when it is cut."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_right(self.starts, max(end - 1, start)) - 1, 0)
        if first == last:
            return self.texts[first]
        piece_end = self.starts[last + 1] if last + 1 < len(self.starts) else len(self.sentence)
        if last - first == 1:
            return self._mark(self.starts[first], piece_end, self.sentence[self.starts[first] : piece_end].strip())
        head = self.texts[first].removesuffix("…")
        return f"{head} … {self.texts[last].removeprefix('…')}"


def extract_source(source: SourceText, sidecar: dict[str, str] | None = None) -> Extraction:
    return _extract(source, sidecar)[0]


def extract_with_passages(
    source: SourceText, sidecar: dict[str, str] | None = None
) -> tuple[Extraction, list[Passage]]:
    """The extraction and every sentence of the report (for full-text search), from one layout."""
    extraction, layout, paths = _extract(source, sidecar)
    return extraction, list(passages_of(layout, paths, source.pages))


def _extract(source: SourceText, sidecar: dict[str, str] | None) -> tuple[Extraction, Layout, list[list[str]]]:
    layout = build_layout(source.text)
    paths = section_paths(layout.paragraphs)
    # A footnote belongs to the section of the sentence that carries its marker.
    for note, anchor in footnote_anchors(layout.paragraphs).items():
        paths[note] = paths[anchor.paragraph]
    info = report_info(layout.paragraphs, sidecar or {})
    act = is_act(layout.paragraphs)
    header = read_header(source)
    dated = info.date or header.date
    start, end = info.period_start, info.period_end
    if act and not start and dated:
        start, end = f"{dated[:4]}-01-01", f"{dated[:4]}-12-31"  # an act's numbers hold from the year it is passed
    outlook = OutlookTracker(report_outlook(start, end, act=act))
    scope = places.report_scope(source.text, (info.province, info.issuer, header.province), dated)
    if info.province is None and scope.province:  # the province it is of, where its sidecar does not say
        info = replace(info, province=places.gazetteer().by_iri[scope.province].name)
    out = _Collector(establishes=_establishing(), act=act, outlook=outlook, scope=scope)
    for para, path in zip(layout.paragraphs, paths, strict=True):
        section = tuple(path)
        _read_paragraph(para, out.sections.setdefault(section, section), out)
    documents = out.documents.finish()
    out.facts.clear()
    out.texts.clear()
    out.sections.clear()
    extraction = Extraction(
        source=SourceInfo(
            source.path,
            source.sha256,
            layout.line_count,
            source.encoding,
            source.format,
            source.pages,
            source.ocr,
            source.notes,
        ),
        report=info,
        documents=documents,
        places=list(out.places.values()),
        hydropower=list(out.plants.values()),
        programmes=list(out.programmes.values()),
    )
    extraction.relations = _relations(out)
    if source.ocr:  # a relation read from OCR'd text is as sure as the reading of its line
        extraction.relations = [
            replace(r, confidence=round(r.confidence * source.ocr.get(r.line, 1.0), 3)) for r in extraction.relations
        ]
    extraction.indicators = out.indicators
    return extraction, layout, paths


class _Reading:
    """One paragraph as the recognisers read it: its sentences, where a match stands (line, column, sentence),
    and the hits of each sentence for the relation rules."""

    def __init__(self, para: Paragraph, section: tuple[str, ...], out: _Collector) -> None:
        self.para = para
        self.section = section
        self.out = out
        self.text = para.text
        self.spans = split_sentences(self.text) or [(0, len(self.text))]
        self.starts = [s for s, _ in self.spans]
        self.hits: dict[int, list[Hit]] = {i: [] for i in range(len(self.spans))}
        self._sentences: dict[int, str | _Pieces] = {}  # each sentence's text, made once for all its mentions

    def sentence(self, i: int) -> str | _Pieces:
        if i not in self._sentences:
            s, e = self.spans[i]
            self._sentences[i] = self.text[s:e] if e - s <= LONG_SENTENCE else _Pieces(self.text[s:e])
        return self._sentences[i]

    def sentence_of(self, start: int) -> int:
        return max(bisect_right(self.starts, start) - 1, 0)

    def locate(self, start: int, end: int) -> tuple[int, Mention]:
        """The sentence that holds `text[start:end]` and the mention there."""
        i = self.sentence_of(start)
        line, column = self.para.position(start)
        said = self.sentence(i)
        if isinstance(said, _Pieces):
            said = said.around(start - self.spans[i][0], end - self.spans[i][0])
        words = self.text[start:end]
        mention = Mention(line, column, self.out.texts.setdefault(words, words), self.section, said,
                          self.para.footnote_label)  # fmt: skip
        return i, mention

    def hit(self, i: int, kind: str, key: str, start: int, end: int, **details: Any) -> None:
        """A hit in sentence `i`, its offsets made relative to the sentence."""
        offset = self.spans[i][0]
        self.hits[i].append(Hit(kind, key, start - offset, end - offset, **details))


def _documents(r: _Reading) -> None:
    # A paragraph a converter lower-cased whole (`căn cứ nghị quyết số 12/2025/nq-hđnd …`) has its symbols' codes
    # in lower case: they are read in capitals (upper() keeps every offset for Vietnamese text).
    cited = citations.find_symbol_citations(r.text.upper() if r.text.islower() else r.text)
    cited += named_documents.find_named_documents(r.text, [(c.start, c.end) for c in cited])
    establishes = r.out.establishes
    reach = 0  # where the citations read so far end
    for c in sorted(cited, key=lambda c: c.start):
        i, mention = r.locate(c.start, c.end)
        key = r.out.documents.add(c, mention)
        nested, reach = c.end <= reach, max(reach, c.end)
        # A law an amending law's name lists is cited, but the sentence states nothing of it (the name does: the
        # law named around it keeps it); a plan's relations are stated by the plan (`_programmes`).
        if nested:
            _listed_in_name(r, i, key, c.start, c.end)
        if nested or c.plan:
            continue
        subject_end = c.subject_end - r.spans[i][0] if c.subject_end is not None else None
        r.hit(i, DOCUMENT, key, c.start, c.end, subject_end=subject_end, type_word=c.type,
              known_establishes=establishes.get(c.symbol or "", frozenset()))  # fmt: skip


def _listed_in_name(r: _Reading, i: int, key: str, start: int, end: int) -> None:
    """A document named inside another's name (`Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, …`) is kept
    by the hit of the one around it, whose name may say what it does to it (`relations._named_changes`)."""
    offset = r.spans[i][0]
    hits = r.hits[i]
    for j in range(len(hits) - 1, -1, -1):
        h = hits[j]
        if h.kind == DOCUMENT and h.start <= start - offset and end - offset <= h.end:
            hits[j] = replace(h, lists=(*h.lists, key))
            return


def _places(r: _Reading) -> None:
    for p in _places_in(r.text, r.out.scope):
        i, mention = r.locate(p.start, p.end)
        key = p.unit.iri if p.unit else "other:" + match_key(p.name)
        record = r.out.places.get(key)
        if record is None:
            record = PlaceRecord(key, p.name, p.kind, p.unit.code if p.unit else None, p.unit.iri if p.unit else None)
            r.out.places[key] = record
        record.mentions.append(mention)
        r.hit(i, PLACE, key, p.start, p.end, place_level=p.level)


def _places_in(text: str, scope: Scope | None) -> list[places.PlaceMatch]:
    """Places of a paragraph; in a title in capitals (`… TRÊN ĐỊA BÀN TỈNH TRÀ VINH`) or a paragraph lower-cased
    whole (`… trên địa bàn tỉnh trà vinh`), the provinces and the report's own province's units the gazetteer
    knows (read in title case: every word is then capitalised, so other names would be noise: `KINH TẾ - XÃ HỘI`
    is no commune Hội)."""
    if not text.isupper() and not text.islower():
        return places.find_places(text, scope)
    found = places.find_places(text.title(), scope)
    return [p for p in found if p.unit is not None and places.in_scope(p.unit, scope)]


def _plants(r: _Reading) -> None:
    plants = hydropower.find_plants(r.text)
    per_sentence = [r.sentence_of(h.start) for h in plants]
    plants_in_sentence = Counter(per_sentence)
    for h, sentence_index in zip(plants, per_sentence, strict=True):
        i, mention = r.locate(h.start, h.end)
        key = h.plant.iri if h.plant else "plant:" + fold(h.name)
        plant = r.out.plants.get(key)
        if plant is None:
            plant = HydropowerRecord(key, h.name, h.plant is not None, h.plant.iri if h.plant else None)
            r.out.plants[key] = plant
        plant.mentions.append(mention)
        # A fact belongs to a plant only when its sentence names no other plant.
        if plants_in_sentence[sentence_index] == 1:
            known = r.out.facts.setdefault(key, set(plant.facts))
            for name, value, confidence in hydropower.plant_facts(mention.sentence):
                fact = Fact(name, value, mention.line, mention.sentence, confidence)
                if fact not in known:
                    known.add(fact)
                    plant.facts.append(fact)
        r.hit(i, PLANT, key, h.start, h.end, resettlement=h.resettlement)


def _programmes(r: _Reading) -> None:
    # A title in capitals (`… THÔNG QUA CHƯƠNG TRÌNH PHÁT TRIỂN ĐÔ THỊ TỈNH ĐỒNG THÁP …`) is read in lower case: the
    # names it gives are the titles of what the act is about (lower() keeps every offset for Vietnamese text).
    text = r.text.lower() if r.text.isupper() else r.text
    if text is not r.text:
        # The title ends where one of its lines opens with its issuer or session (`HỘI ĐỒNG NHÂN DÂN TỈNH …`,
        # `KHOÁ IX`): a full stop for the space that joined the lines keeps a name from running on into them.
        for s in r.para.segments[1:]:
            if TITLE_END.match(r.text[s.offset : s.offset + 20]):
                text = f"{text[: s.offset - 1]}.{text[s.offset :]}"
    for g in programmes.find_programmes(text):
        i, mention = r.locate(g.start, g.end)
        key = g.reference.iri if g.reference else "programme:" + match_key(g.name)
        programme = r.out.programmes.get(key)
        if programme is None:
            programme = ProgrammeRecord(key, g.name, g.kind, reference=g.reference.iri if g.reference else None)
            r.out.programmes[key] = programme
            if text is not r.text:
                r.out.named_in_capitals.add(key)
        elif key in r.out.named_in_capitals and text is r.text:
            programme.name = g.name  # `… tỉnh Đồng Tháp …` as the text writes it, not `… tỉnh đồng tháp …`
            r.out.named_in_capitals.discard(key)
        if g.period and programme.period_start is None:
            programme.period_start, programme.period_end = g.period
        programme.mentions.append(mention)
        r.hit(i, PROGRAMME, key, g.start, g.end, programme_kind=g.kind)


# One recogniser a kind, run in this order on every paragraph (a new kind: a member of `Kind`, a function here).
RECOGNISERS: dict[Kind, Callable[[_Reading], None]] = {
    Kind.DOCUMENT: _documents,
    Kind.PLACE: _places,
    Kind.HYDROPOWER: _plants,
    Kind.PROGRAMME: _programmes,
}


def _read_paragraph(para: Paragraph, section: tuple[str, ...], out: _Collector) -> None:
    reading = _Reading(para, section, out)
    for recognise in RECOGNISERS.values():
        recognise(reading)
    heading = len(para.text) < 300 and (para.text.isupper() or heading_of(para) is not None)
    footnote = para.footnote_label is not None
    outlook = out.outlook.read(para.text, heading, footnote=footnote)
    out.enacted = out.enacted or enacts(para.text)
    for i, (s, e) in enumerate(reading.spans):
        _indicators(reading, i, outlook)
        grounds = _goes_on_with_grounds(para.text[s:e], out)
        hits = reading.hits[i]
        if not hits:
            continue  # most sentences: nothing to relate, no text to make
        said = reading.sentence(i)
        text = said.sentence if isinstance(said, _Pieces) else said
        # One entity is enough where the sentence itself is a party (`Căn cứ Luật …`: the text is based on it; an
        # act's preamble).
        preamble = out.act and not out.enacted
        if (
            len(hits) > 1
            or grounds
            or preamble
            or THE_TEXT_CUES.search(text)
            or (out.act and ACT_SCOPE_CUE.search(text))
        ):
            pieces = said if isinstance(said, _Pieces) else None
            out.sentences.append(_Sentence(text, para.position(s), hits, pieces, footnote, grounds, preamble))


# An act's grounds go on over lines of their own (`Căn cứ Luật A ngày …;` / `Luật sửa đổi … Luật A ngày …;`).
_CITES_FIRST = re.compile(r"\s*(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị)\s")


def _goes_on_with_grounds(sentence: str, out: _Collector) -> bool:
    """Whether `sentence` goes on with the list of grounds of the one before (which began `Căn cứ` and ended on
    `;`), naming a document first; and notes whether it leaves the list open in turn."""
    goes_on = out.grounds_open and bool(_CITES_FIRST.match(sentence))
    out.grounds_open = (goes_on or bool(THE_GROUNDS.match(sentence))) and sentence.rstrip().endswith(";")
    return goes_on


def _indicators(r: _Reading, i: int, outlook: Outlook) -> None:
    """The indicator observations of sentence `i` (only a sentence with a digit is read)."""
    s, e = r.spans[i]
    if not _DIGIT.search(r.text, s, e):
        return
    text = r.text[s:e]
    hits = r.hits[i]
    symbols = [(h.start, h.end) for h in hits if h.kind == DOCUMENT]
    where = [(h.start, h.end, h.key, h.place_level >= 3) for h in hits if h.kind in (PLACE, PLANT)]
    for m in read_indicators(text, outlook, symbols, where):
        _i, mention = r.locate(s + m.start, s + m.end)
        place = None
        if m.place is not None:
            place = EntityRef(Kind.PLACE if m.place in r.out.places else Kind.HYDROPOWER, m.place)
        r.out.indicators.append(
            IndicatorRecord(m.indicator, m.concept, m.value, m.value_max, m.unit, m.kind, m.status, m.period, place,
                            mention.line, mention.column, mention.text, mention.sentence)
        )  # fmt: skip


def _establishing() -> dict[str, frozenset[str]]:
    """Known document symbol → the reference programmes it establishes."""
    ref = load_reference()
    symbol_of = {d.iri: d.symbol for d in ref.documents}
    table: dict[str, set[str]] = {}
    for programme in ref.programmes:
        for doc in programme.established_by:
            if doc in symbol_of:
                table.setdefault(symbol_of[doc], set()).add(programme.iri)
    return {k: frozenset(v) for k, v in table.items()}


def _relations(out: _Collector) -> list[RelationRecord]:
    relations: list[RelationRecord] = []
    seen: set[tuple[str, str, str, str, str, int, int]] = set()
    for sentence, (line, column), hits, pieces, footnote, grounds, preamble in out.sentences:
        for stated in relations_in(sentence, hits, footnote=footnote, act=out.act, grounds=grounds, preamble=preamble):
            s, o = stated.subject, stated.object
            # Once per sentence: two sentences on one line (a paragraph) are two statements, each its evidence.
            ident = (s.kind, s.key, stated.predicate, o.kind, o.key, line, column)
            if ident in seen:
                continue
            seen.add(ident)
            evidence = sentence
            if pieces is not None:  # the pieces that hold both entities, not the whole of a long "sentence"
                ends = [h for h in (s, o) if h.start >= 0]
                evidence = pieces.around(min(h.start for h in ends), max(h.end for h in ends))
            relations.append(
                RelationRecord(
                    EntityRef(s.kind, s.key), stated.predicate, EntityRef(o.kind, o.key), line, evidence,
                    stated.confidence, column, stated.basis,
                )
            )  # fmt: skip
    return relations

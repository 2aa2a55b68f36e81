"""One report from file to records: read → layout → sections → recognisers → merged entities → relations."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from policykg.loaders import citations, hydropower, named_documents, places, programmes
from policykg.loaders.documents import CitedAt, merge_citations
from policykg.loaders.footnotes import footnote_anchors
from policykg.loaders.layout import Paragraph, build_layout
from policykg.loaders.reading import SourceText, read_report
from policykg.loaders.records import (
    EntityRef,
    Extraction,
    Fact,
    HydropowerRecord,
    Mention,
    PlaceRecord,
    ProgrammeRecord,
    RelationRecord,
    SourceInfo,
)
from policykg.loaders.relations import DOCUMENT, PLACE, PLANT, PROGRAMME, Hit, relations_in
from policykg.loaders.report import read_sidecar, report_info
from policykg.loaders.sections import section_paths
from policykg.loaders.sentences import split_sentences
from policykg.loaders.text import fold, match_key
from policykg.ontology.reference import load_reference


def extract_file(path: str | Path) -> Extraction:
    """Extract one report file (raises InputError for a file that is not a readable report)."""
    source = read_report(path)
    return extract_source(source, read_sidecar(source.path))


@dataclass
class _Collector:
    """Entities of one report, merged by key as the paragraphs are read."""

    cited: list[CitedAt] = field(default_factory=list)
    places: dict[str, PlaceRecord] = field(default_factory=dict)
    plants: dict[str, HydropowerRecord] = field(default_factory=dict)
    programmes: dict[str, ProgrammeRecord] = field(default_factory=dict)
    # Per sentence: (sentence text, its line, hits) for the relation rules; documents get keys after merging.
    sentences: list[tuple[str, int, list[Hit], list[int]]] = field(default_factory=list)


def extract_source(source: SourceText, sidecar: dict[str, str] | None = None) -> Extraction:
    layout = build_layout(source.text)
    paths = section_paths(layout.paragraphs)
    # A footnote belongs to the section of the sentence that carries its marker.
    for note, anchor in footnote_anchors(layout.paragraphs).items():
        paths[note] = paths[anchor.paragraph]
    out = _Collector()
    for para, path in zip(layout.paragraphs, paths, strict=True):
        _read_paragraph(para, tuple(path), out)
    documents, doc_keys = merge_citations(out.cited)
    extraction = Extraction(
        source=SourceInfo(source.path, source.sha256, layout.line_count, source.encoding),
        report=report_info(layout.paragraphs, sidecar or {}),
        documents=documents,
        places=list(out.places.values()),
        hydropower=list(out.plants.values()),
        programmes=list(out.programmes.values()),
    )
    extraction.relations = _relations(out, doc_keys)
    return extraction


def _read_paragraph(para: Paragraph, section: tuple[str, ...], out: _Collector) -> None:
    text = para.text
    spans = split_sentences(text) or [(0, len(text))]
    starts = [s for s, _ in spans]
    hits_by_sentence: dict[int, list[Hit]] = {i: [] for i in range(len(spans))}
    doc_citations: dict[int, list[int]] = {i: [] for i in range(len(spans))}

    def locate(start: int, end: int) -> tuple[int, Mention]:
        i = max(bisect_right(starts, start) - 1, 0)
        s, e = spans[i]
        line, column = para.position(start)
        return i, Mention(line, column, text[start:end], section, text[s:e], para.footnote_label)

    cited = citations.find_symbol_citations(text)
    cited += named_documents.find_named_documents(text, [(c.start, c.end) for c in cited])
    establishes = _establishing()
    for c in sorted(cited, key=lambda c: c.start):
        i, mention = locate(c.start, c.end)
        doc_citations[i].append(len(out.cited))
        out.cited.append(CitedAt(c, mention))
        subject_end = None
        if c.subject:
            found = text.find(c.subject.split()[-1], c.end)
            subject_end = found + len(c.subject.split()[-1]) - spans[i][0] if found >= 0 else None
        hits_by_sentence[i].append(
            Hit(DOCUMENT, f"#{len(out.cited) - 1}", c.start - spans[i][0], c.end - spans[i][0],
                subject_end=subject_end, known_establishes=establishes.get(c.symbol or "", frozenset()),
                type_word=c.type)
        )  # fmt: skip
    for p in places.find_places(text):
        i, mention = locate(p.start, p.end)
        key = p.unit.iri if p.unit else "other:" + match_key(p.name)
        record = out.places.get(key)
        if record is None:
            record = PlaceRecord(key, p.name, p.kind, p.unit.code if p.unit else None)
            out.places[key] = record
        record.mentions.append(mention)
        hits_by_sentence[i].append(Hit(PLACE, key, p.start - spans[i][0], p.end - spans[i][0], place_level=p.level))
    plants = hydropower.find_plants(text)
    per_sentence = [max(bisect_right(starts, h.start) - 1, 0) for h in plants]
    plants_in_sentence = Counter(per_sentence)
    for h, sentence_index in zip(plants, per_sentence, strict=True):
        i, mention = locate(h.start, h.end)
        key = h.plant.iri if h.plant else "plant:" + fold(h.name)
        plant = out.plants.get(key)
        if plant is None:
            plant = HydropowerRecord(key, h.name, h.plant is not None)
            out.plants[key] = plant
        plant.mentions.append(mention)
        # A fact belongs to a plant only when its sentence names no other plant.
        if plants_in_sentence[sentence_index] == 1:
            for name, value in hydropower.plant_facts(mention.sentence):
                fact = Fact(name, value, mention.line, mention.sentence)
                if fact not in plant.facts:
                    plant.facts.append(fact)
        hits_by_sentence[i].append(
            Hit(PLANT, key, h.start - spans[i][0], h.end - spans[i][0], resettlement=h.resettlement)
        )
    for g in programmes.find_programmes(text):
        i, mention = locate(g.start, g.end)
        key = g.reference.iri if g.reference else "programme:" + match_key(g.name)
        programme = out.programmes.get(key)
        if programme is None:
            programme = ProgrammeRecord(key, g.name, g.kind, reference=g.reference.iri if g.reference else None)
            out.programmes[key] = programme
        if g.period and programme.period_start is None:
            programme.period_start, programme.period_end = g.period
        programme.mentions.append(mention)
        hits_by_sentence[i].append(Hit(PROGRAMME, key, g.start - spans[i][0], g.end - spans[i][0]))
    for i, (s, e) in enumerate(spans):
        if len(hits_by_sentence[i]) > 1:
            line, _ = para.position(s)
            out.sentences.append((text[s:e], line, hits_by_sentence[i], doc_citations[i]))


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


def _relations(out: _Collector, doc_keys: list[str]) -> list[RelationRecord]:
    relations: list[RelationRecord] = []
    seen: set[tuple[str, str, str, int]] = set()
    for sentence, line, hits, _docs in out.sentences:
        resolved = [replace(h, key=doc_keys[int(h.key[1:])]) if h.kind == DOCUMENT else h for h in hits]
        for stated in relations_in(sentence, resolved):
            ident = (stated.subject.key, stated.predicate, stated.object.key, line)
            if ident in seen:
                continue
            seen.add(ident)
            relations.append(
                RelationRecord(
                    EntityRef(stated.subject.kind, stated.subject.key),
                    stated.predicate,
                    EntityRef(stated.object.kind, stated.object.key),
                    line,
                    sentence,
                )
            )
    return relations

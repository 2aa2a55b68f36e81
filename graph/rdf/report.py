"""One report's extraction as RDF: the report, what it cites, every mention, every stated relation.

Entities the reference data knows (places, plants, programmes, documents) keep their reference IRIs, so a
report's graph links to the reference graph and to other reports' graphs by sharing IRIs; the report graph
adds only what the report itself says. Derivation is PROV-O: mentions, evidence and stated facts are
`prov:wasDerivedFrom` the report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import TextIO

from rdflib import Literal, URIRef
from rdflib.term import Node

from policykg.graph.rdf.dataset import escape_literal, integer_literal, iri_term, term
from policykg.graph.rdf.indicators import indicator_graph
from policykg.graph.rdf.iris import IriPolicy, document_class
from policykg.kinds import FOUND_IN_TEXT, Kind
from policykg.loaders.records import MEDIA_TYPES, DocumentRecord, EntityRef, Extraction, Mention, SourceInfo
from policykg.ontology.national import describe, province_iri
from policykg.ontology.reference import load_reference
from policykg.ontology.terms import DCTERMS, ELI, PKG, PROV, RDF, RDFS, SKOS, XSD
from policykg.text import fold

Triple = tuple[Node, Node, Node]
# The terms of a mention, made once: a namespace attribute is a new URIRef, checked, at each use.
_MENTION, _REFERS_TO, _IN_REPORT, _DERIVED_FROM = PKG.Mention, PKG.refersTo, PKG.inReport, PROV.wasDerivedFrom
_LINE, _COLUMN, _TEXT, _SECTION, _SENTENCE = PKG.line, PKG.column, PKG.text, PKG.section, PKG.sentence
_POSITIVE, _NON_NEGATIVE = XSD.positiveInteger, XSD.nonNegativeInteger
_UNIT_KINDS = frozenset({"province", "district", "commune"})
_NATIONAL = "national-target"
# Programme kinds that are plans (a plan, master plan or implementation plan, a strategy, an action programme):
# what is to be done, which a decision approves, as opposed to a programme that runs (`pkg:Plan`).
_PLAN_KINDS = frozenset({"plan", "strategy", "action-programme"})


class Triples(dict[Triple, None]):
    """A graph's triples in the order they were made, each once. Not an rdflib Graph: a report's graph is only
    written out, and a Graph's indexes cost more than making the triples."""

    def add(self, triple: Triple) -> None:
        self[triple] = None

    def add_new(self, triples: Iterable[Triple]) -> None:
        for triple in triples:
            self[triple] = None


class NTriplesWriter:
    """A graph's triples written as N-Triples lines as they are made, in that order, each once — what
    `ntriples(report_triples(…))` gives, without holding the graph: the build's memory does not grow with
    the text a report's graph repeats (every mention's sentence). A triple is remembered by a 16-byte digest
    of its line, and not at all when its subject is new (a mention, a piece of evidence, a stated fact)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.lines = 0
        self._seen: set[bytes] = set()

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        self.add_line(f"{term(s)} {term(p)} {term(o)} .\n")

    def add_line(self, line: str) -> None:
        digest = hashlib.blake2b(line.encode("utf-8"), digest_size=16).digest()
        if digest not in self._seen:
            self._seen.add(digest)
            self.out.write(line)
            self.lines += 1

    def add_new(self, triples: Iterable[Triple]) -> None:
        """Triples of a subject made just now, which no earlier triple can have."""
        lines = [f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples]
        self.out.write("".join(lines))
        self.lines += len(lines)


Sink = Triples | NTriplesWriter


def report_triples(extraction: Extraction, iris: IriPolicy) -> Triples:
    """The named graph of one report."""
    g = Triples()
    _report_graph(g, extraction, iris)
    return g


def write_report(extraction: Extraction, iris: IriPolicy, out: TextIO) -> tuple[int, list[str]]:
    """The named graph of one report written to `out` as N-Triples (the same lines, in the same order, as
    `ntriples(report_triples(extraction, iris))`); returns the number of triples and the report's conflicting
    figures (graph/rdf/indicators.py)."""
    writer = NTriplesWriter(out)
    conflicts = _report_graph(writer, extraction, iris)
    return writer.lines, conflicts


def _report_graph(g: Sink, extraction: Extraction, iris: IriPolicy) -> list[str]:
    report = URIRef(iris.report(extraction.source.path))
    _report(g, report, extraction, iris)
    entity = _Entities(g, iris, report, _repeated_mentions(extraction), extraction.source)
    docs = {d.key: entity.document(d) for d in extraction.documents}
    places = {p.key: entity.place(p.reference, p.name, p.kind, p.mentions) for p in extraction.places}
    plants = {h.key: entity.plant(h.reference, h.name, h.mentions) for h in extraction.hydropower}
    programmes = {
        p.key: entity.programme(p.reference, p.name, p.kind, p.period_start, p.period_end, p.mentions)
        for p in extraction.programmes
    }
    for h in extraction.hydropower:
        for fact in h.facts:
            node = URIRef(iris.fact(report, entity.next_number()))
            g.add_new([
                (node, RDF.type, PKG.StatedFact),
                (node, PKG.about, plants[h.key]),
                (node, PKG.factName, Literal(fact.name)),
                (node, RDF.value, Literal(fact.value)),
                (node, PKG.line, integer_literal(fact.line, XSD.positiveInteger)),
                (node, PKG.sentence, Literal(fact.sentence, lang="vi")),
                (node, PKG.confidence, _decimal(fact.confidence)),
                (node, PKG.inReport, report),
            ])  # fmt: skip
    by_kind: dict[str, dict[str, URIRef]] = {
        Kind.DOCUMENT: docs,
        Kind.PLACE: places,
        Kind.HYDROPOWER: plants,
        Kind.PROGRAMME: programmes,
        Kind.REPORT: {"": report},  # the report itself, the subject of its own `based_on`
    }
    for rel in extraction.relations:
        s, o = by_kind[rel.subject.kind][rel.subject.key], by_kind[rel.object.kind][rel.object.key]
        p = URIRef(iris.predicate(rel.predicate))
        g.add((s, p, o))
        evidence = URIRef(iris.evidence(report, entity.next_number()))
        g.add_new([
            (evidence, RDF.type, PKG.RelationEvidence),
            (evidence, RDF.subject, s),
            (evidence, RDF.predicate, p),
            (evidence, RDF.object, o),
            (evidence, PKG.line, integer_literal(rel.line, XSD.positiveInteger)),
            (evidence, PKG.sentence, Literal(rel.evidence, lang="vi")),
            (evidence, PKG.confidence, _decimal(rel.confidence)),
            (evidence, PKG.inReport, report),
        ])  # fmt: skip
        if rel.basis:  # how it was read: `label` marks an inference from a framing label
            g.add_new([(evidence, PKG.basis, Literal(rel.basis))])
    areas = {EntityRef(Kind.PLACE, k): v for k, v in places.items()}
    areas.update({EntityRef(Kind.HYDROPOWER, k): v for k, v in plants.items()})
    # Every triple of the data set is new to the report's graph (its concepts and units are minted once there).
    return indicator_graph(g.add_new, extraction, iris, report, areas, _decimal)


def _decimal(value: float) -> Literal:
    """A float as an xsd:decimal in plain notation (`0.85`, not `8.5E-1`); out of range it is still written, for
    the shapes to refuse."""
    return Literal(format(Decimal(repr(value)), "f"), datatype=XSD.decimal)


_KINDS = FOUND_IN_TEXT


def _mention_key(m: Mention, kind: str) -> int:
    """What a mention's IRI is made of (line, column, kind), as one number."""
    return (m.line << 40 | m.column) << 2 | _KINDS.index(kind)


def _repeated_mentions(ex: Extraction) -> set[int]:
    """Mentions whose IRI another mention has too (two entities read at one place): the only ones whose triples
    may repeat earlier ones."""
    seen: set[int] = set()
    repeated: set[int] = set()
    groups = ((Kind.DOCUMENT, ex.documents), (Kind.PLACE, ex.places), (Kind.HYDROPOWER, ex.hydropower),
              (Kind.PROGRAMME, ex.programmes))  # fmt: skip
    for kind, records in groups:
        for record in records:
            for m in record.mentions:
                key = _mention_key(m, kind)
                if key in seen:
                    repeated.add(key)
                seen.add(key)
    return repeated


def _report(g: Sink, report: URIRef, ex: Extraction, iris: IriPolicy) -> None:
    r = ex.report
    g.add((report, RDF.type, PKG.Report))
    g.add((report, PKG.sourceFile, Literal(ex.source.path.replace("\\", "/").rsplit("/", 1)[-1])))
    g.add((report, PKG.sha256, Literal(ex.source.sha256)))
    g.add((report, PKG.lineCount, Literal(ex.source.lines, datatype=XSD.nonNegativeInteger)))
    g.add((report, DCTERMS.format, Literal(MEDIA_TYPES[ex.source.format])))
    if ex.source.pages:
        g.add((report, PKG.pageCount, Literal(len(ex.source.pages), datatype=XSD.nonNegativeInteger)))
    if r.title:
        g.add((report, DCTERMS.title, Literal(r.title, lang="vi")))
        g.add((report, RDFS.label, Literal(r.title, lang="vi")))
    if r.issuer:
        g.add((report, PKG.issuerName, Literal(r.issuer, lang="vi")))
    if r.kind:
        g.add((report, PKG.reportKind, Literal(r.kind)))
    if r.symbol:
        g.add((report, ELI.id_local, Literal(r.symbol)))  # not pkg:symbol, which is a cited document's
    if r.province and (province := province_iri(r.province, r.date or r.period_end)):
        g.add(
            (report, DCTERMS.spatial, URIRef(iris.rebase(province)))
        )  # reports of several provinces live in one graph
    for prop, value in ((PKG.periodStart, r.period_start), (PKG.periodEnd, r.period_end)):
        if value:
            g.add((report, prop, Literal(value, datatype=XSD.date)))


class _Entities:
    """Adds entities and their mentions to one report graph."""

    def __init__(self, g: Sink, iris: IriPolicy, report: URIRef, repeated: set[int], source: SourceInfo) -> None:
        self.g, self.iris, self.report = g, iris, report
        self.repeated = repeated  # mention keys (`_mention_key`) that more than one mention has
        self.source = source
        self.counter = 0

    def next_number(self) -> int:
        self.counter += 1
        return self.counter

    def document(self, d: DocumentRecord) -> URIRef:
        g = self.g
        node = URIRef(self.iris.document(d))
        g.add((node, RDF.type, document_class(d)))
        label = d.symbol and f"{d.type} {d.symbol}" if d.type else d.symbol
        g.add((node, SKOS.prefLabel, Literal(label or d.name or d.raw[0], lang="vi")))
        if d.symbol:
            g.add((node, PKG.symbol, Literal(d.symbol)))
        for value, prop in ((d.number, PKG.number), (d.term, PKG["term"])):
            if value:
                g.add((node, prop, Literal(value)))
        if d.year:
            g.add((node, PKG.year, Literal(str(d.year), datatype=XSD.gYear)))
        if d.date:
            g.add((node, ELI.date_document, Literal(d.date, datatype=XSD.date)))
        if d.type and (concept := _type_concept(d.type)):
            g.add((node, PKG.documentType, URIRef(self.iris.rebase(concept))))
        if d.issuer:
            g.add((node, PKG.issuerName, Literal(d.issuer, lang="vi")))
            if issuer := _issuer_iri(d.issuer):
                g.add((node, PKG.issuer, URIRef(self.iris.rebase(issuer))))
        if d.subject:
            g.add((node, PKG.subject, Literal(d.subject, lang="vi")))
        for raw in d.raw:
            g.add((node, SKOS.altLabel, Literal(raw, lang="vi")))
        g.add((node, PKG.foldedLabel, Literal(fold(d.symbol or d.name or d.raw[0]))))
        g.add((self.report, PKG.cites, node))
        self._mentions(node, d.mentions, Kind.DOCUMENT)
        return node

    def place(self, reference: str | None, name: str, kind: str, mentions: list[Mention]) -> URIRef:
        node = URIRef(self.iris.place(reference, name))
        if reference is None:  # a place the gazetteer lacks, or one of several units of its name: the report is
            # its only source, which does not say what it lies in (a pkg:District must), only that it is a unit
            self._named(node, PKG.AdministrativeUnit if kind in _UNIT_KINDS else PKG.OtherPlace, name)
        else:  # a unit of the whole country's data, which only the reports that name it bring into the graph
            for triple in describe(reference):
                self.g.add(self.iris.rebased_triple(triple))
        self._mentions(node, mentions, Kind.PLACE)
        return node

    def plant(self, reference: str | None, name: str, mentions: list[Mention]) -> URIRef:
        node = URIRef(self.iris.hydropower(reference, name))
        if reference is None:
            self._named(node, PKG.HydropowerProject, name)
        self._mentions(node, mentions, Kind.HYDROPOWER)
        return node

    def programme(
        self, reference: str | None, name: str, kind: str, start: int | None, end: int | None, mentions: list[Mention]
    ) -> URIRef:
        node = URIRef(self.iris.programme(reference, name))
        if reference is None:
            self._named(node, _programme_class(kind), name)
            self.g.add((node, PKG.programmeKind, Literal(kind)))
            if start and end:  # a programme's period runs from the first day of its first year to the last
                self.g.add((node, PKG.periodStart, Literal(f"{start}-01-01", datatype=XSD.date)))
                self.g.add((node, PKG.periodEnd, Literal(f"{end}-12-31", datatype=XSD.date)))
        self._mentions(node, mentions, Kind.PROGRAMME)
        return node

    def _named(self, node: URIRef, cls: URIRef, name: str) -> None:
        self.g.add((node, RDF.type, cls))
        self.g.add((node, SKOS.prefLabel, Literal(name, lang="vi")))
        self.g.add((node, PKG.foldedLabel, Literal(fold(name))))
        self.g.add((node, DCTERMS.source, self.report))

    def _mentions(self, node: URIRef, mentions: list[Mention], kind: str) -> None:
        g = self.g
        if isinstance(g, NTriplesWriter):
            self._mention_lines(g, node, mentions, kind)
            return
        for m in mentions:
            mention = URIRef(self.iris.mention(self.report, m.line, m.column, kind))
            triples: list[Triple] = [
                (mention, RDF.type, _MENTION),
                (mention, _REFERS_TO, node),
                (mention, _IN_REPORT, self.report),
                (mention, _DERIVED_FROM, self.report),
                (mention, _LINE, integer_literal(m.line, _POSITIVE)),
                (mention, _COLUMN, integer_literal(m.column, _NON_NEGATIVE)),
                (mention, _TEXT, Literal(m.text, lang="vi")),
                (mention, _SECTION, Literal(" / ".join(m.section))),
                (mention, _SENTENCE, Literal(m.sentence, lang="vi")),
            ]
            if m.footnote:
                triples.append((mention, PKG.footnote, Literal(m.footnote)))
            triples += [(mention, p, o) for p, o in _where(self.source, m.line)]
            for t in triples:
                g.add(t)

    def _mention_lines(self, g: NTriplesWriter, node: URIRef, mentions: list[Mention], kind: str) -> None:
        """The lines `term()` would write for the triples above, made as text: a mention's triples are most of a
        report's graph, and rdflib terms cost more than the lines."""
        report = term(self.report)
        a, refers = f"{term(RDF.type)} {term(_MENTION)} .\n", f"{term(_REFERS_TO)} {term(node)} .\n"
        in_report, derived = f"{term(_IN_REPORT)} {report} .\n", f"{term(_DERIVED_FROM)} {report} .\n"
        line_p, column_p, text_p = term(_LINE), term(_COLUMN), term(_TEXT)
        section_p, sentence_p, footnote_p = term(_SECTION), term(_SENTENCE), term(PKG.footnote)
        positive, non_negative = term(_POSITIVE), term(_NON_NEGATIVE)
        sections: dict[tuple[str, ...], str] = {}
        last_sentence, sentence = None, ""
        for m in mentions:
            s = iri_term(self.iris.mention(self.report, m.line, m.column, kind)) + " "
            if m.section not in sections:
                sections[m.section] = f'{section_p} "{escape_literal(" / ".join(m.section))}" .\n'
            if m.sentence is not last_sentence:  # the mentions of one sentence share its text
                last_sentence, sentence = m.sentence, f'{sentence_p} "{escape_literal(m.sentence)}"@vi .\n'
            lines = [
                s + a,
                s + refers,
                s + in_report,
                s + derived,
                f'{s}{line_p} "{m.line}"^^{positive} .\n',
                f'{s}{column_p} "{m.column}"^^{non_negative} .\n',
                f'{s}{text_p} "{escape_literal(m.text)}"@vi .\n',
                s + sections[m.section],
                s + sentence,
            ]
            if m.footnote:
                lines.append(f'{s}{footnote_p} "{escape_literal(m.footnote)}" .\n')
            if self.source.pages or self.source.ocr:
                lines += [f"{s}{term(p)} {term(o)} .\n" for p, o in _where(self.source, m.line)]
            if _mention_key(m, kind) in self.repeated:
                for line in lines:
                    g.add_line(line)
            else:
                g.out.write("".join(lines))
                g.lines += len(lines)


def _where(source: SourceInfo, line: int) -> list[tuple[URIRef, Literal]]:
    """Where a line of the text is in a PDF (its page and the line on it), and how sure an OCR reading of it is."""
    out: list[tuple[URIRef, Literal]] = []
    if where := source.page_of(line):
        out += [
            (PKG.page, integer_literal(where[0], _POSITIVE)),
            (PKG.pageLine, integer_literal(where[1], _POSITIVE)),
        ]
    if line in source.ocr:
        out.append((PKG.ocrConfidence, _decimal(source.ocr[line])))
    return out


def _programme_class(kind: str) -> URIRef:
    if kind == _NATIONAL:
        return PKG.NationalTargetProgramme
    return PKG.Plan if kind in _PLAN_KINDS else PKG.Programme


def _type_concept(type_word: str) -> str | None:
    return load_reference().document_type_iris.get(type_word)


@lru_cache(maxsize=256)
def _issuer_iri(name: str) -> str | None:
    for issuer in load_reference().issuers:
        if issuer.name == name:
            return issuer.iri
    return None

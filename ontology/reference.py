"""The reference data (Turtle under `ontology/reference/`) as plain records for the loaders.

The Turtle files are the single source of truth; this module is the one place that reads them for code
that must not depend on RDF (the loaders). It is read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from policykg.ontology.files import GLOSSARY_FILE, parse_turtle, reference_graph
from policykg.ontology.terms import DCTERMS, ELI, GEO, ORG, PKG, RDF, SKOS

_KINDS = {PKG.Province: "province", PKG.District: "district", PKG.Commune: "commune", PKG.OtherPlace: "other"}


@dataclass(frozen=True)
class Unit:
    """A place of the gazetteer: an administrative unit of Lai Châu, or a place outside it."""

    iri: str
    name: str  # the bare name (`Tam Đường`), without the kind word
    label: str  # the display label (`Thành phố Lai Châu`)
    kind: str  # province | district | commune | other
    unit_types: tuple[str, ...]  # kind words it is called by: `huyện`, `xã`, `thị trấn`, `tỉnh` …
    code: str | None
    parent: str | None
    variants: tuple[str, ...]
    current: bool  # False for the units created by the 2025 reform (not in reports before 2025)
    scope: str | None = None  # for places outside Lai Châu: `country`, `province of China` …
    successor: str | None = None  # the unit that took this one over in the 2025 reform (pkg:successor)
    ended: bool = False  # not on the map after 1 July 2025 (pkg:validUntil, or abolished before)

    def on_map(self, after_2025: bool) -> bool:
        """Whether the unit is on the map of before the 2025 reform, or of after it: units created on 1 July 2025
        only after it, units that ended then (or earlier) only before it."""
        return not self.ended if after_2025 else self.current


# The day the 2025 reform took effect: a report dated on or after it is of the new map.
REFORM_DAY = "2025-07-01"


def after_reform(date: str | None) -> bool:
    """Whether an ISO date (as precise as known: `2025`, `2025-08`, `2025-08-01`) is on or after the reform."""
    return bool(date and date >= REFORM_DAY)


@dataclass(frozen=True)
class Issuer:
    iri: str
    name: str
    codes: tuple[str, ...]
    variants: tuple[str, ...]
    parent: str | None


@dataclass(frozen=True)
class KnownDocument:
    iri: str
    symbol: str
    type: str
    date: str
    issuer: str
    title: str
    cited_as: tuple[str, ...]


@dataclass(frozen=True)
class Plant:
    iri: str
    name: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceProgramme:
    iri: str
    name: str
    label: str
    variants: tuple[str, ...]
    cues: tuple[str, ...]
    established_by: tuple[str, ...]  # IRIs of known documents
    national: bool


@dataclass(frozen=True)
class PartyTerm:
    issuer_code: str  # the code of the body in symbols: TW, TU
    number: str  # XI
    start: str  # ISO dates
    end: str


@dataclass(frozen=True)
class Reference:
    units: list[Unit] = field(default_factory=list)
    issuers: list[Issuer] = field(default_factory=list)
    document_types: dict[str, str] = field(default_factory=dict)  # type code -> Vietnamese type word
    document_type_iris: dict[str, str] = field(default_factory=dict)  # Vietnamese type word -> concept IRI
    documents: list[KnownDocument] = field(default_factory=list)
    plants: list[Plant] = field(default_factory=list)
    programmes: list[ReferenceProgramme] = field(default_factory=list)
    party_terms: list[PartyTerm] = field(default_factory=list)


@dataclass(frozen=True)
class GlossaryTerm:
    """English words and the Vietnamese words they stand for (`reference/glossary.ttl`)."""

    english: tuple[str, ...]
    vietnamese: tuple[str, ...]


@lru_cache(maxsize=1)
def glossary() -> tuple[GlossaryTerm, ...]:
    """The Vietnamese-English glossary, for searching the reports in English (parsed once per process, its file
    alone: the server's first English search reads 9 ms of Turtle, not the 130 ms of all reference data)."""
    g = parse_turtle(GLOSSARY_FILE)
    terms = []
    for s in sorted(g.subjects(SKOS.inScheme, PKG.glossary), key=str):
        labels = [o for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(s, p) if isinstance(o, Literal)]
        terms.append(GlossaryTerm(tuple(sorted(str(o) for o in labels if o.language == "en")),
                                  tuple(sorted(str(o) for o in labels if o.language == "vi"))))  # fmt: skip
    return tuple(terms)


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    """The reference data as records (parsed once per process)."""
    g = reference_graph()
    return Reference(
        units=_units(g),
        issuers=_issuers(g),
        document_types=_document_types(g),
        document_type_iris=_document_type_iris(g),
        documents=_documents(g),
        plants=_plants(g),
        programmes=_programmes(g),
        party_terms=_party_terms(g),
    )


def _text(g: Graph, s: URIRef, p: URIRef, lang: str | None = "vi") -> str | None:
    for o in g.objects(s, p):
        if isinstance(o, Literal) and (lang is None or o.language in (lang, None)):
            return str(o)
    return None


def _texts(g: Graph, s: URIRef, p: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal)))


def _iri(g: Graph, s: URIRef, p: URIRef) -> str | None:
    o = g.value(s, p)
    return str(o) if isinstance(o, URIRef) else None


def _units(g: Graph) -> list[Unit]:
    units = []
    for cls, kind in _KINDS.items():
        for s in g.subjects(RDF.type, cls):
            assert isinstance(s, URIRef)
            label = _text(g, s, SKOS.prefLabel) or ""
            types = {t for t in (_text(g, s, PKG.unitType), _text(g, s, PKG.formerUnitType)) if t}
            if kind == "province":
                types.add("tỉnh")
            units.append(
                Unit(
                    iri=str(s),
                    name=_text(g, s, PKG.name) or label,
                    label=label,
                    kind=kind,
                    unit_types=tuple(sorted(types)),
                    code=_text(g, s, PKG.gsoCode, lang=None),
                    parent=_iri(g, s, GEO.sfWithin),
                    variants=_texts(g, s, SKOS.altLabel),
                    current=(s, PKG.validFrom, None) not in g,
                    scope=_text(g, s, PKG.placeType, lang="en"),
                    successor=_iri(g, s, PKG.successor),
                    ended=(s, PKG.validUntil, None) in g,
                )
            )
    return sorted(units, key=lambda u: u.iri)


def _issuers(g: Graph) -> list[Issuer]:
    out = []
    for s in g.subjects(RDF.type, ORG.Organization):
        assert isinstance(s, URIRef)
        out.append(
            Issuer(
                iri=str(s),
                name=_text(g, s, SKOS.prefLabel) or "",
                codes=_texts(g, s, SKOS.notation),
                variants=_texts(g, s, SKOS.altLabel),
                parent=_iri(g, s, ORG.subOrganizationOf),
            )
        )
    return sorted(out, key=lambda i: i.iri)


_DOCUMENT_TYPES = URIRef("https://w3id.org/policykg/id/document-type")  # the scheme (other schemes: indicators …)


def _document_types(g: Graph) -> dict[str, str]:
    types = {}
    for s in g.subjects(SKOS.inScheme, _DOCUMENT_TYPES):
        assert isinstance(s, URIRef)
        code = _text(g, s, SKOS.notation, lang=None)
        label = _text(g, s, SKOS.prefLabel)
        if code and label:
            types[code] = label
    return types


def _document_type_iris(g: Graph) -> dict[str, str]:
    iris: dict[str, str] = {}
    for s in sorted(g.subjects(SKOS.inScheme, _DOCUMENT_TYPES), key=str):
        assert isinstance(s, URIRef)
        label = _text(g, s, SKOS.prefLabel)
        if label and not str(s).endswith("quy-dinh-dang"):  # the Party's `QĐi` shares the word `Quy định`
            iris.setdefault(label, str(s))
    return iris


def _documents(g: Graph) -> list[KnownDocument]:
    out = []
    for s in g.subjects(RDF.type, PKG.Document):
        assert isinstance(s, URIRef)
        type_iri = g.value(s, PKG.documentType)
        issuer_iri = g.value(s, PKG.issuer)
        out.append(
            KnownDocument(
                iri=str(s),
                symbol=_text(g, s, PKG.symbol, lang=None) or "",
                type=(_text(g, type_iri, SKOS.prefLabel) or "") if isinstance(type_iri, URIRef) else "",
                date=_text(g, s, ELI.date_document, lang=None) or "",
                issuer=(_text(g, issuer_iri, SKOS.prefLabel) or "") if isinstance(issuer_iri, URIRef) else "",
                title=_text(g, s, PKG.subject) or "",
                cited_as=_texts(g, s, PKG.citedAs),
            )
        )
    return sorted(out, key=lambda d: d.iri)


def _plants(g: Graph) -> list[Plant]:
    out = []
    for s in g.subjects(RDF.type, PKG.HydropowerProject):
        assert isinstance(s, URIRef)
        out.append(Plant(str(s), _text(g, s, SKOS.prefLabel) or "", _texts(g, s, SKOS.altLabel)))
    return sorted(out, key=lambda p: p.iri)


def _programmes(g: Graph) -> list[ReferenceProgramme]:
    out = []
    for cls in (PKG.NationalTargetProgramme, PKG.Programme):
        for s in g.subjects(RDF.type, cls):
            assert isinstance(s, URIRef)
            out.append(
                ReferenceProgramme(
                    iri=str(s),
                    name=_text(g, s, SKOS.prefLabel) or "",
                    label=_text(g, s, DCTERMS.title) or _text(g, s, SKOS.prefLabel) or "",
                    variants=_texts(g, s, SKOS.altLabel),
                    cues=_texts(g, s, PKG.cue),
                    established_by=tuple(sorted(str(o) for o in g.objects(s, PKG.establishedBy))),
                    national=cls == PKG.NationalTargetProgramme,
                )
            )
    return sorted(out, key=lambda p: p.iri)


def _party_terms(g: Graph) -> list[PartyTerm]:
    out = []
    for s in g.subjects(RDF.type, PKG.PartyTerm):
        assert isinstance(s, URIRef)
        body = g.value(s, PKG.termOf)
        code = _text(g, body, SKOS.notation, lang=None) if isinstance(body, URIRef) else None
        number = _text(g, s, PKG.termNumber, lang=None)
        start, end = _text(g, s, PKG.periodStart, lang=None), _text(g, s, PKG.periodEnd, lang=None)
        if code and number and start and end:
            out.append(PartyTerm(code, number, start, end))
    return sorted(out, key=lambda t: (t.issuer_code, t.start))

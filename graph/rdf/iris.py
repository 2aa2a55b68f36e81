"""The IRI policy: readable, deterministic IRIs under one configurable base.

    {base}id/report/{file stem}                       a report
    {base}id/document/{symbol slug}                   a normative document (year inside its symbol)
    {base}id/document/{symbol slug}-{year}            an individual or Party document (numbers recur yearly)
    {base}id/document/named-{name slug}               a document cited without a symbol
    {base}id/place/{name slug}                        a unit of the gazetteer (reference data)
    {base}id/place/outside/{name slug}                a place outside Lai Châu that the gazetteer lacks
    {base}id/hydropower/{name slug}                   a hydropower plant or project
    {base}id/programme/{name slug}                    a programme, scheme, project or plan
    {base}id/indicator/{notation}                     a concept of the indicator scheme (reference data)
    {base}id/indicator/wording/{wording slug}         a measure no concept fits, named by the report's words
    {base}id/unit/{slug}                              a unit of measure
    {report}/dataset, {report}/observation/{n}        a report's indicator data set and its observations
    {base}ontology#{term}                             the ontology's classes and properties

Reference data is written under the default base; `rebase` moves its IRIs under the configured one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from policykg.loaders.records import PREDICATES as RECORD_PREDICATES
from policykg.loaders.records import DocumentRecord
from policykg.ontology.terms import PKG
from policykg.settings import DEFAULT_BASE_IRI
from policykg.text import slug

_MAX_SLUG = 90
_UNIT_SIGNS = str.maketrans({"%": " percent ", "‰": " permille ", "³": "3", "²": "2"})

# The ontology's name of each predicate the loaders state (`applies_to` → `appliesTo`): one rule, so a predicate
# added to `records.PREDICATES` needs only its definition in `ontology/policykg.ttl`.
PREDICATES = {name: re.sub(r"_(\w)", lambda m: m.group(1).upper(), name) for name in RECORD_PREDICATES}


class IriPolicy:
    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.base = base

    def rebase(self, iri: str) -> str:
        return self.base + iri[len(DEFAULT_BASE_IRI) :] if iri.startswith(DEFAULT_BASE_IRI) else iri

    def rebased_triple(self, triple: tuple[Node, Node, Node]) -> tuple[Node, Node, Node]:
        s, p, o = (URIRef(self.rebase(str(t))) if isinstance(t, URIRef) else t for t in triple)
        return s, p, o

    def term(self, name: str) -> str:
        return f"{self.base}ontology#{name}"

    def predicate(self, name: str) -> str:
        return self.term(PREDICATES[name])

    def report(self, path: str) -> str:
        return f"{self.base}id/report/{_short(slug(Path(path).stem))}"

    def document(self, doc: DocumentRecord) -> str:
        return f"{self.base}id/document/{document_slug(doc)}"

    def place(self, reference: str | None, name: str) -> str:
        """The gazetteer's IRI (rebased) for a known unit, else one minted from the name."""
        return self.rebase(reference) if reference else f"{self.base}id/place/outside/{_short(slug(name))}"

    def hydropower(self, reference: str | None, name: str) -> str:
        return self.rebase(reference) if reference else f"{self.base}id/hydropower/{_short(slug(name))}"

    def graph_report(self, path: str) -> str:
        return f"{self.base}graph/report/{_short(slug(Path(path).stem))}"

    def graph_reference(self) -> str:
        return f"{self.base}graph/reference"

    def graph_ontology(self) -> str:
        return f"{self.base}graph/ontology"

    def mention(self, report: str, line: int, column: int, kind: str) -> str:
        """`…/mention/45-138-document`: where a mention starts, and what kind of entity it cites (a document
        and a programme may be cited by the same words, `Chương trình 135`)."""
        return f"{report}/mention/{line}-{column}-{kind}"

    def evidence(self, report: str, number: int) -> str:
        return f"{report}/evidence/{number}"

    def fact(self, report: str, number: int) -> str:
        return f"{report}/fact/{number}"

    def dataset(self, report: str) -> str:
        return f"{report}/dataset"

    def observation(self, report: str, number: int) -> str:
        return f"{report}/observation/{number}"

    def indicator(self, notation: str | None, wording: str) -> str:
        if notation:
            return f"{self.base}id/indicator/{notation}"
        return f"{self.base}id/indicator/wording/{_short(slug(wording) or 'unnamed')}"

    def unit(self, name: str) -> str:
        return f"{self.base}id/unit/{_short(slug(name.translate(_UNIT_SIGNS)))}"

    def status(self, name: str) -> str:
        return f"{self.base}id/status/{name}"

    def programme(self, reference: str | None, name: str) -> str:
        return self.rebase(reference) if reference else f"{self.base}id/programme/{_short(slug(name))}"


def document_slug(doc: DocumentRecord) -> str:
    """`07-2021-nq-hdnd` (normative: the year is in the symbol), `2009-qd-ttg-2013` (individual documents:
    numbers restart every year), `29-nq-tw-khoa-xi` (Party documents: numbers restart every committee term),
    `named-luat-dau-tu-cong` (cited without a symbol)."""
    if doc.symbol is None:
        return "named-" + _short(slug(doc.name or doc.raw[0]))
    text = slug(doc.symbol)
    if doc.symbol.count("/") >= 2:
        return text
    if doc.party and doc.term:
        return f"{text}-khoa-{doc.term.lower()}"
    if doc.year:
        return f"{text}-{doc.year}"
    return text


def document_class(doc: DocumentRecord) -> URIRef:
    """The subclass of pkg:Document a symbol's shape tells (normative, individual, letter, Party, named)."""
    symbol = doc.symbol
    if symbol is None:
        return PKG.NamedDocument
    if re.fullmatch(r"\d+[a-z]?-[^/]+/.+", symbol) and not re.match(r"\d+-\d{4}/", symbol):
        return PKG.PartyDocument
    if re.match(r"\d+[a-z]?[/-]\d{4}/", symbol):
        return PKG.NormativeDocument
    if doc.type == "Công văn":
        return PKG.OfficialLetter
    return PKG.IndividualDocument


def _short(text: str) -> str:
    """A slug cut to a readable length; a cut one keeps a hash of the whole, so two long names that differ
    only at the end (`… giai đoạn 2017-2020` / `… 2017-2021`) keep two IRIs."""
    if len(text) <= _MAX_SLUG:
        return text
    return text[: _MAX_SLUG - 9].rstrip("-") + "-" + hashlib.sha1(text.encode()).hexdigest()[:8]

"""The IRI policy: readable, deterministic IRIs under one configurable base.

    {base}id/report/{file stem}                       a report
    {base}id/document/{symbol slug}                   a normative document (year inside its symbol)
    {base}id/document/{symbol slug}-{year}            an individual or Party document (numbers recur yearly)
    {base}id/document/named-{name slug}               a document cited without a symbol
    {base}id/place/{name slug}                        a unit of the gazetteer (reference data)
    {base}id/place/outside/{name slug}                a place outside Lai Châu that the gazetteer lacks
    {base}id/hydropower/{name slug}                   a hydropower plant or project
    {base}id/programme/{name slug}                    a programme, scheme or project
    {base}ontology#{term}                             the ontology's classes and properties

Reference data is written under the default base; `rebase` moves its IRIs under the configured one.
"""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.records import DocumentRecord
from policykg.loaders.text import slug

from policykg.settings import DEFAULT_BASE_IRI

_MAX_SLUG = 90

PREDICATES = {
    "approves": "approves",
    "concerns": "concerns",
    "implements": "implements",
    "amends": "amends",
    "applies_to": "appliesTo",
    "establishes": "establishes",
    "located_in": "locatedIn",
    "resettles_to": "resettlesTo",
    "part_of": "partOf",
}


class IriPolicy:
    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.base = base

    def rebase(self, iri: str) -> str:
        return self.base + iri[len(DEFAULT_BASE_IRI) :] if iri.startswith(DEFAULT_BASE_IRI) else iri

    def term(self, name: str) -> str:
        return f"{self.base}ontology#{name}"

    def predicate(self, name: str) -> str:
        return self.term(PREDICATES[name])

    def report(self, path: str) -> str:
        return f"{self.base}id/report/{_short(slug(Path(path).stem))}"

    def document(self, doc: DocumentRecord) -> str:
        return f"{self.base}id/document/{document_slug(doc)}"

    def place(self, key: str, name: str) -> str:
        return self.rebase(key) if key.startswith("http") else f"{self.base}id/place/outside/{_short(slug(name))}"

    def hydropower(self, key: str, name: str) -> str:
        return self.rebase(key) if key.startswith("http") else f"{self.base}id/hydropower/{_short(slug(name))}"

    def programme(self, key: str, name: str) -> str:
        return self.rebase(key) if key.startswith("http") else f"{self.base}id/programme/{_short(slug(name))}"


def document_slug(doc: DocumentRecord) -> str:
    """`07-2021-nq-hdnd`, `2009-qd-ttg-2013`, `29-nq-tw-2013`, `29-nq-tw-khoa-xi`, `named-luat-dau-tu-cong`."""
    if doc.symbol is None:
        return "named-" + _short(slug(doc.name or doc.raw[0]))
    text = slug(doc.symbol)
    if doc.symbol.count("/") >= 2:
        return text
    if doc.year:
        return f"{text}-{doc.year}"
    if doc.term:
        return f"{text}-khoa-{doc.term.lower()}"
    return text


def _short(text: str) -> str:
    return text[:_MAX_SLUG].rstrip("-")

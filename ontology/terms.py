"""The names of the ontology's terms and of the vocabularies it reuses: the one place Python spells an IRI.

The terms themselves are defined in `policykg.ttl` (labels, definitions); a test checks that every `PKG`
term used here is declared there.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from policykg.settings import DEFAULT_BASE_IRI

PKG = Namespace(DEFAULT_BASE_IRI + "ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")
QB = Namespace("http://purl.org/linked-data/cube#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "pkg": PKG,
    "eli": ELI,
    "geo": GEO,
    "org": ORG,
    "prov": PROV,
    "dct": DCTERMS,
    "skos": SKOS,
    "rdfs": RDFS,
    "rdf": RDF,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
    "qb": QB,
    "wd": WD,
}

__all__ = [
    "DCTERMS",
    "ELI",
    "GEO",
    "ORG",
    "OWL",
    "PKG",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "WD",
    "XSD",
]

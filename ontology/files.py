"""The Turtle files of `ontology/`, read as package data."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph

from policykg.errors import ReferenceDataError
from policykg.ontology.terms import PREFIXES

ONTOLOGY_FILE = "policykg.ttl"
SHAPES_FILE = "shapes.ttl"
GLOSSARY_FILE = "reference/glossary.ttl"
REFERENCE_FILES = (
    "reference/places.ttl",
    "reference/issuers-and-types.ttl",
    "reference/known-documents.ttl",
    "reference/hydropower.ttl",
    "reference/programmes.ttl",
    "reference/party-terms.ttl",
    "reference/sources.ttl",
    "reference/indicators.ttl",
    GLOSSARY_FILE,
)


def turtle_text(name: str) -> str:
    """The text of one Turtle file of the package (`reference/places.ttl`)."""
    try:
        return resources.files("policykg.ontology").joinpath(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(f"ontology file {name}: {exc}") from exc


def parse_turtle(*names: str) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for name in names:
        try:
            graph.parse(data=turtle_text(name), format="turtle")
        except (SyntaxError, ValueError) as exc:
            raise ReferenceDataError(f"ontology file {name}: {exc}") from exc
    return graph


@lru_cache(maxsize=1)
def reference_graph() -> Graph:
    """All reference data in one graph (parsed once per process; do not modify it)."""
    return parse_turtle(*REFERENCE_FILES)


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return parse_turtle(ONTOLOGY_FILE)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return parse_turtle(SHAPES_FILE)

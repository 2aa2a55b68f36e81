"""Readable names, in Vietnamese and English, of the properties and classes the explorer's pages show: the
ontology's own `rdfs:label` for its terms, and those below for the terms it reuses from other vocabularies.
Internal properties (a search key, a geometry node, a copy of the name) are not shown at all."""

from __future__ import annotations

from functools import lru_cache

from rdflib import RDFS, Literal, URIRef

from policykg.ontology.files import ontology_graph

# Terms of SKOS, Dublin Core, RDF, GeoSPARQL, ELI, PROV, OWL and W3C Org that pages show, by local name.
REUSED = {
    "prefLabel": ("Tên", "Name"),
    "altLabel": ("Tên khác", "Other names"),
    "type": ("Loại", "Kind"),
    "source": ("Nguồn", "Source"),
    "sfWithin": ("Thuộc", "Within"),
    "title": ("Tiêu đề", "Title"),
    "date_document": ("Ngày ban hành", "Date of issue"),
    "spatial": ("Địa bàn", "Place"),
    "temporal": ("Thời kỳ", "Period"),
    "issued": ("Ngày", "Date"),
    "wasDerivedFrom": ("Lấy từ", "Derived from"),
    "sameAs": ("Cùng là", "Same as"),
    "definition": ("Định nghĩa", "Definition"),
    "notation": ("Mã", "Code"),
    "inScheme": ("Thuộc danh mục", "In scheme"),
    "broader": ("Thuộc nhóm", "Broader"),
    "comment": ("Ghi chú", "Note"),
    "note": ("Ghi chú", "Note"),
    "identifier": ("Mã định danh", "Identifier"),
    "seeAlso": ("Xem thêm", "See also"),
    "asWKT": ("Tọa độ", "Coordinates"),
}
HIDDEN = frozenset({"foldedLabel", "hasGeometry", "label"})


@lru_cache(maxsize=1)
def term_labels() -> dict[str, tuple[str, str]]:
    """Local name → (Vietnamese, English) for every labelled term of the ontology and the reused ones."""
    labels: dict[str, dict[str, str]] = {}
    for term, label in ontology_graph().subject_objects(RDFS.label):
        if isinstance(term, URIRef) and isinstance(label, Literal) and label.language in ("vi", "en"):
            name = str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            labels.setdefault(name, {})[label.language] = str(label)
    own = {name: (by.get("vi", name), by.get("en", by.get("vi", name))) for name, by in labels.items()}
    return {**REUSED, **own}


def term_label(name: str) -> tuple[str, str]:
    """(Vietnamese, English) of a term by its local name; the name itself when nothing names it."""
    return term_labels().get(name, (name, name))

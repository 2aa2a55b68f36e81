"""The kinds of entity the graph holds, named once. A new kind is a member here, its recogniser in
`loaders/pipeline.py`, its RDF in `graph/rdf/report.py`, its shape and its label below; everything that lists
kinds (the API's routes, the pages, the exports, the evaluation) iterates over this enum."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    DOCUMENT = "document"
    PLACE = "place"
    HYDROPOWER = "hydropower"
    PROGRAMME = "programme"
    REPORT = "report"


# The kinds the loaders find in a report's text (a report is the text itself).
FOUND_IN_TEXT = (Kind.DOCUMENT, Kind.PLACE, Kind.HYDROPOWER, Kind.PROGRAMME)

# Labels for people: Vietnamese first, English.
LABELS: dict[Kind, tuple[str, str]] = {
    Kind.DOCUMENT: ("Văn bản", "Document"),
    Kind.PLACE: ("Địa danh", "Place"),
    Kind.HYDROPOWER: ("Thủy điện", "Hydropower plant"),
    Kind.PROGRAMME: ("Chương trình", "Programme"),
    Kind.REPORT: ("Báo cáo", "Report"),
}

# The lookup route of each kind under /api (documents have their own, by symbol).
API_PATHS: dict[Kind, str] = {
    Kind.PLACE: "places",
    Kind.HYDROPOWER: "hydropower",
    Kind.PROGRAMME: "programmes",
    Kind.REPORT: "reports",
}

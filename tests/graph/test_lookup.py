"""Lookups on the bundled corpus: what they count in Python agrees with the SPARQL that states it."""

from __future__ import annotations

from policykg.graph.lookup import Catalogue, rows
from pyoxigraph import NamedNode

from policykg import queries


def test_most_cited_documents_come_first(catalogue: Catalogue) -> None:
    top = catalogue.most_cited("document", 5)
    counts = [sum(t["mentions"] for t in catalogue.context(e)["timeline"]) for e in top]
    assert [e.kind for e in top] == ["document"] * 5
    assert counts == sorted(counts, reverse=True) and counts[0] > 10


def test_the_timeline_counted_from_the_mentions_is_the_timeline_query(catalogue: Catalogue) -> None:
    # 29-NQ/TW of 2013 is cited by four of the five reports, the province by all five.
    for entry in [catalogue.document("29-NQ/TW", 2013), *catalogue.most_cited("place", 2)]:
        stated = rows(catalogue.backend.select(queries.load("timeline"), {"entity": NamedNode(entry.iri)}))
        expected = [
            {"report": r["report"], "title": r["title"], "period_start": r["periodStart"],
             "period_end": r["periodEnd"], "mentions": int(r["mentions"] or 0)}
            for r in stated
        ]  # fmt: skip
        assert catalogue.context(entry)["timeline"] == expected, entry.iri
        assert len(expected) >= 2


def test_a_context_is_the_same_with_its_queries_at_once_or_one_by_one(catalogue: Catalogue) -> None:
    for entry in [catalogue.document("29-NQ/TW", 2013), *catalogue.most_cited("place", 2)]:
        together = catalogue.context(entry)
        assert together["mentions"] and together["related"]
        assert together == catalogue.context(entry, parallel=False)

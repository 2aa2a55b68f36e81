"""Lookups on the bundled corpus: what they count in Python agrees with the SPARQL that states it."""

from __future__ import annotations

from collections import Counter

from policykg.graph.lookup.catalogue import Catalogue


def test_most_cited_documents_come_first(catalogue: Catalogue) -> None:
    top = catalogue.most_cited("document", 5)
    counts = [sum(t.mentions for t in catalogue.context(e).timeline) for e in top]
    assert [e.kind for e in top] == ["document"] * 5
    assert counts == sorted(counts, reverse=True) and counts[0] > 10


def test_the_timeline_agrees_with_the_mentions(catalogue: Catalogue) -> None:
    # 29-NQ/TW of 2013 is cited by four of the five reports, the province by all five.
    for entry in [catalogue.document("29-NQ/TW", 2013), *catalogue.most_cited("place", 2)]:
        context = catalogue.context(entry)
        by_report = Counter(m.report for m in context.mentions)
        assert {t.report: t.mentions for t in context.timeline} == by_report, entry.iri
        periods = [t.period_start or "" for t in context.timeline]
        assert periods == sorted(periods) and len(context.timeline) >= 2


def test_a_context_is_the_same_with_its_queries_at_once_or_one_by_one(catalogue: Catalogue) -> None:
    for entry in [catalogue.document("29-NQ/TW", 2013), *catalogue.most_cited("place", 2)]:
        together = catalogue.context(entry)
        assert together.mentions and together.related
        assert together == catalogue.context(entry, parallel=False)

"""The full-text index on its own: queries are words (abbreviations both ways), snippets are escaped, a graph
loaded without its reports is indexed from its mentions, and a search stops at its time limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.build.pipeline import build, load_nquads
from policykg.errors import QueryTimeout
from policykg.graph.lookup.fulltext import INDEX_FILE, KIND_BITS, FullTextIndex, Query, highlight
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.store.deadline import time_limit
from tests.graph.conftest import REPORTS


def test_a_query_is_words_with_the_reports_abbreviations_both_ways() -> None:
    assert Query.of("di dân TĐC").match() == '"di" AND "dan" AND ("tdc" OR "tai dinh cu")'
    assert Query.of("tái định cư").match() == '("tai dinh cu" OR "tdc")'
    assert Query.of('NEAR("x" y) OR *').match() == '"near" AND "x" AND "y" AND "or"'
    assert Query.of("…  —").words == []


def test_english_words_of_the_glossary_look_for_the_vietnamese_ones_too() -> None:
    assert (
        Query.of("resettlement Huoi Quang").match()
        == '("resettlement" OR "tdc" OR "tai dinh cu") AND "huoi" AND "quang" *'
    )
    assert Query.of("new rural development").match() == '("new rural development" OR "nong thon moi")'
    assert "rural" not in Query.of("nông thôn mới").match()  # Vietnamese is searched as it is


def test_a_snippet_escapes_the_words_and_marks_a_phrase_where_it_stands_together() -> None:
    marked = highlight("Ổn định <b>đời sống</b> sau di dân TĐC, tái định cư xong", Query.of("tái định cư"))
    assert "&lt;b&gt;" in marked and "<b>" not in marked
    assert marked.count("<mark>") == 4  # TĐC and the three words of the phrase, not the first `định`
    assert marked.startswith("Ổn định")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("fulltext") / "store"
    build(REPORTS[:2], store, IriPolicy())
    return store


def test_a_build_indexes_every_sentence_and_a_load_those_of_its_mentions(built: Path, tmp_path: Path) -> None:
    from_reports = FullTextIndex(built / "current" / INDEX_FILE)
    every = from_reports.sentences("nam", limit=1).total
    loaded = tmp_path / "loaded"
    counts = load_nquads(built / "current" / "dataset.nq", loaded)
    from_mentions = FullTextIndex(loaded / "current" / INDEX_FILE)
    assert 0 < counts["search"]["sentences"] < int(from_reports._run("SELECT count(*) FROM sentences")[0][0])
    assert 0 < from_mentions.sentences("nam", limit=1).total < every  # only the sentences that name something
    hit = from_mentions.sentences("huoi quang", limit=1).hits[0]
    assert any(e["label"] == "Huội Quảng" for e in hit.entities)


def test_entities_are_found_by_their_english_names_too(built: Path) -> None:
    index = FullTextIndex(built / "current" / INDEX_FILE)
    assert [h.label for h in index.entities("Huoi Quang Hydropower Plant", limit=1)] == ["Huội Quảng"]
    poverty = index.entities("sustainable poverty reduction", "programme")
    assert any(h.iri.endswith("/mtqg-giam-ngheo-ben-vung") for h in poverty), poverty


def test_an_english_search_finds_the_reports_vietnamese_sentences(built: Path) -> None:
    index = FullTextIndex(built / "current" / INDEX_FILE)
    english, vietnamese = index.sentences("resettlement Huoi Quang"), index.sentences("tái định cư Huội Quảng")
    assert english.total == vietnamese.total > 0
    assert "<mark>" in english.hits[0].snippet  # the Vietnamese words it found are marked


def test_a_search_past_its_time_limit_stops(built: Path) -> None:
    index = FullTextIndex(built / "current" / INDEX_FILE)
    with time_limit(1e-9), pytest.raises(QueryTimeout):
        index.sentences("nam")
    assert index.sentences("nam").total > 0  # the connection is not left with the limit


def test_a_mention_is_linked_to_the_sentence_of_its_line_that_holds_its_words(built: Path) -> None:
    index = FullTextIndex(built / "current" / INDEX_FILE)
    # A line of the bundled reports is a paragraph of several sentences: a mention in a later one is linked there.
    linked = index._run(
        "SELECT s.id, (SELECT min(t.id) FROM sentences t WHERE t.report = s.report AND t.line = s.line) "
        "FROM sentence_entities l JOIN sentences s ON s.id = l.sentence"
    )
    assert any(sentence != first for sentence, first in linked)
    plant = index._run(
        "SELECT s.folded FROM sentence_entities l JOIN sentences s ON s.id = l.sentence "
        "JOIN entities e ON e.id = l.entity WHERE e.iri LIKE '%/hydropower/huoi-quang'"
    )
    assert plant and all("huoi quang" in folded for (folded,) in plant)
    # The kinds a sentence names are the kinds of its linked entities.
    kinds = index._run(
        "SELECT s.kinds, group_concat(DISTINCT e.kind) FROM sentences s JOIN sentence_entities l ON l.sentence = s.id "
        "JOIN entities e ON e.id = l.entity GROUP BY s.id"
    )
    assert kinds and all(bits == sum(KIND_BITS[k] for k in named.split(",")) for bits, named in kinds)

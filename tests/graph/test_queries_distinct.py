"""The default graph is a set (issue 17): every triple of the named graphs once, however many report graphs
restate it, while `GRAPH ?g` still says which reports state it; and every SELECT of `queries/` answers each row
once, on the bundled corpus and on a generated store of 100,000 triples (`bench/generate.py`, whose reports
restate the most cited documents hundreds of times). Parameters are bound to entities both hold."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from policykg import queries
from policykg.build.pipeline import load_nquads
from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.store.embedded import EmbeddedBackend
from policykg.graph.store.layout import DATASET_FILE

GENERATE = Path(__file__).resolve().parents[2] / "bench" / "generate.py"

ID = "https://w3id.org/policykg/id/"
SAMPLES = {
    "entity": [f"{ID}document/29-nq-tw-khoa-xi", f"{ID}hydropower/huoi-quang", f"{ID}place/lai-chau",
               f"{ID}programme/mtqg-nong-thon-moi"],
    "place": [f"{ID}place/lai-chau", f"{ID}place/muong-te"],
    "plant": [f"{ID}hydropower/huoi-quang", f"{ID}hydropower/lai-chau"],
    "document": [f"{ID}document/29-nq-tw-khoa-xi"],
    "area": [f"{ID}place/lai-chau"],
    "concept": [f"{ID}indicator/poverty-rate"],
}  # fmt: skip
# Rows that may repeat, and why: two mentions of one entity in the same words on one line (the index links them
# to one sentence either way).
SKIPPED = {"search_mentions"}


@pytest.fixture(scope="module")
def generated(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalogue]:
    """A store of 100,000 generated triples, with the corpus build's reference and ontology graphs."""
    work = tmp_path_factory.mktemp("generated")
    real = Path(catalogue.backend.store_root) / "current" / DATASET_FILE  # type: ignore[attr-defined]
    data = work / "kg-100k.nq"
    subprocess.run([sys.executable, str(GENERATE), "--triples", "100000", "-o", str(data), "--real", str(real)],
                   check=True, capture_output=True)  # fmt: skip
    load_nquads(data, work / "store")
    opened = Catalogue(EmbeddedBackend(work / "store", workers=0))
    yield opened
    opened.close()


@pytest.fixture(params=["corpus", "generated"])
def store(request: pytest.FixtureRequest) -> Catalogue:
    found: Catalogue = request.getfixturevalue("catalogue" if request.param == "corpus" else "generated")
    return found


def _count(catalogue: Catalogue, query: str) -> int:
    return int(catalogue.backend.select(query).rows[0][0])  # type: ignore[arg-type]


def test_the_default_graph_holds_each_triple_of_the_named_graphs_once(store: Catalogue) -> None:
    quads = _count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    triples = _count(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    )
    assert quads > triples  # reports restate what they cite …
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == triples  # … the default graph once


def test_graph_still_says_which_reports_state_a_relation(store: Catalogue) -> None:
    restated = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?reports) WHERE {
          GRAPH ?g { ?e a pkg:RelationEvidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s ?p ?o }
        } GROUP BY ?s ?p ?o HAVING (COUNT(DISTINCT ?g) > 1) LIMIT 1"""
    rows = store.backend.select(restated).rows
    assert rows, "no relation is stated by two reports"
    s, p, o, reports = rows[0]
    once = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{s}> <{p}> <{o}> }}"
    assert _count(store, once) == 1 and int(reports) > 1  # type: ignore[arg-type]


def _selects() -> list[str]:
    return [n for n in queries.names() if n not in SKIPPED and re.search(r"^\s*SELECT", queries.load(n), re.M)]


@pytest.mark.parametrize("name", _selects())
def test_a_query_answers_each_row_once(store: Catalogue, name: str) -> None:
    text = queries.load(name)
    params = re.findall(r"^#\s*param:\s*\?(\w+)", text, re.MULTILINE)
    if any(p not in SAMPLES for p in params):
        pytest.skip(f"no sample for {params}")
    for value in SAMPLES[params[0]] if params else [None]:
        bindings = {p: NamedNode(SAMPLES[p][0]) for p in params}
        if value is not None:
            bindings[params[0]] = NamedNode(value)
        table = store.backend.select(text, bindings)
        rows = [tuple(r) for r in table.rows]
        assert len(rows) == len(set(rows)), f"{name} {value}: {len(rows) - len(set(rows))} of {len(rows)} rows again"

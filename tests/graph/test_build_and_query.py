"""`build` on the bundled corpus into a real pyoxigraph store, and the bundled queries asked of it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from policykg import queries
from policykg.build.pipeline import BuildResult, build
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.sparql.query import Table, select
from policykg.graph.store.layout import StoreLayout, open_store, read_manifest

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))
ID = "https://w3id.org/policykg/id/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    store = tmp_path_factory.mktemp("store")
    return store, build(REPORTS, store, IriPolicy())


def ask(store: Path, name: str, **params: str) -> Table:
    bindings = {k: NamedNode(v) if v.startswith("http") else Literal(v) for k, v in params.items()}
    return select(open_store(store), queries.load(name), bindings)


def column(table: Table, name: str) -> list[str | None]:
    i = table.columns.index(name)
    return [row[i] for row in table.rows]


def test_one_named_graph_per_report_plus_reference_and_ontology(built: tuple[Path, BuildResult]) -> None:
    store, result = built
    graphs = result.counts["graphs"]
    assert len(graphs) == 7
    assert {g for g in graphs if "/graph/report/" in g} == {
        f"https://w3id.org/policykg/graph/report/{p.stem}" for p in REPORTS
    }
    assert graphs["https://w3id.org/policykg/graph/reference"] > 3000
    assert result.counts["classes"]["https://w3id.org/policykg/ontology#Report"] == 5
    manifest = read_manifest(StoreLayout(store).current_build() or store)
    assert [r["file"] for r in manifest["reports"]] == [p.name for p in REPORTS]
    assert manifest["validated"] is True


def test_an_unchanged_corpus_is_rebuilt_from_the_cache(built: tuple[Path, BuildResult]) -> None:
    store, first = built
    again = build(REPORTS, store, IriPolicy())
    assert "extract + RDF (cached)" in again.timings and "extract + RDF" not in again.timings
    assert again.counts == first.counts
    assert len(list(StoreLayout(store).builds.iterdir())) == 1  # the previous build was removed


def test_a_decrees_context(built: tuple[Path, BuildResult]) -> None:
    table = ask(built[0], "mentions", entity=f"{ID}document/2009-qd-ttg-2013")
    assert column(table, "line") == ["45"]
    assert column(table, "section") == ["I / 1 / 1.6"]
    assert "Quyết định 2009/QĐ-TTg ngày 4/11/2013" in (column(table, "sentence")[0] or "")


def test_the_timeline_of_a_resolution_across_reports(built: tuple[Path, BuildResult]) -> None:
    table = ask(built[0], "timeline", entity=f"{ID}document/29-nq-tw-khoa-xi")
    assert column(table, "periodStart") == ["2013-01-01", "2020-01-01", "2020-01-01", "2023-01-01"]


def test_the_decisions_that_govern_a_plants_resettlement(built: tuple[Path, BuildResult]) -> None:
    # Whether a report states them or only cites them beside the plant (tests/graph/test_lookup.py has the paths).
    table = ask(built[0], "plant_resettlement", plant=f"{ID}hydropower/huoi-quang")
    documents = column(table, "documentLabel")
    assert {"Quyết định 2038/QĐ-TTg", "Quyết định 2042/QĐ-TTg"} <= set(documents)
    assert len(documents) == len(set(documents))  # each document once
    assert all(column(table, "sentence")) and all(column(table, "line"))


def test_documents_related_and_co_mentioned(built: tuple[Path, BuildResult]) -> None:
    related = ask(built[0], "relations", entity=f"{ID}document/2038-qd-ttg-2013")
    confidences = [float(c or "nan") for c in column(related, "confidence")]
    assert confidences and all(0 <= c <= 1 for c in confidences)
    assert confidences == sorted(confidences, reverse=True)
    co = ask(built[0], "co_mentioned", entity=f"{ID}document/2038-qd-ttg-2013")
    assert "Quyết định 2042/QĐ-TTg" in column(co, "label")


def test_documents_cited_together(built: tuple[Path, BuildResult]) -> None:
    table = select(open_store(built[0]), queries.load("cited_together"))
    pairs = {(a, b) for a, b in zip(column(table, "aLabel"), column(table, "bLabel"), strict=True)}
    assert ("Quyết định 2038/QĐ-TTg", "Quyết định 2042/QĐ-TTg") in pairs


def test_programmes_that_run_in_a_place(built: tuple[Path, BuildResult]) -> None:
    table = ask(built[0], "programmes_in_place", place=f"{ID}place/lai-chau")
    pairs = list(zip(column(table, "programme"), column(table, "where"), strict=True))
    assert len(pairs) > 5 and len(set(pairs)) == len(pairs)  # a programme once per place, however often stated
    assert f"{ID}place/tam-duong" in {w for _, w in pairs}  # a district within the province
    rows = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    assert all(r["sentence"] and r["report"] and int(r["statements"] or 0) >= int(r["reports"] or 0) >= 1 for r in rows)
    backed = [r for r in rows if int(r["documents"] or 0) > 0]
    assert backed and all(r["document"] and r["documentLabel"] and r["relation"] for r in backed)
    assert all(r["document"] is None for r in rows if r["documents"] == "0")
    # the surest document is named: "approves" before "implements" for the plan its decision approved
    surest = {(r["documentLabel"], r["relation"]) for r in backed}
    assert ("Quyết định 1406/QĐ-UBND", "https://w3id.org/policykg/ontology#approves") in surest


def test_every_bundled_query_parses_and_declares_its_parameters() -> None:
    from rdflib.plugins.sparql import prepareQuery

    for name in queries.names():
        text = queries.load(name)
        prepareQuery(text)
        for param in queries.parameters(text):
            assert f"?{param}" in text.split("\n", 2)[2], (name, param)


def test_a_build_killed_at_any_moment_leaves_a_whole_store(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    """Killed before the swap, the previous store serves; killed after it, the new one — never a part."""
    store = tmp_path / "store"
    shutil.copytree(built[0], store, symlinks=True)
    before = _triples(store)
    # Renamed copies of the reports: new cache keys, so each build really extracts, validates and loads.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in REPORTS:
        shutil.copy(path, corpus / f"copy-{path.name}")
    copies = sorted(corpus.iterdir())
    after = build(copies, tmp_path / "reference-store", IriPolicy()).counts["triples"]
    for delay in (0.3, 1.0, 2.0, 3.0, 4.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "policykg.cli", "build", "--store", str(store), *map(str, copies)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert _triples(store) in (before, after), delay
        shutil.rmtree(store / "cache", ignore_errors=True)


def _triples(store: Path) -> int:
    table = select(open_store(store), "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(table.rows[0][0] or 0)

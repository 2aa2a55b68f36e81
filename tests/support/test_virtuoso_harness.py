"""The Virtuoso harness against the real dataset, and how to query our named graphs on Virtuoso.

Our quads all live in named graphs. What works on Virtuoso 7.2.5 (each is asserted below):
- union of our graphs as the default graph: one `default-graph-uri` per graph (or one `FROM` per graph);
- per-graph access: `GRAPH ?g { ... }` with one `named-graph-uri` per graph (or `FROM NAMED`);
- never neither: the default dataset is every graph in the store, Virtuoso's system graphs included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from .virtuoso import VirtuosoError, VirtuosoServer, running_virtuoso, select, virtuoso_available

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://w3id.org/policykg/"
REPORT = BASE + "ontology#Report"
HUOI_QUANG = BASE + "id/hydropower/huoi-quang"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
VIRTRDF = "http://www.openlinksw.com/schemas/virtrdf#"


MISSING = "virtuoso-t / isql-vt not on PATH (apt-get install virtuoso-opensource-7-bin)"


def test_virtuoso_is_installed_in_ci() -> None:
    # CI installs Virtuoso: there a missing binary is a broken install and must fail, not skip quietly.
    if virtuoso_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{MISSING}, yet CI=true: .ci/run must install Virtuoso", pytrace=False)
    pytest.skip(MISSING)


@pytest.fixture(scope="module")
def needs_virtuoso() -> None:
    # The test above fails loudly in CI; everything that runs Virtuoso just skips.
    if not virtuoso_available():
        pytest.skip(MISSING)


@pytest.fixture(scope="module")
def dataset(needs_virtuoso: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("store")
    cmd = [sys.executable, "-m", "policykg.cli", "build", "--store", str(store)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return store / "current" / "dataset.nq"


@pytest.fixture(scope="module")
def quads(dataset: Path) -> list[Quad]:
    return list(parse(path=dataset, format=RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def counts(quads: list[Quad]) -> dict[str, int]:
    """Quads per named graph in the N-Quads file."""
    return dict(Counter(q.graph_name.value for q in quads if isinstance(q.graph_name, NamedNode)))


@pytest.fixture(scope="module")
def graphs(counts: dict[str, int]) -> list[str]:
    return sorted(counts)


@pytest.fixture(scope="module")
def virtuoso(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    with running_virtuoso(dataset, tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def value(row: dict[str, dict[str, str]], var: str) -> str:
    return row[var]["value"]


def test_dataset_has_seven_graphs_all_named(quads: list[Quad], counts: dict[str, int]) -> None:
    assert len(counts) == 7
    assert sum(counts.values()) == len(quads)
    assert all(g.startswith(BASE + "graph/") for g in counts)


def test_the_five_reports_are_there(virtuoso: VirtuosoServer, graphs: list[str]) -> None:
    query = f"SELECT DISTINCT ?r WHERE {{ ?r a <{REPORT}> }}"
    assert len(select(virtuoso, query, default_graphs=graphs)) == 5
    query = f"SELECT DISTINCT ?r WHERE {{ GRAPH ?g {{ ?r a <{REPORT}> }} }}"
    assert len(select(virtuoso, query, named_graphs=graphs)) == 5


def test_counts_per_named_graph_equal_the_file(
    virtuoso: VirtuosoServer, graphs: list[str], counts: dict[str, int]
) -> None:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = select(virtuoso, query, named_graphs=graphs)
    assert {value(r, "g"): int(value(r, "n")) for r in rows} == counts


def test_union_of_named_graphs_is_a_bag_use_distinct_for_a_merge(
    virtuoso: VirtuosoServer, graphs: list[str], quads: list[Quad]
) -> None:
    distinct_triples = len({q.triple for q in quads})
    assert distinct_triples < len(quads)  # some triples are stated in two graphs (reference and a report)
    count_all = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    count_distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert value(select(virtuoso, count_all, default_graphs=graphs)[0], "n") == str(len(quads))
    assert value(select(virtuoso, count_distinct, default_graphs=graphs)[0], "n") == str(distinct_triples)
    # FROM clauses in the query make the same default graph as default-graph-uri parameters.
    froms = " ".join(f"FROM <{g}>" for g in graphs)
    assert value(select(virtuoso, count_all.replace("WHERE", f"{froms} WHERE"))[0], "n") == str(len(quads))


def test_the_unrestricted_dataset_holds_system_graphs(
    virtuoso: VirtuosoServer, graphs: list[str], quads: list[Quad]
) -> None:
    # Without default-graph-uri/FROM the default graph is every graph: COUNT(*) is too large.
    assert int(value(select(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0], "n")) > len(quads)
    # default-graph-uri alone does not restrict GRAPH ?g (the SPARQL protocol says it should leave no
    # named graphs): pass named-graph-uri as well whenever a query uses GRAPH.
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert VIRTRDF in {value(r, "g") for r in select(virtuoso, query, default_graphs=graphs)}
    assert {value(r, "g") for r in select(virtuoso, query, named_graphs=graphs)} == set(graphs)


def test_no_silent_row_cap(virtuoso: VirtuosoServer, graphs: list[str], quads: list[Quad]) -> None:
    # Debian's ini stops at 10000 rows without a word; ours sets ResultSetMaxRows far higher.
    rows = select(virtuoso, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=graphs)
    assert len(rows) == len(quads) > 10_000


def test_vietnamese_literal_round_trips_nfc(virtuoso: VirtuosoServer, graphs: list[str]) -> None:
    label = unicodedata.normalize("NFC", "Huội Quảng")
    query = f'SELECT ?l WHERE {{ <{HUOI_QUANG}> <{PREF_LABEL}> ?l FILTER(LANG(?l) = "vi") }}'
    (row,) = select(virtuoso, query, default_graphs=graphs)
    assert row["l"]["xml:lang"] == "vi"
    assert value(row, "l") == label
    assert unicodedata.is_normalized("NFC", value(row, "l"))
    # A literal in the query (UTF-8 in the GET URL) matches; Virtuoso compares code points, so an NFD
    # spelling finds nothing: normalise user input to NFC before it reaches a query.
    by_label = f'SELECT ?s WHERE {{ ?s <{PREF_LABEL}> "{label}"@vi }}'
    assert [value(r, "s") for r in select(virtuoso, by_label, default_graphs=graphs)] == [HUOI_QUANG]
    nfd = by_label.replace(label, unicodedata.normalize("NFD", label))
    assert select(virtuoso, nfd, default_graphs=graphs) == []


def test_partial_results_raise(virtuoso: VirtuosoServer, graphs: list[str]) -> None:
    # Past its timeout Virtuoso answers HTTP 200 with a wrong COUNT and only X-SQL-State: S1TAT says so; or, when
    # the timeout falls elsewhere in the run (a loaded machine), HTTP 500 SR203. Neither is taken as an answer.
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }"
    with pytest.raises(VirtuosoError, match=r"S1TAT|SR203"):
        select(virtuoso, slow, default_graphs=graphs, timeout_ms=100)


def virtuoso_processes(workdir: Path) -> list[int]:
    """Pids of processes whose command line names `workdir` (our servers pass their ini path)."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(workdir) in cmdline.read_bytes().decode(errors="replace"):
                pids.append(int(cmdline.parent.name))
        except OSError:  # the process ended while we looked
            continue
    return pids


@pytest.mark.usefixtures("needs_virtuoso")
def test_stops_on_exit(tmp_path: Path) -> None:
    data = tmp_path / "data" / "tiny.nq"
    data.parent.mkdir()
    data.write_text(f'<{HUOI_QUANG}> <{PREF_LABEL}> "Huội Quảng"@vi <{BASE}graph/reference> .\n', encoding="utf-8")
    with running_virtuoso(data, tmp_path / "db") as server:
        assert virtuoso_processes(tmp_path / "db") == [server.pid]
        assert len(select(server, "SELECT * WHERE { ?s ?p ?o }", default_graphs=[f"{BASE}graph/reference"])) == 1
    assert virtuoso_processes(tmp_path / "db") == []


@pytest.mark.usefixtures("needs_virtuoso")
def test_a_bad_file_raises_with_the_loader_message_and_stops(tmp_path: Path) -> None:
    data = tmp_path / "data" / "bad.nq"
    data.parent.mkdir()
    data.write_text(f'<{HUOI_QUANG}> <{PREF_LABEL}> "unterminated <{BASE}graph/reference> .\n', encoding="utf-8")
    with pytest.raises(VirtuosoError, match=r"load_list.*NQuads RDF loader"), running_virtuoso(data, tmp_path / "db"):
        pass
    assert virtuoso_processes(tmp_path / "db") == []

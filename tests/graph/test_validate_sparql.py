"""The shapes compiled to SPARQL report what pySHACL reports: on the valid graph, on each graph of
test_shapes.py broken one constraint at a time, and on graphs with warnings; and shapes it does not know are
refused, not half-checked."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store
from rdflib import Graph

from policykg.build.pipeline import build
from policykg.errors import ValidationError
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.store.layout import StoreLayout
from policykg.graph.validation import compiled as validate_sparql
from policykg.graph.validation.compiled import NotCompiled, compile_shapes, validate_on_store
from policykg.graph.validation.processes import CheckProcesses
from policykg.graph.validation.shacl import Violation, validate_graph
from policykg.ontology.files import ontology_graph, shapes_graph
from tests.graph.test_shapes import CASES, VALID, broken_graph


def on_store(graph: Graph, path: Path | None = None) -> list[Violation]:
    store = Store(str(path) if path else None)
    for data, name in ((graph, "https://w3id.org/policykg/graph/data"), (ontology_graph(), "https://w3id.org/x")):
        for target in (NamedNode(name), DefaultGraph()):  # each in its graph and in the default graph, as a build
            store.load(data.serialize(format="nt").encode(), format=RdfFormat.N_TRIPLES, to_graph=target)
    return validate_on_store(store)


def test_the_queries_answered_by_processes_give_what_threads_give(tmp_path: Path) -> None:
    graph = broken_graph(MORE[-1])
    in_threads = on_store(graph, tmp_path / "store")  # the store written, then read by forked processes
    checking = CheckProcesses.start(2)
    assert checking is not None
    with checking:
        in_processes = validate_on_store(
            Store.read_only(str(tmp_path / "store")), answers=partial(checking.answers, tmp_path / "store")
        )
    assert in_processes and same(in_processes) == same(in_threads)


def same(violations: list[Violation]) -> set[tuple[object, ...]]:
    return {(v.focus, v.path, v.shape, v.severity, v.value, v.report, v.line, v.label) for v in violations}


def test_the_valid_graph_conforms_on_the_store() -> None:
    assert on_store(Graph().parse(VALID)) == []


@pytest.mark.parametrize(("shape", "update"), CASES, ids=[f"{s}-{i}" for i, (s, _u) in enumerate(CASES)])
def test_each_broken_graph_gives_the_results_pyshacl_gives(shape: str, update: str) -> None:
    compiled = on_store(broken_graph(update))
    assert shape in {v.shape for v in compiled}
    assert same(compiled) == same(validate_graph(broken_graph(update)))


# Constraints the cases above leave out, and results of warning severity.
MORE = [
    'INSERT DATA { id:document\\/2038-qd-ttg-2013 eli:date_document "2013-11-06"^^xsd:date }',  # a warning
    'INSERT DATA { id:document\\/2038-qd-ttg-2013 eli:date_document "2013-13-45"^^xsd:date }',  # ill-typed
    'DELETE WHERE { id:report\\/r pkg:lineCount ?c } ; INSERT DATA { id:report\\/r pkg:lineCount "-3"^^xsd:integer }',
    'INSERT DATA { id:document\\/2038-qd-ttg-2013 pkg:symbol "20" }',  # minLength, maxCount
    'INSERT DATA { id:document\\/2038-qd-ttg-2013 pkg:symbol "2038/QĐ-TTg"@vi }',  # datatype
    'INSERT DATA { id:report\\/r\\/mention\\/48-150-document pkg:refersTo "someone" }',  # nodeKind
    'INSERT DATA { id:term\\/x a pkg:PartyTerm ; pkg:termOf id:org\\/ttg ; pkg:termNumber "X" ;'
    ' pkg:periodStart "2020-01-01"^^xsd:date ; pkg:periodEnd "2020-01-01"^^xsd:date }',  # lessThan, class
    'INSERT DATA { id:hydropower\\/huoi-quang pkg:capacityMW "much" }',  # minExclusive on a string
]


@pytest.mark.parametrize("update", MORE)
def test_other_constraints_and_warnings_give_what_pyshacl_gives(update: str) -> None:
    compiled = on_store(broken_graph(update))
    assert compiled
    assert same(compiled) == same(validate_graph(broken_graph(update)))


# A property several shapes restrict to one value, given two: a fault of the focus node's own shapes only.
SHARED = [
    'INSERT DATA { id:report\\/r\\/mention\\/48-150-document pkg:line "151"^^xsd:positiveInteger }',
    'INSERT DATA { id:report\\/r pkg:line "1"^^xsd:positiveInteger, "2"^^xsd:positiveInteger }',  # no shape's
    # A value four shapes test alike (one query for all): a fault of the mention's shapes only.
    "DELETE WHERE { id:report\\/r\\/mention\\/48-150-document pkg:line ?l } ;"
    ' INSERT DATA { id:report\\/r\\/mention\\/48-150-document pkg:line "0"^^xsd:integer }',
    'INSERT DATA { id:report\\/r pkg:line "0"^^xsd:integer }',  # no shape's
]


@pytest.mark.parametrize("update", SHARED)
def test_a_property_several_shapes_restrict_is_a_fault_of_the_right_shape(update: str) -> None:
    assert same(on_store(broken_graph(update))) == same(validate_graph(broken_graph(update)))


def shapes_and(report_property: str) -> Graph:
    """The shapes of `ontology/shapes.ttl` and one more on reports, with this property shape (`sh:`, `pkg:`)."""
    shapes = Graph()
    for triple in shapes_graph():
        shapes.add(triple)
    prefixes = "PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX pkg: <https://w3id.org/policykg/ontology#>"
    shape = f"pkg:ExtraShape a sh:NodeShape ; sh:targetClass pkg:Report ; sh:property [ {report_property} ]"
    shapes.update(f"{prefixes} INSERT DATA {{ {shape} }}")
    return shapes


def test_a_shape_the_compiler_does_not_know_is_refused() -> None:
    with pytest.raises(NotCompiled, match="qualifiedMinCount"):
        compile_shapes(shapes_and("sh:path pkg:line ; sh:qualifiedMinCount 1"))


def test_the_processes_leave_ctrl_c_to_the_caller(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C reaches a whole process group: the processes, waiting for work, neither end nor print a traceback;
    the caller, interrupted, closes them."""
    in_threads = on_store(broken_graph(MORE[-1]), tmp_path / "store")
    before = _children()  # the servers other tests started
    checking = CheckProcesses.start(2)
    assert checking is not None
    with checking:
        children = _children() - before
        assert len(children) == 2
        for child in children:
            os.kill(int(child), signal.SIGINT)
        time.sleep(0.5)  # a signal is delivered at once; the time is for a traceback to be written, were one due
        store = Store.read_only(str(tmp_path / "store"))
        in_processes = validate_on_store(store, answers=partial(checking.answers, tmp_path / "store"))
    assert same(in_processes) == same(in_threads)
    assert "Traceback" not in capfd.readouterr().err


def _children() -> set[str]:
    return set(Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split())


@pytest.mark.parametrize("processes", [1, 2])  # the shapes' queries in this process, or in forked ones
def test_a_build_that_breaks_a_shape_swaps_nothing_in(
    tmp_path: Path, report_path: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    report = report_path("2012-9m-portal-socio-economic-article")
    store = tmp_path / "store"
    build([report], store, IriPolicy(), processes=1)
    before = StoreLayout(store).current_build()
    stricter = shapes_and("sh:path pkg:author ; sh:minCount 1")
    monkeypatch.setattr(validate_sparql, "compiled_shapes", lambda: tuple(compile_shapes(stricter)))
    with pytest.raises(ValidationError) as raised:
        build([report], store, IriPolicy(), processes=processes)
    assert raised.value.violations == [
        "2012-9m-portal-socio-economic-article.txt: Violation"
        " https://w3id.org/policykg/id/report/2012-9m-portal-socio-economic-article"
        " (Kinh tế - Xã hội, AN-QP tỉnh Lai Châu 9 tháng đầu năm 2012) pkg:author: no value of pkg:author"
    ]
    assert StoreLayout(store).current_build() == before
    assert [p.name for p in (store / "builds").iterdir()] == [before.name]  # type: ignore[union-attr]


@pytest.mark.parametrize(("lines", "faults"), [(2, 0), (3, 1)])
def test_a_max_count_above_one_counts_the_values_as_pyshacl_does(lines: int, faults: int) -> None:
    """`sh:maxCount 2` on a report given 2 or 3 lines; each value is in a report graph and in the default graph
    (as a build writes it), so a count of the default graph's triples is a count of values."""
    import pyshacl

    shapes = shapes_and("sh:path pkg:line ; sh:maxCount 2")
    values = ", ".join(f'"{n}"^^xsd:positiveInteger' for n in range(1, lines + 1))
    graph = broken_graph(f"INSERT DATA {{ id:report\\/r pkg:line {values} }}")
    store = Store()
    for target in (NamedNode("https://w3id.org/policykg/graph/data"), DefaultGraph()):
        store.load((graph + ontology_graph()).serialize(format="nt").encode(), RdfFormat.N_TRIPLES, to_graph=target)
    extra = [c for c in compile_shapes(shapes) if c.shape == "ExtraShape"]
    found = validate_on_store(store, extra)
    assert [(v.path, v.message) for v in found] == [("pkg:line", "more than 2 values of pkg:line")] * faults
    _conforms, results, _text = pyshacl.validate(graph + ontology_graph(), shacl_graph=shapes, inference="none")
    reported = results.query(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT ?focus WHERE { ?r sh:resultPath "
        "<https://w3id.org/policykg/ontology#line> ; sh:focusNode ?focus }"
    )
    assert len(reported) == faults == len({v.focus for v in found})

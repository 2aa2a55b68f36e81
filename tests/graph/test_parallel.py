"""Work shared out among forked processes gives what one process gives: same results, same order, same errors."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from policykg.graph.parallel import forked_map
from policykg.graph.validate import validate_graph
from rdflib import Graph, Literal, URIRef

from policykg.errors import InputError

VALID = Path(__file__).parent / "fixtures" / "valid.ttl"
PKG = "https://w3id.org/policykg/ontology#"


def _tag(prefix: str, item: int) -> tuple[str, int]:
    return f"{prefix}{item}", os.getpid()


def _refuse(_shared: None, item: str) -> str:
    raise InputError(item, "not a report")


def test_results_come_back_in_order_from_other_processes() -> None:
    assert threading.active_count() == 1, "a threaded test process would run the tasks itself"
    out = forked_map(_tag, "n", list(range(20)), processes=2)
    assert [tag for tag, _pid in out] == [f"n{i}" for i in range(20)]
    assert {pid for _tag_, pid in out} - {os.getpid()}, "no task ran in a forked process"


def test_one_process_runs_everything_itself() -> None:
    out = forked_map(_tag, "n", [1, 2], processes=1)
    assert out == [("n1", os.getpid()), ("n2", os.getpid())]


def test_an_error_in_a_forked_process_reaches_the_caller_whole() -> None:
    with pytest.raises(InputError) as raised:
        forked_map(_refuse, None, ["a.txt", "b.txt"], processes=2)
    assert raised.value.path == "a.txt" and str(raised.value) == "a.txt: not a report"


def test_shapes_shared_out_report_what_one_process_reports() -> None:
    def broken() -> Graph:
        graph = Graph().parse(VALID)
        mention = next(graph.subjects(URIRef(PKG + "line"), None))
        graph.remove((mention, URIRef(PKG + "line"), None))
        document = next(graph.subjects(URIRef(PKG + "symbol"), None))
        graph.add((document, URIRef(PKG + "number"), Literal("not a number")))
        return graph

    alone, shared = validate_graph(broken(), processes=1), validate_graph(broken(), processes=2)
    assert len(alone) >= 2
    assert shared == alone

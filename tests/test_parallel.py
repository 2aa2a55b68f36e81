"""Work shared out among forked processes gives what one process gives: same results, same order, same errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from policykg.errors import InputError
from policykg.graph.validation.shacl import validate_graph
from policykg.parallel import forked_map

VALID = Path(__file__).parent / "graph" / "fixtures" / "valid.ttl"
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


def test_forked_processes_end_with_a_parent_killed_mid_map(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    # The work outlasts the test's waits by far, so that a process that ends is one that was ended.
    script = f"""
import os, time
from pathlib import Path
from policykg.parallel import forked_map

def work(_shared, item):
    with Path({str(pids)!r}).open("a") as out:
        out.write(f"{{os.getpid()}}\\n")
    time.sleep(3600)

forked_map(work, None, [1, 2], processes=2)
"""
    parent = subprocess.Popen([sys.executable, "-c", script])
    # Generous deadlines only against a hang (no speed is asserted): each loop ends as soon as its condition holds.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not pids.exists() or len(pids.read_text().split()) < 2):
        time.sleep(0.05)
    children = [int(p) for p in pids.read_text().split()]
    assert len(children) == 2
    parent.kill()  # kill -9: the parent cannot clean up
    parent.wait()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.05)
    survivors = [pid for pid in children if _alive(pid)]
    for pid in survivors:  # not left sleeping for an hour
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "a forked process outlived its killed parent"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's reaper is missing

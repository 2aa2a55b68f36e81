"""Faults, for real: a full disk during a build, a missing or corrupted store at serve, a query worker killed
mid-query, Virtuoso going away under a running server. Each gives a clear error and loses nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import require_virtuoso, start_server
from tests.support.servers import stop
from tests.support.virtuoso import running_virtuoso

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "data" / "reports").glob("*.txt"))
SMALL = ROOT / "data" / "reports" / "2012-9m-portal-socio-economic-article.txt"
CLI = [sys.executable, "-m", "policykg.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=ROOT, capture_output=True, text=True, check=False)


def triples(store: Path) -> int:
    out = run(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store), "--format", "csv"
    )
    assert out.returncode == 0, out.stderr
    return int(out.stdout.split()[1])


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 20 MB tmpfs: room for one small build (11 MB with its cache), not for the whole corpus (about 40 MB)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if result.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a tmpfs for the full-disk test: {result.stderr.decode().strip()}")
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_the_build_cleanly_and_keeps_the_previous_store(small_disk: Path) -> None:
    store = small_disk / "store"
    first = run("build", str(SMALL), "--store", str(store))
    assert first.returncode == 0, first.stderr
    before = triples(store)
    full = run("build", *map(str, REPORTS), "--store", str(store))
    assert full.returncode == 2
    assert full.stdout == "" and len(full.stderr.strip().splitlines()) == 1
    assert "No space left on device" in full.stderr and "Traceback" not in full.stderr
    assert triples(store) == before
    assert len(list((store / "builds").iterdir())) == 1  # the half-written build was removed


def test_a_missing_or_corrupted_store_is_one_line_at_serve(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("build", str(SMALL), "--store", str(store)).returncode == 0
    build = (store / "current").resolve()
    shutil.rmtree(build / "oxigraph")
    for path in (build / "oxigraph",):
        path.mkdir()
        (path / "CURRENT").write_text("garbage\n", encoding="utf-8")
    corrupted = run("serve", "--store", str(store), "--port", "1")
    assert corrupted.returncode == 2 and len(corrupted.stderr.strip().splitlines()) == 1
    assert "cannot open the store" in corrupted.stderr and "Traceback" not in corrupted.stderr
    shutil.rmtree(build)
    missing = run("query", "ASK {}", "--store", str(store))
    assert missing.returncode == 2 and "incomplete build" in missing.stderr
    assert run("build", str(SMALL), "--store", str(store)).returncode == 0  # recovery: build again
    assert triples(store) > 0


def _workers(server_pid: int) -> list[int]:
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def test_a_worker_killed_mid_query_is_a_clear_error_and_the_server_goes_on(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("build", str(SMALL), "--store", str(store)).returncode == 0
    process, url = start_server(["--store", str(store)], {"POLICYKG_QUERY_TIMEOUT": "30"}, tmp_path / "serve.log")
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        answer: dict[str, httpx.Response] = {}
        thread = threading.Thread(target=lambda: answer.update(r=httpx.get(f"{url}/sparql", params={"query": slow},
                                                                             timeout=60)))  # fmt: skip
        thread.start()
        time.sleep(1.5)
        for pid in _workers(process.pid):
            os.kill(pid, signal.SIGKILL)
        thread.join(timeout=60)
        assert answer["r"].status_code == 503 and answer["r"].json()["code"] == "engine_stopped"
        again = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert again.status_code == 200 and again.json()["boolean"] is True
        assert httpx.get(f"{url}/healthz").status_code == 200
    finally:
        stop(process)


def test_virtuoso_going_away_mid_run(tmp_path: Path) -> None:
    require_virtuoso()
    store = tmp_path / "store"
    assert run("build", str(SMALL), "--store", str(store)).returncode == 0
    with running_virtuoso(store / "current" / "dataset.nq", tmp_path / "virtuoso") as virtuoso:
        process, url = start_server(["--endpoint", virtuoso.sparql_url], {}, tmp_path / "serve.log")
        assert httpx.get(f"{url}/api/hydropower/huoi-quang").status_code == 200
    try:  # Virtuoso has stopped; the server has not
        gone = httpx.get(f"{url}/api/hydropower/huoi-quang", timeout=30)
        assert gone.status_code == 503 and gone.json()["code"] == "store_unavailable"
        assert httpx.get(f"{url}/healthz", timeout=30).status_code == 503
        sparql = httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=30)
        assert sparql.status_code == 503
    finally:
        stop(process)

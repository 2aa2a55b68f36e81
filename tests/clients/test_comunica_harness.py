"""The real Comunica client (tests/clients/comunica.py) against an Oxigraph server holding the real dataset."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.servers import free_port, stop

from .comunica import ComunicaError, comunica_select, require_comunica

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://w3id.org/policykg/"
HUOI_QUANG = BASE + "id/hydropower/huoi-quang"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


@pytest.fixture(scope="module")
def comunica() -> None:
    require_comunica()


@pytest.fixture(scope="module")
def endpoint(comunica: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query endpoint of a read-only Oxigraph server on loopback with the real dataset; stopped afterwards."""
    oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    assert oxigraph, "the oxigraph server is not installed in the project environment"
    store, data = tmp_path_factory.mktemp("store"), tmp_path_factory.mktemp("oxigraph")
    build = [sys.executable, "-m", "policykg.cli", "build", "--store", str(store)]
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True)
    load = [oxigraph, "load", "--location", str(data), "--file", str(store / "current" / "dataset.nq")]
    subprocess.run(load, check=True, capture_output=True)
    port = free_port()
    log = data.parent / "oxigraph-server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [oxigraph, "serve-read-only", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 120  # only against a hang: the loop ends when the server answers
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not start on port {port}:\n{log.read_text()}", pytrace=False)
                time.sleep(0.1)
        yield url
    finally:
        stop(server)


def test_counts_the_reports(endpoint: str) -> None:
    query = f"SELECT (COUNT(?r) AS ?n) WHERE {{ GRAPH ?g {{ ?r a <{BASE}ontology#Report> }} }}"
    assert comunica_select(endpoint, query) == [{"n": "5"}]


def test_reads_a_vietnamese_label_in_nfc(endpoint: str) -> None:
    query = f'SELECT ?l WHERE {{ GRAPH ?g {{ <{HUOI_QUANG}> <{PREF_LABEL}> ?l FILTER(lang(?l) = "vi") }} }}'
    rows = comunica_select(endpoint, query)
    assert rows == [{"l": "Huội Quảng"}]
    assert unicodedata.is_normalized("NFC", rows[0]["l"])


def test_sends_a_vietnamese_literal_in_the_query(endpoint: str) -> None:
    query = f'SELECT ?h WHERE {{ GRAPH ?g {{ ?h <{PREF_LABEL}> "Huội Quảng"@vi }} }}'
    assert comunica_select(endpoint, query) == [{"h": HUOI_QUANG}]


def test_a_long_query_goes_by_post_and_still_answers(endpoint: str) -> None:
    # Past 600 characters of URL Comunica POSTs the query form-encoded instead of GET ?query=.
    query = f"SELECT (COUNT(?r) AS ?n) WHERE {{ GRAPH ?g {{ ?r a <{BASE}ontology#Report> }} }} # {'x' * 700}\n"
    assert comunica_select(endpoint, query) == [{"n": "5"}]


def test_an_http_error_is_raised_with_comunicas_stderr(endpoint: str) -> None:
    with pytest.raises(ComunicaError, match=r"HTTP status 404"):
        comunica_select(endpoint.replace("/query", "/no-such-endpoint"), "SELECT * WHERE { ?s ?p ?o } LIMIT 1")

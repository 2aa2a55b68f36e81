"""`policykg serve` before it serves: what it refuses, in one line, and what `--build` does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import start_server
from tests.support.servers import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "data" / "reports" / "2012-9m-portal-socio-economic-article.txt"


def serve(*args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    """`serve` expected to stop before it listens; the timeout only keeps a wrongly started server from hanging."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **settings}
    command = [sys.executable, "-m", "policykg.cli", "serve", "--port", str(free_port()), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, check=False, timeout=120)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("policykg: ")
    return lines[0]


@pytest.mark.parametrize(
    ("endpoint", "message"),
    [
        ("http://127.0.0.1:{closed}/sparql", "http://127.0.0.1:{closed}/sparql: the SPARQL endpoint does not answer"),
        ("http://dba:s3cret@127.0.0.1:{closed}/sparql", "http://***:***@127.0.0.1:{closed}/sparql: the SPARQL"),
        ("notaurl", "--endpoint notaurl: not a URL"),
        ("ftp://127.0.0.1/sparql", "--endpoint ftp://127.0.0.1/sparql: not an http:// or https:// URL"),
    ],
)
def test_an_endpoint_that_does_not_answer_is_refused_in_one_line(endpoint: str, message: str) -> None:
    closed = free_port()
    line = one_line(serve("--endpoint", endpoint.format(closed=closed)))
    assert line.startswith(f"policykg: {message.format(closed=closed)}")
    assert "s3cret" not in line


def test_the_endpoint_setting_is_checked_too() -> None:
    line = one_line(serve(POLICYKG_ENDPOINT=f"http://127.0.0.1:{free_port()}/sparql"))
    assert "the SPARQL endpoint does not answer" in line


def test_no_store_is_refused_not_built(tmp_path: Path) -> None:
    typo = tmp_path / "stroe"
    line = one_line(serve("--store", str(typo)))
    assert line == f"policykg: no store in {typo}; run `policykg build --store {typo}` first, or pass --build"
    assert not typo.exists()


def test_build_is_not_for_an_endpoint() -> None:
    line = one_line(serve("--build", "--endpoint", "http://127.0.0.1:1/sparql"))
    assert "--build" in line


def test_build_builds_the_corpus_then_serves_it(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / SMALL.name).write_bytes(SMALL.read_bytes())
    store = tmp_path / "store"
    log = tmp_path / "serve.log"
    process, url = start_server(["--build", "--store", str(store)], {"POLICYKG_REPORTS_DIR": str(reports)}, log)
    try:
        assert (store / "current" / "manifest.json").is_file()
        answer = httpx.get(f"{url}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?r a ?c }"},
                           headers={"Accept": "application/sparql-results+json"}, timeout=30)  # fmt: skip
        assert answer.status_code == 200 and int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 0
    finally:
        stop(process)
    assert f"building {store} from {reports} first" in log.read_text(encoding="utf-8")

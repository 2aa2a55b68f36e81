"""`policykg push` into a real Virtuoso through its Graph Store endpoint (HTTP Digest), then read back."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.api.conftest import require_virtuoso
from tests.support.servers import free_port
from tests.support.virtuoso import running_virtuoso, select

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "reports" / "2012-9m-portal-socio-economic-article.txt"
CLI = [sys.executable, "-m", "policykg.cli"]


def test_push_every_named_graph_into_virtuoso(tmp_path: Path) -> None:
    require_virtuoso()
    store = tmp_path / "store"
    cli = [sys.executable, "-m", "policykg.cli"]
    subprocess.run([*cli, "build", str(REPORT), "--store", str(store)], cwd=ROOT, check=True, capture_output=True)
    seed = tmp_path / "seed" / "seed.nq"
    seed.parent.mkdir()
    seed.write_text("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n", encoding="utf-8")
    with running_virtuoso(seed, tmp_path / "virtuoso") as virtuoso:
        crud = f"http://127.0.0.1:{virtuoso.http_port}/sparql-graph-crud-auth"
        result = subprocess.run(
            [*cli, "push", "--endpoint", crud, "--store", str(store), "--graph-parameter", "graph-uri",
             "--user", "dba"],
            cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "POLICYKG_PUSH_PASSWORD": "dba"},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        pushed = dict(line.removeprefix("pushed ").rsplit(": ", 1) for line in result.stdout.splitlines())
        assert len(pushed) == 3  # the report, the reference data, the ontology
        for graph, triples in pushed.items():
            rows = select(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graphs=[graph])
            assert int(rows[0]["n"]["value"]) == int(triples.split()[0]), graph
        wrong = subprocess.run(
            [*cli, "push", "--endpoint", crud, "--store", str(store), "--graph-parameter", "graph-uri",
             "--user", "dba"],
            cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "POLICYKG_PUSH_PASSWORD": "no"},
        )  # fmt: skip
        assert wrong.returncode == 2 and len(wrong.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------------------------------------------------
# Against a small Graph Store on loopback that asks for HTTP Digest, as Virtuoso's sparql-graph-crud-auth does.

REALM, NONCE, USER, PASSWORD = "policykg-test", "5ccc069c403ebaf9f0171e9517f40e41", "dba", "right-password"


class _DigestGraphStore(BaseHTTPRequestHandler):
    server: _Server

    def do_PUT(self) -> None:
        if "Authorization" not in self.headers:
            # As Virtuoso may: refused at once, the body unread, the connection closed under the client's write.
            self.server.bare_puts += 1
            self.close_connection = True
            return self._refuse()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not self._authorised():
            return self._refuse()
        graph = parse_qs(urlsplit(self.path).query)["graph-uri"][0]
        self.server.received[graph] = body.count(b"\n")
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        if not self._authorised():
            return self._refuse()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _refuse(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth", algorithm=MD5')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            return False
        fields = {k: quoted or bare for k, quoted, bare in re.findall(r'(\w+)=(?:"([^"]*)"|([^\s,]+))', header)}

        def md5(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        ha1, ha2 = md5(f"{USER}:{REALM}:{PASSWORD}"), md5(f"{self.command}:{fields.get('uri', '')}")
        expected = md5(f"{ha1}:{NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}")
        return fields.get("username") == USER and fields.get("response") == expected

    def log_message(self, format: str, *args: object) -> None:
        return None


class _Server(ThreadingHTTPServer):
    received: dict[str, int]
    bare_puts: int  # PUTs sent without credentials, their bodies refused unread


@pytest.fixture
def graph_store() -> Iterator[tuple[str, _Server]]:
    server = _Server(("127.0.0.1", 0), _DigestGraphStore)
    server.received, server.bare_puts = {}, 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}/sparql-graph-crud-auth", server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("push") / "store"
    subprocess.run([*CLI, "build", str(REPORT), "--store", str(path)], cwd=ROOT, check=True, capture_output=True)
    return path


def push(store: Path, endpoint: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "POLICYKG_PUSH_PASSWORD"}
    return subprocess.run(
        [*CLI, "push", "--endpoint", endpoint, "--store", str(store), "--graph-parameter", "graph-uri", *args],
        cwd=ROOT, capture_output=True, text=True, check=False, env={**clean, "PYTHONIOENCODING": "utf-8", **env},
    )  # fmt: skip


def test_the_password_comes_from_policykg_push_password(store: Path, graph_store: tuple[str, _Server]) -> None:
    address, server = graph_store
    received = server.received
    result = push(store, f"http://{address}", "--user", USER, POLICYKG_PUSH_PASSWORD=PASSWORD)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    pushed = dict(line.removeprefix("pushed ").rsplit(": ", 1) for line in result.stdout.splitlines())
    assert len(pushed) == 3 and {g: int(n.split()[0]) for g, n in pushed.items()} == received
    assert server.bare_puts == 0  # the Digest challenge was asked for without a body, each PUT answered it


def test_the_password_flag_still_works_but_warns(store: Path, graph_store: tuple[str, _Server]) -> None:
    address, server = graph_store
    received = server.received
    result = push(store, f"http://{address}", "--user", USER, "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    assert len(received) == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policykg: warning: --password")
    assert "use POLICYKG_PUSH_PASSWORD" in lines[0] and PASSWORD not in lines[0]
    help_text = subprocess.run([*CLI, "push", "--help"], capture_output=True, text=True, check=True).stdout
    assert "discouraged" in help_text and "POLICYKG_PUSH_PASSWORD" in help_text


def test_a_wrong_password_is_one_line(store: Path, graph_store: tuple[str, _Server]) -> None:
    address, server = graph_store
    received = server.received
    result = push(store, f"http://{address}", "--user", USER, POLICYKG_PUSH_PASSWORD="wrong")
    assert result.returncode == 2 and received == {}
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "HTTP 401" in lines[0] and "Traceback" not in result.stderr


def test_credentials_in_the_endpoint_are_used_and_never_printed(store: Path, graph_store: tuple[str, _Server]) -> None:
    address, server = graph_store
    received = server.received
    wrong = push(store, f"http://{USER}:not-the-secret@{address}")
    assert wrong.returncode == 2
    assert "not-the-secret" not in wrong.stderr and f"http://***:***@{address}" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1
    right = push(store, f"http://{USER}:{PASSWORD}@{address}")
    assert right.returncode == 0, right.stderr
    assert len(received) == 3 and PASSWORD not in right.stdout + right.stderr


@pytest.mark.parametrize(
    ("endpoint", "reason"),
    [
        ("notaurl", "not a URL"),
        ("ftp://127.0.0.1/crud", "not an http:// or https:// URL"),
        ("http://127.0.0.1:99999/crud", "not a valid URL"),
        ("http://127.0.0.1:{closed}/crud", "Connection refused"),
        ("http://dba:s3cret@127.0.0.1:{closed}/crud?key=k3y", "Connection refused"),
    ],
)
def test_an_endpoint_that_is_not_there_is_one_line(store: Path, endpoint: str, reason: str) -> None:
    result = push(store, endpoint.format(closed=free_port()), "--user", USER, POLICYKG_PUSH_PASSWORD=PASSWORD)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policykg: ") and reason in lines[0]
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr and "k3y" not in result.stderr

"""The limits a public endpoint needs, each found by probing a running server (issue 12 §1), each checked on a
real `policykg serve` process over loopback: a request that cannot freeze it, answers capped in bytes and
streamed, workers bounded in memory, a fair and bounded queue, connections that time out and are capped,
lookups under the time limit, a shutdown that completes, and the protocol's small edges."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import ROOT, start_server
from tests.support.servers import stop

PKG = "https://w3id.org/policykg/ontology#"
# Cross products of bounded size, so that their cost does not grow with the corpus's graph (which grew 3× with
# the indicators): about a second, and several seconds.
MEDIUM = (
    "SELECT (COUNT(*) AS ?n) "
    "WHERE { { SELECT ?a WHERE { ?a a ?c } LIMIT 3500 } { SELECT ?d WHERE { ?d a ?f } LIMIT 3500 } }"
)
SLOW = (
    "SELECT (COUNT(*) AS ?n) "
    "WHERE { { SELECT ?a WHERE { ?a ?b ?c } LIMIT 22000 } { SELECT ?d WHERE { ?d a ?f } LIMIT 2500 } }"
)


@dataclass
class Running:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    tmp: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def logged(self, *needles: str) -> list[str]:
        """The log's lines holding any of `needles`, once each has one (an access line is written after its
        answer, so perhaps after the client has it)."""
        for _ in range(300):
            lines = self.log.read_text(encoding="utf-8").splitlines()
            if all(any(needle in line for line in lines) for needle in needles):
                break
            time.sleep(0.1)
        return [line for line in lines if any(needle in line for needle in needles)]

    def health(self) -> dict[str, object]:
        answer: dict[str, object] = httpx.get(f"{self.url}/healthz", timeout=30).json()
        return answer


def _serve(store: Path, tmp: Path, env: dict[str, str]) -> Running:
    tmp.mkdir(parents=True, exist_ok=True)
    log = tmp / "serve.log"
    process, url = start_server(["--store", str(store)], {"TMPDIR": str(tmp), **env}, log)
    return Running(url, process, log, tmp)


@pytest.fixture(scope="module")
def limited(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    env = {
        "POLICYKG_QUERY_TIMEOUT": "30",
        "POLICYKG_MAX_QUERY_BYTES": "2000000",
        "POLICYKG_MAX_ANSWER_MB": "4",
        "POLICYKG_WORKER_MEMORY_MB": "400",
        "POLICYKG_WORKERS": "1",
        "POLICYKG_QUEUE_LIMIT": "4",
        "POLICYKG_MAX_CONNECTIONS": "16",
        "POLICYKG_REQUEST_TIMEOUT": "1",
    }
    running = _serve(built_store, tmp_path_factory.mktemp("limited"), env)
    try:
        yield running
    finally:
        stop(running.process)


def _wait_for(running: Running, **counts: int) -> None:
    """Poll /healthz until its query counters read `counts` (a hang here ends at the test's timeout)."""
    for _ in range(3000):
        health = running.health()
        if all(health.get(k) == v for k, v in counts.items()):
            return
        threading.Event().wait(0.01)
    raise AssertionError(f"the server never reported {counts}: {running.health()}")


def _doubled(times: int) -> str:
    """A query whose one row is 16 × 2^times characters, written in a few hundred bytes."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times))
    return f'SELECT ?a{times} WHERE {{ BIND("0123456789abcdef" AS ?a0) {binds} }}'


# ------------------------------------------------------------------------------------------- one request


def test_a_megabyte_of_escaped_quotes_does_not_stop_the_server(limited: Running) -> None:
    # Each `'` whose closing quote is escaped made the old keyword scan start again: quadratic, on the event
    # loop, so /healthz waited with everyone else (123 s for 100 KB).
    text = "'" + "\\'" * 500_000
    answer: dict[str, httpx.Response] = {}

    def post() -> None:
        answer["r"] = httpx.post(f"{limited.url}/sparql", content=text.encode(),
                                 headers={"Content-Type": "application/sparql-query"}, timeout=120)  # fmt: skip

    thread = threading.Thread(target=post)
    thread.start()
    assert httpx.get(f"{limited.url}/healthz", timeout=30).status_code == 200
    thread.join(timeout=120)
    assert answer["r"].status_code == 400 and answer["r"].json()["code"] == "bad_query"


def test_an_answer_over_the_byte_limit_is_refused(limited: Running) -> None:
    for query in (_doubled(19), _doubled(19) + " LIMIT 1"):  # one 8 MiB row, written by policykg or by pyoxigraph
        answer = httpx.get(f"{limited.url}/sparql", params={"query": query}, timeout=60)
        assert answer.status_code == 413
        assert answer.json()["code"] == "too_large_answer" and "4 MB" in answer.json()["detail"]
    assert httpx.get(f"{limited.url}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200


def test_a_large_answer_is_streamed_whole_and_its_file_removed(limited: Running) -> None:
    answer = httpx.get(f"{limited.url}/sparql", params={"query": _doubled(17)}, timeout=60)  # one 2 MiB row
    assert answer.status_code == 200
    value = answer.json()["results"]["bindings"][0]["a17"]["value"]
    assert len(value) == 16 << 17 and value.startswith("0123456789abcdef")
    spooled = [p for p in limited.tmp.glob("policykg-answers-*/*")]
    assert spooled == []


def _server_rss(running: Running) -> int:
    for line in Path(f"/proc/{running.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) << 10
    raise AssertionError("no VmRSS")


def test_clients_that_never_read_hold_no_answer_in_the_server(limited: Running) -> None:
    # 3 MiB answers to eight clients that read nothing: the server keeps a part of each, not the answers.
    target = httpx.URL(f"{limited.url}/sparql", params={"query": _doubled(18)}).raw_path.decode()
    request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n\r\n".encode()
    before = _server_rss(limited)
    sockets = []
    try:
        for _ in range(8):
            s = socket.create_connection(("127.0.0.1", limited.port))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(request)
            sockets.append(s)
        _wait_for(limited, queries_running=0, queries_waiting=0)
        grown = _server_rss(limited) - before
        assert grown < 12 << 20, f"the server grew by {grown >> 20} MiB for 24 MiB of unread answers"
    finally:
        for s in sockets:
            s.close()


def test_a_worker_over_its_memory_limit_is_replaced_and_the_server_goes_on(limited: Running) -> None:
    greedy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
    answer = httpx.get(f"{limited.url}/sparql", params={"query": greedy}, timeout=60)
    assert answer.status_code == 503 and answer.json()["code"] == "out_of_memory"
    again = httpx.get(f"{limited.url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
    assert again.status_code == 200 and again.json()["boolean"] is True


# ------------------------------------------------------------------------------------------- turns


def test_clients_take_turns_and_a_full_queue_is_refused_at_once(limited: Running) -> None:
    """One worker. X sends four queries, then Y one: Y is answered before X's last (turns between clients,
    not first come first served); with four waiting, Z is refused at once with Retry-After. X's first query
    runs for seconds, so the queue is full while the others are sent (the test waits on /healthz, not on time)."""
    done: list[str] = []
    lock = threading.Lock()

    def ask(name: str, source: str, query: str) -> None:
        transport = httpx.HTTPTransport(local_address=source)
        with httpx.Client(transport=transport, timeout=120) as client:
            answer = client.get(f"{limited.url}/sparql", params={"query": query})
        assert answer.status_code == 200, answer.text
        with lock:
            done.append(name)

    threads = []
    for n in range(4):
        query = SLOW if n == 0 else MEDIUM
        threads.append(threading.Thread(target=ask, args=(f"x{n}", "127.0.0.1", query)))
        threads[-1].start()
        _wait_for(limited, queries_running=1, queries_waiting=n)
    threads.append(threading.Thread(target=ask, args=("y", "127.0.0.2", MEDIUM)))
    threads[-1].start()
    _wait_for(limited, queries_running=1, queries_waiting=4)
    busy = httpx.get(f"{limited.url}/sparql", params={"query": "ASK {}"}, timeout=30)
    assert busy.status_code == 503 and busy.json()["code"] == "busy"
    assert int(busy.headers["retry-after"]) >= 1
    for thread in threads:
        thread.join(timeout=120)
    assert done.index("y") < done.index("x2") < done.index("x3"), done


# ------------------------------------------------------------------------------------------- connections


def _read_all(s: socket.socket) -> bytes:
    s.settimeout(30)  # a hang guard: the server closes first
    chunks = []
    while chunk := s.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_silent_connection_is_closed(limited: Running) -> None:
    with socket.create_connection(("127.0.0.1", limited.port)) as s:
        assert _read_all(s) == b""


def test_a_body_that_never_ends_is_dropped(limited: Running) -> None:
    with socket.create_connection(("127.0.0.1", limited.port)) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000\r\n\r\nSELECT")  # fmt: skip
        assert _read_all(s) == b""


def test_connections_past_the_cap_are_refused_at_once(limited: Running) -> None:
    sockets = [socket.create_connection(("127.0.0.1", limited.port)) for _ in range(20)]
    try:
        answers = [_read_all(s) for s in sockets]
    finally:
        for s in sockets:
            s.close()
    refused = [a for a in answers if a.startswith(b"HTTP/1.1 503")]
    assert len(refused) >= 4 and all(a in (b"",) or a.startswith(b"HTTP/1.1 503") for a in answers)
    assert httpx.get(f"{limited.url}/healthz", timeout=30).status_code == 200


# ------------------------------------------------------------------------------------------- small edges


def test_a_client_gone_mid_body_leaves_no_traceback(limited: Running) -> None:
    with socket.create_connection(("127.0.0.1", limited.port)) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000\r\n\r\nSELECT * WHERE")  # fmt: skip
    assert httpx.get(f"{limited.url}/healthz", timeout=30).status_code == 200
    assert "Traceback" not in limited.log.read_text(encoding="utf-8", errors="replace")


def test_the_access_log_cuts_long_targets(limited: Running) -> None:
    query = "ASK { ?s ?p " + '"' + "x" * 50_000 + '" }'
    assert httpx.get(f"{limited.url}/sparql", params={"query": query}, timeout=30).status_code == 200
    lines = limited.logged("GET /sparql?query=ASK")
    assert lines and all(len(line) < 1000 for line in lines)


def test_each_request_has_one_access_line_with_its_status(limited: Running) -> None:
    path = "/api/places/tam-duong?each-request-one-line"
    statuses = [httpx.request(method, f"{limited.url}{path}", timeout=30).status_code
                for method in ("GET", "GET", "HEAD")]  # fmt: skip  # the second GET and the HEAD replayed
    missing = httpx.get(f"{limited.url}/api/places/nowhere-at-all", timeout=30).status_code
    assert statuses == [200, 200, 200] and missing == 404
    assert limited.logged('"GET /api/places/nowhere-at-all HTTP/1.1" 404')
    lines = limited.logged("each-request-one-line")  # written before the 404's, which is there
    assert [line.split('"')[1].split()[0] for line in lines] == ["GET", "GET", "HEAD"]
    assert all(line.endswith(" 200 OK") for line in lines), lines


def test_xml_results_stay_well_formed_with_a_nul(limited: Running) -> None:
    query = 'SELECT ?x WHERE { BIND("a\\u0000b" AS ?x) }'
    answer = httpx.get(f"{limited.url}/sparql", params={"query": query},
                       headers={"Accept": "application/sparql-results+xml"}, timeout=30)  # fmt: skip
    literal = ET.fromstring(answer.content).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal is not None and literal.text == "a\ufffdb"


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/places/tam-duong", "/sparql"])
def test_head_is_answered_like_get_without_a_body(limited: Running, path: str) -> None:
    head = httpx.head(f"{limited.url}{path}", timeout=30)
    get = httpx.get(f"{limited.url}{path}", timeout=30)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_content_length_with_transfer_encoding_is_refused_and_closed(limited: Running) -> None:
    with socket.create_connection(("127.0.0.1", limited.port)) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")  # fmt: skip
        answer = _read_all(s)  # the server closes the connection after its answer
    assert answer.startswith(b"HTTP/1.1 400")


def test_the_service_description_names_the_server_not_the_host_header(limited: Running) -> None:
    answer = httpx.get(f"{limited.url}/sparql", headers={"Host": "evil.example.org"}, timeout=30)
    assert answer.status_code == 200
    assert "evil.example.org" not in answer.text and f"127.0.0.1:{limited.port}/sparql" in answer.text


# ------------------------------------------------------------------------------------------- lookups


@pytest.fixture(scope="module")
def crowded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report that cites one decision in 5,000 identical sentences: its co-mentions join every mention with
    every other inside the engine (25M pairs), where no thread can stop the query."""
    folder = tmp_path_factory.mktemp("crowded")
    report = folder / "crowded.txt"
    report.write_text("Báo cáo\n\n" + "Thực hiện Quyết định số 1/QĐ-TTg.\n" * 5000, encoding="utf-8")
    store = folder / "store"
    subprocess.run([sys.executable, "-m", "policykg.cli", "build", str(report), "--store", str(store)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    return store


_SHORT = {"POLICYKG_QUERY_TIMEOUT": "2", "POLICYKG_WORKERS": "1", "POLICYKG_WARM_DOCUMENTS": "0"}


def test_a_lookup_past_the_time_limit_is_stopped_and_the_server_goes_on(crowded_store: Path, tmp_path: Path) -> None:
    running = _serve(crowded_store, tmp_path, _SHORT)
    try:
        answer = httpx.get(f"{running.url}/api/documents/1/QĐ-TTg", timeout=120)
        assert answer.status_code == 503 and answer.json()["code"] == "timeout"
        assert httpx.get(f"{running.url}/api/reports/crowded", timeout=60).status_code == 200
        assert httpx.get(f"{running.url}/healthz", timeout=30).status_code == 200
    finally:
        stop(running.process)


def test_a_query_waiting_for_a_worker_counts_its_wait_in_the_limit(crowded_store: Path, tmp_path: Path) -> None:
    running = _serve(crowded_store, tmp_path, _SHORT)
    try:
        first: dict[str, httpx.Response] = {}
        thread = threading.Thread(target=lambda: first.update(
            r=httpx.get(f"{running.url}/sparql", params={"query": SLOW}, timeout=120)))  # fmt: skip
        thread.start()
        _wait_for(running, queries_running=1)
        second = httpx.get(f"{running.url}/sparql", params={"query": SLOW}, timeout=120)
        thread.join(timeout=120)
        assert first["r"].json()["code"] == "timeout"
        # Either no worker came free in time, or one did and the rest of the limit ran out: never a full limit
        # after the wait, as when the wait was not counted.
        assert second.status_code == 503 and "worker" in second.json()["detail"], second.json()
    finally:
        stop(running.process)


def test_sigterm_ends_the_server_while_a_lookup_runs(crowded_store: Path, tmp_path: Path) -> None:
    running = _serve(crowded_store, tmp_path, {**_SHORT, "POLICYKG_QUERY_TIMEOUT": "600"})
    try:
        threading.Thread(target=lambda: httpx.get(f"{running.url}/api/documents/1/QĐ-TTg", timeout=120),
                         daemon=True).start()  # fmt: skip
        threading.Event().wait(1.0)  # let the lookup reach the store
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=60) is not None  # it hung for minutes before
    finally:
        if running.process.poll() is None:
            running.process.kill()
    assert not list(tmp_path.glob("policykg-*")), "the server left its spool folders behind"


def test_every_answer_has_the_security_headers_even_a_refusal(limited: Running) -> None:
    with socket.create_connection(("127.0.0.1", limited.port)) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")  # fmt: skip
        refused = _read_all(s).split(b"\r\n\r\n")[0].lower()
    assert b"x-content-type-options: nosniff" in refused and b"content-security-policy:" in refused
    head = httpx.head(f"{limited.url}/healthz", timeout=30)
    assert head.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in head.headers

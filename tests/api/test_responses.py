"""Lookup answers kept as JSON: bounded in bytes, least recently used out first, revalidated by ETag, and the
most cited documents computed before the first request."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from policykg.api.app import Activity
from policykg.api.lookups import WarmUp, warm
from policykg.api.responses import Replay, ResponseCache
from policykg.errors import PolicyKGError
from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.store.deadline import time_limit
from policykg.graph.store.embedded import EmbeddedBackend
from tests.api.conftest import Server


def test_the_cache_keeps_what_fits_and_drops_the_least_recently_used() -> None:
    cache = ResponseCache(max_bytes=10)
    cache.put("a", b"1234")
    cache.put("b", b"1234")
    assert cache.get("a") is not None  # now "b" is the least recently used
    cache.put("c", b"1234")
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("c") is not None
    assert cache.put("big", b"x" * 11).body == b"x" * 11 and cache.get("big") is None
    assert cache.put("a", b"12").etag != cache.put("c", b"34").etag


def test_a_name_leads_to_its_answer_while_the_answer_is_kept() -> None:
    cache = ResponseCache(max_bytes=10)
    cache.put("iri-a", b"1234")
    cache.name("29-nq/tw", "iri-a")
    assert cache.named("29-nq/tw") == cache.get("iri-a") and cache.named("other") is None
    cache.put("iri-b", b"123456")
    cache.put("iri-c", b"12")  # "iri-a" is dropped: its name leads nowhere, the answer is computed again
    assert cache.named("29-nq/tw") is None
    nothing_kept = ResponseCache(max_bytes=0)  # a remote store may change: no name is remembered either
    nothing_kept.name("29-nq/tw", "iri-a")
    assert nothing_kept.named("29-nq/tw") is None


def test_a_repeated_lookup_is_the_same_answer_and_revalidates_for_nothing(server: Server) -> None:
    url = f"{server.url}/api/documents/2038/QĐ-TTg"
    first, again = httpx.get(url), httpx.get(url)  # the second one replayed by the edge on the embedded store
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and _sent(first) == _sent(again)
    assert first.headers["content-type"] == "application/json"
    head = httpx.head(url)
    assert head.content == b"" and _sent(head) == _sent(first)
    cross = httpx.get(url, headers={"Origin": "https://example.org"})  # CORS: routed, with its header
    assert cross.content == first.content and cross.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in httpx.get(url).headers
    unchanged = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    place = httpx.get(f"{server.url}/api/places/tam-duong")
    assert (
        httpx.get(f"{server.url}/api/places/tam-duong", headers={"If-None-Match": place.headers["etag"]}).status_code
        == 304
    )
    assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    # The same document named otherwise is the same answer; a year that is not its own is still a 404.
    assert httpx.get(f"{server.url}/api/documents/Quyết định 2038/qd-ttg").content == first.content
    assert httpx.get(url, params={"year": 1901}).status_code == 404


def test_a_page_negotiated_by_accept_is_replayed_per_accept_and_says_it_varies(server: Server) -> None:
    url = f"{server.url}/id/place/tam-duong"
    for _ in range(2):
        page = httpx.get(url, headers={"Accept": "text/html"})
        turtle = httpx.get(url, headers={"Accept": "text/turtle"})
        assert page.headers["content-type"].startswith("text/html") and b"<html" in page.content
        assert turtle.headers["content-type"].startswith("text/turtle") and b"<html" not in turtle.content
        assert all("Accept" in r.headers.get_list("vary") for r in (page, turtle))  # for an HTTP cache in front
    results = httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"})
    assert "Accept" in results.headers.get_list("vary")
    lookup = httpx.get(f"{server.url}/api/places/tam-duong")  # JSON whatever the Accept: no Vary on it
    assert "Accept" not in lookup.headers.get_list("vary")


def _sent(response: httpx.Response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name != "date"}


def _plain(path: str, query: bytes = b"", method: str = "GET", **headers: str) -> dict[str, Any]:
    raw = [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    return {"type": "http", "method": method, "path": path, "query_string": query, "headers": raw}


def test_a_stored_answer_is_replayed_for_the_same_plain_request_while_it_is_kept() -> None:
    replay, cache = Replay(entries=2), ResponseCache(max_bytes=10)
    stored = cache.put("iri-a", b"1234")
    sent = [(b"content-length", b"4"), (b"etag", stored.etag.encode())]
    first = _plain("/api/documents/1", accept="application/json")
    assert replay.find(first) is None
    replay.remember({**first, "policykg.answer": stored}, 200, sent)
    assert replay.find(_plain("/api/documents/1", accept="application/json")) == (sent, b"1234")
    assert replay.find(_plain("/api/documents/1", method="HEAD", accept="application/json")) == (sent, b"1234")
    # Another query, another Accept, a CORS or a conditional request: routed.
    assert replay.find(_plain("/api/documents/1", b"year=2020", accept="application/json")) is None
    assert replay.find(_plain("/api/documents/1", accept="text/html")) is None
    assert replay.find(_plain("/api/documents/1", accept="application/json", origin="https://x.org")) is None
    assert replay.find(_plain("/api/documents/1", accept="application/json", if_none_match=stored.etag)) is None
    # A made-up `Accept` of any length is never a key: what is remembered stays small.
    huge = _plain("/api/documents/1", accept="application/json," + "x" * 5000)
    replay.remember({**huge, "policykg.answer": stored}, 200, sent)
    assert replay.find(huge) is None
    # Neither an answer that was not stored, nor another status, nor a CORS request is remembered.
    for scope, status in [(_plain("/b"), 200), ({**_plain("/c"), "policykg.answer": stored}, 404),
                          ({**_plain("/d", origin="https://x.org"), "policykg.answer": stored}, 200)]:  # fmt: skip
        replay.remember(scope, status, sent)
        assert replay.find(scope) is None
    del stored, scope  # the last reference to the answer but the cache's
    cache.put("iri-b", b"1234567")  # "iri-a" is let go: its request is routed again
    assert replay.find(first) is None


def test_warming_computes_the_most_cited_documents(built_store: Path) -> None:
    catalogue = Catalogue(EmbeddedBackend(built_store, workers=0))
    cache = ResponseCache(max_bytes=1 << 24)
    warm(catalogue, cache, 3, 10.0, threading.Event())
    top = catalogue.most_cited("document", 3)
    assert len(cache) == 3 and all(cache.get(e.iri) is not None for e in top)
    stopped = ResponseCache(max_bytes=1 << 24)
    stop = threading.Event()
    stop.set()
    warm(catalogue, stopped, 3, 10.0, stop)
    assert len(stopped) == 0


def test_warming_every_document_fills_half_the_cache_at_most(built_store: Path) -> None:
    catalogue = Catalogue(EmbeddedBackend(built_store, workers=0))
    documents = catalogue.most_cited("document")
    state = WarmUp()
    roomy = ResponseCache(max_bytes=1 << 28)
    warm(catalogue, roomy, None, 10.0, threading.Event(), state=state)
    assert len(roomy) == state.documents == len(documents) > 3 and not state.running
    sizes = [len(roomy.get(e.iri).body) for e in documents]  # type: ignore[union-attr]
    # Room for the two most cited: the warm-up stops once half is full and keeps those it computed first.
    small = ResponseCache(max_bytes=2 * (sizes[0] + sizes[1]))
    warm(catalogue, small, None, 10.0, threading.Event())
    assert small.get(documents[0].iri) is not None and small.size <= small.max_bytes
    assert len(small) < len(documents)


def test_warming_waits_while_the_server_is_busy(built_store: Path) -> None:
    catalogue = Catalogue(EmbeddedBackend(built_store, workers=0))
    cache = ResponseCache(max_bytes=1 << 24)
    stop = threading.Event()
    looked: list[int] = []

    def busy() -> bool:  # a server that never goes idle; stopped after a few looks
        looked.append(1)
        if len(looked) == 5:
            stop.set()
        return False

    warm(catalogue, cache, None, 10.0, stop, idle=busy)
    assert len(cache) == 0 and len(looked) == 5


_ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }"


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="CPU niceness is a Unix process attribute")
def test_the_warm_up_has_a_worker_of_its_own_at_the_lowest_priority(built_store: Path) -> None:
    backend = EmbeddedBackend(built_store, workers=0, lookup_workers=1)
    catalogue = Catalogue(backend)
    before = {p.pid for p in multiprocessing.active_children()}
    failed: list[BaseException] = []

    def hold_the_only_lookup_worker() -> None:
        try:
            with time_limit(120):
                backend.select(_ENDLESS)
        except PolicyKGError as exc:  # stopped when the backend closes
            failed.append(exc)

    holder = threading.Thread(target=hold_the_only_lookup_worker)
    try:
        holder.start()
        while backend.lookups is not None and backend.lookups._idle.qsize():  # until the request's worker is busy
            time.sleep(0.05)
        with backend.background():
            (own,) = [p for p in multiprocessing.active_children() if p.pid not in before]
            assert own.pid is not None and os.getpriority(os.PRIO_PROCESS, own.pid) == 19
            cache = ResponseCache(max_bytes=1 << 24)
            # The request's worker is busy for two minutes; the warm-up's lookups do not wait for it.
            warm(catalogue, cache, 2, 60.0, threading.Event())
            assert len(cache) == 2
        assert not own.is_alive()
    finally:
        catalogue.close()
        backend.close()
        holder.join(timeout=30)
    assert failed and not holder.is_alive()


def test_a_request_in_flight_keeps_the_server_busy() -> None:
    activity = Activity(quiet=0.0)
    assert activity.idle()
    with activity:
        with activity:
            assert not activity.idle()
        assert not activity.idle()
    assert activity.idle()
    assert not Activity(quiet=3600).idle()  # just started: not idle until quiet for that long


def test_the_server_computes_every_document_ahead_and_says_so(server: Server) -> None:
    health = httpx.get(f"{server.url}/healthz").json()
    assert isinstance(health["warming_up"], bool) and health["documents_computed_ahead"] >= 0
    if server.backend == "embedded":  # a remote store keeps nothing, so computes nothing ahead
        while health["warming_up"]:  # nothing else asks this server now (a hang ends at the test's timeout)
            time.sleep(0.2)  # between looks, the server idles: the warm-up runs only then
            health = httpx.get(f"{server.url}/healthz").json()
        assert health["documents_computed_ahead"] > 3
    else:
        assert health == {**health, "warming_up": False, "documents_computed_ahead": 0}

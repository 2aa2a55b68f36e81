"""Lookup answers kept as JSON: bounded in bytes, least recently used out first, revalidated by ETag, and the
most cited documents computed before the first request."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx

from policykg.api.lookups import warm
from policykg.api.responses import ResponseCache
from policykg.graph.lookup.catalogue import Catalogue
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
    first, again = httpx.get(url), httpx.get(url)
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and first.headers["etag"] == again.headers["etag"]
    assert first.headers["content-type"] == "application/json"
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

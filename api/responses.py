"""Answers kept as bytes: lookups' JSON and the explorer's pages. The embedded store does not change while a
server runs (a new build is served by a restarted server), so each answer is computed once, then sent as
stored, with an ETag so that a client can revalidate for nothing. Bounded in bytes; the least recently used
answer goes first."""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import TypeAdapter
from starlette.types import Scope

from policykg.graph.store.deadline import time_limit

HTML = "text/html; charset=utf-8"
JSON = "application/json"
_NAMES = 100_000  # names remembered (a few hundred bytes each)
_REPLAYED = 10_000  # requests remembered by `Replay` (their key and headers, about a kilobyte each at most)
_REPLAYED_KEY = 1024  # characters of path, query and `Accept`: a longer request is routed every time (and 10,000
# remembered requests hold a few megabytes, whatever headers a client makes up)
_ANSWER = "policykg.answer"  # the scope's key for the stored answer a route sent


@dataclass(frozen=True)
class Stored:
    body: bytes
    etag: str


class ResponseCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Stored] = OrderedDict()
        self._size = 0
        self._names: OrderedDict[str, str] = OrderedDict()  # what a request named -> the key of its answer
        self._lock = threading.Lock()  # lookups are computed in the thread pool

    def get(self, key: str) -> Stored | None:
        with self._lock:
            stored = self._items.get(key)
            if stored is not None:
                self._items.move_to_end(key)
            return stored

    def put(self, key: str, body: bytes) -> Stored:
        stored = Stored(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        if len(body) > self.max_bytes:
            return stored  # larger than the whole cache: sent, not kept
        with self._lock:
            old = self._items.pop(key, None)
            self._size += len(body) - (len(old.body) if old else 0)
            self._items[key] = stored
            while self._size > self.max_bytes:
                _key, evicted = self._items.popitem(last=False)
                self._size -= len(evicted.body)
        return stored

    def name(self, name: str, key: str) -> None:
        """Remember that a request naming `name` (a symbol as typed, say) is answered by `key`: the next one is
        answered from the event loop, without resolving the name again in a thread."""
        if self.max_bytes:
            with self._lock:
                self._names[name] = key
                self._names.move_to_end(name)
                if len(self._names) > _NAMES:
                    self._names.popitem(last=False)

    def named(self, name: str) -> Stored | None:
        key = self._names.get(name)
        return self.get(key) if key is not None else None

    @property
    def size(self) -> int:
        """Bytes of the answers kept."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)


def answer(cache: ResponseCache, key: str, compute: Callable[[], bytes]) -> Stored:
    """The stored answer for `key`, computed on first use."""
    stored = cache.get(key)
    if stored is None:
        stored = cache.put(key, compute())
    return stored


def as_json(answer: object) -> bytes:
    """A typed answer (`graph.lookup.answers`) as the JSON its response model describes."""
    kind = type(answer)
    adapter = _ADAPTERS.get(kind) or _ADAPTERS.setdefault(kind, TypeAdapter(kind))
    return adapter.dump_json(answer)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


Result = TypeVar("Result")


async def bounded(request: Request, work: Callable[..., Result], *args: Any) -> Result:
    """`work(*args)` in the thread pool under the server's time limit: every lookup, export and page that runs
    in the server's process stops with `QueryTimeout` (503) once it has run that long."""
    seconds: float = request.app.state.settings.query_timeout

    def limited() -> Result:
        with time_limit(seconds):
            return work(*args)

    return await run_in_threadpool(limited)


async def cached_response(
    request: Request, cache: ResponseCache, key: str, compute: Callable[[], bytes], media_type: str
) -> Response:
    stored = cache.get(key)
    if stored is None:
        stored = await bounded(request, answer, cache, key, compute)
    return stored_response(request, stored, media_type)


def stored_response(request: Request, stored: Stored, media_type: str) -> Response:
    """A stored answer, or 304 when the client holds it already (its ETag in `If-None-Match`)."""
    headers = {"ETag": stored.etag, "Cache-Control": "no-cache"}  # revalidate: a rebuild changes answers
    if stored.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    request.scope[_ANSWER] = stored  # for `Replay`
    return Response(stored.body, media_type=media_type, headers=headers)


Headers = list[tuple[bytes, bytes]]


class Replay:
    """A stored answer sent again, for the same request, by the outermost middleware (`app.HttpEdge`) without
    routing, dependencies or validation: what the route answered the first time, its headers and body. Only
    plain requests — GET or HEAD, no `Origin` (CORS adds headers), no `If-None-Match` (a 304) — are remembered and
    replayed, keyed by path, query and `Accept` (the one header a route negotiates on). Each holds its answer
    weakly: one the cache has let go, or never kept (a remote store), is routed again. A repeated lookup over
    HTTP costs little more than the server's floor (bench/SERVING.md, "Replayed answers")."""

    def __init__(self, entries: int = _REPLAYED) -> None:
        self.entries = entries
        self._sent: OrderedDict[tuple[str, bytes, bytes], tuple[weakref.ref[Stored], Headers]] = OrderedDict()

    @staticmethod
    def _key(scope: Scope) -> tuple[str, bytes, bytes] | None:
        if scope["method"] not in ("GET", "HEAD"):
            return None
        accept = b""
        for name, value in scope["headers"]:
            if name in (b"origin", b"if-none-match"):
                return None
            if name == b"accept":
                accept = value
        if len(scope["path"]) + len(scope["query_string"]) + len(accept) > _REPLAYED_KEY:
            return None
        return scope["path"], scope["query_string"], accept

    def find(self, scope: Scope) -> tuple[Headers, bytes] | None:
        """The headers and body answered before to this request, if its answer is still stored."""
        key = self._key(scope)
        if key is None or (sent := self._sent.get(key)) is None or (stored := sent[0]()) is None:
            return None
        self._sent.move_to_end(key)
        return sent[1], stored.body

    def remember(self, scope: Scope, status: int, headers: Headers) -> None:
        """Called with the start of each answer (before the edge adds its own headers)."""
        stored = scope.get(_ANSWER)
        if not isinstance(stored, Stored) or status != 200 or (key := self._key(scope)) is None:
            return
        self._sent[key] = (weakref.ref(stored), list(headers))
        self._sent.move_to_end(key)
        if len(self._sent) > self.entries:
            self._sent.popitem(last=False)

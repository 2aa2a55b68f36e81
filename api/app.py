"""The FastAPI application: the store behind its interface, opened once; routers; errors mapped once."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policykg import __version__
from policykg.api import errors, explorer, exports, indicators, lookups, resources, sparql
from policykg.api.negotiation import VARIES
from policykg.api.responses import Replay, ResponseCache
from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.lookup.fulltext import open_index
from policykg.graph.store.backend import Backend
from policykg.graph.store.embedded import EmbeddedBackend
from policykg.graph.store.preload import preload
from policykg.graph.store.remote import RemoteBackend
from policykg.settings import Settings


def open_backend(settings: Settings) -> Backend:
    if settings.endpoint:
        return RemoteBackend(
            settings.endpoint, timeout=settings.query_timeout, answer_limit=settings.max_answer_mb << 20
        )
    return EmbeddedBackend(
        settings.store_dir,
        workers=settings.workers,
        timeout=settings.query_timeout,
        memory_limit_mb=settings.worker_memory_mb,
        queue_limit=settings.queue_limit,
        lookup_workers=settings.workers,
    )


# The explorer's pages load only /static scripts and styles; their scripts fetch only this server. YASGUI and
# Cytoscape.js set inline styles, hence 'unsafe-inline' for styles only; no inline or outside script runs.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
]
_BOTH_LENGTHS = b'{"detail":"both Content-Length and Transfer-Encoding: send one","code":"bad_request"}'
_VARY_ACCEPT = (b"vary", b"Accept")
# uvicorn's access log, its format and handler; written here, after the answer (`HttpEdge`), not by uvicorn.
ACCESS_LOG = logging.getLogger("uvicorn.access")


class Activity:
    """The requests in flight, for work in the background that should run only while the server is idle."""

    def __init__(self, quiet: float = 0.01) -> None:
        self.running = 0  # changed on the event loop only; read from the background thread
        self.quiet = quiet  # seconds without a request before the server counts as idle
        self._last = time.monotonic()

    def idle(self) -> bool:
        return self.running == 0 and time.monotonic() - self._last >= self.quiet

    def __enter__(self) -> None:
        self.running += 1

    def __exit__(self, *_exc: object) -> None:
        self.running -= 1
        self._last = time.monotonic()


class HttpEdge:
    """What the routers cannot see, as a pure ASGI middleware (streamed bodies stay streamed): the security
    headers above on every answer; `HEAD` answered as `GET` without the body, on every path; a request that
    declares both `Content-Length` and `Transfer-Encoding` (request smuggling's tool) refused, its connection
    closed; `Vary: Accept` on an answer a route chose by `Accept` (`negotiation.negotiated`); a stored answer sent
    again as it was sent (`replay`); each request counted in `activity` while it runs; its line in the access log
    written once the answer is sent (uvicorn writes it before the answer's first byte, on every request's way:
    0.07 ms, bench/SERVING.md; the server tells it not to)."""

    def __init__(self, app: ASGIApp, activity: Activity, replay: Replay) -> None:
        self.app = app
        self.activity = activity
        self.replay = replay

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status: list[int] = []
        try:
            with self.activity:
                await self._http(scope, receive, send, status)
        finally:
            if status and ACCESS_LOG.isEnabledFor(logging.INFO):
                _access_line(scope, status[0])

    async def _http(self, scope: Scope, receive: Receive, send: Send, status: list[int]) -> None:
        head = scope["method"] == "HEAD"
        inner = {**scope, "method": "GET"} if head else scope

        async def edge_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
                headers = [*message.get("headers", []), *([_VARY_ACCEPT] if inner.get(VARIES) else [])]
                self.replay.remember(inner, message["status"], headers)
                message = {**message, "headers": [*headers, *SECURITY_HEADERS]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        names = {name for name, _value in scope["headers"]}
        if b"content-length" in names and b"transfer-encoding" in names:
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(_BOTH_LENGTHS)).encode()),
                       (b"connection", b"close")]  # fmt: skip
            await edge_send({"type": "http.response.start", "status": 400, "headers": headers})
            await edge_send({"type": "http.response.body", "body": _BOTH_LENGTHS})
            return
        sent = self.replay.find(scope)
        if sent is not None:
            status.append(200)
            await send({"type": "http.response.start", "status": 200, "headers": [*sent[0], *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": b"" if head else sent[1]})
            return
        await self.app(inner, receive, edge_send)


def _access_line(scope: Scope, status: int) -> None:
    """The line uvicorn would have written, in its format (`ShortTarget` in api/server.py cuts the target)."""
    client = scope.get("client")
    query = scope["query_string"].decode("ascii", "replace")
    target = quote(scope["path"]) + (f"?{query}" if query else "")
    address = f"{client[0]}:{client[1]}" if client else ""
    ACCESS_LOG.info('%s - "%s %s HTTP/%s" %d', address, scope["method"], target, scope["http_version"], status)


WARM_UP_TIME_FACTOR = 6  # the warm-up's time limit for one document, in request limits (bench/README.md)


def _in_background(work: Callable[..., None], *args: Any) -> None:
    """Run `work` at a lower priority than the requests (a Linux thread has its own niceness)."""
    if sys.platform == "linux":
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    work(*args)


def _warm_up(
    files: list[Path], budget: int | None, catalogue: Catalogue, responses: ResponseCache, count: int | None,
    seconds: float, stop: threading.Event, activity: Activity, state: lookups.WarmUp,
) -> None:  # fmt: skip
    try:
        preload(files, stop, budget, activity.idle)  # a budget of 0 reads nothing
        backend = catalogue.backend
        if count != 0 and isinstance(backend, EmbeddedBackend) and not stop.is_set():
            # In a lookup worker of its own at the lowest priority, it harms no request if it takes longer than one
            # may: the documents too heavy for a request's limit (the most cited, at national scale) get computed.
            with backend.background():
                limit = seconds * WARM_UP_TIME_FACTOR
                lookups.warm(catalogue, responses, count, limit, stop, idle=activity.idle, state=state)
    finally:
        state.running = False


def create_app(settings: Settings) -> FastAPI:
    activity = Activity()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        backend = open_backend(settings)
        app.state.settings = settings
        app.state.backend = backend
        index = open_index(Path(backend.path).parent) if isinstance(backend, EmbeddedBackend) else None
        app.state.catalogue = catalogue = Catalogue(backend, index)
        # Only the embedded store stays as it was while the server runs: a remote endpoint can be loaded anew.
        kept = settings.lookup_cache_mb << 20 if isinstance(backend, EmbeddedBackend) else 0
        app.state.responses = responses = ResponseCache(kept)
        stop = threading.Event()
        warm_count = settings.warm_documents if kept else 0
        app.state.warm_up = state = lookups.WarmUp(running=warm_count != 0)
        # The store's files first (a first lookup then finds its blocks in the page cache), then the answers.
        files = [Path(backend.path), *([index.path] if index else [])] if isinstance(backend, EmbeddedBackend) else []
        budget = None if settings.preload_mb is None else settings.preload_mb << 20
        work = (files, budget, catalogue, responses, warm_count, settings.query_timeout, stop, activity, state)
        warming = threading.Thread(target=_in_background, args=(_warm_up, *work), daemon=True)
        warming.start()
        # The thread pool's first use imports and sets up anyio's worker threads (60-110 ms, measured): paid here,
        # not by the first lookup.
        await run_in_threadpool(int)
        try:
            yield
        finally:
            stop.set()
            backend.close()  # first: a warm-up or lookup still reading the store stops at its time limit
            catalogue.close()
            warming.join(timeout=1)

    app = FastAPI(
        title="policykg",
        version=__version__,
        summary="Policies, programmes and places in Vietnamese provincial reports, as a knowledge graph",
        description="Read-only. SPARQL 1.1 at `/sparql`; lookups under `/api`; every IRI dereferences under `/id`.",
        lifespan=lifespan,
        docs_url=None,  # served by the explorer from vendored Swagger UI: FastAPI's page loads it from a CDN
        redoc_url=None,
    )
    # Anyone may read from any origin; nothing here takes credentials or writes.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"])
    # Outermost: errors and CORS answers get the headers too.
    app.add_middleware(HttpEdge, activity=activity, replay=Replay())
    errors.install(app)
    app.include_router(sparql.router)
    app.include_router(lookups.router)
    app.include_router(exports.router)
    app.include_router(indicators.router)
    app.include_router(resources.router)
    app.include_router(explorer.router)
    app.mount("/static", explorer.static_files(), name="static")
    return app

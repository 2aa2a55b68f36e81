"""The FastAPI application: the store behind its interface, opened once; routers; errors mapped once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from policykg.api import errors, explorer, exports, lookups, resources, sparql
from policykg.graph.backend import Backend, EmbeddedBackend, RemoteBackend
from policykg.graph.lookup import Catalogue

from policykg import __version__
from policykg.settings import Settings


def open_backend(settings: Settings) -> Backend:
    if settings.endpoint:
        return RemoteBackend(settings.endpoint, timeout=settings.query_timeout)
    return EmbeddedBackend(settings.store_dir, workers=settings.workers, timeout=settings.query_timeout)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        backend = open_backend(settings)
        app.state.settings = settings
        app.state.backend = backend
        app.state.catalogue = Catalogue(backend)
        try:
            yield
        finally:
            backend.close()

    app = FastAPI(
        title="policykg",
        version=__version__,
        summary="Policies, programmes and places in Vietnamese provincial reports, as a knowledge graph",
        description="Read-only. SPARQL 1.1 at `/sparql`; lookups under `/api`; every IRI dereferences under `/id`.",
        lifespan=lifespan,
    )
    # Anyone may read from any origin; nothing here takes credentials or writes.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"])
    errors.install(app)
    app.include_router(sparql.router)
    app.include_router(lookups.router)
    app.include_router(exports.router)
    app.include_router(resources.router)
    app.include_router(explorer.router)
    app.mount("/static", explorer.static_files(), name="static")
    return app

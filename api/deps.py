"""What routers need, through FastAPI dependencies: the settings, the store behind its interface, the
catalogue of entities and the answers kept; each is opened once, at start, and held in the app's state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from policykg.api.responses import ResponseCache
from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.store.backend import Backend
from policykg.settings import Settings


def _state(name: str) -> Callable[[Request], Awaitable[Any]]:
    # A coroutine, not a plain function: FastAPI runs a plain one in its thread pool, a trip of two thread
    # switches per dependency per request (a third of `/sparql`'s own time on `ASK {}`, bench/SERVING.md).
    async def get(request: Request) -> Any:
        return getattr(request.app.state, name)

    get.__name__ = f"get_{name}"
    return get


SettingsDep = Annotated[Settings, Depends(_state("settings"))]
BackendDep = Annotated[Backend, Depends(_state("backend"))]
CatalogueDep = Annotated[Catalogue, Depends(_state("catalogue"))]
ResponsesDep = Annotated[ResponseCache, Depends(_state("responses"))]

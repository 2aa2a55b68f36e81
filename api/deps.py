"""What routers need, through FastAPI dependencies: the settings, the store behind its interface, the
catalogue of entities."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from policykg.api.responses import ResponseCache
from policykg.graph.backend import Backend
from policykg.graph.lookup import Catalogue

from policykg.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


def get_responses(request: Request) -> ResponseCache:
    responses: ResponseCache = request.app.state.responses
    return responses


SettingsDep = Annotated[Settings, Depends(get_settings)]
BackendDep = Annotated[Backend, Depends(get_backend)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
ResponsesDep = Annotated[ResponseCache, Depends(get_responses)]

"""Domain errors become HTTP answers here, once: a one-line reason and a stable code, never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from policykg.graph.lookup import Ambiguous, NotFound
from policykg.graph.sparql_results import RowLimitExceeded
from policykg.graph.workers import QueryRejected, QueryTimeout, WorkerCrashed
from starlette.exceptions import HTTPException

from policykg.errors import PolicyKGError, QueryError, StoreError


def problem(status: int, code: str, detail: str, **extra: object) -> JSONResponse:
    return JSONResponse({"detail": detail, "code": code, **extra}, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return problem(404, "not_found", str(exc), suggestions=exc.suggestions)

    @app.exception_handler(Ambiguous)
    async def ambiguous(_request: Request, exc: Ambiguous) -> JSONResponse:
        return problem(300, "ambiguous", str(exc), candidates=exc.candidates)

    @app.exception_handler(QueryRejected)
    async def rejected(_request: Request, exc: QueryRejected) -> JSONResponse:
        return problem(400, "bad_query", f"SPARQL error: {exc}")

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError) -> JSONResponse:
        return problem(400, "bad_query", str(exc))

    @app.exception_handler(QueryTimeout)
    async def timeout(_request: Request, exc: QueryTimeout) -> JSONResponse:
        return problem(503, "timeout", str(exc))

    @app.exception_handler(WorkerCrashed)
    async def crashed(_request: Request, exc: WorkerCrashed) -> JSONResponse:
        return problem(503, "engine_stopped", str(exc))

    @app.exception_handler(RowLimitExceeded)
    async def too_many(_request: Request, exc: RowLimitExceeded) -> JSONResponse:
        return problem(413, "too_many_rows", str(exc))

    @app.exception_handler(StoreError)
    async def store(_request: Request, exc: StoreError) -> JSONResponse:
        return problem(503, "store_unavailable", str(exc))

    @app.exception_handler(PolicyKGError)
    async def other(_request: Request, exc: PolicyKGError) -> JSONResponse:
        return problem(400, "bad_request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return problem(422, "invalid_parameter", f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(HTTPException)
    async def http(_request: Request, exc: HTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "error")
        return JSONResponse({"detail": str(exc.detail), "code": code}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def bug(_request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unexpected error", exc_info=exc)
        return problem(500, "internal_error", "an internal error; it was logged")


_CODES = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
          415: "unsupported_media_type"}  # fmt: skip
logger = logging.getLogger("policykg.api")

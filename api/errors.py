"""Domain errors become HTTP answers here, once: a one-line reason and a stable code, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from policykg.errors import (
    Ambiguous,
    AnswerTooLarge,
    Busy,
    NotFound,
    OutOfMemory,
    PolicyKGError,
    QueryError,
    QueryRejected,
    QueryTimeout,
    RowLimitExceeded,
    StoreError,
    WorkerCrashed,
)


def problem(status: int, code: str, detail: str, **extra: object) -> JSONResponse:
    return JSONResponse({"detail": detail, "code": code, **extra}, status_code=status)


# Domain errors, most specific first: (exception, HTTP status, stable code).
_MAPPED: list[tuple[type[Exception], int, str]] = [
    (NotFound, 404, "not_found"),
    (Ambiguous, 300, "ambiguous"),
    (QueryRejected, 400, "bad_query"),
    (QueryError, 400, "bad_query"),
    (QueryTimeout, 503, "timeout"),
    (WorkerCrashed, 503, "engine_stopped"),
    (OutOfMemory, 503, "out_of_memory"),
    (Busy, 503, "busy"),
    (RowLimitExceeded, 413, "too_many_rows"),
    (AnswerTooLarge, 413, "too_large_answer"),
    (StoreError, 503, "store_unavailable"),
    (PolicyKGError, 400, "bad_request"),
]


def _handler(status: int, code: str) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handle(_request: Request, exc: Exception) -> JSONResponse:
        detail = f"SPARQL error: {exc}" if isinstance(exc, QueryRejected) else str(exc)
        extra = {k: getattr(exc, k) for k in ("suggestions", "candidates") if hasattr(exc, k)}
        response = problem(status, code, detail, **extra)
        if isinstance(exc, Busy):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    return handle


def install(app: FastAPI) -> None:
    for exc_type, status, code in _MAPPED:
        app.add_exception_handler(exc_type, _handler(status, code))

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

"""The one settings object. Values come from `POLICYKG_*` environment variables, then the defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from policykg.errors import PolicyKGError

DEFAULT_BASE_IRI = "https://w3id.org/policykg/"
VALIDATORS = ("sparql", "pyshacl")  # how a store is checked against the shapes (graph/validate_sparql.py)


@dataclass(frozen=True)
class Settings:
    base_iri: str = DEFAULT_BASE_IRI
    reports_dir: Path = Path("data/reports")
    annotations_dir: Path = Path("tests/annotations")
    store_dir: Path = Path("store")
    endpoint: str | None = None  # a remote SPARQL endpoint to serve from instead of the embedded store
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None  # where clients reach the server (default http://HOST:PORT); never the Host header
    query_timeout: float = 10.0  # seconds a user query may run
    row_limit: int = 10_000  # rows (or triples) a user query may return
    max_query_bytes: int = 100_000
    workers: int = 2  # query worker processes
    lookup_cache_mb: int = 128  # lookup answers kept as JSON, per server
    warm_documents: int | None = None  # documents whose context is computed after start, most cited first (None: all)
    preload_mb: int | None = None  # store files read into the page cache at start, at most (None: half of free)
    max_answer_mb: int = 64  # bytes one SPARQL answer may take (413 past it)
    worker_memory_mb: int = 2048  # resident memory a query worker may use before it is replaced (503)
    queue_limit: int = 64  # user queries that may wait for a worker (503 with Retry-After past it)
    max_connections: int = 1000  # open HTTP connections (new ones are refused past it)
    request_timeout: float = 10.0  # seconds a request's head and body may take to arrive
    max_report_mb: int = 10  # size of one report file the build accepts (a long report's text is 1-3 MB; a PDF
    # or an image may be PAGED_FACTOR times it, loaders/pipeline.py)
    max_ocr_pages: int = 200  # pages without a text layer one PDF may have read by OCR (about 1.7 s a page)

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        base = env.get("POLICYKG_BASE_IRI", DEFAULT_BASE_IRI)
        return cls(
            base_iri=base if base.endswith(("/", "#")) else base + "/",
            reports_dir=Path(env.get("POLICYKG_REPORTS_DIR", "data/reports")),
            annotations_dir=Path(env.get("POLICYKG_ANNOTATIONS_DIR", "tests/annotations")),
            store_dir=Path(env.get("POLICYKG_STORE", "store")),
            endpoint=env.get("POLICYKG_ENDPOINT") or None,
            host=env.get("POLICYKG_HOST", "127.0.0.1"),
            port=_number(env, "POLICYKG_PORT", 8000, int),
            public_url=(env.get("POLICYKG_PUBLIC_URL") or "").rstrip("/") or None,
            query_timeout=_number(env, "POLICYKG_QUERY_TIMEOUT", 10.0, float),
            row_limit=_number(env, "POLICYKG_ROW_LIMIT", 10_000, int),
            max_query_bytes=_number(env, "POLICYKG_MAX_QUERY_BYTES", 100_000, int),
            workers=_number(env, "POLICYKG_WORKERS", 2, int),
            lookup_cache_mb=_number(env, "POLICYKG_LOOKUP_CACHE_MB", 128, int, zero=True),  # 0: keep nothing
            warm_documents=_optional(env, "POLICYKG_WARM_DOCUMENTS"),  # 0: no warm-up
            preload_mb=_optional(env, "POLICYKG_PRELOAD_MB"),  # 0: no preload
            max_answer_mb=_number(env, "POLICYKG_MAX_ANSWER_MB", 64, int),
            worker_memory_mb=_number(env, "POLICYKG_WORKER_MEMORY_MB", 2048, int),
            queue_limit=_number(env, "POLICYKG_QUEUE_LIMIT", 64, int, zero=True),
            max_connections=_number(env, "POLICYKG_MAX_CONNECTIONS", 1000, int),
            request_timeout=_number(env, "POLICYKG_REQUEST_TIMEOUT", 10.0, float),
            max_report_mb=_number(env, "POLICYKG_MAX_REPORT_MB", 10, int),
            max_ocr_pages=_number(env, "POLICYKG_MAX_OCR_PAGES", 200, int, zero=True),  # 0: no OCR at all
        )

    @property
    def server_url(self) -> str:
        """The server's own address, as clients are told it (service description, links to itself)."""
        if self.public_url:
            return self.public_url
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


Number = TypeVar("Number", int, float)


def _number(env: Mapping[str, str], name: str, default: Number, kind: type[Number], *, zero: bool = False) -> Number:
    text = env.get(name)
    if text is None or text == "":
        return default
    try:
        value = kind(text)
    except ValueError as exc:
        raise PolicyKGError(f"{name}={text!r}: not a number") from exc
    if value < 0 or (value == 0 and not zero):
        raise PolicyKGError(f"{name}={text!r}: must be {'zero or more' if zero else 'positive'}")
    return value


def _optional(env: Mapping[str, str], name: str) -> int | None:
    """A count whose default is worked out at run time (None when unset); 0 turns its feature off."""
    return _number(env, name, 0, int, zero=True) if env.get(name) else None

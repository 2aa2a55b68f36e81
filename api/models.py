"""The JSON shapes of the API (response models, with examples for the OpenAPI documentation)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict

from policykg.kinds import Kind


class Problem(BaseModel):
    """Every error: a one-line reason and a stable machine-readable code."""

    detail: str
    code: str
    suggestions: list[str] | None = None
    candidates: list[dict[str, object]] | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "detail": "no document '2099/QĐ-TTg'",
                "code": "not_found",
                "suggestions": ["2009/QĐ-TTg", "2038/QĐ-TTg"],
            }
        }
    )


# The lookups' answers are typed once, as the dataclasses of `policykg.graph.lookup.answers`, which FastAPI reads
# as their response models; here only what OpenAPI shows as their example.
DOCUMENT_CONTEXT_EXAMPLE: dict[str, Any] = {
    "document": {
        "iri": "https://w3id.org/policykg/id/document/2038-qd-ttg-2013",
        "symbol": "2038/QĐ-TTg",
        "type": "Quyết định",
        "number": "2038",
        "year": 2013,
        "issuer": "Thủ tướng Chính phủ",
        "date": "2013-11-05",
        "subject": None,
        "labels": ["Quyết định 2038/QĐ-TTg"],
    },
    "mentions": [
        {
            "report": "https://w3id.org/policykg/id/report/2013-ubnd-socio-economic-assessment",
            "report_title": "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2013",
            "period_start": "2013-01-01",
            "section": "I / 1 / 1.6",
            "line": 48,
            "column": 150,
            "text": "Quyết định số 2038/QĐ-TTg",
            "sentence": "… đã được Chính phủ phê duyệt tại …",
        }
    ],
    "related": [
        {
            "iri": "https://w3id.org/policykg/id/programme/quy-hoach-tong-the-di-dan-tdc-thuy-dien-huoi-quang-ban-chat",
            "label": "quy hoạch tổng thể di dân TĐC thủy điện Huội Quảng, Bản Chát",
            "kind": "programme",
            "relation": "approves",
            "direction": "out",
            "evidence": "… quy hoạch tổng thể di dân TĐC thủy điện Huội Quảng, Bản Chát đã được Chính phủ phê duyệt "
            "tại Quyết định số 2038/QĐ-TTg …",
            "report": "https://w3id.org/policykg/id/report/2013-ubnd-socio-economic-assessment",
            "line": 48,
            "confidence": 0.9,
        }
    ],
    "co_mentioned": [
        {
            "iri": "https://w3id.org/policykg/id/document/2042-qd-ttg-2013",
            "label": "Quyết định 2042/QĐ-TTg",
            "kind": "document",
            "count": 1,
        }
    ],
    "timeline": [
        {
            "report": "https://w3id.org/policykg/id/report/2013-ubnd-socio-economic-assessment",
            "title": "ĐÁNH GIÁ KẾT QUẢ …",
            "period_start": "2013-01-01",
            "period_end": "2013-12-31",
            "mentions": 1,
        }
    ],
}


class Health(BaseModel):
    status: str
    store: str
    queries_running: int | None = None  # user queries in the workers now (embedded store)
    queries_waiting: int | None = None  # user queries waiting for a worker
    warming_up: bool = False  # the store's files and the documents' answers still being read ahead
    documents_computed_ahead: int = 0  # decree contexts computed before anyone asked (answered as stored)


_WHY = {
    300: "several documents share the symbol; `candidates` lists them (`?year=` picks one)",
    400: "a bad request or query (the parser's message and position)",
    403: "refused: the endpoint is read-only and makes no outbound requests",
    404: "nothing matches; `suggestions` lists the closest",
    406: "none of the accepted media types is offered",
    413: "the query or body is too large, or the answer has too many rows or bytes",
    415: "the body is neither `application/sparql-query` nor a form",
    422: "a parameter out of its range or of the wrong type",
    503: "a limit was reached (time, busy workers, a stopped engine) or the store is unavailable",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for error statuses: each answers a `Problem` (this also replaces FastAPI's default
    422 shape, which the error handler does not use)."""
    return {status: {"model": Problem, "description": _WHY[status]} for status in statuses}


def problems_in_json(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`problems` for a route whose own answers are not JSON (an HTML page): the errors still are."""
    ref = {"$ref": "#/components/schemas/Problem"}
    return {status: {"description": _WHY[status], "content": content("application/json", schema=ref)}
            for status in statuses}  # fmt: skip


def content(*media_types: str, schema: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """An OpenAPI `content` map: `schema` for each media type; by default any JSON value for a JSON type, a
    string for the others."""
    return {
        media: {"schema": schema if schema is not None else {} if media.endswith("json") else {"type": "string"}}
        for media in media_types
    }


# The parameters `/api/search` and the explorer's `/search` share.
KIND_PATTERN = "^(" + "|".join([*Kind, "indicator"]) + ")$"
KindQuery = Annotated[
    str | None, Query(pattern=KIND_PATTERN, description="entities of this kind; sentences naming one")
]
# A form's "any kind" sends the field empty.
FormKindQuery = Annotated[str | None, Query(pattern=KIND_PATTERN.replace("^(", "^(|"), description="a kind, or empty")]
ScopeQuery = Annotated[
    Literal["entities", "sentences", "all"],
    Query(description="`entities` (names, symbols, subjects), `sentences` (every sentence of every report), `all`"),
]

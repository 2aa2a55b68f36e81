"""The JSON shapes of the API (response models, with examples for the OpenAPI documentation)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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


class Mention(BaseModel):
    report: str
    report_title: str | None
    period_start: str | None
    section: str | None
    line: int
    text: str | None
    sentence: str | None


class Related(BaseModel):
    iri: str
    label: str | None
    kind: str | None
    relation: str
    direction: str = Field(description="`out`: this entity is the subject; `in`: the object")
    evidence: str | None = Field(description="the sentence that states the relation (null for reference links)")
    report: str | None
    line: int | None


class CoMentioned(BaseModel):
    iri: str
    label: str | None
    kind: str | None
    count: int = Field(description="sentences that cite both")


class TimelineEntry(BaseModel):
    report: str
    title: str | None
    period_start: str | None
    period_end: str | None
    mentions: int


class Document(BaseModel):
    iri: str
    symbol: str | None
    type: str | None
    number: str | None
    year: int | None
    issuer: str | None
    date: str | None
    subject: str | None
    labels: list[str]


class DocumentContext(BaseModel):
    document: Document
    mentions: list[Mention]
    related: list[Related]
    co_mentioned: list[CoMentioned]
    timeline: list[TimelineEntry]

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
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
                        "text": "Quyết định số 2038/QĐ-TTg",
                        "sentence": "… đã được Chính phủ phê duyệt tại …",
                    }
                ],
                "related": [
                    {
                        "iri": "https://w3id.org/policykg/id/hydropower/huoi-quang",
                        "label": "Huội Quảng",
                        "kind": "hydropower",
                        "relation": "approves",
                        "direction": "out",
                        "evidence": "… phê duyệt tại Quyết định số 2038/QĐ-TTg …",
                        "report": "https://w3id.org/policykg/id/report/2013-ubnd-socio-economic-assessment",
                        "line": 48,
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
        }
    )


class Entity(BaseModel):
    iri: str
    kind: str
    label: str | None
    facts: dict[str, list[str]] = Field(description="property → values (entities by their label)")


class EntityContext(BaseModel):
    entity: Entity
    mentions: list[Mention]
    related: list[Related]
    co_mentioned: list[CoMentioned]
    timeline: list[TimelineEntry]


class SearchHit(BaseModel):
    iri: str
    kind: str
    label: str | None
    symbol: str | None
    score: int


class SearchResults(BaseModel):
    query: str
    hits: list[SearchHit]


class Health(BaseModel):
    status: str
    store: str

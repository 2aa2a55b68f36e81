"""The SPARQL 1.1 Protocol at `/sparql`: GET, form POST and direct POST; `default-graph-uri` and
`named-graph-uri`; results by `Accept` (406 otherwise); read-only (updates 403, `SERVICE` refused); a service
description, or the query page for a browser, when no query is given."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.requests import ClientDisconnect

from policykg.api.answers import answer_response
from policykg.api.deps import BackendDep, SettingsDep
from policykg.api.errors import problem
from policykg.api.models import content, problems
from policykg.api.negotiation import VARIES, negotiated
from policykg.api.pages import query_page
from policykg.graph.sparql.results import GRAPH_TYPES, RESULT_TYPES
from policykg.graph.sparql.text import inspect_query
from policykg.graph.store.workers import QueryRequest

router = APIRouter(tags=["SPARQL"], responses=problems(400, 403, 406, 413, 503))

_RESULTS = list(dict.fromkeys(["application/sparql-results+json", *RESULT_TYPES]))
_GRAPHS = list(GRAPH_TYPES)
_INSPECT_IN_LOOP = 4 << 10  # characters of query text inspected in the event loop (0.15 ms at most)
_TEXT_TYPES = ("text/", "application/sparql-results+xml", "application/rdf+xml", "application/n-triples")


_DATASET = [
    {"name": name, "in": "query", "required": False, "description": description,
     "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True}
    for name, description in (("default-graph-uri", "a graph of the default graph (repeatable)"),
                              ("named-graph-uri", "a named graph the query may see (repeatable)"))
]  # fmt: skip
_QUERY = {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
          "description": "the query; without it, the service description (or, for a browser, the editor)"}  # fmt: skip
_FORM = {"type": "object", "required": ["query"], "properties": {
    "query": {"type": "string"}, **{p["name"]: p["schema"] for p in _DATASET}}}  # fmt: skip
_ANSWERS = {
    **content("application/sparql-results+json", schema={"type": "object", "required": ["head"]}),
    **content("application/sparql-results+xml", "text/csv", "text/tab-separated-values", *GRAPH_TYPES),
}
_GET_200 = {"description": "results by `Accept`; without a query, the service description (Turtle) or the query page",
            "content": {**_ANSWERS, **content("text/html")}}  # fmt: skip


@router.get("/sparql", summary="SPARQL query (GET), or the service description", response_model=None,
            response_class=Response, responses={200: _GET_200},
            openapi_extra={"parameters": [_QUERY, *_DATASET]})  # fmt: skip
async def sparql_get(request: Request, backend: BackendDep, settings: SettingsDep) -> Response:
    params = _query_params(request)
    if "update" in params:
        return problem(403, "read_only", "this endpoint is read-only: SPARQL Update is not accepted")
    queries = params.get("query", [])
    if not queries:
        request.scope[VARIES] = True
        if "text/html" in (request.headers.get("accept") or ""):
            return HTMLResponse(query_page(f"{settings.server_url}/sparql", settings.base_iri))
        return Response(_service_description(settings.server_url), media_type="text/turtle; charset=utf-8")
    return await _answer(request, queries, params, backend, settings)


@router.post("/sparql", summary="SPARQL query (form or direct POST)", response_model=None, response_class=Response,
             responses={200: {"description": "results by `Accept`", "content": _ANSWERS}, **problems(415)},
             openapi_extra={"parameters": _DATASET, "requestBody": {"required": True, "content": {
                 "application/sparql-query": {"schema": {"type": "string"}},
                 "application/x-www-form-urlencoded": {"schema": _FORM}}}})  # fmt: skip
async def sparql_post(request: Request, backend: BackendDep, settings: SettingsDep) -> Response:
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    body = await _body(request, settings.max_query_bytes)
    if body is None:
        return problem(413, "too_large", f"the request body is over {settings.max_query_bytes} bytes")
    if content_type == "application/sparql-update":
        return problem(403, "read_only", "this endpoint is read-only: SPARQL Update is not accepted")
    if content_type == "application/sparql-query":
        params = _query_params(request)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return problem(400, "bad_request", "the query is not UTF-8")
        return await _answer(request, [text], params, backend, settings)
    if content_type == "application/x-www-form-urlencoded":
        try:
            params = _params(body.decode("utf-8"))
        except UnicodeDecodeError:
            return problem(400, "bad_request", "the form is not UTF-8")
        if "update" in params:
            return problem(403, "read_only", "this endpoint is read-only: SPARQL Update is not accepted")
        return await _answer(request, params.get("query", []), params, backend, settings)
    return problem(
        415, "unsupported_media_type",
        "send the query as application/sparql-query or as an application/x-www-form-urlencoded form",
    )  # fmt: skip


async def _body(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is known to be over `limit` bytes: by its `Content-Length`, or while it
    streams in (chunked) — an oversized body is never held in memory whole."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    except ClientDisconnect:
        return b""  # the client left mid-body: nobody reads the answer, and nothing goes to the log
    return b"".join(chunks)


def _params(query_string: str) -> dict[str, list[str]]:
    return parse_qs(query_string, keep_blank_values=True)


def _query_params(request: Request) -> dict[str, list[str]]:
    """The URL's parameters as parsed once by the framework (FastAPI reads them for every route): parsing a query of
    a kilobyte again cost 0.07 ms a request (bench/SERVING.md)."""
    params: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        params.setdefault(name, []).append(value)
    return params


async def _answer(
    request: Request, queries: list[str], params: dict[str, list[str]], backend: BackendDep, settings: SettingsDep
) -> Response:
    if len(queries) != 1:
        return problem(400, "bad_request", "give exactly one query")
    query = queries[0]
    if len(query.encode("utf-8")) > settings.max_query_bytes:
        return problem(413, "too_large", f"the query is over {settings.max_query_bytes} bytes")
    # Linear, but up to a megabyte: a long text off the event loop; a short one (most) without the thread's trip.
    text = inspect_query(query) if len(query) <= _INSPECT_IN_LOOP else await run_in_threadpool(inspect_query, query)
    if text.update:
        return problem(403, "read_only", "this endpoint is read-only: SPARQL Update is not accepted")
    if text.service:
        return problem(403, "no_service", "SERVICE is not allowed: this endpoint makes no outbound requests")
    form = text.form
    if form is None and backend.name != "embedded":
        # The embedded engine parses only queries (its parser's message is more useful); a remote store may
        # accept more than a query (Virtuoso's `DEFINE …` pragmas, an update behind one): refused before it goes.
        return problem(400, "bad_query", "not a SPARQL query: it must be a SELECT, ASK, CONSTRUCT or DESCRIBE")
    offered = _GRAPHS if form in ("CONSTRUCT", "DESCRIBE") else _RESULTS
    media_type = negotiated(request, offered)
    if media_type is None:
        return JSONResponse(
            {
                "detail": f"none of the accepted types is offered; offered: {', '.join(offered)}",
                "code": "not_acceptable",
            },
            status_code=406,
        )
    job = QueryRequest(
        query=query,
        media_type=media_type,
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
        row_limit=settings.row_limit,
        answer_limit=settings.max_answer_mb << 20,
    )
    answer = await backend.sparql(job, request.client.host if request.client else "")
    shown = media_type
    if media_type == "application/json":
        shown = "application/sparql-results+json"
    if media_type == "application/xml":
        shown = "application/sparql-results+xml"
    charset = "; charset=utf-8" if shown.startswith(_TEXT_TYPES) or shown.endswith("json") else ""
    return answer_response(answer, shown + charset)


def _service_description(server_url: str) -> str:
    endpoint = f"{server_url}/sparql"
    formats = "\n".join(
        f"    sd:resultFormat <http://www.w3.org/ns/formats/{f}> ;"
        for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
    )  # fmt: skip
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dct: <http://purl.org/dc/terms/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
{formats}
    sd:feature sd:UnionDefaultGraph ;
    dct:title "policykg: policies, programmes and places in Vietnamese provincial reports" ;
    dct:description "Read-only. The default graph is the union of the named graphs (one per report, reference,
        ontology), each triple once. SERVICE is refused." .
"""

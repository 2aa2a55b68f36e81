"""A remote store: any SPARQL 1.1 endpoint, through SPARQLWrapper."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse
from SPARQLWrapper import JSON, N3, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from policykg.errors import AnswerTooLarge, QueryRejected, QueryTimeout, StoreError
from policykg.graph.sparql.query import Table, term_value
from policykg.graph.sparql.results import (
    GRAPH_TYPES,
    RESULT_TYPES,
    Answer,
    Sink,
    write_boolean,
    write_solutions,
    write_triples,
)
from policykg.graph.sparql.text import Term, with_values
from policykg.graph.store.workers import QueryRequest
from policykg.urls import redact


@dataclass
class RemoteBackend:
    """Any SPARQL 1.1 endpoint, through SPARQLWrapper: GET requests, JSON or N-Triples results.

    Virtuoso answers a query that ran out of time with partial results and HTTP 200, flagged only by the
    `X-SQL-State` header; that is treated as a timeout, never passed on as a complete answer.
    """

    endpoint: str
    timeout: float = 10.0
    answer_limit: int = 64 << 20  # bytes read from the endpoint for one answer
    name: str = "remote"
    lanes: int = 8  # each query of a batch is a request of its own: the endpoint answers them in parallel
    _calls: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(8), repr=False)

    def _client(self, query: str, fmt: str, dataset: tuple[tuple[str, ...], tuple[str, ...]]) -> SPARQLWrapper:
        client = SPARQLWrapper(self.endpoint)
        client.setMethod("GET")  # Virtuoso hangs on a direct POST (stores guide)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        client.setTimeout(int(self.timeout) + 1)
        client.addParameter("timeout", str(int(self.timeout * 1000)))  # Virtuoso's own limit, in ms
        default_graphs, named_graphs = dataset
        for graph in default_graphs:
            client.addParameter("default-graph-uri", graph)
        for graph in named_graphs:
            client.addParameter("named-graph-uri", graph)
        return client

    def _call(
        self, query: str, fmt: str, dataset: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    ) -> tuple[bytes, dict[str, str]]:
        try:
            response = self._client(query, fmt, dataset).query()
        except QueryBadFormed as exc:
            raise QueryRejected(" ".join(str(exc).split())[:500]) from exc
        except (SPARQLWrapperException, OSError) as exc:
            message = " ".join(str(exc).split())
            if "exceeds the limit" in message or "timed out" in message.lower():
                # Virtuoso refuses up front a query whose estimated time is past its limit.
                raise QueryTimeout(f"the endpoint would run this query past the time limit: {message[:200]}") from exc
            raise StoreError(f"{redact(self.endpoint)}: {message[:300]}") from exc
        headers = {k.lower(): v for k, v in response.info().items()}
        body: bytes = response.response.read(self.answer_limit + 1)
        if len(body) > self.answer_limit:
            raise AnswerTooLarge(f"the endpoint's answer is over the limit of {self.answer_limit >> 20} MB")
        if headers.get("x-sql-state"):
            raise QueryTimeout(f"the endpoint returned partial results (X-SQL-State {headers['x-sql-state']})")
        return body, headers

    def _solutions(
        self, query: str, dataset: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    ) -> tuple[list[str], list[list[Term | None]], bool | None]:
        body, _headers = self._call(query, JSON, dataset)
        data: dict[str, Any] = json.loads(body)
        if "boolean" in data:
            return [], [], bool(data["boolean"])
        variables = list(data["head"].get("vars", []))
        rows = [[_from_json(b.get(v)) for v in variables] for b in data["results"]["bindings"]]
        return variables, rows, None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Table:
        variables, rows, _ask = self._solutions(with_values(query, bindings or {}))
        return Table(variables, [[term_value(t) for t in row] for row in rows])

    def select_batch(self, items: Sequence[tuple[str, Mapping[str, Term]]]) -> list[Table]:
        return [self.select(query, bindings) for query, bindings in items]

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        return self._triples(with_values(query, bindings or {}))

    def _triples(self, query: str, dataset: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> list[Triple]:
        body, _headers = self._call(query, N3, dataset)
        return [q.triple for q in parse(body, format=RdfFormat.TURTLE)]

    async def sparql(self, request: QueryRequest, client: str = "") -> Answer:
        # A thread per call (SPARQLWrapper blocks), at most 8 at a time; the endpoint enforces the time limit.
        async with self._calls:
            return await asyncio.to_thread(self._sparql, request)

    def _sparql(self, request: QueryRequest) -> Answer:
        dataset = (request.default_graphs, request.named_graphs)
        sink = Sink(request.answer_limit)
        if request.media_type in GRAPH_TYPES:
            triples = self._triples(request.query, dataset)
            write_triples(iter(triples), request.media_type, request.row_limit, sink)
            return sink.answer()
        variables, rows, ask = self._solutions(request.query, dataset)
        fmt = RESULT_TYPES.get(request.media_type, "json")
        if ask is not None:
            write_boolean(ask, fmt, sink)
        else:
            write_solutions(variables, rows, fmt, request.row_limit, sink)
        return sink.answer()

    async def healthy(self) -> bool:
        try:
            await asyncio.to_thread(self._solutions, "ASK { }")
        except (StoreError, QueryRejected, QueryTimeout):
            return False
        return True

    def close(self) -> None:
        return None


def _from_json(binding: dict[str, str] | None) -> Term | None:
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        # Virtuoso names blank nodes `nodeID://b123`, which is no valid blank node label: keep it, hashed.
        return BlankNode("b" + hashlib.sha1(value.encode()).hexdigest()[:16])
    if "xml:lang" in binding:
        return Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return Literal(value, datatype=NamedNode(binding["datatype"]))
    return Literal(value)

"""The HTTP API fuzzed from its own OpenAPI schema (Schemathesis) against a real `policykg serve`.

Every operation gets a few valid and a few invalid requests generated from `/openapi.json`; every answer must
be below 500 and conform to what the schema declares: its status code, its media type, its headers and, for
JSON, its body. Bounded: a few examples per operation and mode, no shrinking, a fixed seed (derandomized), so
the run takes well under a minute and repeats exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import Server

schemathesis.serializer.alias("application/sparql-query", "text/plain")  # a direct POST: the query as UTF-8

EXAMPLES = 12  # per operation and generation mode
SELECT = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 5"
CONSTRUCT = "CONSTRUCT WHERE { ?s a ?type } LIMIT 5"
RESULTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
GRAPHS = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
# Random strings rarely name anything, so each operation is also asked for things that exist, in every format:
# their 200 answers must conform too.
KNOWN: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/api/documents/{symbol}", {"path_parameters": {"symbol": "29-NQ/TW"}, "query": {"year": 2013}}),
    ("GET", "/api/documents/{symbol}", {"path_parameters": {"symbol": "29-NQ/TW"}}),  # 300: two documents
    ("GET", "/api/documents/{symbol}", {"path_parameters": {"symbol": "Quyết định 2009/QĐ-TTg"}}),
    ("GET", "/api/places/{ident}", {"path_parameters": {"ident": "Tam Đường"}}),
    ("GET", "/api/hydropower/{ident}", {"path_parameters": {"ident": "huoi quang"}}),
    ("GET", "/api/programmes/{ident}", {"path_parameters": {"ident": "chuong-trinh-135"}}),
    ("GET", "/api/reports/{ident}", {"path_parameters": {"ident": "2013-ubnd-socio-economic-assessment"}}),
    ("GET", "/api/search", {"query": {"q": "huoi quang", "limit": 3}}),
    *[
        ("GET", "/api/export", {"query": {"format": f, "focus": "huoi-quang"}})
        for f in ("graphml", "gexf", "cytoscape", "dot", "csv")
    ],
    *[
        ("GET", "/id/{path}", {"path_parameters": {"path": "hydropower/huoi-quang"}, "headers": {"Accept": media}})
        for media in ("text/html", *GRAPHS)
    ],
    *[("GET", "/sparql", {"query": {"query": SELECT}, "headers": {"Accept": media}}) for media in RESULTS],
    *[("GET", "/sparql", {"query": {"query": CONSTRUCT}, "headers": {"Accept": media}}) for media in GRAPHS],
    ("GET", "/sparql", {"query": {"query": "ASK { ?s ?p ?o }"}}),
    ("GET", "/sparql", {"query": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),  # 403
    ("GET", "/sparql", {"query": {"query": SELECT}, "headers": {"Accept": "image/png"}}),  # 406
    ("GET", "/sparql", {"headers": {"Accept": "text/html"}}),
    ("GET", "/sparql", {}),
    ("POST", "/sparql", {"body": SELECT, "media_type": "application/sparql-query"}),
    ("POST", "/sparql", {"body": {"query": CONSTRUCT}, "media_type": "application/x-www-form-urlencoded"}),
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def fuzz(check: Callable[[Case], None], strategy: object) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=strategy)
    def run(case: Case) -> None:
        check(case)

    run()


@pytest.mark.parametrize("server", ["embedded"], indirect=True)  # no Virtuoso started only to be skipped
def test_the_api_conforms_to_its_openapi_schema(server: Server) -> None:
    if server.backend != "embedded":
        pytest.skip("fuzzed once, on the embedded store (the schema is the same over any store)")
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json", timeout=10)
    seen: list[int] = []

    def check(case: Case) -> None:
        response = case.call(base_url=server.url, timeout=30)
        seen.append(response.status_code)
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
        case.validate_response(response, checks=CHECKS)

    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the schema has an invalid operation: {result}"
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz(check, operation.as_strategy(generation_mode=mode))
            except Unsatisfiable:  # nothing to make invalid (no parameters, or free-form strings only)
                assert mode is GenerationMode.NEGATIVE, operation.label
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert operations >= 12, "every route of the API is in its schema"
    for method, path, data in KNOWN:
        operation = schema[path][method]
        try:
            check(operation.Case(**data))
        except Exception as exc:
            failures.append(f"{method} {path} {data}: {exc}")
    assert not failures, "\n\n".join(failures)
    assert len(seen) >= operations * EXAMPLES, "the fuzzer reached every operation"
    assert not [status for status in seen if status >= 500]

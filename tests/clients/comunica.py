"""Run the real Comunica SPARQL client (npm `@comunica/query-sparql`) against an HTTP SPARQL endpoint.

Comunica is a private npm package of the tests, installed into tests/clients/node_modules by
`npm ci --prefix tests/clients --no-audit --no-fund` (package.json pins 5.4.1; it overrides undici to 7.x,
since the undici 8 that Comunica 5.3+ asks for needs Node 22 and crashes at start on Node 20).

What Comunica 5.4.1 sends to an endpoint named as `sparql@URL` (seen through a logging proxy):
- the query text unchanged, as `GET URL?query=…` (UTF-8, percent-encoded) while that URL is shorter than
  600 characters, else `POST URL` with `Content-Type: application/x-www-form-urlencoded` and body `query=…`;
- `Accept: application/sparql-results+json;q=1.0,application/sparql-results+xml;q=0.7` for SELECT and ASK,
  `Accept: text/turtle` for CONSTRUCT and DESCRIBE;
- no service description first: one request per query. Named by its bare URL instead, it first GETs the URL
  without `query` and with an RDF Accept (`application/n-quads` first, `text/turtle;q=0.6`,
  `text/html;q=0.2`, …), reads the `sd:Service` there, and sends the queries to its `sd:endpoint` IRI;
- a 4xx or 5xx answer ends the query at once, without retry: exit code 1 and on stderr
  `Invalid SPARQL endpoint response from URL (HTTP status N):` followed by the response body.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent
COMUNICA = CLIENTS / "node_modules" / ".bin" / "comunica-sparql"
INSTALL = "npm ci --prefix tests/clients --no-audit --no-fund"
RESULTS_JSON = "application/sparql-results+json"


class ComunicaError(RuntimeError):
    """Comunica is missing, failed, timed out or printed something that is not SPARQL JSON results."""


def comunica_available() -> bool:
    """Whether `comunica-sparql` is installed in tests/clients/node_modules and Node.js is on PATH."""
    return COMUNICA.is_file() and shutil.which("node") is not None


def require_comunica() -> None:
    """Skip a test when Comunica is not installed here — but fail in CI, which must install it."""
    import os

    import pytest

    if comunica_available():
        return
    message = f"Comunica is not installed (run {INSTALL}; needs Node.js)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}, yet CI=true: .ci/run must install it")
    pytest.skip(message)


def comunica_select(endpoint: str, query: str, timeout: float = 120) -> list[dict[str, str]]:
    """Run a SELECT query with Comunica against a SPARQL endpoint; rows as {variable: value}, unbound left out."""
    if not comunica_available():
        raise ComunicaError(f"comunica-sparql is not installed in {COMUNICA.parent} (run `{INSTALL}`)")
    command = [str(COMUNICA), f"sparql@{endpoint}", "--query", query, "--outputType", RESULTS_JSON]
    try:
        done = subprocess.run(command, cwd=CLIENTS, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        stderr = (exc.stderr or b"").decode("utf-8", "replace")
        raise ComunicaError(f"comunica-sparql timed out after {timeout} s on {endpoint}; stderr:\n{stderr}") from exc
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        raise ComunicaError(f"comunica-sparql exited with {done.returncode} querying {endpoint}; stderr:\n{stderr}")
    try:
        bindings = json.loads(done.stdout.decode("utf-8"))["results"]["bindings"]
        return [{name: str(term["value"]) for name, term in row.items()} for row in bindings]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        out = done.stdout.decode("utf-8", "replace")[:2000]
        raise ComunicaError(f"comunica-sparql printed no SELECT results:\n{out}\nstderr:\n{stderr}") from exc

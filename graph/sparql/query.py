"""Running SPARQL on the store: text or a named `queries/*.rq`, parameters bound as RDF terms, and the
results as a table, SPARQL results JSON or CSV."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from policykg.errors import QueryError
from policykg.graph.sparql.text import Term, inspect_query, with_values
from policykg.text import aligned

Result = QuerySolutions | QueryBoolean | QueryTriples


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str | None]]


_BARE_IRI = re.compile(r"(?:https?://|urn:).*", re.IGNORECASE | re.DOTALL)


def parse_binding(text: str) -> tuple[str, Term]:
    """`doc=<https://…>` or `doc=https://…` (also `urn:…`) binds an IRI; `year=2013` or `name="Tam Đường"` a
    literal (quoted, any text is a literal, an IRI-looking one too)."""
    name, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"\??\w+", name):
        raise QueryError(f"--bind {text!r}: expected NAME=VALUE (an <IRI> or a literal)")
    name, value = name.lstrip("?"), value.strip()
    if value.startswith("<") and value.endswith(">"):
        return name, _iri(text, value[1:-1])
    if _BARE_IRI.fullmatch(value):
        return name, _iri(text, value)
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return name, Literal(value[1:-1])
    return name, Literal(value)


def _iri(text: str, value: str) -> NamedNode:
    try:
        return NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"--bind {text!r}: not a valid IRI ({_one_line(exc)})") from exc


def run(store: Store, query: str, bindings: Mapping[str, Term] | None = None) -> Result:
    """One read-only query over the union of all named graphs."""
    try:
        return store.query(with_values(query, bindings or {}))
    except SyntaxError as exc:
        if inspect_query(query).update:
            raise QueryError("the store is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR …) is not run; "
                             "change the graph with `policykg build` or `policykg load`") from exc  # fmt: skip
        raise QueryError(f"SPARQL syntax error: {_one_line(exc)}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from exc


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def select(store: Store, query: str, bindings: Mapping[str, Term] | None = None) -> Table:
    """A SELECT query's rows as plain strings (None for an unbound variable)."""
    result = run(store, query, bindings)
    if not isinstance(result, QuerySolutions):
        raise QueryError("expected a SELECT query")
    columns = [v.value for v in result.variables]
    rows = [[term_value(t) for t in solution] for solution in result]  # a solution's terms in column order
    return Table(columns, rows)


def serialize(result: Result, fmt: str) -> str:
    """SPARQL results JSON or CSV for SELECT/ASK; N-Triples for CONSTRUCT/DESCRIBE; a table for people."""
    if isinstance(result, QueryTriples):
        return (result.serialize(format=RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    if fmt in ("json", "csv"):
        format_ = QueryResultsFormat.JSON if fmt == "json" else QueryResultsFormat.CSV
        return (result.serialize(format=format_) or b"").decode("utf-8")
    if isinstance(result, QueryBoolean):
        return "true" if bool(result) else "false"
    columns = [v.value for v in result.variables]
    return render_table(Table(columns, [[term_value(t) for t in s] for s in result]))


def render_table(table: Table) -> str:
    rows = [[c if c is not None else "" for c in row] for row in table.rows]
    return f"{aligned(table.columns, rows)}\n({len(table.rows)} rows)"


def term_value(term: object) -> str | None:
    """A term's lexical value (an IRI, a literal's text), as tables and lookups read it."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)

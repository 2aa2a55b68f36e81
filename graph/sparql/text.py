"""The text of a SPARQL query, read by one tokenizer: what a read-only endpoint checks before running it
(its form, an update, SERVICE, its own dataset), and where a `VALUES` block binds the parameters of the
project's own queries.

One token at a time, and every alternative matches wherever it starts (an unterminated string runs to the end
of its line, a long one to the end of the text), so the scan never starts again from an earlier place: linear
in the length of the query, whatever its quotes and backslashes. Comments, strings and IRIs are blanked out
to the same length, so a keyword is seen only as a keyword and a position in the skeleton is a position in
the query.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Variable

from policykg.errors import QueryError

Term = NamedNode | Literal | BlankNode

_TOKENS = re.compile(
    r"""#[^\n]*"""
    r"""|\"\"\"[\s\S]*?(?:\"\"\"|\Z)|'''[\s\S]*?(?:'''|\Z)"""
    r"""|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?"""
    r"""|<[^<>"{}|^`\\\s]*>"""
)
_WORDS = re.compile(r"<\s*>|[^\s<>{}()]+")
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def skeleton(query: str) -> str:
    """The query with comments and strings blanked and IRIs emptied (`<   >`), every position kept."""

    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("<"):
            return "<" + " " * (len(token) - 2) + ">"
        return " " * len(token)

    return _TOKENS.sub(blank, query)


@dataclass(frozen=True)
class QueryText:
    """What a read-only endpoint needs to know of a query's text before it runs it."""

    form: str | None  # SELECT, ASK, CONSTRUCT or DESCRIBE; None when the text does not start with one
    update: bool  # starts with an update operation (INSERT, DELETE, LOAD …)
    service: bool  # uses SERVICE (an outbound request)


def inspect_query(query: str) -> QueryText:
    bare = skeleton(query)
    first = _first_keyword(bare)
    return QueryText(
        form=first if first in FORMS else None,
        update=first in UPDATES,
        service=bool(_SERVICE.search(bare)),
    )


_LIMIT_LAST = re.compile(r"\b(?:LIMIT\s+(\d+)(?:\s+OFFSET\s+\d+)?|OFFSET\s+\d+\s+LIMIT\s+(\d+))\s*$", re.I)


def declared_limit(query: str) -> int | None:
    """The `LIMIT` of the query itself, when it is the last thing in its text (outside every group, so not a
    subquery's); None otherwise. The query cannot return more rows than that."""
    bare = skeleton(query)
    found = _LIMIT_LAST.search(bare)
    if found is None or bare.count("{", 0, found.start()) != bare.count("}", 0, found.start()):
        return None
    return int(found.group(1) or found.group(2))


def _first_keyword(bare: str) -> str | None:
    """The first word after the prologue (`PREFIX p: <>` and `BASE <>` declarations), upper-cased."""
    words = _WORDS.finditer(bare)
    for match in words:
        word = match.group(0).upper()
        if word == "PREFIX":
            next(words, None)  # the prefix name
            next(words, None)  # its IRI
        elif word == "BASE":
            next(words, None)
        else:
            return word
    return None


def with_values(query: str, bindings: Mapping[str, Term]) -> str:
    """The query with a `VALUES` block that binds its parameters, first in its WHERE group.

    The values are RDF terms written by pyoxigraph's own serialiser (`<…>` with escapes, quoted literals), so
    no text a user gave can change the query's structure. Inside the WHERE group they restrict the pattern
    itself, before any grouping (a trailing VALUES would join after GROUP BY), and a parameter need not be
    projected (pyoxigraph's `substitutions` need it to be).
    """
    if not bindings:
        return query
    names = " ".join(str(Variable(k)) for k in bindings)
    values = " ".join(str(v) for v in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    end = _where_opens(query)
    return query[:end] + block + query[end:]


@functools.lru_cache(maxsize=256)
def _where_opens(query: str) -> int:
    """Where a query's WHERE group opens, past its `{`; kept per text: the project's own queries are bound again
    and again, and finding it (the query's skeleton, then a search) took a tenth of a small lookup's time."""
    bare = skeleton(query)
    opening = _WHERE.search(bare)
    end = opening.end() if opening else _group_after_form(bare)
    if end is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return end


def _group_after_form(bare: str) -> int | None:
    """Where the first group after SELECT/ASK/DESCRIBE opens (`SELECT * { … }`, no WHERE), past its `{`."""
    form = re.search(r"\b(?:SELECT|ASK|DESCRIBE)\b", bare, re.I)
    if form is None:
        return None
    brace = bare.find("{", form.end())
    return brace + 1 if brace >= 0 else None

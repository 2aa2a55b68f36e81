"""SPARQL query results and graphs in every format the SPARQL 1.1 Protocol names, chosen by `Accept`, and
the checks a read-only endpoint makes before it runs a query.

Results are written here from pyoxigraph terms (not by pyoxigraph's own serialisers) so that the writer can
stop at the row limit while it streams, whatever the engine.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple
from pyoxigraph import serialize as serialize_rdf

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Media types, preferred first.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
CANONICAL = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}

Term = NamedNode | BlankNode | Literal | Triple


class RowLimitExceeded(Exception):
    """More rows than the endpoint's limit; the caller answers 413."""


@dataclass(frozen=True)
class Accepted:
    media_type: str
    quality: float


def parse_accept(header: str | None) -> list[Accepted]:
    """`Accept` entries, best first (a missing header accepts anything)."""
    if not header:
        return [Accepted("*/*", 1.0)]
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        out.append(Accepted(fields[0].lower(), quality))
    return sorted((a for a in out if a.quality > 0), key=lambda a: -a.quality)


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, the first offered for `*/*`, or None (→ 406)."""
    for entry in parse_accept(accept):
        if entry.media_type in offered:
            return entry.media_type
        if entry.media_type == "*/*":
            return offered[0]
        if entry.media_type.endswith("/*"):
            prefix = entry.media_type[:-1]
            for media in offered:
                if media.startswith(prefix):
                    return media
    return None


# ------------------------------------------------------------------------------------------- query checks

_TOKENS = re.compile(
    r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*:\s*|BASE\s*)<>\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I
)
_FORM = re.compile(r"^\s*(?:(?:PREFIX\s+\S*:\s*|BASE\s*)<>\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
_FROM = re.compile(r"(?<![\w?$:-])FROM(?![\w:.-])", re.I)  # the keyword, not `?from` or `ex:from`


def _skeleton(query: str) -> str:
    """The query without comments, strings and IRIs (IRIs kept as `<>`), so keywords are seen only as keywords."""
    return _TOKENS.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", query)


def is_update(query: str) -> bool:
    return bool(_UPDATE.match(_skeleton(query)))


def uses_service(query: str) -> bool:
    return bool(_SERVICE.search(_skeleton(query)))


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its own dataset (`FROM`, `FROM NAMED`)."""
    return bool(_FROM.search(_skeleton(query)))


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (None when the text does not start with one)."""
    m = _FORM.match(_skeleton(query))
    return m.group(1).upper() if m else None


# ------------------------------------------------------------------------------------------- writers


def write_solutions(variables: Sequence[str], rows: Iterable[Sequence[Term | None]], fmt: str, limit: int) -> bytes:
    """SELECT results in `fmt` (json, xml, csv, tsv), stopping with RowLimitExceeded past `limit` rows."""
    kept = []
    for n, row in enumerate(rows):
        if n >= limit:
            raise RowLimitExceeded(f"the query returns more than {limit} rows; add a LIMIT or narrow it")
        kept.append(row)
    if fmt == "json":
        return _json(variables, kept)
    if fmt == "xml":
        return _xml(variables, kept)
    if fmt == "csv":
        return _csv(variables, kept)
    return _tsv(variables, kept)


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        body = "true" if value else "false"
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{body}</boolean></sparql>\n"
        ).encode()
    if fmt in ("csv", "tsv"):
        return b"_askResult\r\n" + (b"true" if value else b"false") + b"\r\n"
    return json.dumps({"head": {}, "boolean": value}).encode()


def write_triples(triples: Iterable[Triple], media_type: str, limit: int) -> bytes:
    kept = []
    for n, triple in enumerate(triples):
        if n >= limit:
            raise RowLimitExceeded(f"the query returns more than {limit} triples; add a LIMIT or narrow it")
        kept.append(triple)
    return serialize_rdf(kept, format=GRAPH_TYPES[media_type]) or b""


def _term_json(term: Term) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _json(variables: Sequence[str], rows: list[Sequence[Term | None]]) -> bytes:
    bindings = [{v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
    return json.dumps(
        {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False
    ).encode()


def _term_xml(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(variables: Sequence[str], rows: list[Sequence[Term | None]]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [
            f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>" for v, t in zip(variables, row, strict=True) if t
        ]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode()


def _csv(variables: Sequence[str], rows: list[Sequence[Term | None]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, BlankNode) else _plain(t)) for t in row])
    return buffer.getvalue().encode()


def _plain(term: Term) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else str(term)


def _tsv(variables: Sequence[str], rows: list[Sequence[Term | None]]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()

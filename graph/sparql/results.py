"""SPARQL query results and graphs in every format the SPARQL 1.1 Protocol names, chosen by `Accept`.


Results are written here from pyoxigraph terms (not by pyoxigraph's own serialisers) so that the writer can
stop at the row limit and at the byte limit while it streams, whatever the engine. They are written into a
`Sink`, which keeps a small answer in memory and a large one in a file, so that neither a worker nor the
server holds a large answer whole.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring as _json_string  # as json.dumps(ensure_ascii=False)
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple
from pyoxigraph import serialize as serialize_rdf

from policykg.errors import AnswerTooLarge, RowLimitExceeded

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

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
# Formats whose documents can be written in parts and concatenated (no prefixes are written).
_CONCATENABLE = (RdfFormat.TURTLE, RdfFormat.N_TRIPLES)

Term = NamedNode | BlankNode | Literal | Triple


@dataclass(frozen=True)
class Answer:
    """A written answer: its bytes, or the file that holds them (the reader removes it)."""

    size: int
    body: bytes | None = None
    path: str | None = None

    def read(self) -> bytes:
        """The whole answer (for small ones and tests); a file is removed once read."""
        if self.body is not None:
            return self.body
        assert self.path is not None
        try:
            with open(self.path, "rb") as handle:
                return handle.read()
        finally:
            os.unlink(self.path)


class Sink:
    """The bytes of one answer as they are written: in memory up to `spill` bytes, then in a file in
    `spool_dir` (or in memory still, when there is none); AnswerTooLarge past `limit` bytes."""

    def __init__(self, limit: int, spool_dir: str | None = None, spill: int = 1 << 20) -> None:
        self.limit = limit
        self.spool_dir = spool_dir
        self.spill = spill
        self.size = 0
        self._memory = io.BytesIO()
        self._file: io.BufferedWriter | None = None
        self._path: str | None = None

    def write(self, data: bytes) -> int:
        """`data` kept, or AnswerTooLarge; the bytes taken, as a file's `write` says (pyoxigraph's serializers
        write into a sink as into a file)."""
        self.size += len(data)
        if self.size > self.limit:
            self.discard()
            raise AnswerTooLarge(
                f"the answer is over the limit of {self.limit >> 20} MB; add a LIMIT or select fewer or shorter values"
            )
        if self._file is not None:
            self._file.write(data)
            return len(data)
        self._memory.write(data)
        if self.spool_dir is not None and self._memory.tell() > self.spill:
            fd, self._path = tempfile.mkstemp(prefix="answer-", dir=self.spool_dir)
            self._file = open(fd, "wb")  # noqa: SIM115 - closed in answer() or discard()
            self._file.write(self._memory.getvalue())
            self._memory = io.BytesIO()
        return len(data)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def answer(self) -> Answer:
        if self._file is not None and self._path is not None:
            self._file.close()
            return Answer(self.size, path=self._path)
        return Answer(self.size, body=self._memory.getvalue())

    def discard(self) -> None:
        self._memory = io.BytesIO()
        if self._file is not None and self._path is not None:
            self._file.close()
            os.unlink(self._path)
            self._file = None


# ------------------------------------------------------------------------------------------- writers


def write_solutions(
    variables: Sequence[str], rows: Iterable[Sequence[Term | None]], fmt: str, limit: int, sink: Sink
) -> None:
    """SELECT results in `fmt` (json, xml, csv, tsv) into `sink`, row by row, stopping with RowLimitExceeded
    past `limit` rows (and AnswerTooLarge past the sink's bytes)."""
    head, row_writer, separator, tail = _FORMATS[fmt](variables)
    sink.write(head)
    batch: list[bytes] = []  # rows go to the sink a thousand at a time
    lead = b""  # what comes before a batch: nothing before the first
    for n, row in enumerate(rows):
        if n >= limit:
            sink.discard()
            raise RowLimitExceeded(f"the query returns more than {limit} rows; add a LIMIT or narrow it")
        batch.append(row_writer(row))
        if len(batch) == 1000:
            sink.write(lead + separator.join(batch))
            batch, lead = [], separator
    if batch:
        sink.write(lead + separator.join(batch))
    sink.write(tail)


def write_boolean(value: bool, fmt: str, sink: Sink) -> None:
    if fmt == "xml":
        body = "true" if value else "false"
        sink.write(
            (
                '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{body}</boolean></sparql>\n"
            ).encode()
        )
    elif fmt in ("csv", "tsv"):
        sink.write(b"_askResult\r\n" + (b"true" if value else b"false") + b"\r\n")
    else:
        sink.write(json.dumps({"head": {}, "boolean": value}).encode())


def write_triples(triples: Iterable[Triple], media_type: str, limit: int, sink: Sink, batch: int = 1000) -> None:
    """Triples in `media_type` into `sink`; Turtle and N-Triples in parts of `batch` triples as they come."""
    fmt = GRAPH_TYPES[media_type]
    kept: list[Triple] = []
    for n, triple in enumerate(triples):
        if n >= limit:
            sink.discard()
            raise RowLimitExceeded(f"the query returns more than {limit} triples; add a LIMIT or narrow it")
        kept.append(triple)
        if fmt in _CONCATENABLE and len(kept) == batch:
            sink.write(serialize_rdf(kept, format=fmt) or b"")
            kept = []
    if kept or fmt not in _CONCATENABLE:
        sink.write(serialize_rdf(kept, format=fmt) or b"")


RowWriter = tuple[bytes, Callable[[Sequence[Term | None]], bytes], bytes, bytes]


def _term_json(term: Term) -> str:
    """One term as a SPARQL JSON results object, written as text: three times faster per row than a dict given
    to json.dumps (bench/SERVING.md), and the same bytes as `json.dumps(…, ensure_ascii=False)` less spaces."""
    if isinstance(term, Literal):
        value = _json_string(term.value)
        if term.language:
            return f'{{"type":"literal","value":{value},"xml:lang":{_json_string(term.language)}}}'
        if (datatype := term.datatype.value) != XSD_STRING:
            return f'{{"type":"literal","value":{value},"datatype":{_json_string(datatype)}}}'
        return f'{{"type":"literal","value":{value}}}'
    if isinstance(term, NamedNode):
        return f'{{"type":"uri","value":{_json_string(term.value)}}}'
    if isinstance(term, BlankNode):
        return f'{{"type":"bnode","value":{_json_string(term.value)}}}'
    return f'{{"type":"triple","value":{_json_string(str(term))}}}'


def _json(variables: Sequence[str]) -> RowWriter:
    keys = [f"{_json_string(v)}:" for v in variables]

    def row(values: Sequence[Term | None]) -> bytes:
        pairs = ",".join(k + _term_json(t) for k, t in zip(keys, values, strict=True) if t is not None)
        return f"{{{pairs}}}".encode()

    head = json.dumps({"vars": list(variables)}, ensure_ascii=False)
    return f'{{"head": {head}, "results": {{"bindings": ['.encode(), row, b", ", b"]}}"


# XML 1.0 cannot carry these characters at all, not even as references: each becomes U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value))


def _term_xml(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
        return f"<literal>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


def _xml(variables: Sequence[str]) -> RowWriter:
    def row(values: Sequence[Term | None]) -> bytes:
        bindings = "".join(
            f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>"
            for v, t in zip(variables, values, strict=True)
            if t
        )
        return f"<result>{bindings}</result>".encode()

    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    start = (
        f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{head}</head><results>'
    )
    return start.encode(), row, b"", b"</results></sparql>\n"


def _csv(variables: Sequence[str]) -> RowWriter:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(fields: Sequence[str]) -> bytes:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(fields)
        return buffer.getvalue().encode()

    def row(values: Sequence[Term | None]) -> bytes:
        return line(["" if t is None else (f"_:{t.value}" if isinstance(t, BlankNode) else _plain(t)) for t in values])

    return line(variables), row, b"", b""


def _plain(term: Term) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else str(term)


def _tsv(variables: Sequence[str]) -> RowWriter:
    def row(values: Sequence[Term | None]) -> bytes:
        return ("\t".join("" if t is None else str(t) for t in values) + "\n").encode()

    return ("\t".join(f"?{v}" for v in variables) + "\n").encode(), row, b"", b""


_FORMATS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}

"""SHACL validation with pySHACL, and a report a person can act on: the focus node with its label, the path,
the message, and the report and line the offending statement came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import InputError
from policykg.ontology.files import ontology_graph, reference_graph, shapes_graph
from policykg.ontology.terms import PKG, RDF, RDFS, SH, SKOS
from policykg.parallel import forked_map


@dataclass(frozen=True)
class Violation:
    focus: str
    label: str | None
    path: str | None
    message: str
    severity: str
    value: str | None
    report: str | None
    line: int | None
    shape: str | None = None  # the node shape that was broken (`DistrictShape`)

    def __str__(self) -> str:
        where = f"{self.report}:{self.line}" if self.report and self.line else self.report or "reference data"
        label = f" ({self.label})" if self.label else ""
        path = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value is not None else ""
        return f"{where}: {self.severity} {self.focus}{label}{path}{value}: {self.message}"


def validate_graph(data: Graph, *, processes: int | None = None) -> list[Violation]:
    """Every SHACL result for one data graph, validated in place: `data` gains the ontology (for the class
    hierarchy), so pass a graph made for the purpose.

    The node shapes are independent of each other, so they are shared out among forked processes
    (`processes`, default: one per core), each inheriting `data` without a copy.
    """
    data += ontology_graph()
    names = sorted(str(s) for s in shapes_graph().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
    batches = forked_map(_run_shape, data, names, processes)
    return sorted_violations(v for batch in batches for v in batch)


def sorted_violations(violations: Iterable[Violation]) -> list[Violation]:
    """In the order of the reports and their lines, so that a person reads them as they read the reports."""
    return sorted(violations, key=lambda v: (v.report or "", v.line or 0, v.focus, v.path or "", v.message))


def _run_shape(data: Graph, shape: str) -> list[Violation]:
    from pyshacl import validate as shacl_validate  # imported when pySHACL runs: every build would pay 0.25 s

    _conforms, results, _text = shacl_validate(
        data,
        shacl_graph=_private_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,  # `data` is the caller's scratch graph, with the ontology already in it
        use_shapes=[shape],
    )
    # Not `if conforms`: with allow_warnings a graph with only warnings conforms, and the warnings are wanted.
    assert isinstance(results, Graph)
    return [_violation(data, results, r) for r in results.subjects(SH.resultSeverity, None)]


@lru_cache(maxsize=1)
def _private_shapes() -> Graph:
    """A copy of the shapes for pySHACL, which adds triples to the shapes graph it is given (once per process,
    the same triples each time)."""
    copy = Graph()
    for triple in shapes_graph():
        copy.add(triple)
    return copy


def _violation(data: Graph, results: Graph, result: Node) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    message = results.value(result, SH.resultMessage)
    value = results.value(result, SH.value)
    severity = results.value(result, SH.resultSeverity)
    source = results.value(result, SH.sourceShape)
    report, line = origin_of(data, focus)
    return Violation(
        focus=str(focus),
        label=label_of(data, focus),
        path=short_name(path) if path is not None else None,
        message=str(message) if message is not None else "constraint not met",
        severity=short_name(severity).removeprefix("sh:") if severity is not None else "Violation",
        value=str(value) if value is not None else None,
        report=report,
        line=line,
        shape=node_shape(source),
    )


def node_shape(source: Node | None) -> str | None:
    """The named node shape a result came from (a property shape is a blank node inside one)."""
    if source is None:
        return None
    shapes = shapes_graph()
    node = (
        source
        if isinstance(source, URIRef)
        else shapes.value(None, SH.property, source) or shapes.value(None, SH.sparql, source)
    )
    return str(node).rsplit("#", 1)[-1] if isinstance(node, URIRef) else None


def label_of(data: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    for prop in (SKOS.prefLabel, RDFS.label, PKG.text):
        label = data.value(node, prop)
        if isinstance(label, Literal):
            return str(label)
    return None


def origin_of(data: Graph, node: Node | None) -> tuple[str | None, int | None]:
    """Where a statement about `node` was read: its own report and line (mentions, evidence), or the first
    mention of it."""
    if node is None:
        return None, None
    candidates = [node, *data.subjects(PKG.refersTo, node)]
    found: list[tuple[str, int]] = []
    for candidate in candidates:
        # Every value, not one of them: a node given two lines (a fault the shapes report) must give the same
        # origin whichever engine found it, whatever order the graph holds them in.
        values = [n.value for n in data.objects(candidate, PKG.line) if isinstance(n, Literal)]
        lines = [v for v in values if isinstance(v, int)]
        for report in data.objects(candidate, PKG.inReport):
            if isinstance(report, URIRef):
                source = data.value(report, PKG.sourceFile)
                found += [(str(source or report), line) for line in lines]
    if found:
        return min(found, key=lambda f: (f[1], f[0]))
    source = data.value(node, PKG.sourceFile)  # a report itself
    return (str(source), None) if source is not None else (None, None)


def short_name(node: Node) -> str:
    text = str(node)
    for prefix, namespace in (("pkg:", str(PKG)), ("sh:", str(SH))):
        if text.startswith(namespace):
            return prefix + text[len(namespace) :]
    return text


def validate_files(paths: list[Path]) -> list[Violation]:
    """Validate RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) together with the reference data."""
    data = Dataset()
    for path in paths:
        fmt = _FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(str(path), f"unknown RDF file type {path.suffix!r} (use .ttl, .trig, .nt, .nq or .jsonld)")
        try:
            data.parse(path, format=fmt)
        except FileNotFoundError as exc:
            raise InputError(str(path), "no such file") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot be read ({exc})") from exc
        except Exception as exc:  # rdflib's parsers raise many types; each becomes one line naming the file
            raise InputError(str(path), f"not valid {fmt}: {first_line(exc)}") from exc
    union = Graph()
    for s, p, o, _g in data.quads((None, None, None, None)):
        union.add((s, p, o))
    for triple in reference_graph():
        union.add(triple)
    return validate_graph(union)


_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__

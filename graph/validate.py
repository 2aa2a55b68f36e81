"""SHACL validation with pySHACL, and a report a person can act on: the focus node with its label, the path,
the message, and the report and line the offending statement came from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.graph.parallel import forked_map
from policykg.graph.store import DATASET_FILE, StoreLayout
from policykg.ontology.files import ontology_graph, reference_graph, shapes_graph
from policykg.ontology.terms import PKG, RDF, RDFS, SH, SKOS
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import InputError, StoreError


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
    out = [v for batch in batches for v in batch]
    return sorted(out, key=lambda v: (v.report or "", v.line or 0, v.focus, v.path or "", v.message))


def _run_shape(data: Graph, shape: str) -> list[Violation]:
    conforms, results, _text = shacl_validate(
        data,
        shacl_graph=_private_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,  # `data` is the caller's scratch graph, with the ontology already in it
        use_shapes=[shape],
    )
    if conforms:
        return []
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
    report, line = _origin(data, focus)
    return Violation(
        focus=str(focus),
        label=_label(data, focus),
        path=_short(path) if path is not None else None,
        message=str(message) if message is not None else "constraint not met",
        severity=_short(severity).removeprefix("sh:") if severity is not None else "Violation",
        value=str(value) if value is not None else None,
        report=report,
        line=line,
        shape=_node_shape(source),
    )


def _node_shape(source: Node | None) -> str | None:
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


def _label(data: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    for prop in (SKOS.prefLabel, RDFS.label, PKG.text):
        label = data.value(node, prop)
        if isinstance(label, Literal):
            return str(label)
    return None


def _origin(data: Graph, node: Node | None) -> tuple[str | None, int | None]:
    """Where a statement about `node` was read: its own report and line (mentions, evidence), or the first
    mention of it."""
    if node is None:
        return None, None
    candidates = [node, *data.subjects(PKG.refersTo, node)]
    found: list[tuple[str, int]] = []
    for candidate in candidates:
        report, line = data.value(candidate, PKG.inReport), data.value(candidate, PKG.line)
        if isinstance(report, URIRef) and isinstance(line, Literal):
            source = data.value(report, PKG.sourceFile)
            found.append((str(source or report), int(line)))
    return min(found, key=lambda f: f[1]) if found else (None, None)


def _short(node: Node) -> str:
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
            raise InputError(str(path), f"not valid {fmt}: {_first_line(exc)}") from exc
    union = Graph()
    for s, p, o, _g in data.quads((None, None, None, None)):
        union.add((s, p, o))
    for triple in reference_graph():
        union.add(triple)
    return validate_graph(union)


def validate_store(root: Path) -> list[Violation]:
    """Validate the current build of a store (from its N-Quads dump)."""
    build = StoreLayout(root).current_build()
    if build is None:
        raise StoreError(f"{root}: no store built yet; run `policykg build` first")
    union = Graph()
    try:
        union.parse(build / DATASET_FILE, format="nquads")
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"{build / DATASET_FILE}: unreadable ({_first_line(exc)})") from exc
    return validate_graph(union)


_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__

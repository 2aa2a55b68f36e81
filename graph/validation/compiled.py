"""SHACL on the store: each constraint of `ontology/shapes.ttl` compiled to one SPARQL query, run by pyoxigraph.

pySHACL walks an rdflib graph node by node: in a build of a million triples it took 84 s and, with its rdflib
copy of the graph, 4.3 GB; the same shapes as SPARQL queries over the freshly loaded store take 4–6 s and no
copy (`bench/build_scale.py`), so the build validates this way, before it swaps the new store in. The
compiler knows the SHACL Core components and SPARQL-based constraints the shapes use; given a shape with
anything else it refuses (`NotCompiled`) and the caller falls back to pySHACL, which stays the reference: the
tests check that both report the same results, shape by shape, on a valid graph and on graphs broken one
constraint at a time.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, QueryTriples, RdfFormat, Store
from pyoxigraph import Literal as OxLiteral
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from policykg.errors import StoreError
from policykg.graph.sparql.text import with_values
from policykg.graph.store.layout import DATASET_FILE, STORE_DIRNAME, StoreLayout
from policykg.graph.validation.processes import CheckProcesses, Row, rows_of
from policykg.graph.validation.shacl import (
    Violation,
    label_of,
    node_shape,
    origin_of,
    short_name,
    sorted_violations,
    validate_files,
)
from policykg.ontology.files import shapes_graph
from policykg.ontology.terms import RDF, SH
from policykg.queries import load
from policykg.settings import VALIDATORS

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Lexical forms of the datatypes a literal is checked against (a literal of the right datatype but ill-formed,
# "2020-13-45"^^xsd:date, does not conform either).
_LEXICAL = {
    f"{_XSD}date": r"^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(Z|[+-]([01][0-9]|14):[0-5][0-9])?$",
    f"{_XSD}gYear": r"^-?[0-9]{4,}(Z|[+-]([01][0-9]|14):[0-5][0-9])?$",
    f"{_XSD}decimal": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    f"{_XSD}integer": r"^[+-]?[0-9]+$",
    f"{_XSD}positiveInteger": r"^\+?0*[1-9][0-9]*$",
    f"{_XSD}nonNegativeInteger": r"^(\+?[0-9]+|-0+)$",
}
# pyoxigraph 0.5 stores the datatypes derived from xsd:integer as xsd:integer ("5"^^xsd:positiveInteger reads
# back as "5"^^xsd:integer), so on the store such a value is an integer whose lexical form fits the subtype.
_INTEGER_SUBTYPES = {f"{_XSD}{name}" for name in ("positiveInteger", "nonNegativeInteger")}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
    SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
_COMPARISONS: dict[Node, str] = {
    SH.minExclusive: ">",
    SH.minInclusive: ">=",
    SH.maxExclusive: "<",
    SH.maxInclusive: "<=",
}
_PAIRS: dict[Node, str] = {SH.lessThan: "<", SH.lessThanOrEquals: "<="}
_ANNOTATIONS: set[Node] = {
    RDF.type,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
}
_NODE_KEYS = _ANNOTATIONS | {SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql, SH.declare, SH.prefixes}
_PROPERTY_KEYS = (
    _ANNOTATIONS
    | {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH.flags}
    | {SH.minLength, SH.maxLength, SH["in"]}
    | set(_COMPARISONS)
    | set(_PAIRS)
)
_RDFS_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


class NotCompiled(Exception):
    """A shape uses SHACL this compiler does not know; validate with pySHACL instead."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: its rows are the focus nodes (`?this`) that break it, with the offending
    value (`?value`) where the constraint is about values."""

    shape: str | None  # the named node shape (`DocumentShape`)
    path: str | None  # `pkg:symbol`
    severity: str
    message: str
    query: str
    # When `query` finds the nodes at fault whatever their shape: the pattern a focus node of this one matches.
    focus: str | None = None
    # `sh:minCount 1`: the predicate's IRI. The shape's checks of this kind share one query (`_lacking`), whose
    # rows are a focus node and a predicate it has no value of; this check's are those of its predicate.
    lacking: str | None = None
    # A value check: the SELECT of the values at fault, whatever node has them. Checks of several shapes with the
    # same one share one query (`_shared_faults`), its rows those of nodes of any of their targets (`focus`).
    faults: str | None = None


@lru_cache(maxsize=1)
def compiled_shapes() -> tuple[Check, ...]:
    return tuple(compile_shapes(shapes_graph()))


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every node shape, as queries over the union of the store's graphs."""
    checks: list[Check] = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        _refuse_unknown(shapes, shape, _NODE_KEYS, "node shape")
        target = _target(shapes, shape)
        if target is None:  # a shape only other shapes refer to; these shapes have none
            raise NotCompiled(f"{shape}: a node shape without a target")
        name = node_shape(shape)
        severity = _severity(shapes, shape, "Violation")
        properties = [
            c for prop in sorted(shapes.objects(shape, SH.property), key=str)
            for c in _property_checks(shapes, prop, target, name, severity)
        ]  # fmt: skip
        lacking = [c.lacking for c in properties if c.lacking is not None]
        checks += [replace(c, query=_lacking(target, lacking)) if c.lacking is not None else c for c in properties]
        for constraint in sorted(shapes.objects(shape, SH.sparql), key=str):
            checks.append(_sparql_check(shapes, constraint, target, name, severity))
    return _shared_faults(checks)


def _shared_faults(checks: list[Check]) -> list[Check]:
    """The value checks that look for the same faults (`pkg:line` a positive integer, in four shapes), one query
    that scans the property's values once and keeps those of a node of any of their targets (each check then tests
    its own): at 1M triples 1.57 s of such queries become 0.46 s (bench/README.md)."""
    targets: dict[str, set[str]] = {}
    for c in checks:
        if c.faults is not None and c.focus is not None:
            targets.setdefault(c.faults, set()).add(c.focus)
    return [replace(c, query=_faults_query(c.faults, targets[c.faults])) if c.faults is not None else c for c in checks]


def _faults_query(faults: str, targets: set[str]) -> str:
    any_target = " UNION ".join(f"{{ {t} }}" for t in sorted(targets))
    return f"SELECT DISTINCT ?this ?value WHERE {{ {{ {faults} }} FILTER EXISTS {{ {any_target} }} }}"


def _refuse_unknown(shapes: Graph, node: Node, known: set[Node], what: str) -> None:
    unknown = sorted(str(p) for p in set(shapes.predicates(node)) - known)
    if unknown:
        raise NotCompiled(f"{node}: {what} uses {', '.join(unknown)}, which the SPARQL compiler does not know")


@dataclass(frozen=True)
class _Target:
    """A shape's focus nodes: `pattern` binds `?this` to each (once per type it has). The checks test the few
    nodes found at fault against it (`test`) rather than go through every focus node first: that went through
    a set of them all, 440-780 MB for the mentions of a 10M-triple store (bench/README.md)."""

    pattern: str

    @property
    def test(self) -> str:
        return f"FILTER EXISTS {{ {self.pattern} }}"

    @property
    def nodes(self) -> str:
        return f"{{ SELECT DISTINCT ?this WHERE {{ {self.pattern} }} }}"


def _target(shapes: Graph, shape: Node) -> _Target | None:
    parts = [f"{{ ?this {_TYPE}/{_RDFS_SUBCLASS}* {c.n3()} }}" for c in shapes.objects(shape, SH.targetClass)]
    parts += [f"{{ ?this {p.n3()} ?anyValue }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    return _Target(" UNION ".join(sorted(parts))) if parts else None


def _severity(shapes: Graph, node: Node, default: str) -> str:
    severity = shapes.value(node, SH.severity)
    return str(severity).rsplit("#", 1)[-1] if severity is not None else default


def _message(shapes: Graph, node: Node, default: str) -> str:
    message = shapes.value(node, SH.message)
    return str(message) if message is not None else default


def _property_checks(shapes: Graph, prop: Node, target: _Target, shape: str | None, severity: str) -> list[Check]:
    _refuse_unknown(shapes, prop, _PROPERTY_KEYS, "property shape")
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise NotCompiled(f"{prop}: only a single predicate is supported as sh:path")
    p = path.n3()
    severity = _severity(shapes, prop, severity)
    name = short_name(path)

    def check(query: str, default: str) -> Check:
        return Check(shape, name, severity, _message(shapes, prop, default), query)

    def value_check(condition: str, default: str) -> Check:
        """The values of the path for which `condition` (a violation) holds, of the focus nodes among them."""
        faults = f"SELECT ?this ?value WHERE {{ ?this {p} ?value . FILTER ({condition}) }}"
        query = _faults_query(faults, {target.pattern})
        return replace(check(query, default), faults=faults, focus=target.pattern)

    checks: list[Check] = []
    for component, value in shapes.predicate_objects(prop):
        if component == SH.minCount and _int(value) == 1:
            checks.append(replace(check(_lacking(target, [str(path)]), f"no value of {name}"), lacking=str(path)))
        elif component == SH.minCount and _int(value) > 1:
            query = (
                f"SELECT ?this WHERE {{ {target.nodes} OPTIONAL {{ ?this {p} ?value }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {_int(value)})"
            )
            checks.append(check(query, f"fewer than {_int(value)} values of {name}"))
        elif component == SH.maxCount:
            # The default graph is a set (the build writes it so), so a node's triples of the path count its
            # values: one pass grouped by node, no set of values per node (COUNT(DISTINCT) held 780 MB at 10M
            # triples) and no second lookup per value (7x slower at 1M; bench/README.md). The nodes it finds are
            # those of every shape on the property: found once, then tested against this one's target (`focus`).
            most = _int(value)
            query = f"SELECT ?this WHERE {{ ?this {p} ?value }} GROUP BY ?this HAVING (COUNT(*) > {most})"
            default = f"more than {most} value{'s' if most != 1 else ''} of {name}"
            checks.append(replace(check(query, default), focus=target.pattern))
        elif component == SH.datatype:
            condition = f"!isLiteral(?value) || datatype(?value) != {value.n3()}"
            if str(value) in _INTEGER_SUBTYPES:
                condition = f"!isLiteral(?value) || datatype(?value) NOT IN ({value.n3()}, <{_XSD}integer>)"
            if str(value) in _LEXICAL:
                condition += f" || !REGEX(STR(?value), {Literal(_LEXICAL[str(value)]).n3()})"
            checks.append(value_check(condition, f"not a literal of datatype {short_name(value)}"))
        elif component == SH["class"]:
            # The class of each distinct value is looked up once (a few hundred reports), not once per focus node
            # (60,000 mentions): 40× faster. Values of nodes outside the target drop out in the join after.
            instances = f"?value {_TYPE}/{_RDFS_SUBCLASS}* {value.n3()}"
            values = f"SELECT DISTINCT ?value WHERE {{ ?anyNode {p} ?value }}"
            strays = f"{{ SELECT DISTINCT ?value WHERE {{ {{ {values} }} MINUS {{ {instances} }} }} }}"
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {strays} ?this {p} ?value {target.test} }}"
            checks.append(check(query, f"not an instance of {short_name(value)}"))
        elif component == SH.nodeKind and value in _NODE_KINDS:
            checks.append(value_check(f"!{_NODE_KINDS[value]}", f"not of node kind {short_name(value)}"))
        elif component == SH.pattern:
            flags = shapes.value(prop, SH.flags)
            arguments = Literal(str(value)).n3() + (f", {Literal(str(flags)).n3()}" if flags is not None else "")
            condition = f"isBlank(?value) || !REGEX(STR(?value), {arguments})"
            checks.append(value_check(condition, f"does not match the pattern {value}"))
        elif component in (SH.minLength, SH.maxLength):
            compare = "<" if component == SH.minLength else ">"
            condition = f"isBlank(?value) || STRLEN(STR(?value)) {compare} {_int(value)}"
            checks.append(value_check(condition, f"{short_name(component)} {_int(value)} not met"))
        elif component == SH["in"]:
            members = " || ".join(f"sameTerm(?value, {m.n3()})" for m in Collection(shapes, value))
            checks.append(value_check(f"!({members or 'false'})", "not one of the values allowed"))
        elif component in _COMPARISONS:
            condition = f"!COALESCE(?value {_COMPARISONS[component]} {value.n3()}, false)"
            checks.append(value_check(condition, f"{short_name(component)} {value} not met"))
        elif component in _PAIRS:
            query = (
                f"SELECT DISTINCT ?this ?value WHERE {{ ?this {p} ?value . ?this {value.n3()} ?other "
                f"FILTER (!COALESCE(?value {_PAIRS[component]} ?other, false)) {target.test} }}"
            )
            checks.append(check(query, f"not {_PAIRS[component]} the value of {short_name(value)}"))
    return checks


def _lacking(target: _Target, predicates: list[str]) -> str:
    """The focus nodes with no value of one of `predicates`, each with the predicate it lacks (`?value`): the
    shape's focus nodes gone through once for all its `sh:minCount 1` (one third less time than a query each:
    bench/README.md). FILTER NOT EXISTS looks each node up; MINUS, an anti-join, is 2x faster but holds every
    node with the property in memory (440 MB for the mentions of a 10M-triple store)."""
    values = " ".join(f"<{p}>" for p in sorted(set(predicates)))
    return (
        f"SELECT DISTINCT ?this ?value WHERE {{ {target.pattern} VALUES ?value {{ {values} }} "
        "FILTER NOT EXISTS { ?this ?value ?anyValue } }"
    )


def _int(node: Node) -> int:
    try:
        return int(str(node))
    except ValueError:
        raise NotCompiled(f"{node!r}: not an integer") from None


def _sparql_check(shapes: Graph, constraint: Node, target: _Target, shape: str | None, severity: str) -> Check:
    """A SPARQL-based constraint: its SELECT, the rows of whose `$this` is a focus node kept, instead of `$this`
    pre-bound to each in turn (the same rows when the SELECT projects `$this`, which it must)."""
    _refuse_unknown(shapes, constraint, _ANNOTATIONS | {SH.select, SH.prefixes}, "SPARQL constraint")
    select = str(shapes.value(constraint, SH.select) or "")
    if re.search(r"\$(PATH|currentShape|shapesGraph|value)\b", select):
        raise NotCompiled(f"{constraint}: pre-bound variables other than $this are not supported")
    projection = re.match(r"\s*SELECT\s+(.*?)\bWHERE\b", select, re.IGNORECASE | re.DOTALL)
    if projection is None or "$this" not in projection.group(1):
        raise NotCompiled(f"{constraint}: the SELECT must project $this")
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for declared in shapes.objects(constraint, SH.prefixes)
        for d in shapes.objects(declared, SH.declare)
    )
    inner = re.sub(r"\$this\b", "?this", select)
    query = f"{prefixes}SELECT DISTINCT ?this ?value WHERE {{ {{ {inner} }} {target.test} }}"
    return Check(shape, None, _severity(shapes, constraint, severity), _message(shapes, constraint, ""), query)


Answers = Callable[[Sequence[str]], list[list[Row]]]  # the rows of each query, in order


def validate_on_store(
    store: Store, checks: Iterable[Check] | None = None, answers: Answers | None = None
) -> list[Violation]:
    """Every result of the checks (default: the compiled shapes) over the union of the store's graphs. Their
    queries are answered by `answers` (processes of their own: `CheckProcesses`), else by one thread per core."""
    checks = compiled_shapes() if checks is None else tuple(checks)

    def of_shape(check: Check, rows: list[Row]) -> list[Row]:
        if check.lacking is not None:
            rows = [(this, None) for this, lacks in rows if lacks is not None and lacks.value == check.lacking]
        if check.focus is None:
            return rows
        test = f"ASK {{ {check.focus} }}"
        return [r for r in rows if store.query(with_values(test, {"this": r[0]}))]

    # A query several checks share runs once.
    queries = sorted({c.query for c in checks})
    by_query = dict(zip(queries, (answers or _in_threads(store))(queries), strict=True))
    found = [
        (check, _text(this), _text(value) if value is not None else None, _rdflib(this))
        for check in checks
        for this, value in of_shape(check, by_query[check.query])
    ]
    context = _context_reader(store)
    out = []
    for check, focus, value, node in found:
        described = context(node)
        report, line = origin_of(described, node)
        out.append(
            Violation(
                focus=focus,
                label=label_of(described, node),
                path=check.path,
                message=check.message or "constraint not met",
                severity=check.severity,
                value=value if value is not None or check.path is not None else focus,
                report=report,
                line=line,
                shape=check.shape,
            )
        )
    return sorted_violations(out)


def _in_threads(store: Store) -> Answers:
    """The queries shared out among one thread per core (pyoxigraph lets go of Python's lock while it evaluates)."""

    def answers(queries: Sequence[str]) -> list[list[Row]]:
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            return list(pool.map(partial(rows_of, store), queries))

    return answers


def _text(term: NamedNode | BlankNode | OxLiteral) -> str:
    return term.value


def _rdflib(term: NamedNode | BlankNode | OxLiteral) -> Node:
    return URIRef(term.value) if isinstance(term, NamedNode) else BNode(term.value)


def _context_reader(store: Store) -> Callable[[Node], Graph]:
    """For a focus node, a small graph with its labels and where it was read (`violation_context.rq`)."""
    query = load("violation_context")
    seen: dict[Node, Graph] = {}

    def context(node: Node) -> Graph:
        if node not in seen:
            graph = Graph()
            if isinstance(node, URIRef):
                bound = with_values(query, {"focus": NamedNode(str(node))})
                triples = store.query(bound)
                assert isinstance(triples, QueryTriples)
                graph.parse(data=triples.serialize(format=RdfFormat.N_TRIPLES), format="nt")
            seen[node] = graph
        return seen[node]

    return context


def validate_loaded(
    store: Store, dataset: Path, validator: str = "sparql", answers: Answers | None = None
) -> list[Violation]:
    """Validate a loaded store with the compiled shapes (their queries answered by `answers`, if given) or, when
    asked (`validator="pyshacl"`) or for shapes the compiler does not know, its N-Quads (`dataset`) with
    pySHACL."""
    if validator not in VALIDATORS:
        raise ValueError(f"validator {validator!r}: expected one of {', '.join(VALIDATORS)}")
    try:
        checks = compiled_shapes()
    except NotCompiled:
        validator = "pyshacl"
    return validate_files([dataset]) if validator == "pyshacl" else validate_on_store(store, checks, answers)


def validate_build(build: Path, validator: str = "sparql") -> list[Violation]:
    """Validate one build of the store, as it is on disk: the queries in a process per core, as a build does,
    forked before this one opens the store."""
    path = build / STORE_DIRNAME
    checking = CheckProcesses.start(os.cpu_count() or 1) if validator == "sparql" else None
    with checking or contextlib.nullcontext():
        try:
            store = Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
        answers = partial(checking.answers, path) if checking else None
        return validate_loaded(store, build / DATASET_FILE, validator, answers)


def validate_store(root: Path, validator: str = "sparql") -> list[Violation]:
    """Validate the current build of a store."""
    build = StoreLayout(root).current_build()
    if build is None:
        raise StoreError(f"{root}: no store built yet; run `policykg build` first")
    return validate_build(build, validator)

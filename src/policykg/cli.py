"""The `policykg` command: parses arguments and calls library functions. Errors end here, in one line."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shlex
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from policykg import __version__
from policykg.errors import PolicyKGError
from policykg.settings import VALIDATORS, Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _quiet_libraries()
    try:
        settings = Settings.from_env()  # a bad POLICYKG_* value is one line too
        code: int = args.run(args, settings)
        return code
    except PolicyKGError as exc:
        print(f"policykg: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("policykg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# Libraries whose warnings are theirs, not the user's (rdflib logs every ill-typed literal with a traceback).
_LIBRARY_LOGGERS = ("rdflib", "pyshacl", "SPARQLWrapper", "urllib3")


class _OneLineHandler(logging.Handler):
    """A library's error as one line on stderr, never a traceback."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = " ".join(record.getMessage().split())
        except (TypeError, ValueError):  # a malformed %-format in the library's own call
            text = " ".join(str(record.msg).split())
        print(f"policykg: {record.name}: {text[:300]}", file=sys.stderr)


def _quiet_libraries() -> None:
    """At the command line only errors of the libraries are shown, in one line each; their warnings are not."""
    handler = _OneLineHandler(logging.ERROR)
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.ERROR)
        logger.handlers = [handler]
        logger.propagate = False


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: must be 0 or more")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="A knowledge graph of policies, programmes and places from provincial reports.",
    )
    parser.add_argument("--version", action="version", version=f"policykg {__version__}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = sub.add_parser("extract", help="extract documents, places, plants, programmes and relations")
    extract.add_argument("files", nargs="*", type=Path, help="report files (default: the bundled corpus)")
    extract.add_argument("--format", choices=("json", "table"), default="json")
    extract.set_defaults(run=_extract)

    build = sub.add_parser("build", help="build the graph and load it into a new store, then swap it in")
    build.add_argument("reports", nargs="*", type=Path, help="report files (default: the bundled corpus)")
    build.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    build.add_argument("--no-validate", action="store_true", help="load even if the graph breaks the shapes")
    build.add_argument("--validator", choices=VALIDATORS, default="sparql",
                       help="sparql: shapes as queries on the new store (default); pyshacl: the reference")  # fmt: skip
    build.set_defaults(run=_build)

    add = sub.add_parser("add", help="copy reports in with a sidecar read from their header, then build again")
    add.add_argument("files", nargs="+", type=Path, help="report files: PDF, image, Word, ODT, HTML or text")
    add.add_argument("--reports", type=Path,
                     help="the reports folder (default: $POLICYKG_REPORTS_DIR, else data/reports)")  # fmt: skip
    add.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    add.add_argument("--no-build", action="store_true", help="copy and write the sidecars only")
    add.set_defaults(run=_add)

    load = sub.add_parser("load", help="install an N-Quads file built elsewhere as the store (no extraction)")
    load.add_argument("nquads", type=Path, help="an N-Quads file")
    load.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    load.set_defaults(run=_load)

    check = sub.add_parser("validate", help="check the store, or RDF files, against the SHACL shapes")
    check.add_argument("files", nargs="*", type=Path, help="Turtle, TriG, N-Triples or N-Quads files")
    check.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    check.add_argument("--validator", choices=VALIDATORS, default="sparql", help="for --store (files: pyshacl)")
    check.set_defaults(run=_validate)

    query = sub.add_parser("query", help="run SPARQL on the store (text, @file.rq, or a name from queries/)")
    query.add_argument("query", help="SPARQL text, @path/to/file.rq, or the name of a bundled query")
    query.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    query.add_argument("--format", choices=("table", "json", "csv"), default="table")
    query.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                       help="bind a variable: NAME=<iri>, NAME=https://… or urn:… (an IRI), "
                            'NAME=literal or NAME="literal" (repeatable)')  # fmt: skip
    query.set_defaults(run=_query)

    serve = sub.add_parser("serve", help="serve the graph over HTTP (SPARQL endpoint, lookups, /id/ pages)")
    serve.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    serve.add_argument("--build", action="store_true",
                       help="build the bundled corpus (or $POLICYKG_REPORTS_DIR) into the store first")  # fmt: skip
    serve.add_argument("--endpoint", help="serve from this SPARQL 1.1 endpoint instead of the embedded store")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.set_defaults(run=_serve)

    push = sub.add_parser("push", help="load the built graph into a SPARQL 1.1 Graph Store (e.g. Virtuoso)")
    push.add_argument("--endpoint", required=True, help="the Graph Store Protocol URL (e.g. …/sparql-graph-crud-auth)")
    push.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    push.add_argument("--graph-parameter", default="graph", help="`graph` (standard) or `graph-uri` (Virtuoso)")
    push.add_argument("--user", help="user for HTTP Digest authentication (password: $POLICYKG_PUSH_PASSWORD)")
    push.add_argument("--password", help="discouraged, other users can see it (ps): set $POLICYKG_PUSH_PASSWORD")
    push.set_defaults(run=_push)

    export = sub.add_parser("export", help="the graph, or a neighbourhood, as GraphML, GEXF, Cytoscape, DOT or CSV")
    export.add_argument("--format", choices=("graphml", "gexf", "cytoscape", "dot", "csv"), default="graphml")
    export.add_argument("--focus", help="centre on an IRI, a document symbol or a name")
    export.add_argument("--year", type=int, help="the year of the --focus document, when its symbol names several")
    export.add_argument("--depth", type=_non_negative, default=1, help="how many steps from the focus (default 1)")
    export.add_argument("--kinds", help="comma-separated: document,place,hydropower,programme,report")
    export.add_argument("--report", help="only what one report says (its slug or name)")
    export.add_argument("--cocitation", action="store_true", help="documents cited in the same sentence")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--store", type=Path, help="store directory (default: ./store or $POLICYKG_STORE)")
    export.set_defaults(run=_export)

    evaluate = sub.add_parser("eval", help="precision/recall/F1 against the hand-checked annotations")
    evaluate.add_argument("--annotations", type=Path, help="folder of annotation files (default: tests/annotations)")
    evaluate.add_argument("--reports", type=Path, help="folder of the annotated reports (default: the bundled corpus)")
    evaluate.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    evaluate.add_argument("--errors", action="store_true", help="list every miss and false hit")
    evaluate.set_defaults(run=_eval)
    return parser


def _reports_dir(settings: Settings) -> Path:
    """$POLICYKG_REPORTS_DIR, or the corpus installed with policykg (in the repository: data/reports, the path
    it is shown by)."""
    if os.environ.get("POLICYKG_REPORTS_DIR"):
        return settings.reports_dir
    from importlib import resources

    bundled = resources.files("policykg").joinpath("corpus")
    if not isinstance(bundled, Path) or not bundled.is_dir():
        raise PolicyKGError("the bundled corpus is not installed (policykg/corpus); give report files")
    first = next(iter(sorted(bundled.glob("*.txt"))), None)
    if first is not None and _same_file(settings.reports_dir / first.name, first):
        return settings.reports_dir
    return bundled


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _corpus(settings: Settings) -> list[Path]:
    return _reports_in(_reports_dir(settings))


def _without_sidecars(files: list[Path]) -> list[Path]:
    """The files given less the sidecars among them (`policykg build reports/*` names each report's `.toml`)."""
    reports = [f for f in files if f.suffix != ".toml"]
    if not reports:
        raise PolicyKGError(f"{files[0]}: a sidecar (.toml) is a report's metadata, not a report; give the reports")
    return reports


def _reports_in(folder: Path) -> list[Path]:
    """The reports of a folder: every file but the sidecars (`*.toml`) and hidden files, whatever its format."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".toml" and not p.name.startswith("."))
    if not files:
        raise PolicyKGError(f"{folder}: no report files found; give files to extract")
    return files


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.graph.rdf.iris import IriPolicy
    from policykg.graph.records.to_json import extraction_json
    from policykg.graph.records.to_table import extraction_table
    from policykg.loaders.pipeline import extract_file

    files = _without_sidecars(args.files) if args.files else _corpus(settings)
    # Everything is extracted before anything is printed: a bad file leaves stdout empty.
    extractions = [extract_file(f) for f in files]
    if args.format == "table":
        print("\n\n".join(extraction_table(e) for e in extractions))
        return 0
    iris = IriPolicy(settings.base_iri)
    objects = [extraction_json(e, iris) for e in extractions]
    json.dump(objects[0] if len(objects) == 1 else objects, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _build(args: argparse.Namespace, settings: Settings) -> int:
    reports = _without_sidecars(args.reports) if args.reports else _corpus(settings)
    return _build_reports(reports, args.store or settings.store_dir, settings, not args.no_validate, args.validator)


def _build_reports(reports: list[Path], store: Path, settings: Settings, validate: bool, validator: str) -> int:
    from policykg.build.pipeline import build, terminal_progress
    from policykg.errors import ValidationError
    from policykg.graph.rdf.iris import IriPolicy

    try:
        result = build(reports, store, IriPolicy(settings.base_iri), validate=validate,
                       progress=terminal_progress(), validator=validator)  # fmt: skip
    except ValidationError as exc:
        for line in exc.violations:
            print(line, file=sys.stderr)
        raise
    counts = result.counts
    print(
        f"built {store}/current -> {result.build.name}: {counts['triples']} triples in {len(counts['graphs'])} graphs"
    )
    for graph, n in counts["graphs"].items():
        print(f"  graph {graph}: {n}")
    for cls, n in list(counts["classes"].items())[:20]:
        print(f"  class {cls}: {n}")
    print("  time: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in result.timings.items()))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _add(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.build.adding import add_reports

    folder = args.reports or settings.reports_dir
    for added in add_reports(args.files, folder):
        kept = "" if added.written else " (there already: kept as it is)"
        print(f"{added.report}\n  sidecar {added.sidecar}{kept}:")
        print("".join(f"    {line}\n" for line in added.text.splitlines()), end="")
    if args.no_build:
        return 0
    if _reports_dir_or_none(settings) != folder.resolve():
        print(f"note: `policykg build` reads {folder} when POLICYKG_REPORTS_DIR={folder}", file=sys.stderr)
    return _build_reports(_reports_in(folder), args.store or settings.store_dir, settings, True, "sparql")


def _reports_dir_or_none(settings: Settings) -> Path | None:
    try:
        return _reports_dir(settings).resolve()
    except PolicyKGError:
        return None


def _load(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.build.pipeline import load_nquads

    counts = load_nquads(args.nquads, args.store or settings.store_dir)
    print(f"loaded {counts['triples']} quads in {len(counts['graphs'])} graphs into {args.store or settings.store_dir}")
    return 0


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.graph.validation.compiled import validate_store
    from policykg.graph.validation.shacl import validate_files

    violations = (
        validate_files(args.files) if args.files else validate_store(args.store or settings.store_dir, args.validator)
    )
    for v in violations:
        print(v)
    errors = [v for v in violations if v.severity == "Violation"]
    print(f"{len(errors)} violations, {len(violations) - len(errors)} warnings", file=sys.stderr)
    return 1 if errors else 0


def _query(args: argparse.Namespace, settings: Settings) -> int:
    from policykg import queries
    from policykg.errors import QueryError
    from policykg.graph.sparql.query import parse_binding, run, serialize
    from policykg.graph.store.layout import open_store

    text: str = args.query
    if text.startswith("@"):
        try:
            text = Path(text[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{text[1:]}: cannot read the query file ({exc})") from exc
    elif text in queries.names():
        text = queries.load(text)
    elif re.fullmatch(r"[A-Za-z_][\w-]*", text):  # a word is no query: a name that is not bundled
        raise QueryError(f"unknown query name {text!r}; bundled queries: {', '.join(queries.names())}")
    bindings = dict(parse_binding(b) for b in args.bind)
    result = run(open_store(args.store or settings.store_dir), text, bindings)
    print(serialize(result, args.format), end="" if args.format != "table" else "\n")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.graph.store.layout import StoreLayout, open_store

    settings = replace(
        settings,
        store_dir=args.store or settings.store_dir,
        endpoint=args.endpoint or settings.endpoint,
        host=args.host or settings.host,
        port=args.port or settings.port,
    )
    if settings.endpoint:
        if args.build:
            raise PolicyKGError("--build builds the local store, which is not served with an endpoint (--endpoint)")
        _check_endpoint(settings.endpoint, settings.query_timeout)
    else:
        store = settings.store_dir
        if args.build:
            from policykg.build.pipeline import build, terminal_progress
            from policykg.graph.rdf.iris import IriPolicy

            reports = _corpus(settings)
            print(f"policykg: building {store} from {reports[0].parent} first", file=sys.stderr)
            build(reports, store, IriPolicy(settings.base_iri), progress=terminal_progress())
        elif StoreLayout(store).current_build() is None:
            where = shlex.quote(str(store))
            raise PolicyKGError(f"no store in {store}; run `policykg build --store {where}` first, or pass --build")
        open_store(store)  # a damaged store is one line here, not a traceback from the server
    from policykg.api.app import create_app
    from policykg.api.server import serve

    serve(create_app(settings), settings)
    return 0


def _check_endpoint(endpoint: str, timeout: float) -> None:
    """Refuse, in one line, an endpoint that is not an http(s) URL or does not answer a SPARQL ASK."""
    from policykg.graph.store.remote import RemoteBackend
    from policykg.urls import hide, http_url_problem, redact

    shown = redact(endpoint)
    problem = http_url_problem(endpoint)
    if problem:
        raise PolicyKGError(f"--endpoint {shown}: {problem}")
    try:
        RemoteBackend(endpoint, timeout=timeout).select("ASK { }")
    except Exception as exc:  # whatever the failure (refused, not SPARQL, not JSON), there is nothing to serve
        reason = hide(" ".join(str(exc).split()), endpoint).removeprefix(f"{shown}: ")
        reason = re.sub(r"^<urlopen error (.*)>$", r"\1", reason)
        raise PolicyKGError(f"{shown}: the SPARQL endpoint does not answer ({reason[:200]}); not serving") from exc


def _push(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.graph.store.push import push_store

    if args.password is not None:
        print("policykg: warning: --password can be seen by other users of this machine (ps); "
              "use POLICYKG_PUSH_PASSWORD", file=sys.stderr)  # fmt: skip
    password = args.password or os.environ.get("POLICYKG_PUSH_PASSWORD")
    pushed = push_store(args.store or settings.store_dir, args.endpoint, args.graph_parameter, args.user, password)
    for graph, triples in pushed.items():
        print(f"pushed {graph}: {triples} triples")
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.errors import Ambiguous
    from policykg.graph.export.formats import FORMATS
    from policykg.graph.export.network import ExportOptions, network, parse_kinds
    from policykg.graph.lookup.catalogue import PICK_DOCUMENT, Catalogue
    from policykg.graph.store.embedded import EmbeddedBackend
    from policykg.graph.store.layout import write_atomically

    if args.year is not None and not args.focus:
        raise PolicyKGError("--year picks the --focus document; give --focus too")
    backend = EmbeddedBackend(args.store or settings.store_dir, workers=0)
    options = ExportOptions(args.focus, args.depth, parse_kinds(args.kinds), args.report, args.cocitation,
                            year=args.year)  # fmt: skip
    catalogue = Catalogue(backend)
    try:
        graph = network(backend, catalogue, options)
    except Ambiguous as exc:  # the lookup's message names the API's `?year=`
        found = ", ".join(f"{c['iri']} ({c.get('year') or 'year unknown'})" for c in exc.candidates)
        hint = f"pick one with --year, or give --focus its IRI: {found}"
        raise PolicyKGError(str(exc).replace(PICK_DOCUMENT, hint)) from exc
    finally:
        catalogue.close()
    body = FORMATS[args.format].write(graph)
    if args.output:
        write_atomically(args.output, body)
        print(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {args.output}")
    else:
        sys.stdout.buffer.write(body)
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.evaluation import evaluate, render

    annotations = args.annotations or settings.annotations_dir
    if not args.annotations and not os.environ.get("POLICYKG_ANNOTATIONS_DIR") and not annotations.is_dir():
        raise PolicyKGError(f"no {annotations} folder here (the annotations are in the repository, not installed); "
                            "pass --annotations DIR")  # fmt: skip
    report = evaluate(annotations, args.reports or _reports_dir(settings))
    print(render(report, args.format, errors=args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

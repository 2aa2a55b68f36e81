"""`policykg build`: reports → records → RDF → SHACL → N-Quads → a new pyoxigraph store → atomic swap.

Each report is read once, here: decoded (an unreadable one is refused before anything is written), hashed,
and handed to the forked extraction processes in memory. Its graph is cached under the sha256 of its bytes and
a fingerprint of the code the build runs and the reference data, so an unchanged report is not extracted
again. What each report yielded is compared with what its sidecar expects (`[expected]`): a shortfall, or a
report that yields nothing, is a warning on the terminal and in the manifest. The new store is validated as a
whole (the shapes compiled to SPARQL, `graph.validation.compiled`) before it is swapped in.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from pyoxigraph import Store

from policykg import __version__
from policykg.errors import InputError, StoreError, ValidationError
from policykg.graph.lookup.fulltext import INDEX_FILE, Passage, write_index
from policykg.graph.rdf.dataset import as_nquads, copy_as_nquads, ntriples, reference_and_ontology
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.rdf.report import write_report
from policykg.graph.store.layout import (
    DATASET_FILE,
    MANIFEST_FILE,
    STORE_DIRNAME,
    StoreLayout,
    load_default_graph,
    write_and_load,
    write_atomically,
)
from policykg.graph.validation.compiled import validate_loaded
from policykg.graph.validation.processes import CheckProcesses
from policykg.loaders.pipeline import check_size, extract_with_passages
from policykg.loaders.places import gazetteer
from policykg.loaders.reading import SourceText, read_report
from policykg.loaders.report import read_expected, read_sidecar
from policykg.memory import give_back
from policykg.ontology.files import ONTOLOGY_FILE, REFERENCE_FILES, SHAPES_FILE, turtle_text
from policykg.ontology.national import national_bytes
from policykg.parallel import forked_map
from policykg.text import fold

Progress = Callable[[str], None]
YIELDS = ("documents", "places", "hydropower", "programmes")  # what a report is expected to yield, by record list


@dataclass
class BuildResult:
    build: Path
    reports: list[dict[str, Any]]
    counts: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    validated: bool = True


def fingerprint(iris: IriPolicy) -> str:
    """What a cached report graph depends on besides the report: the code's version, the ontology, shapes and
    reference data, and the IRI base."""
    h = hashlib.sha256(__version__.encode())
    for name in (ONTOLOGY_FILE, SHAPES_FILE, *REFERENCE_FILES):
        h.update(turtle_text(name).encode())
    h.update(national_bytes())
    h.update(iris.base.encode())
    h.update(_code_digest().encode())
    return h.hexdigest()[:16]


# The code a report's cached graph comes from: the loaders, the text and kinds they use, the reference data's
# reader, and records → RDF. Serving, validation or export code does not change a cached graph.
CACHED_CODE = ("policykg.loaders", "policykg.text", "policykg.kinds", "policykg.ontology", "policykg.graph.rdf")


def _code_digest() -> str:
    """The source of CACHED_CODE: a change to a rule or to the RDF mapping invalidates the cache."""
    h = hashlib.sha256()
    for name in CACHED_CODE:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None, name
        origin = Path(spec.origin)
        files = sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
        for path in files:
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _refuse_one_iri_for_two(reports: Sequence[Path], iris: IriPolicy) -> None:
    """A report's IRI is made of its file's name without the extension: two files of one name in two formats or
    folders (`bao-cao.pdf`, `bao-cao.docx`) would be one report, each the other's half. Refused, naming both."""
    seen: dict[str, Path] = {}
    for path in reports:
        first = seen.setdefault(iris.report(str(path)), path)
        if first.resolve() != path.resolve():
            raise InputError(str(path), f"{first} has the same name before its extension: they would be one report "
                                        f"({iris.report(str(path))}); rename one")  # fmt: skip


def build(
    reports: Sequence[Path],
    store_root: Path,
    iris: IriPolicy,
    *,
    validate: bool = True,
    progress: Progress | None = None,
    processes: int | None = None,
    validator: str = "sparql",
    max_report_mb: float | None = None,
) -> BuildResult:
    """Build the reports' graph into a new store and swap it in. A full disk or an unwritable folder is a
    StoreError naming the store; the previous store is left as it was. Extraction is shared out among
    `processes` forked processes (default: one per core); `validator` is "sparql" (the shapes compiled to
    queries on the new store) or "pyshacl" (the reference engine, slower and memory-hungry at scale). A report
    over `max_report_mb` (default: the `POLICYKG_MAX_REPORT_MB` setting) is an InputError before anything is
    read or written: the build's memory grows with the largest report (bench/README.md, "One large report")."""
    for path in reports:
        check_size(path, max_report_mb)
    _refuse_one_iri_for_two(reports, iris)
    try:
        return _build(reports, store_root, iris, validate=validate, progress=progress, processes=processes,
                      validator=validator)  # fmt: skip
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(f"{store_root}: {reason} while building; the previous store is untouched") from exc


def _build(
    reports: Sequence[Path],
    store_root: Path,
    iris: IriPolicy,
    *,
    validate: bool,
    progress: Progress | None,
    processes: int | None,
    validator: str,
) -> BuildResult:
    say = progress or (lambda _message: None)
    layout = StoreLayout(store_root)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    print_key = fingerprint(iris)
    lap("fingerprint")
    graph_files: dict[str, Path] = {}  # named graph IRI -> the cache file holding its N-Triples
    manifest_reports = []
    to_extract: dict[Path, tuple[SourceText, Path]] = {}  # report -> its text and the cache file its graph goes to
    counts_of: dict[Path, Path] = {}  # report -> the file of what it yielded (beside its cached graph)
    sentence_files: dict[str, Path] = {}  # report IRI -> the file of its sentences, for full-text search
    for path in reports:
        source = read_report(path)  # refuses unreadable files before anything is written
        key = f"{source.sha256}-{print_key}-{hashlib.sha1(path.stem.encode()).hexdigest()[:8]}"
        cached = graph_files[iris.graph_report(str(path))] = layout.cache / f"{key}.nt"
        counts_of[path] = cached.with_suffix(".counts.json")
        sentence_files[iris.report(str(path))] = cached.with_suffix(".sentences.jsonl")
        if all(f.is_file() for f in (cached, counts_of[path], cached.with_suffix(".sentences.jsonl"))):
            say(f"cached   {path.name}")
        else:
            say(f"extract  {path.name}")
            to_extract[path] = (source, cached)
        manifest_reports.append(
            {"file": path.name, "sha256": source.sha256, "graph": iris.graph_report(str(path)), "cache": key}
        )
    lap("extract + RDF (cached)")
    if to_extract:
        gazetteer()  # parsed here once and inherited by the forked extraction processes
        # The largest first, so that the processes sharing them out finish at about the same time. Each process
        # writes its report's graph to the cache file itself: no graph is held whole or sent back whole.
        largest = sorted(to_extract, key=lambda p: -len(to_extract[p][0].text))
        forked_map(_report_rdf, iris, [to_extract[path] for path in largest], processes)
        to_extract.clear()  # every report's text, not held through load and validation (bench/README.md)
        give_back()
        lap("extract + RDF")
    shortfalls = [w for path in reports for w in _shortfalls(path, counts_of[path])]
    for warning in shortfalls:
        say(f"warning  {warning}")
    fixed = {graph_iri: ntriples(graph) for graph_iri, graph in reference_and_ontology(iris).items()}  # N-Triples
    lap("reference + ontology")

    def write(out: TextIO) -> None:
        # Report by report from the cache files: the build never holds every report's graph in memory.
        for graph_iri, text in fixed.items():
            out.write(as_nquads(graph_iri, text))
        for graph_iri, cache_file in graph_files.items():
            copy_as_nquads(graph_iri, cache_file, out)

    # The shapes' queries are answered by processes of their own, forked now, before the new store is opened
    # (graph/validation/processes.py); one core, or pySHACL, needs none.
    wanted = processes if processes is not None else os.cpu_count() or 1
    checking = CheckProcesses.start(wanted) if validate and validator == "sparql" else None

    def check(store: Store, build_dir: Path) -> dict[str, Any]:
        say("validate (SHACL)")
        answers = partial(checking.answers, build_dir / STORE_DIRNAME) if checking else None
        violations = validate_loaded(store, build_dir / DATASET_FILE, validator, answers)
        lap("validate")
        errors = [str(v) for v in violations if v.severity == "Violation"]
        if errors:
            raise ValidationError(
                f"{len(errors)} SHACL violations; nothing was swapped in (see `policykg validate`)", errors
            )
        return {"warnings": [str(v) for v in violations if v.severity != "Violation"]}

    say("load     pyoxigraph store")
    manifest: dict[str, Any] = {"policykg": __version__, "base": iris.base, "validated": validate,
                                "reports": manifest_reports}  # fmt: skip
    if shortfalls:
        manifest["warnings"] = shortfalls

    def default_graph() -> Iterator[bytes]:
        # The default graph (the union of the named graphs, as a set) from the same N-Triples the quads were
        # written from: not parsed again from the quads.
        for text in fixed.values():
            yield text.encode()
        for cache_file in graph_files.values():
            yield cache_file.read_bytes()

    def sentences() -> Iterator[Passage]:
        for report_iri, sentence_file in sentence_files.items():
            with sentence_file.open(encoding="utf-8") as lines:
                for line in lines:
                    number, page, section, text, folded = json.loads(line)
                    yield Passage(report_iri, number, text, section, page, folded)

    with checking or contextlib.nullcontext():
        build_dir, manifest = install_dataset(
            layout, write, manifest, lap, check if validate else None, sentences, default_graph
        )
    return BuildResult(build_dir, manifest_reports, manifest["counts"], timings, manifest.get("warnings", []), validate)


def _shortfalls(path: Path, counts_file: Path) -> list[str]:
    """What a report yielded below its sidecar's `[expected]` minimums, a report that yielded nothing, and the
    figures a report states twice with different values."""
    found: dict[str, Any] = json.loads(counts_file.read_text(encoding="utf-8"))
    expected = read_expected(str(path))
    out = [f"conflicting figures: {c}" for c in found.get("conflicts", [])]
    out += [f"{path.name}: {note}" for note in found.get("notes", [])]  # a scanned page, a number written by hand
    out += [
        f"{path.name}: {found.get(kind, 0)} {kind} found, its sidecar expects at least {least}"
        for kind, least in expected.items()
        if found.get(kind, 0) < least
    ]
    if not expected and not any(found.get(kind, 0) for kind in YIELDS):
        out.append(f"{path.name}: no document, place, plant or programme found; is it a report?")
    return out


def install_dataset(
    layout: StoreLayout,
    write: Callable[[TextIO], None],
    manifest: dict[str, Any],
    lap: Callable[[str], None],
    check: Callable[[Store, Path], dict[str, Any]] | None = None,  # given the store and its build's folder
    sentences: Callable[[], Iterable[Passage]] | None = None,
    default_graph: Callable[[], Iterable[bytes]] | None = None,
) -> tuple[Path, dict[str, Any]]:
    """Write N-Quads into a new build, bulk-load them into a new pyoxigraph store with the union of their graphs as
    its default graph (from `default_graph`'s N-Triples texts, or else from the quads), `check` it (which adds
    to the manifest, or raises to stop the build), write its full-text index (of every sentence of the reports,
    or, without `sentences`, of those its mentions hold), record the manifest, and swap the build in. Nothing
    the readers see changes until the swap. Returns the build and its manifest."""
    build_dir = layout.new_build_dir()
    try:
        store = Store(str(build_dir / STORE_DIRNAME))
        # The default graph is loaded from its own texts beside the quads, by a second loader: one pyoxigraph loader
        # keeps about 1.5 cores busy. Their files overlap more, so the compaction below takes longer, but at 1M the
        # load goes 12.3 -> 9.5 s and the compaction 0.8 -> 1.5-2.2 s (bench/README.md).
        with ThreadPoolExecutor(1, thread_name_prefix="policykg-default-graph") as beside:
            loading = beside.submit(load_default_graph, store, default_graph()) if default_graph else None
            parts = write_and_load(store, build_dir / DATASET_FILE, write, default_graph=default_graph is None)
            if loading is not None:
                loading.result()
        store.flush()
        lap("write and load N-Quads, the default graph beside")
        if parts > 1:
            # Loaded in parts, the store's files overlap; one compaction makes whole-graph queries 1.5-2x faster
            # (measured at 1M: a GROUP BY 819 -> 465 ms, a text scan 1,878 -> 938 ms; bench/README.md). Loaded in
            # one part, they do not: compacting them finds nothing to do.
            store.optimize()
            lap("compact")
        # Written whole: from here on every reader (the shapes' processes too) opens it read-only.
        del store
        store = Store.read_only(str(build_dir / STORE_DIRNAME))
        give_back()  # what the loader's threads freed, before the shapes and the index allocate theirs
        # The index is written and the store counted while the shapes are checked: all only read the new store,
        # and all wait on it (pyoxigraph and SQLite leave Python's lock while they work).
        with ThreadPoolExecutor(1, thread_name_prefix="policykg-index") as background:
            indexed = background.submit(write_index, build_dir / INDEX_FILE, store, sentences() if sentences else None)
            counted = background.submit(_counts, store)
            if check is not None:
                checked = check(store, build_dir)
                warnings = [*manifest.get("warnings", []), *checked.pop("warnings", [])]
                manifest = {**manifest, **checked, **({"warnings": warnings} if warnings else {})}
            counts = {**counted.result(), "search": indexed.result()}
            lap("search index and counts (beyond validation)")
        del store
        manifest = {**manifest, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "counts": counts}
        write_atomically(build_dir / MANIFEST_FILE, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)  # a half-written build is never left, never swapped in
        raise
    layout.swap_in(build_dir)
    layout.remove_other_builds(keep=build_dir)
    lap("swap")
    return build_dir, manifest


def load_nquads(path: Path, store_root: Path) -> dict[str, Any]:
    """Install an N-Quads file built elsewhere (a synthetic benchmark graph, another pipeline's output) as the
    store, without extraction or validation. A failed load leaves nothing new behind."""
    import contextlib

    if not path.is_file():
        raise InputError(str(path), "no such file")

    def write(out: TextIO) -> None:
        with path.open(encoding="utf-8") as source:
            shutil.copyfileobj(source, out, 1 << 20)

    layout = StoreLayout(store_root)
    # The folders made for the store are removed again (when empty) if the load fails.
    made = [d for d in (layout.builds, store_root) if not d.exists()]
    try:
        try:
            _dir, manifest = install_dataset(
                layout, write, {"policykg": __version__, "source": str(path)}, lambda _stage: None
            )
        except OSError as exc:
            reason = exc.strerror or exc
            raise StoreError(f"{store_root}: {reason} while loading; the previous store is untouched") from exc
        except (SyntaxError, ValueError) as exc:
            raise InputError(str(path), f"not valid N-Quads: {' '.join(str(exc).split())[:200]}") from exc
    except BaseException:
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    counts: dict[str, Any] = manifest["counts"]
    return counts


def _report_rdf(iris: IriPolicy, task: tuple[SourceText, Path]) -> int:
    """One report's graph written as N-Triples to its cache file (run in a forked process, which has the
    report's text in memory), as the triples are made, and what it yielded beside it; each file appears whole
    or not at all. Returns the number of triples."""
    source, cache_file = task
    extraction, sentences = extract_with_passages(source, read_sidecar(source.path))
    with _atomic_text(cache_file) as out:
        triples, conflicts = write_report(extraction, iris, out)
    yielded = {kind: len(getattr(extraction, kind)) for kind in (*YIELDS, "relations", "indicators")}
    with _atomic_text(cache_file.with_suffix(".sentences.jsonl")) as out:
        for p in sentences:
            # folded here, in the extraction processes, so that writing the index only copies it
            out.write(json.dumps([p.line, p.page, p.section, p.text, fold(p.text)], ensure_ascii=False) + "\n")
    with _atomic_text(cache_file.with_suffix(".counts.json")) as out:
        counts = {**yielded, "triples": triples, "conflicts": conflicts, "notes": list(extraction.source.notes)}
        json.dump(counts, out, ensure_ascii=False)
    return triples


@contextlib.contextmanager
def _atomic_text(path: Path) -> Iterator[TextIO]:
    """A text file (UTF-8) written beside `path` and renamed over it once complete and on disk: a reader (a later
    build) sees the whole file or none. A cache file is new, so it gets a new file's mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _counts(store: Store) -> dict[str, Any]:
    per_graph = {
        str(row["g"].value): int(row["n"].value)
        for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")  # type: ignore[union-attr]
    }
    # Sorted here, not with ORDER BY: pyoxigraph 0.5.13 can abort the process on some ORDER BY queries.
    rows = store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c")
    per_class = dict(sorted(((str(r["c"].value), int(r["n"].value)) for r in rows), key=lambda kv: -kv[1]))  # type: ignore[union-attr]
    return {"triples": sum(per_graph.values()), "graphs": per_graph, "classes": per_class}


def terminal_progress() -> Progress | None:
    """Progress lines on a terminal; nothing when output goes to a file or CI."""
    if not sys.stderr.isatty():
        return None
    return lambda message: print(f"  {message}", file=sys.stderr, flush=True)

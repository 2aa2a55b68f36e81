"""The on-disk store and its atomic swap.

    <store>/current   -> builds/<id>     a symbolic link, replaced atomically when a build is complete
    <store>/builds/<id>/oxigraph/        the pyoxigraph store (RocksDB) of one build
    <store>/builds/<id>/dataset.nq       the same data as N-Quads (one named graph per report, reference, ontology)
    <store>/builds/<id>/search.sqlite    the full-text index of its sentences and names (`graph/lookup/fulltext.py`)
    <store>/builds/<id>/manifest.json    what was built: reports with their sha256, counts, timings
    <store>/cache/<key>.nt               one report's graph, reused while the report and the code are unchanged
    <store>/cache/<key>.sentences.jsonl  … and its sentences (line, page, section, words), for the index

A build writes a new `builds/<id>` and only then points `current` at it, so a build killed at any moment
leaves the previous store whole and servable. Readers open `current` read-only.
"""

from __future__ import annotations

import contextlib
import io
import json
import operator
import os
import queue
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from pyoxigraph import RdfFormat, Store, parse, serialize

from policykg.errors import StoreError

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

LOAD_PART = 100_000  # N-Quads lines per bulk-load call
# A file up to this size is read whole to see whether it is one part.
_WHOLE_LOAD_BYTES = 64 << 20
STORE_DIRNAME = "oxigraph"
DATASET_FILE = "dataset.nq"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class StoreLayout:
    root: Path

    @property
    def current(self) -> Path:
        return self.root / "current"

    @property
    def builds(self) -> Path:
        return self.root / "builds"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def current_build(self) -> Path | None:
        """The build `current` points at, or None when nothing was built yet."""
        if not self.current.is_symlink() and not self.current.exists():
            return None
        target = self.current.resolve()
        if not (target / MANIFEST_FILE).is_file():
            raise StoreError(f"{self.current}: points at an incomplete build ({target}); run `policykg build`")
        return target

    def new_build_dir(self) -> Path:
        self.builds.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        return Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=self.builds))

    def swap_in(self, build: Path) -> None:
        """Point `current` at a complete build, atomically (rename of a fresh link over the old one)."""
        link = self.root / f".current-{os.getpid()}"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(build.relative_to(self.root))
        os.replace(link, self.current)

    def remove_other_builds(self, keep: Path) -> None:
        """Old and interrupted builds: everything under builds/ but `keep`."""
        if not self.builds.is_dir():
            return
        for entry in self.builds.iterdir():
            if entry.resolve() != keep.resolve():
                shutil.rmtree(entry, ignore_errors=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that a reader sees the old content or the new one, never a part. The file gets the mode
    a plain `open()` would give it: an existing file's own, or 0o666 less the umask for a new one (the temporary
    file it is renamed from is created 0o600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it where the system shows it (Linux), since setting it to read
    it back is a process-wide change another thread could see."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def read_manifest(build: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((build / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{build / MANIFEST_FILE}: unreadable build manifest ({exc})") from exc
    return data


def open_build(root: Path) -> tuple[Path, Store]:
    """The current build and its store, read-only (several readers may share it while a build runs). The one
    way the store is opened: `current` is resolved once, so whoever opens the store and starts workers on the
    build's path sees the same build, even across a swap."""
    build = StoreLayout(root).current_build()
    if build is None:
        raise StoreError(f"{root}: no store built yet; run `policykg build` first")
    try:
        store = Store.read_only(str(build / STORE_DIRNAME))
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as a RuntimeError
        raise StoreError(f"{build / STORE_DIRNAME}: cannot open the store ({exc})") from exc
    # A store built before the default graph held the union would answer every query with nothing.
    if not store.query("ASK { ?s ?p ?o }") and store.query("ASK { GRAPH ?g { ?s ?p ?o } }"):
        raise StoreError(f"{build}: built by an older policykg, without the default graph that queries read; "
                         "build it again (`policykg build`, or `policykg load` of its dataset.nq)")  # fmt: skip
    return build, store


def open_store(root: Path) -> Store:
    """The current build's store, read-only."""
    return open_build(root)[1]


def bulk_load(store: Store, nquads: Path, part: int = LOAD_PART, default_graph: bool = True) -> int:
    """Load an N-Quads file in parts of `part` lines; returns the number of parts. pyoxigraph's bulk loader holds
    all of one call's quads in memory (measured: 1.0 GB for 1M quads, 2.2 GB for 10M); in parts of 100,000 the 1M
    load peaks at 240 MB and is faster. A blank node label is scoped to one call, so every line that may hold one
    (`_:` anywhere) goes into the last part. A syntax error names the line of the file.

    With `default_graph`, every triple goes once more into the store's default graph, which is what queries
    without FROM or GRAPH see: the union of the named graphs as a set, each fact once however many report graphs
    restate it (issue 17; the choice is measured in bench/README.md). The store dedups: a triple loaded twice is
    stored once."""
    if nquads.stat().st_size <= _WHOLE_LOAD_BYTES:
        data = nquads.read_bytes()
        if data.count(b"\n") <= part:  # one part: loaded as it is, without a copy of each line
            _load_part(store, data, lambda line: line, default_graph)
            return 1
        del data  # read in parts below
    with nquads.open("rb") as source:
        # `part` lines at a time, read and joined in C. 1M lines: 1.5 s -> 0.7 s (bench/README.md).
        chunks = iter(lambda: list(islice(source, part)), [])
        return load_parts(store, (b"".join(chunk) for chunk in chunks), default_graph)


def load_parts(store: Store, parts: Iterable[bytes], default_graph: bool = True) -> int:
    """N-Quads given a part at a time (each of whole lines) into the store, as `bulk_load` loads a file's; returns
    the number of parts loaded."""
    blank: list[tuple[int, bytes]] = []
    loaded = 0
    first = 1  # the line number of the part's first line, counted from the first part's
    for data in parts:
        loaded += _load_chunk(store, data, first, blank, default_graph)
        first += data.count(b"\n")
    if blank:
        _load_lines(store, blank, default_graph)
        loaded += 1
    return loaded


def write_and_load(
    store: Store, nquads: Path, write: Callable[[TextIO], None], default_graph: bool = True, part: int = LOAD_PART
) -> int:
    """The N-Quads `write` writes, into the file `nquads` and into the store as they are written: a thread runs
    `write` and hands each `part` lines over to be loaded while it writes the next (pyoxigraph's loader lets go of
    Python's lock), so neither the writing nor reading the file again waits for the other (bench/README.md, "The
    1M build's cores kept busy"). Three parts at most are in memory: one loading, one handed over, one written.
    Returns the number of parts loaded, as `bulk_load`."""
    handoff: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=1)
    stopped = threading.Event()

    def hand(item: bytes | BaseException | None) -> None:
        while not stopped.is_set():
            with contextlib.suppress(queue.Full):
                handoff.put(item, timeout=0.1)
                return
        raise _LoadStopped

    def produce() -> None:
        try:
            with nquads.open("wb") as file:
                cut = _Parts(file, part, hand)
                text = io.TextIOWrapper(io.BufferedWriter(cut, 1 << 20), encoding="utf-8", newline="\n")
                write(text)
                text.flush()
                cut.finish()
            hand(None)
        except _LoadStopped:
            pass  # the loader stopped first (its own error is the one raised)
        except BaseException as exc:  # handed to the loading thread, which raises it
            with contextlib.suppress(_LoadStopped):
                hand(exc)

    def parts() -> Iterator[bytes]:
        while (item := handoff.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item

    writer = threading.Thread(target=produce, name="policykg-write-nquads")
    writer.start()
    try:
        return load_parts(store, parts(), default_graph)
    finally:
        stopped.set()
        writer.join()


class _LoadStopped(Exception):
    """The loader stopped: the writer stops too."""


class _Parts(io.RawIOBase):
    """A file being written, whose text is also cut into parts of `lines` whole lines, each given to `hand`."""

    def __init__(self, file: BinaryIO, lines: int, hand: Callable[[bytes], None]) -> None:
        super().__init__()
        self._file, self._lines, self._hand = file, lines, hand
        self._pending: list[bytes] = []
        self._count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        block = bytes(data)
        self._file.write(block)
        self._pending.append(block)
        self._count += block.count(b"\n")
        if self._count >= self._lines:
            pending = b"".join(self._pending)
            end = pending.rfind(b"\n") + 1  # a part ends with a whole line
            self._hand(pending[:end])
            self._pending, self._count = [pending[end:]], 0
        return len(block)

    def finish(self) -> None:
        if rest := b"".join(self._pending):
            self._hand(rest)
        self._pending = []


def load_default_graph(store: Store, ntriples: Iterable[bytes], part: int = LOAD_PART) -> None:
    """N-Triples texts into the store's default graph, in parts of about `part` lines: what `bulk_load` does with
    `default_graph`, for a caller that has each named graph's triples as N-Triples already (the build's cache
    files), without parsing the quads again (bench/README.md). A text is never split; texts loaded in one call
    share blank node labels, so each must have its own (rdflib's are unique; the reports' graphs have none)."""
    texts: list[bytes] = []
    lines = 0
    for text in ntriples:
        texts.append(text)
        lines += text.count(b"\n")
        if lines >= part:
            store.bulk_load(b"".join(texts), format=RdfFormat.N_TRIPLES)
            texts, lines = [], 0
    if texts:
        store.bulk_load(b"".join(texts), format=RdfFormat.N_TRIPLES)


def _load_chunk(store: Store, data: bytes, first: int, blank: list[tuple[int, bytes]], default_graph: bool) -> int:
    """Lines `first`… of the file into the store, those that hold a blank node kept in `blank` for the last part;
    the number of parts loaded (0 or 1). Only a part that holds a blank node (a build's: its reference and
    ontology graphs) is gone through line by line."""
    if b"_:" not in data:
        _load_part(store, data, partial(operator.add, first - 1), default_graph)
        return 1
    lines: list[tuple[int, bytes]] = []
    pieces = data.split(b"\n")
    for number, piece in enumerate(pieces[:-1], first):
        (blank if b"_:" in piece else lines).append((number, piece + b"\n"))
    if pieces[-1]:  # a last line without its line break
        (blank if b"_:" in pieces[-1] else lines).append((first + len(pieces) - 1, pieces[-1]))
    if lines:
        _load_lines(store, lines, default_graph)
    return 1 if lines else 0


def _load_lines(store: Store, lines: list[tuple[int, bytes]], default_graph: bool) -> None:
    data = b"".join(line for _n, line in lines)
    _load_part(store, data, lambda k: lines[k - 1][0] if k <= len(lines) else None, default_graph)


def _load_part(store: Store, data: bytes, line_of: Callable[[int], int | None], default_graph: bool) -> None:
    """`data` into the store, and its triples into the default graph too; a syntax error names the line of the
    file (`line_of` the line of `data`)."""
    try:
        store.bulk_load(data, format=RdfFormat.N_QUADS)
    except SyntaxError as exc:
        line = line_of(exc.lineno) if exc.lineno and exc.lineno > 0 else None
        reason = str(exc).split(": ", 1)[-1]
        raise SyntaxError(f"line {line}: {reason}" if line else reason) from exc
    if default_graph:
        # Parsed and written again by pyoxigraph (3 s per million quads), not cut as text: a line of another
        # program's N-Quads may be a triple already, or end in a blank node. Blank nodes get new labels: the
        # default graph is the RDF merge of the named graphs.
        triples = serialize((q.triple for q in parse(data, format=RdfFormat.N_QUADS)), format=RdfFormat.N_TRIPLES)
        if triples:
            store.bulk_load(triples, format=RdfFormat.N_TRIPLES)

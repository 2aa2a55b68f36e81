"""Loading N-Quads in parts gives the store one load of the whole file gives, blank nodes included, and a
syntax error names the line of the file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pytest
from pyoxigraph import RdfFormat, Store

from policykg.build.pipeline import load_nquads
from policykg.errors import InputError, StoreError
from policykg.graph.store.layout import (
    DATASET_FILE,
    StoreLayout,
    bulk_load,
    load_default_graph,
    open_build,
    write_and_load,
)

ROOT = Path(__file__).resolve().parents[2]
G = "<https://w3id.org/policykg/graph/report/r>"
SHAPES = "<https://w3id.org/policykg/graph/ontology>"


def nquads(tmp_path: Path) -> Path:
    lines = [f'<https://w3id.org/policykg/id/m{i}> <https://w3id.org/policykg/ontology#line> "{i}" {G} .'
             for i in range(1, 8)]  # fmt: skip
    # A blank node used on lines far apart, as the shapes graph does: it must stay one node.
    lines.insert(1, f"<https://w3id.org/policykg/shapes#S> <http://www.w3.org/ns/shacl#property> _:p {SHAPES} .")
    lines.append(f"_:p <http://www.w3.org/ns/shacl#path> <https://w3id.org/policykg/ontology#line> {SHAPES} .")
    path = tmp_path / "data.nq"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_parts_load_what_one_call_loads(tmp_path: Path) -> None:
    path = nquads(tmp_path)
    whole, parts = Store(), Store()
    whole.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    assert bulk_load(parts, path, part=2, default_graph=False) == 5  # four of at most two lines, then the blank nodes'
    assert len(parts) == len(whole) == 9
    sh = "http://www.w3.org/ns/shacl#"
    joined = f"SELECT ?path WHERE {{ GRAPH ?g {{ ?shape <{sh}property> ?p . ?p <{sh}path> ?path }} }}"
    assert len(list(parts.query(joined))) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize("part", [1, 100])
def test_the_default_graph_from_n_triples_is_the_one_the_quads_give(tmp_path: Path, part: int) -> None:
    path = nquads(tmp_path)
    from_quads, from_texts = Store(), Store()
    bulk_load(from_quads, path)
    bulk_load(from_texts, path, default_graph=False)
    graphs: dict[str, list[str]] = {}  # each named graph's lines as N-Triples, as the build's cache files hold them
    for line in path.read_text(encoding="utf-8").splitlines():
        graphs.setdefault(line.rsplit(" ", 2)[1], []).append(line.rsplit(" ", 2)[0] + " .\n")
    load_default_graph(from_texts, ("".join(lines).encode() for lines in graphs.values()), part=part)
    every = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (!isBlank(?s) && !isBlank(?o)) }"
    assert {tuple(r) for r in from_texts.query(every)} == {tuple(r) for r in from_quads.query(every)}  # type: ignore[union-attr]
    assert len(from_texts) == len(from_quads) == 18
    sh = "http://www.w3.org/ns/shacl#"
    joined = f"SELECT ?path WHERE {{ ?shape <{sh}property> ?p . ?p <{sh}path> ?path }}"
    assert len(list(from_texts.query(joined))) == 1  # type: ignore[arg-type]  # a text's blank node stays one node


def test_a_file_of_one_part_is_loaded_in_one_call(tmp_path: Path) -> None:
    store = Store()
    assert bulk_load(store, nquads(tmp_path), default_graph=False) == 1
    assert len(store) == 9


@pytest.mark.parametrize("part", [2, 100])
def test_the_default_graph_holds_every_triple_once(tmp_path: Path, part: int) -> None:
    path = nquads(tmp_path)
    other = "<https://w3id.org/policykg/graph/report/other>"
    restated = path.read_text(encoding="utf-8").splitlines()[0].replace(G, other)
    path.write_text(path.read_text(encoding="utf-8") + restated + "\n", encoding="utf-8")
    store = Store()
    bulk_load(store, path, part=part)
    line = "<https://w3id.org/policykg/ontology#line>"
    assert len(list(store.query(f"SELECT * WHERE {{ ?s {line} ?o }}"))) == 7  # type: ignore[arg-type]
    assert len(list(store.query(f"SELECT * WHERE {{ GRAPH ?g {{ ?s {line} ?o }} }}"))) == 8  # type: ignore[arg-type]
    sh = "http://www.w3.org/ns/shacl#"
    joined = f"SELECT ?path WHERE {{ ?shape <{sh}property> ?p . ?p <{sh}path> ?path }}"
    assert len(list(store.query(joined))) == 1  # the blank node is one node in the default graph too


def test_a_syntax_error_names_the_line_of_the_file(tmp_path: Path) -> None:
    path = nquads(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = re.sub(r'"\d+"', "six", lines[5])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SyntaxError, match=r"^line 6: "):
        bulk_load(Store(), path, part=2)
    with pytest.raises(InputError, match=r"data\.nq: not valid N-Quads: line 6: ") as raised:
        load_nquads(path, tmp_path / "store")
    assert "\n" not in str(raised.value) and not (tmp_path / "store" / "current").exists()


def written_in_pieces(text: str, size: int) -> Callable[[TextIO], None]:
    """A writer that writes `text` `size` characters at a time, cutting lines anywhere."""

    def write(out: TextIO) -> None:
        for start in range(0, len(text), size):
            out.write(text[start : start + size])

    return write


@pytest.mark.parametrize(("part", "size"), [(2, 7), (3, 1000), (100, 1)])
def test_quads_loaded_as_they_are_written_are_those_of_the_file(tmp_path: Path, part: int, size: int) -> None:
    text = nquads(tmp_path).read_text(encoding="utf-8")
    from_file, as_written = Store(), Store()
    bulk_load(from_file, tmp_path / "data.nq")
    written = tmp_path / "written.nq"
    write_and_load(as_written, written, written_in_pieces(text, size), part=part)
    assert written.read_text(encoding="utf-8") == text
    named = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
    every = f"SELECT ?s ?p ?o ?g WHERE {{ {named} FILTER (!isBlank(?s) && !isBlank(?o)) }}"
    assert {tuple(r) for r in as_written.query(every)} == {tuple(r) for r in from_file.query(every)}  # type: ignore[union-attr]
    assert len(as_written) == len(from_file) == 18
    sh = "http://www.w3.org/ns/shacl#"
    joined = f"SELECT ?path WHERE {{ GRAPH ?g {{ ?shape <{sh}property> ?p . ?p <{sh}path> ?path }} }}"
    assert len(list(as_written.query(joined))) == 1  # type: ignore[arg-type]


def test_a_syntax_error_in_quads_loaded_as_written_names_their_line(tmp_path: Path) -> None:
    lines = nquads(tmp_path).read_text(encoding="utf-8").splitlines()
    lines[5] = re.sub(r'"\d+"', "six", lines[5])
    with pytest.raises(SyntaxError, match=r"^line 6: "):
        write_and_load(Store(), tmp_path / "w.nq", written_in_pieces("\n".join(lines) + "\n", 5), part=2)


def test_an_error_of_the_writer_is_raised_by_the_loader(tmp_path: Path) -> None:
    text = nquads(tmp_path).read_text(encoding="utf-8")

    def write(out: TextIO) -> None:
        out.write(text)
        raise OSError(28, "No space left on device")

    store = Store()
    with pytest.raises(OSError, match="No space left"):
        write_and_load(store, tmp_path / "w.nq", write, part=2)


def test_a_loaded_file_is_served_whole(tmp_path: Path) -> None:
    counts = load_nquads(nquads(tmp_path), tmp_path / "store")
    assert counts["triples"] == 9
    build = StoreLayout(tmp_path / "store").current_build()
    assert build is not None and (build / DATASET_FILE).read_text(encoding="utf-8").count("\n") == 9


def test_a_store_built_without_the_default_graph_is_refused_in_one_line(tmp_path: Path) -> None:
    layout = StoreLayout(tmp_path / "store")
    build = layout.new_build_dir()
    old = Store(str(build / "oxigraph"))
    bulk_load(old, nquads(tmp_path), default_graph=False)  # as a build before issue 17 left it
    del old
    (build / "manifest.json").write_text("{}", encoding="utf-8")
    layout.swap_in(build)
    with pytest.raises(StoreError, match=r"older policykg.*build it again") as raised:
        open_build(layout.root)
    assert "\n" not in str(raised.value)

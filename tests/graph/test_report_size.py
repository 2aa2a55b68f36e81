"""One large report (issue 12): a report over `POLICYKG_MAX_REPORT_MB` is refused in one line before anything is
read or written, and below it the build's memory grows with the report no faster than the report does — the
graph streamed to its file, not held — while writing exactly the triples it wrote when it held them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from policykg.build.pipeline import build
from policykg.errors import InputError
from policykg.graph.rdf.dataset import copy_as_nquads, ntriples
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.rdf.report import report_triples, write_report
from policykg.graph.store.layout import StoreLayout
from policykg.loaders.pipeline import LONG_SENTENCE, PIECE, check_size, extract_file
from policykg.loaders.records import (
    DocumentRecord,
    EntityRef,
    Extraction,
    Mention,
    PlaceRecord,
    RelationRecord,
    ReportInfo,
    SourceInfo,
)
from policykg.ontology.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "loaders" / "fixtures"
CITATION = "Quyết định số 1/QĐ-TTg,"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "policykg.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def snapshot(store: Path) -> dict[str, bytes | str]:
    """Every file under the store (links as their targets): what a refused build must not change."""
    out: dict[str, bytes | str] = {}
    for path in sorted(store.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(store))] = os.readlink(path)
        elif path.is_file():
            out[str(path.relative_to(store))] = path.read_bytes()
    return out


def test_a_report_one_byte_over_the_limit_is_one_line_and_exit_2_and_the_store_is_untouched(tmp_path: Path) -> None:
    store = tmp_path / "store"
    small = tmp_path / "small.txt"
    small.write_text(f"{CITATION}\n", encoding="utf-8")
    assert cli("build", str(small), "--store", str(store), "--no-validate").returncode == 0
    before = snapshot(store)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1_000_001)  # 1 MB (10^6 bytes) and one byte
    for command in (["build", str(small), str(big), "--store", str(store)], ["extract", str(big)]):
        refused = cli(*command, env={"POLICYKG_MAX_REPORT_MB": "1"})
        assert refused.returncode == 2
        assert refused.stdout == ""
        assert refused.stderr == (
            f"policykg: {big}: 1,000,001 bytes is over the limit of 1 MB for one report (POLICYKG_MAX_REPORT_MB)\n"
        )
    assert snapshot(store) == before  # no new build, no cache file, `current` where it was


def test_the_limit_is_the_setting_and_a_file_at_it_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"a" * 2_000_000)
    check_size(report, 2)  # at the limit
    monkeypatch.setenv("POLICYKG_MAX_REPORT_MB", "1")
    with pytest.raises(InputError, match=r"report\.txt: 2\.0 MB is over the limit of 1 MB for one report"):
        check_size(report)
    store = tmp_path / "store"
    with pytest.raises(InputError, match="over the limit"):
        build([report], store, IriPolicy())
    assert not store.exists()  # refused before anything was written
    with pytest.raises(InputError, match="over the limit"):
        extract_file(report)


def _peak(text: str, tmp_path: Path) -> int:
    """tracemalloc's peak (bytes of Python objects) of extracting a report and writing its graph to a file."""
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    load_reference()  # parsed once per process: not the report's share
    tracemalloc.start()
    try:
        with (tmp_path / "report.nt").open("w", encoding="utf-8") as out:
            write_report(extract_file(report), IriPolicy(), out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("separator", ["\n", " "], ids=["a citation a line", "one endless line"])
def test_memory_grows_linearly_with_a_report_of_one_repeated_citation(separator: str, tmp_path: Path) -> None:
    # Before the graph was streamed, 4x the text took 16x the memory on one line (every mention carried the whole
    # line as its sentence) and 3.4x on lines that are each a paragraph (the whole graph held, then its text).
    n = 600
    small = _peak((CITATION + separator) * n, tmp_path)
    large = _peak((CITATION + separator) * (4 * n), tmp_path)
    assert large / small < 8
    assert large < 100 * len((CITATION + separator).encode()) * 4 * n  # bytes of objects per byte of text


@pytest.mark.parametrize(
    "report",
    ["2013-ubnd-socio-economic-assessment", "hanoi-qd-70-2024-ubnd-p1-3.pdf"],  # a PDF: mentions say their page
)
def test_the_written_graph_is_the_graph_report_triples_makes(report_path: Callable[[str], Path], report: str) -> None:
    path = FIXTURES / report if report.endswith(".pdf") else report_path(report)
    extraction = extract_file(path)
    out = io.StringIO()
    count, _conflicts = write_report(extraction, IriPolicy(), out)
    expected = ntriples(report_triples(extraction, IriPolicy()))
    assert out.getvalue() == expected
    assert count == len(expected.splitlines()) > 500
    assert ("ontology#page>" in expected) == report.endswith(".pdf")


def test_what_repeats_is_written_once_as_report_triples_keeps_it_once() -> None:
    """Two entities read at one place (one mention IRI), two documents with one IRI, a relation stated twice: the
    streamed graph has each triple once, in the order `report_triples` has them."""
    here = Mention(3, 7, "Mường Tè", ("I. Kinh tế",), "Tại Mường Tè, theo Quyết định số 1/QĐ-TTg.")
    twice = Mention(5, 0, "Quyết định số 1/QĐ-TTg", ("I. Kinh tế",), "Quyết định số 1/QĐ-TTg về Mường Tè.", "2")
    doc = {"symbol": "1/QĐ-TTg", "type": "Quyết định", "number": "1", "year": 2013, "issuer": None, "date": None}
    extraction = Extraction(
        SourceInfo("r/report.txt", "0" * 64, 9, "utf-8"),
        ReportInfo("Báo cáo", None, None, None, None, None),
        documents=[
            DocumentRecord("A", subject=None, raw=["Quyết định số 1/QĐ-TTg"], mentions=[twice, here], **doc),
            DocumentRecord("A@2", subject="về Mường Tè", raw=["QĐ 1/QĐ-TTg"], mentions=[twice], **doc),
        ],
        places=[
            PlaceRecord("other:muong te", "Mường Tè", "other", mentions=[here, here]),
            PlaceRecord("other:muong te 2", "Mường Tè", "other", mentions=[here]),
        ],
        relations=[
            RelationRecord(EntityRef("document", "A"), "applies_to", EntityRef("place", "other:muong te"), 5, "x", 0.9),
            RelationRecord(
                EntityRef("document", "A@2"), "applies_to", EntityRef("place", "other:muong te"), 6, "y", 0.9
            ),
        ],
    )
    out = io.StringIO()
    count, _conflicts = write_report(extraction, IriPolicy(), out)
    triples = report_triples(extraction, IriPolicy())
    assert out.getvalue() == ntriples(triples)
    assert count == len(triples) == len(set(out.getvalue().splitlines()))


def test_a_sentence_too_long_to_be_one_is_cut_into_pieces_that_mentions_share(tmp_path: Path) -> None:
    report = tmp_path / "table.txt"
    report.write_text(" ".join(f"Quyết định số {i}/QĐ-UBND, huyện Mường Tè" for i in range(1, 400)), encoding="utf-8")
    extraction = extract_file(report)
    mentions = [m for d in extraction.documents for m in d.mentions]
    assert len(mentions) == 399
    for m in mentions:
        assert m.text in m.sentence
        assert len(m.sentence) <= 2 * PIECE + 2 < LONG_SENTENCE
    assert len({id(m.sentence) for m in mentions}) < len(mentions) / 5  # a piece's text is one object
    assert all(len(r.evidence) <= 2 * PIECE + 2 for r in extraction.relations)


def test_the_nquads_copy_keeps_a_literal_that_holds_a_line_separator(tmp_path: Path) -> None:
    """A line ends at a line break only: U+2028 or a form feed inside a literal (which N-Triples allows unescaped)
    used to split the line in two and stop the load."""
    nt = tmp_path / "report.nt"
    value = "một\u2028hai\x0cba\x85bốn"
    nt.write_text(f'<https://example.org/s> <https://example.org/p> "{value}"@vi .\n', encoding="utf-8", newline="\n")
    out = io.StringIO()
    copy_as_nquads("https://example.org/g", nt, out)
    (quad,) = parse(out.getvalue().encode(), format=RdfFormat.N_QUADS)
    assert quad.object.value == value
    assert quad.graph_name.value == "https://example.org/g"


def test_a_cached_report_over_the_limit_is_refused_too(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(f"{CITATION}\n" * 1_000, encoding="utf-8")  # 32 kB
    store = tmp_path / "store"
    build([report], store, IriPolicy(), validate=False, max_report_mb=1)
    current = StoreLayout(store).current_build()
    with pytest.raises(InputError, match=r"32,000 bytes is over the limit of 0\.03 MB"):
        build([report], store, IriPolicy(), validate=False, max_report_mb=0.03)
    assert StoreLayout(store).current_build() == current


def test_a_pdf_or_an_image_may_be_ten_times_the_limit(tmp_path: Path) -> None:
    # A scanned page is about 0.3 MB of pixels for a few hundred words: a scan of 30 pages would be over 10 MB.
    scan = Path(__file__).resolve().parent.parent / "loaders" / "fixtures" / "hanoi-nq-12-2025-hdnd-scanned-p1.pdf"
    assert 300_000 < scan.stat().st_size < 400_000
    check_size(scan, 0.1)  # 0.35 MB: over 0.1 MB, within 1 MB
    with pytest.raises(InputError, match=r"349,639 bytes is over the limit of 0\.3 MB for a PDF or an image \(10 ×"):
        check_size(scan, 0.03)
    text = tmp_path / "report.txt"
    text.write_bytes(b"a" * 350_000)  # text as long is not
    with pytest.raises(InputError, match=r"0\.3 MB is over the limit of 0\.1 MB for one report"):
        check_size(text, 0.1)

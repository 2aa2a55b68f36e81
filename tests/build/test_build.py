"""The build's own duties: each report read once, a cache key made of what the build really runs, and no
report that yields nothing (or less than its sidecar expects) published silently."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.build import pipeline
from policykg.build.pipeline import CACHED_CODE, build
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.store.layout import MANIFEST_FILE

EXCERPT = (
    "Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương, huyện Mường Tè đã triển "
    "khai Chương trình mục tiêu quốc gia xây dựng nông thôn mới; thủy điện Lai Châu hoàn thành.\n"
)


def _report(folder: Path, name: str, text: str, sidecar: str | None = None) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    return path


def test_a_report_that_yields_nothing_is_a_warning_not_a_silent_graph(tmp_path: Path) -> None:
    plain = _report(tmp_path, "plain", "Một đoạn văn bình thường, không nhắc văn bản hay địa danh nào.\n")
    result = build([plain], tmp_path / "store", IriPolicy(), validate=False, processes=1)
    assert result.warnings == ["plain.txt: no document, place, plant or programme found; is it a report?"]
    manifest = json.loads((result.build / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["warnings"] == result.warnings


def test_less_than_the_sidecar_expects_is_a_warning(tmp_path: Path) -> None:
    report = _report(tmp_path, "short", EXCERPT, "[expected]\ndocuments = 5\nplaces = 1\n")
    result = build([report], tmp_path / "store", IriPolicy(), validate=False, processes=1)
    assert result.warnings == ["short.txt: 1 documents found, its sidecar expects at least 5"]
    again = build([report], tmp_path / "store", IriPolicy(), validate=False, processes=1)  # from the cache
    assert again.warnings == result.warnings


def test_a_bad_expected_table_is_one_line_naming_the_sidecar(tmp_path: Path) -> None:
    report = _report(tmp_path, "bad", EXCERPT, '[expected]\ndocuments = "many"\n')
    with pytest.raises(Exception, match=r"bad\.toml: \[expected\] must map kinds to whole numbers"):
        build([report], tmp_path / "store", IriPolicy(), validate=False, processes=1)


def test_each_report_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report(tmp_path, "once", EXCERPT)
    reads: list[str] = []
    read = pipeline.read_report

    def counted(path: str | Path) -> object:
        reads.append(str(path))
        return read(path)

    monkeypatch.setattr(pipeline, "read_report", counted)
    monkeypatch.setattr("policykg.loaders.pipeline.read_report", lambda _p: pytest.fail("read a second time"))
    build([report], tmp_path / "store", IriPolicy(), validate=False, processes=1)
    assert reads == [str(report)]


def test_the_cache_key_covers_all_the_code_a_cached_graph_comes_from() -> None:
    # Every policykg module that extraction and records → RDF import must be in CACHED_CODE (else an edit to
    # it would leave stale graphs in the cache); serving code must not be (an edit to it re-extracted all).
    script = (
        "import sys, policykg.loaders.pipeline, policykg.graph.rdf.report\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('policykg.'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    harmless = ("policykg.graph", "policykg.errors", "policykg.settings")  # a package's docstring, and
    # two that change no graph (the IRI base is hashed itself)
    uncovered = [
        m for m in loaded
        if m not in harmless and not any(m == c or m.startswith(c + ".") for c in CACHED_CODE)
    ]  # fmt: skip
    assert not uncovered
    assert not any(c.startswith(("policykg.api", "policykg.graph.store", "policykg.graph.lookup")) for c in CACHED_CODE)

"""The `policykg` command as a user runs it: a real process, its stdout, stderr and exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **settings}
    return subprocess.run(
        [sys.executable, "-m", "policykg.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )


def test_extract_json_of_one_report(report_path: Callable[[str], Path]) -> None:
    result = run("extract", str(report_path("2020-9m-ubnd-socio-economic-assessment")), "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["source"]["lines"] == 1362
    assert any(d["symbol"] == "14/2020/NQ-HĐND" for d in out["documents"])


def test_extract_defaults_to_the_bundled_corpus_as_a_table() -> None:
    result = run("extract", "--format", "table")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n# ") == 4  # five reports, each under its own heading
    assert "2009/QĐ-TTg" in result.stdout and "Huội Quảng" in result.stdout


def test_extract_several_files_gives_a_json_array(report_path: Callable[[str], Path]) -> None:
    a, b = report_path("2013-ubnd-socio-economic-assessment"), report_path("2012-9m-portal-socio-economic-article")
    result = run("extract", str(a), str(b))
    assert [o["source"]["lines"] for o in json.loads(result.stdout)] == [337, 224]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "scan.pdf", b"%PDF-1.4\n\x00\x01\x02binary"), "a PDF document that cannot be read"),
        (lambda d: _write(d / "scan.txt", b"%PDF-1.4\n1 0 obj << >> endobj\n"), "a PDF document"),
        (lambda d: _write(d / "data.bin", b"\x00\x01\x02binary"), "binary file, not text; policykg reads"),
        (lambda d: _write(d / "bad.txt", b"\xff\xfe\x00\xd8oops"), "not valid utf-16"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_nothing_on_stdout(
    tmp_path: Path, make: Callable[[Path], Path], reason: str, report_path: Callable[[str], Path]
) -> None:
    bad = make(tmp_path)
    # A good file before the bad one: still nothing is printed.
    result = run("extract", str(report_path("2013-ubnd-socio-economic-assessment")), str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1
    assert str(bad) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.stderr


def test_an_empty_file_gives_an_empty_valid_result(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b"")
    result = run("extract", str(empty))
    assert result.returncode == 0
    out = json.loads(result.stdout)
    assert out["documents"] == [] and out["relations"] == [] and out["source"]["lines"] == 0


def test_eval_prints_the_table() -> None:
    result = run("eval")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("kind")
    assert "citations" in result.stdout and "document issuer correct" in result.stdout


def test_an_unreadable_annotation_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run("eval", "--annotations", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"policykg: {tmp_path}: no annotation files (*.json)"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "value"), [("POLICYKG_PORT", "eighty"), ("POLICYKG_QUERY_TIMEOUT", "-1")])
def test_a_bad_setting_is_one_line_naming_it(name: str, value: str) -> None:
    result = run("extract", "--format", "table", **{name: value})
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0] and f"{name}={value!r}" in result.stderr


def test_zero_turns_the_lookup_cache_and_warm_up_off() -> None:
    result = run("extract", "--format", "table", POLICYKG_WARM_DOCUMENTS="0", POLICYKG_LOOKUP_CACHE_MB="0")
    assert result.returncode == 0, result.stderr


def _installed(*args: str, cwd: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """The `policykg` entry point of the environment, as an installed command is run: from any folder."""
    command = Path(sys.executable).parent / "policykg"
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env = {**env, "PYTHONIOENCODING": "utf-8", **settings}
    return subprocess.run([str(command), *args], capture_output=True, text=True, cwd=cwd, env=env, check=False)


def test_the_bundled_corpus_is_found_outside_the_repository(tmp_path: Path) -> None:
    result = _installed("extract", "--format", "table", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    headings = [line for line in result.stdout.splitlines() if line.startswith("# ")]
    stems = sorted(p.stem for p in (ROOT / "data" / "reports").glob("*.txt"))
    assert len(headings) == len(stems) == 5
    for heading, stem in zip(headings, stems, strict=True):
        assert f"{stem}.txt — " in heading
    assert "2009/QĐ-TTg" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written where it ran


def test_reports_dir_setting_overrides_the_bundled_corpus(tmp_path: Path, report_path: Callable[[str], Path]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "only.txt").write_bytes(report_path("2012-9m-portal-socio-economic-article").read_bytes())
    result = _installed("extract", "--format", "table", cwd=tmp_path, POLICYKG_REPORTS_DIR=str(folder))
    assert result.returncode == 0, result.stderr
    assert [line.split(" — ")[0] for line in result.stdout.splitlines() if line.startswith("# ")] == [
        f"# {folder / 'only.txt'}"
    ]


def test_eval_outside_the_repository_names_the_annotations_option(tmp_path: Path) -> None:
    result = _installed("eval", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--annotations" in lines[0] and "Traceback" not in result.stderr
    found = _installed("eval", "--annotations", str(ROOT / "tests" / "annotations"), cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("kind")

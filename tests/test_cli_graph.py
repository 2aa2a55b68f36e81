"""`build`, `validate` and `query` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "reports" / "2013-ubnd-socio-economic-assessment.txt"
VALID = ROOT / "tests" / "graph" / "fixtures" / "valid.ttl"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "policykg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = run("build", str(REPORT), "--store", str(path))
    assert result.returncode == 0, result.stderr
    assert "triples in 3 graphs" in result.stdout
    return path


def test_validate_the_built_store(store: Path) -> None:
    result = run("validate", "--store", str(store))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip().startswith("0 violations")


def test_validate_a_store_loaded_without_validation_finds_what_is_wrong(store: Path, tmp_path: Path) -> None:
    dataset = next((store / "builds").iterdir()) / "dataset.nq"
    lines = dataset.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = tmp_path / "broken.nq"
    broken.write_text("".join(line for line in lines if "ontology#sha256>" not in line), encoding="utf-8")
    assert run("load", str(broken), "--store", str(tmp_path / "loaded")).returncode == 0
    result = run("validate", "--store", str(tmp_path / "loaded"))
    assert result.returncode == 1
    assert result.stdout.startswith("2013-ubnd-socio-economic-assessment.txt: Violation ")
    assert "pkg:sha256" in result.stdout and result.stderr.strip() == "1 violations, 0 warnings"


def test_validate_files_reports_violations_with_their_origin(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(VALID.read_text(encoding="utf-8").replace('pkg:symbol "2038/QĐ-TTg"', 'pkg:symbol "2038-QĐ/TTg"'),
                   encoding="utf-8")  # fmt: skip
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "2013-ubnd-socio-economic-assessment.txt:48: Violation" in result.stdout
    assert "Quyết định 2038/QĐ-TTg" in result.stdout


def test_a_broken_turtle_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix pkg: <https://w3id.org/policykg/ontology#> .\npkg:a pkg:b \n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().split("\n")) == 1 and str(bad) in result.stderr
    assert "Traceback" not in result.stderr


def test_query_a_bundled_query_with_a_parameter_as_json(store: Path) -> None:
    result = run("query", "mentions", "--store", str(store), "--format", "json",
                 "--bind", "entity=<https://w3id.org/policykg/id/document/2009-qd-ttg-2013>")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert [r["line"]["value"] for r in rows] == ["45"]


def test_query_text_as_csv_and_a_file(store: Path, tmp_path: Path) -> None:
    text = "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?r a pkg:Report }"
    result = run("query", text, "--store", str(store), "--format", "csv")
    assert result.stdout.split() == ["n", "1"]
    rq = tmp_path / "q.rq"
    rq.write_text(text, encoding="utf-8")
    assert run("query", f"@{rq}", "--store", str(store)).stdout.startswith("n\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELECT * WHERE { ?s ?p }"], "SPARQL syntax error"),
        (["query", "@/nonexistent.rq"], "cannot read the query file"),
        (["query", "mentions", "--bind", "doc"], "expected NAME=VALUE"),
    ],
)
def test_query_errors_are_one_line(store: Path, args: list[str], message: str) -> None:
    result = run(*args, "--store", str(store))
    assert result.returncode == 2
    assert len(result.stderr.strip().split("\n")) == 1 and message in result.stderr


def test_query_without_a_store_says_to_build(tmp_path: Path) -> None:
    result = run("query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(tmp_path / "none"))
    assert result.returncode == 2
    assert "no store built yet; run `policykg build` first" in result.stderr


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_load_leaves_nothing_new_behind(tmp_path: Path, existing: bool) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("not N-Quads\n", encoding="utf-8")
    target = tmp_path / "store"
    if existing:
        target.mkdir()
    result = run("load", str(bad), "--store", str(target))
    assert result.returncode == 2 and "not valid N-Quads" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (list(target.iterdir()) == []) if existing else not target.exists()

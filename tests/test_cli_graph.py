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


def test_an_ill_typed_literal_gives_no_library_traceback(tmp_path: Path) -> None:
    # rdflib logs a warning with a traceback for every literal it cannot convert; the user sees policykg's lines.
    bad = tmp_path / "ill-typed.ttl"
    text = VALID.read_text(encoding="utf-8")
    assert '"337"^^xsd:nonNegativeInteger' in text
    bad.write_text(text.replace('"337"^^xsd:nonNegativeInteger', '"abc"^^xsd:nonNegativeInteger'), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "pkg:lineCount = abc" in result.stdout
    assert "Traceback" not in result.stderr and "Failed to convert" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.strip().endswith("violations, 0 warnings")


def test_a_broken_file_with_an_ill_typed_literal_is_still_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n<urn:a> <urn:b> "abc"^^xsd:integer .\n'
                   "<urn:a> <urn:b> \n", encoding="utf-8")  # fmt: skip
    result = run("validate", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"policykg: {bad}")


def test_a_word_that_is_no_bundled_query_is_named(store: Path) -> None:
    from policykg import queries

    result = run("query", "nosuchquery", "--store", str(store))
    assert result.returncode == 2 and result.stdout == ""
    names = ", ".join(queries.names())
    assert result.stderr.strip() == f"policykg: unknown query name 'nosuchquery'; bundled queries: {names}"
    assert "timeline" in names and "mentions" in names


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
        "PREFIX x: <urn:x:>\n# remove everything\nDELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "LOAD <https://example.org/data.ttl>",
        "WITH <urn:x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_an_update_says_the_store_is_read_only(store: Path, update: str) -> None:
    result = run("query", update, "--store", str(store))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policykg: the store is read-only")
    assert "syntax error" not in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        "https://w3id.org/policykg/id/document/2009-qd-ttg-2013",
        "<https://w3id.org/policykg/id/document/2009-qd-ttg-2013>",
    ],
)
def test_a_bare_iri_is_bound_as_an_iri(store: Path, value: str) -> None:
    result = run("query", "mentions", "--store", str(store), "--format", "json", "--bind", f"entity={value}")
    assert result.returncode == 0, result.stderr
    assert [r["line"]["value"] for r in json.loads(result.stdout)["results"]["bindings"]] == ["45"]


def test_a_quoted_iri_stays_a_literal(store: Path) -> None:
    quoted = '"https://w3id.org/policykg/id/document/2009-qd-ttg-2013"'
    result = run("query", "mentions", "--store", str(store), "--format", "json", "--bind", f"entity={quoted}")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"] == []


def test_a_bad_iri_to_bind_is_one_line(store: Path) -> None:
    result = run("query", "mentions", "--store", str(store), "--bind", "entity=https://bad iri/")
    assert result.returncode == 2 and "not a valid IRI" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, where `29-NQ/TW` names two documents (one of 2013, one with no year)."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    result = run("build", "--store", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_an_ambiguous_export_focus_names_the_year_option(corpus_store: Path) -> None:
    result = run("export", "--focus", "29-NQ/TW", "--store", str(corpus_store))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pick one with --year" in lines[0] and "?year=" not in lines[0]
    assert "https://w3id.org/policykg/id/document/29-nq-tw-khoa-xi (2013)" in lines[0]


def test_export_year_picks_the_focus_document(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.graphml"
    args = ["export", "--focus", "29-NQ/TW", "--year", "2013", "--depth", "0", "-o", str(out)]
    result = run(*args, "--store", str(corpus_store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote 1 nodes and 0 edges")
    assert 'id="https://w3id.org/policykg/id/document/29-nq-tw-khoa-xi"' in out.read_text(encoding="utf-8")
    missing = run("export", "--focus", "29-NQ/TW", "--year", "1999", "--store", str(corpus_store))
    assert missing.returncode == 2 and missing.stderr.strip() == "policykg: no document '29-NQ/TW' of 1999"


@pytest.mark.parametrize("depth", ["-1", "two"])
def test_export_refuses_a_depth_that_is_not_zero_or_more(store: Path, tmp_path: Path, depth: str) -> None:
    out = tmp_path / "graph.graphml"
    result = run("export", "--depth", depth, "-o", str(out), "--store", str(store))
    assert result.returncode == 2 and result.stdout == "" and not out.exists()
    assert result.stderr.strip().splitlines()[-1].startswith("policykg export: error: argument --depth: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_an_exported_file_respects_the_umask(store: Path, tmp_path: Path, umask: int, mode: int) -> None:
    out = tmp_path / "graph.csv"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "policykg.cli", "export", "--format", "csv", "-o", str(out), "--store", str(store)],
        capture_output=True, text=True, cwd=ROOT, env=env, check=False, umask=umask,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.stat().st_mode & 0o777 == mode

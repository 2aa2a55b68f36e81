"""`policykg push` into a real Virtuoso through its Graph Store endpoint (HTTP Digest), then read back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.api.conftest import require_virtuoso
from tests.support.virtuoso import running_virtuoso, select

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "reports" / "2012-9m-portal-socio-economic-article.txt"


def test_push_every_named_graph_into_virtuoso(tmp_path: Path) -> None:
    require_virtuoso()
    store = tmp_path / "store"
    cli = [sys.executable, "-m", "policykg.cli"]
    subprocess.run([*cli, "build", str(REPORT), "--store", str(store)], cwd=ROOT, check=True, capture_output=True)
    seed = tmp_path / "seed" / "seed.nq"
    seed.parent.mkdir()
    seed.write_text("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n", encoding="utf-8")
    with running_virtuoso(seed, tmp_path / "virtuoso") as virtuoso:
        crud = f"http://127.0.0.1:{virtuoso.http_port}/sparql-graph-crud-auth"
        result = subprocess.run(
            [*cli, "push", "--endpoint", crud, "--store", str(store), "--graph-parameter", "graph-uri",
             "--user", "dba"],
            cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "POLICYKG_PUSH_PASSWORD": "dba"},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        pushed = dict(line.removeprefix("pushed ").rsplit(": ", 1) for line in result.stdout.splitlines())
        assert len(pushed) == 3  # the report, the reference data, the ontology
        for graph, triples in pushed.items():
            rows = select(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graphs=[graph])
            assert int(rows[0]["n"]["value"]) == int(triples.split()[0]), graph
        wrong = subprocess.run(
            [*cli, "push", "--endpoint", crud, "--store", str(store), "--graph-parameter", "graph-uri",
             "--user", "dba", "--password", "wrong"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert wrong.returncode == 2 and len(wrong.stderr.strip().splitlines()) == 1
